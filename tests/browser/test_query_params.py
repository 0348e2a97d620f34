"""A named query's form in a real browser: typing part of a symbol offers the data's names,
the chosen one runs, the answer shows names (IRIs behind the links) and pages by 50.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import console_messages, external_requests, wait_visible

pytestmark = pytest.mark.browser

OPTIONS = ("return Array.from(document.querySelectorAll('#param-resolution-options option'))"
           ".map(function (o) { return o.value; });")


def test_typing_a_symbol_offers_names_and_runs(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/queries/mandates-of-resolution"))
    field = wait_visible(browser, "#param-resolution")
    field.clear()
    field.send_keys("AG/RES. 29")
    WebDriverWait(browser, 10).until(
        lambda d: "AG/RES. 2945 (XLIX-O/19)" in d.execute_script(OPTIONS))
    screenshot("query-params-suggestions")
    field.clear()
    field.send_keys("AG/RES. 2945 (XLIX-O/19)")
    field.submit()
    table = wait_visible(browser, "table.results")
    link = table.find_element(By.CSS_SELECTOR, 'a[href="/id/resolution/oas-ag-res-2945"]')
    assert link.text == "AG/RES. 2945 (XLIX-O/19)"
    assert link.get_attribute("title") == "https://w3id.org/mandate-graph/id/resolution/oas-ag-res-2945"
    assert "w3id.org" not in table.text
    assert external_requests(browser) == []
    assert not [m for m in console_messages(browser, "SEVERE") if "favicon" not in m]


def test_a_long_answer_pages_by_fifty(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/queries/document-facts?document=https://w3id.org/mandate-graph/id/"
                         "source/csh-work-plan-2019-2020"))
    pager = wait_visible(browser, "nav.pager")
    count = pager.find_element(By.CSS_SELECTOR, ".count").text
    assert count.startswith("1–50 of ")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 50
    pager.find_element(By.LINK_TEXT, "next").click()
    assert wait_visible(browser, "nav.pager .count").text.startswith("51–100 of ")
    screenshot("query-params-page-2")
