"""The pipeline: sources → (extraction) → RDF → a new store, swapped in only when complete.

Every build writes a fresh release directory under ``build/releases/`` and, only once the store,
the N-Quads dump and the copies of the source texts are all written, points the ``build/current``
symlink at it with an atomic rename. A build that fails or is killed half-way therefore leaves the
previous release served and intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.config import CORPUS_DIR, ONTOLOGY_FILE, ONTOLOGY_IRI, graph_iri
from graph.extract import ExtractionResult, extract_corpus
from graph.rdf_files import canonical_ntriples, read_graph
from graph.reference import reference_files
from graph.sources import MANIFEST, SourceDocument, describe_sources, read_sources
from graph.store import OxigraphStore

KEEP_RELEASES = 3


@dataclass
class BuildReport:
    """What a build did, for the CLI to print and for tests to check."""

    release: Path | None = None
    quads: int = 0
    statements: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


def default_sources() -> list[Path]:
    """The corpus shipped with the project: the default data of the main job."""
    return sorted(CORPUS_DIR.glob("*.txt"))


def build(sources: list[Path], *, build_dir: Path, base: str, jobs: int = 1) -> BuildReport:
    """Build a release from ``sources`` and make it current if nothing failed.

    A document that cannot be read is reported and left out; the others still build, into a
    release marked partial that is *not* made current, so the served graph stays the last
    complete one.
    """
    started = time.perf_counter()
    report = BuildReport()
    releases = build_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".tmp-{os.getpid()}-{time.time_ns()}"
    try:
        documents, errors = read_sources(sources)
        report.errors.extend(errors)
        report.documents = [doc.stem for doc in documents]
        if not documents and report.errors:
            return report
        staging.mkdir()
        with _timed(report, "extract"):
            results = extract_corpus(
                documents, read_graph(MANIFEST, base=base), base=base, jobs=jobs
            )
        report.statements = sum(r.statements for r in results)
        with _timed(report, "load"):
            store = OxigraphStore(staging / "store")
            _load_static(store, base)
            _load_documents(store, documents, results, base)
        with _timed(report, "dump"):
            digest = _write_dump(store, staging / "graph.nq")
            report.quads = len(store)
        with _timed(report, "merge"):
            _merge_default_graph(store)
            store.flush()
        _copy_texts(documents, staging / "sources")
        del store
        partial = "-partial" if report.errors else ""
        release = releases / f"{time.strftime('%Y%m%dT%H%M%S')}-{digest[:12]}{partial}"
        (staging / "release.json").write_text(
            json.dumps(
                {
                    "id": release.name,
                    "sha256": digest,
                    "quads": report.quads,
                    "documents": report.documents,
                    "base": base,
                    "partial": bool(report.errors),
                    "errors": report.errors,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        staging.rename(release)
        report.release = release
        if report.errors:
            return report
        _point_current(build_dir, release)
        _prune(releases, keep=KEEP_RELEASES, current=release)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        report.seconds = time.perf_counter() - started
    return report


def _load_static(store: OxigraphStore, base: str) -> None:
    """Ontology and reference data, each in its own named graph."""
    ontology = read_graph(ONTOLOGY_FILE, base=base)
    store.load_bytes(
        canonical_ntriples(ontology, base=base), ox.RdfFormat.N_TRIPLES, graph=ONTOLOGY_IRI
    )
    for path in reference_files():
        data = canonical_ntriples(read_graph(path, base=base), base=base)
        store.load_bytes(data, ox.RdfFormat.N_TRIPLES, graph=graph_iri(base, "reference"))


def _load_documents(
    store: OxigraphStore,
    documents: list[SourceDocument],
    results: list[ExtractionResult],
    base: str,
) -> None:
    """One named graph per source document: its description and what was extracted from it."""
    for doc in documents:
        data = canonical_ntriples(describe_sources([doc], base=base), base=base)
        store.load_bytes(data, ox.RdfFormat.N_TRIPLES, graph=graph_iri(base, f"source/{doc.stem}"))
    for result in results:
        store.load_bytes(result.nquads, ox.RdfFormat.N_QUADS)


@contextmanager
def _timed(report: BuildReport, step: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        report.timings[step] = report.timings.get(step, 0.0) + time.perf_counter() - started


def _merge_default_graph(store: OxigraphStore) -> None:
    """Make the default graph the RDF merge of all named graphs, each triple once.

    A query without GRAPH then sees every statement exactly once, as SPARQL's dataset model
    says it should; querying the union of named graphs instead would count a triple once per
    document that states it (two documents citing one resolution would double its counts).
    """
    store.raw.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _write_dump(store: OxigraphStore, path: Path) -> str:
    """Sorted N-Quads of the named graphs (deterministic), and their SHA-256.

    Written before the default graph is merged: the dump holds each statement in the graph of
    the document that states it, and the merged default graph is derived from it on load.
    """
    data = store.raw.dump(format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted(line for line in data.splitlines() if line.strip())
    payload = b"\n".join(lines) + b"\n"
    path.write_bytes(payload)
    return hashlib.sha256(payload).hexdigest()


def _copy_texts(documents: list[SourceDocument], target: Path) -> None:
    """The release keeps the exact texts its evidence offsets point into."""
    target.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        (target / f"{doc.stem}.txt").write_text(doc.text, encoding="utf-8", newline="")


def _point_current(build_dir: Path, release: Path) -> None:
    """Swap ``build/current`` to the new release in one atomic rename."""
    link = build_dir / "current"
    tmp = build_dir / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path("releases") / release.name)
    tmp.replace(link)


def _prune(releases: Path, *, keep: int, current: Path) -> None:
    """Drop old releases beyond ``keep``, never the current one."""
    kept = sorted((p for p in releases.iterdir() if not p.name.startswith(".")), reverse=True)
    for old in kept[keep:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


def current_release(build_dir: Path) -> Path | None:
    """The release ``build/current`` points at, or None before the first build."""
    link = build_dir / "current"
    return link.resolve() if link.exists() else None
