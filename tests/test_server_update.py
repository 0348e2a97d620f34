"""The update route: absent by default, then only with the token; LOAD refused even then."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

TOKEN = "s3cret-token-for-tests"
TRIPLE = "<https://example.org/s> <https://example.org/p> <https://example.org/o>"


@pytest.fixture()
def writable(build_dir: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    """An app with updates enabled, over a copy of the build (the session's stays untouched)."""
    from server import close_app, create_app
    from server.settings import Settings

    copy = tmp_path / "store"
    shutil.copytree(build_dir / "current" / "store", copy)
    app = create_app(Settings(store=f"oxigraph:{copy}", allow_update=True, update_token=TOKEN,
                              workers=1))
    yield app.test_client()
    close_app(app)


def ask(client: FlaskClient, sparql: str) -> bool:
    response = client.get("/sparql", query_string={"query": sparql})
    assert response.status_code == 200
    return bool(response.get_json()["boolean"])


def test_update_with_the_token_writes_and_queries_see_it(writable: FlaskClient) -> None:
    assert not ask(writable, f"ASK {{ {TRIPLE} }}")
    response = writable.post("/update", data=f"INSERT DATA {{ {TRIPLE} }}",
                             content_type="application/sparql-update",
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204
    assert ask(writable, f"ASK {{ {TRIPLE} }}")


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_update_without_the_token_is_401(writable: FlaskClient, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = writable.post("/update", data={"update": f"INSERT DATA {{ {TRIPLE} }}"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert set(response.get_json()) == {"error", "status"}
    assert not ask(writable, f"ASK {{ {TRIPLE} }}")


def test_load_is_refused_even_with_the_token(writable: FlaskClient) -> None:
    response = writable.post("/update", data="LOAD <http://127.0.0.1:9/data.ttl>",
                             content_type="application/sparql-update",
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "LOAD is not allowed" in response.get_json()["error"]


def test_enabled_without_a_token_there_is_no_route(store_descriptor: str) -> None:
    from server import close_app, create_app
    from server.settings import Settings

    app = create_app(Settings(store=store_descriptor, allow_update=True))
    try:
        response = app.test_client().post("/update", data={"update": "CLEAR ALL"},
                                          headers={"Authorization": "Bearer "})
        assert response.status_code == 404
    finally:
        close_app(app)


def test_the_dependency_view_is_kept_and_follows_an_update(writable: FlaskClient) -> None:
    """The view reads the whole dependency graph once and keeps it (at 12 M quads reading it
    takes longer than a page may); an update drops what was kept, so the view shows it."""
    new = "https://example.org/resolution/new-one"
    insert = (
        "PREFIX mg: <https://w3id.org/mandate-graph/ontology#>\n"
        f"INSERT DATA {{ <{new}> a mg:Resolution ; mg:symbol \"X/RES/1 (2030)\" ;\n"
        f"  mg:hasProvision <{new}/paragraph/1> . }}"
    )

    def roots() -> set[str]:
        response = writable.get("/api/graph/roots", query_string={"q": "X/RES/1"})
        assert response.status_code == 200
        return {r["id"] for r in response.get_json()["roots"]}

    assert new not in roots()
    first = writable.application.extensions["dependency_graphs"][""]
    assert new not in roots() and writable.application.extensions["dependency_graphs"][""] is first
    response = writable.post("/update", data=insert, content_type="application/sparql-update",
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204
    assert new in roots()
