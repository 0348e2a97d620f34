"""The SPARQL 1.1 Protocol: the query operation at ``/sparql`` (read-only, content-negotiated,
limited), and what the protocol asks of every request, the update route's too.

GET ``?query=``, POST form and POST ``application/sparql-query`` are all accepted, with the
protocol's ``default-graph-uri`` / ``named-graph-uri``; results are chosen from the ``Accept``
header (werkzeug's parser, q-values honoured) or a ``format`` parameter. A GET without a query
returns the SPARQL Service Description. Before a query reaches a store, updates, SERVICE and LOAD
are refused (see :mod:`server.guard`); the store then answers under a time limit and a row cap,
through :func:`server.backends.run_query` as every page does.

Every request (:func:`operation_text`): one operation (two ``query`` or ``update`` parameters
are a 400: the protocol allows exactly one), a body in UTF-8 (the only encoding the protocol
allows: a ``charset`` other than UTF-8 is a 415), and dataset parameters that are absolute IRIs
(a 400 otherwise, never a crash in the store).
"""

from __future__ import annotations

import math

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from graph.store import parse_prologue
from server.backends import Sparql, run_query
from server.description import service_description
from server.errors import ApiError
from server.guard import UPDATE_KEYWORDS, RefusedQuery, TooDeep, check_query
from server.results import GRAPH_TYPES, RESULT_TYPES, Formats
from server.settings import Settings

blueprint = Blueprint("sparql", __name__)

#: Headers that tell a client its answer was cut at the row cap (see docs/sparql.md).
TRUNCATED_HEADER = "X-Mandate-Graph-Truncated"
MAX_ROWS_HEADER = "X-Mandate-Graph-Max-Rows"

#: short names accepted in the ``format`` parameter, per query form
SOLUTION_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_ALIASES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
}
READ_ONLY = (
    "SPARQL updates are not accepted on /sparql: this endpoint is read-only. "
    "Send queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only."
)


def operation_text(name: str, direct_type: str) -> str | None:
    """The one ``query`` (or ``update``) of the request, from whichever form the protocol gave.

    GET reads the URL; a POST of ``direct_type`` reads its body; a form POST reads its fields.
    A second copy anywhere (two fields, or one in the URL and one in the body) is a 400, as is
    an operation the request sends twice in another way; any other Content-Type is a 415.
    """
    in_url = request.args.getlist(name)
    if request.method == "GET":
        texts = in_url
    elif request.mimetype == direct_type:
        require_utf8()
        texts = [request.get_data(as_text=True), *in_url]
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        require_utf8()
        texts = [*request.form.getlist(name), *in_url]
    else:
        shown = request.mimetype or "none"
        raise ApiError(
            415,
            f"unsupported Content-Type ({shown}): send '{direct_type}' or an "
            f"'application/x-www-form-urlencoded' form holding '{name}'",
        )
    if len(texts) > 1:
        raise ApiError(
            400, f"{len(texts)} '{name}' parameters: send exactly one {name} per request"
        )
    return texts[0] if texts else None


def require_utf8() -> None:
    """A body in another encoding than UTF-8 is a 415 (SPARQL 1.1 Protocol §2.1.2, §2.2.2)."""
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    if charset not in {"utf-8", "utf8"}:
        raise ApiError(
            415, f"unsupported charset {charset!r}: the SPARQL protocol takes UTF-8 only"
        )


def graph_iris(name: str) -> tuple[str, ...]:
    """The IRIs given for a dataset parameter, checked so a bad one is a 400, not a crash."""
    iris = tuple(request.values.getlist(name))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ApiError(400, f"{name} {iri!r} is not an absolute IRI") from None
    return iris


def _read_query() -> str | None:
    """The query text from whichever protocol form the request used.

    An update is refused whichever way it came: by GET (never allowed by the protocol), in a
    form, or as ``application/sparql-update``.
    """
    if request.method == "GET" and "update" in request.args:
        raise ApiError(
            400,
            "an update cannot be sent with GET (SPARQL 1.1 Protocol §2.2), and this endpoint "
            "is read-only anyway: send queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only.",
        )
    if request.method == "POST":
        require_utf8()
        if request.mimetype == "application/sparql-update":
            raise ApiError(403, READ_ONLY)
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") and (
            "update" in request.form
        ):
            raise ApiError(403, READ_ONLY)
    return operation_text("query", "application/sparql-query")


def _negotiate() -> Formats:
    """The response type for each query form, from ``format`` or ``Accept``.

    The form is only known once the store has parsed the query, so both are chosen now; the
    one the query needs being None means 406. A ``format`` that fits neither form is 406 at once.
    """
    wanted = request.values.get("format")
    if wanted:
        key = wanted.strip().lower()
        solutions = SOLUTION_ALIASES.get(key, key if key in RESULT_TYPES else None)
        graph = GRAPH_ALIASES.get(key, key if key in GRAPH_TYPES else None)
        if solutions is None and graph is None:
            offered = sorted({*SOLUTION_ALIASES, *GRAPH_ALIASES, *RESULT_TYPES, *GRAPH_TYPES})
            raise ApiError(406, f"unknown format {wanted!r}; use one of: {', '.join(offered)}")
        return Formats(solutions, graph)
    accept = request.accept_mimetypes
    if not accept:
        return Formats(next(iter(RESULT_TYPES)), next(iter(GRAPH_TYPES)))
    formats = Formats(accept.best_match(list(RESULT_TYPES)), accept.best_match(list(GRAPH_TYPES)))
    if formats.solutions is None and formats.graph is None:
        raise ApiError(
            406,
            "none of the accepted types can be produced; available: "
            + ", ".join([*RESULT_TYPES, *GRAPH_TYPES]),
        )
    return formats


def _timeout(settings: Settings) -> float:
    """The request's time limit: its ``timeout`` parameter, never above the server's."""
    raw = request.values.get("timeout")
    if raw is None or raw == "":
        return settings.query_timeout
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not value > 0 or math.isinf(value):
        raise ApiError(400, f"timeout {raw!r} must be a positive number of seconds")
    return min(value, settings.query_timeout)


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    if request.method == "GET" and not {"query", "update"} & set(request.args):
        return service_description()
    query = _read_query()
    if not query:
        raise ApiError(400, "missing 'query' parameter: give a SPARQL query")
    try:
        check_query(query)
    except TooDeep as err:
        raise ApiError(400, str(err)) from None
    except RefusedQuery as err:
        raise ApiError(403, str(err)) from None
    _declared, form = parse_prologue(query)
    if form in UPDATE_KEYWORDS:
        raise ApiError(403, READ_ONLY)
    formats = _negotiate()
    dataset = graph_iris("default-graph-uri"), graph_iris("named-graph-uri")
    answer = run_query(Sparql(query), formats=formats, timeout=_timeout(settings),
                       dataset=dataset)
    response = Response(answer.body, mimetype=answer.mimetype, headers={"Vary": "Accept"})
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
        response.headers[MAX_ROWS_HEADER] = str(settings.max_rows)
    return response
