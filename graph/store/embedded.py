"""The embedded store: an on-disk (or in-memory) pyoxigraph store, the default, written by
``build`` and served by the server's workers.

Its verbs are pyoxigraph's own — load, query, update, dump, and the quad patterns the validator
reads — so the build, the release steps and the validator use it without reaching for the
engine underneath.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import PREFIXES
from graph.store.errors import StoreError
from graph.store.merge import default_graph_copy


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
        #: The statements matching a pattern (``None`` matches anything), graph by graph: the
        #: engine's own method, bound once, as the validator calls it per node.
        self.quads_for_pattern = self._store.quads_for_pattern

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself. Kept only while callers move to the verbs above and
        below (nothing in graph/ or server/ should use it): remove once none does."""
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

    def update(self, sparql: str, **kwargs: object) -> None:
        """Run a SPARQL Update with the project's prefixes predeclared (as for queries)."""
        kwargs.setdefault("prefixes", PREFIXES)
        self._store.update(sparql, **kwargs)  # type: ignore[arg-type]

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads as they are, each in its own graph (nothing is added to the merge)."""
        self._store.extend(quads)

    def load_quads(self, quads: Collection[ox.Quad]) -> None:
        """Add quads held in memory to their named graphs and to the merged default graph, as
        :meth:`load_dataset` does for a whole dump (the build's derived statements)."""
        self._store.extend(quads)
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)

    def merge_graphs(self, graphs: Iterable[str]) -> None:
        """Copy the statements of named graphs into the default graph: the researcher's files,
        merged once they are loaded (their validation compares the graph before and after)."""
        self._store.extend([
            ox.Quad(q.subject, q.predicate, q.object)
            for g in graphs
            for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))
        ])

    def dump(self, fmt: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        """The store in ``fmt``: every quad for a dataset syntax (N-Quads, TriG), or the default
        graph (the merge) — or the named ``graph`` — for a graph syntax (N-Triples, Turtle)."""
        if graph is not None:
            return self._store.dump(format=fmt, from_graph=ox.NamedNode(graph)) or b""
        if fmt.supports_datasets:
            return self._store.dump(format=fmt) or b""
        return self._store.dump(format=fmt, from_graph=ox.DefaultGraph()) or b""

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The names of the store's named graphs."""
        return iter(self._store.named_graphs())

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Make every write durable before the store is handed to readers."""
        self._store.flush()
