"""The priority axes of a national action plan, and the small readers the plan's tables share.

A plan names its top level "Axe prioritaire I : …", "Pilier 2 – …" or "Objectif stratégique
3. …", at the start of a line or of a table row; an introduction also refers to an axis by its
rank ("le cinquième axe") or announces them as a list ("divisé en cinq axes … :").  Each axis is
one :class:`Axis` with its first titled heading and every other mention.  The framework and
budget table readers (:mod:`graph.extract.framework_table`, :mod:`graph.extract.budget_table`)
place their rows under the axis heading above them with :func:`axis_at`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.normalize import Cell, Line, fold

WORDS_FILE = Path(__file__).with_name("plan_words.toml")

with WORDS_FILE.open("rb") as _handle:
    PLAN_WORDS: dict[str, Any] = tomllib.load(_handle)
"""Ordinals, infinitive-like nouns, body-opening words and function words of action plans."""


@dataclass(frozen=True)
class Axis:
    """One priority axis; its span is the first heading that introduces it with a title."""

    number: int
    title: str
    start: int
    end: int
    mentions: tuple[tuple[int, int], ...] = ()


_AXIS_HEADING = re.compile(
    r"""
    (?P<head>                          # the word that names the level of the plan
        axe (?:[ ]+(?:prioritaire|strategique|d'intervention|d'action|thematique))?
      | pilier
      | objectif[ ]+strategique
      | domaine[ ]+(?:prioritaire|d'action|d'intervention|strategique)
      | volet
      | priorite
    )
    [ ]*(?:n[°o]\.?[ ]*)?              # "Axe n° 2"
    (?P<num>\d{1,2}|[ivx]{1,6})        # Arabic or Roman numeral (validated in code)
    (?![\w]|[.,]\d)                    # a whole numeral, not "1.2" (a sub-level)
    [ ]*(?P<sep>[:.)\-\u2013\u2014][ ]*)?  # ":" "." ")" "-" or a dash before the title
    (?P<title>.*)                      # the rest of the cell
    """,
    re.VERBOSE,
)
"""An axis heading at the start of a cell: "Axe prioritaire v : Coordination …"."""

_ROMAN = re.compile(
    r"""
    (?P<tens>x{0,3})           # 10, 20, 30
    (?P<units>ix|iv|v?i{0,3})  # 1 … 9
    """,
    re.VERBOSE,
)

_ROMAN_UNITS = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7,
                "viii": 8, "ix": 9}  # fmt: skip

_ORDINALS: dict[str, int] = dict(PLAN_WORDS["ordinals"])
"""Axis rank by the ordinal word that refers to it, in the order the pattern tries them."""

_ORDINAL_MENTION = re.compile(
    rf"""
    \b(?:le|l')[ ]*                                  # the article makes it a reference
    (?P<ord>{"|".join(_ORDINALS)})
    [ ]+(?P<noun>axe|volet|pilier)\b                 # "le cinquième axe", "le troisième volet"
    """,
    re.VERBOSE,
)
"""A reference to an axis by its rank, as introductions describe the plan."""

_ANNOUNCED_AXES = re.compile(
    r"""
    \b(?:\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)
    [ ]+(?:axes|piliers|volets)\b     # "divisé en cinq axes considérés comme prioritaires :"
    [^\n]*:[ ]*$                      # and the sentence announces a list
    """,
    re.VERBOSE,
)

_BULLET = re.compile(
    r"""
    [ ]*(?:[-\u2013\u2022\u25aa*][ ]+)   # a dash or bullet opens a list item
    """,
    re.VERBOSE,
)

_ITEM_HEAD = re.compile(
    r"""
    [^(:;.\n]*?                 # the item's own words …
    (?=[ ]*[(:;.]|[ ]*$)        # … up to its first parenthesis, colon, semicolon or full stop
    """,
    re.VERBOSE,
)

_TITLE_TRIM = " \t:;,-\u2013\u2014"
"""Trimmed from both ends of a title; a final full stop is the author's and stays."""


def numeral_value(token: str) -> int | None:
    """The value of an Arabic or (valid) Roman numeral, None for anything else ("civil")."""
    if token.isdigit():
        return int(token) or None
    m = _ROMAN.fullmatch(token)
    if m is None or not token:
        return None
    return 10 * len(m["tens"]) + _ROMAN_UNITS[m["units"]] or None


def trim_span(text: str, start: int, end: int, chars: str = _TITLE_TRIM) -> tuple[int, int]:
    """Shrink ``[start, end)`` past ``chars`` on both sides, so a span never shows padding."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


@dataclass(frozen=True)
class AxisHeading:
    """An axis heading found in a cell: number, the heading's span and its title's span."""

    number: int
    head: str
    start: int
    end: int
    title_start: int
    title_end: int


def axis_heading(text: str, cell: Cell) -> AxisHeading | None:
    """The axis heading that opens ``cell``, if the cell is one."""
    folded = fold(cell.text)
    m = _AXIS_HEADING.match(folded)
    if m is None:
        return None
    number = numeral_value(m["num"])
    if number is None or number > 30:
        return None
    title_start, title_end = trim_span(text, cell.start + m.start("title"), cell.end)
    if m["sep"] is None and title_end > title_start and not text[title_start].isupper():
        return None  # "Axe 2 de la route": without a separator the title must look like one
    head = m["head"].split()[0]
    return AxisHeading(
        number,
        head,
        cell.start,
        title_end if title_end > title_start else cell.start + m.end("num"),
        title_start,
        title_end,
    )


def axis_headings(text: str, lines: list[Line]) -> list[AxisHeading]:
    """Axis headings at the start of a line or a table row, of the plan's top level only.

    A plan that names its axes "Axe" may number objectives inside them ("Objectif stratégique
    1.1"); the first heading word found fixes the level, the others are ignored.
    """
    found = [h for line in lines if (h := axis_heading(text, line.cells[0])) is not None]
    if not found:
        return []
    level = found[0].head
    return [h for h in found if h.head == level]


def _ordinal_mentions(text: str, limit: int) -> Iterator[tuple[int, int, int]]:
    """References like "le cinquième axe": (number, start, end), for axes up to ``limit``."""
    for m in _ORDINAL_MENTION.finditer(fold(text)):
        number = _ORDINALS[m["ord"]]
        if number <= limit:
            yield number, m.start(), m.end()


def _announced_items(text: str, lines: list[Line], limit: int) -> Iterator[tuple[int, int, int]]:
    """The bulleted list that follows "… divisé en cinq axes … :": item k is axis k.

    Only the item's head is the mention (up to its first parenthesis or colon), because the
    rest describes the axis's content rather than naming it.
    """
    for i, line in enumerate(lines):
        if not _ANNOUNCED_AXES.search(fold(line.text)):
            continue
        rank = 0
        for item in lines[i + 1 :]:
            if not item.text.strip():
                continue
            bullet = _BULLET.match(item.text)
            if bullet is None:
                break
            rank += 1
            if rank > limit:
                break
            head = _ITEM_HEAD.match(item.text, bullet.end())
            if head is not None and head.end() > head.start():
                start, end = trim_span(text, item.start + head.start(), item.start + head.end())
                if end > start:
                    yield rank, start, end


def read_axes(text: str, lines: list[Line]) -> list[Axis]:
    """One :class:`Axis` per number: its first titled heading, and every other mention."""
    headings = axis_headings(text, lines)
    numbers = {h.number for h in headings}
    if len(numbers) < 2:
        return []  # one numbered "axe" is a road or a chart, not a plan's structure
    limit = max(numbers)
    mentions: dict[int, set[tuple[int, int]]] = {n: set() for n in numbers}
    for h in headings:
        mentions[h.number].add((h.start, h.end))
    ordinal = list(_ordinal_mentions(text, limit))
    for number, start, end in ordinal:
        if number in mentions:
            mentions[number].add((start, end))
    ordinal_spans = [(s, e) for _, s, e in ordinal]
    for number, start, end in _announced_items(text, lines, limit):
        if number in mentions and not any(s < end and start < e for s, e in ordinal_spans):
            mentions[number].add((start, end))
    axes = []
    for number in sorted(numbers):
        titled = [h for h in headings if h.number == number and h.title_end > h.title_start]
        first = titled[0] if titled else next(h for h in headings if h.number == number)
        others = tuple(sorted(mentions[number] - {(first.start, first.end)}))
        title = text[first.title_start : first.title_end]
        axes.append(Axis(number, title, first.start, first.end, others))
    return axes


def axis_at(headings: list[AxisHeading], position: int) -> int | None:
    """The number of the last axis heading before ``position`` (the axis a row belongs to)."""
    current = None
    for h in headings:
        if h.start > position:
            break
        current = h.number
    return current
