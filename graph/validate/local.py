"""Shapes local to one document's graph: validated per document, where it is extracted.

Most of a release is evidence: 2.7 of its 4.1 million quads are about an ``mg:Evidence`` or
one of its two selectors. The evidence shapes (``LOCAL_SHAPES``) read only what is said of an
evidence, of its selectors and of its source document — ``oa:hasSource``, ``oa:hasSelector``,
``mg:supports``, ``oa:start``, ``oa:end``, ``oa:exact``, ``mg:characterCount``,
``mg:fileName`` and their types (``LOCAL_READS``) — and the quote check reads the document's
text. Extraction mints all of those nodes for one document under ``{base}evidence/<id>/``,
and the source document is ``{base}source/<id>``, described in the same named graph. So the
results of these shapes on the whole graph are the results on each document's graph (with
the ontology's subclass axioms, which targets and ``sh:class`` follow), joined.

That holds as long as no other graph says anything of those nodes; :func:`foreign_statement`
checks it on every part of the release, as text, and names the first statement that breaks it
(the build then validates the whole graph at once, as before). Every other shape
(``split_shapes(...).whole``) — a resolution's paragraphs come from three files in three
languages, a mandate's activity from another document — runs on the whole graph.

A shape added with a local target but not listed here simply runs on the whole graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph

from graph.namespaces import MG, MGSH, OA, RDF_TYPE, RDFS_SUBCLASS
from graph.store import default_graph_copy
from graph.validate.data import DataSet
from graph.validate.results import SH
from graph.validate.shapes import ShapeSet

#: the node shapes validated per document (shapes/evidence.ttl)
LOCAL_SHAPES = frozenset(
    MGSH + name
    for name in ("evidence", "evidence-offsets", "evidence-quote-selector", "evidence-span",
                 "evidence-quote-length", "evidence-quote-text")
)
#: the classes they target: nodes a document's extraction mints under ``evidence/<id>/``
LOCAL_CLASSES = frozenset({MG + "Evidence", OA + "TextPositionSelector", OA + "TextQuoteSelector"})
#: every predicate the local shapes read (tests/test_validate_local.py checks the shapes)
LOCAL_READS = frozenset({
    OA + "hasSource", OA + "hasSelector", OA + "start", OA + "end", OA + "exact",
    MG + "supports", MG + "characterCount", MG + "fileName", RDF_TYPE,
})
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
_CLASS_TYPES = {RDFS.Class, OWL.Class}


@dataclass(frozen=True)
class SplitShapes:
    """The shapes graph twice: ``local`` targets only with the local shapes, ``whole`` only
    with the others; all else (messages, severities, paths) is in both."""

    local: ShapeSet
    whole: ShapeSet


def split_shapes(shapes: ShapeSet) -> SplitShapes:
    """Each shape's targets kept in one of the two sets; a shape without targets there checks
    nothing in it."""
    local, whole = Graph(), Graph()
    for triple in shapes.graph:
        s, p, o = triple
        targeting = p in _TARGETS or (p == RDF.type and o in _CLASS_TYPES)
        if not targeting or str(s) in LOCAL_SHAPES:
            local.add(triple)
        if not targeting or str(s) not in LOCAL_SHAPES:
            whole.add(triple)
    return SplitShapes(ShapeSet(local, shapes.files), ShapeSet(whole, shapes.files))


def local_classes(subclass_axioms: Iterable[tuple[str, str]]) -> frozenset[str]:
    """``LOCAL_CLASSES`` and their subclasses, from (subclass, class) pairs."""
    found = set(LOCAL_CLASSES)
    pairs = list(subclass_axioms)
    grew = True
    while grew:
        grew = False
        for sub, sup in pairs:
            if sup in found and sub not in found:
                found.add(sub)
                grew = True
    return frozenset(found)


def foreign_statement(part: bytes, *, base: str, classes: frozenset[str], stem: str | None,
                      subclass_axioms: bool = False) -> str | None:
    """The first statement of ``part`` (N-Quads) that would make the local shapes' results
    differ from a whole-graph run, or None.

    ``stem`` is the document whose graph the part is; None for the other parts (the ontology
    and reference data, whose subclass axioms every document's validation reads:
    ``subclass_axioms``; the corpus index), which may say nothing of evidence or documents.
    """
    b = re.escape(base.encode())
    typed = rb"(?:" + b"|".join(re.escape(f"<{c}>".encode()) for c in sorted(classes)) + rb")"
    rdf_type = re.escape(f"<{RDF_TYPE}>".encode())
    checks: list[bytes] = []
    if stem is None:
        checks += [rb"^<" + b + rb"(?:evidence/|source/[^>/]*>)",
                   rb"^\S+ " + rdf_type + rb" " + typed]
    else:
        x = re.escape(stem.encode())
        own = b + rb"evidence/" + x + rb"/"
        checks += [
            rb"^<" + b + rb"evidence/(?!" + x + rb"/)",  # another document's evidence
            # another document's description (identifiers hold no slash: source/<id>/axis/1
            # is a node of this document, no document)
            rb"^<" + b + rb"source/(?!" + x + rb">)[^>/]*>",
            rb"^<(?!" + own + rb")[^>]*> " + rdf_type + rb" " + typed,  # typed elsewhere
            re.escape(f"<{OA}hasSource>".encode()) + rb" <(?!" + b + rb"source/" + x + rb">)",
            re.escape(f"<{OA}hasSelector>".encode()) + rb" <(?!" + own + rb")",
        ]
    if not subclass_axioms:
        checks.append(rb" " + re.escape(f"<{RDFS_SUBCLASS}>".encode()) + rb" ")
    for check in checks:
        found = re.search(check, part, flags=re.MULTILINE)
        if found:
            start = part.rfind(b"\n", 0, found.start()) + 1
            end = part.find(b"\n", found.end())
            return part[start:end if end >= 0 else None].decode("utf-8", "replace")
    if stem is not None:
        return _foreign_text(part, base=base, stem=stem)
    return None


def _foreign_text(part: bytes, *, base: str, stem: str) -> str | None:
    """A file name under which the release's ``sources/`` folder could hold another
    document's text (the quote check reads ``sources/<file name>`` first), or one written with
    escapes (not read here)."""
    line = re.compile(
        rb"^<" + re.escape(f"{base}source/{stem}>".encode()) + rb" "
        + re.escape(f"<{MG}fileName>".encode()) + rb' "((?:[^"\\]|\\.)*)"', re.MULTILINE)
    for found in line.finditer(part):
        raw = found.group(1)
        name = raw.decode("utf-8", "replace").rsplit("/", 1)[-1]
        if b"\\" in raw or (name.endswith(".txt") and name != f"{stem}.txt"):
            end = part.find(b"\n", found.end())
            return part[found.start():end if end >= 0 else None].decode("utf-8", "replace")
    return None


def validate_document(part: bytes, *, stem: str, text: str, base: str, split: SplitShapes,
                      subclass_axioms: bytes) -> list[object]:
    """The results of the local shapes on one document's part (its N-Quads, description
    included), read with the ``subclass_axioms`` (N-Triples) of the ontology and reference
    data: graph.validate Results, in no particular order."""
    from graph.validate.run import validate

    store = ox.Store()
    store.bulk_load(input=default_graph_copy(part) + b"\n" + subclass_axioms,
                    format=ox.RdfFormat.N_QUADS, lenient=True)
    data = DataSet(store=store, base=base, texts={stem: text}, in_memory=True)
    return list(validate(data, split.local).results)
