"""The worker pool on its own: a runaway job is killed, a dead worker is replaced, none is left."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import QueryError, open_store
from server.results import Formats
from server.workers import Job, QueryFailed, QueryTimeout, WorkerCrashed, WorkerPool

JSON = Formats("application/sparql-results+json", "text/turtle")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture()
def pool(build_dir: Path) -> Iterator[WorkerPool]:
    made = WorkerPool(build_dir / "current" / "store", 1)
    yield made
    made.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child that its parent has not reaped yet is a zombie: gone for our purpose.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_runaway_job_kills_its_worker_and_a_new_one_answers(pool: WorkerPool) -> None:
    pool.start()
    [first] = pool.pids()
    with pytest.raises(QueryTimeout):
        pool.run(Job(RUNAWAY, JSON), timeout=0.5)
    assert not alive(first)
    [second] = pool.pids()
    assert second != first
    assert pool.run(Job("ASK {}", JSON), timeout=30).body == b'{"head": {}, "boolean": true}'


def test_a_worker_that_dies_is_replaced_and_its_caller_told(pool: WorkerPool) -> None:
    pool.start()
    [pid] = pool.pids()
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(WorkerCrashed):
        pool.run(Job("ASK {}", JSON), timeout=30)
    assert pool.run(Job("ASK {}", JSON), timeout=30).mimetype == "application/sparql-results+json"
    assert pool.pids() != [pid]


def test_syntax_error_comes_back_with_its_position(pool: WorkerPool) -> None:
    with pytest.raises(QueryFailed) as caught:
        pool.run(Job("SELECT * WHERE { ?s ?p }", JSON), timeout=30)
    assert caught.value.kind == "syntax" and caught.value.message.startswith("error at 1:")


def test_close_leaves_no_process_even_mid_query(pool: WorkerPool) -> None:
    import threading

    pool.start()
    pids = pool.pids()
    outcome: list[BaseException] = []

    def runaway() -> None:
        try:
            pool.run(Job(RUNAWAY, JSON), timeout=60)
        except BaseException as err:  # noqa: BLE001 - the test inspects it
            outcome.append(err)

    thread = threading.Thread(target=runaway)
    thread.start()
    while not pool._busy:  # noqa: SLF001 - wait until the job is in the worker
        threading.Event().wait(0.05)
    pool.close()
    thread.join(30)
    assert not thread.is_alive()
    assert outcome and isinstance(outcome[0], WorkerCrashed)
    assert not any(alive(pid) for pid in pids)


def test_every_failure_of_a_query_is_caught_as_one_query_error(pool: WorkerPool, tmp_path: Path) -> None:
    caught: list[str] = []
    for run in (
        lambda: pool.run(Job(RUNAWAY, JSON), timeout=0.5),
        lambda: pool.run(Job("SELECT * WHERE { ?s ?p }", JSON), timeout=30),
        lambda: open_store(f"oxigraph:{tmp_path / 'none'}"),
    ):
        try:
            run()
        except QueryError as err:
            caught.append(type(err).__name__)
    assert caught == ["QueryTimeout", "QueryFailed", "StoreError"]
