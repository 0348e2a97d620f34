"""Where the project's edited sources live, and the base IRI the data is minted under.

The data base is configurable so a project can mint its IRIs under its own domain (see
docs/iris.md); the vocabularies are fixed, in graph.namespaces.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _edited(name: str) -> Path:
    """A folder of edited sources: beside the checkout (``ontology/``), or, in an installed
    wheel, where pyproject.toml packs it (``graph/ontology/``)."""
    checkout = PROJECT_ROOT / name
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / name


ONTOLOGY_DIR = _edited("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "mandate-graph.ttl"
SHAPES_DIR = _edited("shapes")
QUERIES_DIR = _edited("queries")
CHECKS_DIR = QUERIES_DIR / "checks"
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DEFAULT_BUILD_DIR = Path(os.environ.get("MANDATE_GRAPH_BUILD", PROJECT_ROOT / "build"))

DEFAULT_BASE = "https://w3id.org/mandate-graph/id/"


def data_base() -> str:
    """The configured data base IRI: ``MANDATE_GRAPH_BASE`` or the project default."""
    base = os.environ.get("MANDATE_GRAPH_BASE", DEFAULT_BASE)
    return base if base.endswith(("/", "#")) else base + "/"


def graph_iri(base: str, name: str) -> str:
    """The IRI of one named graph of the dataset (``reference``, ``ontology``, ``source/x``)."""
    return f"{base}graph/{name}"
