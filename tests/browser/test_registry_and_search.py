"""The mandate registry, the reports due and the search page in a real browser: a reader
filters the registry by a body, pages through it, sorts it, follows a row to its paragraph;
picks a body's reports due; searches from the box in the site's header and follows a result.
Screenshots: test-artifacts/screenshots/mandates*.png, reports-due.png and search*.png.

Served from a build of four UN resolutions renewing UNMISS's mandate (2021–2024) and of
S/RES/2722 (2024) in English, French and Spanish (tests/data/akn, Source: United Nations), with
its full-text index, by a server of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from graph.build import build
from tests.browser import console_messages, external_requests, wait_visible
from tests.conftest import BASE, start_server, stop_server
from tests.test_named_queries import UNMISS_FILES

pytestmark = pytest.mark.browser

AKN = Path(__file__).resolve().parents[1] / "data" / "akn"
SOURCES = [*UNMISS_FILES, AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
           AKN / "S_RES_2722-2400437S.xml"]
ROWS = "table.mandates tbody tr"


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    target = tmp_path_factory.mktemp("registry-browser")
    report = build(SOURCES, build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    proc, url = start_server(f"oxigraph:{target / 'current' / 'store'}")
    try:
        yield url
    finally:
        stop_server(proc)


def _count(browser: WebDriver) -> str:
    return wait_visible(browser, ".pager .count").text


def _changed(browser: WebDriver, before: str) -> str:
    """The pager's count once the page that replaces one showing ``before`` has loaded."""
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".pager .count")
        and d.find_element(By.CSS_SELECTOR, ".pager .count").text != before)
    return _count(browser)


def test_the_registry_filters_pages_sorts_and_leads_to_the_paragraph(
    browser: WebDriver, registry_server: str, screenshot: Callable[[str], Path]
) -> None:
    browser.get(registry_server + "/mandates")
    assert wait_visible(browser, "h1").text == "Mandates"
    everything = _count(browser)
    assert everything.startswith("1–50 of ")
    total = int(everything.rsplit(" ", 1)[-1])
    assert len(browser.find_elements(By.CSS_SELECTOR, ROWS)) == 50
    screenshot("mandates")

    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()
    assert _changed(browser, everything) == f"51–{total} of {total}"
    screenshot("mandates-page-2")

    Select(browser.find_element(By.NAME, "body")).select_by_visible_text(
        "United Nations Mission in South Sudan")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    filtered = _changed(browser, f"51–{total} of {total}")
    shown = int(filtered.rsplit(" ", 1)[-1])
    assert 0 < shown < total
    bodies = [row.find_elements(By.TAG_NAME, "td")[1].text
              for row in browser.find_elements(By.CSS_SELECTOR, ROWS)]
    assert bodies and all("United Nations Mission in South Sudan" in b for b in bodies)
    screenshot("mandates-unmiss")

    header = browser.find_element(By.CSS_SELECTOR, 'a.sort[data-sort="ends"]')
    header.click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, 'th[aria-sort="ascending"] a[data-sort="ends"]'))
    assert _count(browser) == filtered  # the filter is kept
    assert Select(browser.find_element(By.NAME, "body")).first_selected_option.text == \
        "United Nations Mission in South Sudan"
    screenshot("mandates-unmiss-by-end")

    link = browser.find_element(By.CSS_SELECTOR, f"{ROWS} a.provision")
    target = link.get_attribute("href")
    assert "/id/resolution/" in target and "/paragraph/" in target
    link.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == target)
    assert wait_visible(browser, "h1").text
    assert "South Sudan" in browser.find_element(By.TAG_NAME, "body").text
    screenshot("mandates-paragraph")
    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []


def test_the_reports_due_of_a_body_with_its_calendar(
    browser: WebDriver, registry_server: str, screenshot: Callable[[str], Path]
) -> None:
    browser.get(registry_server + "/reports-due")
    assert wait_visible(browser, "h1").text == "Reports due"
    Select(browser.find_element(By.NAME, "body")).select_by_visible_text(
        "Secretary-General of the United Nations")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: "body=" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.reports-due tbody tr")
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[0].text ==
                        "Secretary-General of the United Nations" for r in rows)
    assert browser.find_elements(By.CSS_SELECTOR, "td[data-date]")
    feed = browser.find_element(By.CSS_SELECTOR, "a.calendar").get_attribute("href")
    assert "/reports-due.ics?body=" in feed
    screenshot("reports-due")
    assert console_messages(browser, "SEVERE") == []


def test_search_from_the_header_box_and_follow_a_result(
    browser: WebDriver, registry_server: str, screenshot: Callable[[str], Path]
) -> None:
    browser.get(registry_server + "/mandates")
    box = wait_visible(browser, "form.site-search input[name=q]")
    box.send_keys("SOFA violations", Keys.ENTER)
    results = wait_visible(browser, "ol.search-results")
    assert browser.current_url.startswith(registry_server + "/search?")
    marked = [m.text.lower() for m in results.find_elements(By.TAG_NAME, "mark")]
    assert "sofa" in marked and "violations" in marked
    assert _count(browser).startswith("1–")
    screenshot("search")

    french = browser.find_element(By.ID, "search-q")
    french.clear()
    french.send_keys("houthistes")
    Select(browser.find_element(By.NAME, "in")).select_by_value("fr")
    browser.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: "in=fr" in d.current_url)
    first = wait_visible(browser, "ol.search-results li")
    assert "houthistes" in first.text.lower()
    screenshot("search-french")

    paragraph = first.find_elements(By.TAG_NAME, "a")[-1]
    target = paragraph.get_attribute("href")
    assert "/id/resolution/un-s-res-2722" in target
    paragraph.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == target)
    assert wait_visible(browser, "h1").text
    screenshot("search-result")
    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []
