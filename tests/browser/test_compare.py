"""Comparison page in headless Chromium: three countries side by side, indicator change, group ids."""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import expect_url, resize, wait_js

pytestmark = pytest.mark.browser
WAIT = 45_000
SERIES = "[id*='chart-graph'][id*='compare-series'] .js-plotly-plot"


def _wait_for_series(page, n):
    wait_js(
        page, "([sel, n]) => { const gd = document.querySelector(sel);"
        " return gd && gd._fullData && gd._fullData.filter(t => t.type === 'scatter').length === n; }",
        [SERIES, n], timeout=WAIT)


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
    expect_url(page, r"\?.*indicator=refugees_originating", timeout=WAIT)
    expect(page.locator("[id*='chart-title'][id*='compare-series']").first).to_have_text(
        re.compile(r"^Refugees from the country"), timeout=WAIT)
    assert "countries=BIH,SRB,HRV" in page.url
    _wait_for_series(page, 3)
    traces = page.evaluate(f"() => document.querySelector(\"{SERIES}\")._fullData.map(t => t.name)")
    assert traces == ["Bosnia and Herzegovina", "Serbia", "Croatia"]
    probe.screenshot("compare_1366")
    resize(page, 1920, 1080)
    probe.screenshot("compare_1920")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    resize(page, 390, 844)
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
