"""Provenance panels in headless Chromium: hovering or focusing a source line (explorer map on /, a chart and a
key figure on /country/BIH) shows the source's processing steps from the manifest; the panel can be hovered
itself; Escape hides it; nothing leaves the machine."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from dashboard import store
from tests.browser.conftest import SCREENSHOTS, WAIT, settle, wait_js

pytestmark = pytest.mark.browser
RETRY = 3_000  # ms to wait for a panel after one hover, before hovering again


def hover_open(page, trigger, tip) -> None:
    """Hover the trigger until its panel shows (hover again if something moved the trigger from under the pointer):
    a bounded number of hovers, each followed by an auto-waiting check that the panel is visible."""
    for _ in range(WAIT // RETRY):
        trigger.hover()
        try:
            expect(tip).to_be_visible(timeout=RETRY)
            return
        except AssertionError:
            continue
    raise TimeoutError(f"panel {tip.get_attribute('id')} did not show on hover within {WAIT / 1000:.0f} s")


PLACED = """(id) => { const tip = document.getElementById(id); if (getComputedStyle(tip).display === 'none') return false;
  const r = tip.getBoundingClientRect();
  return tip.style.position === 'fixed' && r.top >= 0 && r.bottom <= window.innerHeight + 1; }"""


def hover_onto_panel(page, trigger, tip) -> None:
    """Move the pointer from the trigger onto the open panel's first step and check the panel stays open.

    The pointer is moved, not ``locator.hover()``: that scrolls the step into view first when the panel is not yet
    placed in the viewport (assets/provenance.js places it on the next animation frame), and a scroll moves the
    trigger from under the pointer. So: wait until the panel is placed, then move straight onto it."""
    tid = tip.get_attribute("id")
    for _ in range(WAIT // RETRY):
        hover_open(page, trigger, tip)
        try:
            wait_js(page, PLACED, tid, timeout=5_000)
        except PlaywrightTimeoutError:  # closed again (a late re-render): hover again
            continue
        box = tip.locator(".prov-step").first.bounding_box()
        if box:
            page.mouse.move(box["x"] + min(20, box["width"] / 2), box["y"] + box["height"] / 2)
            try:  # the pointer is on the panel itself (CSS :hover), not on a gap or on something drawn over it
                wait_js(page, "(id) => document.getElementById(id).matches(':hover')", tid, timeout=RETRY)
            except PlaywrightTimeoutError:
                continue
            if tip.is_visible():
                return
    raise TimeoutError(f"panel {tid} did not stay open with the pointer on it")


def first_step(box) -> str:
    sid = box.locator(".prov-source").first.get_attribute("data-source")
    return store.source_meta(sid)["processing"][0]


def shot(page, name: str) -> None:
    """The viewport (the panel is placed in it), to look at the open panel."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"provenance_{name}.png"))


def check_panel(probe, box, name: str) -> None:
    page = probe.page
    trigger, tip = box.locator(".prov-trigger"), box.locator("[role=tooltip]")
    assert tip.get_attribute("id") == trigger.get_attribute("aria-describedby")
    step = first_step(box)
    assert not tip.is_visible()

    settle(page)  # a chart that loads after the pointer reached the source line would move it or cover it
    hover_open(page, trigger, tip)  # hover shows it ...
    assert step in tip.inner_text()
    shot(page, f"{name}_hover")
    hover_onto_panel(page, trigger, tip)  # ... the panel itself can be hovered (no gap) ...
    assert tip.is_visible()
    page.keyboard.press("Escape")  # ... and Escape hides it while the pointer stays
    assert not tip.is_visible()
    page.mouse.move(1, 1)

    trigger.focus()  # keyboard focus shows it too
    assert page.evaluate("() => document.activeElement.classList.contains('prov-trigger')")
    assert tip.is_visible() and step in tip.inner_text()
    shot(page, f"{name}_focus")
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('prov-trigger')")  # focus not moved
    page.keyboard.press("Shift+Tab")
    trigger.focus()  # coming back shows it again
    assert tip.is_visible()
    page.keyboard.press("Escape")


def test_explorer_map_source_line_shows_provenance_on_hover_and_focus(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/")
    box = page.locator("[id*='explorer-map'][id*='chart-source'] .prov, .chart-source .prov").first
    box.wait_for(state="attached", timeout=WAIT)
    check_panel(probe, box, "explorer")
    assert probe.external == [], probe.external


def test_country_source_lines_show_provenance_on_hover_and_focus(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/country/BIH")
    kf = page.locator("tr[data-indicator='emigrant_stock'] .kf-source .prov")
    kf.wait_for(state="attached", timeout=WAIT)
    check_panel(probe, kf, "country_key_figure")
    chart = page.locator(".chart-source .prov").first
    chart.wait_for(state="attached", timeout=WAIT)
    chart.scroll_into_view_if_needed()
    check_panel(probe, chart, "country_chart")
    assert probe.external == [], probe.external
