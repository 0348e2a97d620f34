"""Browser tests: the server's pages in a real headless Chromium, driven by Selenium.

The fixtures are in ``conftest.py`` (``browser``, ``page_url``, ``screenshot``); this module holds
what a test may also want to call itself: installing Chromium, starting one, and reading back
what a page did (requests it made, console messages).

Why Debian's Chromium and chromedriver, not a browser a test tool downloads: CI and the
development machines only reach the Debian mirror and PyPI, so ``apt-get`` is the one
installation that works everywhere, and the two Debian packages always come in matching
versions. Selenium is given the chromedriver path explicitly, which makes it skip Selenium
Manager (the part that would otherwise look for, and download, a driver and a browser).

Why the browser may only resolve the loopback address: pages must work offline (no CDN, no web
font, no analytics). ``--host-resolver-rules`` makes every other host name fail in the browser
itself, so a page that depends on one breaks visibly in the test, on any machine, whether or not
it has internet; :func:`external_requests` names what the page tried to fetch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.apt import apt_install

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PACKAGES = ("chromium", "chromium-driver")
VIEWPORT = (1280, 900)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Schemes that leave the browser; chrome://, data:, blob: and about: pages never do.
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})

# Flags for Debian's Chromium headless as root. --disable-background-networking and the others
# stop Chromium's own calls home (updates, sync, safe browsing): on a closed network they are
# refused and slow the start; on an open one they would be noise in the performance log.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--lang=en-US",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
)


class BrowserUnavailable(Exception):
    """Chromium or chromedriver is missing and cannot be installed here."""


def ensure_chromium() -> float:
    """Install Debian's chromium and chromium-driver if either is missing; return seconds spent.

    Installs only as root (CI runs as root on a fresh machine). ``MANDATE_GRAPH_BROWSER_INSTALL=0``
    forbids installing, so that a developer who does not want packages added gets skips instead.
    """
    if CHROMIUM.is_file() and CHROMEDRIVER.is_file():
        return 0.0
    missing = " and ".join(str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file())
    install = f"apt-get install {' '.join(PACKAGES)}"
    if os.environ.get("MANDATE_GRAPH_BROWSER_INSTALL", "1") == "0":
        raise BrowserUnavailable(f"{missing} missing and MANDATE_GRAPH_BROWSER_INSTALL=0: `{install}`")
    if shutil.which("apt-get") is None:
        raise BrowserUnavailable(f"{missing} missing and there is no apt-get: `{install}` or equivalent")
    if os.geteuid() != 0:
        raise BrowserUnavailable(f"{missing} missing and we are not root: `sudo {install}` first")
    started = time.perf_counter()
    apt_install(list(PACKAGES), BrowserUnavailable)
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        raise BrowserUnavailable(f"{' '.join(PACKAGES)} installed, but {missing} is still missing")
    return time.perf_counter() - started


def start_chromium(profile_dir: Path, *, viewport: tuple[int, int] = VIEWPORT) -> WebDriver:
    """A headless Chromium with its own profile in ``profile_dir``, logging requests and console.

    For a test that needs a browser of its own (another window size, two users at once);
    the ``browser`` fixture is cheaper. The caller quits it.
    """
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    # The performance log carries the DevTools network events read by external_requests.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # The explicit driver path already keeps Selenium Manager out; SE_OFFLINE makes sure a
    # future Selenium that consults it anyway cannot download.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
    driver.set_page_load_timeout(30)
    set_viewport(driver, *viewport)
    return driver


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Make the page area (what a user sees, what a screenshot holds) ``width`` x ``height``.

    Headless Chromium still reserves room for a tab strip and toolbar inside its window, so
    the window is made larger than the viewport by what that room measures.
    """
    extra_width, extra_height = driver.execute_script(
        "return [outerWidth - innerWidth, outerHeight - innerHeight]"
    )
    driver.set_window_size(width + extra_width, height + extra_height)


# Selenium hands out log entries once: each get_log call drains the browser's buffer. They are
# kept here, per driver, so that a test, the helpers and the failure report all see them.
_LOGS: weakref.WeakKeyDictionary[WebDriver, dict[str, list[dict[str, Any]]]] = (
    weakref.WeakKeyDictionary()
)


def _log(driver: WebDriver, kind: str) -> list[dict[str, Any]]:
    kept = _LOGS.setdefault(driver, {}).setdefault(kind, [])
    kept.extend(driver.get_log(kind))
    return kept


def forget_logs(driver: WebDriver) -> None:
    """Drop every request and console message seen so far (the fixture does it before a test)."""
    for kind in ("performance", "browser"):
        _log(driver, kind).clear()


def requested_urls(driver: WebDriver) -> list[str]:
    """Every URL the browser requested since the test began (documents, scripts, XHR, sockets)."""
    urls: list[str] = []
    for entry in _log(driver, "performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
        elif method == "Network.webSocketCreated":
            url = params["url"]
        else:
            continue
        if url not in urls:
            urls.append(url)
    return urls


def external_requests(driver: WebDriver) -> list[str]:
    """The URLs requested from a host other than the loopback since the test began.

    A page that must work offline gives ``[]``. Requests the browser refused (all external
    host names fail to resolve in these tests) are listed too: the attempt is the fault.
    """
    external = []
    for url in requested_urls(driver):
        parts = urlsplit(url)
        if parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOOPBACK_HOSTS:
            external.append(url)
    return external


def console_messages(driver: WebDriver, level: str | None = None) -> list[str]:
    """The console messages since the test began, as ``LEVEL message``; ``level`` filters.

    ``console_messages(browser, "SEVERE")`` gives JavaScript errors and failed loads. The
    failed load of ``/favicon.ico`` is left out: the browser asks for it on its own, once per
    session, so whether it shows depends on which test ran first, not on the page tested.
    """
    return [
        f"{entry['level']} {entry['message']}"
        for entry in _log(driver, "browser")
        if (level is None or entry["level"] == level) and not _favicon_miss(entry["message"])
    ]


def _favicon_miss(message: str) -> bool:
    return "/favicon.ico - Failed to load resource" in message


def wait_visible(driver: WebDriver, css: str, timeout: float = 10) -> WebElement:
    """The first element matching the CSS selector once it is displayed (fails after timeout)."""
    located = expected_conditions.visibility_of_element_located(("css selector", css))
    element: WebElement = WebDriverWait(driver, timeout).until(
        located, f"no visible element matches {css!r} after {timeout} s"
    )
    return element


def safe_name(name: str) -> str:
    """A file name from a test id or a screenshot name: letters, digits, '.', '_' and '-'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "unnamed"
