"""The road from a request to the store: what a user sees at its end, and how short it is.

Every page and API asks the store through one function (``server.backends.run_query``) and
lets its failures rise to one handler, so a store that fails or runs out of time answers every
route in the one error shape, with the time limit the query had. A SPARQL request crosses at
most five of the project's modules from the route to the store, and the backend of a request
(the served release or a pinned one) is picked once, not once per query.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import ORGAN_CSH, free_port

PROJECT = Path(__file__).resolve().parent.parent
#: the project's packages whose modules a request may cross
PACKAGES = ("server", "graph")
#: a query that runs far past any time limit on the test corpus (three unrelated patterns)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: pages and APIs that read the store, each with the one error shape when the store fails
READING_ROUTES = [
    "/",
    "/resolutions",
    f"/id/{ORGAN_CSH.split('/id/', 1)[1]}",
    "/coverage",
    "/api/graph/roots",
    "/timeline",
    "/queries/mandates-per-organ?format=json",
    "/.well-known/void",
    "/sparql?query=ASK%20%7B%7D",
]


@contextmanager
def _client(store: str, **settings: Any) -> Iterator[FlaskClient]:
    """A client of the real app over ``store``, its workers stopped afterwards."""
    from server import close_app, create_app
    from server.settings import Settings

    made = create_app(Settings(store=store, **settings))
    try:
        yield made.test_client()
    finally:
        close_app(made)


@pytest.fixture()
def unreachable_store() -> Iterator[FlaskClient]:
    """The app over an HTTP store nothing listens for: every query fails to reach it."""
    with _client(f"sparql:http://127.0.0.1:{free_port()}/sparql") as client:
        yield client


@pytest.fixture()
def silent_store() -> Iterator[FlaskClient]:
    """The app over an HTTP store that takes the connection and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)  # never accepted: the kernel completes the handshake, no reply comes
        port = listener.getsockname()[1]
        with _client(f"sparql:http://127.0.0.1:{port}/sparql", query_timeout=0.5) as client:
            yield client


def test_a_query_and_a_page_answer_from_the_store(client: FlaskClient) -> None:
    asked = client.get("/sparql", query_string={"query": f"ASK {{ <{ORGAN_CSH}> ?p ?o }}"},
                       headers={"Accept": "application/sparql-results+json"})
    assert asked.status_code == 200 and asked.get_json()["boolean"] is True
    page = client.get(f"/id/{ORGAN_CSH.split('/id/', 1)[1]}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "CSH" in page.get_data(as_text=True)


def test_a_runaway_query_is_stopped_at_the_limit_it_asked_for(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": RUNAWAY, "timeout": "0.5"})
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == 503
    assert "time limit of 0.5 s" in body["error"] and "LIMIT" in body["error"]


@pytest.mark.parametrize("route", READING_ROUTES)
def test_a_store_that_cannot_be_reached_is_one_error_on_every_route(
    unreachable_store: FlaskClient, route: str
) -> None:
    response = unreachable_store.get(route, headers={"Accept": "application/json"})
    assert response.status_code == 502
    body = response.get_json()
    assert set(body) == {"error", "status"} and body["status"] == 502
    assert body["error"].startswith("the store failed: cannot reach the store at http://127.0.0.1:")


@pytest.mark.parametrize("route", ["/", "/coverage"])
def test_a_browser_reads_the_store_failure_as_a_page(
    unreachable_store: FlaskClient, route: str
) -> None:
    response = unreachable_store.get(route, headers={"Accept": "text/html"})
    assert response.status_code == 502 and response.mimetype == "text/html"
    assert "the store failed: cannot reach the store" in response.get_data(as_text=True)


@pytest.mark.parametrize("route", ["/coverage", "/sparql?query=ASK%20%7B%7D"])
def test_a_store_that_never_answers_is_a_timeout_with_the_server_limit(
    silent_store: FlaskClient, route: str
) -> None:
    response = silent_store.get(route, headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert "time limit of 0.5 s" in response.get_json()["error"]


def test_the_backend_of_a_request_is_picked_once(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    router = app.extensions["releases"]
    served = router.layout.served
    assert served is not None
    picked: list[str | None] = []
    pick = router.backend_for

    def counted(ref: str | None) -> Any:
        picked.append(ref)
        return pick(ref)

    monkeypatch.setattr(router, "backend_for", counted)
    # the entity page asks several queries (known, outgoing, incoming, evidence...)
    page = client.get(f"/id/{ORGAN_CSH.split('/id/', 1)[1]}",
                      query_string={"release": served.name}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert picked == [served.name]


def _module_of(filename: str) -> str | None:
    """``server.sparql`` for the file of a project module, None for any other code."""
    path = Path(filename)
    if not path.is_absolute() or PROJECT not in path.parents:
        return None
    parts = path.relative_to(PROJECT).with_suffix("").parts
    if parts[0] not in PACKAGES:
        return None
    return ".".join(part for part in parts if part != "__init__")


def modules_to_the_store(app: Flask, client: FlaskClient, query: str) -> list[str]:
    """The project modules whose code runs from the /sparql route's first line until the
    request is handed to the store's worker process, in the order first entered."""
    from server.workers import WorkerPool

    route = app.view_functions["sparql.sparql"].__code__
    store_call = WorkerPool.run.__code__
    entered: list[str] = []
    state = {"on": False, "done": False}

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event != "call" or state["done"]:
            return
        code = frame.f_code
        state["on"] = state["on"] or code is route
        module = _module_of(code.co_filename) if state["on"] else None
        if module and code.co_name != "<module>" and module not in entered:
            entered.append(module)
        state["done"] = code is store_call

    sys.setprofile(profile)
    try:
        response = client.get("/sparql", query_string={"query": query})
    finally:
        sys.setprofile(None)
    assert response.status_code == 200 and state["done"]
    return entered


def test_a_sparql_request_crosses_at_most_five_modules(app: Flask, client: FlaskClient) -> None:
    query = f"ASK {{ <{ORGAN_CSH}> ?p ?o }}"
    client.get("/sparql", query_string={"query": query})  # workers started, modules imported
    crossed = modules_to_the_store(app, client, query)
    print("route to store:", " → ".join(crossed))
    assert crossed[0] == "server.sparql" and crossed[-1] == "server.workers"
    assert len(crossed) <= 5, crossed
