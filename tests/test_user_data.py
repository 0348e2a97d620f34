"""`build --add`: a researcher's files, each in its own named graph, validated before acceptance."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from graph.build import current_release
from graph.cli import main
from graph.config import CORPUS_DIR
from graph.namespaces import MG
from graph.release import read_user_files
from tests.conftest import BASE

DOCUMENT = CORPUS_DIR / "apmbc-victim-assistance-2012.txt"
MANDATE = f"<{BASE}action-plan/apmbc-cartagena/action/28/mandate>"
CONFORMING = f"""@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
{MANDATE} mg:assignedTo <organ/oas-csh> .
<activity/my-workshop> a mg:Activity ; rdfs:label "Atelier régional"@fr ; mg:addresses {MANDATE} .
"""
#: a mandate that no provision establishes: a violation of mgsh:mandate-provision
NONCONFORMING = """@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
<mandate/orphan> a mg:Mandate .
"""
#: a graph of the researcher's own, and a statement in the file's default graph
NAMED_GRAPH = "https://example.org/my-project/workshops"
TRIG = f"""@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
<{NAMED_GRAPH}> {{ <activity/other-workshop> a mg:Activity ; mg:addresses {MANDATE} . }}
<activity/other-workshop> mg:addresses {MANDATE} .
"""
#: a mandate that no provision establishes, in a named graph: refused as in the default graph
NONCONFORMING_TRIG = """@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
<https://example.org/my-project/orphans> { <mandate/orphan> a mg:Mandate . }
"""


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(build dir, the conforming Turtle file, the TriG file), built once with both added."""
    folder = tmp_path_factory.mktemp("user")
    turtle, trig = folder / "my-notes.ttl", folder / "more.trig"
    turtle.write_text(CONFORMING, encoding="utf-8")
    trig.write_text(TRIG, encoding="utf-8")
    build_dir = folder / "build"
    result = CliRunner().invoke(main, ["build", str(DOCUMENT), "--add", str(turtle),
                                       "--add", str(trig), "--build-dir", str(build_dir)])
    assert result.exit_code == 0, result.output
    return build_dir, turtle, trig


def build_adding(build_dir: Path, file: Path) -> Result:
    """`mandate-graph build` of the test document with ``file`` added, into ``build_dir``."""
    return CliRunner().invoke(main, ["build", str(DOCUMENT), "--add", str(file),
                                     "--build-dir", str(build_dir)])


def _store(build_dir: Path) -> ox.Store:
    return ox.Store.read_only(str(build_dir / "current" / "store"))


def test_each_file_is_its_own_named_graph_and_graph_queries_reveal_it(
    added: tuple[Path, Path, Path],
) -> None:
    build_dir, _, _ = added
    rows = _store(build_dir).query(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ {MANDATE} <https://w3id.org/mandate-graph/ontology#assignedTo> ?organ }} }}"
    )
    assert [r["g"].value for r in rows] == [f"{BASE}graph/user/my-notes"]  # type: ignore[union-attr, index]
    # a TriG file's graph names are kept; its default graph goes to the file's graph
    rows = _store(build_dir).query(
        f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ <{BASE}activity/other-workshop> ?p ?o }} }}"
    )
    found = {(r["g"].value, r["p"].value) for r in rows}  # type: ignore[union-attr, index]
    addresses, rdf_type = MG + "addresses", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert found == {(NAMED_GRAPH, rdf_type), (NAMED_GRAPH, addresses),
                     (f"{BASE}graph/user/more", addresses)}
    # and without GRAPH the statements are part of the merged default graph
    assert _store(build_dir).query(f"ASK {{ <{BASE}activity/my-workshop> ?p {MANDATE} }}")


def test_the_provenance_names_the_files_with_their_hashes(added: tuple[Path, Path, Path]) -> None:
    build_dir, turtle, trig = added
    release = current_release(build_dir)
    assert release is not None
    rows = _store(build_dir).query(
        f"SELECT ?title ?hash WHERE {{ GRAPH <{BASE}graph/release> {{ "
        f"<{BASE}release/{release.name}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?file . "
        "?file <http://purl.org/dc/terms/title> ?title ; <https://schema.org/sha256> ?hash } }"
    )
    found = {r["title"].value: r["hash"].value for r in rows}  # type: ignore[union-attr, index]
    assert found == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (turtle, trig)}
    meta = json.loads((release / "release.json").read_text(encoding="utf-8"))
    assert {u["file"] for u in meta["user_files"]} == {turtle.name, trig.name}
    assert {u["file"]: u["graphs"] for u in meta["user_files"]}[trig.name] == sorted(
        [f"{BASE}graph/user/more", NAMED_GRAPH])
    # each graph a file fills is derived from it, the graphs it names too
    rows = _store(build_dir).query(
        f"SELECT ?title WHERE {{ GRAPH <{BASE}graph/release> {{ <{NAMED_GRAPH}> "
        "<http://www.w3.org/ns/prov#wasDerivedFrom>/<http://purl.org/dc/terms/title> ?title } }"
    )
    assert [r["title"].value for r in rows] == [trig.name]  # type: ignore[union-attr, index]
    # the files are content: they are in graph.nq, and so in the release's hash
    assert f"{BASE}graph/user/my-notes".encode() in (release / "graph.nq").read_bytes()


@pytest.mark.parametrize(("name", "content"), [
    ("orphan.ttl", NONCONFORMING),
    # the file's named graphs stay out of the graph validated without the files: the violation
    # is new, so the build is refused
    ("orphans.trig", NONCONFORMING_TRIG),
])
def test_a_nonconforming_file_is_refused_and_the_release_not_made_current(
    added: tuple[Path, Path, Path], tmp_path: Path, name: str, content: str
) -> None:
    build_dir, _, _ = added
    before = current_release(build_dir)
    releases = sorted(p.name for p in (build_dir / "releases").iterdir())
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    result = build_adding(build_dir, bad)
    assert result.exit_code == 1, result.output
    assert "mandate-provision" in result.output and f"{BASE}mandate/orphan" in result.output
    assert current_release(build_dir) == before
    assert sorted(p.name for p in (build_dir / "releases").iterdir()) == releases


def test_an_unreadable_file_is_an_input_error(added: tuple[Path, Path, Path], tmp_path: Path) -> None:
    build_dir, _, _ = added
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = build_adding(build_dir, broken)
    assert result.exit_code == 2 and "broken.ttl:1" in result.output
    missing = CliRunner().invoke(main, ["build", "--add", str(tmp_path / "nope.ttl"),
                                        "--build-dir", str(build_dir)])
    assert missing.exit_code == 2 and "nope.ttl" in missing.output


@pytest.mark.parametrize(
    ("graph", "message"),
    [("<graph/source/mine>", "where the build keeps its own graphs"),
     ("_:g", "named by the blank node")],
)
def test_a_graph_name_the_build_cannot_keep_is_an_input_error(
    added: tuple[Path, Path, Path], tmp_path: Path, graph: str, message: str
) -> None:
    build_dir, _, _ = added
    bad = tmp_path / "graphs.trig"
    bad.write_text(f"{graph} {{ <activity/x> a <https://w3id.org/mandate-graph/ontology#Activity> }}\n",
                   encoding="utf-8")
    result = build_adding(build_dir, bad)
    assert result.exit_code == 2, result.output
    assert "graphs.trig" in result.output and message in result.output


def test_a_blank_node_in_two_graphs_of_a_file_stays_one_node(tmp_path: Path) -> None:
    trig = tmp_path / "shared.trig"
    trig.write_text(
        "<https://example.org/g1> { <https://example.org/a> <https://example.org/p> _:b . }\n"
        "<https://example.org/g2> { _:b <https://example.org/q> \"x\" . }\n", encoding="utf-8"
    )
    first, again = (read_user_files([trig], base=BASE)[0] for _ in range(2))
    assert first.nquads == again.nquads  # deterministic
    quads = list(ox.parse(first.nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {"https://example.org/g1", "https://example.org/g2"}  # type: ignore[union-attr]
    by_graph = {q.graph_name.value: q for q in quads}  # type: ignore[union-attr]
    node = by_graph["https://example.org/g1"].object
    assert isinstance(node, ox.NamedNode) and node.value.startswith(f"{BASE}.well-known/genid/")
    assert by_graph["https://example.org/g2"].subject == node
