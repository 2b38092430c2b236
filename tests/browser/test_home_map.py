"""The home map renders offline in headless Chromium, with values equal to the API's."""
from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.browser


def _wait_for_map(page):
    page.wait_for_function(
        "() => { const gd = document.querySelector('#home-map .js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.length === 2 &&"
        " document.querySelectorAll('#home-map path.choroplethlocation').length > 150; }",
        timeout=30_000,
    )


def test_map_renders_offline_with_api_values(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?indicator=migrant_stock&year=2020")
    _wait_for_map(page)
    page.wait_for_function("() => document.querySelector('#home-map-title').textContent.includes('2020')")
    shot = probe.screenshot("home_map_migrant_stock_2020")
    assert shot.stat().st_size > 20_000

    trace = page.evaluate(
        "() => { const t = document.querySelector('#home-map .js-plotly-plot')._fullData[1];"
        " return {loc: Array.from(t.locations), text: Array.from(t.text)}; }")
    api = requests.get(f"{live_server}/api/v1/indicators/migrant_stock.json?years=2020", timeout=30).json()
    expected = {r["iso3"]: r["value"] for r in api["data"] if r["value"] is not None}
    drawn = dict(zip(trace["loc"], trace["text"]))
    assert drawn["DEU"].startswith("Germany: 15,0") or "Germany" in drawn["DEU"]
    for iso3 in ("DEU", "USA", "BIH", "TUR"):
        assert f"{expected[iso3]:,.6g}" in drawn[iso3], (iso3, expected[iso3], drawn[iso3])
    assert "2020" in page.inner_text("#home-map-title")
    assert "United Nations" in page.inner_text("#home-map-source") or "UN DESA" in page.inner_text("#home-map-source")

    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.failed == []
    assert probe.console_errors == []


def test_bad_url_parameters_fall_back_with_a_notice(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?indicator=nonsense&year=abc")
    _wait_for_map(page)
    notice = page.inner_text("#notice")
    assert "nonsense" in notice and "migrant_stock" in notice
    assert probe.external == [] and probe.console_errors == []


def test_changing_the_indicator_updates_map_and_url(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/")
    _wait_for_map(page)
    page.click("#home-indicator")
    page.click("label.dash-dropdown-option:has(input[value='refugees_hosted'])")
    page.wait_for_function("() => location.search.includes('indicator=refugees_hosted')", timeout=20_000)
    page.wait_for_function("() => document.querySelector('#home-map-title').textContent.startsWith('Refugees')")
    _wait_for_map(page)
    probe.screenshot("home_map_refugees_hosted")
    assert probe.external == [] and probe.console_errors == []
