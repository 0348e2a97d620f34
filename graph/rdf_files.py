"""Read hand-edited RDF files (ontology, reference data, user files) into canonical N-Triples
(N-Quads for a user file with named graphs).

Why not hand the files to pyoxigraph directly: blank nodes (OWL class expressions, RDF lists) get
fresh random labels on every load, and then two builds of the same inputs differ. Blank nodes are
therefore labelled with rdflib's canonical algorithm (RGDA1) and replaced by skolem IRIs
(``{base}.well-known/genid/{label}``, RDF 1.1 §3.5), which keeps the build deterministic: same
inputs, identical sorted N-Quads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


class RdfFileError(Exception):
    """An RDF file could not be read; the message names the file and the parser's complaint."""


def read_graph(path: Path, *, base: str) -> Graph:
    """Parse one RDF file, resolving relative IRIs against ``base``."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RdfFileError(
            f"{path}: unsupported RDF file type {path.suffix!r}; expected one of {sorted(FORMATS)}"
        )
    graph = Graph()
    try:
        graph.parse(path, format=fmt, publicID=base)
    except (OSError, UnicodeDecodeError) as err:
        raise RdfFileError(f"{path}: cannot read the file: {err}") from err
    except Exception as err:  # rdflib's parsers raise many unrelated types for bad syntax
        raise RdfFileError(f"{path}: not valid {fmt}: {err}") from err
    return graph


def canonical_ntriples(graph: Graph, *, base: str) -> bytes:
    """Sorted N-Triples of ``graph``, blank nodes skolemised under ``base`` canonically."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        canonical = to_canonical_graph(graph)
        graph = Graph()
        for triple in canonical:
            graph.add(tuple(_skolem(t, base) for t in triple))  # type: ignore[arg-type]
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(line for line in data.splitlines() if line.strip())
    return b"\n".join(lines) + b"\n"


def _skolem(term: object, base: str) -> object:
    if isinstance(term, BNode):
        return URIRef(f"{base}.well-known/genid/{term}")
    return term


def canonical_nquads(quads: Iterable[tuple[Node, Node, Node, URIRef]], *, base: str) -> bytes:
    """Sorted N-Quads of ``(s, p, o, graph)`` quads, blank nodes skolemised canonically.

    A blank node may appear in several graphs of one file and must stay one node, so the quads
    are canonicalised together: as one graph whose predicates say both the property and the
    graph (each (property, graph) pair numbered in sorted order, so the same quads always get the
    same labels), then split again. Quads all in one graph are canonicalised as its triples, so
    they get the labels :func:`canonical_ntriples` gives them.
    """
    quads = list(quads)
    pairs = sorted({(str(p), str(g)) for _s, p, _o, g in quads})
    single = len({graph for _p, graph in pairs}) == 1
    surrogate = {
        pair: URIRef(pair[0] if single else f"urn:x-mandate-graph:pair:{i}")
        for i, pair in enumerate(pairs)
    }
    pair_of = {str(iri): pair for pair, iri in surrogate.items()}
    encoded = Graph()
    for s, p, o, g in quads:
        encoded.add((s, surrogate[(str(p), str(g))], o))
    lines: set[str] = set()
    for line in canonical_ntriples(encoded, base=base).decode("utf-8").splitlines():
        if not line:
            continue
        subject, _, rest = line.partition(" ")
        predicate, _, rest = rest.partition(" ")
        prop, graph = pair_of[predicate[1:-1]]
        lines.add(f"{subject} <{prop}> {rest.removesuffix(' .')} <{graph}> .")
    return "".join(f"{line}\n" for line in sorted(lines)).encode("utf-8")
