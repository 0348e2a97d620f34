"""A seeded generator of synthetic N-Quads in the project's ontology, for benchmarks at scale.

The shipped corpus is about 43 k quads; the store, the endpoint and validation must be measured
at 100 k … 10 M. This module writes a dataset shaped like a build's ``graph.nq``: the ontology
and the real reference data (organs and their hierarchy, states, conventions) in their own named
graphs, then one named graph per synthetic source document, each holding what extraction would
have found in it — resolutions with their IRIs by symbol, provisions, mandates, activities with
dates, action-plan axes with budget lines, reporting obligations, officers — and, for every
extracted statement, an ``mg:Evidence`` node with its position and quote selectors, exactly as
:mod:`graph.to_rdf` writes them. Named queries and SHACL shapes therefore find what they look for.

Why counts come from constants measured on the corpus: a benchmark on uniform random triples
says nothing about our queries (which follow mandate → provision → resolution → organ chains
and filter evidence); the fan-outs below are those of the real graph, measured with SPARQL on
a build of the corpus, so a synthetic graph of N quads has the joins a real one of N would have.

Why it streams: 10 M quads would not fit comfortably in memory as Python objects; each document
is generated, written and dropped, so memory stays constant whatever N is. Why it is seeded:
benchmarks compare runs, and tests check that the same seed gives the same bytes. Every random
draw comes from a ``random.Random`` seeded by (seed, document) or by an identity (a resolution
number), never from ``hash()``, which varies between processes.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph.config import DEFAULT_BASE, ONTOLOGY_FILE, graph_iri
from graph.namespaces import (
    MG,
    MISSION_CLASSES,
    OA,
    ONTOLOGY_IRI,
    ORGAN_CLASSES,
    PREFIXES,
    RDF_TYPE,
    SCHEMA,
    XSD,
)
from graph.rdf_files import canonical_ntriples, read_graph
from graph.reference import reference_files

# ---------------------------------------------------------------------------------------------
# Distributions measured on the corpus build (5 documents, 42,711 quads, 2,689 evidences), with
# SPARQL on the merged default graph, e.g. for paragraphs per resolution:
#   SELECT ?n (COUNT(*) AS ?c) { { SELECT ?r (COUNT(?p) AS ?n)
#     { ?r a mg:Resolution OPTIONAL { ?r mg:hasProvision ?p } } GROUP BY ?r } } GROUP BY ?n
# The other constants come from the same kind of query on the property named in the comment.
# Each is a tuple of (value, weight) pairs: the measured histogram, drawn from as it is.
# ---------------------------------------------------------------------------------------------

#: provisions (paragraphs) of a resolution that has any (mg:hasProvision): 3 resolutions with 1,
#: one with 71; the 24 others cited have none (CITED_RESOLUTIONS_PER_DOCUMENT below)
PARAGRAPHS_PER_PRINCIPAL_RESOLUTION: tuple[tuple[int, int], ...] = ((1, 3), (71, 1))
#: resolutions cited by a document besides its principal one (28 resolutions / 5 documents)
CITED_RESOLUTIONS_PER_DOCUMENT: tuple[tuple[int, int], ...] = ((2, 1), (5, 3), (9, 1))
#: series of the resolutions (mg:issuedBy): oas-ga 25, oas-pc 2, un-sc 1
RESOLUTION_SERIES: tuple[tuple[str, int], ...] = (("oas-ga", 25), ("oas-pc", 2), ("un-sc", 1))
#: mandates per provision (mg:establishes): always exactly one
MANDATES_PER_PROVISION = 1
#: share of mandates with an organ (mg:assignedTo): 77 of 81
ASSIGNED_SHARE = 77 / 81
#: activities addressing one mandate (inverse mg:addresses): 0→13, 1→55, 2→10, 3→2, 4→1
MEETINGS_PER_MANDATE: tuple[tuple[int, int], ...] = ((0, 13), (1, 55), (2, 10), (3, 2), (4, 1))
#: activities that address no mandate, per addressing link, outside action plans: 37 / 85
UNLINKED_ACTIVITIES_PER_LINK = 37 / 85
#: activity classes besides mg:Activity (meetings, conferences … from rdf:type)
ACTIVITY_KINDS: tuple[tuple[str, int], ...] = (
    ("Meeting", 96), ("Conference", 11), ("Seminar", 9), ("Presentation", 3), ("Training", 2),
    ("Exercise", 1),
)
#: share of activities that prepare others (mg:prepares: 4 of 160), and their fan-out 2→3, 3→1
PREPARES_SHARE = 4 / 160
PREPARES_FANOUT: tuple[tuple[int, int], ...] = ((2, 3), (3, 1))
#: mg:reaffirms: the extractor does not produce it yet (0 in the corpus); one or two earlier
#: resolutions per principal resolution is an assumption, so that dependency queries have edges
REAFFIRMS_FANOUT: tuple[tuple[int, int], ...] = ((1, 2), (2, 1))
#: optional activity properties, share of the 127 dated activities that have them
SERIES_SHARE = 29 / 127  # mg:partOfSeries (and schema:position)
ORGANIZED_SHARE = 20 / 127  # mg:organizedBy
PLACE_SHARE = 19 / 127  # mg:atPlace
HOSTED_SHARE = 9 / 127  # mg:hostedBy
DATE_INFERRED_SHARE = 0.6  # mg:dateInferred true (work plans date by heading)
#: action plan: 5 axes (mg:hasAxis), activities per axis 4, 4, 7, 8, 10 (mg:underAxis)
AXES_PER_PLAN = 5
ACTIVITIES_PER_AXIS: tuple[tuple[int, int], ...] = ((4, 2), (7, 1), (8, 1), (10, 1))
#: budget lines per axis (mg:budgetFor an axis): 1→3, 5→1, 11→1
BUDGET_LINES_PER_AXIS: tuple[tuple[int, int], ...] = ((1, 3), (5, 1), (11, 1))
#: budget lines per action-plan activity (mg:hasBudget): 0→7, 2→9, 3→4, 4→13
BUDGET_LINES_PER_ACTIVITY: tuple[tuple[int, int], ...] = ((0, 7), (2, 9), (3, 4), (4, 13))
#: evidences per extracted statement (same subject, property, value): 1→1762, 2→118, 3→33 …
EVIDENCE_PER_FACT: tuple[tuple[int, int], ...] = (
    (1, 1762), (2, 118), (3, 33), (4, 22), (5, 5), (6, 5), (8, 4), (9, 4), (10, 3), (11, 4),
    (13, 2), (14, 2), (16, 2), (20, 3), (24, 2), (33, 1), (41, 1),
)
#: evidences per text span (2,689 evidences on 1,216 spans): a span supports 2.2 statements
EVIDENCE_PER_SPAN = 2689 / 1216
#: inferred evidences (mg:inferred true): 908 of 2,689
INFERRED_SHARE = 908 / 2689
#: mean quote length (STRLEN of oa:exact): 25.8 characters
QUOTE_LENGTH = (8, 44)
#: reporting obligations per document (15 / 5) and officers (posts) per document (9 / 5)
OBLIGATIONS_PER_DOCUMENT: tuple[tuple[int, int], ...] = ((2, 1), (3, 3), (4, 1))
POSTS_PER_DOCUMENT: tuple[tuple[int, int], ...] = ((1, 2), (2, 2), (3, 1))
#: other entities a document mentions (dcterms:references: 10, 15, 20, 66, 82)
MENTIONS_PER_DOCUMENT: tuple[tuple[int, int], ...] = ((10, 1), (15, 1), (20, 1), (66, 1), (82, 1))
#: document kinds of the corpus: 1 work plan, 1 national action plan, 3 reports
DOCUMENT_KINDS: tuple[tuple[str, int], ...] = (
    ("work-plan", 1), ("national-action-plan", 1), ("report", 3),
)

#: the corpus's principal resolution, paragraph and presenting organ (AG/RES. 2945, paragraph 52,
#: the CSH): the named queries' default parameters; synthetic resolution numbers surround it
ANCHOR_RESOLUTION = 2945
ANCHOR_PARAGRAPH = 52
ANCHOR_ORGAN = "oas-csh"

RDFS_LABEL = PREFIXES["rdfs"] + "label"
DCT = PREFIXES["dcterms"]
FRENCH = "http://id.loc.gov/vocabulary/iso639-1/fr"
#: the organs a synthetic corpus names: every organ but the UN's field missions (its texts are
#: OAS-like work plans, and its figures stay comparable with the earlier benchmarks)
SYNTHETIC_ORGAN_CLASSES = ORGAN_CLASSES - MISSION_CLASSES
#: the words quotes and titles are made of (French, as the corpus is)
WORDS = (
    "réunion ordinaire de la Commission sur la sécurité continentale mandat paragraphe "
    "résolution Conseil permanent Assemblée générale rapport annuel plan d'action national "
    "femmes paix sécurité migrants droits humains séminaire formation atelier régional "
    "présentation du Secrétariat général budget programme suivi mise en œuvre échange "
    "d'informations coopération hémisphérique préparatifs conférence des États parties"
).split()
PLACES = (
    "washington-dc", "bamako", "montevideo", "ottawa-canada", "lima", "bogota", "mexico",
    "santiago", "buenos-aires", "san-jose", "panama", "kingston", "quito", "asuncion",
)
POSTS = ("chair", "vice-chair", "second-vice-chair", "rapporteur", "secretary")
ROMAN = ("XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX", "XL", "XLI", "XLII", "XLIII", "XLIV",
         "XLV", "XLVI", "XLVII", "XLVIII", "XLIX", "L", "LI", "LII", "LIII", "LIV")


def parse_size(text: str) -> int:
    """``10k``, ``1m``, ``2.5M`` or ``100000`` as a number of quads."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"not a size: {text!r} (expected e.g. 10k, 1m, 250000)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def _pick(rng: random.Random, histogram: Sequence[tuple[object, int]]) -> object:
    values = [v for v, _ in histogram]
    weights = [w for _, w in histogram]
    return rng.choices(values, weights)[0]


def _int(rng: random.Random, histogram: Sequence[tuple[int, int]]) -> int:
    return int(_pick(rng, histogram))  # type: ignore[call-overload]


def _str(rng: random.Random, histogram: Sequence[tuple[str, int]]) -> str:
    return str(_pick(rng, histogram))


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def iri(value: str) -> str:
    """An IRI as an N-Quads term."""
    return f"<{value}>"


def lit(value: object, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal as an N-Quads term; ``datatype`` is an XSD local name (``integer``)."""
    text = f'"{_escape(str(value))}"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{XSD}{datatype}>"
    return text


def _digest(text: str, length: int) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:length]


@dataclass(frozen=True)
class Reference:
    """What the synthetic documents point at in the real reference data."""

    organs: tuple[str, ...]
    national: tuple[str, ...]
    states: tuple[str, ...]
    conventions: tuple[str, ...]
    static_lines: tuple[str, ...]


def load_reference(base: str = DEFAULT_BASE) -> Reference:
    """The ontology and reference graphs as N-Quads lines, and the IRIs documents may cite.

    Read exactly as the build reads them (canonical N-Triples, blank nodes skolemised), so the
    synthetic dataset holds the same reference graph as a real build under the same base.
    """
    lines: list[str] = []
    organs: set[str] = set()
    national: set[str] = set()
    states: set[str] = set()
    conventions: set[str] = set()
    ontology = canonical_ntriples(read_graph(ONTOLOGY_FILE, base=base), base=base)
    lines.extend(_as_quads(ontology, ONTOLOGY_IRI))
    reference_graph = graph_iri(base, "reference")
    for path in reference_files():
        data = canonical_ntriples(read_graph(path, base=base), base=base)
        lines.extend(_as_quads(data, reference_graph))
        for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            if triple.predicate.value != RDF_TYPE:
                continue
            subject, cls = triple.subject.value, triple.object.value
            if cls in SYNTHETIC_ORGAN_CLASSES:
                (national if cls == MG + "NationalAuthority" else organs).add(subject)
            elif cls == MG + "State":
                states.add(subject)
            elif cls == MG + "Convention":
                conventions.add(subject)
    return Reference(
        organs=tuple(sorted(organs)),
        national=tuple(sorted(national)),
        states=tuple(sorted(states)),
        conventions=tuple(sorted(conventions)),
        static_lines=tuple(lines),
    )


def _as_quads(ntriples: bytes, graph: str) -> Iterator[str]:
    suffix = f" <{graph}> .\n"
    for line in ntriples.decode("utf-8").splitlines():
        line = line.strip()
        if line:
            yield line[: -1].rstrip() + suffix


class _Document:
    """One synthetic source document: its named graph, filled statement by statement.

    Statements are kept in insertion order and de-duplicated, as :class:`graph.to_rdf.Facts`
    does, so that a document never holds a quad twice.
    """

    def __init__(self, gen: _Generator, index: int, kind: str, rng: random.Random) -> None:
        self.gen = gen
        self.base = gen.base
        self.rng = rng
        self.kind = kind
        self.stem = f"synthetic-{gen.seed}-{index:06d}-{kind}"
        self.doc = iri(f"{self.base}source/{self.stem}")
        self.suffix = f" <{graph_iri(self.base, 'source/' + self.stem)}> .\n"
        self.lines: dict[str, None] = {}
        self.cursor = rng.randint(200, 2000)
        self.span: tuple[int, int] | None = None
        self.year = rng.randint(2005, 2023)
        self.budget: int | None = None

    def room(self) -> bool:
        """Whether another block fits: always without a budget (a document of natural size)."""
        return self.budget is None or len(self.lines) < self.budget

    def __len__(self) -> int:
        return len(self.lines)

    def plain(self, s: str, p: str, o: str) -> None:
        """A statement without evidence (labels derived from an identity)."""
        self.lines[f"{s} {p} {o}{self.suffix}"] = None

    def fact(
        self, s: str, p: str, o: str, recognizer: str, *, inferred: bool | None = None,
        basis: str | None = None,
    ) -> None:
        """A statement and its evidence(s), each with a span of the (imagined) text."""
        self.plain(s, p, o)
        if inferred is None:
            inferred = self.rng.random() < INFERRED_SHARE
        for _ in range(_int(self.rng, EVIDENCE_PER_FACT)):
            self._evidence(s, p, o, recognizer, inferred, basis)

    def _next_span(self) -> tuple[int, int]:
        rng = self.rng
        if self.span is None or rng.random() >= 1 - 1 / EVIDENCE_PER_SPAN:
            self.cursor += rng.randint(5, 400)
            start = self.cursor
            self.cursor += rng.randint(*QUOTE_LENGTH)
            self.span = (start, self.cursor)
            self._selectors(*self.span)
        return self.span

    def _selectors(self, start: int, end: int) -> None:
        span_iri = f"{self.base}evidence/{self.stem}/{start}-{end}"
        position, quote = iri(span_iri + "#position"), iri(span_iri + "#quote")
        self.plain(position, iri(RDF_TYPE), iri(OA + "TextPositionSelector"))
        self.plain(position, iri(OA + "start"), lit(start, "integer"))
        self.plain(position, iri(OA + "end"), lit(end, "integer"))
        self.plain(quote, iri(RDF_TYPE), iri(OA + "TextQuoteSelector"))
        self.plain(quote, iri(OA + "exact"), lit(self.gen.quote(self.rng, end - start)))

    def _evidence(
        self, s: str, p: str, o: str, recognizer: str, inferred: bool, basis: str | None
    ) -> None:
        start, end = self._next_span()
        span_iri = f"{self.base}evidence/{self.stem}/{start}-{end}"
        ev = iri(f"{span_iri}/{_digest(f'{s} {p} {o}', 10)}")
        add = self.plain
        add(ev, iri(RDF_TYPE), iri(MG + "Evidence"))
        add(ev, iri(OA + "hasSource"), self.doc)
        add(ev, iri(OA + "hasSelector"), iri(span_iri + "#position"))
        add(ev, iri(OA + "hasSelector"), iri(span_iri + "#quote"))
        add(ev, iri(MG + "supports"), s)
        add(s, iri(MG + "hasEvidence"), ev)
        add(ev, iri(MG + "assertedProperty"), p)
        add(ev, iri(MG + "assertedValue"), o)
        add(ev, iri(MG + "recognizer"), lit(recognizer))
        add(ev, iri(MG + "inferred"), lit("true" if inferred else "false", "boolean"))
        if basis:
            add(ev, iri(MG + "basis"), lit(basis))

    def local(self, kind: str, *identity: object) -> str:
        """An IRI only this document knows, as :meth:`graph.to_rdf.Facts.local` mints them."""
        key = "\x1f".join(map(str, identity))
        return iri(f"{self.base}{kind}/{self.stem}-{_digest(key, 12)}")


def mg(local: str) -> str:
    """A term of the ontology as an N-Quads IRI."""
    return iri(MG + local)


class _Generator:
    def __init__(self, *, seed: int, base: str, reference: Reference, pool: int) -> None:
        self.seed = seed
        self.base = base
        self.ref = reference
        self.pool = pool

    def quote(self, rng: random.Random, length: int) -> str:
        """Text of exactly ``length`` code points (the quote-length shape checks it)."""
        words: list[str] = []
        size = 0
        while size <= length:
            word = rng.choice(WORDS)
            words.append(word)
            size += len(word) + 1
        return " ".join(words)[:length]

    def title(self, rng: random.Random, words: int) -> str:
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        return text[:1].upper() + text[1:]

    def resolution(self, number: int) -> tuple[str, str, str, int, int]:
        """(IRI, symbol, issuing organ, session, year) of a resolution: a function of its number.

        Drawn from a generator seeded by the number alone, so two documents citing one
        resolution state the same facts about it, as two real documents would.
        """
        rng = random.Random(f"resolution-{number}")  # noqa: S311 - benchmark data, not secrets
        series = _str(rng, RESOLUTION_SERIES) if number != ANCHOR_RESOLUTION else "oas-ga"
        session = rng.randint(35, 54)
        year = session - 35 + 2005
        if series == "oas-ga":
            symbol = f"AG/RES. {number} ({ROMAN[session - 35]}-O/{year % 100:02d})"
            path = f"resolution/oas-ag-res-{number}"
        elif series == "oas-pc":
            symbol = f"CP/RES. {number} ({number + 700}/{year % 100:02d})"
            path = f"resolution/oas-cp-res-{number}"
        else:
            symbol = f"S/RES/{number} ({year})"
            path = f"resolution/un-s-res-{number}"
        return iri(self.base + path), symbol, iri(f"{self.base}organ/{series}"), session, year

    def document(self, index: int, budget: int | None) -> _Document:
        """The ``index``-th document; with a ``budget``, cut (between whole blocks) to fit it."""
        rng = random.Random(f"{self.seed}-{index}")  # noqa: S311 - benchmark data, not secrets
        kinds = ("work-plan", "national-action-plan")
        kind = kinds[index] if index < len(kinds) else _str(rng, DOCUMENT_KINDS)
        doc = _Document(self, index, kind, rng)
        doc.budget = budget
        room = doc.room

        publisher = iri(rng.choice(self.ref.national if kind == "national-action-plan"
                                   else self.ref.organs))
        low = ANCHOR_RESOLUTION - self.pool // 2
        number = rng.randrange(low, low + self.pool)
        paragraphs = _int(rng, PARAGRAPHS_PER_PRINCIPAL_RESOLUTION)
        numbers = rng.sample(range(1, max(paragraphs * 2, 3) + 1), paragraphs)
        if index == 0:
            # The first document plays the corpus's work plan, so that the named queries'
            # default parameters (AG/RES. 2945, its paragraph 52, the CSH) find their nodes.
            publisher, number = iri(f"{self.base}organ/{ANCHOR_ORGAN}"), ANCHOR_RESOLUTION
            numbers = sorted(set(range(1, 72)) - {ANCHOR_PARAGRAPH})[:70] + [ANCHOR_PARAGRAPH]
        mentioned: set[str] = {publisher}
        principal = self._resolution_block(doc, number)
        mentioned.add(principal)
        for _ in range(_int(rng, REAFFIRMS_FANOUT)):
            earlier = self._resolution_block(doc, rng.randrange(low, number))
            doc.fact(principal, mg("reaffirms"), earlier, "symbols")
            mentioned.add(earlier)
        for _ in range(_int(rng, CITED_RESOLUTIONS_PER_DOCUMENT)):
            if not room():
                break
            mentioned.add(self._resolution_block(doc, rng.randrange(low, low + self.pool)))
        activities: list[str] = []
        if index == 0:
            # paragraph 52 first, so that a document cut to a small budget still has it
            numbers = [ANCHOR_PARAGRAPH] + numbers[:-1]
        for n in numbers:
            if not room():
                break
            activities.extend(self._paragraph_block(doc, principal, number, n, publisher))
        if kind == "national-action-plan" and room():
            self._plan_block(doc, principal, mentioned)
        for _ in range(_int(rng, OBLIGATIONS_PER_DOCUMENT)):
            if not room():
                break
            self._obligation_block(doc, principal)
        for _ in range(_int(rng, POSTS_PER_DOCUMENT)):
            if not room():
                break
            self._post_block(doc, publisher)
        for earlier in activities:
            if rng.random() < PREPARES_SHARE:
                for later in rng.sample(activities, min(len(activities),
                                                        _int(rng, PREPARES_FANOUT))):
                    if later != earlier:
                        doc.fact(earlier, mg("prepares"), later, "meetings")
        self._source_block(doc, kind, publisher, principal, mentioned)
        return doc

    def _resolution_block(self, doc: _Document, number: int) -> str:
        res, symbol, organ, session, year = self.resolution(number)
        doc.fact(res, iri(RDF_TYPE), mg("Resolution"), "symbols", inferred=False)
        doc.fact(res, mg("symbol"), lit(symbol), "symbols", inferred=False)
        doc.plain(res, iri(RDFS_LABEL), lit(symbol))
        doc.fact(res, mg("issuedBy"), organ, "symbols", inferred=True, basis="symbol-series")
        doc.fact(res, mg("sessionNumber"), lit(session, "integer"), "symbols", inferred=False)
        doc.fact(res, mg("sessionYear"), lit(year, "integer"), "symbols", inferred=False)
        doc.fact(res, mg("sessionKind"), lit("regular"), "symbols", inferred=False)
        return res

    def _paragraph_block(
        self, doc: _Document, res: str, number: int, n: int, publisher: str
    ) -> list[str]:
        rng = doc.rng
        res_path = res[1:-1]
        provision = iri(f"{res_path}/paragraph/{n}")
        mandate = iri(f"{res_path}/paragraph/{n}/mandate")
        name = f"OAS AG RES {number}"
        doc.fact(provision, iri(RDF_TYPE), mg("Provision"), "paragraphs")
        doc.fact(provision, mg("provisionOf"), res, "paragraphs", inferred=True,
                 basis="principal-instrument")
        doc.fact(res, mg("hasProvision"), provision, "paragraphs")
        doc.fact(provision, mg("paragraphNumber"), lit(n), "paragraphs")
        doc.fact(provision, mg("provisionKind"), lit("paragraph"), "paragraphs")
        doc.plain(provision, iri(RDFS_LABEL), lit(f"{name}, paragraph {n}", lang="en"))
        doc.plain(provision, iri(RDFS_LABEL), lit(f"{name}, paragraphe {n}", lang="fr"))
        for _ in range(MANDATES_PER_PROVISION):
            doc.fact(provision, mg("establishes"), mandate, "paragraphs")
            doc.fact(mandate, iri(RDF_TYPE), mg("Mandate"), "paragraphs")
            doc.fact(mandate, mg("establishedBy"), provision, "paragraphs")
            doc.plain(mandate, iri(RDFS_LABEL),
                      lit(f"Mandate of {name}, paragraph {n}", lang="en"))
            doc.plain(mandate, iri(RDFS_LABEL),
                      lit(f"Mandat de {name}, paragraphe {n}", lang="fr"))
            anchor = number == ANCHOR_RESOLUTION and n == ANCHOR_PARAGRAPH
            if anchor or rng.random() < ASSIGNED_SHARE:
                if anchor or rng.random() < 0.9:
                    doc.fact(mandate, mg("assignedTo"), publisher, "paragraphs", inferred=True,
                             basis="presenting-organ")
                else:
                    doc.fact(mandate, mg("assignedTo"), iri(rng.choice(self.ref.organs)),
                             "entities:organ", inferred=False)
        made: list[str] = []
        links = _int(rng, MEETINGS_PER_MANDATE)
        if number == ANCHOR_RESOLUTION and n == ANCHOR_PARAGRAPH:
            links = max(links, 1)
        for i in range(links):
            if not doc.room():
                return made
            activity = self._activity_block(doc, ("mandate", n, i))
            doc.fact(activity, mg("addresses"), mandate, "meetings")
            made.append(activity)
        unlinked = int(links * UNLINKED_ACTIVITIES_PER_LINK + rng.random())
        for i in range(unlinked):
            made.append(self._activity_block(doc, ("unlinked", n, i)))
        return made

    def _activity_block(self, doc: _Document, identity: tuple[object, ...]) -> str:
        rng = doc.rng
        activity = doc.local("activity", *identity)
        kind = _str(rng, ACTIVITY_KINDS)
        title = self.title(rng, rng.randint(4, 10))
        doc.fact(activity, iri(RDF_TYPE), mg("Activity"), "meetings")
        doc.fact(activity, iri(RDF_TYPE), mg(kind), "meetings")
        doc.fact(activity, iri(DCT + "title"), lit(title, lang="fr"), "meetings")
        doc.plain(activity, iri(RDFS_LABEL), lit(title, lang="fr"))
        doc.plain(activity, iri(DCT + "source"), doc.doc)
        start = date(doc.year, 1, 1) + timedelta(days=rng.randrange(0, 700))
        end = start + timedelta(days=rng.choice((0, 0, 0, 1, 2, 4)))
        inferred = rng.random() < DATE_INFERRED_SHARE
        doc.fact(activity, iri(SCHEMA + "startDate"), lit(start.isoformat(), "date"),
                 "meetings", inferred=inferred)
        doc.fact(activity, iri(SCHEMA + "endDate"), lit(end.isoformat(), "date"), "meetings",
                 inferred=inferred)
        doc.plain(activity, mg("dateInferred"), lit("true" if inferred else "false", "boolean"))
        if rng.random() < SERIES_SHARE:
            series = iri(f"{self.base}series/{doc.stem}-{rng.randrange(3)}")
            doc.fact(activity, mg("partOfSeries"), series, "meetings")
            doc.plain(activity, iri(SCHEMA + "position"), lit(rng.randint(1, 1500)))
            doc.plain(series, iri(RDF_TYPE), mg("ActivitySeries"))
            doc.plain(series, iri(RDFS_LABEL), lit(f"Série {series[-2]}", lang="fr"))
        if rng.random() < ORGANIZED_SHARE:
            doc.fact(activity, mg("organizedBy"), iri(rng.choice(self.ref.organs)),
                     "entities:organ")
        if rng.random() < PLACE_SHARE:
            slug = rng.choice(PLACES)
            place = iri(f"{self.base}place/{slug}")
            doc.fact(activity, mg("atPlace"), place, "meetings")
            doc.plain(place, iri(RDF_TYPE), mg("Place"))
            doc.plain(place, iri(RDFS_LABEL), lit(slug.replace("-", " ").title(), lang="fr"))
        if rng.random() < HOSTED_SHARE:
            doc.fact(activity, mg("hostedBy"), iri(rng.choice(self.ref.states)),
                     "entities:state")
        return activity

    def _plan_block(self, doc: _Document, res: str, mentioned: set[str]) -> None:
        rng = doc.rng
        plan = doc.doc
        doc.fact(plan, iri(RDF_TYPE), mg("ActionPlan"), "entities:plan")
        doc.fact(plan, mg("implements"), res, "entities:plan")
        self._budget(doc, plan, 1, "document", total=True)
        for a in range(1, AXES_PER_PLAN + 1):
            if not doc.room():
                return
            axis = iri(f"{plan[1:-1]}/axis/{a}")
            doc.fact(plan, mg("hasAxis"), axis, "action_plan")
            doc.fact(axis, iri(RDF_TYPE), mg("PriorityAxis"), "action_plan")
            doc.fact(axis, mg("axisOf"), plan, "action_plan")
            doc.fact(axis, mg("axisNumber"), lit(a, "integer"), "action_plan")
            doc.plain(axis, iri(RDFS_LABEL), lit(self.title(rng, 3), lang="fr"))
            self._budget(doc, axis, _int(rng, BUDGET_LINES_PER_AXIS), "table-section")
            for i in range(_int(rng, ACTIVITIES_PER_AXIS)):
                if not doc.room():
                    return
                activity = doc.local("activity", "plan", a, i)
                label = self.title(rng, rng.randint(5, 12))
                doc.fact(activity, iri(RDF_TYPE), mg("Activity"), "action_plan")
                doc.plain(activity, iri(RDFS_LABEL), lit(label, lang="fr"))
                doc.fact(activity, mg("underAxis"), axis, "action_plan", inferred=True,
                         basis="table-section")
                responsible = iri(rng.choice(self.ref.national))
                mentioned.add(responsible)
                doc.fact(activity, mg("responsible"), responsible, "action_plan")
                self._budget(doc, activity, _int(rng, BUDGET_LINES_PER_ACTIVITY), "table-row")

    def _budget(self, doc: _Document, target: str, count: int, basis: str, *,
                total: bool = False) -> None:
        rng = doc.rng
        for i in range(count):
            line = doc.local("budget", target, i)
            doc.fact(line, iri(RDF_TYPE), mg("BudgetLine"), "amounts")
            doc.fact(line, iri(SCHEMA + "value"),
                     lit(rng.randrange(1, 500) * 1_000_000, "decimal"), "amounts")
            doc.fact(line, iri(SCHEMA + "currency"), lit("XOF"), "amounts")
            doc.fact(line, mg("fiscalYear"), lit(doc.year + i % 3, "integer"), "action_plan",
                     inferred=True, basis="column-header")
            doc.plain(line, mg("isTotal"), lit("true" if total else "false", "boolean"))
            doc.fact(line, mg("budgetFor"), target, "action_plan", inferred=True, basis=basis)
            doc.plain(target, mg("hasBudget"), line)

    def _obligation_block(self, doc: _Document, res: str) -> None:
        rng = doc.rng
        obligation = doc.local("obligation", rng.random())
        doc.fact(obligation, iri(RDF_TYPE), mg("ReportingObligation"), "deadlines")
        doc.fact(obligation, mg("obligationSource"), res, "deadlines")
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        doc.fact(obligation, mg("dueMonthDay"), lit(f"--{month:02d}-{day:02d}", "gMonthDay"),
                 "deadlines")
        doc.plain(obligation, iri(RDFS_LABEL), lit(self.title(rng, 4), lang="fr"))

    def _post_block(self, doc: _Document, organ: str) -> None:
        rng = doc.rng
        role = rng.choice(POSTS)
        post = iri(f"{organ[1:-1]}/post/{role}")
        person = iri(f"{self.base}person/{doc.stem}-{rng.randrange(10_000)}")
        doc.fact(post, iri(RDF_TYPE), mg("Post"), "officers")
        doc.fact(post, mg("postIn"), organ, "officers")
        doc.fact(post, mg("holder"), person, "officers")
        doc.plain(post, iri(RDFS_LABEL), lit(role.replace("-", " "), lang="en"))
        doc.fact(person, iri(RDF_TYPE), mg("Person"), "officers")
        doc.plain(person, iri(RDFS_LABEL), lit(self.title(doc.rng, 2)))

    def _source_block(
        self, doc: _Document, kind: str, publisher: str, res: str, mentioned: set[str]
    ) -> None:
        """The document's description (as sources.describe_sources writes it), written last
        because its character count must cover every evidence span."""
        rng = doc.rng
        src = doc.doc
        for other in sorted(mentioned):
            doc.fact(src, iri(DCT + "references"), other, "entities:organ", inferred=False)
        extra = _int(rng, MENTIONS_PER_DOCUMENT) // 4
        for target in rng.sample(self.ref.states, min(extra, len(self.ref.states))):
            doc.fact(src, iri(DCT + "references"), iri(target), "entities:state",
                     inferred=False)
        doc.plain(src, iri(RDF_TYPE), mg("SourceDocument"))
        doc.plain(src, mg("fileName"), lit(f"{doc.stem}.txt"))
        doc.plain(src, iri(DCT + "identifier"), lit(doc.stem))
        doc.plain(src, iri(DCT + "title"), lit(self.title(rng, 8), lang="fr"))
        doc.plain(src, iri(DCT + "type"), iri(f"{self.base}document-kind/{kind}"))
        doc.plain(src, iri(DCT + "publisher"), publisher)
        doc.plain(src, iri(DCT + "language"), iri(FRENCH))
        doc.plain(src, iri(DCT + "date"), lit(f"{doc.year}-03-01", "date"))
        doc.plain(src, iri(DCT + "temporal"), lit(f"{doc.year}/{doc.year + 1}"))
        doc.plain(src, mg("characterCount"), lit(doc.cursor + rng.randint(10, 500), "integer"))
        doc.plain(src, mg("sha256"), lit(hashlib.sha256(doc.stem.encode()).hexdigest()))


def generate(
    triples: int, out: IO[bytes], *, seed: int = 0, base: str = DEFAULT_BASE,
    reference: Reference | None = None,
) -> tuple[int, int]:
    """Write about ``triples`` quads (±5 %) of N-Quads to ``out``; return (quads, documents).

    The count includes the ontology and reference graphs (about 5.5 k quads, so the smallest
    size is 10 k). The merged default graph a build adds is not in the file: loading it the way
    the build does derives it, as for a build's ``graph.nq``.
    """
    reference = reference or load_reference(base)
    static = len(reference.static_lines)
    if triples < static + 2_000:
        raise ValueError(
            f"{triples} quads is too few: the ontology and reference data alone are {static}; "
            f"ask for at least {static + 2_000}"
        )
    # Resolution numbers are drawn from a pool that grows with the dataset, so documents cite
    # shared resolutions (as real ones do) at every size: about one number per 1,500 quads.
    gen = _Generator(seed=seed, base=base, reference=reference, pool=max(50, triples // 1_500))
    out.write("".join(reference.static_lines).encode("utf-8"))
    written, index = static, 0
    while written < triples:
        remaining = triples - written
        doc = gen.document(index, None)
        if len(doc) > remaining:
            # The last document is made again, cut between whole blocks to fit what is left.
            doc = gen.document(index, max(remaining - 300, 1))
        out.write("".join(doc.lines).encode("utf-8"))
        written += len(doc)
        index += 1
    return written, index


def generate_file(triples: int, path: Path, *, seed: int = 0, base: str = DEFAULT_BASE) -> int:
    """:func:`generate` into ``path`` (written in full, then renamed); returns the quads."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb", buffering=1 << 20) as out:
        quads, _documents = generate(triples, out, seed=seed, base=base)
    tmp.replace(path)
    return quads
