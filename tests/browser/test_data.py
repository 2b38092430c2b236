"""The data catalogue page: filter, preview a selection, download it and get the same rows from the API."""
from __future__ import annotations

import csv
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
    page.fill("#data-years", "3000")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('data-status').textContent.includes('year')", timeout=30_000)
    page.set_viewport_size({"width": 390, "height": 844})
    probe.screenshot("data_catalogue_390")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert probe.external == [] and probe.console_errors == []
