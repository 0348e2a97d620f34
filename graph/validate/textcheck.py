"""The one check SHACL cannot make: does each evidence quote equal the source text at its span?

SHACL sees only the graph, and the texts are files (a release keeps them in ``sources/``, named
by each source document's ``mg:fileName``). The shape ``mgsh:evidence-quote-text`` is declared
with the others (severity, messages) but deactivated for SHACL engines; this module runs it,
for both engines alike, so the fast path and the reference still agree.

Offsets count Unicode code points, as Python strings and ``mg:characterCount`` do. An evidence
whose span lies outside its text is left to ``mgsh:evidence-span``; a document whose text is
not at hand is skipped and named in a note.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from graph.config import MG, PREFIXES
from graph.validate.data import RDF_TYPE, DataSet, to_rdflib
from graph.validate.results import Result
from graph.validate.shapes import QUOTE_TEXT_SHAPE, ShapeSet

OA = PREFIXES["oa"]


def check_quotes(data: DataSet, shapes: ShapeSet) -> tuple[list[Result], list[str]]:
    """Results for quotes that differ from the text, and notes on what could not be checked."""
    if (QUOTE_TEXT_SHAPE, None, None) not in shapes.graph:
        return [], []
    if data.texts is None:
        return [], [
            "evidence quotes were not compared with the source texts: no texts folder "
            "(give --texts DIR, the folder of the documents' text files)"
        ]
    store, default = data.store, ox.DefaultGraph()
    severity = shapes.severity(QUOTE_TEXT_SHAPE)
    texts: dict[str, str | None] = {}
    missing: set[str] = set()
    results: list[Result] = []
    evidences = store.quads_for_pattern(
        None, ox.NamedNode(RDF_TYPE), ox.NamedNode(MG + "Evidence"), default
    )
    for evidence in sorted({q.subject for q in evidences}, key=str):
        if not isinstance(evidence, ox.NamedNode | ox.BlankNode):
            continue
        span = _span(store, evidence)
        if span is None:
            continue
        file_name, start, end, exact = span
        if file_name not in texts:
            texts[file_name] = _read(data.texts / Path(file_name).name)  # never outside the folder
        text = texts[file_name]
        if text is None:
            missing.add(file_name)
            continue
        if end > len(text) or start > end:
            continue  # reported by mgsh:evidence-span
        actual = text[start:end]
        if actual != exact:
            results.append(
                Result(
                    focus=to_rdflib(evidence),
                    shape=QUOTE_TEXT_SHAPE,
                    severity=severity,
                    value=Literal(actual),
                )
            )
    notes = [
        f"evidence quotes of {name} were not checked: no such text in {data.texts}"
        for name in sorted(missing)
    ]
    return results, notes


def _span(
    store: ox.Store, evidence: ox.NamedNode | ox.BlankNode
) -> tuple[str, int, int, str] | None:
    """(file name, start, end, quote) of an evidence, or None when a part is missing."""
    default = ox.DefaultGraph()

    def one(subject: object, predicate: str) -> object | None:
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return None
        for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, default):
            return quad.object
        return None

    file_name = one(one(evidence, OA + "hasSource"), MG + "fileName")
    start = end = exact = None
    for quad in store.quads_for_pattern(evidence, ox.NamedNode(OA + "hasSelector"), None, default):
        start = start if start is not None else one(quad.object, OA + "start")
        end = end if end is not None else one(quad.object, OA + "end")
        exact = exact if exact is not None else one(quad.object, OA + "exact")
    if not (
        isinstance(file_name, ox.Literal)
        and isinstance(start, ox.Literal)
        and isinstance(end, ox.Literal)
        and isinstance(exact, ox.Literal)
    ):
        return None
    try:
        return file_name.value, int(start.value), int(end.value), exact.value
    except ValueError:
        return None  # ill-typed offsets: reported by mgsh:evidence-offsets-*


def _read(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
