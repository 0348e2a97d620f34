"""/search as a reader uses it: a symbol or some words, in any of the three languages, from the
box every page carries; results link to the resolution and paragraph pages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import BASE
from tests.test_named_queries import UNMISS_FILES


@pytest.fixture(scope="module")
def un_client(tmp_path_factory):  # type: ignore[no-untyped-def]
    from graph.build import build
    from server import close_app, create_app
    from server.settings import Settings

    target = tmp_path_factory.mktemp("search-unmiss")
    report = build(UNMISS_FILES, build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    made = create_app(Settings(store=f"oxigraph:{target / 'current' / 'store'}"))
    yield made.test_client()
    close_app(made)


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_a_symbol_lists_its_resolution_first(un_client) -> None:  # type: ignore[no-untyped-def]
    html = un_client.get("/search", query_string={"q": "S/RES/2729 (2024)"}).get_data(as_text=True)
    results = html[html.index('class="search-results"'):]
    first = re.search(r'<li>\s*<a href="([^"]+)"', results)
    assert first and first[1] == "/id/resolution/un-s-res-2729"
    assert '/id/resolution/un-s-res-2729/paragraph/' in results
    assert re.search(r"1–\d+ of \d+", _visible(html))


def test_words_find_paragraphs_with_the_words_marked(un_client) -> None:  # type: ignore[no-untyped-def]
    html = un_client.get("/search", query_string={"q": "SOFA violations"}).get_data(as_text=True)
    assert "<mark>SOFA</mark>" in html and "<mark>violations</mark>" in html
    assert "/id/resolution/un-s-res-2729/paragraph/22" in html


def test_every_page_carries_the_box_and_the_page_speaks_the_readers_language(un_client) -> None:  # type: ignore[no-untyped-def]
    home = un_client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'action="/search"' in home and 'aria-label="Rechercher"' in home
    html = un_client.get("/search", query_string={"q": "zzzqqq"},
                         headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in html and "No se encontró nada" in html


def test_bad_input_is_a_clear_400(un_client) -> None:  # type: ignore[no-untyped-def]
    response = un_client.get("/search", query_string={"q": "x", "in": "de"})
    assert response.status_code == 400 and "en, fr or es" in response.get_data(as_text=True)
    response = un_client.get("/search", query_string={"q": "x" * 501})
    assert response.status_code == 400
    assert un_client.get("/search", query_string={"q": '") OR NEAR(*'}).status_code == 200


def test_no_index_says_how_to_get_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    from server import close_app, create_app
    from server.settings import Settings

    empty = ox.Store(str(tmp_path / "store"))  # a store built before releases had an index
    del empty
    made = create_app(Settings(store=f"oxigraph:{tmp_path / 'store'}"))
    try:
        response = made.test_client().get("/search", query_string={"q": "x"})
    finally:
        close_app(made)
    assert response.status_code == 503 and "mandate-graph build" in response.get_data(as_text=True)
