"""The named queries as pages and data: ``/queries``, ``/queries/<name>``, ``/queries/<name>.rq``.

Researchers start from questions, not from SPARQL: each named query (``queries/*.rq``, see
:mod:`graph.queries`) is listed with what it answers and its parameters, runs with parameters
given in the query string, and answers as an HTML table (names shown, each IRI behind its
link, 50 rows a page: :mod:`server.paging`), as SPARQL JSON results or as CSV/TSV — by
``Accept`` or ``?format=`` — and gives its own text for use in any other SPARQL tool.

A parameter typed by a class takes a symbol, an acronym or a label as well as an IRI, and the
defaults come from the loaded graph (:mod:`graph.param_values`); ``/api/suggest`` offers the
names of the data to the form as one types.

A name is looked up in the loaded table only, never joined to a path, so no request can reach a
file outside ``queries/*.rq``. Parameter values become checked RDF terms bound through the
backend (:func:`server.backends.run_query`), never query text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from graph.param_values import DEFAULTS_DIR, ParamValues, Rows
from graph.queries import NAME, BadParameter, NamedQuery, Term, load_queries
from graph.store import QueryError
from server.backends import Sparql, run_query
from server.errors import ApiError
from server.pages import compact, derived_name, href, literal_text
from server.paging import page_of
from server.results import Formats
from server.settings import Settings
from server.sparql import MAX_ROWS_HEADER, TRUNCATED_HEADER

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
#: languages whose labels a page can show, for ``Accept-Language``
LANGUAGES = ("en", "fr", "es")


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
            | ({"class": p.resource_class} if p.resource_class else {})
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
    picked = {q.name for q in queries if (DEFAULTS_DIR / f"{q.name}.rq").is_file()}
    page = render_template("queries/index.html", queries=queries, picked=picked)
    return Response(page, mimetype="text/html")


@blueprint.route("/queries/<name>")
def run(name: str) -> Response:
    if name.endswith(".rq"):
        query = _find(name[: -len(".rq")])
        return Response(query.path.read_bytes(), mimetype="text/plain")
    query = _find(name)
    settings: Settings = current_app.config["SETTINGS"]
    mimetype = _negotiate()
    values = {p.name: request.args.get(p.name, "") for p in query.params}
    answer_type = _JSON if mimetype == "text/html" else mimetype
    try:
        bindings = param_values().bindings(query, values, base=settings.base)
    except BadParameter as err:
        raise ApiError(400, f"{err.message} (named query {query.name!r})") from None
    answer = run_query(Sparql(query.text), formats=Formats(answer_type, None), bound=bindings)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED_HEADER] = "true"
        headers[MAX_ROWS_HEADER] = str(settings.max_rows)
    if mimetype != "text/html":
        return Response(answer.body, mimetype=answer.mimetype, headers=headers)
    results = json.loads(answer.body)
    every_row = results["results"]["bindings"]
    paging, shown_rows = page_of(every_row, lang=_languages()[0])
    results["results"]["bindings"] = shown_rows
    try:
        bound_iris = {t.value for _n, t in bindings if isinstance(t, ox.NamedNode)}
        labels = param_values().labels(_iris(shown_rows) | bound_iris, _languages())
    except QueryError:
        labels = {}  # the table still reads, with names derived from the IRIs
    table = result_table(results, settings.base, labels, paging.lang)
    shown = {name: term.value for name, term in bindings}
    value_links = {name: href(term.value, settings.base) for name, term in bindings
                   if isinstance(term, ox.NamedNode)}
    given = query.given(values)
    page_html = render_template(
        "queries/run.html", query=query, table=table, values=shown, given=given,
        labels=labels, value_links=value_links, input_types=INPUT_TYPES, truncated=answer.truncated,
        max_rows=settings.max_rows, paging=paging,
    )
    return Response(page_html, mimetype="text/html", headers=headers)


@blueprint.route("/api/suggest")
def suggest() -> Response:
    """Names of the data for a parameter typed by a class, closest to ``q`` first:
    ``/api/suggest?query=mandates-of-resolution&param=resolution&q=S/RES/27``."""
    query = _find(request.args.get("query", ""))
    wanted = request.args.get("param", "")
    param = next((p for p in query.params if p.name == wanted), None)
    if param is None or not param.resource_class:
        raise ApiError(400, f"named query {query.name!r} has no parameter {wanted!r} that takes "
                       "a resource; its parameters are: "
                       + ", ".join(p.name for p in query.params if p.resource_class))
    found = param_values().suggest(param.resource_class, request.args.get("q", "")[:200])
    body = {"suggestions": [{"value": s.label, "iri": s.iri} for s in found]}
    return current_app.response_class(json.dumps(body, ensure_ascii=False),
                                      mimetype="application/json")


def param_values() -> ParamValues:
    """The app's name resolver, reading the app's store (kept: the store does not change)."""
    found = current_app.extensions.get("param_values")
    if found is None:

        def run(sparql: str, rows: Any) -> Rows:
            bound: tuple[tuple[str, Term], ...] = ()
            value_rows = None
            if len(rows) == 1:
                bound = tuple(rows[0])
            elif rows:
                value_rows = ([n for n, _t in rows[0]], [[t for _n, t in row] for row in rows])
            answer = run_query(Sparql(sparql), rows=value_rows, bound=bound)
            data = json.loads(answer.body)
            return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

        found = current_app.extensions["param_values"] = ParamValues(run)
    return found


def _iris(rows: list[dict[str, Any]]) -> set[str]:
    return {t["value"] for row in rows for t in row.values() if t.get("type") == "uri"}


def _languages() -> tuple[str, ...]:
    """The reader's languages among those the data has labels in, best first, then English."""
    best = [lang for lang, _q in request.accept_languages
            if lang.split("-")[0].lower() in LANGUAGES]
    order = [b.split("-")[0].lower() for b in best] + ["en", "fr", "es"]
    return tuple(dict.fromkeys(order))


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


def result_table(
    results: dict[str, Any], base: str, labels: dict[str, str] | None = None, lang: str = "en"
) -> Table:
    """SPARQL JSON results as table cells.

    A column ``?xLabel`` next to a column ``?x`` gives ``?x``'s text (the label) and is not
    shown on its own: the IRI stays the link target and the hover text. Other IRIs show the
    name ``labels`` gives them (read from the graph for the page's rows), else a name derived
    from the IRI; dates and numbers are written for ``lang``.
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
            row.append(_cell(term, label, base, labels or {}, lang))
        rows.append(row)
    return Table(columns, rows)


def _cell(
    term: dict[str, Any] | None, label: dict[str, Any] | None, base: str, labels: dict[str, str],
    lang: str = "en",
) -> Cell | None:
    if term is None:
        return Cell(label["value"]) if label else None
    value = str(term["value"])
    if term["type"] == "uri":
        text = label["value"] if label else labels.get(value) or derived_name(
            value, {iri: [ox.Literal(name)] for iri, name in labels.items()}, "en", base)
        return Cell(text, href(value, base), value)
    if term["type"] == "literal":
        note = term.get("xml:lang") or compact(term.get("datatype", ""), base)
        datatype = term.get("datatype")
        if datatype and not term.get("xml:lang"):
            shown = literal_text(ox.Literal(value, datatype=ox.NamedNode(datatype)), lang)
            return Cell(shown, None, value if shown != value else note)
        return Cell(value, None, note)
    return Cell(value)
