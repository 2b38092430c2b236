"""Headless Debian Chromium driven by Playwright, with every non-loopback request blocked and recorded, and the
waits every browser test shares. Nothing here sleeps for a fixed time: each wait is Playwright's auto-waiting
``expect`` (locators, URL) or, for state no locator exposes (plotly's ``gd._fullData``, page scripts), a JS
predicate that Playwright polls in the page until it holds or the timeout ends."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).parent / "screenshots"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
WAIT = 60_000  # ms: one update of a loaded server on 2 shared cores
FIRST_WAIT = 150_000  # the first update of a fresh worker loads the tables
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "Debian chromium is required for browser tests (make test installs it)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProbe:
    """A page plus what it tried to fetch outside the machine and what it logged as errors."""

    def __init__(self, page):
        self.page = page
        self.external: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture()
def probe(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    p = PageProbe(page)

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            p.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda msg: p.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: p.console_errors.append(str(exc)))
    page.on("requestfailed", lambda req: p.failed.append(req.url))
    yield p
    context.close()


# ---------------------------------------------------------------- waits (auto-waiting, no fixed sleeps)

expect.set_options(timeout=WAIT)


def wait_js(page, predicate: str, arg=None, timeout: int = WAIT) -> None:
    """Wait until the JS ``predicate`` (a function of ``arg``) is truthy: Playwright evaluates it in the page every
    250 ms (interval polling, not animation frames, which a busy headless page can starve); a Playwright
    TimeoutError when it does not hold within ``timeout`` ms."""
    page.wait_for_function(predicate, arg=arg, polling=250, timeout=timeout)


def expect_url(page, pattern: str, timeout: int = WAIT) -> None:
    """The address bar comes to contain ``pattern`` (a regular expression searched in the whole URL)."""
    expect(page).to_have_url(re.compile(pattern), timeout=timeout)


def expect_text(page, selector: str, needle: str, timeout: int = WAIT) -> None:
    """The first element matching ``selector`` comes to contain ``needle`` in its text."""
    expect(page.locator(selector).first).to_contain_text(needle, timeout=timeout)


# (a static first view's chart card, data-static, is the server's HTML before Dash has drawn the page: not settled)
# (the page's own <main> is in: between React's first render of the frame and the router's answer nothing is
# loading and no graph waits, and a skip link pressed then focused the empty #page)
# (Dash's renderer shows its own "Loading..." in place of the static first view until its layout has arrived)
SETTLED = """() => !document.querySelector('[data-dash-is-loading="true"]') && !document.querySelector('[data-static]')
  && !document.querySelector('._dash-loading')
  && (!document.getElementById('page') || !!document.querySelector('#page main'))
  && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))"""

# every shown, autosized graph is drawn at its container's width (plotly's responsive resize has run)
FITTED = """() => [...document.querySelectorAll('.js-plotly-plot')].every(g =>
  g.offsetParent === null || !g._fullLayout || (g.layout && g.layout.width) || !g.clientWidth
  || Math.abs(g._fullLayout.width - g.clientWidth) <= 1)"""


def settle(page, timeout: int = WAIT) -> None:
    """No Dash callback is loading and every graph on the page is drawn."""
    wait_js(page, SETTLED, timeout=timeout)


def resize(page, width: int, height: int, timeout: int = WAIT) -> None:
    """Set the viewport and wait until the page has laid itself out for it: the window has the new size, no
    callback is loading and every shown graph has been redrawn at its card's new width."""
    page.set_viewport_size({"width": width, "height": height})
    wait_js(page, "([w, h]) => window.innerWidth === w && window.innerHeight === h", [width, height], timeout)
    settle(page, timeout)
    wait_js(page, FITTED, timeout=timeout)

