"""By when a task is due: a date, a session of the body, or a time from the adoption.

"by 15 June 2025", "à sa quatre-vingtième session", "en un plazo de 90 días": the wording is
``deadline-phrases.tsv``, the dates :mod:`graph.grammar.dates`, the ordinals
:mod:`graph.grammar.numbers`. A date with no deadline word before it ("the report of 3 May
2024") is not a deadline. A time from the adoption is also given as a date when the adoption
date is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from graph.grammar.dates import date_pattern, read_date
from graph.grammar.numbers import number_pattern, number_value
from graph.grammar.partial_dates import find_partial_dates
from graph.grammar.periods import add_duration, duration_of, expand
from graph.grammar.tables import alternation, patterns, regex

__all__ = ["Deadline", "find_deadline"]

TABLE = "deadline-phrases.tsv"


@dataclass(frozen=True)
class Deadline:
    """When a task is due, as written (``text`` at ``start:end``) and as read: ``kind`` "date"
    (``date``), "session" (``session``, the session number) or "duration" (``duration``, an
    xsd:duration from the adoption, and ``date`` when the adoption date is known)."""

    start: int
    end: int
    text: str
    kind: str
    date: date | None
    session: int | None
    duration: str | None


@dataclass(frozen=True)
class _Grammar:
    by_date: re.Pattern[str]
    until_date: re.Pattern[str]
    until: re.Pattern[str]
    session: tuple[re.Pattern[str], ...]
    duration: tuple[re.Pattern[str], ...]
    event: re.Pattern[str]


def _with_date(words: list[str], language: str) -> re.Pattern[str]:
    return regex(alternation(words) + r"\s+(?:the\s+)?(?P<when>" + date_pattern(language, "x")
                 + ")")


@cache
def _grammar(language: str) -> _Grammar:
    ordinal = f"(?P<o>{number_pattern(language, 'ordinal')})"
    second = f"(?:{number_pattern(language, 'ordinal')})"
    by_words = [p.replace("{date}", date_pattern(language, "z")) for p in
                patterns(TABLE, language, "by_date")]
    return _Grammar(
        _with_date(by_words, language),
        _with_date(patterns(TABLE, language, "until_date"), language),
        _with_date(patterns(TABLE, language, "until"), language),
        tuple(regex(alternation([p.replace("{ordinal}", ordinal).replace("{ordinal2}", second)]))
              for p in patterns(TABLE, language, "session")),
        tuple(regex(alternation([expand(p, TABLE, language)]))
              for p in patterns(TABLE, language, "duration")),
        regex(alternation(patterns(TABLE, language, "event")) + r"\s+\Z"),
    )


def _first(grammars: tuple[re.Pattern[str], ...], text: str, start: int,
           end: int) -> re.Match[str] | None:
    found = [m for p in grammars if (m := p.search(text, start, end)) is not None]
    return min(found, key=lambda m: m.start()) if found else None


def find_deadline(text: str, start: int, end: int, language: str, *,
                  adopted: date | None = None, extension: bool = False) -> Deadline | None:
    """The first deadline in ``text[start:end]``, a date winning over a session.
    ``extension``: the paragraph extends a mandate, whose end date ("until 30 April 2025", "to
    30 April 2025") is then its deadline; any other task's end is read after fewer words
    ("until", "jusqu'au")."""
    grammar = _grammar(language)

    def event(position: int) -> bool:
        """The date of an event the paragraph mentions ("which will be held before ...")."""
        return bool(grammar.event.search(text[max(0, position - 40):position]))

    found: list[Deadline] = []
    date_grammars = [grammar.by_date, grammar.until_date if extension else grammar.until]
    for pattern in date_grammars:
        for m in pattern.finditer(text, start, end):
            day = read_date(m, language, "x")
            if day is not None and not event(m.start()):
                found.append(Deadline(m.start(), m.end(), m.group(), "date", day, None, None))
                break
    found.extend(Deadline(p.start, p.end, text[p.start:p.end], "date", p.date, None, None)
                 for p in [p for p in find_partial_dates(text, start, end, language, adopted)
                           if not event(p.start)][:1])
    session = _first(grammar.session, text, start, end)
    if session:
        number = number_value(session.group("o"), language, "ordinal")
        if number is not None:
            found.append(Deadline(session.start(), session.end(), session.group(), "session",
                                  None, number, None))
    period = _first(grammar.duration, text, start, end)
    if period:
        duration = duration_of(period, TABLE, language)
        if duration is not None:
            due = add_duration(adopted, duration) if adopted else None
            found.append(Deadline(period.start(), period.end(), period.group().strip(),
                                  "duration", due, None, duration))
    if any(d.kind == "date" for d in found):
        # a date wins over a session
        found = [d for d in found if d.kind != "session"]
    return min(found, key=lambda d: d.start) if found else None
