"""What can go wrong when a store is opened or a query runs: one hierarchy under
:class:`QueryError`, so that a caller that only needs to report the failure catches one class.

The store's own failures (:class:`StoreError` and below) are raised by the stores of this
package; the worker pool's (:class:`QueryTimeout`, :class:`WorkerCrashed`, :class:`PoolBusy`,
:class:`QueryFailed`) by the server's killable workers (``server.workers``), which run queries
on the embedded store in other processes. They are defined here, beside the stores, because
they are failures of the same request, and the server's pages and API tell them apart only to
choose the status and the message.
"""

from __future__ import annotations


class QueryError(Exception):
    """A query could not be answered, or the store behind it could not be reached or opened."""


class StoreError(QueryError):
    """A store could not be opened or answered with an error a user can act on."""


class StoreTimeout(StoreError):
    """An external store did not answer in time (the server maps it to its own time limit)."""


class StoreRejected(StoreError):
    """The store refused the request as malformed (HTTP 400/422): the query needs fixing."""


class QueryTimeout(QueryError):
    """The job ran past its deadline; its worker was killed and replaced.

    ``limit`` is the request's time limit in seconds, for the message: the pool only sees the
    time left (a retried query gets less), so :func:`server.backends.run_query` sets it.
    """

    limit: float | None = None


class WorkerCrashed(QueryError):
    """The worker running the job died on its own; it was replaced.

    ``aborted`` says it died of SIGABRT: the engine aborted the process (a Rust panic that
    cannot unwind), which is not the same as being killed from outside (SIGKILL, the OOM killer).
    """

    def __init__(self, message: str = "", *, aborted: bool = False) -> None:
        super().__init__(message)
        self.aborted = aborted


class PoolBusy(QueryError):
    """No worker became free before the job's deadline."""


class QueryFailed(QueryError):
    """The store refused the job: a syntax error, a bad dataset IRI, an unacceptable format."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)  # both in args, so the exception survives pickling
        self.kind = kind  # "syntax", "not_acceptable", "bad_request", "engine" or "store"
        self.message = message

    def __str__(self) -> str:
        return self.message
