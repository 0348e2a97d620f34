"""Loading a release's N-Quads: the named graphs and their merged default graph in one bulk load."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.store import OxigraphStore, default_graph_copy

DOC1 = "https://example.org/graph/doc1"
DOC2 = "https://example.org/graph/doc2"
USER = "https://example.org/graph/user/mine"

# Literals that look like the end of a quad, typed and tagged literals, the same statement in
# two documents: the cases a text-level copy could get wrong.
NQUADS = f"""\
<https://example.org/r1> <https://example.org/p> "a <https://example.org/x> ." <{DOC1}> .
<https://example.org/r1> <https://example.org/p> "quote \\" <b> ." <{DOC1}> .
<https://example.org/r1> <https://example.org/n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <{DOC1}> .
<https://example.org/r1> <https://example.org/l> "résolution"@fr <{DOC2}> .
<https://example.org/r1> <https://example.org/o> <https://example.org/o1> <{DOC1}> .
<https://example.org/r1> <https://example.org/o> <https://example.org/o1> <{DOC2}> .
<https://example.org/r2> <https://example.org/o> <https://example.org/o2> <{USER}> .
""".encode()


def _default_graph(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_copy_drops_only_the_graph_label() -> None:
    copy = list(ox.parse(default_graph_copy(NQUADS), format=ox.RdfFormat.N_QUADS))
    original = list(ox.parse(NQUADS, format=ox.RdfFormat.N_QUADS))
    assert [q.triple for q in copy] == [q.triple for q in original]
    assert all(q.graph_name == ox.DefaultGraph() for q in copy)


def test_copy_leaves_the_kept_graphs_alone() -> None:
    copy = list(ox.parse(default_graph_copy(NQUADS, keep_prefix=USER),
                         format=ox.RdfFormat.N_QUADS))
    assert [str(q.graph_name) for q in copy if q.graph_name != ox.DefaultGraph()] == [f"<{USER}>"]


def test_load_dataset_merges_each_statement_once(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.load_dataset(NQUADS, unmerged_prefix="https://example.org/graph/user/")
    named = list(ox.parse(NQUADS, format=ox.RdfFormat.N_QUADS))
    merged = {q.triple for q in named if str(q.graph_name) != f"<{USER}>"}
    assert _default_graph(store.raw) == merged
    assert len(store) == len(named) + len(merged)
    rows = list(store.query("SELECT (COUNT(*) AS ?n) { ?s <https://example.org/o> ?o }"))
    assert rows[0]["n"].value == "1"  # stated by two documents, counted once


def test_copy_leaves_graphs_kept_by_their_exact_iri() -> None:
    longer = NQUADS + f'<https://example.org/r3> <https://example.org/p> "x" <{DOC2}-draft> .\n'.encode()
    copy = list(ox.parse(default_graph_copy(longer, keep_graphs={DOC2}),
                         format=ox.RdfFormat.N_QUADS))
    kept = {str(q.graph_name) for q in copy if q.graph_name != ox.DefaultGraph()}
    assert kept == {f"<{DOC2}>"}  # <…doc2-draft> only starts like it: merged
