"""Country profile in headless Chromium: BIH figures equal the API, destination links, prev/next, search,
and a friendly page with suggestions for an unknown code; offline and with a clean console."""
from __future__ import annotations

import pytest
import requests
from playwright.sync_api import expect

from dashboard.queries import profile as q
from tests.browser.conftest import resize, wait_js

pytestmark = pytest.mark.browser
WAIT = 45_000


def _wait_for_profile(page, name):
    try:
        _wait(page, name)
    except Exception:
        page.screenshot(path="/tmp/country_fail.png", full_page=True)
        raise


EXPR = ("(name) => { const h = document.querySelector('#country-header h1');"
        " const gd = document.querySelector('[id*=\"country-destinations\"] .js-plotly-plot');"
        " return !!(h && h.textContent.startsWith(name) && gd && gd._fullData && gd._fullData.length >= 1); }")


def _wait(page, name):
    wait_js(page, EXPR, name, timeout=WAIT)


def _clean(probe):
    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.console_errors == [], probe.console_errors


def test_bih_profile_shows_un_desa_2024_emigrants_and_destinations_equal_to_the_api(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/country/BIH")
    _wait_for_profile(page, "Bosnia and Herzegovina")
    expect(page.locator(".corridor-table a.table-link").nth(9)).to_be_attached(timeout=WAIT)  # 10 or more

    emig = page.locator("tr[data-indicator='emigrant_stock']")
    api_emig = requests.get(f"{live_server}/api/v1/indicators/emigrant_stock.json?countries=BIH&years=2024",
                            timeout=30).json()["data"][0]
    assert f"{int(api_emig['value']):,}" in emig.inner_text()  # 1,608,324
    assert "2024" in emig.locator(".kf-year").inner_text()
    assert emig.locator(".kf-source .prov-trigger").inner_text().strip() == "UN DESA (2024)"  # short; full on hover
    assert "2024 revision" in emig.locator(".kf-source .prov-tip").text_content()
    assert "Western Balkans (WB6)" in page.inner_text("#country-header")
    assert "No data" not in page.locator("tr[data-indicator='emigrant_stock']").inner_text()

    api = requests.get(f"{live_server}/api/v1/corridors.json?measure=stock&origin=BIH&years=2024",
                       timeout=30).json()["data"][:10]
    dest_table = page.locator("[id*='chart-table'][id*='country-destinations'] a.table-link")
    hrefs = [dest_table.nth(i).get_attribute("href") for i in range(dest_table.count())]
    assert hrefs == [f"/country/{r['destination']}" for r in api]
    bars = page.evaluate("() => { const t = document.querySelector('[id*=\"country-destinations\"]"
                         " .js-plotly-plot')._fullData[0]; return {x: Array.from(t.x), y: Array.from(t.y)}; }")
    assert bars["x"][::-1] == [r["value"] for r in api]
    assert bars["y"][::-1] == [r["destination_name"] for r in api]
    title = page.inner_text("[id*='chart-title'][id*='country-destinations']")
    assert "2024" in title and "Bosnia and Herzegovina" in title

    wait_js(page, "() => { const gd = document.querySelector('[id*=\"country-series\"] .js-plotly-plot');"
                  " return gd && gd._fullData && gd._fullData.length >= 6; }", timeout=WAIT)
    probe.screenshot("country_bih_1366")
    resize(page, 1920, 1080)
    probe.screenshot("country_bih_1920")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    resize(page, 390, 844)
    probe.screenshot("country_bih_390")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone viewport"
    _clean(probe)


def test_follow_a_destination_link_then_prev_next(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/country/BIH")
    _wait_for_profile(page, "Bosnia and Herzegovina")
    page.locator("[id*='chart-table'][id*='country-destinations']").locator("xpath=..").locator("summary").click()
    page.click("a.table-link[href='/country/HRV']")
    _wait_for_profile(page, "Croatia")
    assert page.url.endswith("/country/HRV")

    prev, nxt = q.neighbours("HRV")
    page.click("#country-next")
    _wait_for_profile(page, nxt[1])
    assert page.url.endswith(f"/country/{nxt[0]}")
    page.click("#country-prev")
    _wait_for_profile(page, "Croatia")

    assert page.locator("#country-search").is_visible()  # picking navigates: tests/viewdefs (go_to_country)
    _clean(probe)


def test_unknown_code_gives_a_friendly_page_with_suggestions(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/country/BHI")
    page.wait_for_selector("#country-not-found", timeout=WAIT)
    text = page.inner_text("#country-not-found")
    assert "Did you mean" in text and "Traceback" not in text
    page.set_viewport_size({"width": 390, "height": 844})
    probe.screenshot("country_unknown_390")
    page.click("#country-not-found a[href='/country/BIH']")
    _wait_for_profile(page, "Bosnia and Herzegovina")
    _clean(probe)
