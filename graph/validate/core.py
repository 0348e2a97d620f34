"""SHACL Core property shapes evaluated directly on pyoxigraph, the way pyshacl evaluates them.

pyshacl spends most of its time per focus node in generic machinery, and needs an rdflib copy of
the graph (slow to build). The property shapes of this project use a handful of components on
simple paths, so the fast path evaluates those here, over pyoxigraph's indexes, with the
semantics of pyshacl's own code for each component (value nodes as a set, one result per
failing value node, no value for cardinality and uniqueLang results, pyshacl's literal
comparison for ranges, its ill-typed-literal rule for sh:datatype). Any property shape using a
component or path not listed here is left to pyshacl, unchanged. The reference engine and the
agreement test keep this honest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from graph.namespaces import RDF_TYPE, RDFS_SUBCLASS
from graph.validate.data import DataSet, to_oxigraph, to_rdflib
from graph.validate.results import SH, Result
from graph.validate.shapes import ShapeSet

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_ANNOTATIONS = {
    SH.path,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    RDF.type,
    RDFS.comment,
    RDFS.label,
    SH.flags,
}
_VALUE_KEYS = {SH.datatype, SH["class"], SH.nodeKind}
_KEYS = {
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH["class"],
    SH.pattern,
    SH["in"],
    SH.uniqueLang,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH["or"],
    SH.nodeKind,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
}
_RANGE = {
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, lambda c: c >= 0),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, lambda c: c <= 0),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, lambda c: c > 0),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, lambda c: c < 0),
}
_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
_PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


@dataclass(frozen=True)
class Pair:
    """A property shape as reached from a node shape with targets."""

    node_shape: Node
    property_shape: Node


def supported_pairs(shapes: ShapeSet, focus_targets: Callable[[Node], bool]) -> list[Pair]:
    """The (node shape, property shape) pairs this module can evaluate exactly."""
    graph = shapes.graph
    pairs = []
    for node_shape, property_shape in graph.subject_objects(SH.property):
        if not focus_targets(node_shape) or _off(graph, node_shape) or _off(graph, property_shape):
            continue
        if _supported_property(graph, property_shape):
            pairs.append(Pair(node_shape, property_shape))
    return sorted(pairs, key=lambda p: (str(p.node_shape), str(p.property_shape)))


def _off(graph: Graph, shape: Node) -> bool:
    return graph.value(shape, SH.deactivated) == Literal(True)


def _supported_property(graph: Graph, shape: Node) -> bool:
    predicates = set(graph.predicates(shape))
    if (
        not predicates <= _KEYS | _ANNOTATIONS
        or _path_steps(graph, graph.value(shape, SH.path)) is None
    ):
        return False
    if any(len(list(graph.objects(shape, key))) > 1 for key in _KEYS):
        return False
    for member in _members(graph, shape):
        if not set(graph.predicates(member)) <= _VALUE_KEYS | _ANNOTATIONS | {RDF.type}:
            return False
    qualified = graph.value(shape, SH.qualifiedValueShape)
    return qualified is None or (
        set(graph.predicates(qualified)) <= _VALUE_KEYS | {RDF.type}
        and graph.value(shape, SH.qualifiedValueShapesDisjoint) is None
    )


def _members(graph: Graph, shape: Node) -> list[Node]:
    node = graph.value(shape, SH["or"])
    return list(Collection(graph, node)) if node is not None else []


Step = tuple[str, URIRef]  # ("fwd" | "inv", predicate); a path is alternatives of sequences


def _path_steps(graph: Graph, path: Node | None) -> list[list[Step]] | None:
    """The path as alternatives of sequences of steps, or None when it is not that simple."""
    if isinstance(path, URIRef):
        return [[("fwd", path)]]
    if not isinstance(path, BNode):
        return None
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return [[("inv", inverse)]]
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        out: list[list[Step]] = []
        for member in Collection(graph, alternatives):
            steps = _path_steps(graph, member)
            if steps is None:
                return None
            out.extend(steps)
        return out
    if graph.value(path, RDF.first) is not None:
        sequence: list[Step] = []
        for member in Collection(graph, path):
            steps = _path_steps(graph, member)
            if steps is None or len(steps) != 1:
                return None
            sequence.extend(steps[0])
        return [sequence]
    return None


#: from this many focus nodes on, a shape's values are read from per-predicate indexes
_BULK_FOCUS_NODES = 2000


class Evaluator:
    """Evaluates supported property shapes for the focus nodes of their node shapes."""

    def __init__(self, data: DataSet, shapes: ShapeSet) -> None:
        self.store = data.store
        self.graph = shapes.graph
        self.shapes = shapes
        self._types: dict[OxTerm, set[str]] = {}
        self._all_types: dict[OxTerm, set[str]] | None = None
        self._subclasses: dict[Node, set[str]] = {}
        #: predicate → (subject → objects) and (object → subjects), built on first use when a
        #: shape has many focus nodes: one scan of a predicate's quads instead of a seek per
        #: focus node, the same values either way
        self._forward: dict[str, dict[OxTerm, list[OxTerm]]] = {}
        self._backward: dict[str, dict[OxTerm, list[OxTerm]]] = {}
        self._bulk = False
        self._in_memory = data.in_memory
        #: a nested shape's (sh:datatype, sh:class, sh:nodeKind), read once
        self._members: dict[Node, tuple[Node | None, Node | None, Node | None]] = {}

    def evaluate(self, pair: Pair, focus_nodes: Iterable[OxTerm]) -> list[Result]:
        graph, shape = self.graph, pair.property_shape
        path = graph.value(shape, SH.path)
        steps = _path_steps(graph, path) or []
        severity = self.shapes.severity(shape)
        path_text = self.shapes.path_text(path) if path is not None else None
        results: list[Result] = []

        def fail(focus: OxTerm, component: Node, value: Node | None = None) -> None:
            results.append(
                Result(
                    focus=to_rdflib(focus),
                    shape=shape,
                    severity=severity,
                    path=path,
                    path_text=path_text,
                    value=value,
                    component=component,
                )
            )

        checks = self._value_checks(shape)
        min_count = graph.value(shape, SH.minCount)
        max_count = graph.value(shape, SH.maxCount)
        unique_lang = graph.value(shape, SH.uniqueLang) == Literal(True)
        qualified = graph.value(shape, SH.qualifiedValueShape)
        # read once, not once per focus node (600 k lookups in the shapes graph per build)
        upper = graph.value(shape, SH.qualifiedMaxCount)
        lower = graph.value(shape, SH.qualifiedMinCount)
        least = int(str(min_count)) if min_count is not None else None
        most = int(str(max_count)) if max_count is not None else None
        focus_nodes = list(focus_nodes)
        self._bulk = self._in_memory or len(focus_nodes) >= _BULK_FOCUS_NODES
        for focus in focus_nodes:
            values = self._values(focus, steps)
            if least is not None and len(values) < least:
                fail(focus, SH.MinCountConstraintComponent)
            if most is not None and len(values) > most:
                fail(focus, SH.MaxCountConstraintComponent)
            if not (checks or unique_lang or qualified is not None):
                continue  # a cardinality alone needs no rdflib copy of the values
            converted = [(v, to_rdflib(v)) for v in values]
            for component, check in checks:
                for raw, value in converted:
                    if not check(raw, value):
                        fail(focus, component, value)
            if unique_lang:
                langs = [
                    v.language.lower()
                    for _, v in converted
                    if isinstance(v, Literal) and v.language
                ]
                for _ in {lang for lang in langs if langs.count(lang) > 1}:
                    fail(focus, SH.UniqueLangConstraintComponent)
            if qualified is not None:
                conforming = sum(1 for raw, v in converted if self._conforms(qualified, raw, v))
                if upper is not None and conforming > int(str(upper)):
                    fail(focus, SH.QualifiedMaxCountConstraintComponent)
                if lower is not None and conforming < int(str(lower)):
                    fail(focus, SH.QualifiedMinCountConstraintComponent)
        return results

    def _value_checks(self, shape: Node) -> list[tuple[Node, Callable[[OxTerm, Node], bool]]]:
        graph = self.graph
        checks: list[tuple[Node, Callable[[OxTerm, Node], bool]]] = []
        datatype = graph.value(shape, SH.datatype)
        if datatype is not None:
            checks.append((SH.DatatypeConstraintComponent, lambda _r, v: _datatype_ok(v, datatype)))
        cls = graph.value(shape, SH["class"])
        if cls is not None:
            checks.append((SH.ClassConstraintComponent, lambda r, _v: self._is_a(r, cls)))
        kind = graph.value(shape, SH.nodeKind)
        if kind is not None:
            checks.append(
                (
                    SH.NodeKindConstraintComponent,
                    lambda _r, v: isinstance(v, _NODE_KINDS.get(kind, ())),
                )
            )
        pattern = graph.value(shape, SH.pattern)
        if pattern is not None:
            matcher = _compile(pattern, graph.value(shape, SH.flags))
            checks.append(
                (
                    SH.PatternConstraintComponent,
                    lambda _r, v: not isinstance(v, BNode) and bool(matcher.search(str(v))),
                ),
            )
        allowed = graph.value(shape, SH["in"])
        if allowed is not None:
            allowed_values = list(Collection(graph, allowed))
            checks.append((SH.InConstraintComponent, lambda _r, v: v in allowed_values))
        for key, (component, accept) in _RANGE.items():
            bound = graph.value(shape, key)
            if bound is not None:
                checks.append((component, _range_check(bound, accept)))
        alternatives = _members(graph, shape)
        if alternatives:
            checks.append(
                (
                    SH.OrConstraintComponent,
                    lambda r, v: any(self._conforms(m, r, v) for m in alternatives),
                ),
            )
        return checks

    def _conforms(self, member: Node, raw: OxTerm, value: Node) -> bool:
        """A value node against a nested shape made of sh:datatype / sh:class / sh:nodeKind."""
        if member not in self._members:
            graph = self.graph
            self._members[member] = (graph.value(member, SH.datatype),
                                     graph.value(member, SH["class"]),
                                     graph.value(member, SH.nodeKind))
        datatype, cls, kind = self._members[member]
        if datatype is not None and not _datatype_ok(value, datatype):
            return False
        if cls is not None and not self._is_a(raw, cls):
            return False
        return kind is None or isinstance(value, _NODE_KINDS.get(kind, ()))

    def _values(self, focus: OxTerm, alternatives: list[list[Step]]) -> set[OxTerm]:
        found: set[OxTerm] = set()
        default = ox.DefaultGraph()
        for sequence in alternatives:
            current: set[OxTerm] = {focus}
            for direction, predicate in sequence:
                p = ox.NamedNode(str(predicate))
                step: set[OxTerm] = set()
                if self._bulk:
                    index = self._index(str(predicate), direction == "fwd")
                    for node in current:
                        step.update(index.get(node, ()))
                    current = step
                    continue
                for node in current:
                    if direction == "fwd":
                        if isinstance(node, ox.Literal):
                            continue
                        step.update(
                            q.object for q in self.store.quads_for_pattern(node, p, None, default)
                        )
                    else:
                        step.update(
                            q.subject for q in self.store.quads_for_pattern(None, p, node, default)
                        )
                current = step
            found |= current
        return found

    def _is_a(self, node: OxTerm, cls: Node) -> bool:
        if isinstance(node, ox.Literal):
            return False
        if self._bulk and self._all_types is None:
            self._all_types = {}
            for quad in self.store.quads_for_pattern(
                None, ox.NamedNode(RDF_TYPE), None, ox.DefaultGraph()
            ):
                self._all_types.setdefault(quad.subject, set()).add(quad.object.value)  # type: ignore[union-attr]
        if self._all_types is not None:
            types = self._all_types.get(node, set())
            if cls not in self._subclasses:
                self._subclasses[cls] = self._closure(cls)
            return bool(types & self._subclasses[cls])
        if node not in self._types:
            self._types[node] = {
                q.object.value  # type: ignore[union-attr]
                for q in self.store.quads_for_pattern(
                    node, ox.NamedNode(RDF_TYPE), None, ox.DefaultGraph()
                )
            }
        if cls not in self._subclasses:
            self._subclasses[cls] = self._closure(cls)
        return bool(self._types[node] & self._subclasses[cls])

    def _index(self, predicate: str, forward: bool) -> dict[OxTerm, list[OxTerm]]:
        """All the default graph's quads of ``predicate``, by subject (or by object)."""
        table = self._forward if forward else self._backward
        if predicate not in table:
            index: dict[OxTerm, list[OxTerm]] = {}
            for q in self.store.quads_for_pattern(
                None, ox.NamedNode(predicate), None, ox.DefaultGraph()
            ):
                if forward:
                    index.setdefault(q.subject, []).append(q.object)
                else:
                    index.setdefault(q.object, []).append(q.subject)
            table[predicate] = index
        return table[predicate]

    def _closure(self, cls: Node) -> set[str]:
        seen = {str(cls)}
        todo = [to_oxigraph(cls)]
        predicate = ox.NamedNode(RDFS_SUBCLASS)
        while todo:
            current = todo.pop()
            for quad in self.store.quads_for_pattern(None, predicate, current, ox.DefaultGraph()):
                if quad.subject.value not in seen:  # type: ignore[union-attr]
                    seen.add(quad.subject.value)  # type: ignore[union-attr]
                    todo.append(quad.subject)  # type: ignore[arg-type]
        return seen


def _datatype_ok(value: Node, datatype: Node) -> bool:
    """pyshacl's DatatypeConstraintComponent rule, for one value node."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _actual(value, datatype)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype and value.datatype:
        return True
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _actual(value, datatype)
    if datatype == RDF.langString and value.language:
        return _actual(value, datatype)
    return False


def _actual(value: Literal, datatype: Node) -> bool:
    expected = _PY_TYPES.get(datatype)  # type: ignore[call-overload]
    return True if expected is None else isinstance(value.value, expected)


def _compile(pattern: Node, flags: Node | None) -> re.Pattern[str]:
    options = 0
    text = str(flags).lower() if flags is not None else ""
    options |= re.I if "i" in text else 0
    options |= re.M if "m" in text else 0
    return re.compile(str(pattern), options)


def _range_check(bound: Node, accept: Callable[[int], bool]) -> Callable[[OxTerm, Node], bool]:
    """pyshacl's value-range rule: literals only, strings only against strings."""
    bound_is_string = isinstance(bound, Literal) and isinstance(bound.value, str)

    def check(_raw: OxTerm, value: Node) -> bool:
        if not isinstance(value, Literal):
            return False
        if isinstance(value.value, str) != bound_is_string:
            return False
        try:
            return accept(compare_literal(value, bound))
        except (TypeError, NotImplementedError):
            return False

    return check
