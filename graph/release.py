"""Releases: their provenance, the researcher's own files, dumps, and finding them again.

A release is one build: ``build/releases/<id>/``. Its identifier is ``<UTC time>-<sha12>``, where
``sha12`` is the start of the SHA-256 of its ``graph.nq``; the full digest is in ``release.json``
and in the provenance, and anywhere a release is named (CLI, ``?release=``, dump URLs) the full
id, the full digest or a prefix of the digest of at least 12 characters is accepted.

Why the provenance is *not* in ``graph.nq``: ``graph.nq`` is the content, and its hash must be the
same for the same inputs; the provenance says when the build ran, so it differs every time. It
is therefore kept apart, in ``provenance.nq`` next to ``graph.nq`` and in the store's named graph
``{base}graph/release``, and the dumps carry both (docs/releases.md).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from graph.config import PROJECT_ROOT, QUERIES_DIR, graph_iri
from graph.namespaces import (
    DCAT,
    DCTERMS,
    DQV,
    MG,
    PREFIXES,
    PROV,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SH,
    VOID,
    XSD,
)
from graph.rdf_files import canonical_nquads
from graph.sources import SourceDocument, stem_of
from graph.store.interface import PatternStore

RELEASE_QUERIES = QUERIES_DIR / "release"
#: name of the provenance graph, under the data base's ``graph/``
RELEASE_GRAPH = "release"
#: prefix of the researchers' own graphs, ``graph/user/<stem>`` (the default graph of each file
#: given with ``--add``; the graphs a file names keep their own IRIs)
USER_GRAPH = "user/"
PROVENANCE_FILE = "provenance.nq"
VALIDATION_FILE = "validation.json"


#: the dump formats: CLI name → (file extension, pyoxigraph format)
DUMP_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "nquads": ("nq", ox.RdfFormat.N_QUADS),
    "trig": ("trig", ox.RdfFormat.TRIG),
    "turtle": ("ttl", ox.RdfFormat.TURTLE),
    "jsonld": ("jsonld", ox.RdfFormat.JSON_LD),
}
#: what a researcher may add with ``build --add``: suffix → pyoxigraph format
USER_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{12}$")
_HEX = re.compile(r"^[0-9a-f]{12,64}$")


class ReleaseError(Exception):
    """A release, a dump or a user file cannot be used; the message says which and why."""


def keep_releases() -> int:
    """How many complete releases a build keeps (``MANDATE_GRAPH_KEEP_RELEASES``, default 3)."""
    return _positive_env("MANDATE_GRAPH_KEEP_RELEASES", 3)


def keep_dumps() -> int:
    """Of how many releases the dumps are kept (``MANDATE_GRAPH_KEEP_DUMPS``, default 10).

    More than the releases: a dump is a few hundred kilobytes, a store tens of megabytes, and
    a dump is what lets a result pinned to an old release be reproduced once its store is gone.
    """
    return _positive_env("MANDATE_GRAPH_KEEP_DUMPS", 10)


def dumps_at_build_max_quads() -> int:
    """Up to how many quads a build writes its four dumps itself
    (``MANDATE_GRAPH_DUMPS_AT_BUILD_MAX_QUADS``, default 1,000,000).

    Serialising and compressing a graph of millions of quads four times takes as long as the
    rest of the build; a larger release gets each dump when it is first asked for (the server,
    ``mandate-graph dump``), with the same bytes and checksum.
    """
    return _positive_env("MANDATE_GRAPH_DUMPS_AT_BUILD_MAX_QUADS", 1_000_000)


def _positive_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw.strip() else default
    except ValueError:
        raise ReleaseError(f"{name}={raw!r}: expected a whole number") from None
    if value < 1:
        raise ReleaseError(f"{name}={raw!r}: keep at least 1")
    return value


def dumps_dir_of(build_dir: Path) -> Path:
    """Where a build keeps its dumps: ``MANDATE_GRAPH_DUMPS_DIR``, else ``<build>/dumps``."""
    configured = os.environ.get("MANDATE_GRAPH_DUMPS_DIR", "")
    return Path(configured) if configured else build_dir / "dumps"


# --- code version -------------------------------------------------------------------------


def code_version() -> tuple[str, str]:
    """(project version, git commit or ``unknown``): which code made a release."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        project = version("mandate-graph")
    except PackageNotFoundError:
        project = _pyproject_version()
    commit = "unknown"
    git = shutil.which("git")
    if git:
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [git, "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                timeout=10, check=False,
            )
            if done.returncode == 0 and done.stdout.strip():
                commit = done.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            commit = "unknown"
    return project, commit


def _pyproject_version() -> str:
    import tomllib

    try:
        with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# --- the researcher's files ---------------------------------------------------------------


@dataclass(frozen=True)
class UserFile:
    """A file given with ``build --add``: its graphs, its hash for the provenance.

    The statements of the file's default graph go to its own graph ``graph/user/<stem>``; those
    of its named graphs (TriG, N-Quads, JSON-LD) stay in the graphs the file names.
    """

    path: Path
    stem: str
    sha256: str
    nquads: bytes  # canonical, blank nodes skolemised: the build stays deterministic
    graphs: tuple[str, ...]  # the IRIs of the graphs the file fills, sorted

    def graph(self, base: str) -> str:
        """The file's own graph: where the statements of its default graph go."""
        return graph_iri(base, USER_GRAPH + self.stem)


def read_user_files(paths: Iterable[Path], *, base: str) -> list[UserFile]:
    """Parse each file: its default graph into the file's own graph, its named graphs kept.

    A graph name under ``{base}graph/`` is refused (those are the build's graphs: ontology,
    reference data, documents, other files, the release), as is a graph named by a blank node,
    which no query could name.
    """
    from graph.validate.data import to_rdflib

    files: list[UserFile] = []
    seen: dict[str, Path] = {}
    reserved = graph_iri(base, "")
    for path in paths:
        fmt = USER_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ReleaseError(
                f"{path}: unsupported file type {path.suffix!r} for --add; expected one of "
                f"{', '.join(sorted(USER_FORMATS))}"
            )
        try:
            raw = path.read_bytes()
            quads = list(ox.parse(raw, format=fmt, base_iri=base))
        except SyntaxError as err:
            raise ReleaseError(f"{path}:{err.lineno}: not valid {fmt.name}: {err.msg}") from err
        except (OSError, ValueError) as err:
            raise ReleaseError(f"{path}: cannot read the file: {err}") from err
        stem = stem_of(path)
        if stem in seen:
            raise ReleaseError(f"{path}: same graph name {stem!r} as {seen[stem]}; rename one")
        seen[stem] = path
        own = URIRef(graph_iri(base, USER_GRAPH + stem))
        rows = []
        for quad in quads:
            name = quad.graph_name
            if isinstance(name, ox.BlankNode):
                raise ReleaseError(
                    f"{path}: a graph is named by the blank node {name}; name it with an IRI "
                    "(or put its statements in the file's default graph)"
                )
            if isinstance(name, ox.NamedNode) and name.value.startswith(reserved):
                raise ReleaseError(
                    f"{path}: graph {name.value} is under {reserved}, where the build keeps its "
                    "own graphs; name your graph with another IRI"
                )
            graph = URIRef(name.value) if isinstance(name, ox.NamedNode) else own
            rows.append((to_rdflib(quad.subject), to_rdflib(quad.predicate),
                         to_rdflib(quad.object), graph))
        digest = hashlib.sha256(raw).hexdigest()
        graphs = tuple(sorted({str(row[3]) for row in rows}))
        files.append(UserFile(path, stem, digest, canonical_nquads(rows, base=base), graphs))
    return files


# --- provenance ---------------------------------------------------------------------------


@dataclass
class Provenance:
    """Everything the provenance graph of one release says."""

    release_id: str
    digest: str
    started: datetime
    ended: datetime
    documents: list[SourceDocument]
    user_files: list[UserFile]
    triples: int
    quads: int
    classes: dict[str, int]
    validation: dict[str, int] | None
    previous: str | None = None
    version: tuple[str, str] = field(default_factory=code_version)


def class_counts(store: PatternStore) -> tuple[int, dict[str, int]]:
    """(distinct triples, resources per class) of the store's default graph."""
    triples = store.query((RELEASE_QUERIES / "triples.rq").read_text(encoding="utf-8"))
    rows = store.query((RELEASE_QUERIES / "class-counts.rq").read_text(encoding="utf-8"))
    assert isinstance(triples, ox.QuerySolutions) and isinstance(rows, ox.QuerySolutions)
    total = next(iter(triples))["triples"]
    classes = {row["class"].value: int(row["entities"].value) for row in rows}  # type: ignore[union-attr]
    return int(total.value), classes  # type: ignore[union-attr]


def provenance_quads(prov: Provenance, base: str) -> list[ox.Quad]:
    """The release graph: the release as a dcat:Dataset and prov:Entity, how it was made.

    Every node is an IRI under ``{base}release/<id>`` (no blank nodes): the dumps then
    round-trip to an isomorphic graph by plain set comparison, and each node can be looked up.
    """
    g = ox.NamedNode(graph_iri(base, RELEASE_GRAPH))
    release = f"{base}release/{prov.release_id}"
    activity, agent = f"{release}/build", f"{release}/software"
    out: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, g))

    def when(moment: datetime) -> ox.Literal:
        text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    for cls in (DCAT + "Dataset", PROV + "Entity", VOID + "Dataset"):
        add(release, RDF_TYPE, cls)
    add(release, DCTERMS + "identifier", ox.Literal(prov.release_id))
    add(release, DCTERMS + "title", ox.Literal(f"Mandate Graph release {prov.release_id}",
                                               language="en"))
    add(release, DCTERMS + "issued", when(prov.ended))
    add(release, PROV + "generatedAtTime", when(prov.ended))
    add(release, PROV + "wasGeneratedBy", activity)
    add(release, SCHEMA + "sha256", ox.Literal(prov.digest))
    add(release, VOID + "triples", integer(prov.triples))
    add(release, SCHEMA + "size", ox.Literal(f"{prov.quads} quads"))
    if prov.previous:
        add(release, PROV + "wasRevisionOf", f"{base}release/{prov.previous}")
    add(activity, RDF_TYPE, PROV + "Activity")
    add(activity, PROV + "startedAtTime", when(prov.started))
    add(activity, PROV + "endedAtTime", when(prov.ended))
    add(activity, PROV + "wasAssociatedWith", agent)
    project_version, commit = prov.version
    add(agent, RDF_TYPE, PROV + "SoftwareAgent")
    add(agent, RDFS + "label", ox.Literal(f"mandate-graph {project_version}"))
    add(agent, SCHEMA + "softwareVersion", ox.Literal(project_version))
    add(agent, DCTERMS + "identifier", ox.Literal(commit))  # the git commit, or "unknown"
    for doc in prov.documents:
        source = f"{base}source/{doc.stem}"
        add(release, PROV + "wasDerivedFrom", source)
        add(activity, PROV + "used", source)
        add(source, MG + "sha256", ox.Literal(doc.sha256))
    for user in prov.user_files:
        node = f"{base}user/{user.stem}"
        add(release, PROV + "wasDerivedFrom", node)
        add(activity, PROV + "used", node)
        add(node, RDF_TYPE, PROV + "Entity")
        add(node, DCTERMS + "title", ox.Literal(user.path.name))
        add(node, SCHEMA + "sha256", ox.Literal(user.sha256))
        for graph in user.graphs:
            add(graph, PROV + "wasDerivedFrom", node)
    for cls, count in sorted(prov.classes.items()):
        part = f"{release}/class/{_local(cls).lower()}"
        add(release, VOID + "classPartition", part)
        add(part, VOID + "class", cls)
        add(part, VOID + "entities", integer(count))
    if prov.validation is not None:
        for severity, count in sorted(prov.validation.items()):
            measurement = f"{release}/shacl/{severity}"
            metric = f"{base}metric/shacl-{severity}"
            add(release, DQV + "hasQualityMeasurement", measurement)
            add(measurement, RDF_TYPE, DQV + "QualityMeasurement")
            add(measurement, DQV + "computedOn", release)
            add(measurement, DQV + "isMeasurementOf", metric)
            add(measurement, DQV + "value", integer(count))
            add(metric, RDF_TYPE, DQV + "Metric")
            add(metric, SH + "resultSeverity", SH + severity.capitalize())
            add(metric, RDFS + "label", ox.Literal(f"SHACL results of severity {severity}",
                                                   language="en"))
    return out


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Sorted, deduplicated N-Quads lines: the same quads always give the same bytes."""
    data = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


# --- finding releases ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseInfo:
    """A release as ``release.json`` describes it (its directory may be gone)."""

    id: str
    meta: dict[str, Any]
    path: Path | None  # the release directory, None when only its dumps are left

    @property
    def sha256(self) -> str:
        return str(self.meta.get("sha256", ""))

    @property
    def kept(self) -> bool:
        return self.path is not None and (self.path / "store").is_dir()


def release_dirs(build_dir: Path) -> list[Path]:
    """Complete releases, newest first (partial and staging directories are left out)."""
    releases = build_dir / "releases"
    if not releases.is_dir():
        return []
    found = [
        p for p in releases.iterdir()
        if _ID.match(p.name) and (p / "release.json").is_file() and (p / "graph.nq").is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def list_releases(build_dir: Path, dumps_dir: Path | None = None) -> list[ReleaseInfo]:
    """Every release known: the kept ones, then those of which only the dumps are left."""
    infos: dict[str, ReleaseInfo] = {}
    for path in release_dirs(build_dir):
        infos[path.name] = ReleaseInfo(path.name, _meta(path / "release.json"), path)
    dumps = dumps_dir if dumps_dir is not None else dumps_dir_of(build_dir)
    if dumps.is_dir():
        for meta_file in dumps.glob("*.json"):
            rid = meta_file.name.removesuffix(".json")
            if _ID.match(rid) and rid not in infos:
                infos[rid] = ReleaseInfo(rid, _meta(meta_file), None)
    return sorted(infos.values(), key=lambda i: i.id, reverse=True)


def _meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def find_release(build_dir: Path, ref: str, dumps_dir: Path | None = None) -> ReleaseInfo | None:
    """The release ``ref`` names: ``current``, an id, a digest or a digest prefix (≥ 12)."""
    ref = ref.strip()
    if ref == "current":
        link = build_dir / "current"
        if not link.exists():
            return None
        path = link.resolve()
        return ReleaseInfo(path.name, _meta(path / "release.json"), path)
    for info in list_releases(build_dir, dumps_dir):
        if ref == info.id or (_HEX.match(ref) and info.sha256.startswith(ref)):
            return info
    return None


def resolve_release_dir(build_dir: Path, ref: str) -> Path:
    """A kept release's directory from a name (see :func:`find_release`) or a path."""
    as_path = Path(ref)
    if (as_path / "graph.nq").is_file():
        return as_path.resolve()
    info = find_release(build_dir, ref)
    if info is None:
        raise ReleaseError(
            f"{ref}: no such release in {build_dir}; `mandate-graph releases` lists them"
        )
    if info.path is None or not (info.path / "graph.nq").is_file():
        raise ReleaseError(f"{ref}: release {info.id} is no longer kept (only its dumps are)")
    return info.path


def looks_like_release(ref: str) -> bool:
    """An id or a digest prefix: worth a 410 (gone) rather than a 400 (malformed)."""
    return bool(_ID.match(ref) or _HEX.match(ref))


# --- dumps --------------------------------------------------------------------------------


def release_quads(release_dir: Path) -> Iterator[ox.Quad]:
    """The quads of a release: its content (graph.nq) and its provenance graph."""
    for name in ("graph.nq", PROVENANCE_FILE):
        path = release_dir / name
        if path.is_file():
            yield from ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS)


def dump_bytes(release_dir: Path, fmt: str) -> bytes:
    """The release in one format, uncompressed.

    N-Quads, TriG and JSON-LD keep the named graphs; Turtle cannot, so it holds the merged
    default graph (each triple once), as a query without GRAPH sees it.
    """
    if fmt not in DUMP_FORMATS:
        raise ReleaseError(f"unknown dump format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}")
    if fmt == "nquads":
        lines: set[bytes] = set()
        for name in ("graph.nq", PROVENANCE_FILE):
            path = release_dir / name
            if path.is_file():
                lines.update(line for line in path.read_bytes().splitlines() if line.strip())
        return b"\n".join(sorted(lines)) + b"\n"
    rdf_format = DUMP_FORMATS[fmt][1]
    quads = sorted(release_quads(release_dir), key=str)
    if fmt == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES) or b""
    prefixes = PREFIXES if fmt == "trig" else None
    return ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""


def write_dump(release_dir: Path, fmt: str, out: Path) -> str:
    """Write the gzipped dump and ``<out>.sha256`` (``sha256sum`` format); return the digest.

    The gzip header carries no time and no name, so the same release always gives the same
    bytes and the same checksum.
    """
    data = gzip.compress(dump_bytes(release_dir, fmt), compresslevel=9, mtime=0)
    digest = hashlib.sha256(data).hexdigest()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(out)
    Path(f"{out}.sha256").write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    return digest


def dump_name(release_id: str, fmt: str) -> str:
    return f"{release_id}.{DUMP_FORMATS[fmt][0]}.gz"


def write_release_dumps(release_dir: Path, dumps_dir: Path, *, write: bool = True
                        ) -> dict[str, str]:
    """All four dumps of a release (unless ``write`` is false: they are then made on first
    request) and a copy of its release.json, in the dumps folder."""
    digests = {
        fmt: write_dump(release_dir, fmt, dumps_dir / dump_name(release_dir.name, fmt))
        for fmt in DUMP_FORMATS
    } if write else {}
    dumps_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(release_dir / "release.json", dumps_dir / f"{release_dir.name}.json")
    return digests


def dump_files(dumps_dir: Path, release_id: str) -> dict[str, tuple[Path, str]]:
    """The dumps of a release that exist: format → (file, sha256)."""
    found: dict[str, tuple[Path, str]] = {}
    for fmt in DUMP_FORMATS:
        path = dumps_dir / dump_name(release_id, fmt)
        checksum = Path(f"{path}.sha256")
        if path.is_file() and checksum.is_file():
            found[fmt] = (path, checksum.read_text(encoding="utf-8").split()[0])
    return found


def prune_dumps(dumps_dir: Path, *, keep: int) -> None:
    """Keep the dumps of the ``keep`` most recent releases."""
    if not dumps_dir.is_dir():
        return
    ids = sorted(
        {p.name.split(".")[0] for p in dumps_dir.iterdir() if _ID.match(p.name.split(".")[0])},
        reverse=True,
    )
    for old in ids[keep:]:
        for path in dumps_dir.glob(f"{old}.*"):
            path.unlink(missing_ok=True)
