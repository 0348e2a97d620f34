"""The ontology page in a real browser: it shows, it can be used from the keyboard, offline.

Also the checks that the browser helpers themselves see what they claim to, so that an empty
``external_requests`` on a real page means "no request" and not "nothing logged".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from tests.browser import console_messages, external_requests, requested_urls, wait_visible

pytestmark = pytest.mark.browser

# A heading whose own text (before the <code> of the compact IRI) is the class label, in any case:
# labels are lower-case ("mandate") but a page may well capitalise them.
CLASS_HEADING = (
    "//*[self::h2 or self::h3 or self::h4]"
    "[translate(normalize-space(text()[1]), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz')='{label}']"
)


def focused(driver: WebDriver) -> WebElement:
    element: WebElement = driver.switch_to.active_element
    return element


def on_screen(driver: WebDriver, element: WebElement) -> bool:
    """Displayed and inside the viewport: what the user has in front of them."""
    return element.is_displayed() and bool(driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;",
        element,
    ))


def test_ontology_page_shows_its_classes(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/ontology"))

    assert "ontology" in browser.title.lower()
    assert "Mandate Graph" in browser.title
    assert wait_visible(browser, "h1").text
    assert screenshot("ontology").stat().st_size > 0
    heading = browser.find_element(By.XPATH, CLASS_HEADING.format(label="mandate"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", heading)
    assert on_screen(browser, heading)
    assert heading.text.lower().startswith("mandate")


def test_ontology_page_reached_by_keyboard(
    browser: WebDriver, page_url: Callable[[str], str]
) -> None:
    """Tab from the top of the page: focus lands on a visible link with a name."""
    browser.get(page_url("/ontology"))

    link = None
    for _ in range(10):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if focused(browser).tag_name == "a":
            link = focused(browser)
            break
    assert link is not None, "ten presses of Tab never focused a link"
    assert on_screen(browser, link)
    assert link.get_attribute("href")
    assert (link.text or link.get_attribute("aria-label") or "").strip()


def test_ontology_page_needs_nothing_but_the_server(
    browser: WebDriver, page_url: Callable[[str], str]
) -> None:
    browser.get(page_url("/ontology"))

    assert any(url.startswith(page_url("/ontology")) for url in requested_urls(browser))
    assert external_requests(browser) == []
    assert console_messages(browser, "SEVERE") == []


def test_external_requests_names_what_a_page_fetches_elsewhere(browser: WebDriver) -> None:
    """The check of the helper: a page pulling a web font and a script from elsewhere."""
    browser.get(
        "data:text/html,<title>t</title>"
        "<link rel=stylesheet href='https://fonts.example.com/css?family=X'>"
        "<script src='http://cdn.example.org/lib.js'></script>"
        "<img src='http://127.0.0.1:9/local.png'>"
    )

    assert external_requests(browser) == [
        "https://fonts.example.com/css?family=X",
        "http://cdn.example.org/lib.js",
    ]
    assert any("cdn.example.org" in line for line in console_messages(browser, "SEVERE"))
