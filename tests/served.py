"""What fixtures of several test files open over a store of their own: the app's test client,
a real server process, a build of some sources. Context managers, so that each fixture closes
what it opened however its tests end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from graph.build import build
from tests.conftest import BASE, start_server, stop_server


def built_store(sources: list[Path], target: Path, **options: Any) -> str:
    """Build ``sources`` into ``target`` (``options`` as for graph.build, the base by default
    the project's); the store descriptor of its current release."""
    report = build(sources, build_dir=target, base=options.pop("base", BASE), **options)
    assert report.ok, report.errors
    return f"oxigraph:{target / 'current' / 'store'}"


@contextmanager
def client_of(store_descriptor: str) -> Iterator[FlaskClient]:
    """The app's test client over ``store_descriptor``; its query workers stopped after."""
    from server import close_app, create_app
    from server.settings import Settings

    app = create_app(Settings(store=store_descriptor))
    try:
        yield app.test_client()
    finally:
        close_app(app)


@contextmanager
def serving(store_descriptor: str, *options: str, **env: str) -> Iterator[str]:
    """A real `mandate-graph serve` over ``store_descriptor`` (see start_server); its base URL."""
    proc, url = start_server(store_descriptor, *options, **env)
    try:
        yield url
    finally:
        stop_server(proc)
