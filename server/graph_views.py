"""The dependency graph view: ``/graph`` (the page) and ``/api/graph…`` (what it draws).

The page picks a root (a resolution, convention, action plan, organ or state) and draws the
chain that follows from it with Cytoscape.js; every number and label it shows comes from the
JSON routes here, so what the page draws can be fetched, tested and exported the same way.

Why the whole dependency graph is read: the chain a user asks about can cross any part of it
(an organ's mandates come from every resolution). It is read once per release through the
worker pool, under the same time limit as any SPARQL query, and kept (:func:`full_graph`).
The analytics (impact, orphans, centrality) are computed on it with networkx.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox
from flask import Blueprint, Response, current_app, has_request_context, render_template, request

from graph import dependencies as deps
from graph.namespaces import MG
from server.backends import Sparql, run_query
from server.errors import ApiError
from server.pages import derived_name, pick, reader_language, select, vocabulary_label
from server.settings import Settings

blueprint = Blueprint("graph_views", __name__)

MAX_DEPTH = 12
#: dependency graphs kept at once: the served release and a few pinned ones
_KEPT_GRAPHS = 3
EXPORTS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "json": ("application/json", "json"),
}


# -- reading the store ---------------------------------------------------------------------------


#: The longest the one reading of the whole dependency graph of a release may take.
GRAPH_READ_SECONDS = 120.0
#: the rows that reading may take: every edge of the whole shared corpus (12 M quads) fits
GRAPH_READ_ROWS = 5_000_000


def run_select(sparql: str, bindings: Mapping[str, str]) -> list[dict[str, str]]:
    """A SELECT's rows as plain strings, run by :func:`server.backends.run_query` under the
    query time limit: the runner the graph package's readings (:mod:`graph.dependencies`) take.

    ``bindings`` maps variables to IRIs; they are bound by the backend (a VALUES
    block of checked terms, :func:`server.backends.with_values`), never pasted into the query.
    """
    return select_with_head(sparql, bindings)[1]


def read_select(sparql: str, bindings: Mapping[str, str]) -> list[dict[str, str]]:
    """:func:`run_select` for the one reading of the whole graph per release: under
    :data:`GRAPH_READ_SECONDS` rather than a page's time limit (the default build's edges take
    about 10 s on two cores, a page's limit; the reading is kept, :func:`full_graph`)."""
    settings: Settings = current_app.config["SETTINGS"]
    return select_with_head(sparql, bindings, max(settings.query_timeout, GRAPH_READ_SECONDS),
                            max_rows=GRAPH_READ_ROWS)[1]


def select_with_head(
    sparql: str, bindings: Mapping[str, str], timeout: float | None = None,
    max_rows: int | None = None,
) -> tuple[list[str], list[dict[str, str]]]:
    """:func:`run_select` with the projected variables, in the query's order; ``max_rows``
    lifts the server's row cap for a reading that must be whole."""
    bound = tuple((k, ox.NamedNode(v)) for k, v in bindings.items())
    answer = run_query(Sparql(sparql), timeout=timeout, max_rows=max_rows, bound=bound)
    document = json.loads(answer.body)
    return document["head"]["vars"], [
        {name: term["value"] for name, term in binding.items()}
        for binding in document["results"]["bindings"]
    ]


def full_graph() -> nx.DiGraph:
    """The whole dependency graph of the served store (see the module docstring for why),
    read once per release and kept: on the whole UN corpus (12 M quads) reading it takes
    longer than a page may (about 25 s), while the views taken from it take milliseconds.

    Kept per release asked for (``release=<id>`` pins another one), dropped when an update
    changes the data (:func:`forget_graph`). Callers take subgraphs of it and never change it.
    """
    release = request.args.get("release", "") if has_request_context() else ""
    release = "" if release == "current" else release  # the served one, kept once
    cache: dict[str, nx.DiGraph] = current_app.extensions.setdefault("dependency_graphs", {})
    lock: threading.Lock = current_app.extensions.setdefault(
        "dependency_graphs_lock", threading.Lock())
    with lock:  # the first requests after a start wait for one reading, not each for its own
        if release not in cache:
            if len(cache) >= _KEPT_GRAPHS:
                cache.pop(next(iter(cache)))
            cache[release] = deps.load_graph(read_select)
        return cache[release]


def forget_graph() -> None:
    """Drop the kept dependency graphs (after an update changed the data)."""
    current_app.extensions.pop("dependency_graphs", None)


def base_iri() -> str:
    settings: Settings = current_app.config["SETTINGS"]
    return settings.base


def resolve_iri(value: str) -> str:
    """A node named as a full IRI, as an entity page path (``/id/organ/oas-csh``) or as a bare
    path under the data base (``organ/oas-csh``)."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return value
    if value.startswith("/id/"):
        value = value[len("/id/"):]
    return base_iri() + value.lstrip("/")


def entity_page(iri: str) -> str | None:
    """The entity page of a node of ours (``/id/…``); None for an IRI outside the data base."""
    base = base_iri()
    return "/id/" + iri[len(base):] if iri.startswith(base) else None


# -- parameters ----------------------------------------------------------------------------------


def view_options() -> deps.ViewOptions:
    """The filters of the query string; a bad value is a 400 that says the accepted ones."""
    args = request.args
    try:
        depth = int(args.get("depth") or 6)
    except ValueError:
        raise ApiError(400, "depth must be a whole number of steps, e.g. depth=4") from None
    if not 1 <= depth <= MAX_DEPTH:
        raise ApiError(400, f"depth must be between 1 and {MAX_DEPTH}")
    kinds = {k for value in args.getlist("kinds") for k in value.split(",") if k}
    unknown = kinds - set(deps.KINDS)
    if unknown:
        raise ApiError(
            400, f"unknown kind {', '.join(sorted(unknown))}; kinds are {', '.join(deps.KINDS)}"
        )
    dates = {}
    for name in ("from", "to"):
        value = (args.get(name) or "").strip()
        if value and not _iso_prefix(value):
            raise ApiError(400, f"{name} must be a date (2019-10-24), a month (2019-10) or a year")
        dates[name] = value
    organ = resolve_iri(args["organ"]) if args.get("organ") else ""
    return deps.ViewOptions(
        depth=depth, kinds=frozenset(kinds), date_from=dates["from"], date_to=dates["to"],
        organ=organ,
    )


def _iso_prefix(value: str) -> bool:
    parts = value.split("-")
    return (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(p.isdigit() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    )


def _root(g: nx.DiGraph) -> str:
    value = request.args.get("root", "")
    if not value:
        raise ApiError(400, "give a root: ?root=<IRI> or ?root=/id/resolution/oas-ag-res-2945")
    iri = resolve_iri(value)
    if iri not in g:
        raise ApiError(
            404, f"{iri} is not in the dependency graph: pick a resolution, convention, "
            "action plan, organ or state from /graph",
        )
    return iri


def _node_record(g: nx.DiGraph, iri: str) -> dict[str, Any]:
    data = g.nodes[iri]
    return {"id": iri, **deps.scalars(data), "page": entity_page(iri)}


# -- routes --------------------------------------------------------------------------------------


@blueprint.route("/graph")
def graph_page() -> tuple[str, int] | str:
    """The picker, and the drawing of the chosen root (drawn by static/js/graph.js)."""
    g = full_graph()
    roots = deps.roots(g)
    root_value = request.args.get("root", "")
    root = resolve_iri(root_value) if root_value else ""
    options = view_options()
    organs = sorted(
        ({"id": n, "label": d.get("label", n)} for n, d in g.nodes(data=True)
         if d.get("kind") == "organ" and g.in_degree(n) > 0),
        key=lambda o: o["label"].casefold(),
    )
    context: dict[str, Any] = {
        "roots": [{**r, "page": entity_page(r["id"])} for r in roots],
        "root": None,
        "options": options,
        "kinds": deps.KINDS,
        "organs": organs,
        "max_depth": MAX_DEPTH,
        "query": request.query_string.decode("ascii", "replace"),
        "missing": "",
    }
    if root and root in g:
        context["root"] = _node_record(g, root)
        return render_template("graph.html", **context)
    if root:
        context["missing"] = root
        return render_template("graph.html", **context), 404
    return render_template("graph.html", **context)


@blueprint.route("/api/graph")
def graph_json() -> Response:
    """The view of a root: nodes, edges, positions (large views), analytics."""
    g = full_graph()
    root = _root(g)
    sub = deps.view(g, root, view_options())
    payload = deps.to_json(sub)
    for node in payload["nodes"]:
        node["page"] = entity_page(node["id"])
    payload["root"] = _node_record(g, root)
    payload["analytics"] = deps.analytics(g, sub, root)
    return json_response(payload)


@blueprint.route("/api/graph/<fmt>")
def graph_export(fmt: str) -> Response:
    """The same view as a file: GraphML, GEXF or node-link JSON."""
    if fmt not in EXPORTS:
        raise ApiError(404, f"no export {fmt!r}: use one of {', '.join(EXPORTS)}")
    g = full_graph()
    root = _root(g)
    sub = deps.view(g, root, view_options())
    mimetype, extension = EXPORTS[fmt]
    if fmt == "graphml":
        body: bytes = deps.to_graphml(sub)
    elif fmt == "gexf":
        body = deps.to_gexf(sub)
    else:
        body = deps.to_node_link(sub).encode()
    name = (entity_page(root) or "graph").strip("/").replace("/", "-")
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@blueprint.route("/api/graph/roots")
def graph_roots() -> Response:
    """The nodes a view can start from; ``q`` filters by label, symbol or acronym."""
    g = full_graph()
    needle = (request.args.get("q") or "").casefold()
    found = [
        {**r, "page": entity_page(r["id"])}
        for r in deps.roots(g)
        if needle in r["label"].casefold() or needle in r["id"].casefold()
    ]
    return json_response({"roots": found})


def _requested_node() -> tuple[Any, str]:
    """The dependency graph and the node ``?iri=`` (or ``?node=``) names; 400/404 otherwise."""
    value = request.args.get("iri") or request.args.get("node") or ""
    if not value:
        raise ApiError(400, "give the node: ?iri=<IRI>")
    g = full_graph()
    iri = resolve_iri(value)
    if iri not in g:
        raise ApiError(404, f"{iri} is not in the dependency graph")
    return g, iri


@blueprint.route("/api/graph/node")
def graph_node() -> Response:
    """One node: its attributes, edges, impact, and the evidence quotes behind it."""
    g, iri = _requested_node()
    lang = reader_language()
    base = base_iri()
    rows = run_select(deps.load_query("node-evidence"), {"node": iri})
    titles = {source: _document_title(source, lang) for source in {r["source"] for r in rows}}
    evidence = [
        {
            "subject": row["subject"],
            "property": _local(row["property"]),
            "propertyLabel": vocabulary_label(row["property"], lang, base),
            "value": row["value"],
            "valueLabel": g.nodes[row["value"]].get("label") if row["value"] in g
            else _value_text(row["value"]),
            "source": row["source"],
            "sourceLabel": titles[row["source"]],
            "sourcePage": entity_page(row["source"]),
            "start": int(row["start"]),
            "end": int(row["end"]),
            "quote": row["exact"],
            "inferred": row["inferred"] == "true",
            "basis": row.get("basis"),
        }
        for row in rows
    ]
    impact = deps.descendants(g, iri)

    def edge(u: str, v: str, other: str) -> dict[str, Any]:
        return {
            "property": g.edges[u, v]["property"],
            "propertyLabel": vocabulary_label(MG + g.edges[u, v]["property"], lang, base),
            "inferred": g.edges[u, v]["inferred"],
            "node": other,
            "label": g.nodes[other].get("label", other),
            "name": _drawn_name(g, other, lang, base),
            "kind": g.nodes[other].get("kind"),
        }

    return json_response({
        "node": {**_node_record(g, iri), "name": _reader_name(g, iri, lang, base)},
        "out": [edge(iri, v, v) for v in sorted(g.successors(iri))],
        "in": [edge(u, iri, u) for u in sorted(g.predecessors(iri))],
        "descendants": len(impact),
        "ancestors": len(deps.ancestors(g, iri)),
        "evidence": evidence,
    })


def _document_title(source: str, lang: str) -> str:
    """An evidence's document by its title in ``lang`` (a resolution's for its language
    versions), else its identifier: the details panel names documents, it shows no IRI."""
    rows, _ = select("document-title", doc=ox.NamedNode(source))
    preferred = [r["label"] for r in rows if r["kind"].value == "resolution"]
    own = [r["label"] for r in rows if r["kind"].value == "own"]
    title = pick([t for t in preferred if isinstance(t, ox.Literal)], lang) or pick(
        [t for t in own if isinstance(t, ox.Literal)], lang)
    return title.value if title is not None else source.rstrip("/").rsplit("/", 1)[-1]


def _reader_name(g: nx.DiGraph, iri: str, lang: str, base: str) -> str:
    """The node's name for its details panel: its label in the reader's language, else a name
    derived from a node of the drawing whose IRI it extends ("S/RES/2722 (2024), paragraph 10")."""
    rows, _ = select("graph/node-labels", node=ox.NamedNode(iri))
    label = pick([r["label"] for r in rows if isinstance(r["label"], ox.Literal)], lang)
    return label.value if label is not None else _drawn_name(g, iri, lang, base)


def _drawn_name(g: nx.DiGraph, iri: str, lang: str, base: str) -> str:
    """A node's label in the drawing, unless it is only the last segment of its IRI ("10"):
    then a name from the labelled node of the drawing whose IRI it extends."""
    label = str(g.nodes[iri].get("label", "")) if iri in g else ""
    if label and label != iri.rstrip("/").rsplit("/", 1)[-1]:
        return label
    segments = iri.split("/")
    prefixes = ("/".join(segments[:cut]) for cut in range(len(segments) - 1, 3, -1))
    known = {n: [ox.Literal(str(g.nodes[n]["label"]))] for n in prefixes
             if n in g and g.nodes[n].get("label") not in (None, n.rsplit("/", 1)[-1])}
    return derived_name(iri, known, lang, base)


def _value_text(value: str) -> str:
    """A value the graph does not draw: a literal as it is, an IRI by its last segment."""
    return value.rstrip("/").rsplit("/", 1)[-1] if value.startswith(("http://", "https://")) \
        else value


@blueprint.route("/api/graph/impact")
def graph_impact() -> Response:
    """Everything that depends on a node (descendants) and everything it depends on."""
    g, iri = _requested_node()

    def listed(nodes: set[str]) -> list[dict[str, Any]]:
        return [_node_record(g, n) for n in sorted(nodes)]

    return json_response({
        "node": _node_record(g, iri),
        "descendants": listed(deps.descendants(g, iri)),
        "ancestors": listed(deps.ancestors(g, iri)),
    })


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def json_response(payload: Any) -> Response:
    """JSON with its text as written (no \\u escapes), for the page scripts and researchers."""
    return Response(json.dumps(payload, ensure_ascii=False), mimetype="application/json")
