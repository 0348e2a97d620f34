"""The resolution page and a paged list in a real browser: S/RES/2722 (2024) reads as a
document (title, the vote, eleven numbered operative paragraphs), the en/fr/es switch changes the
text's language, "copy IRI" is the only way to the IRI, and a long answer pages with its counts.
Screenshots: test-artifacts/screenshots/resolution-page*.png (the head, paragraph 10, French)
and paged-list.png.

The resolution page is served from a build of S/RES/2722's three language versions and the
Council's 2024 vote lines (tests/data/akn, Source: United Nations) by a server of its own; the
paged list is a named query's answer on the session's live server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import console_messages, external_requests, wait_visible
from tests.conftest import BASE
from tests.served import built_store, serving

pytestmark = pytest.mark.browser

AKN = Path(__file__).resolve().parents[1] / "data" / "akn"
SOURCES = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
           AKN / "S_RES_2722-2400437S.xml", AKN / "votes" / "sc-2024.json"]
PAGE = "/id/resolution/un-s-res-2722"


@pytest.fixture(scope="module")
def resolution_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    target = tmp_path_factory.mktemp("resolution-browser")
    with serving(built_store(SOURCES, target, validate=False)) as url:
        yield url


def test_the_resolution_reads_as_a_document_in_three_languages(
    browser: WebDriver, resolution_server: str, screenshot: Callable[[str], Path]
) -> None:
    browser.get(resolution_server + PAGE)
    assert wait_visible(browser, "h1").text.startswith("Security Council resolution 2722")
    paragraphs = browser.find_elements(By.CSS_SELECTOR, "ol.operative > li")
    assert [p.get_attribute("data-number") for p in paragraphs] == [
        str(n) for n in range(1, 12)]
    in_favour = browser.find_element(By.CSS_SELECTOR, 'li[data-cast="in_favour"] .count')
    assert in_favour.text == "11"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "10 January 2024" in body and "w3id.org" not in body
    screenshot("resolution-page")
    browser.execute_script("arguments[0].scrollIntoView()", paragraphs[9])
    screenshot("resolution-page-paragraph-10")  # with its mandate, as the extraction reads it

    browser.find_element(By.CSS_SELECTOR, 'nav.language-switch a[hreflang="fr"]').click()
    second = wait_visible(browser, "ol.operative > li:nth-child(2) .text")
    assert second.text.startswith("Exige que les houthistes")
    assert "10 janvier 2024" in browser.find_element(By.TAG_NAME, "body").text
    screenshot("resolution-page-fr")

    field = browser.find_element(By.CSS_SELECTOR, "details.copy-iri input")
    assert not field.is_displayed()  # the IRI only for whoever asks for it
    browser.find_element(By.CSS_SELECTOR, "details.copy-iri summary").click()
    assert field.is_displayed()
    assert field.get_attribute("value") == BASE + "resolution/un-s-res-2722"
    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []


def test_a_long_answer_pages_with_its_counts(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url(f"/queries/document-facts?document={BASE}source/"
                         "csh-work-plan-2019-2020"))
    count = wait_visible(browser, "nav.pager .count").text
    assert count.startswith("1–50 of ")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 50
    browser.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
    assert wait_visible(browser, "nav.pager .count").text.startswith("51–100 of ")
    screenshot("paged-list")
    assert console_messages(browser, "SEVERE") == []
