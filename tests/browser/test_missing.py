"""/missing-migrants in headless Chromium: the incident map with all incidents, route and year filters, API totals."""
from __future__ import annotations

import time

import pytest
import requests

from tests.browser.conftest import resize

pytestmark = pytest.mark.browser

MAP = "document.querySelector(\"[id*='\\\"missing-map\\\"'][id*='chart-graph'] .js-plotly-plot\")"
SERIES = "document.querySelector(\"[id*='\\\"missing-series\\\"'][id*='chart-graph'] .js-plotly-plot\")"


def pick(page, cid: str, value):
    page.click(f"#{cid}")
    page.click(f"label.dash-dropdown-option:has(input[value='{value}'])")


def title(page, key: str) -> str:
    return page.inner_text(f"[id*='\"{key}\"'][id*='chart-title']")


def map_total(page) -> float:
    return page.evaluate(f"() => {MAP}._fullData.reduce((s, t) => s + Array.from(t.marker.size)"
                         ".reduce((a, b) => a + b, 0), 0)")


def test_missing_page_map_filters_and_api_totals(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    t0 = time.monotonic()
    page.goto(f"{live_server}/missing-migrants")
    page.wait_for_function(f"() => {{ const g = {MAP}; return g && g._fullData && g._fullData.length >= 5 &&"
                           " g.querySelectorAll('.scattergeo .point').length > 3000; }", timeout=45_000)
    first_paint = time.monotonic() - t0
    page.wait_for_function(f"() => {{ const g = {SERIES}; return g && g._fullData &&"
                           " g._fullData.filter(t => t.showlegend !== false).length === 7; }", timeout=45_000)
    # the partial last year hangs off each route on a dashed line (one legend entry per route)
    dashes = page.evaluate(f"() => {SERIES}._fullData.filter(t => t.showlegend === false).map(t => t.line.dash)")
    assert dashes and set(dashes) == {"dot"}, dashes
    print(f"first paint of the all-incidents map (cold server, shared CPU): {first_paint:.1f} s")
    assert first_paint < 45
    assert map_total(page) == 75_068  # every incident of the global file, in cells
    # client-side redraw time of the all-incidents map
    redraw_ms = page.evaluate(f"async () => {{ const g = {MAP}; const t = performance.now();"
                              " await Plotly.react(g, g.data, g.layout); return performance.now() - t; }")
    print(f"all-incidents map redraw: {redraw_ms:.0f} ms")
    assert redraw_ms < 5000
    text = page.inner_text(".page-missing")
    assert "MINIMUM estimates" in text and "approximate" in text

    # the yearly series equals the API's totals per year
    api = requests.get(f"{live_server}/api/v1/indicators/missing_migrants.json", timeout=30).json()
    by_year: dict[int, float] = {}
    for r in api["data"]:
        by_year[r["year"]] = by_year.get(r["year"], 0) + r["value"]
    drawn = page.evaluate(f"() => {SERIES}._fullData.map(t => ({{name: t.name, x: Array.from(t.x),"
                          " y: Array.from(t.y)}))")
    points: dict[tuple, float] = {}  # (route, year): a partial year's dashed line repeats the last full year's point
    for tr in drawn:
        for x, y in zip(tr["x"], tr["y"]):
            points[(tr["name"], x)] = y
    totals: dict[int, float] = {}
    for (_, x), y in points.items():
        totals[x] = totals.get(x, 0) + y
    assert totals == by_year
    probe.screenshot("missing_all_1366")

    # year change, then a route filter
    pick(page, "missing-year", "2016")
    page.wait_for_function("() => location.search === '?v=1&year=2016'", timeout=30_000)
    page.wait_for_function(f"() => document.querySelector(\"[id*='\\\"missing-map\\\"'][id*='chart-title']\")"
                           ".textContent.includes('2016')", timeout=30_000)
    assert map_total(page) == by_year[2016] == 8253
    pick(page, "missing-route", "Central Mediterranean Route")
    page.wait_for_function("() => location.search.includes('Central+Mediterranean')", timeout=30_000)
    page.wait_for_function(f"() => document.querySelector(\"[id*='\\\"missing-series\\\"'][id*='chart-title']\")"
                           ".textContent.includes('Central Mediterranean')", timeout=30_000)
    page.wait_for_function(f"() => {MAP}._fullData.reduce((s, t) => s + Array.from(t.marker.size)"
                           ".reduce((a, b) => a + b, 0), 0) === 4574", timeout=30_000)
    probe.screenshot("missing_cmed_2016_1366")

    # Europe-bound file: dead and missing split; partial 2026
    pick(page, "missing-dataset", "europe")  # the global route is not in this file: falls back to all routes
    page.wait_for_function("() => location.search === '?v=1&dataset=europe&year=2016'", timeout=30_000)
    pick(page, "missing-route", "Central Mediterranean")
    page.wait_for_function(f"() => {{ const g = {SERIES}; return g && g._fullData.length === 2 &&"
                           " g._fullData[0].name === 'Dead'; }", timeout=30_000)
    assert "2026 is partial" in page.inner_text("[id*='\"missing-series\"'][id*='chart-subtitle']")
    resize(page, 390, 844)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 392
    probe.screenshot("missing_phone_390")

    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors
