"""A reader of the budget table of an action plan: each amount cell, its activity, year, total.

A budget table has one row per activity, one column per year ("An 1" … or "2012" …), often a
Total column, and "Total 1" … "Total général" rows.  Every figure is read with the shared
amount reader (so a budget cell and the ``amount`` fact agree on its value), every row is named
after the framework activity it budgets, and every total is checked against its parts: a total
that does not add up is reported as written with ``inconsistent=True``, never corrected.  "An 2"
becomes a calendar year only when the plan's first year is known (``year_inferred``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from graph.extract.amounts import AmountMention, find_amounts
from graph.extract.framework_table import PlanActivity
from graph.extract.plan_axes import (
    AxisHeading,
    axis_at,
    axis_heading,
    numeral_value,
    trim_span,
)
from graph.normalize import Cell, Line, fold


@dataclass(frozen=True)
class BudgetLine:
    """One amount cell of a budget table, with what its row and column say it is."""

    axis: int | None
    activity: str | None
    activity_span: tuple[int, int] | None
    year: int | None
    column: str
    value: Decimal
    currency: str
    start: int
    end: int
    is_total: bool
    year_inferred: bool
    inconsistent: bool


_YEAR_COLUMN = re.compile(
    r"""
    (?:
        (?:an|annee|a)[ ]*(?P<rank>[1-9])      # "An 1", "Année 2", "A3": rank in the plan
      | (?:annee[ ]+)?(?P<year>(?:19|20)\d\d)  # "2012", "Année 2013": a calendar year
    )
    (?:[ ]*\(.*\))?                            # "An 1 (2012)" and other notes
    $
    """,
    re.VERBOSE,
)

_TOTAL_COLUMN = re.compile(r"(?:cout[ ]+)?(?:total|montant[ ]+total)\b.*")
"""A Total column header: "Total", "Total (FCFA)", "Coût total"."""

_TOTAL_ROW = re.compile(
    r"""
    (?:sous[- ]?)?total(?:es|e|s)?\b     # "Total", "Sous-total", "TOTAL"
    [ ]*(?:de[ ]+l')?(?:axe|pilier)?[ ]*(?:prioritaire[ ]*)?
    (?:
        (?P<grand>general|generale|global|globale|du[ ]+plan|plan)
      | (?P<num>\d{1,2}|[ivx]{1,6})(?!\w)
    )?
    """,
    re.VERBOSE,
)

_CURRENCIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("XAF", re.compile(r"\bxaf\b|\bcemac\b")),
    ("XOF", re.compile(r"\b(?:f\.?[ ]?cfa|francs?[ ]+cfa|cfa|xof)\b")),
    ("CAD", re.compile(r"\b(?:cad|dollars?[ ]+canadiens?)\b|\bc\$")),
    ("USD", re.compile(r"\b(?:usd|us[ ]?\$|\$[ ]?us|dollars?)\b|\$")),
    ("EUR", re.compile(r"\b(?:eur|euros?)\b|\u20ac")),
    ("CHF", re.compile(r"\b(?:chf|francs?[ ]+suisses?)\b")),
    ("GBP", re.compile(r"\b(?:gbp|livres?[ ]+sterling)\b|\u00a3")),
    ("HTG", re.compile(r"\bgourdes?\b")),
    ("MAD", re.compile(r"\bdirhams?\b")),
    ("GNF", re.compile(r"\bfrancs?[ ]+guineens?\b|\bgnf\b")),
)
"""ISO 4217 code by the way French documents write the currency; first match wins."""

_NO_CURRENCY = "XXX"
"""ISO 4217 "no currency": a budget whose currency is nowhere written."""

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

_MIN_PREFIX = 20
"""Shortest folded text that may match another activity as a prefix (avoids "Organiser")."""


def _key(text: str) -> str:
    """Comparison key of an activity text: folded, punctuation and spacing normalised."""
    return _NOT_ALNUM.sub(" ", fold(text)).strip()


def currency_in(text: str) -> str | None:
    """The ISO 4217 code of the first currency written in ``text``, if any."""
    folded = fold(text)
    found = [(m.start(), code) for code, rx in _CURRENCIES if (m := rx.search(folded))]
    return min(found)[1] if found else None


@dataclass(frozen=True)
class _BudgetColumn:
    """A money column of a budget table: its header as written and the year it stands for."""

    index: int
    header: str
    year: int | None
    inferred: bool
    is_total: bool


def _budget_columns(line: Line, start_year: int | None) -> list[_BudgetColumn] | None:
    """Read a budget header row ("", "An 1", "An 2", "An 3", "Total"); None if it is not one.

    At least two year columns are required, so that a lone "2012" cell is not a header; other
    headers ("N°", "Activités", "Source de financement") are not money columns and are skipped.
    """
    columns = []
    for i, cell in enumerate(line.cells):
        folded = fold(cell.text).strip()
        if not folded:
            continue
        year = _YEAR_COLUMN.match(folded)
        if year is not None and year["rank"]:
            rank = int(year["rank"])
            calendar = start_year + rank - 1 if start_year is not None else None
            columns.append(_BudgetColumn(i, cell.text, calendar, calendar is not None, False))
        elif year is not None:
            columns.append(_BudgetColumn(i, cell.text, int(year["year"]), False, False))
        elif _TOTAL_COLUMN.fullmatch(folded):
            columns.append(_BudgetColumn(i, cell.text, None, False, True))
    if sum(not c.is_total for c in columns) < 2:
        return None
    return columns


@dataclass
class _Row:
    """A budget table row being read: its label, kind and the amount cells it holds."""

    label: Cell
    axis: int | None
    total: str | None  # None for an activity row; "axis", "section" or "grand" for a total
    total_axis: int | None
    cells: list[tuple[_BudgetColumn, Cell, AmountMention]]
    activity: str | None = None
    span: tuple[int, int] | None = None


def _table_currency(text: str, lines: list[Line], header: int) -> str | None:
    """The currency the budget table states in its title or headers ("Budget en CFA")."""
    for line in reversed(lines[max(0, header - 4) : header + 1]):
        code = currency_in(line.text)
        if code is not None:
            return code
    return None


def _total_row(label: str, axis: int | None, seen_axis_total: set[int]) -> tuple[str, int | None]:
    """Classify a "Total …" label: ("grand", None), ("axis", number) or ("section", None).

    A bare "Total" after an axis's rows totals that axis the first time; a bare "Sous-total"
    in a table without axes totals the rows since the previous total.
    """
    folded = fold(label)
    m = _TOTAL_ROW.match(folded)
    assert m is not None
    if m["grand"]:
        return "grand", None
    if m["num"] and (n := numeral_value(m["num"])) is not None:
        return "axis", n
    if axis is not None and axis not in seen_axis_total:
        return "axis", axis
    return ("section" if folded.startswith("sous") else "grand"), None


def _label_cell(line: Line, first_money: int) -> Cell:
    """The cell that names a budget row: the longest text before the money columns.

    Usually the first cell; a leading "N°" or code column ("1.1") is passed over.
    """
    before = line.cells[: max(1, first_money)]
    return max(before, key=lambda cell: (len(cell.text), -cell.start))


def _budget_rows(
    text: str,
    lines: list[Line],
    header: int,
    columns: list[_BudgetColumn],
    amounts: dict[tuple[int, int], AmountMention],
) -> list[_Row]:
    """The rows of one budget table, until a line that is not a table row.

    ``amounts`` are the figures of the text by span: a cell counts when one figure fills it
    (so "1 er", a quarter heading, or "30 %" never does).
    """
    rows: list[_Row] = []
    axis: int | None = None
    seen_axis_total: set[int] = set()
    first_money = min(c.index for c in columns)
    for line in lines[header + 1 :]:
        if not line.text.strip():
            continue
        label = _label_cell(line, first_money)
        heading = axis_heading(text, label) if label.text else None
        if len(line.cells) < 2 and heading is None:
            break
        cells = _amount_cells(line, columns, amounts)
        if heading is not None:
            axis = heading.number
            if cells:
                # a table budgeted by axis ("Axe 1 | 45 000 000 | …"): the row is the axis's
                # own line, and a bare "Total" below it totals the plan, not the last axis
                rows.append(_Row(label, axis, None, None, cells))
                seen_axis_total.add(axis)
            continue
        total, total_axis = None, None
        if label.text and _TOTAL_ROW.match(fold(label.text)):
            total, total_axis = _total_row(label.text, axis, seen_axis_total)
            if total_axis is not None:
                seen_axis_total.add(total_axis)
        rows.append(_Row(label, axis, total, total_axis, cells))
    return rows


def _amount_cells(
    line: Line, columns: list[_BudgetColumn], amounts: dict[tuple[int, int], AmountMention]
) -> list[tuple[_BudgetColumn, Cell, AmountMention]]:
    """The money cells of a row: those one figure fills, under a money column."""
    cells = []
    for column in columns:
        if column.index < len(line.cells):
            cell = line.cells[column.index]
            amount = amounts.get((cell.start, cell.end))
            if amount is not None:
                cells.append((column, cell, amount))
    return cells


def _row_sum(row: _Row, *, total_column: bool) -> Decimal | None:
    """What an activity row contributes to a total: its Total cell, else its year cells."""
    totals = [a.value for c, _, a in row.cells if c.is_total]
    years = [a.value for c, _, a in row.cells if not c.is_total]
    if total_column and totals:
        return sum(totals, Decimal(0))
    return sum(years, Decimal(0)) if years else None


def _parts_sum(parts: list[_Row], column: _BudgetColumn | None) -> Decimal | None:
    """Sum of the parts of a total: one column of them, or their row totals (column None)."""
    values = []
    for row in parts:
        if column is None:
            value = _row_sum(row, total_column=True)
        else:
            value = next((a.value for c, _, a in row.cells if c == column), None)
        if value is not None:
            values.append(value)
    return sum(values, Decimal(0)) if values else None


@dataclass(frozen=True)
class _Reading:
    """How one amount cell reads: the year it is for, whether it is a total, whether it adds up."""

    year: int | None
    inferred: bool
    is_total: bool
    inconsistent: bool


def _read_activity_row(row: _Row) -> list[_Reading]:
    """An activity row: year cells as they are; its Total cell checked against them."""
    years = [a.value for c, _, a in row.cells if not c.is_total]
    readings = []
    for column, _, amount in row.cells:
        if column.is_total:
            bad = bool(years) and sum(years, Decimal(0)) != amount.value
            readings.append(_Reading(None, False, True, bad))
        else:
            readings.append(_Reading(column.year, column.inferred, False, False))
    return readings


def _read_total_row(row: _Row, parts: list[_Row], has_total_column: bool) -> list[_Reading]:
    """A total row, checked against its parts (activity rows, or the axis totals).

    A total row that holds a single figure in a table with a Total column is the overall
    total of its parts, wherever the conversion put the cell (Word tables often merge the
    year cells of a total row): its year is then None.  Otherwise each cell totals its column.
    """
    readings = []
    lone = len(row.cells) == 1 and has_total_column
    for column, _, amount in row.cells:
        if lone or column.is_total:
            expected = _parts_sum(parts, None)
            bad = expected is not None and expected != amount.value
            readings.append(_Reading(None, False, True, bad))
        else:
            expected = _parts_sum(parts, column)
            bad = expected is not None and expected != amount.value
            readings.append(_Reading(column.year, column.inferred, True, bad))
    return readings


def _parts_of(rows: list[_Row], index: int) -> list[_Row]:
    """The rows a total row sums.

    An axis total sums its axis's activity rows; a section sub-total the activity rows since
    the previous total; a grand total the sub-totals above it when they cover every activity
    row, else the activity rows themselves.
    """
    row = rows[index]
    above = rows[:index]
    activity_rows = [r for r in above if r.total is None]
    if row.total == "axis":
        return [r for r in activity_rows if r.axis == row.total_axis]
    if row.total == "section":
        last = max((i for i, r in enumerate(above) if r.total is not None), default=-1)
        return [r for r in above[last + 1 :] if r.total is None]
    subtotals = [r for r in above if r.total in ("axis", "section")]
    if subtotals and all(_covered(above, i) for i, r in enumerate(above) if r.total is None):
        return [_as_part(r) for r in subtotals]
    return activity_rows


def _covered(rows: list[_Row], index: int) -> bool:
    """Whether an activity row is counted in a sub-total: its axis's, or a later section's."""
    row = rows[index]
    return any(
        (r.total == "axis" and r.total_axis == row.axis) or r.total == "section"
        for r in rows[index + 1 :]
    ) or any(r.total == "axis" and r.total_axis == row.axis for r in rows[:index])


def _as_part(total: _Row) -> _Row:
    """An axis total seen as one part of the grand total: its figure counts as a row total."""
    cells = (
        [
            (_BudgetColumn(c.index, c.header, None, False, True), cell, a)
            for c, cell, a in total.cells
        ]
        if len(total.cells) == 1
        else total.cells
    )
    return _Row(total.label, total.axis, None, total.total_axis, cells)


class _ActivityIndex:
    """Framework activities by comparison key, to name budget rows after them."""

    def __init__(self, activities: Iterable[PlanActivity]) -> None:
        self._items = [(_key(a.title), a) for a in activities]

    def find(self, label: str, axis: int | None) -> PlanActivity | None:
        """The framework activity ``label`` names: same text, or one a prefix of the other.

        An exact match beats a prefix, and an activity of the row's axis beats another.
        """
        key = _key(label)
        if not key:
            return None
        candidates = []
        for i, (other, activity) in enumerate(self._items):
            shorter = min(len(key), len(other))
            if key == other or (
                shorter >= _MIN_PREFIX and (key.startswith(other) or other.startswith(key))
            ):
                mismatch = axis is not None and activity.axis != axis
                candidates.append((mismatch, key != other, i))
        return self._items[min(candidates)[2]][1] if candidates else None


def _link_rows(text: str, rows: list[_Row], index: _ActivityIndex, inherited: int | None) -> None:
    """Name each activity row after its framework activity, and give it an axis.

    The axis is the table's own (its "Axe …" rows), else the linked activity's, else the
    axis whose section the table stands in: a budget table placed after the framework must
    not hand every row the framework's last axis when the activity says otherwise.
    """
    for row in rows:
        if row.total is not None or not row.label.text:
            continue
        start, end = trim_span(text, row.label.start, row.label.end)
        row.span = (start, end)
        linked = index.find(text[start:end], row.axis)
        row.activity = linked.title if linked is not None else text[start:end]
        if row.axis is None:
            row.axis = linked.axis if linked is not None and linked.axis else inherited


def _figures(text: str, currency: str) -> dict[tuple[int, int], AmountMention]:
    """Every figure of the text by span, bare table numbers read in the table's currency.

    The shared amount reader is used so that a budget cell and the ``amount`` fact the graph
    records for the same figure always agree on its value.
    """
    return {(a.start, a.end): a for a in find_amounts(text, default_currency=currency)}


def read_budget(
    text: str,
    lines: list[Line],
    headings: list[AxisHeading],
    activities: list[PlanActivity],
    start_year: int | None,
    document_currency: str | None,
) -> tuple[list[BudgetLine], str | None]:
    """Every amount cell of every budget table, and the currency of the first table."""
    index = _ActivityIndex(activities)
    budget: list[BudgetLine] = []
    first_currency = None
    amounts_by_currency: dict[str, dict[tuple[int, int], AmountMention]] = {}
    for i, line in enumerate(lines):
        columns = _budget_columns(line, start_year)
        if columns is None:
            continue
        stated = _table_currency(text, lines, i) or document_currency
        currency = stated or _NO_CURRENCY
        if currency not in amounts_by_currency:
            amounts_by_currency[currency] = _figures(text, currency)
        amounts = amounts_by_currency[currency]
        rows = _budget_rows(text, lines, i, columns, amounts)
        if not any(row.cells for row in rows):
            continue  # a schedule ("chronogramme") has the same header and no figures
        _link_rows(text, rows, index, axis_at(headings, line.start))
        first_currency = first_currency or stated
        has_total_column = any(c.is_total for c in columns)
        for r, row in enumerate(rows):
            if row.total is None:
                readings = _read_activity_row(row)
            else:
                readings = _read_total_row(row, _parts_of(rows, r), has_total_column)
            budget.extend(_lines_of(row, readings, currency))
    return budget, first_currency


def _lines_of(row: _Row, readings: list[_Reading], currency: str) -> Iterator[BudgetLine]:
    """The :class:`BudgetLine` of each amount cell of a row."""
    axis = row.axis if row.total is None else row.total_axis
    for (column, cell, amount), reading in zip(row.cells, readings, strict=True):
        yield BudgetLine(
            axis=axis,
            activity=row.activity,
            activity_span=row.span,
            year=reading.year,
            column=column.header,
            value=amount.value,
            currency=amount.currency or currency,
            start=cell.start,
            end=cell.end,
            is_total=reading.is_total,
            year_inferred=reading.inferred,
            inconsistent=reading.inconsistent,
        )
