"""A pool of worker processes that run queries on the embedded store, each under a deadline.

Why processes: pyoxigraph has no query timeout, and a thread cannot be stopped from outside, so
the only way to really stop a runaway query is to kill the process running it. Each worker opens
the store read-only (``pyoxigraph.Store.read_only``), runs one job at a time and sends back the
serialised answer. The server waits for the answer until the job's deadline; past it the worker is
killed with SIGKILL, a fresh one takes its place, and the caller gets :class:`QueryTimeout`. A
worker that dies on its own (a crash, the OOM killer) is replaced the same way and its caller gets
:class:`WorkerCrashed`, never a hang.

Workers are started with the ``spawn`` method: the server runs request threads, and forking a
threaded process can copy a lock held by another thread into the child.

Updates (only when the update endpoint is enabled) need the store open for writing, which
RocksDB does not allow while readers hold it open: the pool waits for every reader to be idle,
stops them, runs the update in one writer process under the same deadline, then starts the
readers again.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import PREFIXES
from graph.store.errors import PoolBusy, QueryFailed, QueryTimeout, WorkerCrashed
from server.order_by import CannotOrder, ordered_answer
from server.results import (
    Answer,
    Formats,
    NotAcceptable,
    boolean_answer,
    graph_answer,
    solutions_from_store,
)

_CONTEXT = multiprocessing.get_context("spawn")


#: What a client is told when the engine aborts on an ORDER BY the server cannot do itself.
ENGINE_ABORTED = (
    "the query engine stopped on this query's ORDER BY (pyoxigraph 0.5 cannot sort values of "
    "some mixed types) and the server could not order the results itself"
)


@dataclass(frozen=True)
class Job:
    """One query (or update) and everything needed to answer it, sent to a worker process."""

    sparql: str
    formats: Formats = field(default_factory=lambda: Formats(None, None))
    max_rows: int = 10_000
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    update: bool = False
    #: what relative IRIs of the query or update resolve against (the data base)
    base_iri: str | None = None
    #: the top-level ORDER BY done in Python (:mod:`server.order_by`): the engine aborted on it
    order_in_python: bool = False


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


def _answer(store: ox.Store, job: Job) -> Answer:
    """Run the job on the store (inside the worker process)."""
    options: dict[str, object] = {"prefixes": PREFIXES, "base_iri": job.base_iri}
    if job.default_graph or job.named_graphs:
        # The protocol's dataset replaces the query's FROM / FROM NAMED whole: a default graph
        # given alone means no named graphs, named graphs alone an empty default graph
        # (SPARQL 1.1 Protocol §2.1.4). An IRI the store does not hold is an empty graph.
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graph]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.update:
        store.update(job.sparql, prefixes=PREFIXES, base_iri=job.base_iri)
        store.flush()
        return Answer("text/plain", b"")
    if job.order_in_python:
        try:
            return ordered_answer(store, job.sparql, options, job.formats, job.max_rows)
        except CannotOrder as err:
            raise QueryFailed("engine", ENGINE_ABORTED + f" ({err}).") from None
    result = store.query(job.sparql, **options)  # type: ignore[arg-type]
    if isinstance(result, ox.QueryBoolean):
        return boolean_answer(bool(result), job.formats)
    if isinstance(result, ox.QueryTriples):
        return graph_answer(result, job.formats, job.max_rows)
    return solutions_from_store(
        result, job.formats, job.max_rows,
        again=lambda: store.query(job.sparql, **options),  # type: ignore[arg-type]
    )


def _serve(conn: Connection, path: str, writable: bool) -> None:
    """A worker's life: open the store, then answer jobs until the pipe closes."""
    store: ox.Store | None = None
    opening_error = ""
    try:
        store = ox.Store(path) if writable else ox.Store.read_only(path)
    except OSError as err:
        opening_error = f"the worker cannot open the store at {path}: {err}"
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if store is None:
                raise QueryFailed("store", opening_error)
            reply: Answer | QueryFailed = _answer(store, job)
        except QueryFailed as err:
            reply = err
        except SyntaxError as err:
            reply = QueryFailed("syntax", str(err))
        except NotAcceptable as err:
            reply = QueryFailed("not_acceptable", str(err))
        except ValueError as err:  # a dataset IRI pyoxigraph will not take
            reply = QueryFailed("bad_request", str(err))
        except OSError as err:
            reply = QueryFailed("store", str(err))
        except BaseException as err:
            # A Rust panic that unwinds reaches Python as pyo3's PanicException, a
            # BaseException; one that aborts ends the process (WorkerCrashed). Either way the
            # job failed in the engine, not in the query: the backend may answer it otherwise.
            if type(err).__name__ != "PanicException":
                raise
            reply = QueryFailed("engine", f"the query engine failed: {err}")
        conn.send(reply)


class WorkerPool:
    """``size`` worker processes over the store at ``path``; started on first use."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = max(1, size)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []  # idle and busy, so that close() can stop every one
        self._free = threading.Condition(self._lock)
        self._busy = 0
        self._started = False
        self._closed = False
        self._writing = False

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers now rather than on the first query (``serve`` does)."""
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        if not self._started:
            self._idle = [self._spawn(writable=False) for _ in range(self.size)]
            self._started = True

    def _spawn(self, *, writable: bool) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(child, str(self.path), writable),
            name="mandate-graph-writer" if writable else "mandate-graph-worker", daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all = [w for w in self._all if w.process.is_alive()] + [worker]
        return worker

    def close(self) -> None:
        """Stop every worker: idle ones are asked to end, busy ones are killed mid-query."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = [w for w in self._all if w not in idle]
            self._all = []
            self._free.notify_all()
        for worker in busy:
            worker.process.kill()
        for worker in idle:
            _stop(worker)
        for worker in busy:
            worker.process.join(10)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests that check what is left behind)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid and w.process.is_alive()]

    # -- jobs ----------------------------------------------------------------------------------

    def run(self, job: Job, timeout: float) -> Answer:
        """Run a query job within ``timeout`` seconds, waiting for a free worker included."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            reply = self._exchange(worker, job, deadline)
        except BaseException:
            _kill(worker)  # whatever went wrong, the worker's state is unknown: replace it
            self._release(None)
            raise
        self._release(worker)
        if isinstance(reply, QueryFailed):
            raise reply
        return reply

    def run_update(self, job: Job, timeout: float) -> None:
        """Run an update alone on the store: readers stopped, one writer, readers restarted."""
        deadline = time.monotonic() + timeout
        with self._lock:
            self._start_locked()
            while self._writing or self._busy:
                if not self._free.wait(max(0.0, deadline - time.monotonic())):
                    raise PoolBusy("the store stayed busy with queries")
            self._writing = True
            readers, self._idle = self._idle, []
        try:
            for reader in readers:
                _stop(reader)
            with self._lock:
                writer = self._spawn(writable=True)
            try:
                reply = self._exchange(writer, job, deadline)
            finally:
                _stop(writer)
        finally:
            with self._lock:
                self._idle = [self._spawn(writable=False) for _ in range(self.size)]
                self._writing = False
                self._free.notify_all()
        if isinstance(reply, QueryFailed):
            raise reply

    def _acquire(self, deadline: float) -> _Worker:
        with self._lock:
            self._start_locked()
            while not self._idle or self._writing:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise PoolBusy(f"all {self.size} query workers stayed busy")
                self._free.wait(remaining)
            self._busy += 1
            return self._idle.pop()

    def _release(self, worker: _Worker | None) -> None:
        """Give a worker back; None means it was lost and a fresh one takes its place."""
        with self._lock:
            self._busy -= 1
            if self._closed:
                if worker is not None:
                    _stop(worker)
            else:
                self._idle.append(worker or self._spawn(writable=False))
            self._free.notify_all()

    def _exchange(self, worker: _Worker, job: Job, deadline: float) -> Answer | QueryFailed:
        """Send the job and wait for the reply until the deadline; kill the worker past it."""
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply: Answer | QueryFailed = worker.conn.recv()
                return reply
        except (EOFError, OSError) as err:
            _kill(worker)
            aborted = worker.process.exitcode == -signal.SIGABRT
            raise WorkerCrashed(str(err), aborted=aborted) from None
        _kill(worker)
        raise QueryTimeout()


def _kill(worker: _Worker) -> None:
    """SIGKILL: the only way to stop a query pyoxigraph is in the middle of."""
    worker.process.kill()
    worker.process.join(10)
    worker.conn.close()


def _stop(worker: _Worker) -> None:
    """Close the pipe (the worker's loop ends) and make sure the process is gone."""
    worker.conn.close()
    worker.process.join(5)
    if worker.process.is_alive():
        _kill(worker)
