"""French date expressions: where they are, what they mean, and how sure the year is.

Mandate documents date meetings ("Jeudi 24 octobre (10 h 00 – 13 h00)"), deadlines ("au plus
tard le 15 avril de chaque année"), periods ("2019-2020", "premier semestre 2020") and ranges
("du 28 février au 2 mars 2020").  Calendars often leave the year out and put it in a heading
("2020" on its own line), so a date is first *read* from its own words, then its year is
*resolved* from the context in reading order.  A resolved year is flagged ``year_inferred``; when
no year can be found the date stays partial (``start_date`` is None, ``day``/``month`` are set)
rather than being guessed.

Patterns are matched against :func:`graph.normalize.fold` of the text (lower case, no accents),
which has the same length, so spans index the text that was given.  Expressions never cross a
tab or a newline: a tab separates table cells, and a number at the end of one cell followed by a
month in the next is not a date.

The patterns are in :mod:`graph.extract.date_patterns`, the reading of a match in
:mod:`graph.extract.date_readings`; this module holds the result type, the resolution of years
from context and the entry point.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, time

from graph.extract.date_patterns import YEAR_START, year_group
from graph.extract.date_readings import (
    Precision,
    Reading,
    extend_reading,
    find_candidates,
    follows_label,
    select_longest,
)
from graph.normalize import fold, iter_lines

__all__ = ["DateMention", "Precision", "find_dates"]


_HEADING_MAX = 80
"""A line longer than this is prose, not a heading that sets the year of what follows."""

_ROLLOVER_GAP = 6
"""A month this far before the previous one, in yearless dates, means the year turned."""

# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """One date expression, its span in the text and its typed value.

    ``start_date``/``end_date`` are the first and last day covered (equal for a single day);
    they are None when the year is unknown or the date recurs every year (then ``month_day``
    holds month and day).  ``day``, ``month``, ``end_day``, ``end_month`` keep what the words
    said, so that a partial date is not lost.
    """

    start: int
    end: int
    text: str
    precision: Precision
    start_date: date | None = None
    end_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    year_inferred: bool = False
    recurring: bool = False
    month_day: tuple[int, int] | None = None
    day: int | None = None
    month: int | None = None
    end_day: int | None = None
    end_month: int | None = None
    year: int | None = None
    deadline: bool = False
    date_inferred: bool = False

    def gmonthday(self) -> str:
        """The day as an XSD gMonthDay ("--03-15"), for recurring (and any day-month) dates."""
        if self.day is None or self.month is None:
            raise ValueError(f"{self.text!r} names no day of a month")
        return f"--{self.month:02d}-{self.day:02d}"

    def gmonth(self) -> str:
        """The month as an XSD gMonth ("--03"), for dates that recur in a month."""
        if self.month is None:
            raise ValueError(f"{self.text!r} names no month")
        return f"--{self.month:02d}"


# --------------------------------------------------------------------------------------------
# Resolving years from context, in reading order
# --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """The year in force at a point of the text, and the month last dated within it."""

    default_year: int | None
    year: int | None = None
    last_month: int | None = None
    last_day: DateMention | None = None

    def heading(self, year: int) -> None:
        self.year, self.last_month, self.last_day = year, None, None

    def infer(self, month: int | None) -> int | None:
        """Year of a yearless date in ``month``, turning the year in chronological lists."""
        base = self.year if self.year is not None else self.default_year
        if base is None:
            return None
        if month is not None and self.last_month is not None:
            if self.last_month - month >= _ROLLOVER_GAP:
                base += 1
        self.year = base
        return base

    def explicit(self, year: int, month: int | None) -> None:
        self.year, self.last_month = year, month


def _heading_years(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """(position, year) of short lines that carry a year: "2019", "Calendrier 2020"."""
    for line in iter_lines(text):
        stripped = line.text.strip()
        if not stripped or len(stripped) > _HEADING_MAX or stripped[-1] in ".;,":
            continue
        for m in re.finditer(YEAR_START + year_group("y1"), folded[line.start : line.end]):
            if not follows_label(folded, line.start + m.start()):
                yield line.start, int(m.group("y1"))
                break


def _resolve(reading: Reading, context: _Context, text: str) -> DateMention | None:
    if reading.recurring:
        return _recurring(reading, text)
    if reading.kind == "time":
        return _time_only(reading, context, text)
    if reading.kind == "year":
        first, last = reading.y1 or 1, reading.y2 or reading.y1 or 1
        return _mention(reading, text, date(first, 1, 1), date(last, 12, 31), year=first)
    if reading.kind in ("semester", "quarter"):
        return _period_part(reading, context, text)
    return _day_or_month(reading, context, text)


def _mention(
    reading: Reading, text: str, start: date | None, end: date | None, **more: object
) -> DateMention:
    """The mention of a reading, with the dates and the extra fields given."""
    return DateMention(
        start=reading.start,
        end=reading.end,
        text=text[reading.start : reading.end],
        precision=reading.kind,
        start_date=start,
        end_date=end,
        start_time=reading.t1,
        end_time=reading.t2,
        deadline=reading.deadline,
        **more,  # type: ignore[arg-type]
    )


def _recurring(reading: Reading, text: str) -> DateMention | None:
    month_day = None
    if reading.d1 is not None and reading.m1 is not None:
        if not _valid(2000, reading.m1, reading.d1):  # 2000 is a leap year: 29 February recurs
            return None
        month_day = (reading.m1, reading.d1)
    return _mention(
        reading, text, None, None, recurring=True, month_day=month_day,
        day=reading.d1, month=reading.m1,
    )  # fmt: skip


def _time_only(reading: Reading, context: _Context, text: str) -> DateMention:
    """A time with no date of its own takes the day being described, if there is one."""
    day = context.last_day
    if day is None or day.start_date is None:
        return _mention(reading, text, None, None)
    return replace(
        _mention(reading, text, day.start_date, day.start_date),
        precision="day",
        date_inferred=True,
        year_inferred=day.year_inferred,
        day=day.day,
        month=day.month,
        year=day.year,
    )


def _period_part(reading: Reading, context: _Context, text: str) -> DateMention | None:
    year, inferred = reading.y1, False
    if year is None:
        year, inferred = context.year if context.year is not None else context.default_year, True
    else:
        context.explicit(year, None)
    if year is None or reading.part is None:
        return _mention(reading, text, None, None)
    months = 6 if reading.kind == "semester" else 3
    first, last = reading.part
    start = date(year, (first - 1) * months + 1, 1)
    end_month = last * months
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    return _mention(reading, text, start, end, year_inferred=inferred, year=year)


def _day_or_month(reading: Reading, context: _Context, text: str) -> DateMention | None:
    m1 = reading.m1 if reading.m1 is not None else reading.m2
    m2 = reading.m2 if reading.m2 is not None else m1
    d1, d2 = reading.d1, reading.d2 if reading.d2 is not None else reading.d1
    if m1 is None or m2 is None:
        return None
    y2 = reading.y2 if reading.y2 is not None else reading.y1
    y1 = reading.y1 if reading.y1 is not None else (None if y2 is None else y2 - (m1 > m2))
    inferred = False
    if y1 is None:
        y1 = context.default_year if reading.this_year else context.infer(m1)
        inferred = y1 is not None
        y2 = None if y1 is None else y1 + (m1 > m2)
    partial = {"day": d1, "month": m1, "end_day": d2, "end_month": m2}
    if y1 is None or y2 is None:
        if d1 is not None and not _valid(2000, m1, d1):
            return None
        return _mention(reading, text, None, None, **partial)
    start, end = _bounds(reading.kind, y1, m1, d1, y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    context.explicit(y2, m2)
    return _mention(reading, text, start, end, year_inferred=inferred, year=y1, **partial)


def _bounds(
    kind: Precision, y1: int, m1: int, d1: int | None, y2: int, m2: int, d2: int | None
) -> tuple[date | None, date | None]:
    if kind == "month":
        return date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    if d1 is None or d2 is None or not _valid(y1, m1, d1) or not _valid(y2, m2, d2):
        return None, None
    return date(y1, m1, d1), date(y2, m2, d2)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def find_dates(text: str, *, default_year: int | None = None) -> list[DateMention]:
    """All date expressions of ``text`` (clean text), in order, with their years resolved.

    ``default_year`` is the year of the document, used when nothing before a yearless date
    gives its year.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_dates() needs the text as str, got {type(text).__name__}")
    if default_year is not None and not 1 <= default_year <= 9999:
        raise ValueError(f"default_year must be a year, got {default_year}")
    folded = fold(text)
    readings = []
    for candidate in select_longest(find_candidates(folded)):
        for reading in candidate.readings:
            limit = _line_end(folded, reading.end)
            extend_reading(folded, reading, limit)
            readings.append(reading)
    return list(_resolve_all(text, folded, readings, default_year))


def _line_end(folded: str, position: int) -> int:
    newline = folded.find("\n", position)
    return len(folded) if newline < 0 else newline


def _resolve_all(
    text: str, folded: str, readings: list[Reading], default_year: int | None
) -> Iterator[DateMention]:
    context = _Context(default_year)
    events: list[tuple[int, int, object]] = [
        (position, 0, year) for position, year in _heading_years(text, folded)
    ]
    events += [(r.start, 1, r) for r in readings]
    previous_end = -1
    for _, order, item in sorted(events, key=lambda e: (e[0], e[1])):
        if order == 0:
            context.heading(item)  # type: ignore[arg-type]
            continue
        reading: Reading = item  # type: ignore[assignment]
        if reading.start < previous_end:
            continue  # an extension swallowed the next reading (a time after a date)
        previous_end = reading.end
        if reading.heading:
            context.heading(reading.y1)  # type: ignore[arg-type]
        mention = _resolve(reading, context, text)
        if mention is None:
            continue
        is_single_day = mention.precision == "day" and mention.end_date == mention.start_date
        if reading.kind != "time":
            context.last_day = mention if is_single_day and not mention.recurring else None
        yield mention
