"""Where the project's edited sources live, and the IRIs everything is minted under.

The ontology namespace is fixed (it names the vocabulary); the data base is configurable so a
project can mint its IRIs under its own domain (see docs/iris.md).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "mandate-graph.ttl"
SHAPES_DIR = PROJECT_ROOT / "shapes"
QUERIES_DIR = PROJECT_ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DEFAULT_BUILD_DIR = Path(os.environ.get("MANDATE_GRAPH_BUILD", PROJECT_ROOT / "build"))

ONTOLOGY_IRI = "https://w3id.org/mandate-graph/ontology"
MG = ONTOLOGY_IRI + "#"
DEFAULT_BASE = "https://w3id.org/mandate-graph/id/"

#: Prefixes offered to every SPARQL query and every serialisation, so that users can write
#: ``mg:Mandate`` without declaring it. Kept small: only vocabularies the graph really uses.
PREFIXES: dict[str, str] = {
    "mg": MG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def data_base() -> str:
    """The configured data base IRI: ``MANDATE_GRAPH_BASE`` or the project default."""
    base = os.environ.get("MANDATE_GRAPH_BASE", DEFAULT_BASE)
    return base if base.endswith(("/", "#")) else base + "/"


def graph_iri(base: str, name: str) -> str:
    """The IRI of one named graph of the dataset (``reference``, ``ontology``, ``source/x``)."""
    return f"{base}graph/{name}"
