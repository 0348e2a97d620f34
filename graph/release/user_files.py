"""The researcher's own RDF files, given with ``build --add``: read, checked, canonicalised.

Each file's default graph goes to its own graph ``graph/user/<stem>``; the graphs a file names
keep their IRIs, unless they are the build's own (under ``{base}graph/``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph.config import graph_iri
from graph.rdf_files import canonical_nquads
from graph.release.layout import USER_GRAPH, ReleaseError
from graph.sources import stem_of

#: what a researcher may add with ``build --add``: suffix → pyoxigraph format
USER_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class UserFile:
    """A file given with ``build --add``: its graphs, its hash for the provenance.

    The statements of the file's default graph go to its own graph ``graph/user/<stem>``; those
    of its named graphs (TriG, N-Quads, JSON-LD) stay in the graphs the file names.
    """

    path: Path
    stem: str
    sha256: str
    nquads: bytes  # canonical, blank nodes skolemised: the build stays deterministic
    graphs: tuple[str, ...]  # the IRIs of the graphs the file fills, sorted

    def graph(self, base: str) -> str:
        """The file's own graph: where the statements of its default graph go."""
        return graph_iri(base, USER_GRAPH + self.stem)


def read_user_files(paths: Iterable[Path], *, base: str) -> list[UserFile]:
    """Parse each file: its default graph into the file's own graph, its named graphs kept.

    A graph name under ``{base}graph/`` is refused (those are the build's graphs: ontology,
    reference data, documents, other files, the release), as is a graph named by a blank node,
    which no query could name.
    """
    from graph.validate.data import to_rdflib

    files: list[UserFile] = []
    seen: dict[str, Path] = {}
    reserved = graph_iri(base, "")
    for path in paths:
        fmt = USER_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ReleaseError(
                f"{path}: unsupported file type {path.suffix!r} for --add; expected one of "
                f"{', '.join(sorted(USER_FORMATS))}"
            )
        try:
            raw = path.read_bytes()
            quads = list(ox.parse(raw, format=fmt, base_iri=base))
        except SyntaxError as err:
            raise ReleaseError(f"{path}:{err.lineno}: not valid {fmt.name}: {err.msg}") from err
        except (OSError, ValueError) as err:
            raise ReleaseError(f"{path}: cannot read the file: {err}") from err
        stem = stem_of(path)
        if stem in seen:
            raise ReleaseError(f"{path}: same graph name {stem!r} as {seen[stem]}; rename one")
        seen[stem] = path
        own = URIRef(graph_iri(base, USER_GRAPH + stem))
        rows = []
        for quad in quads:
            name = quad.graph_name
            if isinstance(name, ox.BlankNode):
                raise ReleaseError(
                    f"{path}: a graph is named by the blank node {name}; name it with an IRI "
                    "(or put its statements in the file's default graph)"
                )
            if isinstance(name, ox.NamedNode) and name.value.startswith(reserved):
                raise ReleaseError(
                    f"{path}: graph {name.value} is under {reserved}, where the build keeps its "
                    "own graphs; name your graph with another IRI"
                )
            graph = URIRef(name.value) if isinstance(name, ox.NamedNode) else own
            rows.append((to_rdflib(quad.subject), to_rdflib(quad.predicate),
                         to_rdflib(quad.object), graph))
        digest = hashlib.sha256(raw).hexdigest()
        graphs = tuple(sorted({str(row[3]) for row in rows}))
        files.append(UserFile(path, stem, digest, canonical_nquads(rows, base=base), graphs))
    return files
