"""Reading a French date expression from its own words, before its year is known.

The second step of :func:`graph.extract.dates.find_dates`: every pattern of
:mod:`graph.extract.date_patterns` proposes candidates, overlapping candidates are settled
(longest first), and each match is read into numbers (day, month, year, semester, time) and
extended with what follows it (a time, "chaque année", "de cette année") or precedes it
(deadline words).  What the words leave open, the year above all, is resolved afterwards from
the context, in :mod:`graph.extract.dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import time
from typing import Literal

from graph.extract.date_patterns import (
    DASH_RANGE,
    DAY,
    DAY_LIST,
    DAY_RANGE,
    DEADLINE_BEFORE,
    LABEL_BEFORE,
    LIST_ITEM,
    MONTH_AFTER_CUE,
    MONTH_FIRST_DAY,
    MONTH_FIRST_RANGE,
    MONTH_HEADING,
    MONTH_RANGE,
    MONTH_RECURRING,
    MONTH_YEAR,
    MONTHS,
    NUMERIC,
    ORDINAL_VALUES,
    RECURRENCE,
    RECURRING_SUFFIX,
    SEMESTER,
    SENTENCE_END,
    THIS_YEAR_SUFFIX,
    TIME_ALONE,
    TIME_SUFFIX,
    YEAR_AFTER_CUE,
    YEAR_CELL,
    YEAR_RANGE,
)

Precision = Literal["day", "month", "semester", "quarter", "year", "time"]
"""How much of the calendar a mention names; "time" is a time of day with no date of its own."""


@dataclass
class Reading:
    """A date as read from its own words, before the year is resolved from context."""

    start: int
    end: int
    kind: Precision
    d1: int | None = None
    m1: int | None = None
    y1: int | None = None
    d2: int | None = None
    m2: int | None = None
    y2: int | None = None
    part: tuple[int, int] | None = None  # (first, last) semester or quarter
    t1: time | None = None
    t2: time | None = None
    recurring: bool = False
    deadline: bool = False
    this_year: bool = False
    heading: bool = False  # a year cell: sets the context, is itself a year mention


@dataclass
class _Candidate:
    start: int
    end: int
    priority: int
    readings: list[Reading] = field(default_factory=list)


def _month_number(token: str) -> int:
    """Month number of a folded month word or abbreviation."""
    for prefix, number in MONTHS.items():
        if token.startswith(prefix):
            return number
    raise ValueError(f"not a month: {token!r}")


def _day_number(token: str) -> int:
    """Day of a day token: "1er", "1 er" and "premier" are the first."""
    return int(token) if token.isdigit() else 1


def _ordinal_number(token: str) -> int:
    compact = token.replace(" ", "")
    for prefix, number in ORDINAL_VALUES:
        if compact.startswith(prefix):
            return number
    raise ValueError(f"not an ordinal: {token!r}")


def _year_number(token: str) -> int:
    """A year; two digits (only in "28/janvier/08") read as 20xx below 50, else 19xx."""
    value = int(token)
    if len(token) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value


def _group_int(m: re.Match[str], name: str, reader: Callable[[str], int]) -> int | None:
    """A group read as a number, or None when the group did not take part in the match."""
    value = m.group(name)
    return None if value is None else reader(value)


def _read_days(m: re.Match[str], kind: str) -> list[Reading]:
    """Readings of the day patterns (single day, ranges and lists)."""
    d1 = _day_number(m.group("d1"))
    names = m.groupdict()
    m1 = _group_int(m, "m1", _month_number) if "m1" in names else None
    y1 = _group_int(m, "y1", _year_number) if "y1" in names else None
    if kind == "day":
        if m1 is None:
            m1 = _month_number(m.group("m1s"))
            y1 = _year_number(m.group("y1s"))
        return [Reading(m.start(), m.end(), "day", d1=d1, m1=m1, y1=y1)]
    d2 = _day_number(m.group("d2"))
    m2 = _month_number(m.group("m2"))
    y2 = _group_int(m, "y2", _year_number)
    if kind == "list":
        return _read_list(m, d1, d2, m2, y2)
    return [Reading(m.start(), m.end(), "day", d1=d1, m1=m1, y1=y1, d2=d2, m2=m2, y2=y2)]


def _read_month_first_range(m: re.Match[str]) -> list[Reading]:
    """"July 13-15, 2016", "July 30 to August 2, 2016": the second month is the first's
    when not written again."""
    m1 = _month_number(m.group("m1"))
    m2 = _group_int(m, "m2", _month_number) or m1
    y2 = _group_int(m, "y2", _year_number)
    y1 = _group_int(m, "y1", _year_number)
    d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2"))
    if (m2, d2) <= (m1, d1) and y1 is None:
        return []  # "May 5 - 3" is no range
    return [Reading(m.start(), m.end(), "day", d1=d1, m1=m1, y1=y1, d2=d2, m2=m2, y2=y2)]


def _read_list(m: re.Match[str], d1: int, d2: int, m2: int, y2: int | None) -> list[Reading]:
    """Days "30 et 31 octobre" are one two-day span; "5, 12 et 19 mars" are three dates."""
    offset = m.start("more")
    items = [
        (offset + item.start(), offset + item.end(), _day_number(item.group().replace(" ", "")))
        for item in LIST_ITEM.finditer(m.group("more"))
    ]
    if not items and d2 == d1 + 1:
        return [Reading(m.start(), m.end(), "day", d1=d1, m1=m2, y1=y2, d2=d2, m2=m2, y2=y2)]
    readings = [Reading(m.start("d1"), m.end("d1"), "day", d1=d1, m1=m2, y1=y2)]
    for start, end, value in items:
        readings.append(Reading(start, end, "day", d1=value, m1=m2, y1=y2))
    readings.append(Reading(m.start("d2"), m.end(), "day", d1=d2, m1=m2, y1=y2))
    return readings


def _read_numeric(m: re.Match[str]) -> list[Reading]:
    if m.group("d"):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    else:
        d, mo, y = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
    return [Reading(m.start(), m.end(), "day", d1=d, m1=mo, y1=y)]


def _read_month_range(m: re.Match[str]) -> list[Reading]:
    for suffix in ("", "e", "c"):
        if m.group("m2" + suffix):
            m1 = _month_number(m.group("m1" + suffix))
            m2 = _month_number(m.group("m2" + suffix))
            y1 = _group_int(m, "y1" + suffix, _year_number) if suffix != "c" else None
            y2 = _group_int(m, "y2" + suffix, _year_number)
            return [Reading(m.start(), m.end(), "month", m1=m1, y1=y1, m2=m2, y2=y2)]
    return []


def _read_month(m: re.Match[str]) -> list[Reading]:
    names = m.groupdict()
    y1 = _group_int(m, "y1", _year_number) if "y1" in names else None
    return [Reading(m.start("m1"), m.end(), "month", m1=_month_number(m.group("m1")), y1=y1)]


def _read_semester(m: re.Match[str]) -> list[Reading]:
    unit = m.group("unit")
    count = 2 if unit == "semestre" else 4
    first = _ordinal_number(m.group("o1"))
    last = _ordinal_number(m.group("o2")) if m.group("o2") else first
    first, last = (count if n == -1 else n for n in (first, last))
    if not 1 <= first <= last <= count:
        return []
    kind: Precision = "semester" if unit == "semestre" else "quarter"
    year = _group_int(m, "y1", _year_number)
    return [Reading(m.start(), m.end(), kind, part=(first, last), y1=year)]


def _read_year_range(m: re.Match[str]) -> list[Reading]:
    for suffix in ("", "d", "e"):
        if m.group("y1" + suffix):
            y1, y2 = int(m.group("y1" + suffix)), int(m.group("y2" + suffix))
            if not 0 < y2 - y1 <= 10:
                return []
            return [Reading(m.start(), m.end(), "year", y1=y1, y2=y2)]
    return []


def _read_year(m: re.Match[str], heading: bool = False) -> list[Reading]:
    """A year; the cue word before it ("en 2004") is not part of the span."""
    year = int(m.group("y1"))
    return [Reading(m.start("y1"), m.end("y1"), "year", y1=year, heading=heading)]


def _read_time(m: re.Match[str]) -> list[Reading]:
    t1, t2 = _times(m)
    return [Reading(m.start(), m.end(), "time", t1=t1, t2=t2)]


def _times(m: re.Match[str]) -> tuple[time, time | None]:
    def read(n: int) -> time | None:
        hour = m.group(f"h{n}")
        if hour is None:
            return None
        minute = m.group(f"m{n}") or m.group(f"c{n}") or "0"
        value, meridiem = int(hour), m.group(f"ap{n}")
        if meridiem == "p" and value < 12:
            value += 12
        elif meridiem == "a" and value == 12:
            value = 0
        return time(value, int(minute))

    first = read(1)
    assert first is not None  # the pattern requires the first time
    return first, read(2)


def _is_real_time(m: re.Match[str]) -> bool:
    """A lone "12 h" may be a duration; a time standing alone needs minutes or a range."""
    return bool(m.group("m1") or m.group("c1") or m.group("h2"))


_Reader = Callable[[re.Match[str]], list[Reading]]

_PATTERNS: tuple[tuple[re.Pattern[str], _Reader, bool], ...] = (
    # (pattern, reader, whether the match starts with a number that a label could own)
    (MONTH_FIRST_RANGE, _read_month_first_range, False),
    (DAY_RANGE, lambda m: _read_days(m, "range"), False),
    (DASH_RANGE, lambda m: _read_days(m, "range"), True),
    (DAY_LIST, lambda m: _read_days(m, "list"), True),
    (MONTH_FIRST_DAY, lambda m: _read_days(m, "day"), False),
    (DAY, lambda m: _read_days(m, "day"), True),
    (NUMERIC, _read_numeric, True),
    (MONTH_RANGE, _read_month_range, False),
    (MONTH_YEAR, _read_month, False),
    (SEMESTER, _read_semester, True),
    (YEAR_RANGE, _read_year_range, True),
    (MONTH_AFTER_CUE, _read_month, False),
    (MONTH_HEADING, _read_month, False),
    (MONTH_RECURRING, _read_month, False),
    (YEAR_AFTER_CUE, _read_year, False),
    (YEAR_CELL, lambda m: _read_year(m, heading=True), True),
)


def find_candidates(folded: str) -> Iterator[_Candidate]:
    for priority, (pattern, reader, number_first) in enumerate(_PATTERNS):
        for m in pattern.finditer(folded):
            if number_first and follows_label(folded, m.start()):
                continue
            readings = reader(m)
            if readings:
                start = min(r.start for r in readings)
                yield _Candidate(start, max(r.end for r in readings), priority, readings)
    for m in TIME_ALONE.finditer(folded):
        if _is_real_time(m):
            yield _Candidate(m.start(), m.end(), len(_PATTERNS), _read_time(m))


def follows_label(folded: str, start: int) -> bool:
    """Whether a number is an identifier: "AG/RES. 2028", "paragraphe 25", "US$ 2019"."""
    return bool(LABEL_BEFORE.search(folded, max(0, start - 16), start))


def select_longest(candidates: Iterator[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, then earliest, then by pattern order."""
    starts: list[int] = []
    chosen: list[_Candidate] = []  # kept sorted by start, so that neighbours are found by bisection
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.priority)):
        k = bisect_right(starts, candidate.start)
        if k > 0 and chosen[k - 1].end > candidate.start:
            continue
        if k < len(chosen) and chosen[k].start < candidate.end:
            continue
        starts.insert(k, candidate.start)
        chosen.insert(k, candidate)
    return chosen


def extend_reading(folded: str, reading: Reading, limit: int) -> None:
    """Attach a time, a recurrence or "de cette année" that follows, and deadline words."""
    if reading.kind == "day":
        m = TIME_SUFFIX.match(folded, reading.end, limit)
        if m:
            reading.t1, reading.t2 = _times(m)
            reading.end = m.end()
    partial = reading.kind in ("day", "month") and reading.y1 is None and reading.y2 is None
    if partial:
        if m := RECURRING_SUFFIX.match(folded, reading.end, limit):
            reading.recurring = True
            reading.end = m.end()
        elif m := THIS_YEAR_SUFFIX.match(folded, reading.end, limit):
            reading.this_year = True
            reading.end = m.end()
        elif _recurrence_in_sentence(folded, reading.start):
            reading.recurring = True
    before = folded[max(0, reading.start - 40) : reading.start]
    reading.deadline = bool(DEADLINE_BEFORE.search(before))


def _recurrence_in_sentence(folded: str, start: int) -> bool:
    """Whether the sentence said the date recurs before it ("tous les ans, au plus tard le …")."""
    sentence_start = 0
    for m in SENTENCE_END.finditer(folded, max(0, start - 200), start):
        sentence_start = m.end()
    return bool(RECURRENCE.search(folded, max(sentence_start, start - 200), start))
