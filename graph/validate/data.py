"""What is validated: the built graph, or RDF files together with the ontology and reference data.

Everything is loaded into one pyoxigraph store whose default graph holds all the triples, because
the fast path runs its SPARQL there and because pyoxigraph parses quickly and reports syntax
errors with their line. rdflib graphs for pyshacl are made from that store on demand, whole (the
reference engine) or restricted to the predicates the shapes mention (the fast path).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.config import ONTOLOGY_FILE
from graph.namespaces import XSD
from graph.reference import reference_files
from graph.store.interface import PatternStore

#: file suffix → pyoxigraph format, for the files a user may give
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
XSD_STRING = XSD + "string"


# rdflib logs a traceback for every ill-typed literal it meets ("2030-13-45"^^xsd:date); such a
# literal is a validation result here (sh:datatype), not an error to show the user.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


class DataError(Exception):
    """The data cannot be read: the message names the file and, for syntax, the line."""


@dataclass
class DataSet:
    """The triples to validate (default graph of ``store``) and where they came from."""

    store: PatternStore
    files: list[Path] = field(default_factory=list)
    base: str = ""
    #: the documents' texts: a folder (a release's ``sources/``), or by document identifier
    texts: Path | Mapping[str, str] | None = None
    description: str = ""
    #: one document's graph in a memory store (graph.validate.local): the engines then read
    #: whole predicates and batch SPARQL at any size, as they do on a large graph; same results
    in_memory: bool = False

    def rdflib_graph(self, predicates: Iterable[str] | None = None) -> Graph:
        """The default graph as an rdflib graph; only ``predicates`` when given."""
        graph = Graph()
        add = graph.add
        default = ox.DefaultGraph()
        patterns = (
            [None] if predicates is None else [ox.NamedNode(p) for p in sorted(set(predicates))]
        )
        for predicate in patterns:
            for quad in self.store.quads_for_pattern(None, predicate, None, default):
                add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph


def from_build(build_dir: Path) -> DataSet:
    """The current release of a build directory (``build/current``)."""
    release = build_dir / "current"
    store_path = release / "store"
    if not store_path.is_dir():
        raise DataError(
            f"{build_dir}: no built graph here (no current/store); run `mandate-graph build` "
            "first, or give the files to validate"
        )
    try:
        store = ox.Store.read_only(str(store_path))
    except OSError as err:
        raise DataError(f"{store_path}: cannot open the store: {err}") from err
    base = ""
    meta = release / "release.json"
    if meta.is_file():
        try:
            base = json.loads(meta.read_text(encoding="utf-8")).get("base", "")
        except (OSError, ValueError):
            base = ""
    texts = release / "sources"
    return DataSet(
        store=store,
        base=base,
        texts=texts if texts.is_dir() else None,
        description=f"the built graph {release.resolve().name}",
    )


def from_files(files: list[Path], *, base: str, texts: Path | None = None) -> DataSet:
    """RDF files, with the ontology and the reference data they are read against."""
    store = ox.Store()
    for path in files:
        _load(store, path, base=base)
    for path in [ONTOLOGY_FILE, *reference_files()]:
        _load(store, path, base=base)
    names = ", ".join(p.name for p in files[:3]) + (" …" if len(files) > 3 else "")
    return DataSet(store=store, files=list(files), base=base, texts=texts, description=names)


def _load(store: ox.Store, path: Path, *, base: str) -> None:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            f"{path}: unsupported RDF file type {path.suffix!r}; expected one of "
            f"{', '.join(sorted(FORMATS))}"
        )
    default = ox.DefaultGraph()
    # Streamed into the store, not listed first: at 10 M quads a list of Python quads alone
    # took gigabytes. A syntax error part-way leaves a partly filled store, which is harmless:
    # the DataError ends the validation and the store is thrown away.
    try:
        data = path.read_bytes()
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object, default)
            for q in ox.parse(data, format=fmt, base_iri=base or None)
        )
    except SyntaxError as err:
        raise DataError(f"{path}:{err.lineno}: not valid {fmt.name}: {err.msg}") from err
    except (OSError, ValueError) as err:
        raise DataError(f"{path}: cannot read the file: {err}") from err


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term as the rdflib term rdflib's own parsers would make.

    A simple literal stays without datatype (rdflib distinguishes it from ^^xsd:string), so
    that a graph made here and one parsed by rdflib compare equal.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise DataError(f"RDF-star triple terms are not supported: {term}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (the inverse of ``to_rdflib``)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise DataError(f"unsupported RDF term {term!r}")
