"""Full calendar dates in English, French and Spanish text, with their spans.

Resolutions date their adoption ("on 10 January 2024", "le 10 janvier 2024", "celebrada el 10
de enero de 2024", "At its regular meeting of July 13, 2016") and their deadlines ("by 15 June
2025"). The shapes of a date are lines of ``dates.tsv`` and the month names come from the CLDR
data babel ships, so neither is grown by hand here. Only complete dates (day, month, year) are
found: a partial date ("in June") is not a deadline anyone can check, and an impossible one
("31 June 2025") is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel.dates import get_month_names

from graph.grammar.tables import LANGUAGES, alternation, load_table, patterns, regex, values

__all__ = ["DateFound", "date_pattern", "find_dates", "month_names", "read_date"]

TABLE = "dates.tsv"


@dataclass(frozen=True)
class DateFound:
    """A date as written in a text: where it is and which day it names."""

    start: int
    end: int
    date: date


@dataclass(frozen=True)
class _Grammar:
    shapes: re.Pattern[str]
    months: dict[str, int]
    first: tuple[re.Pattern[str], ...]


def _month_names(language: str) -> dict[str, int]:
    """Month name (folded to lower case, without a final dot) → number: CLDR plus the table."""
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=language).items():
            name = name.lower().rstrip(".")
            if len(name) > 2:
                months.setdefault(name, number)
    for pattern, value in load_table(TABLE).get((language, "month"), []):
        months[pattern.lower()] = int(value)
    return months


@cache
def month_names(language: str) -> dict[str, int]:
    """Month name (lower case, no final dot) → number, as the date shapes read them: for the
    grammars of dates given to the month ("by March 2014")."""
    return _month_names(language)


@cache
def _grammar(language: str) -> _Grammar:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    months = _month_names(language)
    return _Grammar(regex(date_pattern(language)), months,
                    tuple(regex(rf"(?:{p})\Z") for p, _ in values(TABLE, language, "day")))


@cache
def date_pattern(language: str, prefix: str = "") -> str:
    """A regular expression of every date shape of ``language``, its groups named ``prefix…``.

    Other grammars (deadlines) embed it; :func:`read_date` reads a match of it.
    """
    months = _month_names(language)
    month_re = "|".join(sorted((re.escape(m) + r"\.?" for m in months), key=len, reverse=True))
    day_words = patterns(TABLE, language, "day")
    day_re = "|".join([*day_words, r"[12]\d|3[01]|0?[1-9]"])
    shapes = []
    for index, shape in enumerate(patterns(TABLE, language, "date")):
        shapes.append(shape
                      .replace("{day}", rf"(?P<{prefix}d{index}>{day_re})(?!\d)")
                      .replace("{month}", rf"(?P<{prefix}m{index}>{month_re})(?![\w])")
                      .replace("{year}", rf"(?P<{prefix}y{index}>(?:1[89]|20)\d\d)(?!\d)"))
    return rf"(?<![\w/.,-]){alternation(shapes, word=False)}(?!\w)"


def read_date(match: re.Match[str], language: str, prefix: str = "") -> date | None:
    """The day a match of :func:`date_pattern` names, or None when no such day exists."""
    grammar = _grammar(language)
    groups = {name: value for name, value in match.groupdict().items()
              if value is not None and name.startswith(prefix)}
    for name, value in groups.items():
        kind, index = name[len(prefix)], name[len(prefix) + 1:]
        if kind != "d" or not index.isdigit():
            continue
        month_text = groups.get(f"{prefix}m{index}", "").lower().rstrip(".")
        year_text = groups.get(f"{prefix}y{index}")
        month = grammar.months.get(month_text)
        if month is None or year_text is None:
            return None
        day = 1 if any(p.match(value) for p in grammar.first) else int(re.sub(r"\D", "", value))
        try:
            return date(int(year_text), month, day)
        except ValueError:
            return None
    return None


def find_dates(text: str, language: str) -> list[DateFound]:
    """Every full date of ``text`` in ``language`` ("en", "fr", "es"), in text order."""
    found: list[DateFound] = []
    for match in _grammar(language).shapes.finditer(text):
        day = read_date(match, language)
        if day is not None:
            found.append(DateFound(match.start(), match.end(), day))
    return found
