"""The dependency view is legible in a real browser: measured on the page, not looked at.

For the default root (AG/RES. 2945, the resolution the corpus is about), the largest root of
the text corpus (the CSH, 191 nodes) and a General Assembly resolution of 391 nodes (A/RES/78/68,
read from the shipped UN archive), the drawing's label boxes (Cytoscape's
``renderedBoundingBox`` with labels) must not overlap, and the drawing must span at least 60 %
of the canvas width — with the large neighbourhoods grouped, and again with every group opened.
A root with nothing linked to it is said to be so in words.
"""

from __future__ import annotations

import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from graph.config import PROJECT_ROOT
from tests.served import built_store, serving

pytestmark = pytest.mark.browser

GA_78 = PROJECT_ROOT / "graph" / "corpus" / "un" / "unxml-ga-78.tar.xz"
GA_FILES = ["A_RES_78_68-2324915E.xml", "A_RES_78_253-2326236E.xml", "A_RES_78_285-2411033E.xml"]
MIN_SPAN = 0.6

#: every node's rendered box, label included, and the canvas width: read from the page
MEASURE = """
var cy = window.mandateGraph;
var boxes = cy.nodes().map(function (n) {
  var b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
  return [n.id(), b.x1, b.y1, b.x2, b.y2];
});
return { width: cy.container().clientWidth, height: cy.container().clientHeight,
         boxes: boxes, clusters: cy.nodes('.cluster').length };
"""


@pytest.fixture(scope="module")
def ga_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on three General Assembly resolutions of session 78, from the shipped archive."""
    folder = tmp_path_factory.mktemp("ga78-files")
    with tarfile.open(GA_78) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.rsplit("/", 1)[-1] in GA_FILES:
                extracted = archive.extractfile(member)
                assert extracted is not None
                (folder / member.name.rsplit("/", 1)[-1]).write_bytes(extracted.read())
    target = tmp_path_factory.mktemp("ga78-build")
    with serving(built_store(sorted(folder.glob("*.xml")), target, validate=False)) as url:
        yield url


def drawn(driver: WebDriver, timeout: float = 60) -> int:
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.ID, "graph-status").get_attribute("data-draw-ms")
    )
    return int(driver.find_element(By.ID, "graph-status").get_attribute("data-nodes") or 0)


def figures(driver: WebDriver) -> dict[str, Any]:
    """Overlapping label-box pairs and the share of the canvas width the drawing spans."""
    page = driver.execute_script(MEASURE)
    boxes = page["boxes"]
    overlaps = []
    for i, (a, ax1, ay1, ax2, ay2) in enumerate(boxes):
        for b, bx1, by1, bx2, by2 in boxes[i + 1:]:
            # half a pixel of slack: boxes that touch do not overlap
            if ax1 < bx2 - 0.5 and bx1 < ax2 - 0.5 and ay1 < by2 - 0.5 and by1 < ay2 - 0.5:
                overlaps.append((a, b))
    left = min(box[1] for box in boxes)
    right = max(box[3] for box in boxes)
    return {"nodes": len(boxes), "overlaps": overlaps, "span": (right - left) / page["width"],
            "canvas": (page["width"], page["height"]), "clusters": page["clusters"]}


def open_every_group(driver: WebDriver) -> None:
    """Click each "+N more" node and each collapsed node, as a reader would, until none is left."""
    for _ in range(200):
        left = driver.execute_script(
            "var c = window.mandateGraph.nodes('.cluster, .collapsed');"
            "if (!c.length) { return 0; } c[0].emit('tap'); return c.length;")
        if not left:
            return
    raise AssertionError("the groups did not open")


@pytest.mark.parametrize(
    ("server", "root", "at_least"),
    [("corpus", "/id/resolution/oas-ag-res-2945", 150),
     ("corpus", "/id/organ/oas-csh", 150),
     ("ga", "/id/resolution/un-a-res-78-68", 150)],
)
def test_labels_never_overlap_and_the_drawing_fills_the_canvas(
    browser: WebDriver, page_url: Callable[[str], str], screenshot: Callable[[str], Path],
    request: pytest.FixtureRequest, server: str, root: str, at_least: int,
) -> None:
    url = page_url(f"/graph?root={root}") if server == "corpus" else (
        request.getfixturevalue("ga_server") + f"/graph?root={root}")
    browser.get(url)
    total = drawn(browser)
    assert total >= at_least
    name = "graph-legible-" + root.rsplit("/", 1)[-1]
    # the legend names each kind drawn, in its colour
    legend = {li.get_attribute("data-kind"): li.get_attribute("data-color")
              for li in browser.find_elements(By.CSS_SELECTOR, "#graph-legend li")}
    kinds = set(browser.execute_script(
        "return window.mandateGraph.nodes().not('.cluster').map(function (n) {"
        " return n.data('kind'); })"))
    assert kinds <= set(legend) and all(legend[k].startswith("#") for k in kinds)
    grouped = figures(browser)
    browser.execute_script("document.getElementById('graph-status').scrollIntoView()")
    screenshot(name)
    open_every_group(browser)
    opened = figures(browser)
    browser.execute_script("document.getElementById('graph-status').scrollIntoView()")
    screenshot(name + "-opened")
    for state, found in (("grouped", grouped), ("opened", opened)):
        print(f"\n{root} ({state}): {found['nodes']} nodes drawn of {total}, "
              f"{found['clusters']} groups, {len(found['overlaps'])} overlapping label boxes, "
              f"drawing spans {found['span']:.0%} of the {found['canvas'][0]}x"
              f"{found['canvas'][1]} canvas")
        assert found["overlaps"] == [], found["overlaps"][:5]
        assert found["span"] >= MIN_SPAN
    assert grouped["clusters"] > 0 and grouped["nodes"] < total  # > 60 children are grouped
    assert opened["nodes"] == total and opened["clusters"] == 0


def test_an_empty_neighbourhood_is_said_in_words(
    browser: WebDriver, ga_server: str, screenshot: Callable[[str], Path]
) -> None:
    # the OAS Charter is reference data: nothing in three GA resolutions is linked to it
    browser.get(ga_server + "/graph?root=/id/convention/oas-charter")
    assert drawn(browser) == 1
    message = browser.find_element(By.ID, "graph-empty")
    assert message.is_displayed()
    assert message.text.startswith("Nothing in the graph follows from ")
    assert "leads to it" in message.text
    assert not browser.find_element(By.ID, "cy").is_displayed()
    assert browser.execute_script("return document.querySelectorAll('#cy canvas').length") == 0
    screenshot("graph-empty-neighbourhood")


def test_choosing_a_grouped_node_opens_its_group(
    browser: WebDriver, page_url: Callable[[str], str]
) -> None:
    browser.get(page_url("/graph?root=/id/resolution/oas-ag-res-2945"))
    drawn(browser)
    hidden = browser.execute_script(
        "var groups = window.mandateGraph.nodes('.cluster');"
        "var cy = window.mandateGraph;"
        "return groups.length ? groups[0].data('members').map(function (id) {"
        " return [id, cy.scratch('records')[id].label]; }) : [];")
    assert hidden, "AG/RES. 2945's 71 paragraphs should be partly grouped"
    groups = figures(browser)["clusters"]
    # the node list pages (50 a page): its search box finds the grouped node
    browser.find_element(By.ID, "node-search").send_keys(hidden[0][1])
    hidden = [iri for iri, _label in hidden]
    button = browser.find_element(By.CSS_SELECTOR, f'#node-list button[data-iri="{hidden[0]}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.send_keys("\n")
    assert browser.execute_script(
        "return window.mandateGraph.getElementById(arguments[0]).selected()", hidden[0])
    after = figures(browser)
    assert after["clusters"] == groups - 1 and after["overlaps"] == []
