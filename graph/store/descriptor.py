"""Which store to open, named by a descriptor string, and :func:`open_store` that opens it.

``oxigraph:PATH`` is the embedded on-disk pyoxigraph store (the default, written by ``build``);
``sparql:URL`` is any SPARQL 1.1 store reached over HTTP (:mod:`graph.store.remote`). The CLI and
the server name a descriptor, never a backend class, so a deployment switches stores by setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.store.embedded import OxigraphStore
from graph.store.errors import StoreError
from graph.store.remote import SparqlHttpStore


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
        return SparqlHttpStore(
            parsed.location, update_url=update_url or None,
            graph_store_url=graph_store_url or None, auth=auth,
        )
    path = Path(parsed.location)
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: build the graph first with `mandate-graph build`")
    return OxigraphStore(path, read_only=read_only)
