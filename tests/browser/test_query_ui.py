"""The SPARQL editor (/query) in a real browser: a question from the list runs and shows its rows,
a shared link opens with its query, and nothing is fetched from another site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import console_messages, external_requests, wait_visible

pytestmark = pytest.mark.browser

EDITOR_TEXT = "return document.querySelector('.CodeMirror').CodeMirror.getValue();"


def test_a_question_runs_and_shows_its_rows(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/query"))
    example = wait_visible(browser, "button.example[data-name='officers-of-organ']")
    assert example.text == "Officers of an organ"
    example.click()

    def chair_shown(driver: WebDriver) -> bool:
        cells = driver.find_elements(By.CSS_SELECTOR, ".yasr table tbody td")
        return any("jose-manuel-boza-orozco" in cell.text for cell in cells)

    WebDriverWait(browser, 20).until(chair_shown)
    text = browser.find_element(By.CSS_SELECTOR, ".yasr table tbody").text
    # in the editor the organ is not bound: the file answers for every organ
    assert "santiago-a-canton" in text  # the IACHR's executive secretary
    assert "mg:postIn" in browser.execute_script(EDITOR_TEXT)
    screenshot("query-ui-officers")
    assert external_requests(browser) == []
    assert not console_messages(browser, "SEVERE")


def test_a_shared_link_opens_with_its_query(
    browser: WebDriver, page_url: Callable[[str], str]
) -> None:
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/mandate-graph/ontology#Resolution> } LIMIT 3"
    browser.get(page_url("/query?query=" + quote(query)))
    wait_visible(browser, ".CodeMirror")
    assert browser.execute_script(EDITOR_TEXT) == query

    wait_visible(browser, "#copy-link").click()
    link = wait_visible(browser, "#share-link").get_attribute("value") or ""
    assert link.startswith(page_url("/query?query="))
    browser.get(link)
    wait_visible(browser, ".CodeMirror")
    assert browser.execute_script(EDITOR_TEXT) == query
