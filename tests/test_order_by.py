"""ORDER BY over values pyoxigraph cannot sort: answered 200, in SPARQL 1.1's order.

The reproducer (tests/data/repro/) makes pyoxigraph 0.5.13 abort the process that sorts it, so
its ORDER BY is only ever run by the server's workers (spawned processes), never here: the
tests of the ordering itself call :func:`server.order_by.ordered_answer`, which never asks the
engine to sort.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from graph.namespaces import XSD
from server.order_by import CannotOrder, ordered_answer, orders_results, plan, sort_rows, term_key
from server.results import Formats

REPRO = Path(__file__).parent / "data" / "repro" / "oxigraph-order-by-panic.nt"
#: a case on which the engine aborts with the store on disk, as the server opens it
ABORTS_ON_DISK = REPRO.with_name("oxigraph-order-by-abort.nt")
PANICS = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
JSON = Formats("application/sparql-results+json", "application/n-triples")


def lit(value: str, datatype: str = "string", language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def repro_objects() -> list[ox.Literal]:
    found = [q.object for q in ox.parse(path=str(REPRO), format=ox.RdfFormat.N_TRIPLES)]
    assert all(isinstance(o, ox.Literal) for o in found)
    return found  # type: ignore[return-value]


def in_sparql_order(objects: list[ox.Literal], numbers: int = 47) -> list[str]:
    """The objects as the server's ORDER BY ?o gives them: numbers by value, then the date."""
    ordered = sorted((o for o in objects if o.datatype.value == XSD + "integer"),
                     key=lambda o: int(o.value))
    dates = [o for o in objects if o.datatype.value == XSD + "date"]
    assert len(ordered) == numbers and len(dates) == 1
    return [o.value for o in [*ordered, *dates]]


def values(answer_body: bytes, var: str = "o") -> list[str | None]:
    rows = json.loads(answer_body)["results"]["bindings"]
    return [row[var]["value"] if var in row else None for row in rows]


@pytest.fixture(scope="module")
def memory_store() -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(REPRO), format=ox.RdfFormat.N_TRIPLES)
    return store


def answer(store: ox.Store, sparql: str) -> bytes:
    return ordered_answer(store, sparql, {"prefixes": {"xsd": XSD}}, JSON, 1000).body


# --- the order of terms -----------------------------------------------------------------------


def test_unbound_then_blank_nodes_then_iris_then_literals() -> None:
    terms = [lit("a"), ox.NamedNode("http://a"), None, ox.BlankNode("b"), lit("1", "integer")]
    assert sorted(terms, key=term_key) == [None, terms[3], terms[1], terms[4], terms[0]]


def test_numbers_compare_by_value_whatever_their_type() -> None:
    numbers = [lit("10", "integer"), lit("9.5", "decimal"), lit("-1E1", "double"),
               lit("NaN", "double"), lit("INF", "float"), lit("3", "int")]
    ordered = sorted(numbers, key=term_key)
    assert [n.value for n in ordered] == ["-1E1", "3", "9.5", "10", "INF", "NaN"]


def test_dates_compare_by_the_moment_they_start() -> None:
    moments = [lit("2000-01-01T10:00:00+05:00", "dateTime"), lit("2000-01-01", "date"),
               lit("2000-01-01T06:00:00Z", "dateTime"), lit("1999-12-31T23:59:59.5", "dateTime"),
               lit("-0044-03-15", "date")]
    ordered = sorted(moments, key=term_key)
    assert [m.value for m in ordered] == [
        "-0044-03-15", "1999-12-31T23:59:59.5", "2000-01-01", "2000-01-01T10:00:00+05:00",
        "2000-01-01T06:00:00Z"]


def test_incomparable_literals_get_a_fixed_total_order() -> None:
    mixed = [lit("b", language="en"), lit("x", "gYear"), lit("abc"), lit("2000-01-01", "date"),
             lit("true", "boolean"), lit("5", "integer"), lit("not a number", "integer")]
    ordered = sorted(mixed, key=term_key)
    assert [str(t) for t in ordered] == [str(t) for t in [
        mixed[5], mixed[4], mixed[3], mixed[2], mixed[0], mixed[1], mixed[6]]]
    assert sorted(reversed(mixed), key=term_key) == ordered  # the same whatever the input order


def test_values_sparql_holds_equal_leave_the_next_key_to_decide() -> None:
    rows = [{"a": lit("1.0", "decimal"), "b": lit("2", "integer")},
            {"a": lit("1", "integer"), "b": lit("1", "integer")},
            {"a": lit("0", "integer"), "b": lit("9", "integer")}]
    assert [r["b"].value for r in sort_rows(rows, [("a", False), ("b", False)])] == ["9", "1", "2"]
    assert [r["b"].value for r in sort_rows(rows, [("a", True), ("b", True)])] == ["2", "1", "9"]


# --- reading the query ------------------------------------------------------------------------


def test_only_a_top_level_order_by_counts() -> None:
    assert orders_results(PANICS)
    assert orders_results("select ?o { ?s ?p ?o } order by desc(?o) limit 1")
    assert not orders_results('SELECT ?o { ?s ?p "ORDER BY ?o" } # ORDER BY ?o')
    assert not orders_results("SELECT ?x { { SELECT ?x { ?x ?p ?o } ORDER BY ?x LIMIT 1 } }")


def test_the_store_runs_the_query_without_its_modifiers() -> None:
    steps = plan("SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY DESC(STR(?o)) ?s LIMIT 3 OFFSET 1")
    assert "ORDER" not in steps.store_query and "LIMIT" not in steps.store_query
    assert "DISTINCT" not in steps.store_query and steps.distinct  # done after ordering
    assert steps.keys == (("__order_0", True), ("s", False)) and steps.hidden == ("__order_0",)
    assert (steps.offset, steps.limit) == (1, 3)
    assert plan("ASK { ?s ?p ?o } ORDER BY ?o OFFSET 3").store_query.split() == [
        "ASK", "{", "?s", "?p", "?o", "}", "OFFSET", "3"]


def test_a_query_without_a_top_level_order_by_cannot_be_planned() -> None:
    with pytest.raises(CannotOrder):
        plan("SELECT * { ?s ?p ?o }")


# --- answers, ordered in Python ---------------------------------------------------------------


def test_the_reproducer_is_ordered_as_sparql_orders_it(memory_store: ox.Store) -> None:
    expected = in_sparql_order(repro_objects())
    assert values(answer(memory_store, PANICS)) == expected
    descending = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)"
    assert values(answer(memory_store, descending)) == expected[::-1]


def test_limit_and_offset_apply_after_ordering(memory_store: ox.Store) -> None:
    expected = in_sparql_order(repro_objects())
    body = answer(memory_store, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o) LIMIT 3 OFFSET 1")
    assert values(body) == expected[::-1][1:4]


def test_keys_may_be_expressions_and_unprojected_variables(memory_store: ox.Store) -> None:
    body = answer(memory_store, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY STR(?o) LIMIT 2")
    strings = sorted(o.value for o in repro_objects())
    by_object = {q.object.value: q.subject.value
                 for q in ox.parse(path=str(REPRO), format=ox.RdfFormat.N_TRIPLES)}
    assert values(body, "s") == [by_object[v] for v in strings[:2]]
    assert json.loads(body)["head"]["vars"] == ["s"]  # the key's column is not shown


def test_ask_and_construct_keep_their_meaning(memory_store: ox.Store) -> None:
    assert json.loads(answer(memory_store, "ASK { ?s ?p ?o } ORDER BY ?o OFFSET 47"))["boolean"]
    assert not json.loads(answer(memory_store, "ASK { ?s ?p ?o } ORDER BY ?o OFFSET 48"))["boolean"]
    body = answer(memory_store, "CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s ?p ?o } "
                                "ORDER BY DESC(?o) LIMIT 2")
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert sorted(t.object.value for t in triples) == sorted(in_sparql_order(repro_objects())[-2:])


# --- through the server -----------------------------------------------------------------------


def _client(tmp_path: Path, data: Path) -> FlaskClient:
    from server import create_app
    from server.settings import Settings

    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return create_app(Settings(store=f"oxigraph:{tmp_path / 'store'}", workers=1)).test_client()


@pytest.fixture()
def repro_client(tmp_path: Path) -> Iterator[FlaskClient]:
    """The app over an on-disk store holding the reproducer; queries run in its workers."""
    from server import close_app

    client = _client(tmp_path, REPRO)
    yield client
    close_app(client.application)


@pytest.fixture()
def abort_client(tmp_path: Path) -> Iterator[FlaskClient]:
    """The app over an on-disk store on which the engine aborts for ORDER BY ?o."""
    from server import close_app

    client = _client(tmp_path, ABORTS_ON_DISK)
    yield client
    close_app(client.application)


def _get(client: FlaskClient, sparql: str, **params: str) -> tuple[int, bytes]:
    response = client.get("/sparql", query_string={"query": sparql, **params},
                          headers={"Accept": "application/sparql-results+json"})
    return response.status_code, response.data


def test_the_reproducer_is_answered_200_in_sparql_order(repro_client: FlaskClient) -> None:
    status, body = _get(repro_client, PANICS)
    assert status == 200, body
    # what SPARQL fixes: the numbers in order of value; where the date goes it leaves open
    found = values(body)
    numbers = [v for v in found if v is not None and "-" not in v]
    assert sorted(found, key=str) == sorted(in_sparql_order(repro_objects()), key=str)
    assert numbers == sorted(numbers, key=int)


def test_the_engine_aborts_on_the_on_disk_case(tmp_path: Path) -> None:
    # why the fallback exists; run in a child process, as the abort ends the process
    script = (
        "import sys, pyoxigraph as ox\n"
        "store = ox.Store(sys.argv[1])\n"
        "store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_TRIPLES)\n"
        "store.flush()\n"
        "del store\n"
        "list(ox.Store.read_only(sys.argv[1]).query(sys.argv[3]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "store"), str(ABORTS_ON_DISK), PANICS],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode != 0 and "total order" in done.stderr


def test_an_order_by_the_engine_aborts_on_is_answered_200_in_sparql_order(
    abort_client: FlaskClient,
) -> None:
    objects = [q.object for q in ox.parse(path=str(ABORTS_ON_DISK), format=ox.RdfFormat.N_TRIPLES)]
    expected = in_sparql_order(objects, numbers=27)  # type: ignore[arg-type]
    for _ in range(2):  # the second time the server knows the query and orders it at once
        status, body = _get(abort_client, PANICS)
        assert status == 200, body
        assert values(body) == expected
    # another query: the engine orders it itself, or aborts and the server does
    status, body = _get(abort_client, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)")
    numbers = [v for v in values(body) if v is not None and "-" not in v]
    assert status == 200 and numbers == sorted(numbers, key=int, reverse=True)
    csv = abort_client.get("/sparql", query_string={"query": PANICS + " OFFSET 1 LIMIT 2",
                                                    "format": "csv"})
    assert csv.status_code == 200 and csv.get_data(as_text=True).split() == ["o", *expected[1:3]]
    # and the workers answer other queries as before
    ask = abort_client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert ask.status_code == 200 and ask.get_json()["boolean"] is True


# --- when the engine fails: the worker's reply, the backend's second try -----------------------


class PanicException(BaseException):  # noqa: N818 - the name pyo3 gives a Rust panic
    """What pyo3 raises for a Rust panic that unwinds instead of aborting."""


def test_a_panic_that_unwinds_is_an_engine_failure_not_a_dead_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import threading

    from server import workers

    ox.Store(str(tmp_path / "store")).flush()

    def panics(store: ox.Store, job: workers.Job) -> None:
        raise PanicException("user-provided comparison function does not correctly implement …")

    monkeypatch.setattr(workers, "_answer", panics)
    parent, child = multiprocessing.Pipe()
    worker = threading.Thread(target=workers._serve, args=(child, str(tmp_path / "store"), False))
    worker.start()
    parent.send(workers.Job(PANICS))
    reply = parent.recv()
    parent.close()
    worker.join(10)
    assert isinstance(reply, workers.QueryFailed) and reply.kind == "engine"


def test_the_backend_answers_again_with_the_ordering_in_python() -> None:
    from server.backends import EmbeddedBackend, QueryRequest
    from server.results import Answer
    from server.workers import Job, QueryFailed, WorkerCrashed

    backend = EmbeddedBackend(Path("unused"), workers=1, max_rows=10)
    sent: list[Job] = []

    def run(job: Job, timeout: float) -> Answer:
        sent.append(job)
        if not job.order_in_python:
            raise WorkerCrashed("the worker died", aborted=True)
        return Answer("text/plain", b"ordered")

    backend.pool.run = run  # type: ignore[method-assign]
    formats = Formats("application/sparql-results+json", None)
    assert backend.answer(QueryRequest(PANICS, formats), 5).body == b"ordered"
    assert [j.order_in_python for j in sent] == [False, True]
    assert backend.answer(QueryRequest(PANICS, formats), 5).body == b"ordered"
    assert [j.order_in_python for j in sent] == [False, True, True]  # remembered
    # a crash on a query without ORDER BY is not retried
    with pytest.raises(WorkerCrashed):
        backend.answer(QueryRequest("SELECT * { ?s ?p ?o }", formats), 5)

    def killed(job: Job, timeout: float) -> Answer:
        raise WorkerCrashed("the worker died")  # SIGKILL, the OOM killer: not the engine's abort

    backend.pool.run = killed  # type: ignore[method-assign]
    with pytest.raises(WorkerCrashed):  # nor a worker killed from outside
        backend.answer(QueryRequest(PANICS + " LIMIT 2", formats), 5)

    def fails(job: Job, timeout: float) -> Answer:
        raise QueryFailed("syntax", "error at 1:1")

    backend.pool.run = fails  # type: ignore[method-assign]
    with pytest.raises(QueryFailed):  # nor a query the store refuses
        backend.answer(QueryRequest(PANICS + " LIMIT 1", formats), 5)
