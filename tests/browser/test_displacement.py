"""/displacement in headless Chromium: Syria tops 2022 refugee origins and Ukraine's 2022 IDMC conflict figure
equal the API; an area filter and a year change update charts and URL; offline, clean console; screenshots."""
from __future__ import annotations

import pytest
import requests

from tests.browser.conftest import resize

pytestmark = pytest.mark.browser
WAIT = 60_000
FIRST_WAIT = 150_000  # the first update of a fresh worker loads the tables (2 shared cores)


def _trace(page, key: str, name: str | None = None) -> dict:
    """x/y of a trace of the card's graph (read from _fullData: arrays arrive base64-encoded)."""
    return page.evaluate(
        "([key, name]) => { const gd = document.querySelector(`[id*='\"key\":\"${key}\"'] .js-plotly-plot`);"
        " const t = name ? gd._fullData.find(d => d.name === name) : gd._fullData[0];"
        " return {x: Array.from(t.x), y: Array.from(t.y)}; }", [key, name])


def _wait_graph(page, key: str, text: str | None = None, timeout: int = WAIT):
    page.wait_for_function(
        "([key, text]) => { const gd = document.querySelector(`[id*='\"key\":\"${key}\"'] .js-plotly-plot`);"
        " const title = document.querySelector(`[id*='\"key\":\"${key}\"'][id*='chart-title']`);"
        " return gd && gd._fullData && gd._fullData.length > 0 && (!text || (title && title.textContent.includes(text))); }",
        arg=[key, text], timeout=timeout)


def _clean(probe):
    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.console_errors == [], probe.console_errors


def test_displacement_figures_match_api_and_filters_update(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/displacement?year=2022")
    _wait_graph(page, "disp-top-origins", "2022", timeout=FIRST_WAIT)

    # Syria is the largest origin of refugees in 2022, with the API's value
    top = _trace(page, "disp-top-origins")
    assert top["y"][-1] == "Syrian Arab Republic"  # bars are drawn largest on top (last)
    api = requests.get(f"{live_server}/api/v1/indicators/refugees_originating.json?years=2022", timeout=30).json()
    ranked = sorted((r for r in api["data"] if r["value"] is not None and r["iso3"] not in ("UNK", "XXA", "TIB")),
                    key=lambda r: -r["value"])
    assert ranked[0]["iso3"] == "SYR"
    assert top["x"][-1] == ranked[0]["value"]
    probe.screenshot("displacement_world_2022_1366")

    # country filter: Ukraine -> IDMC conflict new displacements in 2022 equal the API
    page.click("#displacement-area")
    page.fill(".dash-dropdown-content .dash-dropdown-search", "Ukraine")  # long lists are virtualised: search
    page.click("label.dash-dropdown-option:has(input[value='UKR'])")
    page.wait_for_function("() => location.search.includes('area=UKR')", timeout=WAIT)
    _wait_graph(page, "disp-idmc", "Ukraine")
    idmc = _trace(page, "disp-idmc", "New displacements: conflict")
    drawn = dict(zip(idmc["x"], idmc["y"]))
    api = requests.get(f"{live_server}/api/v1/indicators/new_displacements_conflict.json?countries=UKR&years=2022",
                       timeout=30).json()
    assert api["data"][0]["value"] == 16_870_323
    assert drawn[2022] == api["data"][0]["value"]
    assert "Ukraine" in page.inner_text("[id*='\"key\":\"disp-idps\"'][id*='chart-title']")
    # a corridor link for a pair of the origin x asylum view
    page.click("#displacement-role label:has(input[value='origin'])")
    page.wait_for_function("() => location.search.includes('role=origin')", timeout=WAIT)
    page.wait_for_selector("#displacement-pair-links a[href^='/corridor/UKR-']", timeout=WAIT)

    # year change
    page.click("#displacement-year")
    page.click("label.dash-dropdown-option:has(input[value='2019'])")
    page.wait_for_function("() => location.search.includes('year=2019')", timeout=WAIT)
    _wait_graph(page, "disp-top-hosts", "2019")
    _wait_graph(page, "disp-pairs", "2019")
    probe.screenshot("displacement_ukraine_2019_1366")

    resize(page, 390, 844)
    probe.screenshot("displacement_ukraine_2019_390")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 392, f"page scrolls sideways at 390 px ({width})"
    _clean(probe)
