"""What the server asks of a store, the two backends that answer, and :func:`run_query`.

Every route and page asks through :func:`run_query` (a query file of ``server/queries/`` by
name, or SPARQL text, with variables bound): it takes the backend picked for the request, the
time limit and the row cap, so a page's queries live under the same limits as a client's. Its
errors (:class:`graph.store.QueryError`) rise to the app's one handler.

The backends speak one small interface (:class:`Backend`): answer a query in a negotiated
format under a time limit, run an update, stop. The embedded pyoxigraph store answers through
the worker pool (the only way to stop a runaway query); an external SPARQL 1.1 store answers
over HTTP with the request's remaining time as its socket timeout. Both write their answers
with :mod:`server.results`, so a client cannot tell them apart.
"""

from __future__ import annotations

import copy
import re
import time
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from flask import current_app, g

from graph.namespaces import MG
from graph.store import (
    Descriptor,
    SparqlHttpStore,
    StoreError,
    StoreRejected,
    StoreTimeout,
    open_store,
    parse_prologue,
)
from graph.store.text import names_graphs, pattern_start
from server.order_by import orders_results
from server.results import Answer, Formats, boolean_answer, graph_answer, solutions_answer
from server.settings import Settings
from server.workers import Job, QueryFailed, QueryTimeout, WorkerCrashed, WorkerPool

#: Queries remembered as needing their ORDER BY done in Python (the set is emptied when full).
UNSORTABLE_KEPT = 256
#: A graph IRI no store holds: the half of a protocol dataset the request left out.
EMPTY_GRAPH = MG + "noGraph"
#: Variables bound before a query runs: (name without ``?``, term) pairs.
Bindings = tuple[tuple[str, ox.NamedNode | ox.Literal], ...]
#: The answer type of the server's own SELECT and ASK queries.
SOLUTIONS_JSON = "application/sparql-results+json"
#: What the server's own queries are answered in unless a caller asks otherwise.
OWN_FORMATS = Formats(SOLUTIONS_JSON, None)
#: The server's own query files, named by their path below this folder without ``.rq``.
QUERIES_DIR = Path(__file__).resolve().parent / "queries"
#: What a query file's name looks like (``home-counts``, ``graph/node-labels``).
QUERY_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")


@dataclass(frozen=True)
class QueryRequest:
    """A query as the protocol gave it, with the dataset and the formats negotiated for it."""

    sparql: str
    formats: Formats
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: Variables bound to terms before the query runs (only the server's own queries use it).
    substitutions: Bindings = ()
    #: the most rows answered, when not the server's cap: the one reading of the whole
    #: dependency graph per release takes every edge (70,000 on the default build)
    max_rows: int | None = None


#: a comment line of a query marking where its bound parameters join (repeatable: one in each
#: branch of a UNION); without one, the VALUES block opens the WHERE pattern
PARAMETERS_MARK = re.compile(r"^[ \t]*# parameters join here\b[^\n]*$", re.MULTILINE)


def with_values(sparql: str, substitutions: Bindings) -> str:
    """The query with its bound variables as a ``VALUES`` block, for either store.

    Why VALUES: the SPARQL protocol has no way to send bindings next to a query, and splicing a
    term into the query text is how injections happen. A VALUES block (SPARQL 1.1 §10.2) carries
    the terms as data; each is written by pyoxigraph's own serialiser, and a ``NamedNode``
    cannot hold ``>`` or spaces, so nothing can escape the block.

    Why at the start of the WHERE pattern rather than after the query: there it binds the
    variables before the rest of the pattern is matched, as substitution does, so property
    paths, OPTIONALs and aggregates all see the bound value. A trailing block is joined only
    with the query's final solutions, and Virtuoso 7.2 ignores it altogether for the start of
    a property path: the citation-chain and organ-hierarchy named queries came back unbound,
    the whole graph's chains instead of one resolution's. A query whose pattern cannot take a
    VALUES block (``CONSTRUCT WHERE``) gets the trailing form; a query with ``# parameters
    join here`` lines gets it after each of them instead (:data:`PARAMETERS_MARK`, for the
    branches of a UNION, where a block before it is not pushed). The embedded store gets the same
    text (see :class:`EmbeddedBackend`): one way of binding, so both stores answer alike.
    """
    if not substitutions:
        return sparql
    return with_value_rows(sparql, [name for name, _term in substitutions],
                           [[term for _name, term in substitutions]])


def with_value_rows(
    sparql: str, names: list[str], rows: list[list[ox.NamedNode | ox.Literal]]
) -> str:
    """The query with a ``VALUES`` block of several rows (see :func:`with_values`): the names
    of the IRIs a page shows are read in one query, not one query per IRI."""
    terms = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    block = f"VALUES ({' '.join(f'?{name}' for name in names)}) {{ {terms} }}"
    marks = [m.end() for m in PARAMETERS_MARK.finditer(sparql)]
    if marks:
        # the query says where its parameters join: inside each branch of a UNION, where the
        # engines start from them (a block before the UNION is not pushed into its branches:
        # citation-chain walked every resolution's chain, 27-174 s at 12 M quads, 3.8 s so)
        pieces, last = [], 0
        for end in marks:
            pieces += [sparql[last:end], f"\n{block}"]
            last = end
        return "".join(pieces) + sparql[last:]
    start = pattern_start(sparql)
    if start is None:
        return f"{sparql}\n{block}\n"
    return f"{sparql[:start]} {block}\n{sparql[start:]}"


class Backend(Protocol):
    """A store the server can answer from."""

    def answer(self, request: QueryRequest, timeout: float) -> Answer:
        """The serialised answer, or QueryFailed / QueryTimeout / PoolBusy / WorkerCrashed."""

    def update(self, sparql: str, timeout: float) -> None:
        """Run a SPARQL Update."""

    def start(self) -> None:
        """Get ready to answer at once (workers started); optional, answers start it too."""

    def close(self) -> None:
        """Release processes and connections."""


class EmbeddedBackend:
    """The on-disk pyoxigraph store, queried by worker processes that can be killed."""

    def __init__(self, path: Path, *, workers: int, max_rows: int, base: str = "") -> None:
        self.max_rows = max_rows
        self.base = base or None
        self.pool = WorkerPool(path, workers)
        #: queries whose ORDER BY made the engine abort: ordered in Python from then on
        self._unsortable: set[str] = set()

    def answer(self, request: QueryRequest, timeout: float) -> Answer:
        # The same VALUES block as for an HTTP store, not pyoxigraph's ``substitutions``:
        # pyoxigraph 0.5 does not start the evaluation from a substituted variable, so
        # document-facts read every document's facts before keeping one document's (344 ms
        # at 1M quads, against 0.3 ms with the block opening the pattern; facts-by-rule 620
        # against 240 ms).
        deadline = time.monotonic() + timeout
        sparql = with_values(request.sparql, request.substitutions)
        job = Job(
            sparql, request.formats, request.max_rows or self.max_rows, request.default_graph,
            request.named_graphs,
            base_iri=self.base, order_in_python=sparql in self._unsortable,
        )
        try:
            return self.pool.run(job, timeout)
        except (WorkerCrashed, QueryFailed) as err:
            # pyoxigraph aborts the process (or panics) on some ORDER BYs over values of mixed
            # types (server.order_by): run it again with the ordering done in Python, and
            # remember the query so that it goes that way at once next time.
            engine = err.aborted if isinstance(err, WorkerCrashed) else err.kind == "engine"
            if not engine or job.order_in_python or not orders_results(sparql):
                raise
        if len(self._unsortable) >= UNSORTABLE_KEPT:
            self._unsortable.clear()
        self._unsortable.add(sparql)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise QueryTimeout() from None
        return self.pool.run(replace(job, order_in_python=True), remaining)

    def update(self, sparql: str, timeout: float) -> None:
        self.pool.run_update(Job(sparql, update=True, base_iri=self.base), timeout)

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        self.pool.close()


class RemoteBackend:
    """Any SPARQL 1.1 store over HTTP; it enforces the time limit as a socket timeout."""

    def __init__(
        self, store: SparqlHttpStore, *, max_rows: int, default_graph: str = "", base: str = ""
    ) -> None:
        self.store = store
        self.max_rows = max_rows
        self.default_graph = default_graph
        self.base = base

    def _with_timeout(self, timeout: float) -> SparqlHttpStore:
        """A copy of the store client with this request's timeout (the client is stateless)."""
        store = copy.copy(self.store)
        store.timeout = timeout
        store.base_iri = self.base or None
        return store

    def answer(self, request: QueryRequest, timeout: float) -> Answer:
        store = self._with_timeout(timeout)
        dataset = {
            "default-graph-uri": request.default_graph,
            "named-graph-uri": request.named_graphs,
        }
        if request.default_graph or request.named_graphs:
            # SPARQL 1.1 Protocol: the parameters given are the whole dataset, so the half
            # left out is empty. Virtuoso fills an absent half with all its graphs; a graph
            # IRI it does not hold keeps that half empty (and Virtuoso never fetches it).
            for name, graphs in dataset.items():
                dataset[name] = graphs or (EMPTY_GRAPH,)
        if (self.default_graph and not request.default_graph and not request.named_graphs
                and not names_graphs(request.sparql)):
            # The merge, as the embedded store's default graph is: Virtuoso's own default
            # graph matches a statement once per graph stating it, so counts come out
            # multiplied. Not for a query with FROM or GRAPH (see names_graphs): it keeps the
            # store's own dataset, named graphs and all.
            dataset["default-graph-uri"] = (self.default_graph,)
        _declared, form = parse_prologue(request.sparql)
        sparql = with_values(request.sparql, request.substitutions)
        try:
            if form == "ASK":
                return boolean_answer(store.ask(sparql, dataset), request.formats)
            if form in {"CONSTRUCT", "DESCRIBE"}:
                data = store.construct(sparql, dataset)
                triples = (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
                return graph_answer(triples, request.formats, request.max_rows or self.max_rows)
            variables, rows = store.solutions(sparql, dataset)
            return solutions_answer(variables, rows, request.formats,
                                    request.max_rows or self.max_rows)
        except StoreTimeout:
            raise QueryTimeout() from None
        except StoreRejected as err:
            raise QueryFailed("rejected", str(err)) from None
        except StoreError as err:
            raise QueryFailed("store", str(err)) from None

    def update(self, sparql: str, timeout: float) -> None:
        try:
            self._with_timeout(timeout).update(sparql)
        except StoreTimeout:
            raise QueryTimeout() from None
        except StoreRejected as err:
            raise QueryFailed("rejected", str(err)) from None
        except StoreError as err:
            raise QueryFailed("store", str(err)) from None

    def start(self) -> None:
        """Nothing to start: the store runs elsewhere."""

    def close(self) -> None:
        """Nothing to release: each request opens its own connection."""


class Sparql(str):
    """Query text a client sent: :func:`run_query` never takes it for the name of a file."""


@cache
def query_text(name: str) -> str:
    """The text of ``server/queries/<name>.rq`` (read once: the files ship with the server)."""
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def request_backend() -> Backend:
    """The backend answering this request, picked once for it (served or pinned release) by
    :mod:`server.releases` before the route runs; the served store outside a request."""
    picked: Backend | Exception | None = g.get("backend")
    if picked is None:
        backend: Backend = current_app.extensions["backend"]
        return backend
    if isinstance(picked, Exception):  # the release= asked for cannot answer: 400 or 410
        raise picked
    return picked


def run_query(
    name_or_text: str,
    /,
    *,
    formats: Formats = OWN_FORMATS,
    timeout: float | None = None,
    max_rows: int | None = None,
    dataset: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    rows: tuple[list[str], list[list[ox.NamedNode | ox.Literal]]] | None = None,
    bound: Bindings = (),
    **bindings: ox.NamedNode | ox.Literal,
) -> Answer:
    """The answer of one query, from the backend of this request, under its limits.

    ``name_or_text`` is a file of ``server/queries/`` by name (``home-counts``), else SPARQL
    text (always so when it is :class:`Sparql`). ``bindings`` bind variables to terms;
    ``bound`` does the same with (name, term) pairs, for names known only at run time (a named
    query's parameters), which could clash with the options here; ``rows`` binds variables to
    several rows at once, the names first. Neither is pasted into the text: see
    :func:`with_values`. ``timeout`` (seconds) and ``max_rows`` replace the server's for this
    query; ``dataset`` is the protocol's default and named graph IRIs.

    Raises the store's errors (:class:`graph.store.QueryError`): the app's handler answers
    them, with the time limit this query had.
    """
    named = not isinstance(name_or_text, Sparql) and QUERY_NAME.fullmatch(name_or_text)
    sparql = query_text(name_or_text) if named else str(name_or_text)
    if rows is not None:
        sparql = with_value_rows(sparql, *rows)
    substitutions = tuple(sorted({**dict(bound), **bindings}.items(), key=lambda kv: kv[0]))
    settings: Settings = current_app.config["SETTINGS"]
    limit = timeout or settings.query_timeout
    request = QueryRequest(sparql, formats, *dataset, substitutions=substitutions,
                           max_rows=max_rows)
    try:
        return request_backend().answer(request, limit)
    except QueryTimeout as err:
        err.limit = limit  # the pool knows only the time left; the message names the limit
        raise


def make_backend(settings: Settings) -> Backend:
    """The backend the settings' store descriptor names; StoreError when it cannot be opened."""
    parsed = Descriptor.parse(settings.store)
    if parsed.kind == "sparql":
        store = open_store(
            settings.store,
            update_url=settings.store_update_url,
            graph_store_url=settings.store_graph_store_url,
            auth=settings.store_auth,
        )
        assert isinstance(store, SparqlHttpStore)
        if settings.store_default_graph:
            try:
                ox.NamedNode(settings.store_default_graph)
            except ValueError:
                raise StoreError(
                    f"store_default_graph {settings.store_default_graph!r} is not an absolute "
                    "IRI: give the IRI of the named graph holding the merge "
                    "(MANDATE_GRAPH_STORE_DEFAULT_GRAPH)"
                ) from None
        return RemoteBackend(
            store, max_rows=settings.max_rows, default_graph=settings.store_default_graph,
            base=settings.base,
        )
    # Opened once here only to fail early with a clear message (no store, not a store); the
    # handle is dropped at once so that only the workers hold the store.
    open_store(settings.store, read_only=True)
    return EmbeddedBackend(
        Path(parsed.location), workers=settings.workers, max_rows=settings.max_rows,
        base=settings.base,
    )
