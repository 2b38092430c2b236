"""Click Download on a /flows chart in Chromium and compare the file with the numbers the browser drew (gd.data)."""
from __future__ import annotations

import csv
import math

import pytest

pytestmark = pytest.mark.browser

STATE = "?focus=DEU&role=destination&measure=stock&year=2020&top=8"
SANKEY = "[id*='flows-sankey'] .js-plotly-plot"
BARS = "[id*='flows-bars'] .js-plotly-plot"


def _download(page, view_id: str) -> tuple[list[dict], str]:
    link = page.locator(f"a[data-action=csv][data-view={view_id}]")
    link.wait_for(timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        link.click()
    with open(info.value.path(), encoding="utf-8") as fh:
        return list(csv.DictReader(fh)), link.inner_text()


def _same(a: float, b: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def test_flows_downloads_equal_the_drawn_sankey_and_bars(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/flows{STATE}")
    page.wait_for_function(
        "() => { const gd = document.querySelector(\"" + SANKEY + "\");"
        " return gd && gd.data && gd.data.length === 1 && gd.data[0].meta.node_names[0] === 'Germany'; }",
        timeout=90_000)
    page.wait_for_function("() => { const gd = document.querySelector(\"" + BARS + "\");"
                           " return gd && gd.data && gd.data.length === 1 && gd.data[0].type === 'bar'; }",
                           timeout=90_000)

    # Sankey: one link per partner with a positive value, keyed by the partner code ('' = the 'Other' link)
    links = page.evaluate("() => { const l = document.querySelector(\"" + SANKEY + "\").data[0].link;"
                          " return [Array.from(l.customdata), Array.from(l.value, Number)]; }")
    drawn = {("OTHER" if c == "" else c): v for c, v in zip(*links)}
    rows, label = _download(page, "sankey")
    assert f"{len(rows):,}" in label  # the row count is shown before the download
    assert all(r["focus"] == "DEU" and r["role"] == "destination" and r["year_start"] == "2020" for r in rows)
    expected = {r["partner"]: float(r["value"]) for r in rows if r["value"] != "" and float(r["value"]) > 0}
    assert set(drawn) == set(expected) and len(expected) >= 8
    assert all(_same(drawn[p], v) for p, v in expected.items()), (drawn, expected)

    # top-partner bars: x is the value, customdata the partner code; 'Other' is in the file, not a bar
    bars = page.evaluate("() => { const b = document.querySelector(\"" + BARS + "\").data[0];"
                         " return [Array.from(b.customdata), Array.from(b.x, Number)]; }")
    drawn = dict(zip(*bars))
    rows, _ = _download(page, "corridors-top")
    expected = {r["partner"]: float(r["value"]) for r in rows if r["value"] != "" and r["partner"] != "OTHER"}
    assert set(drawn) == set(expected) and len(expected) == 8
    assert all(_same(drawn[p], v) for p, v in expected.items()), (drawn, expected)
    assert probe.external == [] and probe.console_errors == []
