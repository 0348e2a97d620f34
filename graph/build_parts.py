"""The documents' parts of a release: each document's named graph, extracted and checked in
worker processes, reused from the cache when its content and the code are unchanged.

A worker extracts a document (graph.extract) and validates the shapes local to its graph
(graph.validate.local) on what it just extracted, with the document's description; both are
cached per document (graph.cache). The build then validates only the other shapes on the
whole graph. Each part is written as its result comes, while the workers go on with the next
documents: memory holds a few documents at a time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from tqdm import tqdm

from graph.assemble import DatasetWriter, graph_quads
from graph.cache import ExtractionCache
from graph.config import SHAPES_DIR, graph_iri
from graph.extract import ExtractionResult, _extract_one, document_context
from graph.namespaces import DCTERMS, MG, PREFIXES, RDFS_SUBCLASS, XSD
from graph.rdf_files import canonical_ntriples, read_graph
from graph.sources import MANIFEST, SourceDocument, describe_sources
from graph.validate.local import foreign_statement, split_shapes, validate_document
from graph.validate.release_check import Record, record_of


@dataclass
class Parts:
    """What writing the documents' parts gave the build."""

    #: every document's result, in identifier order, without its N-Quads (they are written)
    results: list[ExtractionResult]
    #: how many documents came from the cache
    cached: int
    #: the local shapes' results of every document; None when they were not run or when a
    #: part says something that makes them differ from a whole-graph run (``foreign``)
    local: list[Record] | None
    foreign: str | None = None


@dataclass(frozen=True)
class _Task:
    doc: SourceDocument
    context: object
    base: str
    description: bytes
    #: the cached N-Quads to check, when the document need not be extracted again
    cached: Path | None
    #: the subclass axioms of the ontology and reference data (N-Triples), or None: no check
    axioms: bytes | None


def write_parts(
    writer: DatasetWriter, documents: list[SourceDocument], *, build_dir: Path, base: str,
    jobs: int, check: bool, axioms: bytes,
) -> Parts:
    """Every document's part written to ``writer`` in identifier order; with ``check``, the
    local shapes validated per document (``axioms``: the static parts' subclass axioms)."""
    cache_ = ExtractionCache(build_dir / "cache" / "extract", base)
    ordered = sorted(documents, key=lambda d: d.stem)
    found = {doc.stem: cache_.get(doc) for doc in ordered}
    checks: dict[str, dict[str, Any] | None] = {
        doc.stem: cache_.checks(doc) if check and found[doc.stem] is not None else None
        for doc in ordered
    }
    manifest = read_graph(MANIFEST, base=base)
    described = {str(s) for s in manifest.subjects()}
    descriptions = {doc.stem: description(doc, base, manifest, described) for doc in ordered}
    todo = [
        _Task(doc, document_context(manifest, doc, base), base, descriptions[doc.stem],
              cache_.nquads_path(doc) if found[doc.stem] is not None else None,
              axioms if check else None)
        for doc in ordered
        if found[doc.stem] is None or (check and checks[doc.stem] is None)
    ]
    results: list[ExtractionResult] = []
    local: list[Record] = []
    foreign: str | None = None
    fresh = _run(todo, jobs)
    progress = tqdm(total=len(ordered), unit="doc", desc="extracting and checking",
                    disable=not _interactive())
    try:
        with progress:
            for doc in ordered:
                result = found[doc.stem]
                if result is None or (check and checks[doc.stem] is None):
                    extracted, checked = next(fresh)
                    if result is None:
                        assert extracted is not None
                        result = extracted
                        cache_.put(doc, result)
                    if checked is not None:
                        checks[doc.stem] = checked
                        cache_.put_checks(doc, checked)
                nquads = _result_nquads(result, doc, cache_, base)
                writer.add_nquads(descriptions[doc.stem], nquads)
                outcome = checks[doc.stem]
                if check and outcome is not None and foreign is None:
                    foreign = outcome.get("foreign")
                    local.extend(outcome.get("records") or [])
                results.append(replace(result, nquads=b""))
                progress.update()
    finally:
        fresh.close()  # shuts the worker pool down now, not when the generator is collected
    cached = sum(1 for doc in ordered if found[doc.stem] is not None)
    return Parts(results, cached, local if check and foreign is None else None, foreign)


def _run(tasks: list[_Task], jobs: int) -> Iterator[tuple[ExtractionResult | None, Any]]:
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _make_part(task)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_make_part, tasks, chunksize=8)


def _make_part(task: _Task) -> tuple[ExtractionResult | None, dict[str, Any] | None]:
    """In a worker: the document's extraction (unless cached) and its local validation."""
    doc = task.doc
    result = None
    if task.cached is None:
        result = _extract_one((doc, task.context, task.base))
        nquads = result.nquads
    else:
        nquads = task.cached.read_bytes()
    if task.axioms is None:
        return result, None
    return result, check_part(task.description + nquads, stem=doc.stem, text=doc.text,
                              base=task.base, axioms=task.axioms)


def check_part(part: bytes, *, stem: str, text: str, base: str, axioms: bytes
               ) -> dict[str, Any]:
    """A document's local validation as the cache keeps it: ``records``, or ``foreign``: the
    statement of the part for which it would not be the whole graph's."""
    split = _split()
    classes = _classes(axioms)
    reason = foreign_statement(part, base=base, classes=classes, stem=stem)
    if reason is not None:
        return {"foreign": f"{stem}: {reason}"}
    results = validate_document(part, stem=stem, text=text, base=base, split=split,
                                subclass_axioms=axioms)
    return {"records": [record_of(r) for r in results]}


@cache
def _split() -> Any:
    from graph.validate.shapes import load_shapes

    return split_shapes(load_shapes(SHAPES_DIR))


@cache
def _classes(axioms: bytes) -> frozenset[str]:
    from graph.validate.local import local_classes

    pairs = [(t.subject.value, t.object.value)  # type: ignore[union-attr]
             for t in ox.parse(axioms, format=ox.RdfFormat.N_TRIPLES)
             if t.predicate.value == RDFS_SUBCLASS]
    return local_classes(pairs)


def subclass_axioms(static: bytes) -> bytes:
    """The subclass axioms of the static parts (N-Quads), as N-Triples."""
    return b"".join(
        line.rsplit(b" ", 2)[0] + b" .\n" for line in static.splitlines()
        if f" <{RDFS_SUBCLASS}> ".encode() in line
    )


def static_classes(axioms: bytes) -> frozenset[str]:
    """The local classes and their subclasses, for the checks of the other parts."""
    return _classes(axioms)


def description(doc: SourceDocument, base: str, manifest: Graph, described: set[str]) -> bytes:
    """A source document's description, in its named graph (N-Quads)."""
    graph = graph_iri(base, f"source/{doc.stem}")
    if f"{base}source/{doc.stem}" in described:
        data = canonical_ntriples(
            describe_sources([doc], base=base, manifest=manifest), base=base)
        quads = graph_quads(data, ox.RdfFormat.N_TRIPLES, graph, base)
    else:
        # a file the manifest does not describe (a UN corpus has thousands): what the file
        # itself says
        quads = _file_description(doc, base, ox.NamedNode(graph))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def _result_nquads(
    result: ExtractionResult, doc: SourceDocument, cache_: ExtractionCache, base: str
) -> bytes:
    """A result's N-Quads: in memory, else from the cache (extracted again if its entry went
    away in between, say by a user clearing the cache during the build)."""
    if result.nquads or not result.statements:
        return result.nquads
    try:
        return cache_.nquads(doc)
    except OSError:
        from graph.extract import extract_corpus

        return extract_corpus([doc], read_graph(MANIFEST, base=base), base=base)[0].nquads


def _file_description(doc: SourceDocument, base: str, graph: ox.NamedNode) -> list[ox.Quad]:
    """The statements :func:`graph.sources.describe_sources` makes of a file outside the
    manifest, without a round trip through rdflib."""
    node = ox.NamedNode(f"{base}source/{doc.stem}")

    def text(value: str) -> ox.Literal:
        return ox.Literal(value)

    return [
        ox.Quad(node, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(MG + "SourceDocument"),
                graph),
        ox.Quad(node, ox.NamedNode(DCTERMS + "identifier"), text(doc.stem), graph),
        ox.Quad(node, ox.NamedNode(MG + "fileName"), text(doc.path.name), graph),
        ox.Quad(node, ox.NamedNode(MG + "sha256"), text(doc.sha256), graph),
        ox.Quad(node, ox.NamedNode(MG + "characterCount"),
                ox.Literal(str(len(doc.text)), datatype=ox.NamedNode(XSD + "integer")), graph),
        ox.Quad(node, ox.NamedNode(DCTERMS + "title"), text(doc.path.name), graph),
    ]


def _interactive() -> bool:
    """A progress bar only for a person at a terminal, never in logs or CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")
