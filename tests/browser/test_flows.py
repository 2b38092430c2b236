"""Flows page and corridor profile in headless Chromium: BIH as origin, Sankey pivot (nodes with their values), the
map fitted to its corridors and its extent control, corridor profile, offline."""
from __future__ import annotations

import pytest
import requests

from tests.browser.conftest import expect_url, resize, wait_js

pytestmark = pytest.mark.browser

SANKEY = "[id*='flows-sankey'] .js-plotly-plot"
MAP = "[id*='flows-map'] .js-plotly-plot"


def _wait_sankey(page, focus_label: str):
    page.wait_for_function(
        "(label) => { const gd = document.querySelector(\"" + SANKEY + "\");"
        " return gd && gd._fullData && gd._fullData.length === 1 && gd.data[0].meta.node_names[0] === label &&"
        " gd._fullData[0].node.label[0].startsWith(label + ' · ') &&"
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
    labels = page.evaluate("() => Array.from(document.querySelector(\"" + SANKEY + "\").data[0].meta.node_names)")
    assert "Germany" in labels and "Croatia" in labels, labels
    # every node carries its value once, after its name, as the page writes numbers (e.g. 'Croatia · 363K')
    shown = page.evaluate("() => [...document.querySelectorAll(\"" + SANKEY + " .sankey-node text\")]"
                          ".map(t => t.textContent)")
    assert len(shown) == len(labels) and all(x.startswith(n + " · ") and x.count(" · ") == 1 for x, n in
                                             zip(shown, labels)), shown
    assert all(x.split(" · ")[1][0].isdigit() for x in shown), shown
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

    # the arc map is fitted to its corridors (not the world) and has a size legend
    geo = page.evaluate("() => { const g = document.querySelector(\"" + MAP + "\")._fullLayout.geo;"
                        " return {fit: g.fitbounds, lon: g.lonaxis.range, lat: g.lataxis.range}; }")
    assert geo["fit"] is False and geo["lon"] != [-180, 180] and geo["lon"][1] - geo["lon"][0] < 300
    legend = page.locator(MAP + " .legend .legendtext").all_text_contents()
    assert len(legend) == 3 and all(x[0].isdigit() for x in legend), legend

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


ARC_SPAN = """() => { const gd = document.querySelector("[id*='flows-map'] .js-plotly-plot");
  const arcs = [...gd.querySelectorAll('.scattergeo .js-line')].map(p => p.getBoundingClientRect())
    .filter(r => r.width > 0 || r.height > 0);
  const map = gd.querySelector('.geolayer .geo').getBoundingClientRect();
  const span = Math.max(...arcs.map(r => r.right)) - Math.min(...arcs.map(r => r.left));
  return {arcs: arcs.length, share: span / map.width, lon: gd._fullLayout.geo.lonaxis.range}; }"""


def _map_ready(page, lon_range: str = "true"):
    """The map drawn with its arcs, its lon range satisfying the JS expression ``lon_range`` (of ``r``)."""
    wait_js(page, "() => { const gd = document.querySelector(\"" + MAP + "\");"
                  " if (!(gd && gd._fullLayout && gd._fullLayout.geo &&"
                  " gd.querySelectorAll('.scattergeo .js-line').length >= 5)) return false;"
                  " const r = gd._fullLayout.geo.lonaxis.range; return " + lon_range + "; }",
            timeout=90_000)


def test_arcs_fill_the_map_and_the_extent_control_lands_in_the_url(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 900})
    # Bosnia and Herzegovina's five largest destinations, all in Europe: with the whole world in view their arcs
    # were about 40 px wide (3 % of the chart); fitted to the corridors, about a third of it (the height limits it)
    page.goto(f"{live_server}/flows?v=1&focus=BIH&top=5")
    _map_ready(page, "r[1] - r[0] < 100")
    fit = page.evaluate(ARC_SPAN)
    assert fit["arcs"] == 5 and fit["share"] > 0.25, fit  # about 330 px of the 1160 px chart
    control = page.locator("#flows-extent")
    expect_checked = control.locator("input[value='fit']")
    assert expect_checked.is_checked()
    probe.screenshot("flows_bih_top5_fit_1366")

    control.locator("label:has(input[value='world'])").click()
    expect_url(page, r"[?&]extent=world(&|$)")
    _map_ready(page, "r[0] === -180 && r[1] === 180")
    world = page.evaluate(ARC_SPAN)
    assert world["share"] < 0.08 and world["share"] * 4 < fit["share"], (world, fit)  # the 40 px of old

    control.locator("label:has(input[value='europe'])").click()
    expect_url(page, r"[?&]extent=europe(&|$)")
    _map_ready(page, "r[0] === -13 && r[1] === 42")

    # the URL restores the choice; a hostile value falls back to the fitted map with a notice, never an error
    page.goto(f"{live_server}/flows?v=1&focus=BIH&top=5&extent=europe&lang=bs")
    assert page.locator("#flows-extent input[value='europe']").is_checked()
    assert "Evropa i Zapadni Balkan" in page.inner_text("#flows-extent")
    _map_ready(page, "r[0] === -13 && r[1] === 42")
    page.goto(f"{live_server}/flows?v=1&focus=BIH&top=5&extent=%3Cscript%3Ealert(1)%3C/script%3E")
    _map_ready(page, "r[1] - r[0] < 100")
    assert "Map extent" in page.inner_text("#notice") and page.locator("#flows-extent input[value='fit']").is_checked()
    resize(page, 390, 844)
    # at 390 px the size legend is whole: every entry inside the chart
    wait_js(page, "() => { const gd = document.querySelector(\"" + MAP + "\"); const box = gd.getBoundingClientRect();"
                  " const items = [...gd.querySelectorAll('.legend .legendtext, .legend .legendtitletext')];"
                  " return items.length === 4 && items.every(t => { const r = t.getBoundingClientRect();"
                  " return r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5; }); }")
    probe.screenshot("flows_bih_top5_fit_390")
    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors
