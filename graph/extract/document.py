"""One document → facts: run the recognisers on its clean text and link what they found.

This is where mentions become statements of the ontology. Each recogniser (symbols, entities,
dates, meetings, paragraphs, officers, deadlines, action plans) only finds spans; the rules that
turn spans into relations, and say whether a relation is explicit or inferred, are here and in
the fact writers:

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

The pipeline is here, with entities, symbols and citations; each other kind of fact has its
writer: provisions, mandates and reporting obligations (:mod:`graph.extract.mandate_facts`),
activities (:mod:`graph.extract.meeting_facts`), officers (:mod:`graph.extract.officer_facts`),
action plans, amounts and periods (:mod:`graph.extract.plan_facts`), on the shared state of
:mod:`graph.extract.fact_writer`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

import pyoxigraph as ox

from graph.extract import action_plan, national_bodies, paragraphs
from graph.extract.entities import EntityMention, Gazetteer, dominant_prefix
from graph.extract.fact_writer import SENTENCE_END, DocumentContext
from graph.extract.mandate_facts import MandateWriter
from graph.extract.meeting_facts import MeetingWriter
from graph.extract.officer_facts import OfficerWriter
from graph.extract.plan_facts import PlanWriter
from graph.extract.symbols import Symbol, SymbolMatch, find_symbols
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import fold
from graph.sources import SourceDocument
from graph.to_rdf import Facts, literal, mg, term

__all__ = ["DocumentContext", "DocumentExtractor", "SERIES_ISSUER", "extract_document"]

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
#: verb stems that link a resolution to an earlier one, and the property each states
CITING_PROPERTY = {"reaffirm": "reaffirms", "rappel": "recalls", "cite": "cites", "vise": "cites"}
_CITING_VERB = re.compile(r"\b(reaffirm|rappel|cite|vise)\w*")


class DocumentExtractor(MandateWriter, MeetingWriter, OfficerWriter, PlanWriter):
    """Extraction of one document into ``Facts``; one instance per document."""

    # -- the pipeline --------------------------------------------------------------------------

    def run(self) -> Facts:
        entities = self._entities()
        body = _body_of(dominant_prefix(entities))
        symbols = find_symbols(self.text, context_body=body)
        self.instrument_labels = {m.symbol.iri_path(): identity_label(m.symbol) for m in symbols}
        entities = [e for e in entities if not _inside_any(e.start, e.end, symbols)]
        entities = self._with_national_bodies(entities)
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

    def _with_national_bodies(self, entities: list[EntityMention]) -> list[EntityMention]:
        """The entities and the national bodies of the document's State that the reference data
        does not list, each an organ of that State (:mod:`graph.extract.national_bodies`)."""
        states = [e for e in entities if e.kind == "state"]
        organs = [e for e in entities if e.kind == "organ"]
        state = national_bodies.document_state(self.text, states)
        bodies, mentions = national_bodies.find_national_bodies(
            self.text, state, organs, self.base)
        f = self.facts
        for body in bodies:
            node = f.iri(body.iri_path)
            first = next(m for m in mentions if m.iri == node.value)
            span = (first.start, first.end)
            f.add(node, RDF_TYPE_NODE, mg("NationalAuthority"), span=span,
                  recognizer="national-bodies")
            lang = national_bodies.language_of(body.name)
            f.plain(node, term("rdfs:label"), literal(body.name, lang=lang))
            f.plain(node, term("skos:prefLabel"), literal(body.name, lang=lang))
            f.plain(node, mg("acronym"), literal(body.acronym, lang=lang))
            f.infer(node, term("org:subOrganizationOf"), f.iri(f"state/{body.state}"),
                    span=span, recognizer="national-bodies", basis="document-state")
        return sorted(entities + mentions, key=lambda m: (m.start, m.end, m.kind))

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
                    f.infer(node, mg("issuedBy"), f.iri(issuer),
                            span=span, recognizer="symbols", basis="symbol-series")
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
            if len(between) > 200 or SENTENCE_END.search(between):
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


def extract_document(
    doc: SourceDocument, ctx: DocumentContext, gazetteer: Gazetteer, base: str
) -> Facts:
    """All the facts of one document, with their evidence."""
    return DocumentExtractor(doc, ctx, gazetteer, base).run()
