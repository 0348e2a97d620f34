"""The dependency graph: what follows from a resolution, down to the activities that carry it out.

The RDF graph states facts in whichever direction the ontology names them ("this meeting
addresses that mandate", "this plan implements that resolution"). To answer "what depends on
paragraph 52?" every edge here runs one way instead: from what is decided to what follows from
it. So

* resolution → provision → mandate → organ (``mg:assignedTo``),
* mandate → activity (an activity ``mg:addresses`` the mandate) → activity it ``mg:prepares``,
* cited resolution → citing resolution (``mg:reaffirms``, ``mg:recalls``, ``mg:cites``),
* resolution → action plan implementing it → axis → activity (``mg:underAxis``),
* convention → article (``mg:hasProvision``) and convention → body monitoring it,
* activity → organ responsible or organizing, activity → state hosting it,
* resolution → reporting obligation (``mg:obligationSource``) → organ it is due for.

Descendants of a node are then its impact, ancestors its grounds. Each edge keeps the property
as the ontology states it (``property``), whether it was turned round to fit (``inverse``) and
whether the text states it or extraction inferred it (``inferred``, ``evidence``).

The module knows no store: :func:`load_graph` takes a function that runs a query and returns
plain rows, so the server can run the queries in its worker processes and a script on a store it
opened itself.
"""

from __future__ import annotations

import io
import json
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.config import PROJECT_ROOT
from graph.namespaces import MG, ORGAN_CLASSES, PREFIXES
from graph.queries import query_text

QUERY_DIR = PROJECT_ROOT / "server" / "queries" / "graph"

#: a query runner: (SPARQL text, {variable: IRI}) → rows of plain values
Runner = Callable[[str, Mapping[str, str]], list[dict[str, str]]]


#: property IRI → (property shown on the edge, True when the edge runs against the statement)
ORIENTATION: dict[str, tuple[str, bool]] = {
    MG + "hasProvision": ("hasProvision", False),
    MG + "provisionOf": ("hasProvision", True),
    MG + "establishes": ("establishes", False),
    MG + "establishedBy": ("establishes", True),
    MG + "assignedTo": ("assignedTo", False),
    MG + "addresses": ("addresses", True),
    MG + "prepares": ("prepares", False),
    MG + "reaffirms": ("reaffirms", True),
    MG + "recalls": ("recalls", True),
    MG + "cites": ("cites", True),
    MG + "implements": ("implements", True),
    MG + "hasAxis": ("hasAxis", False),
    MG + "axisOf": ("hasAxis", True),
    MG + "underAxis": ("underAxis", True),
    MG + "responsible": ("responsible", False),
    MG + "organizedBy": ("organizedBy", False),
    MG + "hostedBy": ("hostedBy", False),
    MG + "monitors": ("monitors", True),
    MG + "obligationSource": ("obligationSource", True),
    MG + "dueFor": ("dueFor", False),
}

#: node kinds, in the order a kind is chosen when a node has several types
KIND_OF_TYPE: list[tuple[str, str]] = [
    (MG + "ActionPlan", "actionplan"),
    (MG + "Resolution", "resolution"),
    (MG + "Convention", "convention"),
    (MG + "PriorityAxis", "axis"),
    (MG + "Provision", "provision"),
    (MG + "Mandate", "mandate"),
    (MG + "ReportingObligation", "obligation"),
    (MG + "Activity", "activity"),
    (MG + "State", "state"),
    (MG + "Organ", "organ"),
    (PREFIXES["org"] + "Organization", "organ"),
    (PREFIXES["foaf"] + "Document", "document"),
]
#: first IRI path segment → kind, when the types say nothing the graph knows
KIND_OF_PATH = {
    "resolution": "resolution", "convention": "convention", "organ": "organ", "state": "state",
    "activity": "activity", "obligation": "obligation", "document": "document",
    "source": "actionplan",
}
KINDS = (
    "resolution", "convention", "document", "actionplan", "axis", "provision", "mandate",
    "obligation", "activity", "organ", "state",
)
#: kinds a view can start from (the /graph picker lists them)
ROOT_KINDS = ("resolution", "convention", "actionplan", "organ", "state")
SHORT_LABEL = 42


class UnknownNode(KeyError):
    """The IRI asked for is not a node of the dependency graph."""


def load_query(name: str) -> str:
    """The text of ``server/queries/graph/<name>.rq``."""
    return query_text(name, QUERY_DIR)


# -- building ------------------------------------------------------------------------------------


def load_graph(run: Runner) -> nx.DiGraph:
    """The whole dependency graph of the store that ``run`` queries."""
    return build_graph(
        run(load_query("edges"), {}),
        run(load_query("attributes"), {}),
        run(load_query("evidence-counts"), {}),
    )


def build_graph(
    edge_rows: Iterable[Mapping[str, str]],
    attribute_rows: Iterable[Mapping[str, str]],
    evidence_rows: Iterable[Mapping[str, str]] = (),
) -> nx.DiGraph:
    """Rows of the three graph queries → the oriented DiGraph with node and edge attributes.

    A statement and its inverse (``hasProvision``/``provisionOf``) give one edge; its evidence
    counts are added up, so the edge is explicit when either is.
    """
    g = nx.DiGraph()
    for row in edge_rows:
        prop, inverse = ORIENTATION[row["p"]]
        src, dst = (row["o"], row["s"]) if inverse else (row["s"], row["o"])
        evidence = int(row.get("evidence") or 0)
        explicit = int(row.get("explicit") or 0)
        if g.has_edge(src, dst) and g.edges[src, dst]["property"] == prop:
            data = g.edges[src, dst]
            data["evidence"] += evidence
            data["explicit"] += explicit
        else:
            g.add_edge(src, dst, property=prop, inverse=inverse, evidence=evidence,
                       explicit=explicit)
    for _u, _v, data in g.edges(data=True):
        # inferred: evidence exists and none of it is explicit; no evidence at all means the
        # statement follows from an identity (an axis of its plan) and is shown as stated
        data["inferred"] = data["evidence"] > 0 and data["explicit"] == 0
    facts: dict[str, dict[str, set[tuple[str, str]]]] = {}
    for row in attribute_rows:
        attr = row["attr"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        facts.setdefault(row["node"], {}).setdefault(attr, set()).add(
            (row["value"], row.get("lang") or "")
        )
    for node, attrs in facts.items():
        g.add_node(node)  # a resolution without provisions is a node too: it can be a root
        g.nodes[node].update(
            _node_attributes(node, {k: sorted(v) for k, v in attrs.items()})
        )
    for node in g.nodes:
        if "kind" not in g.nodes[node]:
            g.nodes[node].update(_node_attributes(node, {}))
        g.nodes[node]["evidence"] = 0
    for row in evidence_rows:
        if row["node"] in g:
            g.nodes[row["node"]]["evidence"] = int(row["evidence"])
    return g


def _node_attributes(iri: str, attrs: Mapping[str, list[tuple[str, str]]]) -> dict[str, Any]:
    types = {value for value, _lang in attrs.get("type", [])}
    kind = _kind(iri, types)
    label = _label(kind, attrs) or iri.rstrip("/").rsplit("/", 1)[-1]
    out: dict[str, Any] = {
        "kind": kind,
        "label": label,
        "short": label if len(label) <= SHORT_LABEL else label[: SHORT_LABEL - 1] + "…",
    }
    specific = sorted(
        t.rsplit("#", 1)[-1] for t in types if t.startswith(MG) and t != MG + "Activity"
    )
    if kind == "activity" and specific:
        out["type"] = specific[0]
    if kind == "organ":
        out["type"] = next((t.rsplit("#", 1)[-1] for t in sorted(types) if t in ORGAN_CLASSES), "")
    for attr, key in (
        ("startDate", "start"), ("endDate", "end"), ("adoptionDate", "start"),
        ("dueMonthDay", "monthDay"), ("sessionYear", "year"),
    ):
        values = sorted(value for value, _lang in attrs.get(attr, []))
        if values and key not in out:
            out[key] = values[0] if key != "end" else values[-1]
    if any(value == "true" for value, _lang in attrs.get("dateInferred", [])):
        out["dateInferred"] = True
    return out


def _kind(iri: str, types: set[str]) -> str:
    for type_iri, kind in KIND_OF_TYPE:
        if type_iri in types:
            return kind
    if types & ORGAN_CLASSES:
        return "organ"
    path = iri.split("/id/", 1)[-1]
    if "/paragraph/" in path or "/article/" in path or "/action/" in path:
        return "mandate" if path.endswith("/mandate") else "provision"
    if "/axis/" in path:
        return "axis"
    return KIND_OF_PATH.get(path.split("/", 1)[0], "other")


def _pick(values: list[tuple[str, str]], langs: tuple[str, ...] = ("en", "fr", "")) -> str | None:
    for lang in langs:
        for value, value_lang in sorted(values):
            if value_lang == lang:
                return value
    return sorted(values)[0][0] if values else None


def _label(kind: str, attrs: Mapping[str, list[tuple[str, str]]]) -> str | None:
    """The label a researcher recognises: the symbol of a resolution, an organ's acronym."""
    if kind == "resolution" and attrs.get("symbol"):
        return _pick(attrs["symbol"])
    if kind == "organ" and attrs.get("acronym"):
        acronym = _pick(attrs["acronym"])
        name = _pick(attrs.get("prefLabel", []))
        return f"{acronym} — {name}" if name and name != acronym else acronym
    if kind == "actionplan" and attrs.get("title"):
        return _pick(attrs["title"])
    for attr in ("prefLabel", "label", "title", "symbol"):
        if attrs.get(attr):
            return _pick(attrs[attr])
    return None


# -- views ---------------------------------------------------------------------------------------


@dataclass
class ViewOptions:
    """What the user chose: how far from the root, which kinds, dates and organ."""

    depth: int = 6
    kinds: frozenset[str] = field(default_factory=frozenset)  # empty: every kind
    date_from: str = ""  # ISO date or year prefix; empty: no bound
    date_to: str = ""
    organ: str = ""  # organ IRI; empty: every organ
    #: a view is cut beyond this (nearest nodes kept); the page draws a budget of it at a time
    max_nodes: int = 5000


def _reach(g: nx.DiGraph, start: str, depth: int, forward: bool) -> dict[str, int]:
    """Nodes within ``depth`` edges of ``start`` following (or against) edge direction."""
    seen = {start: 0}
    queue = deque([start])
    # an undirected view (a cut by distance either way) has neighbours, not successors
    step = g.neighbors if not g.is_directed() else g.successors if forward else g.predecessors
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for nxt in step(node):
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return seen


def neighbourhood(g: nx.DiGraph, root: str, depth: int) -> set[str]:
    """The nodes of a root's picture: its descendants and ancestors within ``depth``.

    An organ is where mandates end, so its picture would show only where its mandates come
    from; the activities that carry them out are added (descendants of its mandates).
    """
    if root not in g:
        raise UnknownNode(root)
    keep = set(_reach(g, root, depth, True)) | set(_reach(g, root, depth, False))
    if g.nodes[root].get("kind") == "organ":
        for node in list(keep):
            if g.nodes[node].get("kind") == "mandate":
                keep |= set(_reach(g, node, 2, True))
    return keep


def _in_range(data: Mapping[str, Any], date_from: str, date_to: str) -> bool:
    when = str(data.get("start") or data.get("end") or data.get("year") or "")
    if not when:
        return True  # undated nodes are never hidden by a date filter
    if date_from and when[: len(date_from)] < date_from[: len(when)]:
        return False
    return not (date_to and when[: len(date_to)] > date_to[: len(when)])


def view(g: nx.DiGraph, root: str, options: ViewOptions | None = None) -> nx.DiGraph:
    """The subgraph drawn for ``root`` with the user's filters applied.

    Filters keep the picture connected: a node a filter removes is bridged (its predecessors
    are linked to its successors by a ``via`` edge) when its kind is hidden, and anything no
    longer connected to the root is dropped when a date or organ filter cuts it off.
    """
    options = options or ViewOptions()
    nodes = neighbourhood(g, root, options.depth)
    sub = induced(g, nodes)
    if options.organ:
        for node in list(sub.nodes):
            kind = sub.nodes[node].get("kind")
            if node == root:
                continue
            if kind == "organ" and node != options.organ:
                sub.remove_node(node)
            elif kind == "mandate" and not g.has_edge(node, options.organ):
                sub.remove_node(node)
    if options.date_from or options.date_to:
        for node in list(sub.nodes):
            if node != root and not _in_range(sub.nodes[node], options.date_from, options.date_to):
                sub.remove_node(node)
    sub = _connected_to(sub, root)
    if options.kinds:
        sub = contract(sub, {n for n in sub if n == root or sub.nodes[n]["kind"] in options.kinds})
    if sub.number_of_nodes() > options.max_nodes:
        near = _reach(sub.to_undirected(as_view=True), root, options.depth, True)
        order = sorted(near, key=lambda n: (near[n], n))[: options.max_nodes]
        sub = induced(sub, set(order))
        sub.graph["truncated"] = True
    sub.graph["root"] = root
    return sub


def induced(g: nx.DiGraph, nodes: set[str]) -> nx.DiGraph:
    """The subgraph of ``g`` on ``nodes``, its attributes copied (``g`` is never changed).

    Why not ``nx.DiGraph(g.subgraph(nodes))``: copying through the subgraph view filters every
    adjacency lookup, which took most of the time of a 2,000-node view (0.4 s of 0.6 s)."""
    sub = nx.DiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in nodes)
    sub.add_edges_from(
        (u, v, data) for u in nodes for v, data in g.succ[u].items() if v in nodes
    )
    return sub


def _connected_to(sub: nx.DiGraph, root: str) -> nx.DiGraph:
    if root not in sub:
        return sub
    component = nx.node_connected_component(sub.to_undirected(as_view=True), root)
    return sub if len(component) == sub.number_of_nodes() else induced(sub, component)


def contract(sub: nx.DiGraph, keep: set[str]) -> nx.DiGraph:
    """Keep only ``keep``; a path through hidden nodes becomes one ``via`` edge."""
    out = nx.DiGraph()
    out.add_nodes_from((n, sub.nodes[n]) for n in keep)
    for node in keep:
        for nxt in sub.successors(node):
            if nxt in keep:
                out.add_edge(node, nxt, **sub.edges[node, nxt])
                continue
            # walk through hidden nodes to the first kept ones
            seen = {nxt}
            stack = [nxt]
            while stack:
                hidden = stack.pop()
                for after in sub.successors(hidden):
                    if after in keep:
                        if after != node and not out.has_edge(node, after):
                            out.add_edge(node, after, property="via", inverse=False,
                                         inferred=False, evidence=0, explicit=0)
                    elif after not in seen:
                        seen.add(after)
                        stack.append(after)
    return out


# -- analytics -----------------------------------------------------------------------------------


def descendants(g: nx.DiGraph, node: str) -> set[str]:
    """Everything that depends on ``node``: its impact."""
    if node not in g:
        raise UnknownNode(node)
    return set(nx.descendants(g, node))


def ancestors(g: nx.DiGraph, node: str) -> set[str]:
    """Everything ``node`` depends on: its grounds."""
    if node not in g:
        raise UnknownNode(node)
    return set(nx.ancestors(g, node))


def orphan_mandates(g: nx.DiGraph, among: Iterable[str] | None = None) -> list[str]:
    """Mandates no activity addresses (no ``addresses`` edge out of them), sorted.

    ``among`` restricts the answer to some nodes (a view's) while the test is made on ``g``,
    the whole graph, so that a filter cannot make a mandate look unimplemented.
    """
    nodes = g.nodes if among is None else [n for n in among if n in g]
    return sorted(
        n for n in nodes
        if g.nodes[n].get("kind") == "mandate"
        and not any(g.edges[n, m]["property"] == "addresses" for m in g.successors(n))
    )


def cycles(g: nx.DiGraph, limit: int = 20) -> list[list[str]]:
    """Up to ``limit`` simple cycles (a dependency chain should have none; each is a finding)."""
    found: list[list[str]] = []
    for cycle in nx.simple_cycles(g):
        found.append(cycle)
        if len(found) >= limit:
            break
    return found


def centrality(g: nx.DiGraph, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """The most connected (degree) and most bridging (betweenness) nodes, ``top`` of each."""
    if g.number_of_nodes() == 0:
        return {"degree": [], "betweenness": []}
    degree = nx.degree_centrality(g)
    # exact below 500 nodes, sampled above: betweenness is cubic and this runs per request;
    # the samples shrink as the view grows (50 at 2,000 nodes, about 0.1 s), so that a large
    # view's answer stays well under a second (bench/graph_view.py)
    n = g.number_of_nodes()
    k = None if n <= 500 else max(50, 100_000 // n)
    between = nx.betweenness_centrality(g, k=k, seed=0)

    def ranked(scores: Mapping[str, float]) -> list[dict[str, Any]]:
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [
            {"id": n, "label": g.nodes[n].get("label", n), "kind": g.nodes[n].get("kind"),
             "score": round(score, 4)}
            for n, score in best
        ]

    return {"degree": ranked(degree), "betweenness": ranked(between)}


def analytics(full: nx.DiGraph, sub: nx.DiGraph, root: str, top: int = 10) -> dict[str, Any]:
    """The numbers the analytics panel shows for a view."""
    impact = descendants(full, root) if root in full else set()
    orphans = orphan_mandates(full, sub.nodes)
    kinds: dict[str, int] = {}
    for _n, data in sub.nodes(data=True):
        kinds[data.get("kind", "other")] = kinds.get(data.get("kind", "other"), 0) + 1
    return {
        "nodes": sub.number_of_nodes(),
        "edges": sub.number_of_edges(),
        "kinds": dict(sorted(kinds.items())),
        "descendants": len(impact),
        "ancestors": len(ancestors(full, root)) if root in full else 0,
        "orphanMandates": [
            {"id": n, "label": full.nodes[n].get("label", n)} for n in orphans
        ],
        "cycles": cycles(sub),
        "centrality": centrality(sub, top),
    }


# -- layout --------------------------------------------------------------------------------------


def layered_layout(
    g: nx.DiGraph, x_gap: float = 180.0, y_gap: float = 120.0
) -> dict[str, tuple[float, float]]:
    """A layered (Sugiyama-like) layout: layer = longest path from a source, order by barycentre.

    Why here: a browser's DAG layout on thousands of nodes takes seconds and freezes the page;
    this takes milliseconds in Python, and the page then only places the nodes. Cycles are
    broken by laying out the condensation (each strongly connected group on one layer).
    """
    if g.number_of_nodes() == 0:
        return {}
    cond = nx.condensation(g)
    layer_of_component: dict[int, int] = {}
    for comp in nx.topological_sort(cond):
        preds = list(cond.predecessors(comp))
        layer_of_component[comp] = 1 + max((layer_of_component[p] for p in preds), default=-1)
    mapping = cond.graph["mapping"]
    layers: dict[int, list[str]] = {}
    for node in sorted(g.nodes):
        layers.setdefault(layer_of_component[mapping[node]], []).append(node)
    order: dict[str, float] = {}
    for depth in sorted(layers):
        row = layers[depth]
        if depth > 0:
            # barycentre of the predecessors' positions: keeps a chain's children under it
            row.sort(key=lambda n: (
                sum(order[p] for p in g.predecessors(n) if p in order)
                / max(1, sum(1 for p in g.predecessors(n) if p in order)),
                n,
            ))
        for index, node in enumerate(row):
            order[node] = float(index)
    positions: dict[str, tuple[float, float]] = {}
    for depth, row in layers.items():
        offset = (len(row) - 1) / 2
        for index, node in enumerate(row):
            positions[node] = ((index - offset) * x_gap, depth * y_gap)
    return positions


# -- output --------------------------------------------------------------------------------------


def to_json(sub: nx.DiGraph, *, with_layout: bool = False) -> dict[str, Any]:
    """The view as the page draws it: flat node and edge records, positions when laid out here.

    The page lays out only the nodes it draws (a budget of them, static/js/graph-expand.js),
    so positions of the whole view are computed only when asked (``with_layout``)."""
    nodes = [{"id": n, **scalars(data)} for n, data in sorted(sub.nodes(data=True))]
    edges = [
        {"id": f"{u} {data['property']} {v}", "source": u, "target": v, **scalars(data)}
        for u, v, data in sorted(sub.edges(data=True))
    ]
    layout = None
    if with_layout:
        layout = {n: {"x": x, "y": y} for n, (x, y) in layered_layout(sub).items()}
    return {
        "root": sub.graph.get("root"),
        "nodes": nodes,
        "edges": edges,
        "positions": layout,
        "truncated": bool(sub.graph.get("truncated")),
    }


def scalars(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    """Attributes GraphML and GEXF can hold: no None, no lists."""
    return {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}


def _exportable(sub: nx.DiGraph) -> nx.DiGraph:
    out = nx.DiGraph()
    for n, data in sub.nodes(data=True):
        out.add_node(n, **scalars(data))
    for u, v, data in sub.edges(data=True):
        out.add_edge(u, v, **scalars(data))
    return out


def to_graphml(sub: nx.DiGraph) -> bytes:
    """GraphML (yEd, Gephi, Cytoscape desktop); node ids are the IRIs."""
    buffer = io.BytesIO()
    nx.write_graphml(_exportable(sub), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(sub: nx.DiGraph) -> bytes:
    """GEXF 1.2 (Gephi); node ids are the IRIs, ``label`` the shown label."""
    out = _exportable(sub)
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, encoding="utf-8")
    return buffer.getvalue()


def to_node_link(sub: nx.DiGraph) -> str:
    """networkx node-link JSON (``nodes``/``edges``), readable back with ``node_link_graph``."""
    data = nx.node_link_data(_exportable(sub), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1)


def roots(g: nx.DiGraph) -> list[dict[str, Any]]:
    """The nodes a view can start from, each with its kind, label and how much depends on it."""
    found = []
    for n, data in g.nodes(data=True):
        if data.get("kind") in ROOT_KINDS:
            found.append({
                "id": n, "kind": data["kind"], "label": data.get("label", n),
                "degree": g.degree(n),
            })
    kind_rank = {k: i for i, k in enumerate(ROOT_KINDS)}
    found.sort(key=lambda r: (kind_rank[r["kind"]], r["degree"] == 0, r["label"].casefold()))
    return found


def store_runner(store_path: Path) -> Runner:
    """A runner on a store opened read-only here (scripts and tests; never in a request)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))

    def run(sparql: str, bindings: Mapping[str, str]) -> list[dict[str, str]]:
        subs = {ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()}
        result = store.query(sparql, substitutions=subs or None)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [
            {name: term.value for name in names if (term := row[name]) is not None}
            for row in result
        ]

    return run
