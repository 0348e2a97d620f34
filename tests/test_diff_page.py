"""The release diff page (/diff) names what changed — classes, properties, the mandates added,
the links — by their labels in the reader's language; the IRIs stay behind the links (and in
?format=json). On two releases of the shipped corpus, the second with one more document
(tests/test_release.py's fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from flask.testing import FlaskClient

from tests.served import client_of
from tests.test_release import two_releases  # noqa: F401 - the fixture


@pytest.fixture()
def client(two_releases: tuple[Path, Path, Path]) -> Iterator[FlaskClient]:  # noqa: F811
    build_dir, _, _ = two_releases
    with client_of(f"oxigraph:{build_dir / 'current' / 'store'}") as served:
        yield served


def visible(html: str) -> str:
    root = lxml.html.fromstring(html)
    for hidden in root.xpath("//script|//style|//head"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def test_the_diff_page_names_things_not_iris(client: FlaskClient) -> None:
    data = client.get("/diff?format=json").get_json()
    html = client.get("/diff", headers={"Accept": "text/html"}).get_data(as_text=True)
    seen = visible(html)
    assert "w3id.org" not in seen and "http" not in seen
    root = lxml.html.fromstring(html)
    added = root.xpath("//li[@data-iri]")
    assert {li.get("data-iri") for li in added} == set(data["mandates"]["added"])
    # a mandate by its label, linked to its page
    assert all(li.xpath("string(a/@href)").startswith("/id/") for li in added)
    assert all(li.text_content().strip().startswith("Mandate of ") for li in added), [
        li.text_content() for li in added]
    classes = root.xpath("//table[1]/tbody/tr/td[1]//text()")
    assert "mandate" in [c.strip() for c in classes]


def test_the_diff_page_in_french(client: FlaskClient) -> None:
    html = client.get("/diff", headers={"Accept": "text/html", "Accept-Language": "fr"})
    text = visible(html.get_data(as_text=True))
    assert "Ce qui a changé" in text and "Mandats ajoutés" in text and "What changed" not in text
    assert "w3id.org" not in text
