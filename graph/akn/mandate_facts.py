"""What an operative paragraph mandates, as statements: the grammar's reading in the ontology.

:func:`graph.grammar.read_mandate` reads who must do what, by when, how often and for whom in
the paragraph's text; this module states it on the paragraph's mandate (``<provision>/mandate``,
the node a renewal of a mission's mandate already uses, so that one paragraph never makes two
mandates) with the evidence of each fact: the grammar's span carried back into the source file
(:mod:`graph.akn.text_offsets`), or the whole paragraph when the two cannot be lined up.

What the grammar saw but did not resolve is kept, never guessed: an addressee with no IRI is
stated as written (``mg:addresseeUnresolved``) on the paragraph; one whose IRI is derived from
its text (the Committee established by resolution 2048) and that no reference file describes is
typed and named after ``derived-organs.tsv`` and labelled as written, so that the graph knows
what it points at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from graph.akn.reader import AknDocument, Clause
from graph.akn.text_offsets import offsets
from graph.grammar import Addressee, MandateReading, read_mandate
from graph.namespaces import RDF_TYPE_NODE
from graph.to_rdf import Facts, literal, mg, term

RECOGNIZER = "grammar"
#: the class, parent and names of an organ whose IRI the grammar derives, by its IRI's start
DERIVED_ORGANS = "derived-organs.tsv"

Span = tuple[int, int]


def read_paragraph(clause: Clause, doc: AknDocument, context: str = "") -> MandateReading:
    """The grammar's reading of a top-level operative paragraph of ``doc``; ``context`` is the
    text of the clauses before it, where "the Committee" or "la Misión" was named."""
    issuer = f"organ/{doc.organ}" if doc.organ else None
    return read_mandate(clause.text, doc.language, adopted=doc.adoption_date, issuer=issuer,
                        context=context or None)


def act_code(clause: Clause, reading: MandateReading) -> str | None:
    """The paragraph's act: the verb lexicon's reading of its opening (or of its marked-up
    verb), else the grammar's, which also finds a verb after an opening phrase."""
    return clause.meaning.code if clause.meaning is not None else reading.act


def state_mandate(
    facts: Facts,
    provision: ox.NamedNode,
    clause: Clause,
    doc: AknDocument,
    source: str,
    reading: MandateReading,
    *,
    renewed: bool,
) -> None:
    """State the mandate ``reading`` finds in ``clause`` (and its unresolved addressees).

    ``source`` is the text the clause's spans point into; ``renewed``: the renewal reader has
    already made ``<provision>/mandate`` a version of a mission's mandate, with its end date,
    which the grammar's "until …" then repeats and is not stated again as a deadline.
    """
    lang = doc.language
    where = _locator(clause, source)
    for addressee in reading.addressees:
        if addressee.iri is None:
            facts.add(provision, mg("addresseeUnresolved"), literal(addressee.text, lang=lang),
                      span=where(addressee.start, addressee.end), recognizer=RECOGNIZER)
    if not reading.creates_mandate:
        return
    mandate = ox.NamedNode(f"{provision.value}/mandate")
    facts.plain(mandate, RDF_TYPE_NODE, mg("Mandate"))
    facts.plain(provision, mg("establishes"), mandate)
    facts.plain(mandate, mg("establishedBy"), provision)
    act = act_code(clause, reading)
    if act:
        facts.plain(mandate, mg("act"), mg(f"act-{act.replace('_', '-')}"))
    for addressee in reading.addressees:
        if addressee.iri is not None:
            facts.add(mandate, mg("assignedTo"), _organ(facts, addressee, lang),
                      span=where(addressee.start, addressee.end), recognizer=RECOGNIZER)
    if reading.action is not None:
        start, end = reading.action
        facts.add(mandate, mg("actionText"), literal(clause.text[start:end], lang=lang),
                  span=where(start, end), recognizer=RECOGNIZER)
    deadline = reading.deadline
    if deadline is not None:
        span = where(deadline.start, deadline.end)
        if deadline.kind == "session" and deadline.session is not None:
            facts.add(mandate, mg("deadlineSession"), deadline.session, span=span,
                      recognizer=RECOGNIZER)
        if deadline.kind == "duration" and deadline.duration:
            facts.add(mandate, mg("deadlineDuration"),
                      literal(deadline.duration, datatype="duration"), span=span,
                      recognizer=RECOGNIZER)
        if deadline.date is not None and not (renewed and act == "decide_extend"):
            facts.add(mandate, mg("deadline"), deadline.date, span=span, recognizer=RECOGNIZER,
                      inferred=deadline.kind != "date")
    if reading.periodicity is not None:
        period = reading.periodicity
        facts.add(mandate, mg("periodicity"), literal(period.duration, datatype="duration"),
                  span=where(period.start, period.end), recognizer=RECOGNIZER)
    for receiver in reading.report_to:
        if receiver.iri is not None:
            facts.add(mandate, mg("reportTo"), _organ(facts, receiver, lang),
                      span=where(receiver.start, receiver.end), recognizer=RECOGNIZER)


def _organ(facts: Facts, addressee: Addressee, lang: str) -> ox.NamedNode:
    """The addressee's node; one whose IRI the grammar derived and the reference data does not
    describe gets its class, parent and name from ``derived-organs.tsv`` (one name per
    language, whatever each paragraph calls it) and its name as written as an rdfs:label."""
    assert addressee.iri is not None
    node = facts.iri(addressee.iri)
    if addressee.known:
        return node
    facts.plain(node, term("rdfs:label"), literal(addressee.text, lang=lang))
    derived = next((d for d in _derived_organs() if addressee.iri.startswith(d.prefix)), None)
    if derived is None:
        facts.plain(node, RDF_TYPE_NODE, mg("Organ"))
        facts.plain(node, term("skos:prefLabel"), literal(addressee.text, lang=lang))
        return node
    number = addressee.iri[len(derived.prefix):]
    facts.plain(node, RDF_TYPE_NODE, mg(derived.kind))
    facts.plain(node, term("org:subOrganizationOf"), facts.iri(derived.parent))
    for language, name in derived.names.items():
        facts.plain(node, term("skos:prefLabel"), literal(name.format(n=number), lang=language))
    return node


@dataclass(frozen=True)
class _DerivedOrgan:
    prefix: str
    kind: str
    parent: str
    names: dict[str, str]


@cache
def _derived_organs() -> tuple[_DerivedOrgan, ...]:
    rows = []
    for line in (Path(__file__).parent / DERIVED_ORGANS).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, kind, parent, en, fr, es = line.split("\t")
        rows.append(_DerivedOrgan(prefix, kind, parent, {"en": en, "fr": fr, "es": es}))
    return tuple(rows)


def _locator(clause: Clause, source: str) -> Callable[[int, int], Span]:
    """Span of the clause's text → span in ``source``, worked out on first use (most
    paragraphs state nothing that needs it); the clause's own span when there is no mapping."""
    found: list[Callable[[int, int], Span] | None] = []

    def where(start: int, end: int) -> Span:
        if not found:
            found.append(offsets(clause.text, source, clause.span))
        convert = found[0]
        return convert(start, end) if convert is not None else clause.span

    return where
