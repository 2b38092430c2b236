"""/routes in headless Chromium: route and year pickers, Americas series, API-equal numbers, offline, clean console."""
from __future__ import annotations

import pytest
import requests

from tests.browser.conftest import resize

pytestmark = pytest.mark.browser


def gd(key: str) -> str:
    return f"document.querySelector(\"[id*='\\\"{key}\\\"'][id*='chart-graph'] .js-plotly-plot\")"


def text_of(page, key: str, part: str) -> str:
    return page.inner_text(f"[id*='\"{key}\"'][id*='chart-{part}']")


def wait_plot(page, key: str, cond: str = "true"):
    page.wait_for_function(f"() => {{ const g = {gd(key)}; return g && g._fullData && g._fullData.length > 0"
                           f" && ({cond}); }}", timeout=45_000)


def pick(page, cid: str, value):
    page.click(f"#{cid}")
    page.click(f"label.dash-dropdown-option:has(input[value='{value}'])")


def test_routes_page_filters_numbers_and_screenshots(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/routes")
    for key in ("routes-monthly", "routes-side", "routes-top", "routes-asylum", "routes-americas"):
        wait_plot(page, key)
    assert "Central Mediterranean Route" in text_of(page, "routes-monthly", "title")
    assert "not persons" in text_of(page, "routes-monthly", "subtitle")
    # US FY2023 encounters as published, labelled as events
    bars = page.evaluate(f"() => {{ const t = {gd('routes-americas')}._fullData[0];"
                         " return {x: Array.from(t.x), y: Array.from(t.y)}; }")
    us = dict(zip(bars["x"], bars["y"]))
    assert us["FY2023"] == 2_475_669 and "FY2025 (partial)" in us
    assert "encounters (events)" in text_of(page, "routes-americas", "subtitle")
    probe.screenshot("routes_default_1366")

    # filter: all routes -> side chart detections equal the API's yearly sum
    pick(page, "routes-route", "all")
    page.wait_for_function("() => location.search === '?v=1&route=all'", timeout=30_000)
    wait_plot(page, "routes-side", "g._fullData.length === 1")
    api = requests.get(f"{live_server}/api/v1/indicators/irregular_crossings_frontex_by_nationality.json",
                       timeout=30).json()
    api_2024 = sum(r["value"] for r in api["data"] if r["year"] == 2024 and r["value"] is not None)
    side = page.evaluate(f"() => {{ const t = {gd('routes-side')}._fullData[0];"
                         " return {x: Array.from(t.x), y: Array.from(t.y)}; }")
    assert dict(zip(side["x"], side["y"]))[2024] == api_2024 == 240_021

    # a route and a year change
    pick(page, "routes-route", "Western Balkan Route")
    page.wait_for_function("() => document.querySelector(\"[id*='\\\"routes-top\\\"'][id*='chart-title']\")"
                           ".textContent.includes('Western Balkan')", timeout=30_000)
    pick(page, "routes-year", 2023)
    page.wait_for_function("() => location.search.includes('year=2023') && location.search.includes('Balkan')",
                           timeout=30_000)
    page.wait_for_function("() => document.querySelector(\"[id*='\\\"routes-top\\\"'][id*='chart-title']\")"
                           ".textContent.includes('2023')", timeout=30_000)
    assert "Western Balkans" in text_of(page, "routes-side", "subtitle")  # the mapped IOM route and caveat
    wait_plot(page, "routes-side", "g._fullData.length === 2")

    # Americas: Darién 2023
    pick(page, "routes-series", "darien")
    wait_plot(page, "routes-americas", "Array.from(g._fullData[0].x).includes('2023')")
    bars = page.evaluate(f"() => {{ const t = {gd('routes-americas')}._fullData[0];"
                         " return {x: Array.from(t.x), y: Array.from(t.y)}; }")
    assert dict(zip(bars["x"], bars["y"]))["2023"] == 520_085
    probe.screenshot("routes_balkan_2023_1366")

    resize(page, 390, 844)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 392
    probe.screenshot("routes_phone_390")

    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors


def test_bad_route_parameter_shows_a_notice(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/routes?route=Atlantis&nat=BIH&ayear=2020")
    wait_plot(page, "routes-asylum")
    assert "Atlantis" in page.inner_text("#notice")
    assert "2020" in text_of(page, "routes-asylum", "title")
    assert probe.external == [] and probe.console_errors == []
