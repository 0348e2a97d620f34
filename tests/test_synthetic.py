"""The synthetic data generator: deterministic, the size asked for, loadable, and shaped so that
the project's queries find what they look for."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.namespaces import PREFIXES
from graph.synthetic import generate, load_reference, parse_size

N = 20_000


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    return load_reference()


@pytest.fixture(scope="module")
def data(reference) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    generate(N, out, seed=7, reference=reference)
    return out.getvalue()


@pytest.fixture(scope="module")
def store(data: bytes) -> ox.Store:
    """Loaded as the build loads: named graphs, then the default graph as their merge."""
    loaded = ox.Store()
    loaded.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
    loaded.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return loaded


def rows(store: ox.Store, query: str) -> list[list[str]]:
    return [[str(v) for v in row] for row in store.query(query, prefixes=PREFIXES)]


def test_same_seed_same_bytes(data: bytes, reference) -> None:  # type: ignore[no-untyped-def]
    again = io.BytesIO()
    generate(N, again, seed=7, reference=reference)
    assert hashlib.sha256(again.getvalue()).digest() == hashlib.sha256(data).digest()
    other = io.BytesIO()
    generate(N, other, seed=8, reference=reference)
    assert other.getvalue() != data


@pytest.mark.parametrize("size", [15_000, 25_000, 60_000])
def test_size_within_five_percent(size: int, reference) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    quads, documents = generate(size, out, seed=1, reference=reference)
    assert quads == out.getvalue().count(b"\n")
    assert abs(quads - size) <= 0.05 * size
    assert documents >= 1


def test_loads_in_pyoxigraph_one_graph_per_document(data: bytes, store: ox.Store) -> None:
    quads = data.count(b"\n")
    graphs = {str(g) for g in store.named_graphs()}
    assert sum(1 for _ in store.quads_for_pattern(None, None, None, None)) > quads
    assert any(g.endswith("/graph/reference>") for g in graphs)
    assert any("/graph/source/synthetic-7-000000" in g for g in graphs)


def test_every_evidence_has_its_selectors_and_quote(store: ox.Store) -> None:
    broken = rows(store, """
        SELECT ?e WHERE { ?e a mg:Evidence
          FILTER NOT EXISTS { ?e oa:hasSource ?d ; mg:supports ?s ; oa:hasSelector ?p , ?q .
                              ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?x
                              FILTER(STRLEN(?x) = ?end - ?start) } }""")
    assert broken == []
    assert rows(store, "SELECT (COUNT(*) AS ?n) { ?e a mg:Evidence }")[0][0] != '"0"'


def test_mandates_per_organ_like_query_finds_rows(store: ox.Store) -> None:
    found = rows(store, """
        SELECT ?organ (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m a mg:Mandate ; mg:assignedTo ?organ ; mg:establishedBy/mg:provisionOf ?r .
          ?r a mg:Resolution ; mg:issuedBy ?issuer . ?organ a ?kind }
        GROUP BY ?organ""")
    assert found


def test_default_parameters_of_the_named_queries_exist(store: ox.Store) -> None:
    """AG/RES. 2945 paragraph 52, assigned to the CSH, addressed by an activity."""
    found = rows(store, """
        SELECT ?activity ?date WHERE {
          <https://w3id.org/mandate-graph/id/resolution/oas-ag-res-2945/paragraph/52>
              mg:establishes ?m .
          ?m mg:assignedTo <https://w3id.org/mandate-graph/id/organ/oas-csh> .
          OPTIONAL { ?activity mg:addresses ?m ; schema:startDate ?date } }""")
    assert found


def test_parse_size() -> None:
    assert parse_size("10k") == 10_000
    assert parse_size("1m") == 1_000_000
    assert parse_size("2.5M") == 2_500_000
    with pytest.raises(ValueError):
        parse_size("many")


def test_generate_command(tmp_path: Path) -> None:
    out = tmp_path / "g.nq"
    result = CliRunner().invoke(main, ["generate", "--triples", "20k", "--seed", "3",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert abs(out.read_bytes().count(b"\n") - 20_000) <= 1000
    too_small = CliRunner().invoke(main, ["generate", "--triples", "100", "--out", str(out)])
    assert too_small.exit_code == 2
