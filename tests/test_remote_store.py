"""The external-store backend against a real Virtuoso: same answers as the embedded store.

The corpus build is loaded into Virtuoso through SparqlHttpStore (Graph Store protocol), then the
same queries go to both stores. The comparison normalises what legitimately differs between
stores (see ``normal``) and looks only at the project's graphs:

* Virtuoso keeps system graphs (virtrdf#, ldp#, localuriqaserver) next to ours: graph listings
  are filtered to the project namespace.
* Virtuoso's default graph is the union of all graphs, system graphs included: queries over the
  default graph are written so that system triples cannot match.
* language tags: pyoxigraph lower-cases them, other stores may keep the case: compared lower-case.
* ``xsd:string``: SPARQL 1.1 stores report plain literals, some 1.0-era ones type them
  explicitly: an explicit ``xsd:string`` is dropped before comparing.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Mapping

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.term import Literal as RdfLiteral

from graph.store import (
    OxigraphStore,
    SparqlHttpStore,
    StoreError,
    open_store,
    parse_prologue,
    with_prefixes,
)
from tests.conftest import MERGED_GRAPH, ORGAN_OAS, STATE_PER
from tests.virtuoso import VirtuosoServer, free_port

PROJECT = "https://w3id.org/mandate-graph/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TEST_GRAPH = "http://example.org/remote-store-test/graph"


# The `virtuoso` and `remote` fixtures are shared with the SPARQL service tests (conftest).


@pytest.fixture(scope="session")
def embedded(store_descriptor: str) -> OxigraphStore:
    return open_store(store_descriptor)


def normal(term: object) -> object:
    """A term in a form both stores agree on (see the module docstring for each quirk)."""
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, "@" + term.language.lower())
        datatype = term.datatype.value
        return ("literal", term.value, "" if datatype == XSD_STRING else datatype)
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)  # labels are store-local; only their presence can be compared
    raise AssertionError(f"unexpected term {term!r}")


def rows_of_embedded(store: OxigraphStore, sparql: str) -> list[tuple[tuple[str, object], ...]]:
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return sorted(
        tuple(sorted((name, normal(row[name])) for name in names if row[name] is not None))
        for row in solutions
    )


def rows_of_remote(store: SparqlHttpStore, sparql: str,
                   dataset: Mapping[str, tuple[str, ...]] | None) -> list[tuple[tuple[str, object], ...]]:
    return sorted(
        tuple(sorted((name, normal(term)) for name, term in row.items()))
        for row in store.select(sparql, dataset)
    )


#: The embedded store's default graph is the merge of the named graphs; Virtuoso's is their union
#: matched graph by graph, and with the merge loaded (the `remote` fixture) every statement is
#: there at least twice: asked directly, Virtuoso is given the merge as the default graph, as
#: the server's store_default_graph setting does.
MERGED = {"default-graph-uri": (MERGED_GRAPH,)}


def same_rows(embedded: OxigraphStore, remote: SparqlHttpStore, sparql: str,
              dataset: Mapping[str, tuple[str, ...]] | None = MERGED) -> list:  # type: ignore[type-arg]
    """Assert both stores give the same solutions; return them so tests check they mean something."""
    got = rows_of_remote(remote, sparql, dataset)
    assert got == rows_of_embedded(embedded, sparql)
    return got


def normal_graph(ntriples: bytes) -> Graph:
    """An rdflib graph with lower-cased language tags and xsd:string made plain."""
    graph = Graph()
    for s, p, o in Graph().parse(data=ntriples, format="nt"):
        if isinstance(o, RdfLiteral):
            if o.language:
                o = RdfLiteral(str(o), lang=o.language.lower())
            elif o.datatype is not None and str(o.datatype) == XSD_STRING:
                o = RdfLiteral(str(o))
        graph.add((s, p, o))
    return graph


# -- answers compared with the embedded store --------------------------------------------------


def test_quads_per_named_graph(embedded: OxigraphStore, remote: SparqlHttpStore) -> None:
    query = """
        SELECT ?g (COUNT(*) AS ?n) WHERE {
            GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "%s") && ?g != <%m>)
        }
        GROUP BY ?g
    """.replace("%s", PROJECT).replace("%m", MERGED_GRAPH)  # the merge is a graph there only
    rows = same_rows(embedded, remote, query, dataset=None)  # GRAPH: the store's own dataset
    graphs = {dict(row)["g"][1] for row in rows}
    assert PROJECT + "id/graph/reference" in graphs
    assert any("/graph/source/" in g for g in graphs)


def test_oas_organs_with_acronyms(embedded: OxigraphStore, remote: SparqlHttpStore) -> None:
    # No PREFIX lines: the project's prefixes must be offered by the remote store as well.
    query = f"""
        SELECT ?organ ?acronym WHERE {{
            ?organ org:subOrganizationOf+ <{ORGAN_OAS}> .
            OPTIONAL {{ ?organ mg:acronym ?acronym }}
        }}
    """
    rows = same_rows(embedded, remote, query)
    assert rows, "the reference data should have organs under the OAS"


def test_labels_of_a_state_by_iso_code(embedded: OxigraphStore, remote: SparqlHttpStore) -> None:
    # Whatever property carries the code, a state whose code is "PER" and its labels.
    query = """
        SELECT ?state ?label WHERE {
            ?state a mg:State ; ?code "PER" .
            VALUES ?lp { rdfs:label skos:prefLabel skos:altLabel }
            ?state ?lp ?label .
        }
    """
    rows = same_rows(embedded, remote, query)
    assert {dict(row)["state"] for row in rows} == {("iri", STATE_PER)}
    assert len({dict(row)["label"] for row in rows}) > 1, "labels in several languages"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"ASK {{ <{STATE_PER}> a mg:State }}", True),
        (f"ASK {{ GRAPH <{PROJECT}id/graph/reference> {{ <{ORGAN_OAS}> ?p ?o }} }}", True),
        ("ASK { ?x org:subOrganizationOf <https://w3id.org/mandate-graph/id/organ/none> }", False),
    ],
)
def test_ask(embedded: OxigraphStore, remote: SparqlHttpStore, query: str, expected: bool) -> None:
    answer = embedded.query(query)
    assert bool(answer) is expected
    assert remote.ask(query) is expected
    assert remote.query(query) is expected


def test_construct_gives_the_same_graph(embedded: OxigraphStore, remote: SparqlHttpStore) -> None:
    query = f"""
        CONSTRUCT {{ ?organ ?p ?v }} WHERE {{
            GRAPH <{PROJECT}id/graph/reference> {{ ?organ org:subOrganizationOf <{ORGAN_OAS}> ; ?p ?v }}
        }}
    """
    expected = ox.serialize(embedded.query(query), format=ox.RdfFormat.N_TRIPLES) or b""
    got = remote.construct(query)
    assert len(normal_graph(expected)) > 0
    assert isomorphic(normal_graph(got), normal_graph(expected))


def test_query_prefix_of_the_user_wins(embedded: OxigraphStore, remote: SparqlHttpStore) -> None:
    """A query that declares a project prefix itself gets its own binding on both stores."""
    query = """
        # PREFIX schema: <http://commented.out/> is a comment, not a declaration
        prefix schema: <http://example.org/mine#>
        SELECT ?x WHERE { BIND(schema:name AS ?x) }
    """
    rows = same_rows(embedded, remote, query)
    assert rows == [(("x", ("iri", "http://example.org/mine#name")),)]


def test_query_raw_passes_standard_results_through(remote: SparqlHttpStore) -> None:
    content_type, body = remote.query_raw(f"ASK {{ <{STATE_PER}> ?p ?o }}")
    assert content_type.startswith("application/sparql-results+json")
    assert b'"boolean": true' in body  # Virtuoso's SELECT-shaped ASK made standard


# -- loading without a Graph Store endpoint, clearing ------------------------------------------


def test_insert_data_fallback_keeps_graphs_and_blank_nodes(
    virtuoso: VirtuosoServer, remote: SparqlHttpStore
) -> None:
    store = SparqlHttpStore(virtuoso.sparql_url, update_url=virtuoso.update_url, auth=virtuoso.auth)
    other = TEST_GRAPH + "-2"
    data = (
        f'<http://example.org/s> <http://example.org/p> _:b <{TEST_GRAPH}> .\n'
        f'_:b <http://example.org/q> "nœud"@FR <{TEST_GRAPH}> .\n'
        f'<http://example.org/s> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <{other}> .\n'
    ).encode()
    try:
        store.load_nquads(data)
        assert store.ask(
            f'ASK {{ GRAPH <{TEST_GRAPH}> {{ <http://example.org/s> <http://example.org/p> ?b . '
            f'?b <http://example.org/q> ?label FILTER(STR(?label) = "nœud") }} }}'
        )
        rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{other}> {{ ?s ?p ?o }} }}")
        assert [row["o"] for row in rows] == [
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        ]
    finally:
        store.clear([TEST_GRAPH, other])
    assert not store.ask(f"ASK {{ GRAPH <{TEST_GRAPH}> {{ ?s ?p ?o }} }}")
    assert store.ask(f"ASK {{ GRAPH <{PROJECT}id/graph/reference> {{ ?s ?p ?o }} }}")


def test_many_triples_go_in_batches(virtuoso: VirtuosoServer, remote: SparqlHttpStore) -> None:
    store = SparqlHttpStore(virtuoso.sparql_url, update_url=virtuoso.update_url, auth=virtuoso.auth)
    data = "".join(
        f'<http://example.org/n{i}> <http://example.org/v> "{i}" .\n' for i in range(2500)
    ).encode()
    try:
        store.load_bytes(data, ox.RdfFormat.N_TRIPLES, graph=TEST_GRAPH)
        rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{TEST_GRAPH}> {{ ?s ?p ?o }} }}")
        assert rows[0]["n"].value == "2500"
    finally:
        store.clear([TEST_GRAPH])


# -- errors a user sees -------------------------------------------------------------------------


def test_closed_port_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreError, match=r"cannot reach the store at http://127\.0\.0\.1:\d+/sparql"):
        SparqlHttpStore(url).ask("ASK {}")


def test_silent_server_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # accepts connections at the kernel level, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        started = time.monotonic()
        with pytest.raises(StoreError, match="did not answer within 0.5 s"):
            SparqlHttpStore(url, timeout=0.5).select("SELECT * {}")
        assert time.monotonic() - started < 5


def test_syntax_error_reports_the_store_message(remote: SparqlHttpStore) -> None:
    with pytest.raises(StoreError, match=r"/sparql answered HTTP 400.*The store said: .*SP030"):
        remote.select("SELECT ?x WHERE { ?x ?y }")


def test_anonymous_update_is_refused_with_a_hint(virtuoso: VirtuosoServer) -> None:
    store = SparqlHttpStore(virtuoso.sparql_url)
    with pytest.raises(StoreError, match=r"/sparql answered HTTP \d+.*") as caught:
        store.load_bytes(b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n",
                         ox.RdfFormat.N_TRIPLES, graph=TEST_GRAPH)
    assert virtuoso.sparql_url in str(caught.value)
    assert not SparqlHttpStore(virtuoso.sparql_url).ask(f"ASK {{ GRAPH <{TEST_GRAPH}> {{ ?s ?p ?o }} }}")


def test_wrong_password_is_refused(virtuoso: VirtuosoServer) -> None:
    store = SparqlHttpStore(virtuoso.sparql_url, graph_store_url=virtuoso.graph_store_url,
                            auth=("dba", "wrong"))
    with pytest.raises(StoreError, match=r"sparql-graph-crud-auth answered HTTP 401.*auth=\(user, password\)"):
        store.load_bytes(b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n",
                         ox.RdfFormat.N_TRIPLES, graph=TEST_GRAPH)


def test_not_a_url() -> None:
    with pytest.raises(StoreError, match="must start with http"):
        SparqlHttpStore("localhost:8890/sparql")


# -- the prologue reader (no store needed) -----------------------------------------------------


def test_prologue_reader() -> None:
    declared, form = parse_prologue(
        "BASE <http://b/>\n# PREFIX no: <http://no/>\nPREFIX mg: <http://x/a#b>\n"
        "prefix : <http://empty/>\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }"
    )
    assert declared == {"mg": "http://x/a#b", "": "http://empty/"}
    assert form == "CONSTRUCT"
    text = with_prefixes("PREFIX mg: <http://x/>\nSELECT * {}", {"mg": "http://y/", "rdf": "http://r/"})
    assert text == "PREFIX rdf: <http://r/>\nPREFIX mg: <http://x/>\nSELECT * {}"



def test_a_merged_graph_that_is_not_an_iri_is_refused_with_the_setting_named() -> None:
    from server import create_app
    from server.settings import Settings

    with pytest.raises(StoreError, match=r"store_default_graph 'merged' is not an absolute IRI.*"
                                         r"MANDATE_GRAPH_STORE_DEFAULT_GRAPH"):
        create_app(Settings(store="sparql:http://127.0.0.1:9/sparql", store_default_graph="merged"))
    with pytest.raises(StoreError, match="merged graph 'merged' is not an absolute IRI"):
        SparqlHttpStore("http://127.0.0.1:9/sparql").load_dataset(b"", merged_graph="merged")
