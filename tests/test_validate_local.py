"""Validation split by document (graph.validate.local) gives what the whole graph gives.

Each shape example (tests/data/shapes) is taken as one document's part of a release, beside
the ontology and the reference data, and validated twice: every shape on the whole graph, and
the local shapes on the document's part alone joined with the others on the whole graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build_parts import check_part, static_classes, subclass_axioms
from graph.config import ONTOLOGY_FILE, SHAPES_DIR, graph_iri
from graph.namespaces import ONTOLOGY_IRI
from graph.rdf_files import canonical_ntriples, read_graph
from graph.reference import reference_files
from graph.store import OxigraphStore
from graph.validate.local import (
    LOCAL_CLASSES,
    LOCAL_READS,
    LOCAL_SHAPES,
    foreign_statement,
    split_shapes,
)
from graph.validate.release_check import run_validation
from graph.validate.results import SH
from graph.validate.shapes import load_shapes
from tests.conftest import BASE

EXAMPLES = Path(__file__).parent / "data" / "shapes"
FILES = sorted((EXAMPLES / "invalid").glob("*.ttl")) + sorted((EXAMPLES / "valid").glob("*.ttl"))
STEM = "example-source"


@pytest.fixture(scope="module")
def static() -> bytes:
    parts = []
    for path, graph in [(ONTOLOGY_FILE, ONTOLOGY_IRI),
                        *((p, graph_iri(BASE, "reference")) for p in reference_files())]:
        data = canonical_ntriples(read_graph(path, base=BASE), base=BASE)
        label = ox.NamedNode(graph)
        quads = [ox.Quad(t.subject, t.predicate, t.object, label)
                 for t in (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))]
        parts.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return b"".join(parts)


def _part(path: Path) -> bytes:
    label = ox.NamedNode(graph_iri(BASE, f"source/{STEM}"))
    quads = [ox.Quad(q.subject, q.predicate, q.object, label)
             for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=BASE)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_split_validation_equals_whole_graph_validation(path: Path, static: bytes) -> None:
    part = _part(path)
    store = OxigraphStore(None)
    store.load_dataset(static + part)
    texts = path.parent
    whole = run_validation(store, base=BASE, texts=texts)
    axioms = subclass_axioms(static)
    text = (texts / f"{STEM}.txt").read_text(encoding="utf-8")
    checked = check_part(part, stem=STEM, text=text, base=BASE, axioms=axioms)
    assert "records" in checked, checked  # every example is one document's own evidence
    split = run_validation(store, base=BASE, texts=texts, local=checked["records"])
    assert whole is not None and split is not None
    assert split.results == whole.results
    assert split.counts == whole.counts


def test_the_split_is_used_on_the_invalid_evidence_examples(static: bytes) -> None:
    axioms = subclass_axioms(static)
    text = (EXAMPLES / "invalid" / f"{STEM}.txt").read_text(encoding="utf-8")
    found = set()
    for path in sorted((EXAMPLES / "invalid").glob("evidence-*.ttl")):
        checked = check_part(_part(path), stem=STEM, text=text, base=BASE, axioms=axioms)
        found |= {r["shape"] for r in checked["records"]}
    assert {s.rsplit("#", 1)[1] for s in found} >= {
        "evidence-source", "evidence-span", "evidence-quote-length", "evidence-quote-text",
        "evidence-offsets-start", "evidence-quote-exact"}


def test_the_static_graphs_say_nothing_of_evidence(static: bytes) -> None:
    classes = static_classes(subclass_axioms(static))
    assert classes >= LOCAL_CLASSES
    assert foreign_statement(static, base=BASE, classes=classes, stem=None,
                             subclass_axioms=True) is None


@pytest.mark.parametrize("line", [
    f"<{BASE}evidence/other/0-1/e> <{BASE}x> <{BASE}y> <{BASE}graph/source/doc> .",
    f"<{BASE}source/other> <{BASE}x> <{BASE}y> <{BASE}graph/source/doc> .",
    f"<{BASE}thing> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    f"<https://w3id.org/mandate-graph/ontology#Evidence> <{BASE}graph/source/doc> .",
    f"<{BASE}evidence/doc/0-1/e> <http://www.w3.org/ns/oa#hasSource> <{BASE}source/other> "
    f"<{BASE}graph/source/doc> .",
    f"<{BASE}evidence/doc/0-1/e> <http://www.w3.org/ns/oa#hasSelector> <{BASE}sel> "
    f"<{BASE}graph/source/doc> .",
    f"<{BASE}a> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{BASE}b> "
    f"<{BASE}graph/source/doc> .",
    f'<{BASE}source/doc> <https://w3id.org/mandate-graph/ontology#fileName> "other.txt" '
    f"<{BASE}graph/source/doc> .",
])
def test_a_statement_of_another_documents_evidence_is_foreign(line: str) -> None:
    own = f"<{BASE}evidence/doc/0-1/e> <{BASE}x> <{BASE}y> <{BASE}graph/source/doc> .\n"
    part = (own + line + "\n").encode()
    assert foreign_statement(part, base=BASE, classes=LOCAL_CLASSES, stem="doc") == line
    assert foreign_statement(own.encode(), base=BASE, classes=LOCAL_CLASSES, stem="doc") is None


def test_a_node_minted_under_the_documents_own_iri_is_not_foreign() -> None:
    line = f"<{BASE}source/doc/axis/1> <{BASE}x> <{BASE}y> <{BASE}graph/source/doc> .\n"
    assert foreign_statement(line.encode(), base=BASE, classes=LOCAL_CLASSES, stem="doc") is None


def test_the_local_shapes_read_only_the_local_predicates() -> None:
    shapes = load_shapes(SHAPES_DIR)
    graph = shapes.graph
    known = {str(s) for s in graph.subjects()}
    assert known >= LOCAL_SHAPES
    local = split_shapes(shapes).local.graph
    for shape in LOCAL_SHAPES:
        for prop in graph.objects(shape, SH.property):  # type: ignore[arg-type]
            assert str(graph.value(prop, SH.path)) in LOCAL_READS
        for constraint in graph.objects(shape, SH.sparql):  # type: ignore[arg-type]
            text = str(graph.value(constraint, SH.select))
            used = {f"{p}:{n}" for p, n in re.findall(r"\b(oa|mg|rdf):(\w+)", text)}
            expand = {"oa": "http://www.w3.org/ns/oa#",
                      "mg": "https://w3id.org/mandate-graph/ontology#",
                      "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
            assert {expand[u.split(":")[0]] + u.split(":")[1] for u in used} <= LOCAL_READS
        targets = set(local.objects(shape, SH.targetClass))  # type: ignore[arg-type]
        assert {str(t) for t in targets} <= LOCAL_CLASSES
