"""Shared fixtures: one build of the corpus per test session, the app over it, a live server.

IRIs used by several tests are constants here, so a test names what it checks.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from graph.build import build, text_sources
from graph.config import DEFAULT_BASE
from graph.namespaces import MG
from graph.store import MERGED_GRAPH, SparqlHttpStore
from tests.virtuoso import VirtuosoServer, VirtuosoUnavailable, start_virtuoso

BASE = DEFAULT_BASE
ORGAN_CSH = BASE + "organ/oas-csh"
ORGAN_OAS = BASE + "organ/oas"
STATE_PER = BASE + "state/PER"
MANDATE = MG + "Mandate"


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the shipped corpus, made once for the whole session."""
    target = tmp_path_factory.mktemp("build")
    report = build(text_sources(), build_dir=target, base=BASE)
    assert report.ok, report.errors
    return target


@pytest.fixture(scope="session")
def store_descriptor(build_dir: Path) -> str:
    return f"oxigraph:{build_dir / 'current' / 'store'}"


@pytest.fixture()
def app(store_descriptor: str):  # type: ignore[no-untyped-def]
    """The app on the session's build; its worker processes are stopped after the test."""
    from server import close_app, create_app
    from server.settings import Settings

    made = create_app(Settings(store=store_descriptor))
    yield made
    close_app(made)


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store_descriptor: str, *options: str, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start `mandate-graph serve` on a free loopback port; wait until it answers a query.

    ``options`` are extra command-line options, ``env`` extra MANDATE_GRAPH_* variables.
    """
    port = free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    # The server's output goes to a file, not a pipe: nobody reads a pipe while tests run, and
    # a full pipe would block the server on its next log line.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the process in stop_server
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", str(port),
         "--store", store_descriptor, *options],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    _SERVER_LOGS[proc.pid] = log
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=5):
                return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                output = server_output(proc)
                stop_server(proc)
                pytest.fail(f"server did not start: {output}")
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the server then stops its query workers), SIGKILL if it does not exit."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    log = _SERVER_LOGS.pop(proc.pid, None)
    if log is not None:
        log.close()


_SERVER_LOGS: dict[int, IO[bytes]] = {}


def server_output(proc: subprocess.Popen[bytes]) -> str:
    """What a server started by start_server has printed so far."""
    log = _SERVER_LOGS.get(proc.pid)
    if log is None:
        return ""
    log.seek(0)
    return log.read().decode(errors="replace")


@pytest.fixture(scope="session")
def live_server(store_descriptor: str) -> Iterator[str]:
    """The real `mandate-graph serve` process on a free loopback port; yields its base URL."""
    proc, url = start_server(store_descriptor)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def limited_server(store_descriptor: str) -> Iterator[str]:
    """A real server with tiny limits: 5 rows per answer, 2,000-byte requests, one worker."""
    proc, url = start_server(
        store_descriptor, "--max-rows", "5", "--workers", "1",
        MANDATE_GRAPH_MAX_REQUEST_BYTES="2000",
    )
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso for the session (installed with apt-get if missing; skipped if impossible)."""
    try:
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except VirtuosoUnavailable as err:
        pytest.skip(f"Virtuoso unavailable: {err}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote(virtuoso: VirtuosoServer, build_dir: Path) -> SparqlHttpStore:
    """Virtuoso loaded once with the built corpus graph (N-Quads, named graphs kept).

    Loaded once for the session: loading again would duplicate the blank nodes.
    """
    store = SparqlHttpStore(
        virtuoso.sparql_url, update_url=virtuoso.update_url,
        graph_store_url=virtuoso.graph_store_url, auth=virtuoso.auth,
    )
    # the release's whole dataset: its content and its provenance graph, and their merge
    release = build_dir / "current"
    dataset = (release / "graph.nq").read_bytes() + (release / "provenance.nq").read_bytes()
    store.load_dataset(dataset, merged_graph=MERGED_GRAPH)
    return store
