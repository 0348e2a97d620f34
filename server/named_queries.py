"""The named queries as pages and data: ``/queries``, ``/queries/<name>``, ``/queries/<name>.rq``.

Researchers start from questions, not from SPARQL: each named query (``queries/*.rq``, see
:mod:`graph.queries`) is listed with what it answers and its parameters, runs with parameters
given in the query string, and answers as an HTML table (IRIs linked to their entity pages,
labels shown where the query returns them), as SPARQL JSON results or as CSV/TSV — by ``Accept``
or ``?format=`` — and gives its own text for use in any other SPARQL tool.

A name is looked up in the loaded table only, never joined to a path, so no request can reach a
file outside ``queries/*.rq``. Parameter values become checked RDF terms bound through the
backend (:class:`server.backends.QueryRequest` ``substitutions``), never query text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from graph.queries import NAME, BadParameter, NamedQuery, load_queries
from server.backends import Backend, QueryRequest
from server.errors import ApiError, failure
from server.pages import compact, href
from server.results import Formats
from server.settings import Settings
from server.sparql import MAX_ROWS_HEADER, TRUNCATED_HEADER
from server.workers import PoolBusy, QueryFailed, QueryTimeout, WorkerCrashed

blueprint = Blueprint("named_queries", __name__)

_JSON = "application/sparql-results+json"
#: ``format`` values and media types a named query answers in; the first is the default
FORMATS: dict[str, str] = {
    "json": _JSON,
    "html": "text/html",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}
_ACCEPTABLE = [_JSON, "text/html", "application/json", "text/csv",
               "text/tab-separated-values", "application/sparql-results+xml"]
#: input type of each parameter type in the form (the browser checks the value before sending)
INPUT_TYPES = {"iri": "url", "string": "text", "integer": "number", "date": "date"}


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Loaded once per process: the query files do not change while serving."""
    return load_queries()


def _find(name: str) -> NamedQuery:
    query = named_queries().get(name) if NAME.fullmatch(name) else None
    if query is None:
        raise ApiError(
            404, f"there is no named query {name!r}; the list of named queries is at /queries"
        )
    return query


def _describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [
            {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
            for p in query.params
        ],
        "url": f"/queries/{query.name}",
        "sparql": f"/queries/{query.name}.rq",
    }


@blueprint.route("/queries")
def index() -> Response:
    queries = list(named_queries().values())
    accept = request.accept_mimetypes
    if request.args.get("format") == "json" or (
        accept.best_match(["text/html", "application/json"]) == "application/json"
        and accept["application/json"] > accept["text/html"]
    ):
        return current_app.response_class(
            json.dumps({"queries": [_describe(q) for q in queries]}, ensure_ascii=False),
            mimetype="application/json",
        )
    return Response(render_template("queries/index.html", queries=queries), mimetype="text/html")


@blueprint.route("/queries/<name>")
def run(name: str) -> Response:
    if name.endswith(".rq"):
        query = _find(name[: -len(".rq")])
        return Response(query.path.read_bytes(), mimetype="text/plain")
    query = _find(name)
    settings: Settings = current_app.config["SETTINGS"]
    mimetype = _negotiate()
    values = {p.name: request.args.get(p.name, "") for p in query.params}
    try:
        bindings = query.bindings(values, base=settings.base)
    except BadParameter as err:
        raise ApiError(400, f"{err.message} (named query {query.name!r})") from None
    backend: Backend = current_app.extensions["backend"]
    answer_type = _JSON if mimetype == "text/html" else mimetype
    limit = settings.query_timeout
    try:
        answer = backend.answer(
            QueryRequest(query.text, Formats(answer_type, None), substitutions=bindings), limit
        )
    except (QueryTimeout, PoolBusy, WorkerCrashed, QueryFailed) as err:
        raise failure(err, limit) from None
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED_HEADER] = "true"
        headers[MAX_ROWS_HEADER] = str(settings.max_rows)
    if mimetype != "text/html":
        return Response(answer.body, mimetype=answer.mimetype, headers=headers)
    table = result_table(json.loads(answer.body), settings.base)
    shown = {name: term.value for name, term in bindings}
    page = render_template(
        "queries/run.html", query=query, table=table, values=shown,
        input_types=INPUT_TYPES, truncated=answer.truncated, max_rows=settings.max_rows,
    )
    return Response(page, mimetype="text/html", headers=headers)


def _negotiate() -> str:
    """The answer's media type from ``format`` (wins) or ``Accept``; 406 when none fits."""
    wanted = request.args.get("format")
    if wanted:
        mimetype = FORMATS.get(wanted.strip().lower())
        if mimetype is None:
            raise ApiError(406, f"unknown format {wanted!r}; use one of: {', '.join(FORMATS)}")
        return mimetype
    accept = request.accept_mimetypes
    if not accept:
        return _JSON
    best = accept.best_match(_ACCEPTABLE)
    if best is None:
        raise ApiError(406, "none of the accepted types can be produced; available: "
                       + ", ".join(FORMATS.values()))
    return _JSON if best == "application/json" else best


# -- the HTML table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One value as the table shows it: its text, a link when it is an IRI, a note on hover."""

    text: str
    href: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Cell | None]]


def result_table(results: dict[str, Any], base: str) -> Table:
    """SPARQL JSON results as table cells.

    A column ``?xLabel`` next to a column ``?x`` gives ``?x``'s text (the label) and is not
    shown on its own: the IRI stays the link target and the hover text.
    """
    variables: list[str] = results["head"]["vars"]
    labelled = {v for v in variables if f"{v}Label" in variables}
    columns = [v for v in variables if not (v.endswith("Label") and v[:-5] in labelled)]
    rows: list[list[Cell | None]] = []
    for binding in results["results"]["bindings"]:
        row: list[Cell | None] = []
        for column in columns:
            term = binding.get(column)
            label = binding.get(f"{column}Label") if column in labelled else None
            row.append(_cell(term, label, base))
        rows.append(row)
    return Table(columns, rows)


def _cell(term: dict[str, Any] | None, label: dict[str, Any] | None, base: str) -> Cell | None:
    if term is None:
        return Cell(label["value"]) if label else None
    value = str(term["value"])
    if term["type"] == "uri":
        text = label["value"] if label else compact(value, base)
        return Cell(text, href(value, base), value)
    if term["type"] == "literal":
        note = term.get("xml:lang") or compact(term.get("datatype", ""), base)
        return Cell(value, None, note)
    return Cell(value)
