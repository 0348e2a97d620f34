"""The document view: the source text as extracted, a span highlighted at the offsets evidence
gives, the document's metadata and facts; nothing outside the release's texts is reachable,
and no text of a document is ever served as markup."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.build import build
from tests.conftest import BASE
from tests.pages import json_error

STEM = "csh-work-plan-2019-2020"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
HOSTILE = (
    "<script>alert(1)</script> AG/RES. 2945 (XLIX-O/19) <b>x</b>\n"
    "La Commission sur la sécurité continentale <img src=x onerror=alert(2)> a tenu une "
    "réunion le 12 mars 2020.\n"
)


def text_of(build_dir: Path, stem: str = STEM) -> str:
    return (build_dir / "current" / "sources" / f"{stem}.txt").read_bytes().decode("utf-8")


def test_span_highlighted_exactly(client: FlaskClient, build_dir: Path) -> None:
    text = text_of(build_dir)
    start = text.index("AG/RES. 2945 (XLIX-O/19)")
    end = start + len("AG/RES. 2945 (XLIX-O/19)")
    response = client.get(f"/documents/{STEM}?start={start}&end={end}", headers=BROWSER)
    assert response.status_code == 200
    page = response.get_data(as_text=True)

    pre = re.search(r'<pre class="source-text"[^>]*>(.*?)</pre>', page, re.DOTALL)
    assert pre, "no source text shown"
    shown = pre.group(1)
    assert shown.count("<mark") == 1
    before, rest = shown.split('<mark id="span" tabindex="-1">')
    marked, after = rest.split("</mark>")
    assert html.unescape(before) == text[:start]
    assert html.unescape(marked) == "AG/RES. 2945 (XLIX-O/19)"
    assert html.unescape(after) == text[end:]
    assert 'href="#span"' in page  # a keyboard user can jump to the passage


def test_metadata_and_facts_by_category(client: FlaskClient) -> None:
    page = client.get(f"/documents/{STEM}", headers=BROWSER).get_data(as_text=True)
    assert '<h1 lang="en">Work plan and calendar of activities 2019-2020' in page
    assert 'href="/id/organ/oas-csh"' in page and "2019-11-07" in page
    assert "<mark" not in page  # no span asked for, none highlighted
    facts = page[page.index('id="facts"'):page.index('id="text-heading"')]
    assert ">resolution <" in facts and ">mandate <" in facts
    assert 'href="/id/resolution/oas-ag-res-2945"' in facts
    assert 'href="/id/resolution/oas-ag-res-2945/paragraph/52/mandate"' in facts


def test_plain_text_is_the_exact_text(client: FlaskClient, build_dir: Path) -> None:
    response = client.get(f"/documents/{STEM}.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.data == text_of(build_dir).encode("utf-8")


@pytest.mark.parametrize("query", ["start=5", "start=a&end=b", "start=10&end=5",
                                   "start=0&end=99999999", "start=-1&end=3"])
def test_bad_span_is_400(client: FlaskClient, query: str) -> None:
    response = client.get(f"/documents/{STEM}?{query}", headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["status"] == 400


@pytest.mark.parametrize("path", [
    "/documents/../../etc/passwd",
    "/documents/%2e%2e%2fpyproject",
    "/documents/%2e%2e%2fpyproject.toml.txt",
    "/documents/..%2F..%2Fetc%2Fpasswd.txt",
    "/documents/.hidden",
    "/documents/no-such-document",
    "/documents/no-such-document.txt",
    "/documents/csh-work-plan-2019-2020%00.txt",
])
def test_traversal_and_unknown_documents_are_404(client: FlaskClient, path: str) -> None:
    shown = str(json_error(client, path, 404))  # nothing of the files it must not reach
    assert "[tool" not in shown and "root:" not in shown


# -- a document written to attack the pages ----------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str]]:
    """A graph built from one document full of markup, and the app serving it."""
    from server import close_app, create_app
    from server.settings import Settings

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile-sample.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    report = build([source], build_dir=folder / "build", base=BASE)
    assert report.ok, report.errors
    app = create_app(Settings(store=f"oxigraph:{folder / 'build' / 'current' / 'store'}"))
    try:
        yield app, HOSTILE
    finally:
        close_app(app)


def test_document_markup_is_never_served_as_markup(hostile: tuple[Flask, str]) -> None:
    app, text = hostile
    client = app.test_client()
    start = text.index("<script>")
    end = text.index("XLIX-O/19)") + len("XLIX-O/19)")
    home = client.get("/", headers=BROWSER).get_data(as_text=True)
    resolution = client.get("/id/resolution/oas-ag-res-2945", headers=BROWSER)
    evidence_links = re.findall(r'<a class="quote" href="([^"]+)"', resolution.get_data(as_text=True))
    assert evidence_links, "the hostile document gave no evidence quote"
    pages = {
        "home": home,
        "resolution": resolution.get_data(as_text=True),
        "source": client.get("/id/source/hostile-sample", headers=BROWSER).get_data(as_text=True),
        "document": client.get("/documents/hostile-sample", headers=BROWSER).get_data(as_text=True),
        "span": client.get(f"/documents/hostile-sample?start={start}&end={end}",
                           headers=BROWSER).get_data(as_text=True),
        "evidence": client.get(html.unescape(evidence_links[0]), headers=BROWSER).get_data(
            as_text=True),
    }
    for name, page in pages.items():
        assert "<script" not in page.lower(), name
        assert "<img" not in page, name
        assert "<b>x</b>" not in page, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["document"]
    assert '<mark id="span" tabindex="-1">&lt;script&gt;alert(1)&lt;/script&gt; AG/RES.' in (
        pages["span"])
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["span"]
    # the exact text, as text: a browser must not sniff it into HTML
    plain = client.get("/documents/hostile-sample.txt")
    assert plain.data.decode("utf-8") == text
    assert plain.headers["Content-Type"] == "text/plain; charset=utf-8"
