"""The store interface: one small set of verbs, two backends chosen by a descriptor string.

``oxigraph:PATH`` is the embedded on-disk pyoxigraph store (the default, written by ``build``);
``sparql:URL`` is any SPARQL 1.1 store reached over HTTP (:mod:`graph.remote_store`). The CLI and
the server name a descriptor, never a backend class, so a deployment switches stores by setting.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.namespaces import PREFIXES

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


#: The graph label closing an N-Quads line: an IRI (never a space, quote or angle bracket inside,
#: so the match cannot start inside a literal) then the final full stop.
_GRAPH_LABEL = rb' <%s[^<>"\s]*> \.$'


def default_graph_copy(
    nquads: bytes, *, keep_prefix: str = "", keep_graphs: Collection[str] = ()
) -> bytes:
    """The statements of ``nquads`` with their graph labels dropped: the merged default graph.

    Text in, text out, at the speed of one regular-expression pass: building quad objects in
    Python to do the same costs more than loading them. Every line must carry an IRI graph label
    (the build's dumps do: each statement is in the graph of the document that states it).
    Lines of graphs whose IRI starts with ``keep_prefix``, or is one of ``keep_graphs``, are left
    as they are, so loading the copy adds nothing to the default graph for them (the
    researcher's files, merged after their own validation).
    """
    kept = [re.escape(keep_prefix.encode())] if keep_prefix else []
    kept += [re.escape(iri.encode()) + b">" for iri in sorted(keep_graphs)]
    guard = b"(?!" + b"|".join(kept) + b")" if kept else b""
    return re.sub(_GRAPH_LABEL % guard, b" .", nquads, flags=re.MULTILINE)


class _Concatenation:
    """A read-only file over several byte strings, so one bulk load can read them in turn
    without a copy of their concatenation (several GB at 10 M triples)."""

    def __init__(self, *parts: bytes) -> None:
        self._parts = [memoryview(p) for p in parts if p]
        self._index = 0
        self._offset = 0

    def read(self, size: int = -1) -> bytes:
        while self._index < len(self._parts):
            part = self._parts[self._index]
            if self._offset < len(part):
                end = len(part) if size < 0 else min(len(part), self._offset + size)
                chunk = part[self._offset:end].tobytes()
                self._offset = end
                return chunk
            self._index += 1
            self._offset = 0
        return b""


class OxigraphStore:
    """An on-disk pyoxigraph store, opened read-write (for builds) or read-only (for serving)."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        """Open (or create) the store at ``path``; ``None`` makes a store in memory."""
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            else:
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

    def load_dataset(
        self, nquads: bytes, *, unmerged_prefix: str = "", unmerged_graphs: Collection[str] = ()
    ) -> None:
        """Load named-graph quads and make the default graph their merge, in one bulk load.

        The default graph holds each statement once, whatever the number of documents stating
        it, so that a query without GRAPH counts it once (pyoxigraph's union default graph
        would count it once per graph). Writing that merge with SPARQL ``INSERT … WHERE``
        after the load tripled the load time at 1 M quads; one bulk load of the quads followed
        by their copy without graph labels costs about a fifth more than loading the quads
        alone (bench/RESULTS.md). Graphs under ``unmerged_prefix``, and the ``unmerged_graphs``,
        stay out of the merge.

        The parse is lenient (no IRI and language-tag checks): the quads are the build's own
        dump, written by pyoxigraph from terms it had already checked when they were parsed or
        made, so checking them again only costs time (about a sixth of this load at 1 M quads).
        """
        copy = default_graph_copy(
            nquads, keep_prefix=unmerged_prefix, keep_graphs=unmerged_graphs
        )
        self._store.bulk_load(
            input=_Concatenation(nquads, b"\n", copy), format=ox.RdfFormat.N_QUADS,
            lenient=True,
        )

    def load_dataset_files(self, named: Path, merged: Path) -> None:
        """:meth:`load_dataset` from the files :class:`graph.assemble.DatasetWriter` wrote:
        the named graphs, then their merge, each streamed from disk (a corpus of millions of
        quads is never held in memory).

        Every statement of ``named`` must be in a named graph: a build that put one in the
        default graph would have it counted as part of the merge, so that is checked between
        the two loads (raises ``ValueError``).
        """
        self._store.bulk_load(path=str(named), format=ox.RdfFormat.N_QUADS, lenient=True)
        if bool(self._store.query("ASK { ?s ?p ?o }")):
            raise ValueError("a statement was loaded into the default graph, not a named graph")
        self._store.bulk_load(path=str(merged), format=ox.RdfFormat.N_QUADS, lenient=True)

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
