"""The explorer page in headless Chromium: map, ranking and series stay linked, offline, with the API's numbers."""
from __future__ import annotations

import json

import pytest
import requests

from tests.browser.conftest import resize, wait_js

pytestmark = pytest.mark.browser


def _id(part: str, key: str) -> str:
    return json.dumps({"key": key, "type": f"chart-{part}"}, separators=(",", ":"))


GD = "(key) => document.getElementById(JSON.stringify({key: key, type: 'chart-graph'})).querySelector('.js-plotly-plot')"


def _gd(page, key: str, expr: str):
    return page.evaluate(f"(key) => {{ const gd = ({GD})(key); return {expr}; }}", key)


def _text(page, part: str, key: str) -> str:
    return page.evaluate("(id) => document.getElementById(id).textContent", _id(part, key))


def _wait_map(page):
    page.wait_for_function(
        "() => { const el = document.getElementById(JSON.stringify({key: 'explorer-map', type: 'chart-graph'}));"
        " const gd = el && el.querySelector('.js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.length >= 2 &&"
        " el.querySelectorAll('path.choroplethlocation').length > 150; }", timeout=45_000)


def _wait_text(page, part: str, key: str, needle: str):
    page.wait_for_function("([id, needle]) => { const el = document.getElementById(id);"
                           " return el && el.textContent.includes(needle); }", arg=[_id(part, key), needle],
                           timeout=45_000)


# the binned colour ranges' traces of the map (one per legend range; the 'No data' layer is not one of them)
RANGES = "(gd => { const r = gd._fullData.filter(t => t.legendgroup === 'bins'); return "


def _series_names(page) -> list[str]:
    return _gd(page, "explorer-series", "gd._fullData.map(t => t.name)")


def _api(live_server, indicator: str, **params) -> list[dict]:
    r = requests.get(f"{live_server}/api/v1/indicators/{indicator}.json", params=params, timeout=30)
    r.raise_for_status()
    return r.json()["data"]


def test_map_and_ranking_show_the_api_numbers(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server}/?indicator=migrant_stock&year=2020")
    _wait_map(page)
    _wait_text(page, "title", "explorer-map", "2020")
    _wait_text(page, "title", "explorer-ranking", "2020")
    api = {r["iso3"]: r["value"] for r in _api(live_server, "migrant_stock", years="2020") if r["value"] is not None}

    trace = _gd(page, "explorer-map", RANGES + "{loc: r.flatMap(t => Array.from(t.locations)),"
                " text: r.flatMap(t => Array.from(t.text))}; })(gd)")
    drawn = dict(zip(trace["loc"], trace["text"]))
    for iso3 in ("DEU", "USA", "BIH", "TUR"):
        assert f"{api[iso3]:,.0f}" in drawn[iso3], (iso3, api[iso3], drawn[iso3])
    no_data = _gd(page, "explorer-map", "Array.from(gd._fullData.find(t => t.name === 'No data').locations)")
    legend = _gd(page, "explorer-map", "[...gd.querySelectorAll('.legend .traces text.legendtext')]"
                                       ".map(t => t.textContent)")
    assert legend[-1] == "No data" and len(legend) >= 4, legend  # ranges, then 'No data' in the same legend
    assert "XKX" not in trace["loc"] and set(no_data).isdisjoint(trace["loc"])  # grey layer = only countries without data

    bars = _gd(page, "explorer-ranking", "Array.from(gd._fullData[0].customdata)")
    top10 = sorted((v, k) for k, v in api.items() if k not in ("UNK", "XXA"))[::-1][:10]
    assert bars == [k for _, k in top10]
    assert "United Nations" in _text(page, "source", "explorer-map")
    # the "Table" toggle shows the same numbers (assets/inner_html.js puts the server-built table in place)
    page.locator(f"[id='{_id('table', 'explorer-map')}']").locator("xpath=..").locator("summary").click()
    rows = page.locator(f"[id='{_id('table', 'explorer-map')}'] table.data-table tbody tr")
    rows.first.wait_for(timeout=15_000)
    cells = {r[0]: r[3] for r in page.evaluate(
        "(id) => [...document.getElementById(id).querySelectorAll('tbody tr')].map("
        "tr => [...tr.cells].map(td => td.textContent))", _id("table", "explorer-map"))}  # country .. value
    assert rows.count() == len(trace["loc"]) and page.locator("th[scope=col]").count() > 0
    assert any(f"{api['BIH']:,.0f}" in v for k, v in cells.items() if "Bosnia" in k), cells
    probe.screenshot("explorer_1920x1080")
    resize(page, 1366, 768)
    probe.screenshot("explorer_1366x768")
    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.console_errors == []


def test_bad_url_parameters_fall_back_with_a_notice(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?indicator=nonsense&year=abc&countries=BIH,ZZZ")
    _wait_map(page)
    notice = page.inner_text("#notice")
    assert "nonsense" in notice and "migrant_stock" in notice and "ZZZ" in notice
    assert probe.external == [] and probe.console_errors == []


def test_indicator_year_click_and_group_update_every_view(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?countries=DEU")
    _wait_map(page)
    # indicator
    page.click(f"#explorer-indicator")
    page.click("label.dash-dropdown-option:has(input[value='refugees_hosted'])")
    page.wait_for_function("() => location.search.includes('indicator=refugees_hosted')", timeout=45_000)
    _wait_text(page, "title", "explorer-map", "Refugees hosted")
    assert "UNHCR" in page.inner_text("#explorer-definition")
    # year, typed
    page.fill("#explorer-year-input", "2015")
    page.press("#explorer-year-input", "Enter")
    page.wait_for_function("() => location.search.includes('year=2015')", timeout=45_000)
    _wait_text(page, "title", "explorer-ranking", "2015")
    _wait_text(page, "title", "explorer-map", "2015")
    # click Bosnia and Herzegovina on the map -> series gains it
    _gd(page, "explorer-map", "gd.emit('plotly_click', {points: [{location: 'BIH', curveNumber: 1, pointNumber: 0}]})")
    page.wait_for_function("() => location.search.includes('BIH')", timeout=45_000)
    page.wait_for_function(
        "() => { const el = document.getElementById(JSON.stringify({key: 'explorer-series', type: 'chart-graph'}));"
        " const gd = el.querySelector('.js-plotly-plot'); return gd._fullData.some(t => t.name.includes('Bosnia')); }",
        timeout=45_000)
    assert "Bosnia and Herzegovina" in page.inner_text("#explorer-chips")
    # click the first bar of the ranking -> added as well
    first_bar = _gd(page, "explorer-ranking", "gd._fullData[0].customdata[0]")
    _gd(page, "explorer-ranking",
        "gd.emit('plotly_click', {points: [{curveNumber: 0, pointNumber: 0, customdata: gd._fullData[0].customdata[0]}]})")
    page.wait_for_function(f"() => location.search.includes('{first_bar}')", timeout=45_000)
    # remove Germany with its chip
    page.click("button.explorer-chip:has-text('Germany')")
    page.wait_for_function("() => !location.search.includes('DEU')", timeout=45_000)
    page.wait_for_function(
        "() => { const el = document.getElementById(JSON.stringify({key: 'explorer-series', type: 'chart-graph'}));"
        " return !el.querySelector('.js-plotly-plot')._fullData.some(t => t.name === 'Germany'); }", timeout=45_000)

    # group filter: Western Balkans -> ranking only members, series gets the aggregate
    page.click("#explorer-group")
    page.click("label.dash-dropdown-option:has(input[value='WB6'])")
    page.wait_for_function("() => location.search.includes('group=WB6')", timeout=45_000)
    _wait_text(page, "title", "explorer-ranking", "Western Balkans")
    page.wait_for_function(
        "() => { const el = document.getElementById(JSON.stringify({key: 'explorer-series', type: 'chart-graph'}));"
        " return el.querySelector('.js-plotly-plot')._fullData.some(t => t.name.includes('Western Balkans')); }",
        timeout=45_000)
    wb6 = {"ALB", "BIH", "MKD", "MNE", "SRB", "XKX"}
    bars = _gd(page, "explorer-ranking", "Array.from(gd._fullData[0].customdata)")
    assert bars and set(bars) <= wb6
    agg = _gd(page, "explorer-series",
              "(() => { const t = gd._fullData.find(t => t.name.includes('Western Balkans'));"
              " return {x: Array.from(t.x), y: Array.from(t.y)}; })()")
    rows = _api(live_server, "refugees_hosted", countries="WB6", years="2015")
    expected = sum(r["value"] for r in rows if r["value"] is not None)
    assert dict(zip(agg["x"], agg["y"]))[2015] == pytest.approx(expected)
    _wait_coloured(page, wb6)
    _assert_fits(page, wb6)  # zoomed on the Balkans
    resize(page, 390, 844)
    probe.screenshot("explorer_390x844")
    for part, selector in (("controls", ".explorer-controls"), ("ranking", ".explorer-col-ranking"),
                           ("series", ".explorer-col-series")):
        page.locator(selector).screenshot(path=str(probe.screenshot("explorer_390x844").parent
                                                   / f"explorer_390x844_{part}.png"))
    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.console_errors == []


def test_play_animates_and_reduced_motion_disables_it(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?indicator=refugees_hosted")  # 75 years: the animation cannot finish during the test
    _wait_map(page)
    page.click("#explorer-play")  # at the latest year, play restarts from the earliest
    page.wait_for_function("() => /year=195[1-9]/.test(location.search)", timeout=45_000)
    assert page.get_attribute("#explorer-play", "aria-pressed") == "true"
    page.click("#explorer-play")  # pause
    page.wait_for_function("() => document.getElementById('explorer-play').getAttribute('aria-pressed') === 'false'",
                           timeout=20_000)
    page.emulate_media(reduced_motion="reduce")
    page.click("#explorer-play")
    page.wait_for_function("() => document.getElementById('explorer-status').textContent.includes('reduced motion')",
                           timeout=20_000)
    assert page.get_attribute("#explorer-play", "aria-pressed") == "false"
    # keyboard: the slider handle moves one year with the arrow key
    handle = page.locator("#explorer-year-slider [role='slider']").first
    before = page.evaluate("() => location.search")
    handle.focus()
    page.keyboard.press("ArrowRight")  # play was paused near the first year, so a later year always exists
    wait_js(page, "(before) => location.search !== before", before, timeout=30_000)  # the arrow key moves the year
    assert page.evaluate("() => location.search") != before, "the arrow key moves the year"
    assert probe.external == [] and probe.console_errors == []


WB6 = {"ALB", "BIH", "MKD", "MNE", "SRB", "XKX"}


def _wait_coloured(page, members: set[str]) -> None:
    """Wait until every coloured shape of the map is a member (the group's own ranges are drawn)."""
    page.wait_for_function(
        "(members) => { const el = document.getElementById(JSON.stringify({key: 'explorer-map', type: 'chart-graph'}));"
        " const gd = el && el.querySelector('.js-plotly-plot'); if (!gd || !gd._fullData) return false;"
        " const locs = gd._fullData.filter(t => t.legendgroup === 'bins').flatMap(t => Array.from(t.locations));"
        " return locs.length > 0 && locs.every(l => members.includes(l)); }", arg=sorted(members), timeout=45_000)


def _assert_fits(page, members: set[str]) -> None:
    """The members' shapes lie inside the map's plot area and fill a good part of it (the view is zoomed on them,
    not the world)."""
    box = page.evaluate("""(members) => {
      const gd = document.getElementById(JSON.stringify({key: 'explorer-map', type: 'chart-graph'}))
        .querySelector('.js-plotly-plot');
      const g = gd.getBoundingClientRect(), s = gd._fullLayout._size, dom = gd._fullLayout.geo.domain;
      const paths = [...gd.querySelectorAll('path.choroplethlocation')]
        .filter(p => p.__data__ && members.includes(p.__data__.id || p.__data__.loc));
      const rs = paths.map(p => p.getBoundingClientRect());
      return {n: paths.length,
              area: [g.x + s.l + s.w * dom.x[0], g.y + s.t + s.h * (1 - dom.y[1]), g.x + s.l + s.w * dom.x[1],
                     g.y + s.t + s.h * (1 - dom.y[0])],
              members: [Math.min(...rs.map(r => r.left)), Math.min(...rs.map(r => r.top)),
                        Math.max(...rs.map(r => r.right)), Math.max(...rs.map(r => r.bottom))]};
    }""", sorted(members))
    assert box["n"] >= 5, box  # the five members with a shape (Kosovo is inside Serbia's outline on the base map)
    (ax0, ay0, ax1, ay1), (mx0, my0, mx1, my1) = box["area"], box["members"]
    assert ax0 - 2 <= mx0 and ay0 - 2 <= my0 and mx1 <= ax1 + 2 and my1 <= ay1 + 2, box  # all of them in view
    assert (mx1 - mx0) >= 0.5 * (ax1 - ax0) or (my1 - my0) >= 0.5 * (ay1 - ay0), box  # and zoomed on them


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_a_group_filter_colours_only_its_members_and_zooms_to_them(live_server, probe, width, height):
    page = probe.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server}/?indicator=migrant_stock&group=WB6&lang=bs")
    _wait_coloured(page, WB6)
    coloured = _gd(page, "explorer-map", RANGES + "r.flatMap(t => Array.from(t.locations)); })(gd)")
    no_data = _gd(page, "explorer-map", "Array.from(gd._fullData.find(t => t.showlegend && t.legendgroup !== 'bins')"
                                        ".locations)")
    # exactly the members with data and a shape are coloured: no Italy, no Greece; non-members are not a layer
    assert set(coloured) == {"ALB", "BIH", "MKD", "MNE", "SRB"}, coloured
    assert set(no_data) <= WB6
    drawn = _gd(page, "explorer-map", "gd._fullData.flatMap(t => Array.from(t.locations))")
    assert set(drawn) <= WB6, set(drawn) - WB6
    _assert_fits(page, WB6)
    # the legend is the ranges in the page language's numbers ('No data' only when a member is drawn grey)
    legend = _gd(page, "explorer-map", "[...gd.querySelectorAll('.legend .traces text.legendtext')]"
                                       ".map(t => t.textContent)")
    ranges = [x for x in legend if x != "Nema podataka"]
    assert ranges and all("hilj." in x or "mil." in x for x in ranges), legend
    # the ranking lists only members, and the card says which member has no data and why
    bars = _gd(page, "explorer-ranking", "Array.from(gd._fullData[0].customdata)")
    assert bars and set(bars) <= WB6 and "XKX" not in bars
    _wait_text(page, "actions", "explorer-ranking", "Kosovo")
    assert "Srbij" in _text(page, "actions", "explorer-ranking")  # UN DESA counts Kosovo within Serbia
    probe.screenshot(f"explorer_wb6_bs_{width}")
