"""One AKN language version → RDF: the resolution, its clauses in that language, its citations.

Every language version of a resolution states its facts in its own named graph
(``graph/source/<file stem>``); the IRIs come from the symbol and the paragraph numbers, so the
English, French and Spanish files meet at one resolution node whose provisions carry their text
in each language. Each statement that the markup makes is given its evidence (the span in the
XML file and the exact quote); what follows from it without a span of its own (the kind of a
clause, its position) is stated plainly. What each top-level operative paragraph mandates is
read by the grammar and stated by :mod:`graph.akn.mandate_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.akn.mandate_facts import act_code, read_paragraph, state_mandate
from graph.akn.reader import AknDocument, Citation, Clause
from graph.akn.renewals import load_missions, read_renewals
from graph.grammar import MandateReading
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import verbatim
from graph.to_rdf import Facts, literal, mg, term

RECOGNIZER = "akn-markup"
RENEWAL_RECOGNIZER = "akn-renewal"
_UNSAFE = re.compile(r"[^0-9a-z]+")
_ISSUERS = {"S": "un-sc", "A": "un-ga"}
_KINDS = {"preamble": "preambular", "operative": "paragraph"}


@dataclass
class AknFacts:
    """The quads of one file, and what the build needs to know across files."""

    quads: list[ox.Quad]
    statements: int
    resolution: str
    cited: set[str] = field(default_factory=set)


def akn_facts(doc: AknDocument, text: str, *, stem: str, base: str) -> AknFacts:
    """The statements of one AKN file, in its named graph."""
    facts = Facts(base=base, doc_stem=stem, nt=verbatim(text))
    lang = doc.language
    res = facts.iri(doc.iri_path)
    facts.plain(res, RDF_TYPE_NODE, mg("Resolution"))
    facts.plain(res, term("rdfs:label"), literal(doc.symbol))
    facts.add(res, mg("symbol"), doc.symbol, span=doc.symbol_span, recognizer=RECOGNIZER)
    facts.plain(facts.doc, mg("languageVersionOf"), res)
    facts.plain(facts.doc, term("dcterms:language"), literal(lang, datatype="language"))
    if doc.organ:
        facts.plain(res, mg("issuedBy"), facts.iri(f"organ/{doc.organ}"))
    if doc.adoption_date:
        facts.add(res, mg("adoptionDate"), doc.adoption_date, span=doc.date_span,
                  recognizer=RECOGNIZER)
    if doc.meeting:
        facts.add(res, mg("adoptionMeeting"), literal(doc.meeting, lang=lang),
                  span=doc.meeting_span, recognizer=RECOGNIZER)
    if doc.session:
        facts.plain(res, mg("sessionNumber"), doc.session)
    if doc.title:
        # a title from the cover is in the file's language; one from the catalogue keywords
        # (older files) is the English catalogue title
        title_lang = lang if doc.title_span else "en"
        facts.add(res, term("dcterms:title"), literal(doc.title, lang=title_lang),
                  span=doc.title_span, recognizer=RECOGNIZER)
    for keyword in doc.keywords:
        concept = ox.NamedNode(keyword.iri)
        facts.plain(res, term("dcterms:subject"), concept)
        facts.plain(concept, RDF_TYPE_NODE, term("skos:Concept"))
        if keyword.label:
            label = keyword.label
            if keyword.dictionary == "SDGO":
                label = f"SDG {keyword.iri.rsplit('/', 1)[-1]}"
            facts.plain(concept, term("skos:prefLabel"), literal(label, lang="en"))
    parents: dict[tuple[str, ...], ox.NamedNode] = {}
    cited: set[str] = set()
    before: list[str] = []
    keys = _unique_keys(doc.clauses)
    for clause, key in zip(doc.clauses, keys, strict=True):
        top = clause.part == "operative" and len(clause.path) == 1
        reading = read_paragraph(clause, doc, "\n".join(before)) if top else None
        node = _clause(facts, res, clause, key, lang, parents, reading)
        for citation in clause.citations:
            cited.add(citation.iri_path)
            _citation(facts, res, node, clause, citation)
        renewed = False
        if doc.organ == "un-sc" and top:
            renewed = _renewals(facts, node, clause, doc, " ".join(before))
        if reading is not None:
            state_mandate(facts, node, clause, doc, text, reading, renewed=renewed)
        before.append(clause.text)
    return AknFacts(facts.quads(ordered=False), len(facts), doc.iri_path, cited)


def _renewals(facts: Facts, node: ox.NamedNode, clause: Clause, doc: AknDocument,
              context: str) -> bool:
    """"Decides to extend the mandate of UNMISS until 30 April 2025": a version of the
    mission's mandate, established by the paragraph, with its end date. The build links each
    version to the one it renews (graph.build, queries/derived/mandate-versions.rq). True when
    the paragraph renews one (its first version is ``<paragraph>/mandate``, the node the
    grammar's reading of the paragraph is stated on too)."""
    renewals = read_renewals(clause.text, doc.language, load_missions(),
                             adopted=doc.adoption_date, context=context)
    for k, renewal in enumerate(renewals):
        mandate = ox.NamedNode(f"{node.value}/mandate" + (f"-{k + 1}" if k else ""))
        facts.plain(mandate, RDF_TYPE_NODE, mg("Mandate"))
        facts.plain(node, mg("establishes"), mandate)
        facts.plain(mandate, mg("establishedBy"), node)
        facts.plain(mandate, mg("mandateKind"), "renewal")
        facts.add(mandate, mg("assignedTo"), facts.iri(renewal.mission), span=clause.span,
                  recognizer=RENEWAL_RECOGNIZER, inferred=renewal.anaphoric)
        if renewal.end is not None:
            facts.add(mandate, mg("mandateEnd"), renewal.end, span=clause.span,
                      recognizer=RENEWAL_RECOGNIZER, inferred=renewal.end_computed)
        if renewal.period:
            facts.plain(mandate, mg("mandatePeriod"), literal(renewal.period, datatype="duration"))
        if renewal.start is not None:
            facts.plain(mandate, mg("mandateStart"), renewal.start)
    return bool(renewals)


def provision_path(resolution_path: str, clause: Clause,
                   key: tuple[str, ...] | None = None) -> str:
    """``resolution/un-s-res-2722/paragraph/8-a-ii``, ``…/preamble/3``; ``key`` is the
    clause's path made unique and IRI-safe (:func:`_unique_keys`)."""
    kind = "preamble" if clause.part == "preamble" else "paragraph"
    parts = key or tuple(_slug(p) for p in clause.path)
    return f"{resolution_path}/{kind}/{'-'.join(parts)}"


def _unique_keys(clauses: list[Clause]) -> list[tuple[str, ...]]:
    """Each clause's number path, made unique: the items of a list the UN marks with bullets
    ("24 (•)", "24 (•)" …) or a label written twice share a path, and one IRI for them would
    merge their texts. The second item of a path is ``…-2``, the third ``…-3``, in document
    order (the same in every language version); its sub-items follow it. The parts are
    IRI-safe (``•`` is ``x``)."""
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    latest: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    keys = []
    for clause in clauses:
        parent = latest.get((clause.part, clause.path[:-1]), clause.path[:-1])
        label = clause.path[-1]
        count = seen.get((clause.part, clause.path), 0) + 1
        seen[(clause.part, clause.path)] = count
        key = (*parent, _slug(label) if count == 1 else f"{_slug(label)}-{count}")
        latest[(clause.part, clause.path)] = key
        keys.append(key)
    return keys


def _slug(number: str) -> str:
    return _UNSAFE.sub("-", number.lower()).strip("-") or "x"


def _clause(
    facts: Facts,
    res: ox.NamedNode,
    clause: Clause,
    key: tuple[str, ...],
    lang: str,
    parents: dict[tuple[str, ...], ox.NamedNode],
    reading: MandateReading | None,
) -> ox.NamedNode:
    node = facts.iri(provision_path(str(res.value)[len(facts.base):], clause, key))
    parents[key] = node
    facts.plain(node, RDF_TYPE_NODE, mg("Provision"))
    facts.plain(node, mg("provisionOf"), res)
    facts.plain(res, mg("hasProvision"), node)
    kind = _KINDS[clause.part] if len(clause.path) == 1 else "subparagraph"
    facts.plain(node, mg("provisionKind"), kind)
    facts.plain(node, mg("paragraphNumber"), clause.number)
    facts.plain(node, mg("paragraphOrder"), clause.order)
    if len(key) > 1 and key[:-1] in parents:
        facts.plain(node, mg("subProvisionOf"), parents[key[:-1]])
    if clause.text:
        facts.add(node, mg("text"), literal(clause.text, lang=lang), span=clause.span,
                  recognizer=RECOGNIZER)
    if clause.verb:
        facts.plain(node, mg("verbPhrase"), literal(clause.verb, lang=lang))
    if reading is not None:
        act = act_code(clause, reading)
        if act is not None:
            facts.plain(node, mg("act"), mg(f"act-{act.replace('_', '-')}"))
        else:
            facts.plain(node, mg("actUnresolved"), True)
    return node


def _citation(
    facts: Facts, res: ox.NamedNode, node: ox.NamedNode, clause: Clause, citation: Citation
) -> None:
    target = facts.iri(citation.iri_path)
    facts.add(node, term("dcterms:references"), target, span=citation.span,
              recognizer=RECOGNIZER if citation.linked else "akn-text-symbols")
    facts.plain(target, mg("symbol"), citation.symbol)
    facts.plain(target, term("rdfs:label"), literal(citation.symbol))
    if not citation.is_resolution:
        return
    facts.plain(target, RDF_TYPE_NODE, mg("Resolution"))
    organ = _ISSUERS.get(citation.symbol.split("/", 1)[0])
    if organ:
        # the series of a UN resolution symbol names its organ: S/RES the Council, A/RES the
        # Assembly, so a cited resolution has its issuer even when no file describes it
        facts.plain(target, mg("issuedBy"), facts.iri(f"organ/{organ}"))
    relation = "cites"
    if clause.part == "preamble" and clause.meaning is not None:
        relation = clause.meaning.code
    facts.plain(res, mg(relation), target)
    if citation.paragraph:
        cited = f"{citation.iri_path}/paragraph/{_slug(citation.paragraph)}"
        provision = facts.iri(cited)
        facts.plain(provision, RDF_TYPE_NODE, mg("Provision"))
        facts.plain(provision, mg("provisionOf"), target)
        facts.plain(provision, mg("provisionKind"),
                    "paragraph" if "(" not in citation.paragraph else "subparagraph")
        facts.plain(provision, mg("paragraphNumber"), citation.paragraph)
        facts.plain(node, mg("citesProvision"), provision)
