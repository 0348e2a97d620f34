"""A reader of mandate tables: which paragraph of which resolution, and who is responsible.

A committee's work plan often lists its mandates as a table under a heading that names the
resolution ("Mandates from AG/RES. 2976 (LII-O/22)"): a column of paragraph numbers, written
bare ("5", "7 and 9", "12-14"), a column with the mandate's text, and a column that names the
organ responsible for it.  Converted from Word or PDF, a row is one line whose cells are
separated by tabs or by pipes ("| 5 | … | CAAP |").  A table is known by its header row: a cell
that is a paragraph column's header and a cell that opens with a responsible column's header,
in any language of ``provision_words.toml`` ("Paragraph" / "Paragraphe" / "Párrafo",
"Responsible" / "Responsable").

The instrument of a row is the resolution its own cells name, else the one named by the last
heading line before the table (or by a one-cell line inside it, which starts a new section),
else the one named last before the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract import paragraphs, provision_words
from graph.extract.symbols import SymbolMatch
from graph.normalize import Cell, fold, iter_lines

__all__ = ["MandateRow", "find_mandate_rows"]

_HEADING_LENGTH = 200
"""A line longer than this, or one that ends a sentence, is running text, not a heading."""
_SEPARATOR_ROW = re.compile(r"[|:\-\s+=]+$")


@dataclass(frozen=True)
class MandateRow:
    """One row of a mandate table: its paragraph cell's numbers and its responsible cell."""

    start: int
    end: int
    paragraph_cell: tuple[int, int]
    numbers: tuple[tuple[int, int, str], ...]
    instrument: SymbolMatch | None
    responsible: tuple[int, int] | None


@dataclass(frozen=True)
class _Columns:
    paragraph: int
    responsible: int


def row_cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of a line: tab-separated, or between pipes; one cell for a line of text."""
    line = text[start:end]
    if "\t" in line:
        separator = "\t"
    elif line.count("|") >= 2 or (line.count("|") == 1 and not line.strip().startswith("|")):
        separator = "|"
    else:
        return [_cell(text, start, end)]
    cells, position = [], start
    for piece in line.split(separator):
        cells.append(_cell(text, position, position + len(piece)))
        position += len(piece) + 1
    if separator == "|" and line.strip().startswith("|"):
        cells = cells[1:]
    if separator == "|" and line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _cell(text: str, start: int, end: int) -> Cell:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Cell(start, end, text[start:end])


def _columns(cells: list[Cell]) -> _Columns | None:
    paragraph = responsible = None
    for i, cell in enumerate(cells):
        folded = fold(cell.text).strip(" *:")
        if paragraph is None and provision_words.TABLE_PARAGRAPH.fullmatch(folded):
            paragraph = i
        elif responsible is None and provision_words.TABLE_RESPONSIBLE.match(folded):
            responsible = i
    if paragraph is None or responsible is None:
        return None
    return _Columns(paragraph, responsible)


def find_mandate_rows(text: str, symbols: list[SymbolMatch]) -> list[MandateRow]:
    """Every row of every mandate table of ``text``, in order."""
    folded = fold(text)
    resolutions = [m for m in symbols if m.symbol.is_resolution]
    lines = [(line.start, line.end) for line in iter_lines(text)]
    rows: list[MandateRow] = []
    columns: _Columns | None = None
    section: SymbolMatch | None = None
    for start, end in lines:
        cells = row_cells(text, start, end)
        header = _columns(cells) if len(cells) >= 2 else None
        if header is not None:
            columns, section = header, _section_instrument(text, resolutions, start)
            continue
        if columns is None or not text[start:end].strip() or _SEPARATOR_ROW.match(
            text[start:end]
        ):
            continue
        named = [m for m in resolutions if start <= m.start < end]
        if len(cells) < 2:
            if named and end - start <= _HEADING_LENGTH:
                section = named[-1]  # a section heading inside the table
                continue
            columns = None  # running text: the table has ended
            continue
        if columns.paragraph >= len(cells):
            continue
        cell = cells[columns.paragraph]
        numbers = paragraphs.cell_numbers(text, folded, cell.start, cell.end)
        responsible = None
        if columns.responsible < len(cells) and cells[columns.responsible].text:
            found = cells[columns.responsible]
            responsible = (found.start, found.end)
        own = named[0] if named else None
        rows.append(MandateRow(start, end, (cell.start, cell.end), tuple(numbers),
                               own or section, responsible))
    return rows


def _section_instrument(
    text: str, resolutions: list[SymbolMatch], position: int
) -> SymbolMatch | None:
    """The resolution of the heading the table stands under: the last one a heading line
    names before ``position``, else the last one named before it."""
    before = [m for m in resolutions if m.end <= position]
    for match in reversed(before):
        line_start = text.rfind("\n", 0, match.start) + 1
        line_end = text.find("\n", match.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if len(line) <= _HEADING_LENGTH and not line.endswith((".", ";")):
            return match
    return before[-1] if before else None
