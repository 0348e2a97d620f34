"""Validation results as plain values, whatever engine produced them.

Both engines (plain pyshacl and the fast path) are turned into the same ``Result`` records, so
that the two can be compared, and so that every output format is written from one model. A
result's identity for that comparison is ``key()``: focus node, shape, severity, path, value.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graph.namespaces import SH as SHACL

SH = Namespace(SHACL)

#: renders a SHACL path node (from the shapes graph) as SPARQL property-path text
PathRenderer = Callable[[Node], str]


class Severity(enum.IntEnum):
    """SHACL severities, ordered so that a threshold is a simple comparison."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        """sh:Violation, sh:Warning or sh:Info; anything else is a violation (SHACL §2.1.5)."""
        known: dict[Node | None, Severity] = {SH.Info: cls.INFO, SH.Warning: cls.WARNING}
        return known.get(iri, cls.VIOLATION)

    @classmethod
    def from_name(cls, name: str) -> Severity:
        """``violation``, ``warning`` or ``info``, as the command line spells them."""
        return cls[name.upper()]

    @property
    def iri(self) -> URIRef:
        return {Severity.INFO: SH.Info, Severity.WARNING: SH.Warning}.get(self, SH.Violation)

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Result:
    """One validation result: a focus node that does not meet one shape."""

    focus: Node
    shape: Node
    severity: Severity
    path: Node | None = None
    path_text: str | None = None
    value: Node | None = None
    component: Node | None = None
    constraint: Node | None = None

    def key(self) -> tuple[Node, Node, Severity, str | None, Node | None]:
        """What two engines must agree on."""
        return (self.focus, self.shape, self.severity, self.path_text, self.value)


@dataclass
class Report:
    """The results of one validation run and what is needed to print them."""

    results: list[Result]
    engine: str
    seconds: float
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for result in self.results:
            counts[result.severity] += 1
        return counts

    def conforms(self, threshold: Severity) -> bool:
        """True when no result reaches the threshold (``--fail-on``)."""
        return all(result.severity < threshold for result in self.results)


def from_pyshacl(report_graph: Graph, path_text: PathRenderer) -> list[Result]:
    """Read pyshacl's sh:ValidationReport graph into results."""
    results: list[Result] = []
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        path = report_graph.value(node, SH.resultPath)
        results.append(
            Result(
                focus=report_graph.value(node, SH.focusNode),  # type: ignore[arg-type]
                shape=report_graph.value(node, SH.sourceShape),  # type: ignore[arg-type]
                severity=Severity.from_iri(report_graph.value(node, SH.resultSeverity)),
                path=path,
                path_text=path_text(path) if path is not None else None,
                value=report_graph.value(node, SH.value),
                component=report_graph.value(node, SH.sourceConstraintComponent),
                constraint=report_graph.value(node, SH.sourceConstraint),
            )
        )
    return results


def sort_results(results: Iterable[Result]) -> list[Result]:
    """A stable order for output: by severity (worst first), shape, focus node, path, value."""
    return sorted(
        results,
        key=lambda r: (-r.severity, str(r.shape), str(r.focus), r.path_text or "", _text(r.value)),
    )


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    return str(node) if not isinstance(node, Literal) else f'"{node}"'
