"""The dependency graph in a real browser: AG/RES. 2945 is drawn, a node shows its evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from graph import dependencies as deps
from tests.browser import console_messages, external_requests, wait_visible

pytestmark = pytest.mark.browser

MANDATE_52 = "https://w3id.org/mandate-graph/id/resolution/oas-ag-res-2945/paragraph/52/mandate"


def drawn(driver: WebDriver, timeout: float = 30) -> int:
    """Wait until the page says how many nodes it drew; that number."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.ID, "graph-status").get_attribute("data-draw-ms")
    )
    return int(driver.find_element(By.ID, "graph-status").get_attribute("data-nodes") or 0)


def test_graph_of_2945_is_drawn_and_a_node_shows_its_evidence(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path]
) -> None:
    browser.get(page_url("/graph?root=/id/resolution/oas-ag-res-2945"))
    assert "Dependencies of AG/RES. 2945" in wait_visible(browser, "h1").text
    nodes = drawn(browser)
    assert nodes > 0
    assert browser.execute_script("return document.querySelectorAll('#cy canvas').length") > 0
    assert "nodes and" in browser.find_element(By.ID, "graph-status").text
    assert int(browser.find_element(By.ID, "node-list-count").text) == nodes
    # the keyboard way in: the node list is buttons, 50 a page with a search box; Enter on one
    # opens its details
    assert len(browser.find_elements(By.CSS_SELECTOR, "#node-list button")) == min(nodes, 50)
    browser.find_element(By.ID, "node-search").send_keys("Mandate of AG/RES. 2945, paragraph 52")
    button = browser.find_element(By.CSS_SELECTOR, f'#node-list button[data-iri="{MANDATE_52}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.send_keys("\n")
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#details-body blockquote.quote")
    )
    # the chosen node is selected in the drawing (a group holding it is opened first)
    assert browser.execute_script(
        f"return window.mandateGraph.getElementById('{MANDATE_52}').selected()")
    details = browser.find_element(By.ID, "details-body")
    assert "Mandate of AG/RES. 2945, paragraph 52" in details.find_element(By.TAG_NAME, "h3").text
    quotes = [q.text for q in details.find_elements(By.CSS_SELECTOR, "blockquote.quote")]
    assert any("52" in q for q in quotes)
    assert details.find_element(By.LINK_TEXT, "Entity page").get_attribute("href").endswith(
        "/id/resolution/oas-ag-res-2945/paragraph/52/mandate"
    )
    selected = browser.execute_script("return document.querySelectorAll('#analytics-body li').length")
    assert selected > 0  # the analytics panel lists centrality and orphan mandates
    browser.execute_script("document.getElementById('graph-status').scrollIntoView()")
    screenshot("graph-ag-res-2945")
    assert external_requests(browser) == []
    assert [m for m in console_messages(browser, "SEVERE") if "Content Security Policy" not in m] == []


def test_time_to_draw_the_largest_graph(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path],
    build_dir: Path,
) -> None:
    full = deps.load_graph(deps.store_runner(build_dir / "current" / "store"))
    sizes = [(deps.view(full, r["id"]).number_of_nodes(), r["id"]) for r in deps.roots(full)]
    size, root = max(sizes)
    path = "/graph?root=/id/" + root.split("/id/", 1)[1]
    browser.get(page_url(path))
    assert drawn(browser, timeout=60) == size
    ms = browser.find_element(By.ID, "graph-status").get_attribute("data-draw-ms")
    browser.execute_script("document.getElementById('graph-status').scrollIntoView()")
    screenshot("graph-largest")
    print(f"\nlargest dependency graph: {root} — {size} nodes drawn in {ms} ms (dagre, in Chromium)")


def test_the_node_list_pages_by_fifty_in_the_reader_language(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path],
    build_dir: Path,
) -> None:
    full = deps.load_graph(deps.store_runner(build_dir / "current" / "store"))
    size, root = max((deps.view(full, r["id"]).number_of_nodes(), r["id"])
                     for r in deps.roots(full))
    assert size > 50
    browser.get(page_url("/graph?lang=fr&root=/id/" + root.split("/id/", 1)[1]))
    assert wait_visible(browser, "h1").text.startswith("Dépendances de ")
    assert drawn(browser, timeout=60) == size
    pager = browser.find_element(By.CSS_SELECTOR, "#node-list + nav.pager")
    total = f"{size:,}".replace(",", "\u202f")  # French groups thousands with a narrow space

    def shown() -> list[str]:
        return [b.get_attribute("data-iri")
                for b in browser.find_elements(By.CSS_SELECTOR, "#node-list button")]

    first = shown()
    assert len(first) == 50
    assert pager.find_element(By.CLASS_NAME, "count").text in (
        f"1–50 sur {total}", f"1–50 sur {size}")
    pager.find_element(By.CSS_SELECTOR, "button[rel=next]").click()
    second = shown()
    assert second and not set(second) & set(first)
    assert pager.find_element(By.CLASS_NAME, "count").text.startswith("51–")
    assert browser.find_element(By.ID, "details-title").text == "Détails"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", pager)
    screenshot("graph-node-list-paged-fr")
