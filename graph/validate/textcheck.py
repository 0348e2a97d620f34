"""The one check SHACL cannot make: does each evidence quote equal the source text at its span?

SHACL sees only the graph, and the texts are files (a release keeps them in ``sources/`` as
``<identifier>.txt``; a folder given with ``--texts`` may name them by ``mg:fileName``). The
shape ``mgsh:evidence-quote-text`` is declared with the others (severity, messages) but
deactivated for SHACL engines; this module runs it, for both engines alike, so the fast path
and the reference still agree.

Offsets count Unicode code points, as Python strings and ``mg:characterCount`` do. An evidence
whose span lies outside its text is left to ``mgsh:evidence-span``; a document whose text is
not at hand is skipped and named in a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from graph.namespaces import MG, OA, RDF_TYPE
from graph.store.interface import PatternStore
from graph.validate.data import DataSet, to_rdflib
from graph.validate.results import Result
from graph.validate.shapes import QUOTE_TEXT_SHAPE, ShapeSet


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
    # keyed by identifier as well as file name: an archive can hold two different files of one
    # name in two folders (the UN's 2014 and 2015 copies of S_RES_2193_1467585E.xml), each
    # kept as its own <identifier>.txt
    texts: dict[tuple[str, str], str | None] = {}
    missing: set[str] = set()
    results: list[Result] = []
    evidences = store.quads_for_pattern(
        None, ox.NamedNode(RDF_TYPE), ox.NamedNode(MG + "Evidence"), default
    )
    spans = _Spans(store)
    for evidence in sorted({q.subject for q in evidences}, key=str):
        if not isinstance(evidence, ox.NamedNode | ox.BlankNode):
            continue
        span = spans.of(evidence)
        if span is None:
            continue
        file_name, stem, start, end, exact = span
        if (file_name, stem) not in texts:
            texts[file_name, stem] = _text(data.texts, file_name, stem)
        text = texts[file_name, stem]
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


class _Spans:
    """(file name, start, end, quote) of each evidence, from one scan of each predicate
    involved: a release has hundreds of thousands of evidences, and a lookup per evidence and
    predicate is a store seek each (several minutes at a million evidences)."""

    def __init__(self, store: PatternStore) -> None:
        default = ox.DefaultGraph()

        def table(predicate: str) -> dict[object, list[object]]:
            found: dict[object, list[object]] = {}
            for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, default):
                found.setdefault(quad.subject, []).append(quad.object)
            return found

        self.source = table(OA + "hasSource")
        self.file_name = table(MG + "fileName")
        self.selector = table(OA + "hasSelector")
        self.start = table(OA + "start")
        self.end = table(OA + "end")
        self.exact = table(OA + "exact")

    def of(
        self, evidence: ox.NamedNode | ox.BlankNode
    ) -> tuple[str, str, int, int, str] | None:
        """The span of an evidence — its document's file name and identifier (the last segment
        of the document's IRI), start, end, quote — or None when a part is missing."""

        def one(values: dict[object, list[object]], subject: object) -> object | None:
            found = values.get(subject)
            return found[0] if found else None

        source = one(self.source, evidence)
        file_name = one(self.file_name, source)
        start = end = exact = None
        for selector in self.selector.get(evidence, ()):
            start = start if start is not None else one(self.start, selector)
            end = end if end is not None else one(self.end, selector)
            exact = exact if exact is not None else one(self.exact, selector)
        if not (
            isinstance(file_name, ox.Literal)
            and isinstance(start, ox.Literal)
            and isinstance(end, ox.Literal)
            and isinstance(exact, ox.Literal)
        ):
            return None
        try:
            stem = source.value.rsplit("/", 1)[-1] if isinstance(source, ox.NamedNode) else ""
            return file_name.value, stem, int(start.value), int(end.value), exact.value
        except ValueError:
            return None  # ill-typed offsets: reported by mgsh:evidence-offsets-*


def _text(folder: Path | Mapping[str, str], file_name: str, stem: str) -> str | None:
    """A document's text in ``folder``: the file as named (a folder of the documents
    themselves), else ``<identifier>.txt``, as a release keeps every source — an Akoma Ntoso
    file or a vote file included — whose evidence offsets count the characters of that text.
    Given texts by identifier (one document's, graph.validate.local), the identifier's."""
    if isinstance(folder, Mapping):
        return folder.get(stem)
    found = _read(folder / Path(file_name).name)  # never outside the folder
    if found is None and stem:
        found = _read(folder / f"{Path(stem).name}.txt")
    return found


def _read(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
