"""Action plans, amounts and periods as statements.

A plan's axes, framework activities and budget lines (:mod:`graph.extract.action_plan`) become
``mg:PriorityAxis``, ``mg:Activity`` and ``mg:BudgetLine`` nodes linked to each other and to the
plan; an amount in running text is money allotted to a plan, or else an amount a report cites;
a period (a month, a quarter, a semester) dates an activity by ``mg:period``, and a plan's table
columns ("An 1", "1er trimestre") date the plan.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.extract import action_plan, periods
from graph.extract.amounts import find_amounts
from graph.extract.fact_writer import FactWriter
from graph.extract.symbols import SymbolMatch
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import fold
from graph.to_rdf import literal, mg, term


class PlanWriter(FactWriter):
    """Writes the action-plan facts, amounts and periods of a document."""

    def _type_document(self, plan_facts: action_plan.ActionPlanFacts) -> None:
        """A work plan or an action plan is also an instrument: budgets and axes hang on it."""
        if self.ctx.kind == "work-plan":
            self.facts.plain(self.facts.doc, RDF_TYPE_NODE, mg("WorkPlan"))
        elif self.ctx.kind == "national-action-plan" or plan_facts.axes or plan_facts.budget:
            self.facts.plain(self.facts.doc, RDF_TYPE_NODE, mg("ActionPlan"))

    def _is_plan(self, plan_facts: action_plan.ActionPlanFacts) -> bool:
        return self.ctx.kind in {"work-plan", "national-action-plan"} or bool(
            plan_facts.axes or plan_facts.budget
        )

    def _add_action_plan(
        self,
        plan_facts: action_plan.ActionPlanFacts,
        principal: str | None,
        symbols: list[SymbolMatch],
    ) -> None:
        f = self.facts
        if not plan_facts.axes and not plan_facts.budget:
            return
        plan = f.doc
        cited = next((m for m in symbols if m.symbol.iri_path() == principal), None)
        if principal and cited is not None:
            f.infer(
                plan,
                mg("implements"),
                f.iri(principal),
                span=(cited.start, cited.end),
                recognizer="action_plan",
                basis="principal-instrument",
            )
        axes: dict[int, ox.NamedNode] = {}
        for axis in plan_facts.axes:
            node = f.iri(f"source/{self.doc.stem}/axis/{axis.number}")
            axes[axis.number] = node
            f.add(
                node,
                RDF_TYPE_NODE,
                mg("PriorityAxis"),
                span=(axis.start, axis.end),
                recognizer="action_plan",
            )
            f.add(
                node,
                term("rdfs:label"),
                literal(axis.title, lang=self.language),
                span=(axis.start, axis.end),
                recognizer="action_plan",
            )
            for start, end in axis.mentions:
                f.add(
                    node,
                    RDF_TYPE_NODE,
                    mg("PriorityAxis"),
                    span=(start, end),
                    recognizer="action_plan",
                )
            f.plain(node, mg("axisNumber"), axis.number)
            f.plain(plan, mg("hasAxis"), node)
            f.plain(node, mg("axisOf"), plan)
        activities: dict[str, ox.NamedNode] = {}
        for activity in plan_facts.activities:
            node = f.local("activity", "plan", activity.title)
            activities[fold(activity.title)] = node
            span = (activity.start, activity.end)
            f.add(node, RDF_TYPE_NODE, mg("Activity"), span=span, recognizer="action_plan")
            f.add(
                node,
                term("rdfs:label"),
                literal(activity.title, lang=self.language),
                span=span,
                recognizer="action_plan",
            )
            if activity.axis in axes:
                f.infer(node, mg("underAxis"), axes[activity.axis],
                        span=span, recognizer="action_plan", basis="table-section")
            for start, _end, text in activity.responsible:
                for mention in self.gazetteer.find(text):
                    if mention.kind == "organ":
                        f.add(
                            node,
                            mg("responsible"),
                            ox.NamedNode(mention.iri),
                            span=(start + mention.start, start + mention.end),
                            recognizer="action_plan",
                        )
        for line in plan_facts.budget:
            node = f.local("budget", line.start)
            span = (line.start, line.end)
            f.add(node, RDF_TYPE_NODE, mg("BudgetLine"), span=span, recognizer="action_plan")
            f.add(node, term("schema:value"), line.value, span=span, recognizer="action_plan")
            f.plain(node, term("schema:currency"), line.currency)
            if line.year is not None:
                f.add(
                    node,
                    mg("fiscalYear"),
                    line.year,
                    span=span,
                    recognizer="action_plan",
                    inferred=line.year_inferred,
                    basis="column-header",
                )
            f.plain(node, mg("isTotal"), line.is_total)
            if line.inconsistent:
                f.plain(node, mg("inconsistent"), True)
            target = None
            if line.activity:
                target = activities.get(fold(line.activity))
            if target is None and line.axis in axes:
                target = axes[line.axis]
            if target is None:
                target = plan
            f.infer(node, mg("budgetFor"), target,
                    span=span, recognizer="action_plan", basis="table-row")
            f.plain(target, mg("hasBudget"), node)

    def _add_amounts(self, plan_facts: action_plan.ActionPlanFacts) -> None:
        """Amounts in running text: a plan's budget lines, or else amounts the document cites.

        In a work plan or an action plan an amount is money allotted to the plan (a
        ``mg:BudgetLine`` for it); in a report it may be a donation or a cost, so it is only a
        ``schema:MonetaryAmount`` the document mentions.
        """
        f = self.facts
        is_plan = self._is_plan(plan_facts)
        budget_spans = {(b.start, b.end) for b in plan_facts.budget}
        for amount in find_amounts(self.text):
            if amount.currency is None or (amount.start, amount.end) in budget_spans:
                continue
            span = (amount.start, amount.end)
            node = f.local("budget" if is_plan else "amount", amount.start)
            kind = mg("BudgetLine") if is_plan else term("schema:MonetaryAmount")
            f.add(node, RDF_TYPE_NODE, kind, span=span, recognizer="amounts")
            f.add(node, term("schema:value"), amount.value, span=span, recognizer="amounts")
            f.add(
                node,
                term("schema:currency"),
                amount.currency,
                span=span,
                recognizer="amounts",
                inferred=amount.currency_inferred,
            )
            if is_plan:
                f.infer(node, mg("budgetFor"), f.doc,
                        span=span, recognizer="amounts", basis="document")
            else:
                f.add(f.doc, term("dcterms:references"), node, span=span, recognizer="amounts")

    def _add_periods(self, plan_facts: action_plan.ActionPlanFacts) -> None:
        """Activities dated to a month, a quarter or a semester; a plan's table periods."""
        f, year = self.facts, self.ctx.start_year
        found: list[tuple[periods.Period, ox.NamedNode | None]] = [
            (p, None) for p in periods.find_periods(self.text, default_year=year)
        ]
        if self._is_plan(plan_facts):
            found += [(p, f.doc) for p in periods.plan_periods(self.text, plan_start=year)]
        for period, plan in found:
            span = (period.start, period.end)
            node = plan or f.local("activity", "period", period.start)
            if plan is None:
                f.add(node, RDF_TYPE_NODE, mg("Activity"), span=span, recognizer="periods")
                label = period.what or f"Activité ({self.text[span[0] : span[1]]})"
                f.plain(node, term("rdfs:label"), literal(label, lang=self.language))
            value = ox.Literal(period.edtf, datatype=ox.NamedNode(periods.EDTF))
            basis = ("plan-period" if plan else "context-year") if period.year_inferred else None
            f.add(
                node,
                mg("period"),
                value,
                span=span,
                recognizer="periods",
                inferred=period.year_inferred,
                basis=basis,
            )
