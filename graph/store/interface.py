"""The verbs every store of the project offers, whichever backend answers them.

They are pyoxigraph's own (load, query, update, dump), so the embedded store
(:class:`graph.store.embedded.OxigraphStore`) is a thin layer over the engine and the HTTP
store (:class:`graph.store.remote.SparqlHttpStore`) speaks them with the SPARQL 1.1 protocols.
Code that works on either store types its argument with :class:`Store`; code that reads quad
patterns (the validator, the release's counts) with :class:`PatternStore`, which the embedded
store and a bare pyoxigraph store both are.

A query's answer is the backend's: pyoxigraph's solutions, boolean or triples for the embedded
store; rows of terms, a boolean or N-Triples for the HTTP store. Rows of both are read the same
way (``row["var"]`` gives a pyoxigraph term).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import pyoxigraph as ox


class Store(Protocol):
    """What the build, the CLI and the server may ask of any store."""

    def load_bytes(self, data: bytes, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Load a serialisation held in memory; triples go to ``graph``, quads keep theirs."""

    def query(self, sparql: str) -> object:
        """Run a query, the project's prefixes predeclared."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update, the project's prefixes predeclared."""

    def dump(self, fmt: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        """The store's quads (dataset syntaxes) or its default or ``graph`` graph, in ``fmt``."""

    def __len__(self) -> int:
        """The number of quads the store holds."""


class PatternStore(Protocol):
    """A store read by quad patterns as well as by queries: the embedded store, or a scratch
    pyoxigraph store (the validator loads a researcher's files into one). The validator, the
    search index and the release's counts read either through these two verbs."""

    def query(self, query: str, /, **kwargs: Any) -> Any:
        """Run a SPARQL query (pyoxigraph's keyword options: substitutions, union graph…)."""

    def quads_for_pattern(
        self, subject: Any, predicate: Any, obj: Any, graph_name: Any = None, /
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern, ``None`` matching anything."""
