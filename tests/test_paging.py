"""Every HTML list pages the same way (server/paging.py): 50 rows a page, ``?page=N`` clamped to
the list, the other parameters kept in the pager's links, and the count written in the reader's
language — "1–50 of 857", "1–50 sur 857", "1–50 de 857"."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.paging import PAGE_ROWS, page_of
from tests.conftest import BASE

HTML = {"Accept": "text/html"}
DOCUMENT = BASE + "source/csh-work-plan-2019-2020"


@pytest.fixture()
def bare() -> Flask:
    return Flask(__name__)


def test_a_page_of_rows_with_its_counts(bare: Flask) -> None:
    rows = list(range(857))
    with bare.test_request_context("/list?page=2&organ=un-sc"):
        paging, shown = page_of(rows)
    assert shown == list(range(50, 100)) and len(shown) == PAGE_ROWS
    assert (paging.page, paging.pages, paging.start, paging.end, paging.total) == (
        2, 18, 51, 100, 857)
    assert paging.label == "51–100 of 857" and paging.position == "page 2 of 18"
    assert paging.href(3) == "?organ=un-sc&page=3"  # the filter stays, the page changes


@pytest.mark.parametrize(("lang", "label"), [
    ("en", "1–50 of 857"), ("fr", "1–50 sur 857"), ("es", "1–50 de 857"),
])
def test_the_count_in_the_reader_language(bare: Flask, lang: str, label: str) -> None:
    with bare.test_request_context("/list"):
        paging, _ = page_of(list(range(857)), lang=lang)
    assert paging.label == label


def test_large_numbers_are_written_as_the_language_writes_them(bare: Flask) -> None:
    with bare.test_request_context("/list?page=25"):
        english, _ = page_of(list(range(1234)), lang="en")
        french, _ = page_of(list(range(1234)), lang="fr")
    assert english.label == "1,201–1,234 of 1,234"
    assert re.fullmatch(r"1\s201–1\s234 sur 1\s234", french.label), french.label


@pytest.mark.parametrize(("asked", "page"), [("0", 1), ("99", 3), ("two", 1), ("-1", 1)])
def test_a_page_out_of_the_list_is_clamped(bare: Flask, asked: str, page: int) -> None:
    with bare.test_request_context(f"/list?page={asked}"):
        paging, shown = page_of(list(range(120)))
    assert paging.page == page and shown


def test_each_list_of_a_page_has_its_own_parameter(bare: Flask) -> None:
    with bare.test_request_context("/coverage?resolutions_page=2&organs_page=1"):
        resolutions, first = page_of(list(range(70)), parameter="resolutions_page")
        organs, _ = page_of(list(range(70)), parameter="organs_page")
    assert resolutions.page == 2 and first[0] == 50 and organs.page == 1
    assert resolutions.href(1) == "?organs_page=1&resolutions_page=1"


def test_an_empty_list_has_one_empty_page(bare: Flask) -> None:
    with bare.test_request_context("/list"):
        paging, shown = page_of([])
    assert shown == [] and (paging.page, paging.pages, paging.start, paging.total) == (1, 1, 0, 0)


def test_a_named_query_answer_pages_in_french_and_spanish(client: FlaskClient) -> None:
    french = client.get("/queries/document-facts", query_string={"document": DOCUMENT},
                        headers={**HTML, "Accept-Language": "fr"}).get_data(as_text=True)
    found = re.search(r'<span class="count">1–50 sur ([\d\s]+)</span>', french)
    assert found, "no French count on the first page"
    total = int(re.sub(r"\s", "", found.group(1)))  # "1 556": French groups by a thin space
    assert total > PAGE_ROWS and "suivante" in french
    spanish = client.get("/queries/document-facts",
                         query_string={"document": DOCUMENT, "page": "2"},
                         headers={**HTML, "Accept-Language": "es"}).get_data(as_text=True)
    assert f"51–{min(100, total)} de {total:,}".replace(",", ".") in spanish
    assert "anterior" in spanish


def test_home_documents_and_coverage_tables_say_their_counts(client: FlaskClient) -> None:
    home = client.get("/", headers=HTML).get_data(as_text=True)
    shown = home.count("<tr data-stem=")
    assert f'<span class="count">1–{shown} of {shown}</span>' in home
    coverage = client.get("/coverage", query_string={"resolutions_page": "7"},
                          headers=HTML).get_data(as_text=True)
    assert 'class="count">1–' in coverage  # clamped to the one page there is
