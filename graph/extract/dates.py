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
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Literal

from graph.normalize import fold, iter_lines

__all__ = ["DateMention", "Precision", "find_dates"]

Precision = Literal["day", "month", "semester", "quarter", "year", "time"]

# --------------------------------------------------------------------------------------------
# Building blocks (folded text: lower case, unaccented, plain apostrophes, plain spaces)
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "janv": 1, "fev": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6,
    "juil": 7, "aout": 8, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
"""Month number by the prefix that identifies it (see :func:`_month_number`)."""

_MONTH = r"""
    (?:janvier|janv\.|fevrier|fevr?\.|mars|avril|avr\.|mai|juin|juillet|juil\.
      |aout|septembre|sept\.|octobre|oct\.|novembre|nov\.|decembre|dec\.)
    (?![a-z])
"""
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ ]+"
_SP = r"[ ]+"
"""Words of one expression are separated by spaces only: never by a tab or a newline."""


def _day(name: str) -> str:
    """A day of the month: "1er", "1 er", "premier", "01" … "31"."""
    return rf"(?P<{name}>1[ ]?(?:er|re)(?![a-z])|premier|[12]\d|3[01]|0?[1-9])(?!\d)"


def _year(name: str) -> str:
    """A four-digit year, not glued to a symbol ("1933/19") or to more digits."""
    return rf"(?P<{name}>(?:19|20)\d\d)(?![\d/]|[.,]\d|[a-z])"


_DAY_START = r"(?<![\w.,/\-–])"
"""A day number that follows a dot, a slash or a dash belongs to a symbol or a number."""

_YEAR_START = r"(?<![\w.,/\-–$€])"


def _time(n: int) -> str:
    """A time of day: "10 h 00", "13 h00", "10h", "10:00", "9 heures 30"."""
    return rf"""
        (?<![\d:.,])(?P<h{n}>[01]?\d|2[0-3])[ ]?
        (?:h(?:eures?)?(?![a-z])[ ]?(?P<m{n}>[0-5]\d)?|:(?P<c{n}>[0-5]\d))
        (?!\d)
    """


_TIME_RANGE = rf"{_time(1)}(?:[ ]*(?:-|–|—|a|au|jusqu'a)[ ]*{_time(2)})?"

_ORDINAL = r"""
    (?:premier|premiere|1[ ]?(?:er|re)|deuxieme|2[ ]?(?:e|eme|nd|nde)|seconde?|troisieme
      |3[ ]?e(?:me)?|quatrieme|4[ ]?e(?:me)?|dernier)(?![a-z])
"""
_ORDINAL_VALUES = (
    ("prem", 1), ("1", 1), ("deux", 2), ("2", 2), ("second", 2), ("trois", 3), ("3", 3),
    ("quatr", 4), ("4", 4), ("dern", -1),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Date patterns.  Each yields a candidate; overlapping candidates are settled longest first.
# --------------------------------------------------------------------------------------------

_DAY_RANGE = re.compile(
    rf"""
    (?<![a-z])(?:du|de|depuis[ ]le){_SP}          # "du 17 au 20 novembre"
    (?:{_WEEKDAY})?{_day("d1")}
    (?:{_SP}(?P<m1>{_MONTH})(?:{_SP}{_year("y1")})?)?  # "du 28 fevrier au 2 mars"
    {_SP}(?:au|a|jusqu'au){_SP}
    (?:{_WEEKDAY})?{_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{_year("y2")})?
    """,
    re.VERBOSE,
)

_DASH_RANGE = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}           # "28-29 novembre 2006"
    (?:{_SP}(?P<m1>{_MONTH})(?:{_SP}{_year("y1")})?)?  # "28 fevrier - 2 mars"
    [ ]*[-–—][ ]*
    {_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{_year("y2")})?
    """,
    re.VERBOSE,
)

_DAY_LIST = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}
    (?P<more>(?:[ ]*,[ ]*(?:1[ ]?er|[12]\d|3[01]|0?[1-9])(?!\d))*)  # "5, 12 et 19 mars"
    {_SP}et{_SP}(?:{_WEEKDAY})?{_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{_year("y2")})?
    """,
    re.VERBOSE,
)

_DAY = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}
    (?:
        {_SP}(?P<m1>{_MONTH})(?:{_SP}{_year("y1")})?          # "1er juin 2019"
      | (?P<sep>[/-])(?P<m1s>{_MONTH})(?P=sep)                 # "28/janvier/08"
        (?P<y1s>(?:19|20)?\d\d)(?![\d/])
    )
    """,
    re.VERBOSE,
)

_NUMERIC = re.compile(
    r"""
    (?<![\w./\-])
    (?:
        (?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)  # 15/02/2008
      | (?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)                   # 2008-02-15
    )
    (?![\w/]|[.,]\d)
    """,
    re.VERBOSE,
)

_MONTH_RANGE = re.compile(
    rf"""
    (?:
        (?<![a-z'])(?:de|du[ ]mois[ ]de){_SP}|(?<![a-z])d'   # "d'octobre a decembre 2019"
    )
    (?P<m1>{_MONTH})(?:{_SP}{_year("y1")})?
    {_SP}(?:a|au[ ]mois[ ]de|jusqu'a|jusqu'en){_SP}
    (?P<m2>{_MONTH})(?:{_SP}{_year("y2")})?
    | (?<![a-z])entre{_SP}(?P<m1e>{_MONTH})(?:{_SP}{_year("y1e")})?   # "entre mars et mai"
      {_SP}et{_SP}(?P<m2e>{_MONTH})(?:{_SP}{_year("y2e")})?
    | (?<![a-z])(?P<m1c>{_MONTH}){_SP}(?:et|a|[-–]){_SP}    # "fevrier et mars 2008"
      (?P<m2c>{_MONTH}){_SP}{_year("y2c")}
    """,
    re.VERBOSE,
)

_MONTH_YEAR = re.compile(
    rf"""
    (?<![a-z])(?P<m1>{_MONTH})
    {_SP}(?:de{_SP}l'annee{_SP}|de{_SP})?{_year("y1")}   # "juillet 2007", "mai de l'annee 2020"
    """,
    re.VERBOSE,
)

_MONTH_AFTER_CUE = re.compile(
    rf"""
    (?<![a-z])
    (?:en|au[ ]mois[ ]d[e']|mois[ ]d[e']|debut|fin|mi-|courant|des|depuis|jusqu'en
      |avant|apres|d'ici|a[ ]partir[ ]d[e'])     # a word that announces a month
    [ ]*(?P<m1>{_MONTH})
    """,
    re.VERBOSE,
)

_MONTH_RECURRING = re.compile(
    rf"""
    (?<![a-z])(?P<m1>{_MONTH})      # "mars chaque annee": the month of a yearly event
    (?=[ ]*,?[ ]*(?:de[ ]+)?(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z]))
    """,
    re.VERBOSE,
)

_MONTH_HEADING = re.compile(
    rf"""
    (?:^|(?<=\t))[ ]*(?:[-·•*][ ]*)?          # at the start of a line or of a cell
    (?P<m1>{_MONTH})
    (?=[ ]*(?:$|\t|:|\(|,))                   # and alone there: "Mars", "Juillet (prov.) :"
    """,
    re.VERBOSE | re.MULTILINE,
)

_SEMESTER = re.compile(
    rf"""
    (?<![\w])(?P<o1>{_ORDINAL})
    (?:{_SP}(?:et|a|au){_SP}(?P<o2>{_ORDINAL}))?             # "premier et deuxieme semestres"
    {_SP}(?P<unit>semestre|trimestre)s?(?![a-z])
    (?:{_SP}(?:de{_SP}l'annee{_SP}|de{_SP}|d')?{_year("y1")})?
    """,
    re.VERBOSE,
)

_YEAR_RANGE = re.compile(
    rf"""
    {_YEAR_START}{_year("y1")}[ ]*[-–—][ ]*{_year("y2")}      # "2019-2020", "2019 – 2020"
    | (?<![a-z])de{_SP}{_year("y1d")}{_SP}(?:a|au){_SP}{_year("y2d")}
    | (?<![a-z])entre{_SP}{_year("y1e")}{_SP}et{_SP}{_year("y2e")}
    """,
    re.VERBOSE,
)

_YEAR_AFTER_CUE = re.compile(
    rf"""
    (?<![a-z])
    (?:en|durant|depuis|pendant|au[ ]cours[ ]de|fin|debut|mi-|courant|avant|apres
      |jusqu'en|d'ici|des|l'annee|l'an|annee|a[ ]partir[ ]de)  # a word that announces a year
    [ ]*{_YEAR_START}{_year("y1")}
    """,
    re.VERBOSE,
)

_YEAR_CELL = re.compile(
    rf"""
    (?:^|(?<=\t))[ ]*{_year("y1")}[ ]*(?=$|\t)   # a cell that is only a year: "2019"
    """,
    re.VERBOSE | re.MULTILINE,
)

_TIME_ALONE = re.compile(
    rf"""
    {_TIME_RANGE}
    """,
    re.VERBOSE,
)

# Extensions tried right after a date ------------------------------------------------------

_TIME_SUFFIX = re.compile(
    rf"""
    [ ]*[,:]?[ ]*
    (?P<paren>\()?[ ]*              # "(10 h 00 – 13 h00)" or ", de 15 h 00 a 18 h 00"
    (?:(?:de|a|des)[ ]+)?
    {_TIME_RANGE}
    (?(paren)[ ]*\))                # a parenthesis opened is closed
    """,
    re.VERBOSE,
)

_RECURRING_SUFFIX = re.compile(
    r"""
    [ ]*,?[ ]*
    (?:de[ ]+)?(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z])
    """,
    re.VERBOSE,
)

_RECURRENCE = re.compile(
    r"""(?<![a-z])(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z])""",
    re.VERBOSE,
)
"""A yearless date in the same sentence as one of these recurs every year."""

_THIS_YEAR_SUFFIX = re.compile(
    r"""
    [ ]+(?:de[ ]+)?(?:cette[ ]+annee|l'annee[ ]+en[ ]+cours)(?![a-z])   # "de cette annee"
    """,
    re.VERBOSE,
)

_DEADLINE_BEFORE = re.compile(
    r"""
    (?:au[ ]+plus[ ]+tard|avant|d'ici|date[ ]+limite|delai)   # words of a deadline
    (?:[ ]*(?:le|la|les|au|du|en|fin|de|:|,))*[ ]*$            # then only small words
    """,
    re.VERBOSE,
)

_LABEL_BEFORE = re.compile(
    r"""
    (?:(?<![a-z])(?:res|doc|no|n°|numero|resolution|paragraphes?|articles?|sections?|pages?
        |usd|eur|chf|cfa|fcfa)|[$€£])
    [ .:°]*$                                  # a label that makes the number an identifier
    """,
    re.VERBOSE,
)

_SENTENCE_END = re.compile(r"[.;!?\n](?=[ \t]|$)|\n")

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
# Reading: what the words of one expression say
# --------------------------------------------------------------------------------------------


@dataclass
class _Reading:
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
    readings: list[_Reading] = field(default_factory=list)


def _month_number(token: str) -> int:
    """Month number of a folded month word or abbreviation."""
    for prefix, number in _MONTHS.items():
        if token.startswith(prefix):
            return number
    if token.startswith("sep"):
        return 9
    raise ValueError(f"not a month: {token!r}")


def _day_number(token: str) -> int:
    """Day of a day token: "1er", "1 er" and "premier" are the first."""
    return int(token) if token.isdigit() else 1


def _ordinal_number(token: str) -> int:
    compact = token.replace(" ", "")
    for prefix, number in _ORDINAL_VALUES:
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


def _read_days(m: re.Match[str], kind: str) -> list[_Reading]:
    """Readings of the day patterns (single day, ranges and lists)."""
    d1 = _day_number(m.group("d1"))
    names = m.groupdict()
    m1 = _group_int(m, "m1", _month_number) if "m1" in names else None
    y1 = _group_int(m, "y1", _year_number) if "y1" in names else None
    if kind == "day":
        if m1 is None:
            m1 = _month_number(m.group("m1s"))
            y1 = _year_number(m.group("y1s"))
        return [_Reading(m.start(), m.end(), "day", d1=d1, m1=m1, y1=y1)]
    d2 = _day_number(m.group("d2"))
    m2 = _month_number(m.group("m2"))
    y2 = _group_int(m, "y2", _year_number)
    if kind == "list":
        return _read_list(m, d1, d2, m2, y2)
    return [_Reading(m.start(), m.end(), "day", d1=d1, m1=m1, y1=y1, d2=d2, m2=m2, y2=y2)]


def _read_list(m: re.Match[str], d1: int, d2: int, m2: int, y2: int | None) -> list[_Reading]:
    """Days "30 et 31 octobre" are one two-day span; "5, 12 et 19 mars" are three dates."""
    offset = m.start("more")
    items = [
        (offset + item.start(), offset + item.end(), _day_number(item.group().replace(" ", "")))
        for item in _LIST_ITEM.finditer(m.group("more"))
    ]
    if not items and d2 == d1 + 1:
        return [_Reading(m.start(), m.end(), "day", d1=d1, m1=m2, y1=y2, d2=d2, m2=m2, y2=y2)]
    readings = [_Reading(m.start("d1"), m.end("d1"), "day", d1=d1, m1=m2, y1=y2)]
    for start, end, value in items:
        readings.append(_Reading(start, end, "day", d1=value, m1=m2, y1=y2))
    readings.append(_Reading(m.start("d2"), m.end(), "day", d1=d2, m1=m2, y1=y2))
    return readings


_LIST_ITEM = re.compile(r"1[ ]?er|\d+")
"""One day of the comma-separated part of a list of days."""


def _read_numeric(m: re.Match[str]) -> list[_Reading]:
    if m.group("d"):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    else:
        d, mo, y = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
    return [_Reading(m.start(), m.end(), "day", d1=d, m1=mo, y1=y)]


def _read_month_range(m: re.Match[str]) -> list[_Reading]:
    for suffix in ("", "e", "c"):
        if m.group("m2" + suffix):
            m1 = _month_number(m.group("m1" + suffix))
            m2 = _month_number(m.group("m2" + suffix))
            y1 = _group_int(m, "y1" + suffix, _year_number) if suffix != "c" else None
            y2 = _group_int(m, "y2" + suffix, _year_number)
            return [_Reading(m.start(), m.end(), "month", m1=m1, y1=y1, m2=m2, y2=y2)]
    return []


def _read_month(m: re.Match[str]) -> list[_Reading]:
    names = m.groupdict()
    y1 = _group_int(m, "y1", _year_number) if "y1" in names else None
    return [_Reading(m.start("m1"), m.end(), "month", m1=_month_number(m.group("m1")), y1=y1)]


def _read_semester(m: re.Match[str]) -> list[_Reading]:
    unit = m.group("unit")
    count = 2 if unit == "semestre" else 4
    first = _ordinal_number(m.group("o1"))
    last = _ordinal_number(m.group("o2")) if m.group("o2") else first
    first, last = (count if n == -1 else n for n in (first, last))
    if not 1 <= first <= last <= count:
        return []
    kind: Precision = "semester" if unit == "semestre" else "quarter"
    year = _group_int(m, "y1", _year_number)
    return [_Reading(m.start(), m.end(), kind, part=(first, last), y1=year)]


def _read_year_range(m: re.Match[str]) -> list[_Reading]:
    for suffix in ("", "d", "e"):
        if m.group("y1" + suffix):
            y1, y2 = int(m.group("y1" + suffix)), int(m.group("y2" + suffix))
            if not 0 < y2 - y1 <= 10:
                return []
            return [_Reading(m.start(), m.end(), "year", y1=y1, y2=y2)]
    return []


def _read_year(m: re.Match[str], heading: bool = False) -> list[_Reading]:
    """A year; the cue word before it ("en 2004") is not part of the span."""
    year = int(m.group("y1"))
    return [_Reading(m.start("y1"), m.end("y1"), "year", y1=year, heading=heading)]


def _read_time(m: re.Match[str]) -> list[_Reading]:
    t1, t2 = _times(m)
    return [_Reading(m.start(), m.end(), "time", t1=t1, t2=t2)]


def _times(m: re.Match[str]) -> tuple[time, time | None]:
    def read(n: int) -> time | None:
        hour = m.group(f"h{n}")
        if hour is None:
            return None
        minute = m.group(f"m{n}") or m.group(f"c{n}") or "0"
        return time(int(hour), int(minute))

    first = read(1)
    assert first is not None  # the pattern requires the first time
    return first, read(2)


def _is_real_time(m: re.Match[str]) -> bool:
    """A lone "12 h" may be a duration; a time standing alone needs minutes or a range."""
    return bool(m.group("m1") or m.group("c1") or m.group("h2"))


_Reader = Callable[[re.Match[str]], list[_Reading]]

_PATTERNS: tuple[tuple[re.Pattern[str], _Reader, bool], ...] = (
    # (pattern, reader, whether the match starts with a number that a label could own)
    (_DAY_RANGE, lambda m: _read_days(m, "range"), False),
    (_DASH_RANGE, lambda m: _read_days(m, "range"), True),
    (_DAY_LIST, lambda m: _read_days(m, "list"), True),
    (_DAY, lambda m: _read_days(m, "day"), True),
    (_NUMERIC, _read_numeric, True),
    (_MONTH_RANGE, _read_month_range, False),
    (_MONTH_YEAR, _read_month, False),
    (_SEMESTER, _read_semester, True),
    (_YEAR_RANGE, _read_year_range, True),
    (_MONTH_AFTER_CUE, _read_month, False),
    (_MONTH_HEADING, _read_month, False),
    (_MONTH_RECURRING, _read_month, False),
    (_YEAR_AFTER_CUE, _read_year, False),
    (_YEAR_CELL, lambda m: _read_year(m, heading=True), True),
)


def _candidates(folded: str) -> Iterator[_Candidate]:
    for priority, (pattern, reader, number_first) in enumerate(_PATTERNS):
        for m in pattern.finditer(folded):
            if number_first and _follows_label(folded, m.start()):
                continue
            readings = reader(m)
            if readings:
                start = min(r.start for r in readings)
                yield _Candidate(start, max(r.end for r in readings), priority, readings)
    for m in _TIME_ALONE.finditer(folded):
        if _is_real_time(m):
            yield _Candidate(m.start(), m.end(), len(_PATTERNS), _read_time(m))


def _follows_label(folded: str, start: int) -> bool:
    """Whether a number is an identifier: "AG/RES. 2028", "paragraphe 25", "US$ 2019"."""
    return bool(_LABEL_BEFORE.search(folded, max(0, start - 16), start))


def _select(candidates: Iterator[_Candidate]) -> list[_Candidate]:
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


# --------------------------------------------------------------------------------------------
# Extending a reading with what follows or precedes it
# --------------------------------------------------------------------------------------------


def _extend(folded: str, reading: _Reading, limit: int) -> None:
    """Attach a time, a recurrence or "de cette année" that follows, and deadline words."""
    if reading.kind == "day":
        m = _TIME_SUFFIX.match(folded, reading.end, limit)
        if m:
            reading.t1, reading.t2 = _times(m)
            reading.end = m.end()
    partial = reading.kind in ("day", "month") and reading.y1 is None and reading.y2 is None
    if partial:
        if m := _RECURRING_SUFFIX.match(folded, reading.end, limit):
            reading.recurring = True
            reading.end = m.end()
        elif m := _THIS_YEAR_SUFFIX.match(folded, reading.end, limit):
            reading.this_year = True
            reading.end = m.end()
        elif _recurrence_in_sentence(folded, reading.start):
            reading.recurring = True
    before = folded[max(0, reading.start - 40) : reading.start]
    reading.deadline = bool(_DEADLINE_BEFORE.search(before))


def _recurrence_in_sentence(folded: str, start: int) -> bool:
    """Whether the sentence said the date recurs before it ("tous les ans, au plus tard le …")."""
    sentence_start = 0
    for m in _SENTENCE_END.finditer(folded, max(0, start - 200), start):
        sentence_start = m.end()
    return bool(_RECURRENCE.search(folded, max(sentence_start, start - 200), start))


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
        for m in re.finditer(_YEAR_START + _year("y1"), folded[line.start : line.end]):
            if not _follows_label(folded, line.start + m.start()):
                yield line.start, int(m.group("y1"))
                break


def _resolve(reading: _Reading, context: _Context, text: str) -> DateMention | None:
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
    reading: _Reading, text: str, start: date | None, end: date | None, **more: object
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


def _recurring(reading: _Reading, text: str) -> DateMention | None:
    month_day = None
    if reading.d1 is not None and reading.m1 is not None:
        if not _valid(2000, reading.m1, reading.d1):  # 2000 is a leap year: 29 February recurs
            return None
        month_day = (reading.m1, reading.d1)
    return _mention(
        reading, text, None, None, recurring=True, month_day=month_day,
        day=reading.d1, month=reading.m1,
    )  # fmt: skip


def _time_only(reading: _Reading, context: _Context, text: str) -> DateMention:
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


def _period_part(reading: _Reading, context: _Context, text: str) -> DateMention | None:
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


def _day_or_month(reading: _Reading, context: _Context, text: str) -> DateMention | None:
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
    for candidate in _select(_candidates(folded)):
        for reading in candidate.readings:
            limit = _line_end(folded, reading.end)
            _extend(folded, reading, limit)
            readings.append(reading)
    return list(_resolve_all(text, folded, readings, default_year))


def _line_end(folded: str, position: int) -> int:
    newline = folded.find("\n", position)
    return len(folded) if newline < 0 else newline


def _resolve_all(
    text: str, folded: str, readings: list[_Reading], default_year: int | None
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
        reading: _Reading = item  # type: ignore[assignment]
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
