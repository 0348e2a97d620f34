"""The shapes: read from a folder of Turtle files, with what the report needs to know of them.

Besides parsing, this module answers the questions every output format asks of a shape: its
severity, its messages in each language (with ``{?value}``-style placeholders filled from the
result, identically for both engines), the readable form of a path, and which shapes exist at
all (JUnit lists passing shapes too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from graph.namespaces import MGSH, curie
from graph.validate.results import SH, Result, Severity

#: the shape checked in Python against the source texts (SHACL cannot read files)
QUOTE_TEXT_SHAPE = URIRef(MGSH + "evidence-quote-text")

CONSTRAINT_KEYS = {
    SH.sparql,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH.pattern,
    SH["in"],
    SH.hasValue,
    SH["or"],
    SH["and"],
    SH["not"],
    SH.xone,
    SH.node,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.uniqueLang,
    SH.languageIn,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.closed,
    SH.qualifiedValueShape,
}
_TARGET_KEYS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}

#: how the report names a node: its label, or a short form of its IRI
LabelFn = Callable[[Node], str]


class ShapesError(Exception):
    """The shapes cannot be read: the message names the file and, for syntax, the line."""


@dataclass
class ShapeSet:
    """The shapes graph and the files it was read from."""

    graph: Graph
    files: list[Path] = field(default_factory=list)

    def severity(self, shape: Node) -> Severity:
        return Severity.from_iri(self.graph.value(shape, SH.severity))

    def rules(self) -> list[Node]:
        """Every shape that checks something (has a constraint), sorted: one JUnit testcase each."""
        found = {s for s in self.graph.subjects() if _has_constraint(self.graph, s)}
        if (QUOTE_TEXT_SHAPE, None, None) in self.graph:
            found.add(QUOTE_TEXT_SHAPE)  # deactivated for SHACL engines, run by textcheck
        return sorted(found, key=self.name)

    def name(self, shape: Node) -> str:
        """``mgsh:evidence-span`` → ``evidence-span``; other IRIs in full."""
        text = str(shape)
        return text[len(MGSH) :] if text.startswith(MGSH) else text

    def messages(self, result: Result, label: LabelFn) -> dict[str, str]:
        """The result's message in each language, placeholders filled from the result.

        The constraint's own messages win over the shape's (SHACL-SPARQL §5.3.2). Only
        ``{?this}``, ``{?value}`` and ``{?path}`` (or with ``$``) are filled: they are known to
        both engines, so the message does not depend on which one ran.
        """
        sources = [result.constraint, result.shape]
        for source in sources:
            if source is None:
                continue
            found = [m for m in self.graph.objects(source, SH.message) if isinstance(m, Literal)]
            if found:
                fills = {
                    "this": label(result.focus),
                    "value": label(result.value) if result.value is not None else "",
                    "path": result.path_text or "",
                }
                out: dict[str, str] = {}
                for message in sorted(found, key=str):
                    text = str(message)
                    for name, value in fills.items():
                        text = text.replace("{?" + name + "}", value)
                        text = text.replace("{$" + name + "}", value)
                    out.setdefault(message.language or "", text)
                return out
        return {"": _generic_message(result)}

    def path_text(self, path: Node) -> str:
        """SPARQL property-path text of a SHACL path (``^mg:addresses|mg:addressedBy``)."""
        return _path_text(self.graph, path)


def load_shapes(directory: Path) -> ShapeSet:
    """Parse every ``*.ttl`` of ``directory`` into one shapes graph."""
    if not directory.is_dir():
        raise ShapesError(f"{directory}: no such shapes folder")
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise ShapesError(f"{directory}: no *.ttl shape files in this folder")
    graph = Graph()
    for path in files:
        try:
            data = path.read_bytes()
            # pyoxigraph first: its syntax errors give the line; rdflib then builds the graph.
            list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
            graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
        except SyntaxError as err:
            raise ShapesError(f"{path}:{err.lineno}: not valid Turtle: {err.msg}") from err
        except (OSError, UnicodeDecodeError) as err:
            raise ShapesError(f"{path}: cannot read the file: {err}") from err
    return ShapeSet(graph=graph, files=files)


def _has_constraint(graph: Graph, shape: Node) -> bool:
    if graph.value(shape, SH.deactivated) == Literal(True):
        return False
    predicates = set(graph.predicates(shape))
    return bool(predicates & CONSTRAINT_KEYS) and (
        bool(predicates & _TARGET_KEYS)
        or (None, SH.property, shape) in graph
        or (shape, RDF.type, SH.PropertyShape) in graph
    )


def _generic_message(result: Result) -> str:
    component = str(result.component or "").rsplit("#", 1)[-1]
    return f"does not conform ({component or 'constraint'})"


def _path_text(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return short(path)
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _group(graph, inverse)
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_group(graph, p) for p in Collection(graph, alternatives))
        for key, suffix in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = graph.value(path, key)
            if inner is not None:
                return _group(graph, inner) + suffix
        if graph.value(path, RDF.first) is not None:
            return "/".join(_group(graph, p) for p in Collection(graph, path))
    return str(path)


def _group(graph: Graph, path: Node) -> str:
    text = _path_text(graph, path)
    return text if isinstance(path, URIRef) or text.startswith("^") else f"({text})"


def short(iri: Node) -> str:
    """``mg:Mandate`` for IRIs under a project prefix, ``<iri>`` otherwise (the Turtle form)."""
    text = str(iri)
    found = curie(text)
    return found if found != text else f"<{text}>"
