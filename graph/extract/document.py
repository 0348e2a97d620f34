"""One document → facts: run the recognisers on its clean text and link what they found.

This is where mentions become statements of the ontology. Each recogniser (symbols, entities,
dates, meetings, paragraphs, officers, deadlines, action plans) only finds spans; the rules that
turn spans into relations, and say whether a relation is explicit or inferred, are here:

* a resolution symbol → a ``mg:Resolution`` node (IRI from the symbol's identity), issued by the
  organ its series names, cited by the document;
* a paragraph reference → ``mg:Provision`` of its resolution (named in the same phrase, or else
  the document's principal resolution) that ``mg:establishes`` a ``mg:Mandate``; the mandate is
  ``mg:assignedTo`` the organ(s) a "confié à" phrase names (explicit), or else to the organ that
  presents the document (inferred, basis ``presenting-organ``);
* a dated meeting → an activity with its dates; its agenda items' paragraph references make it
  ``mg:addresses`` those mandates; "Préparatifs de …" items make it ``mg:prepares`` the later one;
* officers, reporting deadlines, action-plan axes, activities and budget lines likewise;
* a period (a month, a quarter, a semester) → an activity dated by ``mg:period``; a plan's
  budget and schedule columns ("An 1", "1er trimestre") → ``mg:period`` of the plan.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pyoxigraph as ox

from graph.extract import action_plan, deadlines, meetings, officers, paragraphs, periods
from graph.extract.amounts import find_amounts
from graph.extract.entities import EntityMention, Gazetteer, dominant_prefix
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import NormalizedText, fold, normalize
from graph.sources import SourceDocument
from graph.symbols import Symbol, SymbolMatch, find_symbols
from graph.to_rdf import Facts, literal, mg, term

#: the organ that issues the resolutions of a symbol series
SERIES_ISSUER = {
    ("oas", "AG/RES"): "organ/oas-ga",
    ("oas", "AG/DEC"): "organ/oas-ga",
    ("oas", "CP/RES"): "organ/oas-pc",
    ("oas", "CP/DEC"): "organ/oas-pc",
    ("oas", "CIDI/RES"): "organ/oas-cidi",
    ("un", "S/RES"): "organ/un-sc",
    ("un", "A/RES"): "organ/un-ga",
}
PROVISION_WORDS = {
    "paragraph": ("paragraph", "paragraphe"),
    "article": ("article", "article"),
    "action": ("action", "action"),
}
_ASSIGNMENT = re.compile(r"\bconfi(?:e|ee|es|ees)\b\s+(?:a|au|aux|a\s+la|a\s+l')\b", re.VERBOSE)
#: verb stems that link a resolution to an earlier one, and the property each states
CITING_PROPERTY = {"reaffirm": "reaffirms", "rappel": "recalls", "cite": "cites", "vise": "cites"}
_CITING_VERB = re.compile(r"\b(reaffirm|rappel|cite|vise)\w*")
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class DocumentContext:
    """What the manifest says of a document that the text alone does not."""

    publisher: str | None = None  # IRI of the organ that presents the document
    kind: str | None = None  # document-kind slug: work-plan, report, national-action-plan …
    start_year: int | None = None


class DocumentExtractor:
    """Extraction of one document into ``Facts``; one instance per document."""

    def __init__(self, doc: SourceDocument, ctx: DocumentContext, gazetteer: Gazetteer, base: str):
        self.doc = doc
        self.ctx = ctx
        self.base = base
        self.nt: NormalizedText = normalize(doc.text)
        self.text = self.nt.text
        self.facts = Facts(base=base, doc_stem=doc.stem, nt=self.nt)
        self.gazetteer = gazetteer
        self.publisher = ox.NamedNode(ctx.publisher) if ctx.publisher else None

    # -- the pipeline --------------------------------------------------------------------------

    def run(self) -> Facts:
        entities = self._entities()
        body = _body_of(dominant_prefix(entities))
        symbols = find_symbols(self.text, context_body=body)
        self.instrument_labels = {m.symbol.iri_path(): identity_label(m.symbol) for m in symbols}
        entities = [e for e in entities if not _inside_any(e.start, e.end, symbols)]
        self._add_entities(entities)
        self._add_symbols(symbols)
        self._add_citations(symbols)
        principal = paragraphs.principal_instrument(symbols)
        mandates = self._add_paragraphs(symbols, principal, entities)
        self._add_meetings(mandates, principal, symbols)
        self._add_officers(entities)
        self._add_deadlines(principal, entities)
        plan_facts = action_plan.extract_action_plan(self.nt, start_year=self.ctx.start_year)
        self._type_document(plan_facts)
        self._add_action_plan(plan_facts, principal, symbols)
        self._add_amounts(plan_facts)
        self._add_periods(plan_facts)
        return self.facts

    def _entities(self) -> list[EntityMention]:
        first = self.gazetteer.find(self.text)
        return self.gazetteer.find(self.text, prefer_prefix=dominant_prefix(first))

    # -- entities and symbols -------------------------------------------------------------------

    def _add_entities(self, entities: Iterable[EntityMention]) -> None:
        for mention in entities:
            self.facts.add(
                self.facts.doc,
                term("dcterms:references"),
                ox.NamedNode(mention.iri),
                span=(mention.start, mention.end),
                recognizer=f"entities:{mention.kind}",
            )

    def _add_symbols(self, symbols: list[SymbolMatch]) -> None:
        f = self.facts
        for match in symbols:
            sym = match.symbol
            node = f.iri(sym.iri_path())
            span = (match.start, match.end)
            if sym.is_resolution:
                f.add(node, RDF_TYPE_NODE, mg("Resolution"), span=span, recognizer="symbols")
                f.plain(node, mg("symbol"), sym.canonical())
                f.plain(node, term("rdfs:label"), identity_label(sym))
                if sym.session_number is not None:
                    f.plain(node, mg("sessionNumber"), sym.session_number)
                if sym.session_kind:
                    f.plain(node, mg("sessionKind"), sym.session_kind)
                if sym.year is not None:
                    f.plain(node, mg("sessionYear"), sym.year)
                issuer = SERIES_ISSUER.get((sym.body, sym.series))
                if issuer:
                    f.add(
                        node,
                        mg("issuedBy"),
                        f.iri(issuer),
                        span=span,
                        recognizer="symbols",
                        inferred=True,
                        basis="symbol-series",
                    )
            else:
                f.add(node, RDF_TYPE_NODE, term("foaf:Document"), span=span, recognizer="symbols")
                f.plain(node, mg("symbol"), sym.canonical())
                f.plain(node, term("rdfs:label"), sym.canonical())
            f.add(f.doc, term("dcterms:references"), node, span=span, recognizer="symbols")

    def _add_citations(self, symbols: list[SymbolMatch]) -> None:
        """Resolution → resolution links stated in one sentence.

        "La résolution AG/RES. 2945 (XLIX-O/19), qui réaffirme la résolution AG/RES. 2925 …":
        when a verb of reaffirming, recalling or citing stands between two resolution symbols of
        one sentence, with no other symbol between them, the first reaffirms (recalls, cites) the
        second.
        """
        resolutions = [m for m in symbols if m.symbol.is_resolution]
        for first, second in zip(resolutions, resolutions[1:], strict=False):
            between = self.text[first.end : second.start]
            if len(between) > 200 or _SENTENCE_END.search(between):
                continue
            verb = _CITING_VERB.search(fold(between))
            if verb is None or first.symbol.iri_path() == second.symbol.iri_path():
                continue
            prop = CITING_PROPERTY[verb.group(1)]
            self.facts.add(
                self.facts.iri(first.symbol.iri_path()),
                mg(prop),
                self.facts.iri(second.symbol.iri_path()),
                span=(first.start, second.end),
                recognizer="citations",
            )

    # -- provisions and mandates ----------------------------------------------------------------

    def _add_paragraphs(
        self, symbols: list[SymbolMatch], principal: str | None, entities: list[EntityMention]
    ) -> dict[tuple[str, str], ox.NamedNode]:
        """Provision → mandate for every paragraph reference; returns (instrument, n) → mandate."""
        f = self.facts
        mandates: dict[tuple[str, str], ox.NamedNode] = {}
        organs = [e for e in entities if e.kind == "organ"]
        last_plan: str | None = None
        for ref in paragraphs.find_paragraph_refs(self.text, symbols):
            instrument = self._instrument_of(ref, principal)
            if ref.kind == "action":
                # "l'Action n°39" after "l'Action n°39 du Plan d'Action de Nairobi": same plan
                instrument = instrument or last_plan
                last_plan = instrument
            if instrument is None:
                continue
            span = (ref.start, ref.end)
            inferred = ref.instrument is None and ref.kind == "paragraph"
            mandate = self._mandate(instrument, ref.kind, ref.number, span, inferred)
            mandates[(instrument, ref.number)] = mandate
            assigned = self._explicit_assignees(ref.start, organs)
            for organ in assigned:
                f.add(
                    mandate,
                    mg("assignedTo"),
                    ox.NamedNode(organ.iri),
                    span=span,
                    recognizer="paragraphs",
                    basis="explicit",
                )
            if not assigned and self.publisher is not None and self.ctx.kind == "work-plan":
                f.add(
                    mandate,
                    mg("assignedTo"),
                    self.publisher,
                    span=span,
                    recognizer="paragraphs",
                    inferred=True,
                    basis="presenting-organ",
                )
        return mandates

    def _instrument_name(self, instrument: str) -> str:
        """A convention's or plan's acronym or name, for the labels of its provisions."""
        names = self.gazetteer.names(self.base + instrument)
        return names[0] if names else instrument.rsplit("/", 1)[-1]

    def _instrument_of(self, ref: paragraphs.ParagraphRef, principal: str | None) -> str | None:
        """The instrument path a provision reference belongs to, if it can be told.

        A paragraph without a named resolution belongs to the document's principal one; an
        article belongs to the convention its phrase names ("article 91 f de la Charte de
        l'OEA"); an action of a plan that is not in the reference data is left out.
        """
        if ref.kind == "paragraph":
            return ref.instrument or principal
        if ref.kind == "article" and ref.instrument_text:
            for mention in self.gazetteer.find(ref.instrument_text, kinds=("convention",)):
                return mention.iri[len(self.base) :]
        if ref.kind == "action" and ref.plan_text:
            for mention in self.gazetteer.find(ref.plan_text, kinds=("plan",)):
                return mention.iri[len(self.base) :]
        return ref.instrument

    def _mandate(
        self, instrument: str, kind: str, number: str, span: tuple[int, int], inferred: bool
    ) -> ox.NamedNode:
        f = self.facts
        resolution = f.iri(instrument)
        provision = f.iri(f"{instrument}/{kind}/{_slug(number)}")
        mandate = f.iri(f"{instrument}/{kind}/{_slug(number)}/mandate")
        f.add(
            provision,
            RDF_TYPE_NODE,
            mg("Provision"),
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
            basis=None if not inferred else "principal-instrument",
        )
        f.add(
            provision,
            mg("provisionOf"),
            resolution,
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
        )
        f.plain(resolution, mg("hasProvision"), provision)
        f.plain(provision, mg("paragraphNumber"), number)
        f.plain(provision, mg("provisionKind"), kind)
        f.add(
            provision,
            mg("establishes"),
            mandate,
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
        )
        f.plain(mandate, RDF_TYPE_NODE, mg("Mandate"))
        f.plain(mandate, mg("establishedBy"), provision)
        label = self.instrument_labels.get(instrument) or self._instrument_name(instrument)
        word_en, word_fr = PROVISION_WORDS.get(kind, (kind, kind))
        f.plain(provision, term("rdfs:label"), literal(f"{label}, {word_en} {number}", lang="en"))
        f.plain(provision, term("rdfs:label"), literal(f"{label}, {word_fr} {number}", lang="fr"))
        f.plain(
            mandate,
            term("rdfs:label"),
            literal(f"Mandate of {label}, {word_en} {number}", lang="en"),
        )
        f.plain(
            mandate,
            term("rdfs:label"),
            literal(f"Mandat de {label}, {word_fr} {number}", lang="fr"),
        )
        return mandate

    def _explicit_assignees(
        self, position: int, organs: list[EntityMention]
    ) -> list[EntityMention]:
        """Organs named after "confié à" in the sentence holding ``position``."""
        start, end = _sentence(self.text, position)
        folded = fold(self.text[start:end])
        match = _ASSIGNMENT.search(folded)
        if not match:
            return []
        after = start + match.end()
        return [o for o in organs if after <= o.start < end]

    # -- meetings -------------------------------------------------------------------------------

    def _add_meetings(
        self,
        mandates: dict[tuple[str, str], ox.NamedNode],
        principal: str | None,
        symbols: list[SymbolMatch],
    ) -> None:
        f = self.facts
        found = meetings.find_meetings(self.nt, default_year=self.ctx.start_year)
        nodes: list[ox.NamedNode] = []
        refs = paragraphs.find_paragraph_refs(self.text, symbols)
        for meeting in found:
            node = f.local("activity", meeting.date_start, meeting.title or "")
            nodes.append(node)
            date_span = (meeting.date_start, meeting.date_end)
            f.add(node, RDF_TYPE_NODE, mg(meeting.kind), span=date_span, recognizer="meetings")
            f.plain(node, RDF_TYPE_NODE, mg("Activity"))
            title = meeting.title or _default_title(meeting)
            f.plain(node, term("rdfs:label"), literal(title, lang="fr"))
            if meeting.title and meeting.title_start is not None and meeting.title_end is not None:
                f.add(
                    node,
                    term("dcterms:title"),
                    literal(meeting.title, lang="fr"),
                    span=(meeting.title_start, meeting.title_end),
                    recognizer="meetings",
                )
            if meeting.start_date is not None:
                start = _when(meeting.start_date, meeting.start_time)
                f.add(
                    node,
                    term("schema:startDate"),
                    start,
                    span=date_span,
                    recognizer="meetings",
                    inferred=meeting.year_inferred,
                )
                end = _when(meeting.end_date or meeting.start_date, meeting.end_time)
                if meeting.end_date is not None or meeting.end_time is not None:
                    f.add(
                        node,
                        term("schema:endDate"),
                        end,
                        span=date_span,
                        recognizer="meetings",
                        inferred=meeting.year_inferred,
                    )
                f.plain(node, mg("dateInferred"), meeting.year_inferred)
            f.add(node, term("dcterms:source"), f.doc, span=date_span, recognizer="meetings")
            if meeting.place:
                self._add_place(node, meeting.place)
            if meeting.series:
                name, number = meeting.series
                series = f.iri(f"series/{_slug(name)}")
                f.add(node, mg("partOfSeries"), series, span=date_span, recognizer="meetings")
                f.plain(series, RDF_TYPE_NODE, mg("ActivitySeries"))
                f.plain(series, term("rdfs:label"), literal(name, lang="fr"))
                f.plain(node, term("schema:position"), number)
            for ref in refs:
                if meeting.block_start <= ref.start < meeting.block_end:
                    instrument = self._instrument_of(ref, principal) or ""
                    mandate = mandates.get((instrument, ref.number))
                    if mandate is not None:
                        f.add(
                            node,
                            mg("addresses"),
                            mandate,
                            span=(ref.start, ref.end),
                            recognizer="meetings",
                            inferred=ref.instrument is None,
                        )
            if self.publisher is not None and not meeting.title and meeting.items:
                f.add(
                    node,
                    mg("organizedBy"),
                    self.publisher,
                    span=date_span,
                    recognizer="meetings",
                    inferred=True,
                    basis="presenting-organ",
                )
        for before, after, item in meetings.find_preparations(found):
            f.add(
                nodes[before],
                mg("prepares"),
                nodes[after],
                span=(item.start, item.end),
                recognizer="meetings",
            )

    def _add_place(self, node: ox.NamedNode, place: tuple[int, int, str]) -> None:
        start, end, text = place
        for mention in self.gazetteer.find(text):
            if mention.kind == "state":
                self.facts.add(
                    node,
                    mg("hostedBy"),
                    ox.NamedNode(mention.iri),
                    span=(start + mention.start, start + mention.end),
                    recognizer="meetings",
                )
        place_node = self.facts.iri(f"place/{_slug(text)}")
        self.facts.add(node, mg("atPlace"), place_node, span=(start, end), recognizer="meetings")
        self.facts.plain(place_node, RDF_TYPE_NODE, mg("Place"))
        self.facts.plain(place_node, term("rdfs:label"), literal(text, lang="fr"))

    # -- officers and deadlines -----------------------------------------------------------------

    def _resolve(
        self, text: str, kind: str, fallback: ox.NamedNode | None = None
    ) -> ox.NamedNode | None:
        for mention in self.gazetteer.find(text):
            if mention.kind == kind:
                return ox.NamedNode(mention.iri)
        return fallback

    def _add_officers(self, entities: list[EntityMention]) -> None:
        f = self.facts
        full_names: dict[str, str] = {}
        for officer in officers.find_officers(self.text):
            span = (officer.start, officer.end)
            name = officer.name
            if " " in name:
                full_names.setdefault(fold(name.split()[-1]), name)
            else:  # a later mention by surname alone: the person named in full before
                name = full_names.get(fold(name), name)
            person = f.iri(f"person/{_slug(name)}")
            f.add(person, RDF_TYPE_NODE, mg("Person"), span=span, recognizer="officers")
            f.plain(person, term("rdfs:label"), name)
            organ = self._resolve(officer.organ_text[2], "organ") if officer.organ_text else None
            organ = organ or self.publisher
            if organ is None:
                continue
            post = ox.NamedNode(f"{organ.value}/post/{officer.post}")
            f.plain(post, RDF_TYPE_NODE, mg("Post"))
            f.plain(post, term("rdfs:label"), literal(officer.post.replace("-", " "), lang="en"))
            f.add(
                post,
                mg("postIn"),
                organ,
                span=span,
                recognizer="officers",
                inferred=officer.organ_text is None,
                basis=None if officer.organ_text else "presenting-organ",
            )
            f.add(post, mg("holder"), person, span=span, recognizer="officers")
            if officer.represents:
                state = self._resolve(officer.represents[2], "state")
                if state is not None:
                    f.add(
                        person,
                        mg("represents"),
                        state,
                        span=(officer.represents[0], officer.represents[1]),
                        recognizer="officers",
                    )

    def _add_deadlines(self, principal: str | None, entities: list[EntityMention]) -> None:
        f = self.facts
        for deadline in deadlines.find_deadlines(self.text, default_year=self.ctx.start_year):
            span = (deadline.start, deadline.end)
            node = f.local("obligation", deadline.start, deadline.what)
            f.add(node, RDF_TYPE_NODE, mg("ReportingObligation"), span=span, recognizer="deadlines")
            f.plain(node, term("rdfs:label"), literal(deadline.what, lang="fr"))
            if deadline.month_day:
                f.add(
                    node,
                    mg("dueMonthDay"),
                    literal(deadline.month_day, datatype="gMonthDay"),
                    span=span,
                    recognizer="deadlines",
                )
            if deadline.date:
                f.add(
                    node, term("schema:endDate"), deadline.date, span=span, recognizer="deadlines"
                )
            who = self._resolve(deadline.who_text[2], "organ") if deadline.who_text else None
            if who is not None and deadline.who_text is not None:
                f.add(
                    node,
                    mg("dueFor"),
                    who,
                    span=(deadline.who_text[0], deadline.who_text[1]),
                    recognizer="deadlines",
                )
            if principal:
                f.add(
                    node,
                    mg("obligationSource"),
                    f.iri(principal),
                    span=span,
                    recognizer="deadlines",
                    inferred=True,
                    basis="principal-instrument",
                )

    # -- action plans ---------------------------------------------------------------------------

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
            f.add(
                plan,
                mg("implements"),
                f.iri(principal),
                span=(cited.start, cited.end),
                recognizer="action_plan",
                inferred=True,
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
                literal(axis.title, lang="fr"),
                span=(axis.start, axis.end),
                recognizer="action_plan",
            )
            for start, end in axis.mentions:
                f.add(node, RDF_TYPE_NODE, mg("PriorityAxis"), span=(start, end),
                      recognizer="action_plan")
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
                literal(activity.title, lang="fr"),
                span=span,
                recognizer="action_plan",
            )
            if activity.axis in axes:
                f.add(
                    node,
                    mg("underAxis"),
                    axes[activity.axis],
                    span=span,
                    recognizer="action_plan",
                    inferred=True,
                    basis="table-section",
                )
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
            f.add(
                node,
                mg("budgetFor"),
                target,
                span=span,
                recognizer="action_plan",
                inferred=True,
                basis="table-row",
            )
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
                f.add(
                    node,
                    mg("budgetFor"),
                    f.doc,
                    span=span,
                    recognizer="amounts",
                    inferred=True,
                    basis="document",
                )
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
                f.plain(node, term("rdfs:label"), literal(label, lang="fr"))
            value = ox.Literal(period.edtf, datatype=ox.NamedNode(periods.EDTF))
            basis = ("plan-period" if plan else "context-year") if period.year_inferred else None
            f.add(node, mg("period"), value, span=span, recognizer="periods",
                  inferred=period.year_inferred, basis=basis)


def identity_label(symbol: Symbol) -> str:
    """The label of a resolution node: its symbol reduced to what identifies it.

    Documents write the same resolution as "AG/RES. 2945 (XLIX-O/19)" or "AG/RES.2945"; the
    node, which they share, gets one label whatever document is read first ("AG/RES. 2945"),
    and each written form stays on it as ``mg:symbol``.
    """
    short = dataclasses.replace(
        symbol, year=None, session_number=None, session_kind=None, revision=None
    )
    if short.iri_path() == symbol.iri_path():
        return short.canonical()
    return dataclasses.replace(symbol, revision=None).canonical()


def _inside_any(start: int, end: int, symbols: list[SymbolMatch]) -> bool:
    return any(s.start <= start and end <= s.end for s in symbols)


def _body_of(prefix: str | None) -> str | None:
    if prefix == "organ/oas":
        return "oas"
    if prefix == "organ/un":
        return "un"
    return None


def _sentence(text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``: from the previous to the next sentence end."""
    start = 0
    for previous in _SENTENCE_END.finditer(text, 0, position):
        start = previous.end()
    following = _SENTENCE_END.search(text, position)
    return start, (following.start() if following else len(text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _when(day, at):  # type: ignore[no-untyped-def]
    """A date, or a date-time when the text gives the hour."""
    return datetime.combine(day, at) if at is not None else day


def _default_title(meeting: meetings.Meeting) -> str:
    if meeting.start_date is not None:
        return f"Réunion du {meeting.start_date.isoformat()}"
    return "Réunion"


def extract_document(
    doc: SourceDocument, ctx: DocumentContext, gazetteer: Gazetteer, base: str
) -> Facts:
    """All the facts of one document, with their evidence."""
    return DocumentExtractor(doc, ctx, gazetteer, base).run()
