"""The SPARQL 1.1 Protocol, the descriptions and the limits, over HTTP to the real server process."""

from __future__ import annotations

import csv
import gzip
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from tests.conftest import ORGAN_CSH, ORGAN_OAS

pytestmark = pytest.mark.server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
REFERENCE = "https://w3id.org/mandate-graph/id/graph/reference"
OAS_ORGANS = f"""
SELECT ?organ ?acronym WHERE {{
  ?organ org:subOrganizationOf+ <{ORGAN_OAS}> ; mg:acronym ?acronym .
  FILTER(lang(?acronym) = "fr")
}}
"""
CSH_GRAPH = f"CONSTRUCT {{ <{ORGAN_CSH}> ?p ?o }} WHERE {{ <{ORGAN_CSH}> ?p ?o }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def call(
    url: str,
    *,
    params: dict[str, str] | list[tuple[str, str]] | None = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, Message, bytes]:
    """One HTTP exchange; error statuses are returned, not raised."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def query(base: str, sparql: str, accept: str | None = None, **params: str) -> tuple[int, Message, bytes]:
    return call(base + "/sparql", params={"query": sparql, **params},
                headers={"Accept": accept} if accept else None)


def error_of(status: int, headers: Message, body: bytes) -> str:
    """The message of a response in the one error shape (and check that it is that shape)."""
    assert headers.get_content_type() == "application/json"
    document = json.loads(body)
    assert set(document) == {"error", "status"} and document["status"] == status
    return str(document["error"])


def parse_graph(body: bytes, rdflib_format: str) -> Graph:
    """An rdflib graph of a response; JSON-LD is read by pyoxigraph (rdflib's reader warns)."""
    if rdflib_format == "json-ld":
        triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.JSON_LD)]
        body, rdflib_format = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", "nt"
    return Graph().parse(data=body, format=rdflib_format)


def solutions(body: bytes) -> set[tuple[tuple[str, str], ...]]:
    document = json.loads(body)
    return {
        tuple(sorted((name, value["value"]) for name, value in row.items()))
        for row in document["results"]["bindings"]
    }


# -- the three protocol forms -------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_solutions(live_server: str) -> None:
    status, _, got = query(live_server, OAS_ORGANS)
    form = call(live_server + "/sparql", data=urllib.parse.urlencode({"query": OAS_ORGANS}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    direct = call(live_server + "/sparql", data=OAS_ORGANS.encode(),
                  headers={"Content-Type": "application/sparql-query"})
    assert status == form[0] == direct[0] == 200
    rows = solutions(got)
    assert (("acronym", "CSH"), ("organ", ORGAN_CSH)) in rows
    assert solutions(form[2]) == solutions(direct[2]) == rows


def test_unsupported_content_type_is_415(live_server: str) -> None:
    status, headers, body = call(live_server + "/sparql", data=b"{}",
                                 headers={"Content-Type": "application/json"})
    assert status == 415
    assert "application/sparql-query" in error_of(415, headers, body)


# -- formats -------------------------------------------------------------------------------------


def rows_from(mimetype: str, body: bytes) -> set[tuple[str, str]]:
    """(organ, acronym) pairs from any of the four result formats."""
    text = body.decode()
    if mimetype == "application/sparql-results+json":
        return {(r["organ"]["value"], r["acronym"]["value"])
                for r in json.loads(text)["results"]["bindings"]}
    if mimetype == "application/sparql-results+xml":
        from xml.etree import ElementTree

        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        pairs = set()
        for result in ElementTree.fromstring(text).iterfind(".//r:result", ns):
            values = {b.get("name"): "".join(b.itertext()).strip() for b in result.iterfind("r:binding", ns)}
            pairs.add((values["organ"], values["acronym"]))
        return pairs
    if mimetype == "text/csv":
        return {(r["organ"], r["acronym"]) for r in csv.DictReader(io.StringIO(text))}
    assert mimetype == "text/tab-separated-values"
    lines = [line.split("\t") for line in text.splitlines()]
    assert lines[0] == ["?organ", "?acronym"]
    return {(organ.strip("<>"), acronym.split('"')[1]) for organ, acronym in lines[1:]}


@pytest.mark.parametrize(
    ("accept", "format_name", "expected"),
    [
        ("application/sparql-results+json", "json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
    ],
)
def test_select_in_every_result_format(live_server: str, accept: str, format_name: str, expected: str) -> None:
    status, _, reference = query(live_server, OAS_ORGANS)
    by_accept = query(live_server, OAS_ORGANS, accept)
    by_format = query(live_server, OAS_ORGANS, "text/html", format=format_name)
    for got_status, headers, body in (by_accept, by_format):
        assert got_status == 200 and headers.get_content_type() == expected
        assert rows_from(expected, body) == rows_from("application/sparql-results+json", reference)
    assert (ORGAN_CSH, "CSH") in rows_from(expected, by_accept[2])


@pytest.mark.parametrize(
    ("accept", "format_name", "rdflib_format"),
    [
        ("text/turtle", "turtle", "turtle"),
        ("application/n-triples", "nt", "nt"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/rdf+xml", "rdfxml", "xml"),
    ],
)
def test_construct_in_every_graph_format(live_server: str, accept: str, format_name: str, rdflib_format: str) -> None:
    _, _, reference = query(live_server, CSH_GRAPH, "application/n-triples")
    expected = Graph().parse(data=reference, format="nt")
    assert (URIRef(ORGAN_CSH), None, None) in expected
    for status, headers, body in (
        query(live_server, CSH_GRAPH, accept),
        query(live_server, CSH_GRAPH, None, format=format_name),
    ):
        assert status == 200 and headers.get_content_type() == accept
        assert isomorphic(parse_graph(body, rdflib_format), expected)


def test_describe_is_a_graph(live_server: str) -> None:
    status, headers, body = query(live_server, f"DESCRIBE <{ORGAN_CSH}>", "text/turtle")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    assert (URIRef(ORGAN_CSH), None, None) in Graph().parse(data=body, format="turtle")


def test_ask_as_json_and_xml(live_server: str) -> None:
    ask = f"ASK {{ <{ORGAN_CSH}> org:subOrganizationOf+ <{ORGAN_OAS}> }}"
    status, _, body = query(live_server, ask)
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = query(live_server, ask.replace("ASK {", "ASK { FILTER(false) "), "application/sparql-results+xml")
    assert headers.get_content_type() == "application/sparql-results+xml"
    assert b"<boolean>false</boolean>" in body


def test_accept_q_values_pick_the_preferred_type(live_server: str) -> None:
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, image/png"
    status, headers, _ = query(live_server, OAS_ORGANS, accept)
    assert status == 200 and headers.get_content_type() == "application/sparql-results+xml"
    status, headers, _ = query(live_server, CSH_GRAPH, "application/rdf+xml;q=0.2, application/n-triples;q=0.8")
    assert headers.get_content_type() == "application/n-triples"


@pytest.mark.parametrize(
    ("sparql", "accept", "params"),
    [
        ("ASK {}", "image/png", {}),
        (CSH_GRAPH, "text/csv", {}),  # a graph cannot be a table
        ("SELECT * {}", None, {"format": "png"}),
    ],
)
def test_a_type_we_cannot_give_is_406(live_server: str, sparql: str, accept: str | None, params: dict[str, str]) -> None:
    status, headers, body = query(live_server, sparql, accept, **params)
    assert status == 406
    assert "available" in error_of(406, headers, body) or "use one of" in error_of(406, headers, body)


# -- dataset parameters ------------------------------------------------------------------------


def test_default_graph_uri_restricts_the_default_graph(live_server: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, everything = query(live_server, count)
    _, _, reference = query(live_server, count, **{"default-graph-uri": REFERENCE})
    _, _, per_graph = query(live_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{REFERENCE}> {{ ?s ?p ?o }} }}")
    n = int(json.loads(reference)["results"]["bindings"][0]["n"]["value"])
    assert n == int(json.loads(per_graph)["results"]["bindings"][0]["n"]["value"])
    assert 0 < n < int(json.loads(everything)["results"]["bindings"][0]["n"]["value"])


def test_named_graph_uri_restricts_the_named_graphs(live_server: str) -> None:
    status, _, body = query(live_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                            **{"named-graph-uri": REFERENCE})
    assert status == 200 and solutions(body) == {(("g", REFERENCE),)}
    status, headers, body = query(live_server, "ASK {}", **{"default-graph-uri": "not an iri"})
    assert status == 400 and "not an absolute IRI" in error_of(400, headers, body)


# -- errors ------------------------------------------------------------------------------------


def test_syntax_error_is_400_with_the_parser_message_and_position(live_server: str) -> None:
    status, headers, body = query(live_server, "SELECT *\nWHERE {\n  ?s ?p }")
    message = error_of(400, headers, body)
    assert status == 400
    assert message.startswith("SPARQL syntax error at line 3, column 10: expected")


def test_missing_query_on_post_and_unknown_route(live_server: str) -> None:
    status, headers, body = call(live_server + "/sparql", data=b"",
                                 headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and "missing 'query'" in error_of(400, headers, body)
    status, headers, body = call(live_server + "/nowhere")
    assert status == 404 and error_of(404, headers, body)
    status, headers, body = call(live_server + "/sparql", method="DELETE")
    assert status == 405 and error_of(405, headers, body)


def test_timeout_parameter_must_be_a_positive_number(live_server: str) -> None:
    for bad in ("soon", "0", "-1", "nan"):
        status, headers, body = query(live_server, "ASK {}", timeout=bad)
        assert status == 400 and "timeout" in error_of(400, headers, body)


# -- safety ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    [
        {"data": urllib.parse.urlencode({"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}).encode(),
         "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        {"data": b"INSERT DATA { <a:b> <a:c> <a:d> }", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": b"DELETE WHERE { ?s ?p ?o }", "headers": {"Content-Type": "application/sparql-query"}},
    ],
)
def test_updates_are_refused_with_403(live_server: str, update: dict) -> None:  # type: ignore[type-arg]
    status, headers, body = call(live_server + "/sparql", **update)
    assert status == 403 and "read-only" in error_of(403, headers, body)
    assert query(live_server, "ASK { <a:b> <a:c> <a:d> }")[2] == b'{"head": {}, "boolean": false}'


def test_update_route_does_not_exist_by_default(live_server: str) -> None:
    status, headers, body = call(live_server + "/update", data=b"INSERT DATA { <a:b> <a:c> <a:d> }",
                                 headers={"Content-Type": "application/sparql-update",
                                          "Authorization": "Bearer anything"})
    assert status == 404 and error_of(404, headers, body)


def test_service_is_refused_before_it_runs(live_server: str) -> None:
    status, headers, body = query(
        live_server, "SELECT * WHERE { ?s ?p ?o . service silent <http://127.0.0.1:9/sparql> { ?s ?q ?r } }"
    )
    assert status == 403 and "SERVICE (federated query) is not allowed" in error_of(403, headers, body)


def test_load_is_refused(live_server: str) -> None:
    status, headers, body = call(live_server + "/sparql", data=b"LOAD <http://127.0.0.1:9/data.ttl>",
                                 headers={"Content-Type": "application/sparql-query"})
    assert status == 403 and "LOAD is not allowed" in error_of(403, headers, body)


def test_service_in_a_string_or_an_iri_is_not_a_service(live_server: str) -> None:
    sparql = """
        # SERVICE <http://example.org/> { } in a comment
        SELECT ?x ?y WHERE {
          BIND("SERVICE <http://example.org/> { ?s ?p ?o }" AS ?x)
          BIND(<http://example.org/SERVICE> AS ?y)
        }"""
    status, _, body = query(live_server, sparql)
    assert status == 200
    assert solutions(body) == {(("x", "SERVICE <http://example.org/> { ?s ?p ?o }"), ("y", "http://example.org/SERVICE"))}


def test_runaway_query_is_stopped_at_its_limit_and_the_next_is_answered(live_server: str) -> None:
    started = time.monotonic()
    status, headers, body = query(live_server, RUNAWAY, timeout="1")
    elapsed = time.monotonic() - started
    message = error_of(503, headers, body)
    assert status == 503
    assert "time limit of 1 s" in message and "LIMIT" in message
    assert elapsed < 1 + 10, f"stopped after {elapsed:.2f} s"
    print(f"runaway query stopped after {elapsed:.2f} s")
    for _ in range(3):  # more queries than workers: every replaced worker answers
        status, _, body = query(live_server, f"ASK {{ <{ORGAN_CSH}> ?p ?o }}")
        assert status == 200 and json.loads(body)["boolean"] is True


def test_timeout_above_the_maximum_is_capped(live_server: str) -> None:
    # A request cannot raise the server's limit: asking for an hour still gets an answer
    # (the limit applied is the server's), and a normal query is unaffected.
    status, _, body = query(live_server, "ASK {}", timeout="3600")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_row_cap_is_never_silent(limited_server: str) -> None:
    status, headers, body = query(limited_server, "SELECT ?s WHERE { ?s ?p ?o }")
    document = json.loads(body)
    assert status == 200
    assert len(document["results"]["bindings"]) == 5
    assert document["truncated"] is True
    assert headers["X-Mandate-Graph-Truncated"] == "true"
    assert headers["X-Mandate-Graph-Max-Rows"] == "5"
    status, headers, body = query(limited_server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(body.decode().strip().splitlines()) == 5
    assert headers["X-Mandate-Graph-Truncated"] == "true"
    status, headers, body = query(limited_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5")
    assert "truncated" not in json.loads(body) and headers["X-Mandate-Graph-Truncated"] is None


def test_request_size_cap_is_413_in_the_error_shape(limited_server: str) -> None:
    big = "ASK {}" + " " * 5000
    status, headers, body = call(limited_server + "/sparql", data=big.encode(),
                                 headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "2000 bytes" in error_of(413, headers, body)


# -- transport ---------------------------------------------------------------------------------


def test_gzip_when_accepted(live_server: str) -> None:
    sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"
    status, headers, body = call(live_server + "/sparql", params={"query": sparql},
                                 headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(body))["results"]["bindings"]) == 200
    status, headers, body = call(live_server + "/sparql", params={"query": sparql},
                                 headers={"Accept-Encoding": "identity"})
    assert headers["Content-Encoding"] is None and len(json.loads(body)["results"]["bindings"]) == 200


def test_cors_on_read_routes_and_preflight(live_server: str) -> None:
    _, headers, _ = query(live_server, "ASK {}")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = call(live_server + "/sparql", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]


# -- descriptions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("text/html,application/xhtml+xml;q=0.9", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_get_without_query_is_the_service_description(live_server: str, accept: str | None, expected: str, rdflib_format: str) -> None:
    status, headers, body = call(live_server + "/sparql", headers={"Accept": accept} if accept else None)
    assert status == 200 and headers.get_content_type() == expected
    graph = parse_graph(body, rdflib_format)
    endpoint = URIRef(live_server + "/sparql")
    assert (endpoint, RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV")) in graph


def test_void_counts_match_the_data(live_server: str) -> None:
    status, headers, body = call(live_server + "/.well-known/void")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    graph = Graph().parse(data=body, format="turtle")
    dataset = next(graph.subjects(VOID.sparqlEndpoint, URIRef(live_server + "/sparql")))
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, VOID.uriSpace, Literal("https://w3id.org/mandate-graph/id/")) in graph
    assert (dataset, VOID.vocabulary, URIRef("http://www.w3.org/ns/org#")) in graph
    _, _, total = query(live_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert graph.value(dataset, VOID.triples).toPython() == int(
        json.loads(total)["results"]["bindings"][0]["n"]["value"])
    _, _, per_graph = query(live_server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    expected = {row["g"]["value"]: int(row["n"]["value"]) for row in json.loads(per_graph)["results"]["bindings"]}
    subsets = {str(s): graph.value(s, VOID.triples).toPython() for s in graph.objects(dataset, VOID.subset)}
    assert subsets == expected and REFERENCE in subsets
