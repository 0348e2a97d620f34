"""Curated reference data: organs, conventions and states, as Turtle with relative IRIs.

The files use relative prefixes (``@prefix organ: <organ/> .``) and no ``@base``, so that the
same committed file can be loaded under whatever data base a deployment configures.
"""

from __future__ import annotations

from pathlib import Path

import rdflib

from graph.config import DEFAULT_BASE

__all__ = ["DEFAULT_BASE", "REFERENCE_DIR", "load_reference_graph", "reference_files"]

REFERENCE_DIR = Path(__file__).parent
"""Directory holding the reference Turtle files (shipped as package data)."""


def reference_files() -> list[Path]:
    """Return every reference Turtle file, sorted by name.

    A glob rather than a fixed list, so that a new curated file is picked up by the build and by
    the alias loader alike; sorting keeps the load order reproducible.
    """
    return sorted(REFERENCE_DIR.glob("*.ttl"))


def load_reference_graph(base: str = DEFAULT_BASE) -> rdflib.Graph:
    """Parse every reference file into one rdflib graph, resolving relative IRIs against *base*.

    The base must end with ``/``: relative prefixes such as ``<organ/>`` are resolved by RFC 3986
    rules, which would silently drop the last path segment of a base without a trailing slash.
    """
    if not base.endswith("/"):
        raise ValueError(f"data base IRI must end with '/': {base!r}")
    graph = rdflib.Graph()
    for path in reference_files():
        graph.parse(path, format="turtle", publicID=base)
    return graph
