"""An entity page in a real browser: from a resolution's evidence to the passage it quotes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import console_messages, external_requests, wait_visible

pytestmark = pytest.mark.browser

QUOTE = "AG/RES. 2945 (XLIX-O/19)"


def test_evidence_link_opens_the_highlighted_passage(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    # its statements and their evidence: the data view (a browser gets the resolution page)
    browser.get(page_url("/id/resolution/oas-ag-res-2945?view=data"))
    assert wait_visible(browser, "h1").text == "AG/RES. 2945"  # its label; QUOTE is as written
    assert "Mandate Graph" in browser.title
    screenshot("entity-resolution")

    quote = browser.find_element(By.CSS_SELECTOR, "a.quote")
    assert quote.text == QUOTE
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", quote)
    quote.click()

    mark = wait_visible(browser, "mark#span")
    assert mark.text == QUOTE
    assert "/documents/csh-work-plan-2019-2020?start=" in browser.current_url
    top, bottom, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight];", mark)
    assert 0 <= top and bottom <= height, "the highlighted passage is not in view"
    screenshot("document-highlighted-span")

    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []
