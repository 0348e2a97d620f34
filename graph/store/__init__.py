"""The store layer: which store to open (a descriptor), the two stores behind one small set of
verbs, the errors a query can end in, and the one module that reads SPARQL text.

=====================  =============================================================
module                 job
=====================  =============================================================
``descriptor``         ``oxigraph:PATH`` / ``sparql:URL`` and :func:`open_store`
``interface``          :class:`Store`: load, query, update, dump; :class:`PatternStore`
``embedded``           :class:`OxigraphStore`, the pyoxigraph store (the default)
``remote``             :class:`SparqlHttpStore`, any SPARQL 1.1 store over HTTP
``errors``             :class:`QueryError` and every failure under it
``text``               the SPARQL lexer, prologue, prefixes and base, dataset clauses
``merge``              the merged default graph of a dataset, as N-Quads text
=====================  =============================================================

Callers import from here (``from graph.store import open_store, QueryError``); the modules
import one another only downwards (errors and text at the bottom, descriptor at the top).
"""

from __future__ import annotations

from graph.store.descriptor import Descriptor, open_store
from graph.store.embedded import OxigraphStore
from graph.store.errors import (
    PoolBusy,
    QueryError,
    QueryFailed,
    QueryTimeout,
    StoreError,
    StoreRejected,
    StoreTimeout,
    WorkerCrashed,
)
from graph.store.interface import PatternStore, Store
from graph.store.merge import default_graph_copy
from graph.store.remote import MERGED_GRAPH, PROJECT_NAMESPACE, SparqlHttpStore
from graph.store.text import DatasetConflict, parse_prologue, with_base, with_prefixes

__all__ = [
    "MERGED_GRAPH",
    "PROJECT_NAMESPACE",
    "DatasetConflict",
    "Descriptor",
    "OxigraphStore",
    "PatternStore",
    "PoolBusy",
    "QueryError",
    "QueryFailed",
    "QueryTimeout",
    "SparqlHttpStore",
    "Store",
    "StoreError",
    "StoreRejected",
    "StoreTimeout",
    "WorkerCrashed",
    "default_graph_copy",
    "open_store",
    "parse_prologue",
    "with_base",
    "with_prefixes",
]
