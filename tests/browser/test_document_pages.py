"""The document pages in a real browser, on the session's live server (the shipped corpus): the
CSH work plan reads as its calendar of activities, 50 a page with its counts, each activity
with a "source" link that opens the document reader at its passage; the Mali national action
plan shows its priority axes in French; the OAS resolution known by its cited paragraphs shows
where they are cited. Screenshots: test-artifacts/screenshots/document-page-*.png.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import console_messages, external_requests, wait_visible

pytestmark = pytest.mark.browser


def visible_text(browser: WebDriver) -> str:
    return browser.find_element(By.TAG_NAME, "main").text


def test_a_work_plan_pages_its_activities_and_opens_their_sources(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/id/source/csh-work-plan-2019-2020"))
    assert wait_visible(browser, "h1").text.startswith("Work plan and calendar of activities")
    pager = browser.find_element(By.CSS_SELECTOR, "#items-title ~ nav.pager")
    assert re.fullmatch(r"1–50 of \d+", pager.find_element(By.CLASS_NAME, "count").text)
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.items tbody tr")) == 50
    assert "w3id.org" not in visible_text(browser)
    screenshot("document-page-work-plan")
    pager.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    assert wait_visible(browser, "#items-title ~ nav.pager .count").text.startswith("51–100 of ")
    source = browser.find_element(By.CSS_SELECTOR, "table.items a.source")
    quoted = source.find_element(By.XPATH, "preceding-sibling::a[1]").text
    source.click()
    mark = wait_visible(browser, "mark#span")
    assert mark.text and mark.text.split()[0] in quoted, (mark.text, quoted)
    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []


def test_an_action_plan_in_french_with_its_axes(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/id/source/mali-nap-1325-2012-2014?lang=fr"))
    assert wait_visible(browser, "#axes-title").text.startswith("Axes prioritaires")
    axes = browser.find_elements(By.CSS_SELECTOR, "ol.axes > li")
    assert len(axes) == 5 and "XOF" in axes[0].text
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    browser.execute_script("document.getElementById('axes-title').scrollIntoView()")
    screenshot("document-page-action-plan-fr")


def test_an_oas_resolution_shows_where_its_paragraphs_are_cited(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/id/resolution/oas-ag-res-2945"))
    wait_visible(browser, "h1")
    cited = browser.find_elements(By.CSS_SELECTOR, "ol.operative p.cited-in a.quote")
    assert cited, "no paragraph says where it is cited"
    assert "w3id.org" not in visible_text(browser)
    screenshot("document-page-oas-resolution")
    cited[0].click()
    assert wait_visible(browser, "mark#span").text
