"""Facts → RDF, with the evidence of every statement.

Extraction code says what it found (``facts.add(s, p, o, span=…, recognizer=…)``); this module
turns that into triples of the ontology and, for each statement, an ``mg:Evidence`` node that
names the source document, the character span in the *original* file (a
``oa:TextPositionSelector``), the exact quote (a ``oa:TextQuoteSelector``), the recogniser, and
whether the fact is explicit in the text or inferred. Evidence IRIs are derived from the document,
the span and the statement, so the same build gives the same IRIs and two documents supporting the
same fact give two evidences on one node.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pyoxigraph as ox

from graph.namespaces import MG, OA, PREFIXES, RDF_TYPE_NODE, XSD
from graph.normalize import NormalizedText

Term = ox.NamedNode | ox.Literal
Value = Term | str | int | bool | Decimal | date | datetime


def mg(local: str) -> ox.NamedNode:
    """A term of the ontology."""
    return ox.NamedNode(MG + local)


def term(prefixed: str) -> ox.NamedNode:
    """A term of a reused vocabulary, written ``prefix:local`` (``schema:startDate``)."""
    prefix, _, local = prefixed.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


def literal(value: Value, *, lang: str | None = None, datatype: str | None = None) -> Term:
    """An RDF literal with the XSD datatype its Python type implies."""
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


class Facts:
    """The statements extracted from one document, each with its evidence."""

    def __init__(self, *, base: str, doc_stem: str, nt: NormalizedText) -> None:
        self.base = base
        self.doc_stem = doc_stem
        self.doc = ox.NamedNode(f"{base}source/{doc_stem}")
        self.nt = nt
        self.graph = ox.NamedNode(f"{base}graph/source/{doc_stem}")
        self._triples: set[ox.Triple] = set()

    def iri(self, path: str) -> ox.NamedNode:
        """A resource under the data base (``organ/oas-csh``)."""
        return ox.NamedNode(self.base + path)

    def local(self, kind: str, *identity: object) -> ox.NamedNode:
        """A resource that only this document knows of: IRI from the document and an identity."""
        key = "\x1f".join(map(str, identity)).encode()
        digest = hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]
        return self.iri(f"{kind}/{self.doc_stem}-{digest}")

    def add(
        self,
        s: ox.NamedNode,
        p: ox.NamedNode,
        o: Value,
        *,
        span: tuple[int, int] | None,
        recognizer: str,
        inferred: bool = False,
        basis: str | None = None,
    ) -> None:
        """One statement; with a ``span`` (clean offsets), its evidence too."""
        obj = o if isinstance(o, ox.NamedNode | ox.Literal) else literal(o)
        triple = ox.Triple(s, p, obj)
        self._triples.add(triple)
        if span is not None:
            self._evidence(triple, span, recognizer=recognizer, inferred=inferred, basis=basis)

    def infer(
        self, s: ox.NamedNode, p: ox.NamedNode, o: Value, *, span: tuple[int, int] | None,
        recognizer: str, basis: str,
    ) -> None:
        """A statement the text implies rather than says: its evidence is marked inferred and
        names the ``basis`` of the inference ("presenting-organ", "document")."""
        self.add(s, p, o, span=span, recognizer=recognizer, inferred=True, basis=basis)

    def plain(self, s: ox.NamedNode, p: ox.NamedNode, o: Value) -> None:
        """A statement that needs no evidence of its own (a label derived from an identity)."""
        obj = o if isinstance(o, ox.NamedNode | ox.Literal) else literal(o)
        self._triples.add(ox.Triple(s, p, obj))

    def _evidence(
        self,
        triple: ox.Triple,
        span: tuple[int, int],
        *,
        recognizer: str,
        inferred: bool,
        basis: str | None,
    ) -> None:
        start, end = self.nt.span_to_original(*span)
        statement = f"{triple.subject} {triple.predicate} {triple.object}"
        digest = hashlib.sha1(statement.encode(), usedforsecurity=False).hexdigest()[:10]
        span_iri = f"{self.base}evidence/{self.doc_stem}/{start}-{end}"
        ev = ox.NamedNode(f"{span_iri}/{digest}")
        position = ox.NamedNode(f"{span_iri}#position")
        quote = ox.NamedNode(f"{span_iri}#quote")
        add = self._triples.add
        add(ox.Triple(ev, RDF_TYPE_NODE, mg("Evidence")))
        add(ox.Triple(ev, ox.NamedNode(OA + "hasSource"), self.doc))
        add(ox.Triple(ev, ox.NamedNode(OA + "hasSelector"), position))
        add(ox.Triple(ev, ox.NamedNode(OA + "hasSelector"), quote))
        add(ox.Triple(ev, mg("supports"), triple.subject))
        add(ox.Triple(triple.subject, mg("hasEvidence"), ev))
        add(ox.Triple(ev, mg("assertedProperty"), triple.predicate))
        add(ox.Triple(ev, mg("assertedValue"), triple.object))
        add(ox.Triple(ev, mg("recognizer"), literal(recognizer)))
        add(ox.Triple(ev, mg("inferred"), literal(inferred)))
        if basis:
            add(ox.Triple(ev, mg("basis"), literal(basis)))
        add(ox.Triple(position, RDF_TYPE_NODE, ox.NamedNode(OA + "TextPositionSelector")))
        add(ox.Triple(position, ox.NamedNode(OA + "start"), literal(start)))
        add(ox.Triple(position, ox.NamedNode(OA + "end"), literal(end)))
        add(ox.Triple(quote, RDF_TYPE_NODE, ox.NamedNode(OA + "TextQuoteSelector")))
        add(ox.Triple(quote, ox.NamedNode(OA + "exact"), literal(self.nt.original[start:end])))

    def quads(self, *, ordered: bool = True) -> list[ox.Quad]:
        """Every statement, in the document's named graph, in a stable order (``ordered``) or
        in none, for a caller that sorts the whole dataset anyway."""
        triples = sorted(self._triples, key=str) if ordered else self._triples
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in triples]

    def __len__(self) -> int:
        return len(self._triples)


@dataclass(frozen=True)
class ExtractionResult:
    """What one document gave: its N-Quads and how many statements.

    A file that cannot be read as what its type promises (an AKN file with mismatched tags)
    gives no statements and says why in ``skipped``; the build names it and goes on. An AKN
    file says which resolution it describes and which it cites, for the build to mark the
    cited resolutions that no file describes.
    """

    stem: str
    nquads: bytes
    statements: int
    skipped: str | None = None
    notes: tuple[str, ...] = ()
    describes: str | None = None
    #: why a readable file gives nothing on purpose (a language the graph does not read)
    ignored: str | None = None
    cites: frozenset[str] = frozenset()
