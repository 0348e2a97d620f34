"""The server and releases: /releases, pinned queries (release=), 410 for a release gone, /diff."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from graph.namespaces import MG
from tests.served import client_of
from tests.test_release import two_releases  # noqa: F401 - the fixture

COUNT = f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a <{MG}Mandate> }}"


@pytest.fixture()
def client(two_releases: tuple[Path, Path, Path]) -> Iterator[FlaskClient]:  # noqa: F811
    build_dir, _, _ = two_releases
    with client_of(f"oxigraph:{build_dir / 'current' / 'store'}") as served:
        yield served


def _count(client: FlaskClient, **params: str) -> int:
    response = client.get("/sparql", query_string={"query": COUNT, **params},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def test_a_pinned_query_answers_from_its_release(
    client: FlaskClient, two_releases: tuple[Path, Path, Path]  # noqa: F811
) -> None:
    _, first, second = two_releases
    current = _count(client)
    old = _count(client, release=first.name)
    assert old < current  # the document added later brought mandates
    assert _count(client, release=second.name) == current == _count(client, release="current")
    digest = json.loads((first / "release.json").read_text(encoding="utf-8"))["sha256"]
    assert _count(client, release=digest[:12]) == old


def test_a_release_no_longer_kept_is_gone_with_its_dump(
    client: FlaskClient, two_releases: tuple[Path, Path, Path]  # noqa: F811
) -> None:
    build_dir, _, second = two_releases
    dumps = build_dir / "dumps"
    gone = "20000101T000000-0123456789ab"
    for path in dumps.glob(f"{second.name}.*"):  # the dumps of a release whose store was pruned
        shutil.copyfile(path, dumps / path.name.replace(second.name, gone))
    try:
        response = client.get("/sparql", query_string={"query": COUNT, "release": gone},
                              headers={"Accept": "application/json"})
        assert response.status_code == 410
        body = response.get_json()
        assert body["status"] == 410 and gone in body["error"]
        assert body["dump"] == f"http://localhost/dumps/{gone}.nq.gz"
        listed = {r["id"]: r for r in client.get("/releases").get_json()["releases"]}
        assert not listed[gone]["kept"] and listed[gone]["sparql"] is None
        assert "nquads" in listed[gone]["dumps"]
    finally:
        for path in dumps.glob(f"{gone}.*"):
            path.unlink()
    never = client.get("/sparql", query_string={"query": COUNT, "release": "19990101T000000-000000000000"})
    assert never.status_code == 410 and never.get_json()["dump"] is None
    assert client.get("/sparql", query_string={"query": COUNT, "release": "x y"}).status_code == 400


def test_releases_lists_releases_with_their_dump_links(
    client: FlaskClient, two_releases: tuple[Path, Path, Path]  # noqa: F811
) -> None:
    _, first, second = two_releases
    data = client.get("/releases").get_json()
    assert data["served"] == data["current"] == second.name
    ids = [r["id"] for r in data["releases"]]
    assert ids.index(second.name) < ids.index(first.name)
    newest = data["releases"][0]
    assert newest["served"] and newest["kept"]
    assert newest["sparql"].endswith(f"/sparql?release={second.name}")
    assert set(newest["dumps"]) == {"nquads", "trig", "turtle", "jsonld"}
    link = newest["dumps"]["nquads"]
    assert link["url"].endswith(f"/dumps/{second.name}.nq.gz")
    assert link["sha256_url"] == link["url"] + ".sha256" and len(link["sha256"]) == 64


def test_diff_shows_what_the_served_release_changed(
    client: FlaskClient, two_releases: tuple[Path, Path, Path]  # noqa: F811
) -> None:
    _, first, second = two_releases
    data = client.get("/diff?format=json").get_json()
    assert (data["old"], data["new"]) == (first.name, second.name)
    assert len(data["mandates"]["added"]) == 4 and data["mandates"]["removed"] == []
    page = client.get("/diff", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "What changed" in html and data["mandates"]["added"][0] in html
