"""Deadlines given to the month, to the half-year, or without their year.

"by March 2014", "en abril de 2023", "au premier semestre de 2023" and "by the end of 2024"
name the last day of that period; "le 31 août au plus tard" takes the year of adoption. The
wording is the "by_month", "month", "half" and "by_day" rows of ``deadline-phrases.tsv``; the
month names are those of :mod:`graph.grammar.dates` (CLDR). A date before the adoption is no
deadline ("the process started in October 2003").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from graph.grammar.dates import month_names
from graph.grammar.tables import alternation, patterns, regex, values

__all__ = ["PartialDate", "find_partial_dates"]

TABLE = "deadline-phrases.tsv"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9]|1\s?(?:er|re|\.º|º|°))(?!\d)"


@dataclass(frozen=True)
class PartialDate:
    """A deadline found with its span (``start``:``end``) and the day it stands for."""

    start: int
    end: int
    date: date


@cache
def _grammar(language: str) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """The month (and half-year) shapes after their deadline words, and the shapes of a day
    without its year, one expression each (their groups share names)."""
    months = month_names(language)
    month_re = "(?P<m>" + "|".join(sorted((re.escape(m) for m in months), key=len,
                                          reverse=True)) + r")(?!\w)"
    halves = "|".join(f"(?P<h{index}>{p})" for index, (p, _) in
                      enumerate(values(TABLE, language, "half")))
    by_month = alternation(patterns(TABLE, language, "by_month"))
    shapes = [p.replace("{month}", month_re).replace("{year}", _YEAR)
              .replace("{half}", f"(?:{halves})" if halves else r"(?!x)x")
              for p in patterns(TABLE, language, "month")]
    by_day = [p.replace("{month}", month_re).replace("{day}", _DAY)
              for p in patterns(TABLE, language, "by_day")]
    return (tuple(regex(rf"{by_month}\s+{shape}") for shape in shapes),
            tuple(regex(rf"(?<!\w){shape}(?!\s*(?:de\s+|del\s+)?(?:19|20)\d\d)")
                  for shape in by_day))


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def find_partial_dates(text: str, start: int, end: int, language: str,
                       adopted: date | None) -> list[PartialDate]:
    """The deadlines of ``text[start:end]`` given to the month or the half-year, or without
    their year (these only when the adoption date is known), in text order."""
    by_month, by_day = _grammar(language)
    months = month_names(language)
    found: list[PartialDate] = []
    halves = values(TABLE, language, "half")
    for m in (m for pattern in by_month for m in pattern.finditer(text, start, end)):
        year = int(m.group("y"))
        if m.groupdict().get("m"):
            day = _last_day(year, months[m.group("m").lower()])
        elif not any(m.groupdict().get(f"h{i}") for i in range(len(halves))):
            day = date(year, 12, 31)  # the end of the year
        else:
            index = next(i for i in range(len(halves)) if m.group(f"h{i}"))
            day = _last_day(year, int(halves[index][1]))
        found.append(PartialDate(m.start(), m.end(), day))
    if adopted is not None:
        for m in (m for pattern in by_day for m in pattern.finditer(text, start, end)):
            digits = re.sub(r"\D", "", m.group("d"))[:2] or "1"
            try:
                day = date(adopted.year, months[m.group("m").lower()], int(digits))
            except ValueError:
                continue
            found.append(PartialDate(m.start(), m.end(), day))
    return sorted((f for f in found if adopted is None or f.date >= adopted),
                  key=lambda f: f.start)
