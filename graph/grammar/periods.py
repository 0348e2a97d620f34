"""Lengths of time as written ("90 days", "six months", "quatre mois", "seis meses") and their
xsd:duration ("P90D", "P6M"), shared by the deadline and the periodicity grammars.

A shape of a data file says {n} for a number (digits or words, :mod:`graph.grammar.numbers`) and
{unit} for a unit word; the unit words and their ISO 8601 designators are the "unit" rows of the
same table, so each grammar keeps its wording in its own file.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from graph.grammar.numbers import number_pattern, number_value
from graph.grammar.tables import values

__all__ = ["add_duration", "duration_of", "expand"]


def _units(table: str, language: str) -> list[tuple[str, str]]:
    return values(table, language, "unit")


def expand(shape: str, table: str, language: str) -> str:
    """A shape with {n} and {unit} as a regular expression with the groups ``n`` and ``u``."""
    unit_re = "|".join(p for p, _ in _units(table, language))
    return (shape.replace("{n}", f"(?P<n>{number_pattern(language, 'cardinal')})")
            .replace("{unit}", f"(?P<u>{unit_re})"))


def duration_of(match: re.Match[str], table: str, language: str,
                default_count: int = 1) -> str | None:
    """The xsd:duration of a match of an :func:`expand`-ed shape, or None when it is none."""
    groups = match.groupdict()
    count = default_count
    if groups.get("n"):
        value = number_value(groups["n"], language, "cardinal")
        if value is None:
            return None
        count = value
    unit_text = groups.get("u") or ""
    for pattern, designator in _units(table, language):
        if re.fullmatch(pattern, unit_text, re.IGNORECASE):
            return f"P{count}{designator}"
    return None


def add_duration(start: date, duration: str) -> date | None:
    """``start`` plus an xsd:duration of one designator ("P90D", "P6M", "P1Y", "P2W")."""
    parsed = re.fullmatch(r"P(\d+)([DWMY])", duration)
    if parsed is None:
        return None
    count, unit = int(parsed.group(1)), parsed.group(2)
    if unit in "DW":
        return start + timedelta(days=count * (7 if unit == "W" else 1))
    months = start.month - 1 + count * (12 if unit == "Y" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
