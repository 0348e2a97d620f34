"""Read hand-edited RDF files (ontology, reference data, user files) into canonical N-Triples.

Why not hand the files to pyoxigraph directly: blank nodes (OWL class expressions, RDF lists) get
fresh random labels on every load, and then two builds of the same inputs differ. Blank nodes are
therefore labelled with rdflib's canonical algorithm (RGDA1) and replaced by skolem IRIs
(``{base}.well-known/genid/{label}``, RDF 1.1 §3.5), which keeps the build deterministic: same
inputs, identical sorted N-Quads.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

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
