"""Fixtures of the browser tests: one Chromium per session, a clean tab for each test.

``browser``     a Selenium WebDriver on a fresh tab: no cookies, storage or cache of the
                server's origin, viewport 1280x900, request and console logs emptied.
``page_url``    ``page_url("/ontology")`` is that path's URL on the live server.
``screenshot``  ``screenshot("ontology")`` saves test-artifacts/screenshots/ontology.png.

Why one browser for the session and not one per test: starting and quitting Chromium costs
about two seconds, a clean tab about a quarter of one, and the server's pages keep no state in
the browser that clearing the origin's data does not remove. A test that needs a browser of
its own calls :func:`tests.browser.start_chromium`.

Every test under this folder is marked ``browser``; when one fails, its screenshot and its
console log go to test-artifacts/failures/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import (
    VIEWPORT,
    BrowserUnavailable,
    console_messages,
    ensure_chromium,
    forget_logs,
    requested_urls,
    safe_name,
    set_viewport,
    start_chromium,
)

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"

_PHASES = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``, so ``-m browser`` / ``-m 'not browser'`` work."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """Keep each phase's report on the item: the ``browser`` fixture reads it at teardown."""
    report = yield
    item.stash.setdefault(_PHASES, {})[report.when] = report
    return report


class _Chromium:
    """The session's browser; started again if a test leaves it unusable (crash, quit)."""

    def __init__(self, profiles: pytest.TempPathFactory) -> None:
        self._profiles = profiles
        self.driver = self._start()

    def _start(self) -> WebDriver:
        return start_chromium(self._profiles.mktemp("chromium-profile"))

    def fresh_tab(self, origin: str) -> WebDriver:
        """A new blank tab, all others closed, the origin's data and the logs cleared."""
        try:
            return self._clean(self.driver, origin)
        except WebDriverException:
            self.quit()
            self.driver = self._start()
            return self._clean(self.driver, origin)

    @staticmethod
    def _clean(driver: WebDriver, origin: str) -> WebDriver:
        old = driver.window_handles
        driver.switch_to.new_window("tab")
        fresh = driver.current_window_handle
        for handle in old:
            driver.switch_to.window(handle)
            driver.close()
        driver.switch_to.window(fresh)
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.execute_cdp_cmd(
            "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
        )
        set_viewport(driver, *VIEWPORT)
        forget_logs(driver)
        return driver

    def quit(self) -> None:
        try:
            self.driver.quit()
        except WebDriverException:
            pass  # already gone: nothing left to stop


@pytest.fixture(scope="session")
def chromium_installed() -> float:
    """Debian's chromium and chromedriver, installed with apt-get if missing (as root).

    Skips the browser tests, with the reason and the fix, where that is impossible.
    Gives the seconds spent installing (0 when they were there).
    """
    try:
        return ensure_chromium()
    except BrowserUnavailable as err:
        pytest.skip(f"browser tests need Chromium: {err}")


@pytest.fixture(scope="session")
def _chromium(
    chromium_installed: float, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[_Chromium]:
    session = _Chromium(tmp_path_factory)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture()
def browser(
    _chromium: _Chromium, live_server: str, request: pytest.FixtureRequest
) -> Iterator[WebDriver]:
    """A WebDriver on a clean tab of the session's Chromium, next to the live server."""
    driver = _chromium.fresh_tab(live_server)
    yield driver
    phases = request.node.stash.get(_PHASES, {})
    if any(report.failed for report in phases.values()):
        _save_failure(driver, request.node.nodeid)


def _save_failure(driver: WebDriver, nodeid: str) -> None:
    """The failing test's screenshot, console log and requests, named after the test."""
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = safe_name(nodeid)
    try:
        driver.save_screenshot(str(FAILURES / f"{stem}.png"))
        lines = [f"URL {driver.current_url}", "", "# console", *console_messages(driver)]
        lines += ["", "# requests", *requested_urls(driver)]
    except WebDriverException as err:  # the browser itself is what failed
        lines = [f"browser unusable: {err.msg}"]
    (FAILURES / f"{stem}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def page_url(live_server: str) -> Callable[[str], str]:
    """``page_url("/ontology")`` → the URL of that path on the live server."""

    def url(path: str = "/") -> str:
        return live_server + (path if path.startswith("/") else "/" + path)

    return url


@pytest.fixture()
def screenshot(browser: WebDriver) -> Callable[[str], Path]:
    """``screenshot("name")`` saves the visible tab as test-artifacts/screenshots/name.png.

    Screenshots are kept as artefacts for review; the same name overwrites, so name them after
    the page and state shown (``ontology``, ``query-error``).
    """

    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{safe_name(name)}.png"
        if not browser.save_screenshot(str(path)):
            raise AssertionError(f"the screenshot {path.name} could not be written")
        return path

    return save
