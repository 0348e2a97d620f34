"""Validation reports for people and machines: text, JSON, JUnit XML, GitHub annotations, Turtle.

Every format is written from the same ``Report``. Resources are named by their label
(skos:prefLabel, else rdfs:label, in the chosen language first) with their IRI, and, when the
data came from Turtle-family files, by the file and line where the offending triple is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespaces import PREFIXES
from graph.validate.data import DataSet, to_oxigraph
from graph.validate.lines import LineIndex, Location
from graph.validate.results import SH, Report, Result, Severity
from graph.validate.shapes import ShapeSet, short

FORMATS = ("text", "json", "junit", "github", "turtle")
_LABELS = (PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label")


@dataclass
class Presenter:
    """What every format needs: the report, the shapes, labels and file locations."""

    report: Report
    shapes: ShapeSet
    data: DataSet
    lines: LineIndex
    lang: str = "en"
    threshold: Severity = Severity.VIOLATION

    def label(self, node: Node | None) -> str:
        """A readable name: a label if the graph has one, else a short form of the IRI/literal."""
        if node is None:
            return ""
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            return f"_:{node}"
        found = self._label(node)
        return f"{found} <{node}>" if found else short(node)

    def _label(self, node: Node) -> str | None:
        by_lang: dict[str, str] = {}
        subject = to_oxigraph(node)
        if isinstance(subject, ox.Literal):
            return None
        for predicate in _LABELS:
            for quad in self.data.store.quads_for_pattern(
                subject,
                ox.NamedNode(predicate),
                None,
                ox.DefaultGraph(),  # type: ignore[arg-type]
            ):
                if isinstance(quad.object, ox.Literal):
                    by_lang.setdefault(quad.object.language or "", quad.object.value)
            if by_lang:
                break
        for lang in (self.lang, "en", "fr", ""):
            if lang in by_lang:
                return by_lang[lang]
        return next(iter(by_lang.values()), None)

    def message(self, result: Result) -> str:
        messages = self.shapes.messages(result, self.label)
        for lang in (self.lang, "en", ""):
            if lang in messages:
                return messages[lang]
        return next(iter(messages.values()))

    def location(self, result: Result) -> Location | None:
        if not isinstance(result.focus, URIRef):
            return None
        predicate = str(result.path) if isinstance(result.path, URIRef) else None
        return self.lines.locate(str(result.focus), predicate)

    def failing(self, result: Result) -> bool:
        return result.severity >= self.threshold


def render(presenter: Presenter, fmt: str) -> str:
    """The report in one of ``FORMATS``."""
    writers: dict[str, Callable[[Presenter], str]] = {
        "text": _text,
        "json": _json,
        "junit": _junit,
        "github": _github,
        "turtle": _turtle,
    }
    return writers[fmt](presenter)


def _summary(p: Presenter) -> str:
    counts = p.report.counts()
    verdict = "conforms" if p.report.conforms(p.threshold) else "does not conform"
    return (
        f"{counts[Severity.VIOLATION]} violation(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} info(s) — {p.data.description} {verdict} "
        f"(--fail-on {p.threshold.name.lower()}; {p.report.engine} engine, "
        f"{p.report.seconds:.2f} s)"
    )


def _text(p: Presenter) -> str:
    lines: list[str] = []
    by_shape: dict[Node, dict[Node, list[Result]]] = defaultdict(lambda: defaultdict(list))
    for result in p.report.results:
        by_shape[result.shape][result.focus].append(result)
    for shape, by_focus in by_shape.items():
        first = next(iter(by_focus.values()))[0]
        lines.append(
            f"{first.severity.label.upper()}  {p.shapes.name(shape)}  "
            f"({sum(len(v) for v in by_focus.values())} result(s))"
        )
        for focus, results in by_focus.items():
            where = p.location(results[0])
            at = f"  [{where.file}:{where.line}]" if where else ""
            lines.append(f"  {p.label(focus)}{at}")
            for result in results:
                detail = []
                if result.path_text:
                    detail.append(f"path {result.path_text}")
                if result.value is not None and result.value != result.focus:
                    detail.append(f"value {_value_text(p, result.value)}")
                suffix = f" ({'; '.join(detail)})" if detail else ""
                lines.append(f"    - {p.message(result)}{suffix}")
        lines.append("")
    lines.extend(f"note: {note}" for note in p.report.notes)
    lines.append(_summary(p))
    return "\n".join(lines) + "\n"


def _value_text(p: Presenter, value: Node) -> str:
    if isinstance(value, Literal):
        text = str(value)
        text = text if len(text) <= 80 else text[:77] + "…"
        return f'"{text}"' + (f"^^{short(value.datatype)}" if value.datatype else "")
    return p.label(value)


def _json(p: Presenter) -> str:
    items = []
    for result in p.report.results:
        where = p.location(result)
        items.append(
            {
                "severity": result.severity.name.lower(),
                "shape": str(result.shape),
                "focusNode": _json_term(result.focus),
                "focusLabel": p._label(result.focus) if isinstance(result.focus, URIRef) else None,
                "path": result.path_text,
                "value": _json_term(result.value),
                "messages": p.shapes.messages(result, p.label),
                "file": str(where.file) if where else None,
                "line": where.line if where else None,
            }
        )
    counts = p.report.counts()
    payload = {
        "conforms": p.report.conforms(p.threshold),
        "failOn": p.threshold.name.lower(),
        "engine": p.report.engine,
        "seconds": round(p.report.seconds, 3),
        "counts": {s.name.lower(): counts[s] for s in Severity},
        "notes": p.report.notes,
        "results": items,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _json_term(node: Node | None) -> object:
    if node is None:
        return None
    if isinstance(node, Literal):
        out: dict[str, str] = {"value": str(node)}
        if node.language:
            out["language"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return str(node)


def _junit(p: Presenter) -> str:
    by_shape: dict[Node, list[Result]] = defaultdict(list)
    for result in p.report.results:
        by_shape[result.shape].append(result)
    suite = ET.Element("testsuite", name="mandate-graph shapes")
    failures = 0
    rules = p.shapes.rules()
    for shape in sorted(set(rules) | set(by_shape), key=p.shapes.name):
        case = ET.SubElement(
            suite, "testcase", classname="mandate-graph.shapes", name=p.shapes.name(shape)
        )
        results = by_shape.get(shape, [])
        failing = [r for r in results if p.failing(r)]
        body = "\n".join(_junit_line(p, r) for r in results)
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                type=failing[0].severity.label,
                message=f"{len(failing)} focus node(s): {p.message(failing[0])}",
            )
            failure.text = body
        elif results:
            ET.SubElement(case, "system-out").text = body
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("time", f"{p.report.seconds:.3f}")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _junit_line(p: Presenter, result: Result) -> str:
    where = p.location(result)
    at = f" [{where.file}:{where.line}]" if where else ""
    return f"{result.severity.label}: {p.label(result.focus)}{at}: {p.message(result)}"


def _github(p: Presenter) -> str:
    """Workflow commands: ``::error file=F,line=L,title=T::message`` (one per result)."""
    command = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for result in p.report.results:
        where = p.location(result)
        props = []
        if where:
            props += [f"file={_gh_property(str(where.file))}", f"line={where.line}"]
        props.append(f"title={_gh_property(p.shapes.name(result.shape))}")
        text = f"{p.message(result)} — {p.label(result.focus)}"
        lines.append(f"::{command[result.severity]} {','.join(props)}::{_gh_data(text)}")
    lines.extend(f"::notice::{_gh_data(note)}" for note in p.report.notes)
    lines.append(_gh_data(_summary(p)))
    return "\n".join(lines) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _turtle(p: Presenter) -> str:
    """A SHACL validation report (sh:ValidationReport), messages in every language."""
    graph = Graph()
    graph.bind("sh", SH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(p.report.conforms(p.threshold))))
    for result in p.report.results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        graph.add((node, SH.sourceShape, result.shape))
        graph.add((node, SH.resultSeverity, result.severity.iri))
        if result.component is not None:
            graph.add((node, SH.sourceConstraintComponent, result.component))
        if result.path is not None:
            graph.add((node, SH.resultPath, result.path))
            for triple in _closure(p.shapes.graph, result.path):
                graph.add(triple)
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        for lang, text in p.shapes.messages(result, p.label).items():
            graph.add((node, SH.resultMessage, Literal(text, lang=lang or None)))
    return graph.serialize(format="turtle")


def _closure(graph: Graph, node: Node) -> list[tuple[Node, Node, Node]]:
    """The triples describing a blank-node path, so that the report is self-contained."""
    out: list[tuple[Node, Node, Node]] = []
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if not isinstance(current, BNode) or current in seen:
            continue
        seen.add(current)
        for predicate, obj in graph.predicate_objects(current):
            out.append((current, predicate, obj))
            todo.append(obj)
    return out
