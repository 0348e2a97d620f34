"""National action plans: their axes, their activities and their budget, with evidence spans.

A national action plan (for resolution 1325, for instance) is a document in three layers that
repeat the same things: priority *axes* ("Axe prioritaire I : …", "Pilier 2 – …", "Objectif
stratégique 3. …"), a *logical framework* table (expected results, activities, indicators,
responsible bodies) and a *budget* table (one row per activity, one column per year, a Total
column, "Total 1" … "Total général" rows).  The graph needs each layer, and needs them linked:
an activity belongs to an axis, a budget cell to an activity and a year.

Everything is read from the table structure that :func:`graph.normalize.iter_lines` exposes
(cells are tab-separated), and patterns are matched on :func:`graph.normalize.fold` of the text,
which has the same length, so every span indexes the clean text that was given.

Two rules keep the facts honest:

* Nothing is corrected.  A row total that is not the sum of its year cells, or an axis total
  that is not the sum of its rows, is reported as written with ``inconsistent=True``.
* Nothing is guessed.  "An 2" becomes a calendar year only when the plan's first year is known
  (given by the caller or read from a "2012-2014" period in the title); the year is then flagged
  ``year_inferred``.  A figure whose currency is nowhere stated gets the ISO 4217 code ``XXX``
  ("no currency").

The axes are read by :mod:`graph.extract.plan_axes`, the logical framework by
:mod:`graph.extract.framework_table` and the budget by :mod:`graph.extract.budget_table`; this
module links them into one :class:`ActionPlanFacts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.budget_table import (
    BudgetLine,
    currency_in,
    read_budget,
)
from graph.extract.framework_table import (
    PlanActivity,
    framework_activities,
)
from graph.extract.plan_axes import (
    Axis,
    axis_headings,
    read_axes,
)
from graph.normalize import Line, NormalizedText, fold, iter_lines

__all__ = [
    "ActionPlanFacts",
    "Axis",
    "BudgetLine",
    "PlanActivity",
    "extract_action_plan",
]


@dataclass(frozen=True)
class ActionPlanFacts:
    """What :func:`extract_action_plan` found; empty lists for a document that is not a plan."""

    axes: list[Axis] = field(default_factory=list)
    activities: list[PlanActivity] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    currency: str | None = None


_PLAN_PERIOD = re.compile(
    r"""
    (?<!\d)(?P<first>(?:19|20)\d\d)        # first year of the plan
    [ ]*(?:[-\u2013\u2014/]|a)[ ]*         # "2012-2014", "2012 – 2014", "2012 à 2014"
    (?P<last>(?:19|20)\d\d)(?!\d)
    """,
    re.VERBOSE,
)

_HEADING_LINES = 25
"""How many non-blank lines at the top of a document count as its title block."""


def _plan_start_year(lines: list[Line]) -> int | None:
    """The first year of a "YYYY-YYYY" period in the title block, if the title gives one."""
    seen = 0
    for line in lines:
        if not line.text.strip():
            continue
        m = _PLAN_PERIOD.search(fold(line.text))
        if m is not None and int(m["first"]) < int(m["last"]) <= int(m["first"]) + 15:
            return int(m["first"])
        seen += 1
        if seen >= _HEADING_LINES:
            break
    return None


def extract_action_plan(nt: NormalizedText, *, start_year: int | None = None) -> ActionPlanFacts:
    """Axes, framework activities and budget cells of an action plan, in clean offsets.

    ``start_year`` is the plan's first year when the caller knows it; otherwise it is read from
    a "2012-2014" period in the title block, and year columns "An 1" … stay yearless when
    there is none.  A document that is not an action plan gives empty lists.
    """
    text = nt.text
    lines = list(iter_lines(nt))
    if start_year is None:
        start_year = _plan_start_year(lines)
    axes = read_axes(text, lines)
    headings = axis_headings(text, lines) if axes else []
    activities = framework_activities(text, lines, headings)
    document_currency = currency_in(text)
    budget, currency = read_budget(text, lines, headings, activities, start_year, document_currency)
    if not activities and budget:
        activities = _budget_activities(text, budget)
    return ActionPlanFacts(axes, activities, budget, currency)


def _budget_activities(text: str, budget: list[BudgetLine]) -> list[PlanActivity]:
    """Activities named only by the budget table, for a plan without a logical framework."""
    seen: dict[tuple[int, int], PlanActivity] = {}
    for line in budget:
        if line.activity_span is not None and line.activity_span not in seen:
            start, end = line.activity_span
            seen[line.activity_span] = PlanActivity(line.axis, text[start:end], start, end)
    return list(seen.values())
