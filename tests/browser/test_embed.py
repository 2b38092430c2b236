"""Embeds in headless Chromium at 400 px and 1200 px: the map renders from local files only, the headers allow
framing, the year slider (controls=time) re-renders with the API's numbers, and Download gives the chart's rows."""
from __future__ import annotations

import io
import math

import pandas as pd
import pytest
import requests

pytestmark = pytest.mark.browser

EMBED = "/embed/map?indicator=refugees_hosted&year=2022"


def _wait_map(page):
    page.wait_for_function("() => { const gd = document.getElementById('chart');"
                           " return gd && gd._fullData && gd._fullData.length >= 1 &&"
                           " gd.querySelectorAll('path.choroplethlocation').length > 150; }", timeout=45_000)


@pytest.mark.parametrize("width,height", [(400, 300), (1200, 675)])
def test_embed_renders_offline_at_width(live_server, probe, width, height):
    page = probe.page
    page.set_viewport_size({"width": width, "height": height})
    resp = page.goto(f"{live_server}{EMBED}&bundle=2020.01.01-old")
    headers = resp.headers
    assert "frame-ancestors *" in headers["content-security-policy"]
    assert "x-frame-options" not in headers and "set-cookie" not in headers
    _wait_map(page)
    assert page.inner_text("#embed-title") == "Refugees hosted, 2022"
    assert "UNHCR" in page.inner_text("#embed-source") and "Data bundle" in page.inner_text("#embed-bundle")
    assert "Data updated since" in page.inner_text("#embed-updated")
    assert page.get_attribute("#embed-open", "href").startswith("/?v=1&indicator=refugees_hosted")
    box = page.eval_on_selector("#chart", "el => el.getBoundingClientRect().toJSON()")
    assert box["width"] <= width and box["height"] >= 200
    scroll_w = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_w <= width  # nothing overflows sideways
    probe.screenshot(f"embed_map_{width}")
    assert probe.external == [] and probe.failed == [] and probe.console_errors == []


def test_embed_year_slider_rerenders_with_api_numbers(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 800, "height": 500})
    page.goto(f"{live_server}{EMBED}&controls=time")
    _wait_map(page)
    years = page.get_attribute("input[name=year]", "data-values").split(",")
    page.eval_on_selector("input[name=year]", "(el, i) => { el.value = i;"
                          " el.dispatchEvent(new Event('input', {bubbles: true}));"
                          " el.dispatchEvent(new Event('change', {bubbles: true})); }", years.index("2010"))
    page.wait_for_function("() => document.getElementById('embed-title').textContent === 'Refugees hosted, 2010'",
                           timeout=45_000)
    assert page.inner_text("#out-year") == "2010"
    assert page.get_attribute("#embed-open", "href") == "/?v=1&indicator=refugees_hosted&year=2010"
    _wait_map(page)
    traces = page.evaluate("() => document.getElementById('chart')._fullData.map("
                           "t => [Array.from(t.locations), Array.from(t.z)])")
    api = requests.get(f"{live_server}/api/v1/indicators/refugees_hosted.json?years=2010", timeout=30).json()["data"]
    by_iso = {r["iso3"]: r["value"] for r in api}
    # one trace per colour range, z the published value; the 'No data' layer holds only countries without one
    drawn = [(loc, v) for locs, z in traces for loc, v in zip(locs, z) if by_iso.get(loc) is not None]
    assert len(drawn) > 100 and len({loc for loc, _ in drawn}) == len(drawn)
    assert all(math.isclose(v, by_iso[loc], rel_tol=1e-9) for loc, v in drawn)
    probe.screenshot("embed_map_controls_time")
    assert probe.external == [] and probe.console_errors == []


def test_embed_controls_all_changes_indicator(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}{EMBED}&controls=all")
    _wait_map(page)
    page.select_option("select[name=indicator]", "stateless")
    page.wait_for_function("() => document.getElementById('embed-title').textContent.startsWith('Stateless people')",
                           timeout=45_000)
    # the year list follows the new indicator's years
    years = [int(y) for y in page.get_attribute("input[name=year]", "data-values").split(",")]
    assert years == sorted(years) and years[0] >= 2004
    assert probe.external == [] and probe.console_errors == []


def test_download_link_gives_the_chart_rows(live_server, probe):
    """Click Download CSV on the explorer map and compare the file with the API."""
    page = probe.page
    page.goto(f"{live_server}/?indicator=refugees_hosted&year=2020")
    link = page.locator("a[data-action=csv][data-view=map]")
    link.wait_for(timeout=45_000)
    assert "rows" in link.inner_text()
    with page.expect_download(timeout=45_000) as info:
        link.click()
    path = info.value.path()
    df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    api = requests.get(f"{live_server}/api/v1/indicators/refugees_hosted.csv?years=2020", timeout=30)
    api_df = pd.read_csv(io.StringIO(api.text), keep_default_na=False, na_values=[""]).set_index("iso3")
    assert len(df) > 150 and str(len(df)) in link.inner_text().replace(",", "")
    assert all(api_df.loc[i, "value"] == v for i, v in zip(df["iso3"], df["value"]))
    assert probe.external == [] and probe.console_errors == []
