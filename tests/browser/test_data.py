"""The data catalogue page: filter, preview a selection, download it and get the same rows from the API."""
from __future__ import annotations

import csv
import re
import io

import pytest
import requests

pytestmark = pytest.mark.browser


def test_catalogue_preview_download_and_api(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/data?indicator=refugees_hosted&countries=WB6&years=2020-2022")
    page.wait_for_selector("#data-api-url", timeout=45_000)
    url = page.inner_text("#data-api-url")
    assert url == "/api/v1/indicators/refugees_hosted.csv?countries=WB6&years=2020-2022"
    assert f"pd.read_csv(\"{live_server}{url}\"" in page.inner_text("#data-python")
    api_rows = list(csv.DictReader(io.StringIO(requests.get(live_server + url, timeout=30).text)))
    assert f"({len(api_rows):,} rows)" in page.inner_text("#data-download")
    with page.expect_download() as dl:
        page.click("#data-download")
    downloaded = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert downloaded == api_rows and {r["iso3"] for r in downloaded} <= {"ALB", "BIH", "MKD", "MNE", "SRB", "XKX"}
    preview = page.inner_text("#data-preview")
    first = api_rows[0]
    assert first["country"] in preview

    page.fill("#data-keyword", "trafficking")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('data-catalogue').textContent.includes('trafficking_victims_detected')"
                           " && !document.getElementById('data-catalogue').textContent.includes('migrant_stock_pct')",
                           timeout=30_000)
    # filter by source (publisher: dataset): the table narrows to that dataset and the URL keeps the filter
    page.fill("#data-keyword", "")
    page.keyboard.press("Enter")
    page.click("#data-source")
    page.keyboard.type("Global Internal Displacement")
    page.click("label.dash-dropdown-option:has(input[value='idmc'])")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('source=idmc')", timeout=30_000)
    page.wait_for_function("() => { const c = document.getElementById('data-catalogue').textContent;"
                           " return c.includes('idps_conflict') && !c.includes('refugees_hosted'); }", timeout=30_000)
    ids_shown = page.eval_on_selector_all("#data-catalogue td", "tds => tds.map(td => td.textContent)")
    api_ids = {i["id"] for i in requests.get(f"{live_server}/api/v1/catalog", timeout=30).json()["indicators"]
               if i["source_id"] == "idmc"}
    assert api_ids and api_ids <= set(ids_shown)
    assert "Global Internal Displacement Database (GIDD)" in ids_shown
    probe.screenshot("data_catalogue_source_filter")
    # the URL restores it: a fresh load of the same address shows the same filter and table
    page.goto(page.url)
    page.wait_for_function("() => { const c = document.getElementById('data-catalogue');"
                           " return c && c.textContent.includes('idps_conflict') &&"
                           " !c.textContent.includes('refugees_hosted'); }", timeout=45_000)
    assert "Internal Displacement Monitoring Centre" in page.inner_text("#data-source")
    # an unknown source in the URL: every source, and a notice saying so
    page.goto(f"{live_server}/data?source=nowhere")
    page.wait_for_function("() => { const n = document.getElementById('data-source-notice');"
                           " const c = document.getElementById('data-catalogue');"
                           " return n && c && n.textContent.includes('nowhere') &&"
                           " c.textContent.includes('refugees_hosted'); }", timeout=45_000)
    # the URL holds the filter actually applied
    page.wait_for_function("() => location.search.includes('indicator=') && !location.search.includes('source=')",
                           timeout=30_000)

    page.fill("#data-years", "3000")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('data-status').textContent.includes('year')", timeout=30_000)
    page.set_viewport_size({"width": 390, "height": 844})
    probe.screenshot("data_catalogue_390")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert probe.external == [] and probe.console_errors == []


def test_catalogue_full_height_country_picker_by_name_and_file_name(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server}/data?indicator=migrant_stock&countries=WB6&years=2000-2024&lang=bs")
    page.wait_for_selector("#data-api-url", timeout=45_000)
    # the catalogue is not a scroll box: every indicator row is laid out at full height
    boxes = page.evaluate("() => [document.getElementById('data-catalogue'),"
                          " ...document.querySelectorAll('#data-catalogue .table-wrap')].map(w =>"
                          " ({client: w.clientHeight, scroll: w.scrollHeight, rows: w.querySelectorAll('tbody tr').length}))")
    assert len(boxes) >= 2 and all(b["rows"] >= 30 and b["scroll"] <= b["client"] + 1 for b in boxes), boxes
    # the download's file name says what it holds
    with page.expect_download() as dl:
        page.click("#data-download")
    assert dl.value.suggested_filename == "migrant_stock_WB6_2000-2024.csv"
    # a country is picked by its name in the page language, not typed as an ISO3 code
    page.click("#data-countries")
    page.keyboard.type("Bosna i")
    page.click("label.dash-dropdown-option:has(input[value='BIH'])")
    page.keyboard.press("Escape")
    page.wait_for_function("() => decodeURIComponent(location.search).includes('countries=WB6,BIH')", timeout=30_000)
    page.wait_for_function("() => document.getElementById('data-api-url').textContent.includes('countries=WB6,BIH')",
                           timeout=30_000)
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)


@pytest.mark.parametrize("width", [1366, 390])
def test_cite_button_leads_to_the_citation_of_the_chosen_dataset(live_server, probe, width):
    """The Cite button of /data opens 'Cite this view' for the chosen dataset and filter, in the page language."""
    from playwright.sync_api import expect

    page = probe.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/data?indicator=refugees_hosted&countries=WB6&years=2010-2020&lang=bs")
    cite = page.locator("#data-cite")
    expect(cite).to_have_text("Citiraj", timeout=45_000)
    expect(cite).to_be_visible()
    href = cite.get_attribute("href")
    assert href.startswith("/cite/series?") and "indicator=refugees_hosted" in href and "group=WB6" in href, href
    assert "year=2020" in href and "lang=bs" in href, href
    probe.screenshot(f"data-cite-bs-{width}")
    # the filter changes, the link follows it
    page.click("#data-countries")
    page.keyboard.type("Bosna i")
    page.click("label.dash-dropdown-option:has(input[value='BIH'])")
    page.keyboard.press("Escape")
    expect(cite).to_have_attribute("href", re.compile(r"countries=BIH"))
    response = page.goto(live_server + cite.get_attribute("href"))
    assert response.status == 200
    expect(page.locator("body")).to_contain_text("UNHCR")
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)
