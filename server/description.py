"""What the service and its data are, in RDF: the SPARQL Service Description and VoID.

``GET /sparql`` without a query answers with the Service Description (the ``sd:`` vocabulary) so
that SPARQL clients and crawlers can discover the endpoint's features and formats;
``/.well-known/void`` describes the dataset (RFC 5785 location of VoID): triple counts, the
named graphs as subsets, the endpoint, the vocabularies and the data's URI space. Both are
content-negotiated among the RDF syntaxes; anything else (a browser's ``text/html``) gets Turtle.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from graph.namespaces import DCTERMS, PREFIXES, RDF_TYPE_NODE, SD, VOID, XSD
from graph.store import PROJECT_NAMESPACE
from server.backends import Sparql, run_query
from server.errors import ApiError
from server.results import GRAPH_TYPES
from server.settings import Settings

blueprint = Blueprint("description", __name__)

FORMATS = "http://www.w3.org/ns/formats/"
DCTERMS_TITLE = ox.NamedNode(DCTERMS + "title")
#: Result formats the endpoint offers, by their W3C format IRIs.
RESULT_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML",
)
DESCRIPTION_PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS, "dcterms": PREFIXES["dcterms"]}
_JSON = "application/sparql-results+json"


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _rdf_response(triples: Iterable[ox.Triple]) -> Response:
    """The triples in the RDF syntax the client prefers; Turtle when it names none we have."""
    wanted = request.values.get("format", "").lower()
    aliases = {"ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
               "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
    mimetype = aliases.get(wanted) or request.accept_mimetypes.best_match(
        list(GRAPH_TYPES), default="text/turtle"
    )
    if mimetype not in GRAPH_TYPES:
        mimetype = "text/turtle"
    fmt = GRAPH_TYPES[mimetype]
    prefixes = DESCRIPTION_PREFIXES if fmt is ox.RdfFormat.TURTLE else None
    body = ox.serialize(list(triples), format=fmt, prefixes=prefixes) or b""
    return Response(body, mimetype=mimetype, headers={"Vary": "Accept"})


def _urls() -> tuple[ox.NamedNode, ox.NamedNode]:
    """The endpoint's IRI and the dataset's, from the URL the client used to reach us."""
    root = request.host_url
    return _iri(root + "sparql"), _iri(root + ".well-known/void#dataset")


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of ``/sparql``."""
    endpoint, dataset = _urls()
    default_graph = ox.BlankNode()
    triples = [
        ox.Triple(endpoint, RDF_TYPE_NODE, _iri(SD + "Service")),
        ox.Triple(endpoint, _iri(SD + "endpoint"), endpoint),
        ox.Triple(endpoint, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Query")),
        ox.Triple(endpoint, _iri(SD + "feature"), _iri(SD + "UnionDefaultGraph")),
        ox.Triple(endpoint, _iri(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE_NODE, _iri(SD + "Dataset")),
        ox.Triple(dataset, _iri(SD + "defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE_NODE, _iri(SD + "Graph")),
        ox.Triple(endpoint, DCTERMS_TITLE, ox.Literal("Mandate Graph SPARQL", language="en")),
    ]
    triples += [
        ox.Triple(endpoint, _iri(SD + "resultFormat"), _iri(FORMATS + name))
        for name in RESULT_FORMATS
    ]
    return _rdf_response(triples)


def _select(sparql: str) -> list[ox.QuerySolution]:
    """Rows of one of our own SELECTs, through the same backend and limits as user queries."""
    document = json.loads(run_query(Sparql(sparql)).body)
    document.pop("truncated", None)
    parsed = ox.parse_query_results(json.dumps(document), format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return list(parsed)


def _counts(settings: Settings) -> tuple[int, dict[str, int]]:
    """Triples in the default graph, and per named graph of the data (cached: data is fixed).

    Only the project's graphs are listed: a shared external store keeps others of its own.
    """
    cache = current_app.extensions.setdefault("void_counts", {})
    if "counts" not in cache:
        total = _select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        graphs = _select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        per_graph = {
            row["g"].value: int(row["n"].value)
            for row in graphs
            if isinstance(row["g"], ox.NamedNode)
            and row["g"].value.startswith((settings.base, PROJECT_NAMESPACE))
        }
        cache["counts"] = (int(total[0]["n"].value) if total else 0, per_graph)
    counts: tuple[int, dict[str, int]] = cache["counts"]
    return counts


def forget_counts() -> None:
    """Drop the cached counts (after an update changed the data)."""
    current_app.extensions.pop("void_counts", None)


@blueprint.route("/.well-known/void")
def void() -> Response:
    """The VoID description of the dataset."""
    settings: Settings = current_app.config["SETTINGS"]
    total, per_graph = _counts(settings)
    endpoint, dataset = _urls()
    triples = [
        ox.Triple(dataset, RDF_TYPE_NODE, _iri(VOID + "Dataset")),
        ox.Triple(dataset, DCTERMS_TITLE, ox.Literal("Mandate Graph", language="en")),
        ox.Triple(dataset, _iri(VOID + "sparqlEndpoint"), endpoint),
        ox.Triple(dataset, _iri(VOID + "uriSpace"), ox.Literal(settings.base)),
        ox.Triple(dataset, _iri(VOID + "triples"), _integer(total)),
    ]
    triples += [
        ox.Triple(dataset, _iri(VOID + "vocabulary"), _iri(namespace))
        for namespace in PREFIXES.values()
    ]
    from server.releases import dump_urls  # the served release's dumps (docs/releases.md)

    triples += [ox.Triple(dataset, _iri(VOID + "dataDump"), _iri(url)) for url in dump_urls()]
    for graph, count in per_graph.items():
        node = _iri(graph)
        triples += [
            ox.Triple(dataset, _iri(VOID + "subset"), node),
            ox.Triple(node, RDF_TYPE_NODE, _iri(VOID + "Dataset")),
            ox.Triple(node, _iri(SD + "name"), node),
            ox.Triple(node, _iri(VOID + "triples"), _integer(count)),
        ]
    if not per_graph and not total:
        raise ApiError(503, "the store is empty: build the graph first with `mandate-graph build`")
    return _rdf_response(triples)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD + "integer"))
