"""Vocabularies are defined once, in graph/namespaces.py: no module retypes a namespace IRI."""

from __future__ import annotations

import ast
from pathlib import Path

from graph import namespaces
from graph.namespaces import curie

ROOT = Path(__file__).resolve().parent.parent
NAMESPACES = sorted(
    {value for name, value in vars(namespaces).items()
     if name.isupper() and isinstance(value, str) and value.endswith(("#", "/"))}
    | set(namespaces.PREFIXES.values()),
    key=len, reverse=True,
)


def _retyped(path: Path) -> list[str]:
    """String constants of a module that spell a namespace IRI, or a term in one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if any(node.value.startswith(ns) for ns in NAMESPACES):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    return found


def test_no_module_outside_namespaces_spells_a_vocabulary_iri() -> None:
    modules = [p for folder in ("graph", "server") for p in (ROOT / folder).rglob("*.py")]
    offenders = [hit for path in modules if path.name != "namespaces.py"
                 for hit in _retyped(path)]
    assert offenders == []


def test_rdf_type_is_defined_in_one_module() -> None:
    modules = [p for folder in ("graph", "server") for p in (ROOT / folder).rglob("*.py")]
    defining = [
        str(path.relative_to(ROOT)) for path in modules
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id.startswith("RDF_TYPE") for t in node.targets)
    ]
    assert defining == ["graph/namespaces.py", "graph/namespaces.py"]


def test_curie_shortens_known_namespaces_and_leaves_others_whole() -> None:
    assert curie(namespaces.MG + "Mandate") == "mg:Mandate"
    assert curie(namespaces.MGSH + "mandate-activity") == "mgsh:mandate-activity"
    assert curie("https://w3id.org/mandate-graph/id/organ/oas-csh",
                 base="https://w3id.org/mandate-graph/id/") == "organ/oas-csh"
    # a local part SPARQL would not read as a prefixed name stays a whole IRI
    assert curie(namespaces.MG + "a/b") == namespaces.MG + "a/b"
    assert curie("http://example.org/x") == "http://example.org/x"


def test_organ_classes_and_addressee_groups_are_every_class_the_ontology_puts_under_mg_organ() -> None:
    import pyoxigraph as ox

    from graph.config import ONTOLOGY_FILE

    store = ox.Store()
    store.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    query = "SELECT ?c WHERE { ?c rdfs:subClassOf* mg:Organ }"
    under_organ = {row["c"].value for row in store.query(query, prefixes=namespaces.PREFIXES)}
    assert set(namespaces.ORGAN_CLASSES) | {namespaces.ADDRESSEE_GROUP} == under_organ
    assert namespaces.ADDRESSEE_GROUP not in namespaces.ORGAN_CLASSES
