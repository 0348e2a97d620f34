"""The fast path: the same results as plain pyshacl, in a fraction of the time.

Two ideas, each exact:

* SHACL Core constraints run in pyshacl over an rdflib graph that holds only the triples whose
  predicate the shapes graph mentions (plus rdf:type and rdfs:subClassOf, which targets and
  sh:class need). A Core constraint only follows the predicates of its paths, so the other
  triples (most of the graph: labels, quotes, provenance) cannot change a result. When a shape
  is sh:closed, or a SPARQL constraint stays with pyshacl, the whole graph is used instead.
* SHACL-SPARQL constraints of node shapes run in pyoxigraph, once per focus node with ``$this``
  pre-bound (pyoxigraph's ``substitutions``), as SHACL-SPARQL §5.3.1 prescribes. Focus nodes
  come from the shape's targets (sh:targetClass with rdfs:subClassOf, sh:targetNode,
  sh:targetSubjectsOf, sh:targetObjectsOf). A SPARQL constraint this module cannot run the same
  way (on a property shape, with other targets, using $PATH, $shapesGraph or $currentShape) is
  left in the shapes graph for pyshacl.

Results are built the way pyshacl builds them: focus node from ``?this`` if selected, else the
focus node; value from ``?value``, else (node shapes) the focus node; path from ``?path``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pyshacl
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespaces import RDF_TYPE, RDFS_SUBCLASS
from graph.store.interface import PatternStore
from graph.validate.core import Evaluator, OxTerm, supported_pairs
from graph.validate.data import DataSet, to_oxigraph, to_rdflib
from graph.validate.results import SH, Result, from_pyshacl
from graph.validate.shapes import CONSTRAINT_KEYS, ShapeSet

_UNSUPPORTED_VARIABLE = re.compile(r"[$?](PATH|shapesGraph|currentShape)\b")
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}


def validate_fast(data: DataSet, shapes: ShapeSet) -> list[Result]:
    """Validate with our Core evaluator and pyoxigraph, and pyshacl for whatever is left."""
    graph = shapes.graph
    handled = [(s, c) for s, c in graph.subject_objects(SH.sparql) if _handled(shapes, s, c)]
    pairs = supported_pairs(shapes, lambda shape: _simple_targets(graph, shape))
    skip_sparql = set(handled)
    skip_property = {(p.node_shape, p.property_shape) for p in pairs}
    rest = Graph()
    for triple in graph:
        if triple[1] == SH.sparql and (triple[0], triple[2]) in skip_sparql:
            continue
        if triple[1] == SH.property and (triple[0], triple[2]) in skip_property:
            continue
        rest.add(triple)
    results = _core(data, shapes, rest) if _needs_pyshacl(rest) else []
    evaluator = Evaluator(data, shapes)
    focus_cache: dict[Node, list[OxTerm]] = {}
    for pair in pairs:
        if pair.node_shape not in focus_cache:
            nodes = _focus_nodes(data.store, graph, pair.node_shape)
            focus_cache[pair.node_shape] = sorted(nodes, key=str)
        results.extend(evaluator.evaluate(pair, focus_cache[pair.node_shape]))
    for shape, constraint in sorted(handled, key=str):
        results.extend(_sparql(data, shapes, shape, constraint))
    return results


def _simple_targets(graph: Graph, shape: Node) -> bool:
    """True when the shape's focus nodes come only from targets ``_focus_nodes`` knows."""
    predicates = set(graph.predicates(shape))
    if not predicates & _TARGETS or SH.target in predicates:
        return False
    return (shape, RDF.type, RDFS.Class) not in graph and (shape, RDF.type, OWL.Class) not in graph


def _needs_pyshacl(rest: Graph) -> bool:
    """Whether any targeted shape still has something for pyshacl to check."""
    for shape in set(rest.subjects()):
        predicates = set(rest.predicates(shape))
        targeted = bool(predicates & (_TARGETS | {SH.target})) or (
            (shape, RDF.type, RDFS.Class) in rest or (shape, RDF.type, OWL.Class) in rest
        )
        if targeted and rest.value(shape, SH.deactivated) != Literal(True):
            if predicates & (CONSTRAINT_KEYS | {SH.property}):
                return True
    return False


def _handled(shapes: ShapeSet, shape: Node, constraint: Node) -> bool:
    graph = shapes.graph
    if graph.value(shape, SH.path) is not None:
        return False
    if graph.value(shape, SH.deactivated) == Literal(True):
        return False
    if not _simple_targets(graph, shape):
        return False
    select = graph.value(constraint, SH.select)
    return select is not None and not _UNSUPPORTED_VARIABLE.search(str(select))


def _core(data: DataSet, shapes: ShapeSet, core: Graph) -> list[Result]:
    needs_all = (None, SH.closed, Literal(True)) in core or any(
        core.triples((None, SH.select, None))
    )
    if needs_all:
        graph = data.rdflib_graph()
    else:
        mentioned = {str(t) for triple in core for t in triple if isinstance(t, URIRef)}
        graph = data.rdflib_graph(mentioned | {RDF_TYPE, RDFS_SUBCLASS})
    _, report_graph, _ = pyshacl.validate(
        graph, shacl_graph=core, inference="none", inplace=True, allow_infos=True
    )
    return from_pyshacl(report_graph, shapes.path_text)


def _sparql(data: DataSet, shapes: ShapeSet, shape: Node, constraint: Node) -> list[Result]:
    graph = shapes.graph
    if graph.value(constraint, SH.deactivated) == Literal(True):
        return []
    query = _prefixes(graph, constraint) + str(graph.value(constraint, SH.select))
    severity = shapes.severity(shape)
    this = ox.Variable("this")
    results: list[Result] = []
    focus_nodes = sorted(_focus_nodes(data.store, graph, shape), key=str)
    batched = _batched(data.store, query, focus_nodes, any_size=data.in_memory)
    for focus in focus_nodes:
        seen: set[tuple[object, ...]] = set()
        if batched is not None:
            names, rows = batched[0], batched[1].get(focus, [])
        else:
            solutions = data.store.query(query, substitutions={this: focus})
            assert isinstance(solutions, ox.QuerySolutions)
            names = [v.value for v in solutions.variables]
            rows = list(solutions)
        for solution in rows:
            row = {name: solution[name] for name in names if solution[name] is not None}
            key = tuple(sorted((k, str(v)) for k, v in row.items()))
            if key in seen:
                continue
            seen.add(key)
            focus_node = to_rdflib(row.get("this", focus))
            value = to_rdflib(row["value"]) if "value" in row else to_rdflib(focus)
            path = to_rdflib(row["path"]) if "path" in row else None
            results.append(
                Result(
                    focus=focus_node,
                    shape=shape,
                    severity=severity,
                    path=path,
                    path_text=shapes.path_text(path) if path is not None else None,
                    value=value,
                    component=SH.SPARQLConstraintComponent,
                    constraint=constraint,
                )
            )
    return results


#: what a query may not hold to be run once for all focus nodes instead of once per node:
#: forms whose meaning changes when $this is a variable joined from outside rather than a
#: constant substituted everywhere (sub-queries, negation, VALUES, other graphs, services)
_NOT_BATCHABLE = re.compile(
    r"\b(SELECT\b[\s\S]*\bSELECT|MINUS|EXISTS|VALUES|GRAPH|SERVICE|FROM)\b", re.IGNORECASE
)
#: the pre-bound variable must be bound by the query's first triple pattern for a batch run to
#: give each focus node exactly the solutions of a pre-bound run
_FIRST_PATTERN_BINDS_THIS = re.compile(r"\bWHERE\s*\{\s*\$this\s", re.IGNORECASE)
_BATCH_FROM = 2000
_IRI_OR_STRING = re.compile(r'<[^<>\s]*>|"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_COMMENT = re.compile(r"#[^\n]*")


def _batched(
    store: PatternStore, query: str, focus_nodes: list[OxTerm], *, any_size: bool = False
) -> tuple[list[str], dict[OxTerm, list[ox.QuerySolution]]] | None:
    """The solutions of ``query`` for every focus node at once, by focus node; None when the
    query must run once per node.

    SHACL-SPARQL pre-binds $this (§5.3.1). For a query without sub-queries, negation, VALUES or
    graphs, whose first triple pattern has $this as its subject, pre-binding $this to a node
    gives the solutions of the unbound query whose ?this is that node: the other patterns join
    on it. With many focus nodes, one run is far cheaper than one per node.
    """
    if len(focus_nodes) < _BATCH_FROM and not any_size:
        return None
    # keywords are looked for in the query's own words: not in IRIs, strings or comments
    words = _COMMENT.sub(" ", _IRI_OR_STRING.sub(" ", query))
    if _NOT_BATCHABLE.search(words) or not _FIRST_PATTERN_BINDS_THIS.search(words):
        return None
    wanted = set(focus_nodes)
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    by_focus: dict[OxTerm, list[ox.QuerySolution]] = {}
    for solution in solutions:
        focus = solution["this"]
        if focus is None:
            return None
        if focus in wanted:
            by_focus.setdefault(focus, []).append(solution)
    return names, by_focus


def _prefixes(graph: Graph, constraint: Node) -> str:
    lines = []
    for holder in graph.objects(constraint, SH.prefixes):
        for declaration in graph.objects(holder, SH.declare):
            prefix = graph.value(declaration, SH.prefix)
            namespace = graph.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(lines)))


def _focus_nodes(store: PatternStore, graph: Graph, shape: Node) -> set[OxTerm]:
    """The shape's focus nodes in the data (SHACL §2.1.3)."""
    default = ox.DefaultGraph()
    nodes: set[OxTerm] = set()
    for node in graph.objects(shape, SH.targetNode):
        nodes.add(to_oxigraph(node))
    for cls in graph.objects(shape, SH.targetClass):
        for sub in _subclasses(store, to_oxigraph(cls)):
            nodes.update(
                q.subject
                for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), sub, default)
            )
    for prop in graph.objects(shape, SH.targetSubjectsOf):
        predicate = ox.NamedNode(str(prop))
        nodes.update(q.subject for q in store.quads_for_pattern(None, predicate, None, default))
    for prop in graph.objects(shape, SH.targetObjectsOf):
        predicate = ox.NamedNode(str(prop))
        nodes.update(q.object for q in store.quads_for_pattern(None, predicate, None, default))
    return nodes


def _subclasses(store: PatternStore, cls: OxTerm) -> Iterator[OxTerm]:
    """``cls`` and its subclasses, by rdfs:subClassOf in the data (as pyshacl reads them)."""
    seen: set[OxTerm] = {cls}
    todo: list[OxTerm] = [cls]
    sub_class_of = ox.NamedNode(RDFS_SUBCLASS)
    default = ox.DefaultGraph()
    while todo:
        current = todo.pop()
        yield current
        for quad in store.quads_for_pattern(None, sub_class_of, current, default):
            if quad.subject not in seen:
                seen.add(quad.subject)
                todo.append(quad.subject)
