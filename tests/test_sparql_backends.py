"""The same questions over /sparql of a server on the embedded store and of one on Virtuoso.

The embedded side is the real server process; the ``sparql:`` side is ``create_app`` over the
session's Virtuoso (tests/virtuoso.py, skipped with its reason when Virtuoso cannot be had).
Answers are compared as sets of bindings or as isomorphic graphs, after the normalisations
tests/test_remote_store.py explains (language-tag case, explicit xsd:string), and booleans,
which Virtuoso answers as ``"1"^^xsd:boolean``.
"""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.term import Literal as RdfLiteral

from graph.store import SparqlHttpStore
from tests.conftest import MERGED_GRAPH, ORGAN_CSH, ORGAN_OAS, STATE_PER
from tests.virtuoso import VirtuosoServer

pytestmark = pytest.mark.server

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
REFERENCE = "https://w3id.org/mandate-graph/id/graph/reference"


@pytest.fixture(scope="module")
def remote_client(virtuoso: VirtuosoServer, remote: SparqlHttpStore) -> Iterator[FlaskClient]:
    from server import close_app, create_app
    from server.settings import Settings

    app = create_app(Settings(
        store=f"sparql:{virtuoso.sparql_url}", store_update_url=virtuoso.update_url,
        store_user=virtuoso.auth[0], store_password=virtuoso.auth[1],
        store_default_graph=MERGED_GRAPH,
    ))
    yield app.test_client()
    close_app(app)


def embedded(live_server: str, sparql: str, accept: str, **params: str) -> bytes:
    url = live_server + "/sparql?" + urllib.parse.urlencode({"query": sparql, **params})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=60) as response:
        assert response.status == 200
        return response.read()


def over_virtuoso(client: FlaskClient, sparql: str, accept: str, **params: str) -> bytes:
    response = client.get("/sparql", query_string={"query": sparql, **params}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == accept
    return response.get_data()


def bindings(body: bytes) -> set[tuple[tuple[str, tuple[str, str, str]], ...]]:
    rows = set()
    for row in json.loads(body)["results"]["bindings"]:
        items = []
        for name, value in row.items():
            extra = value.get("xml:lang", "").lower() or value.get("datatype", "")
            text = value["value"]
            if extra == XSD_BOOLEAN:  # Virtuoso keeps booleans as numbers: "1" for true
                text = {"1": "true", "0": "false"}.get(text, text)
            items.append((name, (value["type"], text, "" if extra == XSD_STRING else extra)))
        rows.add(tuple(sorted(items)))
    return rows


def normal_graph(ntriples: bytes) -> Graph:
    graph = Graph()
    for s, p, o in Graph().parse(data=ntriples, format="nt"):
        if isinstance(o, RdfLiteral) and o.language:
            o = RdfLiteral(str(o), lang=o.language.lower())
        graph.add((s, p, o))
    return graph


SELECTS = [
    f"SELECT ?organ ?acronym WHERE {{ ?organ org:subOrganizationOf+ <{ORGAN_OAS}> . OPTIONAL {{ ?organ mg:acronym ?acronym }} }}",
    'SELECT ?state ?label WHERE { ?state a mg:State ; ?code "PER" ; rdfs:label ?label }',
    f"SELECT ?p ?o WHERE {{ GRAPH <{REFERENCE}> {{ <{ORGAN_CSH}> ?p ?o }} }}",
    # a relative IRI resolves against the data base on both stores
    "SELECT ?p ?o WHERE { <organ/oas-csh> ?p ?o }",
]


@pytest.mark.parametrize("sparql", SELECTS)
def test_select_answers_agree(live_server: str, remote_client: FlaskClient, sparql: str) -> None:
    accept = "application/sparql-results+json"
    expected = bindings(embedded(live_server, sparql, accept))
    assert expected, "the question should have answers"
    assert bindings(over_virtuoso(remote_client, sparql, accept)) == expected


def count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: a document's digest is stated in its own graph and again in the release's provenance graph
COUNT_DIGESTS = "SELECT (COUNT(*) AS ?n) WHERE { ?document mg:sha256 ?digest }"


@pytest.mark.parametrize("sparql", [COUNT_ALL, COUNT_DIGESTS])
def test_counts_agree_with_the_merged_default_graph(
    live_server: str, remote_client: FlaskClient, remote: SparqlHttpStore, sparql: str
) -> None:
    accept = "application/sparql-results+json"
    expected = count(embedded(live_server, sparql, accept))
    # Virtuoso's own default graph matches a statement once per graph stating it (the merge
    # being one of them) ...
    union = int(remote.select(sparql)[0]["n"].value)
    assert union > expected
    # ... the server gives it the merge instead, as the embedded store's default graph is
    assert count(over_virtuoso(remote_client, sparql, accept)) == expected


def test_a_query_naming_its_dataset_keeps_it(live_server: str, remote_client: FlaskClient) -> None:
    # A protocol default-graph-uri would override FROM: the server must not send the merge.
    sparql = f"SELECT (COUNT(*) AS ?n) FROM <{REFERENCE}> WHERE {{ ?s ?p ?o }}"
    accept = "application/sparql-results+json"
    expected = count(embedded(live_server, sparql, accept))
    assert 0 < expected < count(embedded(live_server, COUNT_ALL, accept))
    assert count(over_virtuoso(remote_client, sparql, accept)) == expected


def test_default_graph_uri_agrees(live_server: str, remote_client: FlaskClient) -> None:
    sparql = f"SELECT ?p ?o WHERE {{ <{ORGAN_CSH}> ?p ?o }}"
    accept = "application/sparql-results+json"
    expected = bindings(embedded(live_server, sparql, accept, **{"default-graph-uri": REFERENCE}))
    assert expected
    assert bindings(over_virtuoso(remote_client, sparql, accept, **{"default-graph-uri": REFERENCE})) == expected


def test_named_graph_uri_alone_leaves_an_empty_default_graph(
    live_server: str, remote_client: FlaskClient
) -> None:
    # the protocol's dataset replaces the store's: no default-graph-uri, no default graph
    accept = "application/sparql-results+json"
    named = {"named-graph-uri": REFERENCE}
    assert count(embedded(live_server, COUNT_ALL, accept, **named)) == 0
    assert count(over_virtuoso(remote_client, COUNT_ALL, accept, **named)) == 0
    in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    expected = count(embedded(live_server, in_graphs, accept, **named))
    assert expected > 0
    assert count(over_virtuoso(remote_client, in_graphs, accept, **named)) == expected


def test_a_graph_iri_the_store_does_not_hold_is_empty_and_never_fetched(
    live_server: str, remote_client: FlaskClient
) -> None:
    # a graph IRI that a server listens at: neither store may fetch it
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        absent = f"http://127.0.0.1:{listener.getsockname()[1]}/data.rdf"
        accept = "application/sparql-results+json"
        for dataset in ({"default-graph-uri": absent}, {"named-graph-uri": absent}):
            sparql = "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
            assert json.loads(embedded(live_server, sparql, accept, **dataset))["boolean"] is False
            assert json.loads(over_virtuoso(remote_client, sparql, accept, **dataset))["boolean"] is False
        with pytest.raises(TimeoutError):
            listener.accept()


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        (f"ASK {{ <{STATE_PER}> a mg:State }}", True),
        (f"ASK {{ <{ORGAN_CSH}> org:subOrganizationOf <{STATE_PER}> }}", False),
    ],
)
def test_ask_answers_agree(live_server: str, remote_client: FlaskClient, sparql: str, expected: bool) -> None:
    accept = "application/sparql-results+json"
    assert json.loads(embedded(live_server, sparql, accept))["boolean"] is expected
    assert json.loads(over_virtuoso(remote_client, sparql, accept))["boolean"] is expected


def test_construct_graphs_are_isomorphic(live_server: str, remote_client: FlaskClient) -> None:
    sparql = f"""CONSTRUCT {{ ?organ ?p ?v }} WHERE {{
        GRAPH <{REFERENCE}> {{ ?organ org:subOrganizationOf <{ORGAN_OAS}> ; ?p ?v }} }}"""
    accept = "application/n-triples"
    expected = normal_graph(embedded(live_server, sparql, accept))
    assert len(expected) > 10
    assert isomorphic(normal_graph(over_virtuoso(remote_client, sparql, accept)), expected)


def test_refusals_come_before_the_store(remote_client: FlaskClient) -> None:
    response = remote_client.get("/sparql", query_string={
        "query": "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 403 and "SERVICE" in response.get_json()["error"]


def test_syntax_error_from_the_store_is_400(remote_client: FlaskClient) -> None:
    response = remote_client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert set(response.get_json()) == {"error", "status"}


def named(live_server: str, name: str) -> bytes:
    request = urllib.request.Request(f"{live_server}/queries/{name}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


@pytest.mark.parametrize("name", ["budget-by-axis-and-year", "citation-chain", "document-facts",
                                  "facts-by-rule", "mandates-of-resolution", "officers-of-organ",
                                  "organ-hierarchy", "paragraph-dependencies",
                                  "resolutions-of-a-year", "statement-evidence"])
def test_named_queries_with_a_bound_parameter_agree(
    live_server: str, remote_client: FlaskClient, name: str
) -> None:
    """The parameter reaches Virtuoso as a VALUES block at the start of the pattern: with it
    trailing, Virtuoso ignored it at the start of a property path and answered citation-chain
    and organ-hierarchy for every resolution and organ instead of the one asked about."""
    expected = bindings(named(live_server, name))
    assert expected, "the default parameter should have answers on the corpus"
    response = remote_client.get(f"/queries/{name}",
                                 headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert bindings(response.get_data()) == expected


@pytest.mark.parametrize(("name", "param", "typed"), [
    ("officers-of-organ", "organ", "CSH"),
    ("mandates-of-resolution", "resolution", "AG/RES. 2945 (XLIX-O/19)"),
    ("organ-hierarchy", "root", "Organización de los Estados Americanos"),
])
def test_a_parameter_given_by_name_resolves_alike_on_virtuoso(
    live_server: str, remote_client: FlaskClient, name: str, param: str, typed: str
) -> None:
    """queries/lookup/names.rq (a class path bound by VALUES) finds the same resource there."""
    query = urllib.parse.urlencode({param: typed})
    expected = bindings(named(live_server, f"{name}?{query}"))
    assert expected
    response = remote_client.get(f"/queries/{name}?{query}",
                                 headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert bindings(response.get_data()) == expected
