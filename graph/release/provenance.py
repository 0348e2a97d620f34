"""The provenance of a release: which code, which sources and files, what it holds.

Written to ``provenance.nq`` and to the store's named graph ``{base}graph/release``, apart from
the hashed content (``graph.nq``): it says when the build ran, so it differs every time, while
the content's hash must be the same for the same inputs (docs/releases.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph as ox

from graph.config import PROJECT_ROOT, QUERIES_DIR, graph_iri
from graph.namespaces import DCAT, DCTERMS, DQV, MG, PROV, RDF_TYPE, RDFS, SCHEMA, SH, VOID, XSD
from graph.queries import query_text
from graph.release.layout import RELEASE_GRAPH
from graph.release.user_files import UserFile
from graph.sources import SourceDocument
from graph.store.interface import PatternStore

RELEASE_QUERIES = QUERIES_DIR / "release"


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
    triples = store.query(query_text("triples", RELEASE_QUERIES))
    rows = store.query(query_text("class-counts", RELEASE_QUERIES))
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
