"""One sponsor entry of a UN data extract → the States it names, and whether it is kept as a note.

Most entries are a State name. The others say more than a name, and what they say is kept whole
as a note on the resolution: a State sponsoring on behalf of a group ("CUBA (ON BEHALF OF THE
STATES MEMBERS ... GROUP OF 77 AND CHINA)", the State is still a sponsor), an organ or officer
that submitted the draft ("SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY", no State), or
two States in one entry ("UNITED STATES AND VIET NAM"). The phrases that tell these apart are
data, in ``un-sponsor-phrases.tsv``. An entry that none of this reads is reported by the caller
as an unknown State name, and kept as a note.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.akn.state_names import StateNames
from graph.normalize import fold

__all__ = ["SPONSOR_PHRASES_FILE", "Sponsor", "SponsorPhrases", "load_sponsor_phrases",
           "read_sponsor", "read_sponsors"]

SPONSOR_PHRASES_FILE = Path(__file__).with_name("un-sponsor-phrases.tsv")
_KINDS = ("on-behalf", "not-a-state")
_SEPARATOR = re.compile(r"(\s*,\s*|\s+and\s+)", re.IGNORECASE)


@dataclass(frozen=True)
class Sponsor:
    """What one sponsor entry says.

    ``states`` are the alpha-3 codes of the sponsoring States; ``note`` is True when the entry
    says more than State names and is kept as written; ``known`` is False when nothing in it
    could be read (a name missing from the data files).
    """

    states: tuple[str, ...]
    note: bool
    known: bool = True


@dataclass(frozen=True)
class SponsorPhrases:
    """The phrases of ``un-sponsor-phrases.tsv``, as patterns over folded text, by kind."""

    on_behalf: tuple[re.Pattern[str], ...]
    not_a_state: tuple[re.Pattern[str], ...]


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase matched in folded text, whatever the spaces between its words."""
    return re.compile(r"\s+".join(re.escape(word) for word in fold(phrase).split()))


@cache
def load_sponsor_phrases(path: Path = SPONSOR_PHRASES_FILE) -> SponsorPhrases:
    """Read the phrases file; a wrong line raises ValueError naming it."""
    found: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in _KINDS}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or row[1].strip() not in _KINDS:
                raise ValueError(f"{path.name}: line {number}: expected a phrase, a tab and "
                                 f"one of {', '.join(_KINDS)}, got {row!r}")
            found[row[1].strip()].append(_phrase_pattern(row[0]))
    return SponsorPhrases(tuple(found["on-behalf"]), tuple(found["not-a-state"]))


def read_sponsor(entry: str, names: StateNames, phrases: SponsorPhrases) -> Sponsor:
    """Read one entry; see the module docstring for the order of the readings."""
    code = names.resolve(entry)
    if code is not None:
        return Sponsor((code,), note=False)
    folded = fold(entry)
    behalf = _first_match(folded, phrases.on_behalf)
    if behalf is not None:
        states = _states(_without_qualifier(entry, behalf), names)
        if states:
            return Sponsor(states, note=True)
    if _first_match(folded, phrases.not_a_state) is not None:
        return Sponsor((), note=True)
    states = _states(entry, names)
    if states:
        return Sponsor(states, note=False)
    return Sponsor((), note=True, known=False)


def read_sponsors(entries: Sequence[str], names: StateNames,
                  phrases: SponsorPhrases) -> list[Sponsor]:
    """Read the entries of one list; two unknown ones may be the fragments of one State name."""
    sponsors = [read_sponsor(entry, names, phrases) for entry in entries]
    codes: list[str | None] = [None if not s.known else "" for s in sponsors]
    names.join_fragments(entries, codes)
    return [Sponsor((code,), note=False) if code and not sponsor.known else sponsor
            for sponsor, code in zip(sponsors, codes, strict=True)]


def _first_match(folded: str, patterns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    matches = [m for m in (p.search(folded) for p in patterns) if m is not None]
    return min(matches, key=lambda m: m.start(), default=None)


def _without_qualifier(entry: str, qualifier: re.Match[str]) -> str:
    """The entry without its "(on behalf of …)" or ", on behalf of …" part.

    A parenthesised qualifier ends at the last closing parenthesis (it may hold others: "(BANGKOK
    TREATY))"); what follows it is kept ("NIGERIA (ON BEHALF OF …) AND PORTUGAL").
    """
    head = entry[: qualifier.start()].rstrip()
    if head.endswith("("):
        close = entry.rfind(")")
        tail = entry[close + 1:] if close > qualifier.start() else ""
        return head[:-1].rstrip() + tail
    return head.rstrip(",").rstrip()


def _states(text: str, names: StateNames) -> tuple[str, ...]:
    """The States of "A, B AND C", each part a known name; () unless every part is one.

    Parts are joined back greedily, longest first, because State names hold the separators
    themselves ("ANTIGUA AND BARBUDA", "BONAIRE, SINT EUSTATIUS AND SABA").
    """
    tokens = _SEPARATOR.split(text.strip())
    codes: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens) - 1, i - 1, -2):
            code = names.resolve("".join(tokens[i:j + 1]))
            if code is not None:
                codes.append(code)
                i = j + 2
                break
        else:
            return ()
    return tuple(codes)
