"""Flows page and corridor profile in headless Chromium: BIH as origin, Sankey pivot, corridor profile, offline."""
from __future__ import annotations

import pytest
import requests

from tests.browser.conftest import resize

pytestmark = pytest.mark.browser

SANKEY = "[id*='flows-sankey'] .js-plotly-plot"
MAP = "[id*='flows-map'] .js-plotly-plot"


def _wait_sankey(page, focus_label: str):
    page.wait_for_function(
        "(label) => { const gd = document.querySelector(\"" + SANKEY + "\");"
        " return gd && gd._fullData && gd._fullData.length === 1 && gd._fullData[0].node.label[0] === label &&"
        " document.querySelectorAll(\"" + SANKEY + " .sankey-node\").length > 3; }",
        arg=focus_label, timeout=90_000)


def test_bih_origin_stock_top_destinations_and_pivot(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/flows")
    page.wait_for_selector("#flows-focus", timeout=90_000)
    # select BIH as origin explicitly (the default is another country only if the default changes)
    page.click("#flows-focus")
    page.keyboard.type("Bosnia")
    page.click("label.dash-dropdown-option:has(input[value='BIH'])")
    page.keyboard.press("Escape")
    _wait_sankey(page, "Bosnia and Herzegovina")
    page.wait_for_function(
        "() => { const gd = document.querySelector(\"" + MAP + "\");"
        " return gd && gd._fullData && gd._fullData.length > 5; }", timeout=90_000)
    labels = page.evaluate("() => Array.from(document.querySelector(\"" + SANKEY + "\")._fullData[0].node.label)")
    assert "Germany" in labels and "Croatia" in labels, labels
    title = page.inner_text("[id*='flows-sankey'][id*='chart-title']")
    assert "IMS 2024" not in title and "stock at mid-year" in title and "persons" in title  # plain words
    source = page.locator("[id*='flows-map'][id*='chart-source']")
    assert source.inner_text().strip().startswith("Source: UN DESA (")  # short; the provenance panel has the rest
    assert "Licence" in source.text_content() and "CC BY" in source.text_content()

    # the Sankey shows exactly the API's numbers
    api = requests.get(f"{live_server}/api/v1/corridors.json?measure=stock&origin=BIH&years=2024", timeout=30).json()
    expected = {r["destination_name"]: r["value"] for r in api["data"]}
    values = page.evaluate("() => Array.from(document.querySelector(\"" + SANKEY + "\")._fullData[0].link.value)")
    for lab, v in zip(labels[1:], values):
        if lab in expected:
            assert v == expected[lab], (lab, v, expected[lab])
    probe.screenshot("flows_bih_stock_1366")

    # the arc map keeps the whole world in view
    geo = page.evaluate("() => { const g = document.querySelector(\"" + MAP + "\")._fullLayout.geo;"
                        " return {fit: g.fitbounds, lon: g.lonaxis.range, lat: g.lataxis.range}; }")
    assert geo["fit"] is False and geo["lon"] == [-180, 180]

    # click the Germany node: the page pivots to Germany and the URL changes
    idx = labels.index("Germany")
    page.locator(SANKEY + " .sankey-node").nth(idx).click()
    page.wait_for_function("() => location.search.includes('focus=DEU')", timeout=30_000)
    _wait_sankey(page, "Germany")
    assert "Germany" in page.inner_text("[id*='flows-map'][id*='chart-title']")

    resize(page, 390, 844)
    probe.screenshot("flows_deu_stock_390")
    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors


def test_measure_change_and_corridor_profile(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/flows?v=1&measure=flow_5y")
    _wait_sankey(page, "Bosnia and Herzegovina")
    title = page.inner_text("[id*='flows-map'][id*='chart-title']")
    assert "Abel & Cohen" in title and "2015-2020" in title and "pseudo-Bayesian" in title  # da_pb_closed in words
    assert "Non-commercial" in page.inner_text("[id*='flows-map'][id*='chart-source']")
    page.click("#flows-measure")
    page.click("label.dash-dropdown-option:has(input[value='refugees'])")
    page.wait_for_function("() => location.search.includes('measure=refugees')", timeout=30_000)
    page.wait_for_function("() => document.querySelector(\"[id*='flows-map'][id*='chart-title']\")"
                           ".textContent.includes('UNHCR')", timeout=30_000)
    assert page.is_hidden("#flows-method-wrap")

    page.goto(f"{live_server}/corridor/BIH-DEU")
    page.wait_for_function("() => document.querySelector('#corridor-shares table') !== null", timeout=90_000)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.corridor-grid .js-plotly-plot'))"
        ".filter(g => g._fullData && g._fullData.length >= 1).length === 5", timeout=90_000)
    text = page.inner_text("main")
    assert "Germany → Bosnia and Herzegovina" in text  # reverse corridor series is labelled
    assert "/country/BIH" in page.inner_html("main") and "/flows" in page.inner_html("main")
    assert "Share of emigrants" in text
    probe.screenshot("corridor_bih_deu_1366")
    resize(page, 390, 844)
    probe.screenshot("corridor_bih_deu_390")

    page.goto(f"{live_server}/corridor/BIH-XYZ")
    page.wait_for_function("() => document.querySelector('main h1') &&"
                           " document.querySelector('main h1').textContent.includes('No corridor')", timeout=30_000)
    assert "Did you mean" in page.inner_text("main")
    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors
