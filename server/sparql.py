"""The SPARQL 1.1 Protocol query operation at ``/sparql``: read-only, content-negotiated.

GET ``?query=``, POST form and POST ``application/sparql-query`` are all accepted; results are
chosen from the ``Accept`` header (werkzeug's parser, q-values honoured) or a ``format``
parameter. Updates are refused here: this route never writes.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from server.errors import ApiError

blueprint = Blueprint("sparql", __name__)

#: media type → pyoxigraph format, for SELECT and ASK results (first is the default)
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: media type → pyoxigraph format, for CONSTRUCT and DESCRIBE results (first is the default)
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: short names accepted in the ``format`` parameter
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _read_query() -> str | None:
    """The query text from whichever protocol form the request used."""
    if request.method == "GET":
        return request.args.get("query")
    mimetype = request.mimetype
    if mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    if mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if "update" in request.form:
            raise ApiError(
                403, "SPARQL updates are not accepted on /sparql: this endpoint is read-only."
            )
        return request.form.get("query")
    if mimetype == "application/sparql-update":
        raise ApiError(
            403, "SPARQL updates are not accepted on /sparql: this endpoint is read-only."
        )
    raise ApiError(
        415,
        f"unsupported Content-Type {mimetype!r}: send 'application/sparql-query' or an "
        "'application/x-www-form-urlencoded' form with a 'query' field",
    )


def _negotiate(offered: list[str]) -> str:
    """Pick the response type from ``format`` or ``Accept``; 406 if we cannot give any."""
    wanted = request.values.get("format")
    if wanted:
        mimetype = FORMAT_ALIASES.get(wanted.lower(), wanted)
        if mimetype not in offered:
            raise ApiError(
                406, f"format {wanted!r} is not available for this query; use one of {offered}"
            )
        return mimetype
    if not request.accept_mimetypes:
        return offered[0]
    best = request.accept_mimetypes.best_match(offered)
    if best is None:
        raise ApiError(406, f"none of the accepted types can be produced; available: {offered}")
    return best


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    query = _read_query()
    if not query:
        raise ApiError(400, "missing 'query' parameter: give a SPARQL query")
    store = current_app.extensions["store"]
    try:
        result = store.query(query)
    except SyntaxError as err:
        raise ApiError(400, f"SPARQL syntax error: {err}") from err
    if isinstance(result, ox.QueryTriples):
        mimetype = _negotiate(list(GRAPH_TYPES))
        body = result.serialize(format=GRAPH_TYPES[mimetype])
    else:
        mimetype = _negotiate(list(RESULT_TYPES))
        body = result.serialize(format=RESULT_TYPES[mimetype])
    return Response(body, mimetype=mimetype, headers={"Vary": "Accept"})
