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


def _default_graph(store: OxigraphStore) -> set[ox.Triple]:
    """The default graph as a graph syntax dumps it (a dataset syntax would dump every graph)."""
    return {q.triple for q in ox.parse(store.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)}


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
    assert _default_graph(store) == merged
    assert len(store) == len(named) + len(merged)
    rows = list(store.query("SELECT (COUNT(*) AS ?n) { ?s <https://example.org/o> ?o }"))
    assert rows[0]["n"].value == "1"  # stated by two documents, counted once


def test_copy_leaves_graphs_kept_by_their_exact_iri() -> None:
    longer = NQUADS + f'<https://example.org/r3> <https://example.org/p> "x" <{DOC2}-draft> .\n'.encode()
    copy = list(ox.parse(default_graph_copy(longer, keep_graphs={DOC2}),
                         format=ox.RdfFormat.N_QUADS))
    kept = {str(q.graph_name) for q in copy if q.graph_name != ox.DefaultGraph()}
    assert kept == {f"<{DOC2}>"}  # <…doc2-draft> only starts like it: merged


def test_load_quads_adds_them_to_their_graph_and_to_the_merge() -> None:
    store = OxigraphStore(None)
    quad = ox.Quad(ox.NamedNode("https://example.org/r9"), ox.NamedNode("https://example.org/p"),
                   ox.Literal("x"), ox.NamedNode(DOC1))
    store.load_quads([quad])
    assert _default_graph(store) == {quad.triple}
    assert {g.value for g in store.named_graphs()} == {DOC1}


def test_merge_graphs_copies_only_the_graphs_named() -> None:
    store = OxigraphStore(None)
    store.extend(ox.parse(NQUADS, format=ox.RdfFormat.N_QUADS))
    assert _default_graph(store) == set()
    store.merge_graphs([USER])
    assert _default_graph(store) == {q.triple for q in ox.parse(NQUADS, format=ox.RdfFormat.N_QUADS)
                                     if str(q.graph_name) == f"<{USER}>"}


def test_dump_of_a_named_graph_holds_its_statements_only() -> None:
    store = OxigraphStore(None)
    store.extend(ox.parse(NQUADS, format=ox.RdfFormat.N_QUADS))
    dumped = ox.parse(store.dump(ox.RdfFormat.N_TRIPLES, graph=DOC2), format=ox.RdfFormat.N_TRIPLES)
    assert {q.triple.object for q in dumped} == {ox.Literal("résolution", language="fr"),
                                                 ox.NamedNode("https://example.org/o1")}


def test_update_has_the_project_prefixes() -> None:
    store = OxigraphStore(None)
    store.update("INSERT DATA { <https://example.org/r> a mg:Resolution }")
    assert bool(store.query("ASK { ?r a mg:Resolution }"))
