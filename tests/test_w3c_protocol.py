"""The W3C SPARQL 1.1 Protocol test suite, run against the real server as any client would.

The manifest (``tests/data/w3c/``, W3C licence there) describes 34 HTTP exchanges: 13 queries,
14 requests that must be refused (4xx), and 7 updates. Its graphs (``data1.nt`` … ``data3.nt``)
are added to a build with ``build --add`` under the IRIs the tests name, as a researcher's
named graphs; the endpoint never fetches them.

Every request of the manifest addresses ``/sparql/``, which the suite says to map to the
endpoint's own paths: queries go to ``/sparql``; updates to ``/update``, with its token. The 27
query and negative tests run against ``/sparql`` (the negative update tests there must be
refused by a read-only endpoint); the 7 update tests against a second server with the update
route on; and the 7 negative update tests once more against ``/update`` itself, with the token,
where they must be refused for what they are, not for want of a token.

Each test sends its requests in order with :mod:`http.client`, which adds no header of its own
but ``Host``, ``Accept-Encoding: identity`` and ``Content-Length`` (``urllib`` would add a form
``Content-Type`` to a POST without one, and hide the bad_*_missing_*_type tests). Each response
is checked against ``mf:expectedStatus``, ``mf:expectedFormat`` and ``mf:expectedBoolean``; any
mismatch fails the test, named.
"""

from __future__ import annotations

import http.client
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from graph.build import build
from tests.conftest import BASE, start_server, stop_server

pytestmark = pytest.mark.server

SUITE = Path(__file__).parent / "data" / "w3c" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"
TOKEN = "w3c-protocol-suite-token"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

#: media types that carry each mf:expectedFormat, and how to read them
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
RDF_TYPES = {
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class Exchange:
    """One ht:Request of the manifest and what its ht:Response must be."""

    method: str
    path: str  # as in the manifest: /sparql/ and a query string
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]  # accepted status classes: 2 for 2xx, …
    format: str | None  # "boolean", "tabular", "RDF"
    boolean: bool | None

    @property
    def is_update(self) -> bool:
        """Whether the request carries a SPARQL Update (direct, in a form or a query string)."""
        content_type = dict(self.headers).get("content-type", "").split(";")[0].strip()
        fields = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if content_type == "application/x-www-form-urlencoded" and self.body:
            fields.update(urllib.parse.parse_qs(self.body.decode("utf-8", "replace")))
        return content_type == "application/sparql-update" or "update" in fields


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the entry's local name, e.g. query_post_form
    title: str  # its mf:name
    exchanges: tuple[Exchange, ...]

    @property
    def kind(self) -> str:
        """``update`` (the positive update tests), ``negative`` (bad_*) or ``query``."""
        if self.name.startswith("update_"):
            return "update"
        return "negative" if self.name.startswith("bad_") else "query"


def _list(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def read_manifest(path: Path = MANIFEST) -> list[ProtocolTest]:
    """The manifest's entries, in order, as the requests they send."""
    graph = Graph().parse(path, format="turtle", publicID=path.as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in _list(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        exchanges = []
        for request in _list(graph, graph.value(action, HT.requests)):
            headers = tuple(
                (str(graph.value(h, HT.fieldName)).lower(), str(graph.value(h, HT.fieldValue)))
                for h in _list(graph, graph.value(request, HT.headers))
            )
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            response = graph.value(request, HT.resp)
            statuses = frozenset(
                int(str(s).removeprefix(HTS)[0]) for s in graph.objects(response, MF.expectedStatus)
            )
            fmt = graph.value(response, MF.expectedFormat)
            boolean = graph.value(response, MF.expectedBoolean)
            exchanges.append(Exchange(
                method=str(graph.value(request, HT.methodName)),
                path=str(graph.value(request, HT.absolutePath)),
                headers=headers, body=body, statuses=statuses,
                format=None if fmt is None else str(fmt),
                boolean=None if boolean is None else bool(boolean.toPython()),
            ))
        name = str(entry).rpartition("#")[2]
        tests.append(ProtocolTest(name, str(graph.value(entry, MF.name)), tuple(exchanges)))
    return tests


def suite_graphs(path: Path = MANIFEST) -> dict[str, Path]:
    """Graph IRI → data file, from the manifest's ut:graphData (rdfs:label is the IRI)."""
    graph = Graph().parse(path, format="turtle", publicID=path.as_uri())
    found: dict[str, Path] = {}
    for data in graph.objects(None, UT.graphData):
        file = graph.value(data, UT.graph)
        assert isinstance(file, URIRef)
        found[str(graph.value(data, RDFS.label))] = SUITE / Path(urllib.parse.urlsplit(file).path).name
    return found


# --- sending and checking ---------------------------------------------------------------------


def _route(exchange: Exchange, *, update_route: bool) -> tuple[str, dict[str, str]]:
    """The manifest's ``/sparql/…`` mapped to this server: path and extra headers."""
    _, _, rest = exchange.path.partition("/sparql/")
    if update_route:
        return "/update" + rest, {"Authorization": f"Bearer {TOKEN}"}
    return "/sparql" + rest, {}


def send(base_url: str, exchange: Exchange, *, update_route: bool) -> tuple[int, str, bytes]:
    """Send one exchange as the manifest writes it; (status, media type, body)."""
    path, extra = _route(exchange, update_route=update_route)
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base_url).netloc, timeout=60)
    try:
        connection.request(exchange.method, path, body=exchange.body,
                           headers={**dict(exchange.headers), **extra})
        response = connection.getresponse()
        return response.status, response.headers.get_content_type(), response.read()
    finally:
        connection.close()


def check(exchange: Exchange, status: int, mimetype: str, body: bytes) -> str | None:
    """What is wrong with the response, or None when it is what the manifest expects."""
    wanted = "/".join(f"{c}xx" for c in sorted(exchange.statuses))
    if status // 100 not in exchange.statuses:
        return f"expected {wanted}, got {status}: {body[:300]!r}"
    if status == 401:
        return "refused for want of the token (401), not for what the request is"
    if exchange.format == "boolean":
        if mimetype not in BOOLEAN_TYPES:
            return f"expected a boolean result, got {mimetype!r}"
        value = ox.parse_query_results(body, format=SOLUTION_TYPES[mimetype])
        if not isinstance(value, ox.QueryBoolean):
            return f"expected a boolean result, got {body[:300]!r}"
        if exchange.boolean is not None and bool(value) != exchange.boolean:
            return f"expected {str(exchange.boolean).lower()}, got {str(bool(value)).lower()}"
    elif exchange.format == "tabular":
        if mimetype not in SOLUTION_TYPES:
            return f"expected SELECT results, got {mimetype!r}"
        if not isinstance(ox.parse_query_results(body, format=SOLUTION_TYPES[mimetype]),
                          ox.QuerySolutions):
            return f"expected SELECT results, got {body[:300]!r}"
    elif exchange.format == "RDF":
        if mimetype not in RDF_TYPES:
            return f"expected an RDF graph, got {mimetype!r}"
        list(ox.parse(body, format=RDF_TYPES[mimetype]))  # a SyntaxError fails the test
    return None


def run(base_url: str, test: ProtocolTest, *, update_route: bool | None = None) -> str | None:
    """Run one test's requests in order; the first failure, named, or None.

    ``update_route`` None routes each request by what it carries (updates to ``/update``).
    """
    for number, exchange in enumerate(test.exchanges, 1):
        to_update = exchange.is_update if update_route is None else update_route
        status, mimetype, body = send(base_url, exchange, update_route=to_update)
        problem = check(exchange, status, mimetype, body)
        if problem:
            where = "/update" if to_update else "/sparql"
            return f"{test.name} ({test.title}), request {number} on {where}: {problem}"
    return None


def run_all(base_url: str, tests: list[ProtocolTest], label: str,
            *, update_route: bool | None = None) -> None:
    failures = [f for t in tests if (f := run(base_url, t, update_route=update_route))]
    print(f"W3C protocol: {len(tests) - len(failures)}/{len(tests)} {label}")
    assert not failures, f"{len(failures)} of {len(tests)} {label} failed:\n" + "\n".join(failures)


# --- the servers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def suite_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build with no documents and the suite's graphs added under their IRIs."""
    folder = tmp_path_factory.mktemp("w3c")
    dataset = folder / "w3c-protocol.nq"
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
        for iri, file in sorted(suite_graphs().items())
        for t in ox.parse(path=str(file), format=ox.RdfFormat.N_TRIPLES)
    ]
    dataset.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    report = build([], build_dir=folder / "build", base=BASE, add=[dataset], validate=False)
    assert report.ok, report.errors or report.rejection
    return folder / "build" / "current" / "store"


@pytest.fixture(scope="module")
def query_server(suite_build: Path) -> Iterator[str]:
    """The real server on the suite's build, as deployed by default: no update route."""
    proc, url = start_server(f"oxigraph:{suite_build}")
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def update_server(suite_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server on a copy of the suite's build, with the update route and its token."""
    copy = tmp_path_factory.mktemp("w3c-update") / "store"
    shutil.copytree(suite_build, copy)
    proc, url = start_server(
        f"oxigraph:{copy}", "--workers", "1",
        MANDATE_GRAPH_ALLOW_UPDATE="true", MANDATE_GRAPH_UPDATE_TOKEN=TOKEN,
    )
    try:
        yield url
    finally:
        stop_server(proc)


# --- the tests --------------------------------------------------------------------------------


def test_the_manifest_holds_27_query_and_negative_tests_and_7_update_tests() -> None:
    kinds = [t.kind for t in read_manifest()]
    assert len(kinds) == 34
    assert kinds.count("query") + kinds.count("negative") == 27 and kinds.count("update") == 7
    assert set(suite_graphs()) == {
        f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)
    }


def test_w3c_query_and_negative_tests_on_the_query_endpoint(query_server: str) -> None:
    tests = [t for t in read_manifest() if t.kind != "update"]
    run_all(query_server, tests, "query and negative tests", update_route=False)


def test_w3c_update_tests_on_the_update_route(update_server: str) -> None:
    tests = [t for t in read_manifest() if t.kind == "update"]
    run_all(update_server, tests, "update tests")


def test_w3c_negative_update_tests_on_the_update_route(update_server: str) -> None:
    tests = [t for t in read_manifest() if t.kind == "negative" and "update" in t.name]
    assert len(tests) == 7
    run_all(update_server, tests, "negative update tests on the update route", update_route=True)


def test_the_runner_fails_a_response_the_manifest_does_not_expect(query_server: str) -> None:
    # the same exchanges with the opposite expectation must be reported, by name
    query_get = next(t for t in read_manifest() if t.name == "query_get")
    wrong_status = replace(query_get, exchanges=tuple(
        replace(e, statuses=frozenset({4})) for e in query_get.exchanges))
    failure = run(query_server, wrong_status, update_route=False)
    assert failure is not None and failure.startswith("query_get (query via GET)")
    assert "expected 4xx, got 200" in failure
    wrong_answer = replace(query_get, exchanges=tuple(
        replace(e, boolean=False) for e in query_get.exchanges))
    assert "expected false, got true" in (run(query_server, wrong_answer, update_route=False) or "")
    wrong_form = replace(query_get, exchanges=tuple(
        replace(e, format="RDF") for e in query_get.exchanges))
    assert "expected an RDF graph" in (run(query_server, wrong_form, update_route=False) or "")


def test_an_iri_the_store_does_not_hold_is_an_empty_graph(query_server: str) -> None:
    absent = "http://kasei.us/2009/09/sparql/data/data0.rdf"
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", "default-graph-uri": absent})
    status, _, body = send(query_server, Exchange(
        "GET", f"/sparql/?{query}", (), None, frozenset({2}), "boolean", False,
    ), update_route=False)
    assert status == 200 and json.loads(body)["boolean"] is False


def test_relative_iris_resolve_against_the_data_base(query_server: str) -> None:
    status, mimetype, body = send(query_server, Exchange(
        "POST", "/sparql/", (("content-type", "application/sparql-query"),
                             ("accept", "application/n-triples")),
        b"CONSTRUCT { <s> <p> 1 } WHERE {}", frozenset({2}), "RDF", None,
    ), update_route=False)
    assert status == 200 and mimetype == "application/n-triples"
    [triple] = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert triple.subject == ox.NamedNode(BASE + "s") and triple.predicate == ox.NamedNode(BASE + "p")


def test_errors_of_the_protocol_keep_the_one_error_shape(query_server: str) -> None:
    for exchange in (t.exchanges[0] for t in read_manifest() if t.kind == "negative"):
        status, mimetype, body = send(query_server, exchange, update_route=False)
        assert 400 <= status < 500 and mimetype == "application/json"
        assert set(json.loads(body)) == {"error", "status"} and json.loads(body)["status"] == status
