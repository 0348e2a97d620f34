"""The pipeline: sources → (extraction) → RDF → a new store, swapped in only when complete.

Every build writes a fresh release directory under ``build/releases/`` and, only once the store,
the N-Quads dump and the copies of the source texts are all written, points the ``build/current``
symlink at it with an atomic rename. A build that fails or is killed half-way therefore leaves the
previous release served and intact.

What is hashed (``graph.nq``, and so the release id) is the content only: the named graphs of
the ontology, the reference data, the documents and the researcher's files (``--add``). The
release's own provenance (when, by which code, from which inputs, with which validation
results) goes to ``provenance.nq`` and to the store's ``graph/release`` named graph, never to
``graph.nq``: it holds a time, and the same inputs must give the same hash (docs/releases.md).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from graph.assemble import DatasetWriter, graph_quads
from graph.build_parts import Parts, static_classes, subclass_axioms, write_parts
from graph.cache import inputs_digest
from graph.config import CORPUS_DIR, ONTOLOGY_FILE, graph_iri
from graph.extract import ExtractionResult
from graph.namespaces import MG, ONTOLOGY_IRI, XSD
from graph.queries import query_text
from graph.rdf_files import canonical_ntriples, read_graph
from graph.reference import reference_files
from graph.registry.overlaps import find_overlaps, overlap_quads, read_candidates
from graph.registry.search_index import INDEX_FILE as SEARCH_INDEX
from graph.registry.search_index import build_index
from graph.release import (
    PROVENANCE_FILE,
    USER_GRAPH,
    VALIDATION_FILE,
    Provenance,
    ReleaseError,
    UserFile,
    class_counts,
    dumps_at_build_max_quads,
    dumps_dir_of,
    keep_dumps,
    keep_releases,
    provenance_quads,
    prune_dumps,
    read_user_files,
    sorted_nquads,
    write_release_dumps,
)
from graph.sources import SourceDocument, read_sources
from graph.store import OxigraphStore
from graph.validate.local import foreign_statement
from graph.validate.release_check import Validation, render_rejection, run_validation

#: the default of ``MANDATE_GRAPH_KEEP_RELEASES`` (graph.release.keep_releases)
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
    #: SHACL results per severity of the release (None: validation did not run)
    validation: dict[str, int] | None = None
    #: the validator's report when the files given with ``--add`` do not conform
    rejection: str = ""
    user_files: list[str] = field(default_factory=list)
    #: files left out of the graph with the reason: unreadable AKN files (their line and the
    #: parser's reason) and archive members that are not documents. With ``strict`` they
    #: are errors instead.
    skipped: list[str] = field(default_factory=list)
    #: files the graph does not read, with the reason: archive members that are no documents
    #: (a README, an image, an empty placeholder), AKN versions in another language (Chinese)
    ignored: list[str] = field(default_factory=list)
    #: the inputs were those of the current release, which was kept (``skip_unchanged``)
    unchanged: bool = False
    #: what the readers could not use in a file that was still read (a placeholder date)
    notes: list[str] = field(default_factory=list)
    #: documents whose extraction was read from the cache (same content, same code)
    cached: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.rejection


def text_sources() -> list[Path]:
    """The five plain-text documents of the corpus (OAS, UN and Mali), annotated by hand in
    ``tests/gold``: the small corpus most tests build."""
    return sorted(CORPUS_DIR.glob("*.txt"))


def un_sources() -> list[Path]:
    """The UN's own resolutions shipped with the project (Akoma Ntoso and vote files, as the UN
    publishes them): Security Council 2020–2024 and General Assembly session 78."""
    return sorted((CORPUS_DIR / "un").glob("*.tar.xz"))


def default_sources() -> list[Path]:
    """What ``make serve`` builds: the text corpus and the UN slice."""
    return [*text_sources(), *un_sources()]


def build(
    sources: list[Path],
    *,
    build_dir: Path,
    base: str,
    jobs: int = 1,
    add: Sequence[Path] = (),
    validate: bool = True,
    strict: bool = False,
    skip_unchanged: bool = False,
) -> BuildReport:
    """Build a release from ``sources`` (and the researcher's RDF files ``add``) and make it
    current if nothing failed.

    A document that cannot be read is reported and left out; the others still build, into a
    release marked partial that is *not* made current, so the served graph stays the last
    complete one. Files given in ``add`` must not bring new SHACL violations: if they do, no
    release is made and ``report.rejection`` holds the validator's report.

    A file that is read but cannot be understood (an AKN file with mismatched tags) and an
    archive member that is no document are *skipped*: named in the report, the release's
    record and its provenance, while the build goes on. ``strict`` makes them errors.

    Extraction results are reused per document from earlier builds (graph.cache). With
    ``skip_unchanged``, a build asked for with exactly the inputs of the current release keeps
    that release (``report.unchanged``) instead of making an identical one.
    """
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    report = BuildReport()
    releases = build_dir / "releases"
    staging = releases / f".tmp-{os.getpid()}-{time.time_ns()}"
    writer: DatasetWriter | None = None
    try:
        releases.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_staging(releases)
        documents, errors = read_sources(sources, report.skipped, report.ignored)
        report.errors.extend(errors)
        report.documents = [doc.stem for doc in documents]
        if not documents and report.errors:
            return report
        try:
            user_files = read_user_files(add, base=base)
        except ReleaseError as err:
            report.errors.append(str(err))
            return report
        report.user_files = [u.path.name for u in user_files]
        staging.mkdir()
        inputs = inputs_digest(
            documents, [(u.path.name, u.sha256) for u in user_files], base=base,
            options={"validate": validate, "strict": strict},
        )
        if skip_unchanged and _current_inputs(build_dir) == inputs:
            report.release = current_release(build_dir)
            report.unchanged = True
            report.documents = [doc.stem for doc in documents]
            return report
        with _timed(report, "extract"):
            # each document's part is written as its result comes, while the workers extract
            # the next ones: the two steps overlap, and memory holds a few documents at a time
            writer = DatasetWriter(
                staging / "graph.nq", staging / ".merged.nq",
                unmerged_prefix=graph_iri(base, USER_GRAPH),
                unmerged_graphs={g for u in user_files for g in u.graphs},
            )
            axioms = _write_static(writer, base)
            parts = write_parts(writer, documents, build_dir=build_dir, base=base, jobs=jobs,
                                check=(validate or bool(user_files)) and axioms is not None,
                                axioms=axioms or b"")
            results, report.cached = parts.results, parts.cached
        report.statements = sum(r.statements for r in results)
        report.skipped.extend(r.skipped for r in results if r.skipped)
        report.ignored.extend(r.ignored for r in results if r.ignored)
        report.notes.extend(note for r in results for note in r.notes)
        if strict and report.skipped:
            report.errors.extend(f"{s} (--strict)" for s in report.skipped)
            return report
        with _timed(report, "dump"):
            for user in user_files:
                writer.add_nquads(user.nquads)
            writer.flush()
        _copy_texts(documents, staging / "sources")
        with _timed(report, "load"):
            store = OxigraphStore(staging / "store")
            store.load_dataset_files(writer.path, writer.merged)
            index = _corpus_index(store, results, base)
            local = _local_results(parts, index, axioms, base)
            writer.add_quads(index)
            store.load_quads(index)
            digest = writer.close()
            writer.merged.unlink()
            report.quads = writer.quads
        validation: Validation | None = None
        with _timed(report, "validate"):
            if validate or user_files:
                validation = run_validation(store, base=base, texts=staging / "sources",
                                            local=local)
            if user_files:
                validation = _accept_user_files(store, user_files, base, validation, report)
                if report.rejection:
                    return report
        with _timed(report, "search index"):
            build_index(store, staging / SEARCH_INDEX)
        partial = "-partial" if report.errors else ""
        release = releases / f"{started_at:%Y%m%dT%H%M%S}-{digest[:12]}{partial}"
        previous = current_release(build_dir)
        with _timed(report, "provenance"):
            triples, classes = class_counts(store)
            report.validation = validation.counts if validation else None
            quads = provenance_quads(
                Provenance(
                    release_id=release.name, digest=digest, started=started_at,
                    ended=datetime.now(UTC), documents=documents, user_files=user_files,
                    triples=triples, quads=report.quads, classes=classes,
                    validation=report.validation,
                    previous=previous.name if previous else None,
                ),
                base,
            )
            quads += _skipped_quads(release.name, report.skipped, base)
            store.load_quads(quads)
            (staging / PROVENANCE_FILE).write_bytes(sorted_nquads(quads))
            if validation is not None:
                (staging / VALIDATION_FILE).write_text(
                    json.dumps({"counts": validation.counts, "results": validation.results},
                               indent=1),
                    encoding="utf-8",
                )
            store.flush()
        del store
        (staging / "release.json").write_text(
            json.dumps(
                {
                    "id": release.name,
                    "sha256": digest,
                    "quads": report.quads,
                    "triples": triples,
                    "issued": started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "documents": report.documents,
                    "user_files": [
                        {"file": u.path.name, "graph": u.graph(base), "graphs": list(u.graphs),
                         "sha256": u.sha256}
                        for u in user_files
                    ],
                    "classes": classes,
                    "validation": report.validation,
                    "previous": previous.name if previous else None,
                    "base": base,
                    "partial": bool(report.errors),
                    "errors": report.errors,
                    "inputs": inputs,
                    "skipped": report.skipped,
                    "ignored": report.ignored,
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
        with _timed(report, "dumps"):
            dumps = dumps_dir_of(build_dir)
            write_release_dumps(release, dumps,
                                write=report.quads <= dumps_at_build_max_quads())
            prune_dumps(dumps, keep=max(keep_dumps(), keep_releases()))
        _prune(releases, keep=keep_releases(), current=release)
    except OSError as err:
        # A full disk, a read-only or vanished build dir: the store raises OSError mid-write.
        # Said as one message (the CLI exits 2); the staging dir goes, `current` was not touched.
        report.release = None
        report.errors.append(
            f"{build_dir}: cannot write the build ({err.strerror or err}); free space or "
            "choose another --build-dir. The previous graph is unchanged."
        )
    finally:
        if writer is not None:
            writer.close()  # a build that stops half-way leaves no file open
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        report.seconds = time.perf_counter() - started
    return report


def _local_results(parts: Parts, index: list[ox.Quad], axioms: bytes | None, base: str
                   ) -> list[dict[str, object]] | None:
    """The documents' local validation results, if the corpus index says nothing that would
    make them differ from a whole-graph run (graph.validate.local); else None."""
    if parts.local is None or axioms is None:
        return None
    data = ox.serialize(index, format=ox.RdfFormat.N_QUADS) or b""
    if foreign_statement(data, base=base, classes=static_classes(axioms), stem=None):
        return None
    return parts.local


def _current_inputs(build_dir: Path) -> str | None:
    """The inputs digest of the current release, if it is complete and records one."""
    release = current_release(build_dir)
    if release is None:
        return None
    try:
        record = json.loads((release / "release.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("partial"):
        return None
    return record.get("inputs")


def _remove_abandoned_staging(releases: Path) -> None:
    """Delete staging dirs left by builds that were killed (their process no longer exists).

    A SIGKILLed build cannot run its own clean-up, and each staging dir holds a whole store;
    without this they would pile up. A staging dir whose process is alive is another build in
    progress and is left alone.
    """
    for path in releases.glob(".tmp-*"):
        pid = path.name.split("-")[1]
        if pid.isdigit() and not _process_exists(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def _write_static(writer: DatasetWriter, base: str) -> bytes | None:
    """Ontology and reference data, each in its own named graph; their subclass axioms
    (N-Triples), which every document's local validation reads, or None if these graphs say
    something of evidence or documents (graph.validate.local)."""
    ontology = canonical_ntriples(read_graph(ONTOLOGY_FILE, base=base), base=base)
    reference = b"".join(
        canonical_ntriples(read_graph(path, base=base), base=base) for path in reference_files()
    )
    static = b""
    for data, graph in ((ontology, ONTOLOGY_IRI), (reference, graph_iri(base, "reference"))):
        part = ox.serialize(graph_quads(data, ox.RdfFormat.N_TRIPLES, graph, base),
                            format=ox.RdfFormat.N_QUADS) or b""
        writer.add_nquads(part)
        static += part
    axioms = subclass_axioms(static)
    if foreign_statement(static, base=base, classes=static_classes(axioms), stem=None,
                         subclass_axioms=True):
        return None
    return axioms


def _corpus_index(
    store: OxigraphStore, results: list[ExtractionResult], base: str
) -> list[ox.Quad]:
    """The statements made across files, in the named graph ``graph/corpus-index``.

    Each resolution a file cites but no file describes is ``mg:described false`` (a cited
    resolution is a node all the same: its symbol and label come from the citing file); the
    mark lets a query tell it from one whose text the graph holds. Mission mandate versions
    are linked (:func:`_link_mandate_versions`), and requests that repeat an earlier one to
    the same body are paired (:mod:`graph.registry.overlaps`).
    """
    described = {r.describes for r in results if r.describes}
    cited = set().union(*(r.cites for r in results)) if results else set()
    graph = ox.NamedNode(graph_iri(base, "corpus-index"))
    described_p = ox.NamedNode(MG + "described")
    quads = []
    for path in sorted(cited - described):
        if not path.startswith("resolution/"):
            continue
        quads.append(ox.Quad(ox.NamedNode(base + path), described_p,
                             ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")), graph))
    for path in sorted(described):
        quads.append(ox.Quad(ox.NamedNode(base + path), described_p,
                             ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), graph))
    overlaps = find_overlaps(read_candidates(store))
    return quads + _link_mandate_versions(store, graph) + overlap_quads(overlaps, graph, base)


def _link_mandate_versions(store: OxigraphStore, graph: ox.NamedNode) -> list[ox.Quad]:
    """Each version of a mission's mandate renews the one adopted before it (``mg:renews``).

    Versions come from different files, so the link is made once all are collected: sorted by
    the adoption date of their resolution (then by IRI, for two versions of one day).
    """
    query = query_text("derived/mandate-versions")
    versions: dict[str, list[tuple[str, str]]] = {}
    for row in store.query(query):
        versions.setdefault(row["mission"].value, []).append(
            (row["date"].value, row["mandate"].value))
    renews = ox.NamedNode(MG + "renews")
    links = []
    for chain in versions.values():
        ordered = sorted(set(chain))
        for (_, earlier), (_, later) in zip(ordered, ordered[1:], strict=False):
            if earlier != later:
                links.append(ox.Quad(ox.NamedNode(later), renews, ox.NamedNode(earlier), graph))
    return links


def _skipped_quads(release_id: str, skipped: list[str], base: str) -> list[ox.Quad]:
    """The files the release left out, with the reason, in its provenance (``mg:skipped``)."""
    graph = ox.NamedNode(graph_iri(base, "release"))
    release = ox.NamedNode(f"{base}release/{release_id}")
    return [ox.Quad(release, ox.NamedNode(MG + "skipped"), ox.Literal(line), graph)
            for line in skipped]


def _accept_user_files(
    store: OxigraphStore, files: list[UserFile], base: str, baseline: Validation | None,
    report: BuildReport,
) -> Validation | None:
    """Merge the user graphs into the default graph and validate again.

    The files are refused when they bring SHACL violations the graph did not have without them:
    the corpus may have violations of its own, which are not the researcher's to fix.
    """
    graphs = sorted({g for user in files for g in user.graphs})
    store.merge_graphs(graphs)
    after = run_validation(store, base=base, texts=None)
    if baseline is None or after is None:
        report.errors.append(
            "the files given with --add cannot be validated (the validator is unavailable); "
            "nothing was built"
        )
        report.rejection = "validation unavailable\n"
        return None
    before = {json.dumps(r, sort_keys=True) for r in baseline.results}
    new = [
        r for r in after.results
        if r["severity"] == "violation" and json.dumps(r, sort_keys=True) not in before
    ]
    if new:
        report.rejection = render_rejection(after, new, store, base)
    return after


@contextmanager
def _timed(report: BuildReport, step: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        report.timings[step] = report.timings.get(step, 0.0) + time.perf_counter() - started


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
