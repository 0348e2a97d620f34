"""Periods: what a text dates only to a month, a quarter, a semester or a year, kept so.

A meeting dated to the day is the meetings module's. Much of what mandates plan is dated less
finely: "la Présidence propose de lancer en avril 2020 l'examen …", "Premier semestre :
Vingtième réunion …", "pour la période allant d'octobre à décembre 2019", a schedule laid out
by quarters. Turning "avril 2020" into 1 April would invent a precision the text does not have,
so a period is written as an EDTF value (Extended Date/Time Format, ISO 8601-2) that keeps it:
``2020-04`` a month, ``2019-10/2019-12`` a range of months, ``2020-40`` and ``2020-41`` the
first and second semesters, ``2012-33`` … ``2012-36`` the quarters, ``2012`` a year.

Which dates are periods (and why):

* a month, a range of months, a semester or a quarter that :func:`graph.extract.dates.find_dates`
  reads with a year (written, or inferred from a heading or the dates before it) and that shares
  its line with other words: it dates what the line or the sentence says. A date alone on its
  line is a heading instead: the month of a calendar whose days follow ("OCTOBRE" above
  "22 · Réunion …"), or the date a document was issued ("Mars 2012" under the title).
* a year or a range of years in running text is not: in these documents it names the span of a
  plan or a report ("Plan d'action 2007-2011", "pour la période 2019-2020") far more often than
  it dates one activity.
* in a plan, the column headers of its budget and schedule tables are (:func:`plan_periods`):
  "An 1" … "An 3" are the plan's years, counted from its first year, and a row of ordinals
  under them ("1er 2ème 3ème 4ème" under each year) splits every year into quarters, semesters
  or months by how many there are. The words are in ``periods.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from graph.extract.dates import DateMention, find_dates
from graph.normalize import Cell, Line, fold, iter_lines

__all__ = ["EDTF", "Period", "find_periods", "months_of", "plan_periods"]

EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
"""The datatype of EDTF literals (Library of Congress)."""

LEXICON = Path(__file__).with_name("periods.toml")

Part = Literal["month", "quarter", "semester"]

_FIRST_CODE: dict[Part, int] = {"month": 1, "quarter": 33, "semester": 40}
"""EDTF code of the first part of a year: months 01-12, quarters 33-36, semesters 40-41."""

_MONTHS_PER: dict[Part, int] = {"month": 1, "quarter": 3, "semester": 6}

_AFTER_HEADING = re.compile(r"[ ]*(?:\([^)\n]*\)[ ]*)?[:–—][ ]*")
"""What leads from a date that heads its line to what it dates: "Juillet (prov.) : Groupe …"."""

_SENTENCE_END = re.compile(r"[.;!?](?=[ ]+[A-ZÀ-Þ«\"(])")

_WHAT_MAX = 160
"""Longest "what" text kept: a label for a human, not the whole sentence."""


@dataclass(frozen=True)
class Period:
    """A span of text that dates something to a period, and that period in EDTF.

    ``start``/``end`` are clean offsets of the date expression (or of a table's header cell);
    ``year_inferred`` is True when the year is not written there; ``what`` is a short piece of
    the text saying what the period dates (for an activity's label).
    """

    start: int
    end: int
    edtf: str
    year_inferred: bool
    what: str


# --------------------------------------------------------------------------------------------
# Periods in running text
# --------------------------------------------------------------------------------------------


def find_periods(text: str, *, default_year: int | None = None) -> list[Period]:
    """Every period of ``text`` (clean text) that dates an activity, in order.

    ``default_year`` is the year of the document, passed on to :func:`find_dates`.
    """
    lines = list(iter_lines(text))
    starts = [line.start for line in lines]
    periods = []
    for mention in find_dates(text, default_year=default_year):
        value = _edtf_of(mention)
        if value is None:
            continue
        line = lines[_line_index(starts, mention.start)]
        outside = text[line.start : mention.start] + text[mention.end : line.end]
        if not re.search(r"\w", outside):
            continue  # a heading, not the date of something
        what = _what(text, line, mention.start, mention.end)
        periods.append(
            Period(mention.start, mention.end, value, mention.year_inferred, what)
        )
    return periods


def _edtf_of(mention: DateMention) -> str | None:
    """The EDTF value of a month, month range, semester or quarter with a year; else None."""
    first, last = mention.start_date, mention.end_date
    if mention.recurring or first is None or last is None:
        return None
    if mention.precision == "month":
        return _interval(
            _code(first.year, "month", first.month), _code(last.year, "month", last.month)
        )
    if mention.precision in ("quarter", "semester"):
        part: Part = mention.precision  # type: ignore[assignment]
        size = _MONTHS_PER[part]
        return _interval(
            _code(first.year, part, (first.month - 1) // size + 1),
            _code(last.year, part, (last.month - 1) // size + 1),
        )
    return None


def _line_index(starts: list[int], position: int) -> int:
    return bisect_right(starts, position) - 1


def _what(text: str, line: Line, start: int, end: int) -> str:
    """What the date dates: the rest of the line it heads, or else its sentence in its cell."""
    heads = not text[line.start : start].strip(" \t-·•*")
    after = _AFTER_HEADING.match(text, end, line.end)
    if heads and after is not None:
        return _trim(text[after.end() : line.end].split("\t")[0])
    cell = next((c for c in line.cells if c.start <= start and end <= c.end), None)
    a, b = (cell.start, cell.end) if cell else (line.start, line.end)
    for m in _SENTENCE_END.finditer(text, a, start):
        a = m.end()
    following = _SENTENCE_END.search(text, end, b)
    return _trim(text[a : following.end() if following else b])


def _trim(piece: str) -> str:
    """Collapse spaces, strip punctuation at the edges, cut at a word boundary."""
    piece = re.sub(r"\s+", " ", piece).strip(" ,;:.«»\"·-–")
    if len(piece) <= _WHAT_MAX:
        return piece
    cut = piece[:_WHAT_MAX]
    return cut[: cut.rfind(" ")] if " " in cut else cut


# --------------------------------------------------------------------------------------------
# Periods of a plan's tables
# --------------------------------------------------------------------------------------------


@cache
def _lexicon() -> dict[str, Any]:
    with LEXICON.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a plan-year cell "An 1" or a calendar-year cell "2013", an ordinal cell "2ème", "T3")."""
    words = _lexicon()
    year_words = "|".join(map(re.escape, words["plan_year_words"]))
    year = re.compile(rf"(?:(?:{year_words})[ ]*(?P<rank>[1-9])|(?P<year>(?:19|20)\d\d))$")
    letters = "".join(words["part_letters"])
    suffixes = "|".join(sorted(map(re.escape, words["ordinal_suffixes"]), key=len, reverse=True))
    ordinal = re.compile(rf"(?P<letter>[{letters}])?[ ]?(?P<n>1[0-2]|[1-9])[ ]*(?:{suffixes})?$")
    return year, ordinal


def plan_periods(text: str, *, plan_start: int | None) -> list[Period]:
    """The periods a plan's tables are laid out in: year columns and their parts, in order.

    ``plan_start`` is the plan's first year, which "An 1" stands for; without it, plan-year
    columns stay undated (nothing is guessed).
    """
    lines = [line for line in iter_lines(text) if line.text.strip()]
    periods: list[Period] = []
    for index, line in enumerate(lines):
        years = _year_row(line, plan_start)
        if not years:
            continue
        for cell, year, inferred in years:
            periods.append(Period(cell.start, cell.end, str(year), inferred, cell.text))
        if index + 1 < len(lines):
            periods.extend(_part_row(lines[index + 1], line, years))
    return periods


_YearCell = tuple[Cell, int, bool]


def _year_row(line: Line, plan_start: int | None) -> list[_YearCell]:
    """The year cells of a header row whose cells are all years (and a Total): or nothing."""
    year_cell, _ = _patterns()
    totals = tuple(_lexicon()["total_words"])
    found: list[_YearCell] = []
    for cell in line.cells:
        folded = fold(cell.text)
        if not folded or folded.startswith(totals):
            continue
        m = year_cell.match(folded)
        if m is None:
            return []
        if m["year"]:
            found.append((cell, int(m["year"]), False))
        elif plan_start is None:
            return []
        else:
            found.append((cell, plan_start + int(m["rank"]) - 1, True))
    years = [year for _, year, _ in found]
    if len(years) < 2 or years != list(range(years[0], years[0] + len(years))):
        return []
    return found


def _part_row(line: Line, header: Line, years: list[_YearCell]) -> Iterator[Period]:
    """The parts of each year a row of ordinals under the year columns names, if it is one."""
    _, ordinal = _patterns()
    columns = [header.cells.index(cell) for cell, _, _ in years]
    groups: list[list[tuple[Cell, int, str | None]]] = [[] for _ in years]
    for column, cell in enumerate(line.cells):
        if not cell.text:
            continue
        m = ordinal.match(fold(cell.text))
        if m is None or column < columns[0]:
            return
        under = max(k for k, first in enumerate(columns) if first <= column)
        groups[under].append((cell, int(m["n"]), m["letter"]))
    part = _part_kind(groups)
    if part is None:
        return
    for (_, year, inferred), group in zip(years, groups, strict=True):
        for cell, n, _ in group:
            yield Period(cell.start, cell.end, _code(year, part, n), inferred, cell.text)


def _part_kind(groups: list[list[tuple[Cell, int, str | None]]]) -> Part | None:
    """Quarters, semesters or months: every year split into 1 … k, k saying which."""
    words = _lexicon()
    by_count = {count: kind for kind, count in words["parts_per_year"].items()}
    sizes = {len(group) for group in groups}
    if len(sizes) != 1 or not all(
        [n for _, n, _ in group] == list(range(1, len(group) + 1)) for group in groups
    ):
        return None
    kind = by_count.get(sizes.pop())
    letters = {words["part_letters"][letter] for g in groups for _, _, letter in g if letter}
    if kind is None or letters - {kind}:
        return None
    return kind  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# EDTF
# --------------------------------------------------------------------------------------------


def _code(year: int, part: Part, n: int) -> str:
    """One part of a year in EDTF: (2020, "month", 3) → "2020-03"; quarter 1 → "2020-33"."""
    return f"{year:04d}-{_FIRST_CODE[part] + n - 1:02d}"


def _interval(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"


_EDTF_PART = re.compile(r"(?P<year>\d{4})(?:-(?P<code>\d\d))?")


def months_of(value: str) -> tuple[str, str] | None:
    """The first and last months ("YYYY-MM") an EDTF value of this module covers, or None.

    >>> months_of("2020-40"), months_of("2019-10/2019-12"), months_of("2012")
    (('2020-01', '2020-06'), ('2019-10', '2019-12'), ('2012-01', '2012-12'))
    """
    first, _, last = value.partition("/")
    a, b = _months(first), _months(last or first)
    return None if a is None or b is None else (a[0], b[1])


def _months(part: str) -> tuple[str, str] | None:
    m = _EDTF_PART.fullmatch(part)
    if m is None:
        return None
    year, code = m["year"], m["code"]
    if code is None:
        return f"{year}-01", f"{year}-12"
    n = int(code)
    for kind, first in _FIRST_CODE.items():
        size = _MONTHS_PER[kind]
        if first <= n < first + 12 // size:
            month = (n - first) * size + 1
            return f"{year}-{month:02d}", f"{year}-{month + size - 1:02d}"
    return None
