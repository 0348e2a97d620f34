"""The store interface: one small set of verbs, two backends chosen by a descriptor string.

``oxigraph:PATH`` is the embedded on-disk pyoxigraph store (the default, written by ``build``);
``sparql:URL`` is any SPARQL 1.1 store reached over HTTP (:mod:`graph.remote_store`). The CLI and
the server name a descriptor, never a backend class, so a deployment switches stores by setting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.config import PREFIXES

if TYPE_CHECKING:
    from graph.remote_store import SparqlHttpStore


class StoreError(Exception):
    """A store could not be opened or answered with an error a user can act on."""


class StoreTimeout(StoreError):
    """An external store did not answer in time (the server maps it to its own time limit)."""


@dataclass(frozen=True)
class Descriptor:
    """A parsed store descriptor: ``kind:location``."""

    kind: str
    location: str

    @classmethod
    def parse(cls, text: str) -> Descriptor:
        kind, sep, location = text.partition(":")
        if not sep or kind not in {"oxigraph", "sparql"} or not location:
            raise StoreError(
                f"unknown store descriptor {text!r}: expected 'oxigraph:PATH' "
                "(for example 'oxigraph:build/current/store') or 'sparql:URL' "
                "(for example 'sparql:http://localhost:8890/sparql')"
            )
        return cls(kind, location)


class OxigraphStore:
    """An on-disk pyoxigraph store, opened read-write (for builds) or read-only (for serving)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        try:
            self._store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as err:
            raise StoreError(f"cannot open the store at {path}: {err}") from err

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself, for code that needs its full API (bulk loads, dumps)."""
        return self._store

    def bulk_load(self, path: Path, *, base_iri: str | None, graph: str | None) -> None:
        """Load one RDF file; triples go to ``graph`` (quads keep their own graphs)."""
        to_graph = ox.NamedNode(graph) if graph else None
        self._store.bulk_load(path=str(path), base_iri=base_iri, to_graph=to_graph)

    def load_bytes(self, data: bytes, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Load a serialisation held in memory (the output of extraction)."""
        to_graph = ox.NamedNode(graph) if graph else None
        self._store.bulk_load(input=data, format=fmt, to_graph=to_graph)

    def query(
        self, sparql: str, **kwargs: object
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query with the project's prefixes predeclared.

        The default graph is the merge of all named graphs (the build writes it), so a query
        without GRAPH sees each statement once.
        """
        kwargs.setdefault("prefixes", PREFIXES)
        return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Make every write durable before the store is handed to readers."""
        self._store.flush()


def open_store(
    descriptor: str,
    *,
    read_only: bool = True,
    update_url: str | None = None,
    graph_store_url: str | None = None,
    auth: tuple[str, str] | None = None,
) -> OxigraphStore | SparqlHttpStore:
    """Open the store a descriptor names; read-only unless the caller builds.

    ``update_url``, ``graph_store_url`` and ``auth`` only matter to a ``sparql:`` store (where
    to send updates and loads, and as whom); the embedded store ignores them.
    """
    parsed = Descriptor.parse(descriptor)
    if parsed.kind == "sparql":
        from graph.remote_store import SparqlHttpStore

        return SparqlHttpStore(
            parsed.location, update_url=update_url or None,
            graph_store_url=graph_store_url or None, auth=auth,
        )
    path = Path(parsed.location)
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: build the graph first with `mandate-graph build`")
    return OxigraphStore(path, read_only=read_only)
