"""Comparison page in headless Chromium: three countries side by side, indicator change, group ids."""
from __future__ import annotations

import time

import pytest
import requests

pytestmark = pytest.mark.browser
WAIT = 45_000


def until(page, expr: str, arg=None, timeout: int = WAIT) -> None:
    """Poll a JS predicate from Python (page.wait_for_function did not resolve reliably on this loaded machine)."""
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        if page.evaluate(expr, arg):
            return
        page.wait_for_timeout(300)
    raise TimeoutError(f"not true within {timeout / 1000:.0f} s: {expr[:120]}")
SERIES = "[id*='chart-graph'][id*='compare-series'] .js-plotly-plot"


def _wait_for_series(page, n):
    until(
        page, "([sel, n]) => { const gd = document.querySelector(sel);"
        " return gd && gd._fullData && gd._fullData.filter(t => t.type === 'scatter').length === n; }",
        arg=[SERIES, n])


def test_compare_three_countries_and_change_the_indicator(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/compare?countries=BIH,SRB,HRV")
    _wait_for_series(page, 3)
    heads = page.locator("#compare-table thead th a")
    assert [heads.nth(i).inner_text() for i in range(heads.count())] == ["Bosnia and Herzegovina", "Serbia",
                                                                         "Croatia"]
    cell = page.locator("#compare-table tr[data-indicator='emigrant_stock'] td[data-iso3='BIH']").inner_text()
    api = requests.get(f"{live_server}/api/v1/indicators/emigrant_stock.json?countries=BIH,SRB,HRV&years=2024",
                       timeout=30).json()["data"]
    bih = [r for r in api if r["iso3"] == "BIH"][0]
    assert f"{int(bih['value']):,}" in cell and "(2024)" in cell

    page.click("#compare-indicator")
    page.click("label.dash-dropdown-option:has(input[value='refugees_originating'])")
    until(page, "() => location.search.includes('indicator=refugees_originating')")
    until(page, "() => document.querySelector('[id*=\"chart-title\"][id*=\"compare-series\"]')"
                           ".textContent.startsWith('Refugees from the country')")
    assert "countries=BIH,SRB,HRV" in page.url
    _wait_for_series(page, 3)
    traces = page.evaluate(f"() => document.querySelector(\"{SERIES}\")._fullData.map(t => t.name)")
    assert traces == ["Bosnia and Herzegovina", "Serbia", "Croatia"]
    probe.screenshot("compare_1366")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(800)
    probe.screenshot("compare_1920")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(800)
    probe.screenshot("compare_390")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone viewport"
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)


def test_group_id_expands_and_bad_codes_show_a_notice(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/compare?countries=WB6,nope")
    _wait_for_series(page, 5)  # Kosovo (XKX) has no UN DESA migrant stock: a table column, no line
    assert "nope" in page.inner_text("#compare-status")
    assert page.locator("#compare-table thead th a").count() == 6
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)
