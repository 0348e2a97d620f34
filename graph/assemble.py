"""A release's dataset, written once: ``graph.nq`` and the merged default graph beside it.

The build used to gather every document's quads in a store in memory, dump it and sort the
dump: at three million quads that held the dataset three times in memory (6 GB) and cost as much
time as loading the store. The dataset is made of parts that never share a named graph (the
ontology, the reference data, each document's graph, the researcher's files, the corpus index),
and each part already comes as pyoxigraph's N-Quads. So each part is deduplicated and sorted on
its own and appended to the file in a fixed order, with its SHA-256 updated as it goes; the
copy without graph labels (the merged default graph, see :meth:`OxigraphStore.load_dataset`) is
written beside it. Memory holds one part at a time.

The same inputs give the same bytes: the parts come in the build's order (documents by their
identifier) and each part's lines are sorted. ``graph.nq`` is therefore N-Quads grouped by part,
each part's lines sorted — a set of lines, as ``graph.diff`` reads it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from graph.store import default_graph_copy

#: a blank node in subject or object position: the build skolemises them, so a part holding one
#: would make the release's bytes depend on the parser's labels
_BLANK = re.compile(rb"(?:^|\s)_:", re.MULTILINE)


class AssemblyError(Exception):
    """A part cannot go into the release as it is (a blank node, which the build never makes)."""


class DatasetWriter:
    """Appends parts to ``graph.nq`` and their merge to ``merged``; counts and hashes them."""

    def __init__(
        self, path: Path, merged: Path, *, unmerged_prefix: str = "",
        unmerged_graphs: Collection[str] = (),
    ) -> None:
        self.path = path
        self.merged = merged
        self.quads = 0
        self._digest = hashlib.sha256()
        self._unmerged_prefix = unmerged_prefix
        self._unmerged_graphs = unmerged_graphs
        self._out: BinaryIO = path.open("wb")
        self._merged_out: BinaryIO = merged.open("wb")

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """A part given as quads (the ontology, the reference data, a file's description)."""
        self.add_nquads(ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b"")

    def add_nquads(self, *chunks: bytes) -> None:
        """One part as N-Quads text (pyoxigraph's serialisation), in one or several chunks that
        may repeat each other's lines."""
        lines = sorted({line for chunk in chunks for line in chunk.splitlines() if line})
        if not lines:
            return
        data = b"\n".join(lines) + b"\n"
        merged = default_graph_copy(
            data, keep_prefix=self._unmerged_prefix, keep_graphs=self._unmerged_graphs
        )
        if _BLANK.search(data):
            blank = next(line for line in lines if _BLANK.search(line))
            raise AssemblyError(f"a statement of the build has a blank node: {blank.decode()}")
        self._out.write(data)
        self._merged_out.write(merged)
        self._digest.update(data)
        self.quads += len(lines)

    def flush(self) -> None:
        """Make what was written readable by a loader, while parts may still follow."""
        self._out.flush()
        self._merged_out.flush()

    def close(self) -> str:
        """Finish both files; the SHA-256 of ``graph.nq``."""
        self._out.close()
        self._merged_out.close()
        return self._digest.hexdigest()


def graph_quads(data: bytes, fmt: ox.RdfFormat, graph: str, base: str) -> list[ox.Quad]:
    """The triples of an RDF text, in one named graph."""
    label = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, label)
            for t in (q.triple for q in ox.parse(data, format=fmt, base_iri=base))]
