"""Shared fixtures: one build of the corpus per test session, the app over it, a live server.

IRIs used by several tests are constants here, so a test names what it checks.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.build import build, default_sources
from graph.config import DEFAULT_BASE, MG

BASE = DEFAULT_BASE
ORGAN_CSH = BASE + "organ/oas-csh"
ORGAN_OAS = BASE + "organ/oas"
STATE_PER = BASE + "state/PER"
MANDATE = MG + "Mandate"


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the shipped corpus, made once for the whole session."""
    target = tmp_path_factory.mktemp("build")
    report = build(default_sources(), build_dir=target, base=BASE)
    assert report.ok, report.errors
    return target


@pytest.fixture(scope="session")
def store_descriptor(build_dir: Path) -> str:
    return f"oxigraph:{build_dir / 'current' / 'store'}"


@pytest.fixture()
def app(store_descriptor: str):  # type: ignore[no-untyped-def]
    from server import create_app
    from server.settings import Settings

    return create_app(Settings(store=store_descriptor))


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(store_descriptor: str) -> Iterator[str]:
    """The real `mandate-graph serve` process on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph.cli",
            "serve",
            "--port",
            str(port),
            "--store",
            store_descriptor,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"server did not start: {output}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.stdout:
            proc.stdout.close()
