"""Benchmark: time to interactive of the dependency view (``/graph``) at 500, 1,000, 2,000 nodes.

Run: ``.venv/bin/python bench/graph_view.py [--sizes 500,1000,2000] [--runs 3]``.

For each size, a store is written by :mod:`graph.synthetic_mission` (a mission renewed by a
chain of resolutions, its view at least that many nodes), the real server is started on it and
a headless Chromium (the browser tests' one) opens ``/graph`` rooted at the mission and at the
first resolution of the chain. Time to interactive is what the page writes on ``#graph-status``
(``data-interactive-ms``): from the start of the navigation to the first frame painted after the
layout, when a click on the drawing answers; the server's share is the ``/api/graph`` request as
the browser's resource timing saw it. Then one "+N more" group is clicked, as a reader would,
and the time until the larger drawing is laid out is printed. Each first visit asks the server
for a view it has not computed yet (a new tab, the cache cleared). It prints figures (median of
``--runs``); it is not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package: its browser

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from graph.synthetic_mission import write_store  # noqa: E402
from tests.browser import BrowserUnavailable, ensure_chromium, start_chromium  # noqa: E402
from tests.conftest import start_server, stop_server  # noqa: E402

#: what the page measured, and the server's share from the browser's resource timing
MEASURE = """
var status = document.getElementById('graph-status');
var api = performance.getEntriesByType('resource').filter(function (e) {
  return e.name.indexOf('/api/graph?') >= 0; })[0];
return { interactive: Number(status.getAttribute('data-interactive-ms')),
         nodes: Number(status.getAttribute('data-nodes')),
         drawn: Number(status.getAttribute('data-drawn')),
         groups: Number(status.getAttribute('data-groups')),
         api: api ? api.responseEnd - api.requestStart : null };
"""
#: click the largest group (else the collapsed node with most under it): ms until laid out
OPEN_GROUP = """
var cy = window.mandateGraph;
var groups = cy.nodes('.cluster').sort(function (a, b) {
  return b.data('count') - a.data('count'); });
if (!groups.length) {
  groups = cy.nodes('.collapsed').sort(function (a, b) { return b.data('more') - a.data('more'); });
}
if (!groups.length) { return null; }
var before = cy.nodes().length;
var started = performance.now();
groups[0].emit('tap');
return { ms: performance.now() - started, before: before, after: cy.nodes().length };
"""


def visit(driver: WebDriver, url: str) -> dict[str, float]:
    """One first visit of ``url`` in a fresh tab: the page's figures, then one group opened."""
    driver.switch_to.new_window("tab")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(url)
    WebDriverWait(driver, 60).until(
        lambda d: d.find_element(By.ID, "graph-status").get_attribute("data-interactive-ms"))
    figures: dict[str, float] = driver.execute_script(MEASURE)
    opened = driver.execute_script(OPEN_GROUP)
    figures["open_ms"] = opened["ms"] if opened else float("nan")
    figures["open_after"] = opened["after"] if opened else figures["drawn"]
    handle = driver.current_window_handle
    driver.close()
    driver.switch_to.window([h for h in driver.window_handles if h != handle][0])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000",
                        help="view sizes in nodes, comma-separated (default: 500,1000,2000)")
    parser.add_argument("--runs", type=int, default=3, help="first visits per root (median)")
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        sys.exit(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    try:
        ensure_chromium()
    except BrowserUnavailable as err:
        sys.exit(f"this benchmark needs Chromium: {err}")
    print(f"time to interactive of /graph (median of {args.runs} first visits; ms)")
    print(f"  {'root':<22} {'nodes':>6} {'drawn':>6} {'groups':>6} {'/api/graph':>10} "
          f"{'interactive':>11} {'open a group':>12} {'drawn then':>10}")
    with tempfile.TemporaryDirectory(prefix="graph-view-") as work:
        driver = start_chromium(Path(work) / "profile")
        driver.get("about:blank")
        try:
            for size in sizes:
                fixture = write_store(Path(work) / f"store-{size}", size)
                proc, url = start_server(f"oxigraph:{fixture.store}")
                try:
                    # the one reading of the whole graph per release, before any first visit
                    with urllib.request.urlopen(  # noqa: S310 - our own server's http URL
                            url + "/api/graph/roots", timeout=120):
                        pass
                    for name, root in (("mission (UNMISS)", fixture.mission),
                                       ("first resolution", fixture.first_resolution)):
                        page = f"{url}/graph?root=/id/{root.split('/id/', 1)[1]}"
                        runs = [visit(driver, page) for _ in range(args.runs)]

                        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
                            return statistics.median(r[key] for r in runs)

                        print(f"  {name:<22} {int(median('nodes')):>6} {int(median('drawn')):>6} "
                              f"{int(median('groups')):>6} {median('api'):>10.0f} "
                              f"{median('interactive'):>11.0f} {median('open_ms'):>12.0f} "
                              f"{int(median('open_after')):>10}")
                finally:
                    stop_server(proc)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
