"""Dumps: every format round-trips to an isomorphic graph, with a checksum that matches."""

from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.build import current_release
from graph.cli import main
from graph.release import DUMP_FORMATS, dump_name, release_quads

FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
           "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


def _term(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    assert isinstance(term, ox.Literal), f"unexpected term {term!r} (blank node?)"
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _graphs(quads: list[ox.Quad], *, merged: bool = False) -> dict[str, Graph]:
    """rdflib graphs per graph name ('' = default); ``merged``: everything in one graph."""
    graphs: dict[str, Graph] = defaultdict(Graph)
    for q in quads:
        name = "" if merged or isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value  # type: ignore[union-attr]
        graphs[name].add((_term(q.subject), _term(q.predicate), _term(q.object)))  # type: ignore[arg-type]
    return dict(graphs)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dump_round_trips_with_its_checksum(build_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{DUMP_FORMATS[fmt][0]}.gz"
    result = CliRunner().invoke(
        main, ["dump", "--format", fmt, "--out", str(out), "--build-dir", str(build_dir)]
    )
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert Path(f"{out}.sha256").read_text(encoding="utf-8") == f"{digest}  {out.name}\n"
    assert result.output.split()[0] == digest
    # loaded into a fresh store, the dump gives back the release's graphs
    fresh = ox.Store()
    fresh.load(gzip.decompress(out.read_bytes()), format=FORMATS[fmt])
    loaded = list(fresh)
    release = current_release(build_dir)
    assert release is not None
    expected = list(release_quads(release))
    merged = fmt == "turtle"  # Turtle has no named graphs: the merged default graph
    want, got = _graphs(expected, merged=merged), _graphs(loaded)
    assert sorted(want) == sorted(got)
    for name in want:
        assert isomorphic(want[name], got[name]), name


def test_the_build_keeps_the_dumps_and_the_same_release_gives_the_same_bytes(
    build_dir: Path, tmp_path: Path
) -> None:
    release = current_release(build_dir)
    assert release is not None
    kept = build_dir / "dumps" / dump_name(release.name, "nquads")
    out = tmp_path / "again.nq.gz"
    CliRunner().invoke(main, ["dump", "--out", str(out), "--build-dir", str(build_dir),
                              "--release", release.name])
    assert out.read_bytes() == kept.read_bytes()


def test_dump_of_an_unknown_release_is_an_input_error(build_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["dump", "--out", str(tmp_path / "x.gz"), "--release", "nope",
               "--build-dir", str(build_dir)]
    )
    assert result.exit_code == 2 and "no such release" in result.output


def test_server_serves_the_dumps_their_checksums_and_void_links_them(
    client, build_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    release = current_release(build_dir)
    assert release is not None
    name = dump_name(release.name, "trig")
    body = client.get(f"/dumps/{name}")
    assert body.status_code == 200 and body.mimetype == "application/gzip"
    data = body.get_data()
    body.close()  # a file response holds its file open until closed
    sums = client.get(f"/dumps/{name}.sha256")
    checksum = sums.get_data(as_text=True)
    sums.close()
    assert checksum.split()[0] == hashlib.sha256(data).hexdigest()
    assert data == (build_dir / "dumps" / name).read_bytes()
    assert client.get("/dumps/current.trig.gz").headers["Location"].endswith(name)
    assert client.get("/dumps/whatever.zip").status_code == 404
    void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert f"<http://rdfs.org/ns/void#dataDump> <http://localhost/dumps/{name}>" in void.get_data(as_text=True)
