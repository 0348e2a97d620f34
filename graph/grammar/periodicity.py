"""How often a task recurs: "every 120 days" → P120D, "tous les quatre mois" → P4M,
"anualmente" → P1Y.

The wording is ``periodicity.tsv``; "on a regular basis" names no period and is not read as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.grammar.periods import duration_of, expand
from graph.grammar.tables import alternation, patterns, regex, values

__all__ = ["Periodicity", "find_periodicity"]

TABLE = "periodicity.tsv"


@dataclass(frozen=True)
class Periodicity:
    """A recurrence as written (``text`` at ``start:end``) and its xsd:duration."""

    start: int
    end: int
    text: str
    duration: str


@cache
def _grammar(language: str) -> tuple[tuple[re.Pattern[str], str | None], ...]:
    every: list[tuple[re.Pattern[str], str | None]] = [
        (regex(alternation([expand(p, TABLE, language)])), None)
        for p in patterns(TABLE, language, "every")]
    fixed: list[tuple[re.Pattern[str], str | None]] = [
        (regex(alternation([p])), v) for p, v in values(TABLE, language, "fixed")]
    return tuple(every + fixed)


def find_periodicity(text: str, start: int, end: int, language: str) -> Periodicity | None:
    """The first recurrence stated in ``text[start:end]``, the longest when two start together."""
    best: Periodicity | None = None
    for pattern, fixed in _grammar(language):
        for m in pattern.finditer(text, start, end):
            duration = fixed or duration_of(m, TABLE, language)
            if duration is None:
                continue
            found = Periodicity(m.start(), m.end(), m.group(), duration)
            if best is None or (found.start, -found.end) < (best.start, -best.end):
                best = found
            break
    return best
