"""Linked hover on the explorer (assets/explorer_hover.js): a country hovered on one chart is highlighted on the others.

The pure helpers are unit-tested in Chromium on the figures the Python builders make; the page test hovers real
bars, map shapes and line points, checks the other charts' drawn state for that ISO3, that unhover restores it,
that no request goes to the server or out of the machine, no URL history entry is written, and clicks still work.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import views
from dashboard.state import parse
from dashboard.viewdefs import explorer as ev

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "assets" / "explorer_hover.js"
GD = ("(key) => { const el = document.getElementById(JSON.stringify({key: key, type: 'chart-graph'}));"
      " return el && el.querySelector('.js-plotly-plot'); }")

# what the other charts look like for one ISO3: outline copy on the map, hit classes and computed styles elsewhere
LINKED_STATE = """(iso) => {
  const gd = (k) => document.getElementById(JSON.stringify({key: k, type: 'chart-graph'}))
    .querySelector('.js-plotly-plot');
  const map = gd('explorer-map'), bars = gd('explorer-ranking'), series = gd('explorer-series');
  const outline = map.querySelector('path.hover-link-outline');
  const shape = Array.from(map.querySelectorAll('path.choroplethlocation'))
    .find(p => p.__data__ && p.__data__.loc === iso);
  const pts = Array.from(bars.querySelectorAll('.barlayer g.point'));
  const lines = Array.from(series.querySelectorAll('.scatterlayer g.trace'));
  return {
    current: window.explorerHover.current,
    map: {iso: map.getAttribute('data-hover-iso3'), outline: outline ? outline.getAttribute('data-iso3') : null,
          same_shape: !!(outline && shape && outline.getAttribute('d') === shape.getAttribute('d')),
          stroke: outline ? getComputedStyle(outline).strokeWidth : null,
          in_trace: map.data.some(t => Array.from(t.locations).includes(iso))},
    ranking: {iso: bars.getAttribute('data-hover-iso3'),
              hit: pts.map((p, i) => p.classList.contains('hover-link-hit') ? bars.data[0].customdata[i] : null)
                      .filter(Boolean),
              opacity: pts.map(p => getComputedStyle(p).opacity),
              stroke: pts.map(p => getComputedStyle(p.querySelector('path')).strokeWidth)},
    series: {iso: series.getAttribute('data-hover-iso3'),
             hit: lines.filter(g => g.classList.contains('hover-link-hit')).map(g => g.__data__[0].trace.customdata[0]),
             opacity: lines.map(g => getComputedStyle(g).opacity),
             width: lines.map(g => getComputedStyle(g.querySelector('path.js-line')).strokeWidth)},
  };
}"""


def _fig_json(view_id: str, state: dict) -> dict:
    return json.loads(json.dumps(views.render(view_id, ev.view_state(view_id, state))["figure"], cls=PlotlyJSONEncoder))


def test_pure_helpers_match_the_iso3_each_figure_builder_puts_in_its_traces(chromium):
    state, _ = parse(
        ev.PAGE_PARAMS, {"indicator": "migrant_stock", "year": "2020", "countries": "SRB,BIH", "group": "WB6"})
    figs = {v: _fig_json(v, state) for v in ("map", "ranking", "series")}
    figs["grey"] = _fig_json("map", {**state, "group": None})
    page = chromium.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.add_script_tag(path=str(SCRIPT))
        out = page.evaluate("""(figs) => {
          const h = window.explorerHover;
          return {
            points: [h.isoOfPoint({location: 'BIH'}), h.isoOfPoint({customdata: 'DEU'}),
                     h.isoOfPoint({customdata: ['FRA', 'FRA']}), h.isoOfPoint({customdata: 'WB6'}),
                     h.isoOfPoint({customdata: 'EU27'}), h.isoOfPoint(null), h.isoOfPoint({x: 1})],
            map_bih: h.mapMatch(figs.map.data, 'BIH'),
            map_grey: h.mapMatch(figs.grey.data, figs.grey.data.find(t => t.name === 'No data').locations[3]),
            map_none: h.mapMatch(figs.map.data, 'ZZZ'),
            bars: figs.ranking.data[0].customdata.map(c => h.rankingMatch(figs.ranking.data, c)),
            bars_none: h.rankingMatch(figs.ranking.data, 'USA'),
            srb: h.seriesMatch(figs.series.data, 'SRB'), bih: h.seriesMatch(figs.series.data, 'BIH'),
            series_none: h.seriesMatch(figs.series.data, 'DEU'), series_null: h.seriesMatch(figs.series.data, null),
          };
        }""", figs)
    finally:
        page.close()
    assert out["points"] == ["BIH", "DEU", "FRA", None, None, None, None]  # group codes are not countries
    # the binned map: one trace per colour range, then the grey "No data" layer
    bih = next(i for i, tr in enumerate(figs["map"]["data"]) if "BIH" in tr["locations"])
    assert out["map_bih"] == {"trace": bih, "point": figs["map"]["data"][bih]["locations"].index("BIH")}
    # a country without data is drawn (and outlined) in the grey "No data" layer (a world map: a group's has few)
    grey = next(i for i, tr in enumerate(figs["grey"]["data"]) if tr["name"] == "No data")
    assert out["map_grey"] == {"trace": grey, "point": 3}
    assert out["map_none"] is None and out["bars_none"] is None and out["series_none"] is None
    assert out["series_null"] is None
    assert out["bars"] == [{"trace": 0, "point": i} for i in range(len(out["bars"]))] and len(out["bars"]) == 5
    assert out["srb"] == {"trace": 0} and out["bih"] == {"trace": 1}


def _center(page, key: str, selector: str, index: int) -> tuple[float, float]:
    return tuple(page.evaluate(f"""([key, sel, i]) => {{ const gd = ({GD})(key);
        const el = gd.querySelectorAll(sel)[i]; const r = el.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2]; }}""", [key, selector, index]))


def _state(page, iso: str | None):
    return page.evaluate(f"({LINKED_STATE})", iso)


def _wait_ready(page):
    page.wait_for_function(
        f"""() => {{ const m = ({GD})('explorer-map'), r = ({GD})('explorer-ranking'), s = ({GD})('explorer-series');
        return window.explorerHover && m && r && s && m.__hoverLinkEv && r.__hoverLinkEv && s.__hoverLinkEv &&
          m.querySelectorAll('path.choroplethlocation').length > 150 && r.querySelectorAll('.barlayer g.point').length
          && s.querySelectorAll('.scatterlayer g.trace').length === 3; }}""", timeout=45_000)


def test_hover_highlights_the_country_on_the_other_charts_and_unhover_restores(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 2200})  # map, ranking and series all on screen: no scrolling
    server_calls: list[str] = []
    page.goto(f"{live_server}/?indicator=migrant_stock&year=2020&countries=USA,DEU,FRA")
    _wait_ready(page)
    settle(page)  # no callback still on its way: the ones counted below would come from hovering
    page.on("request", lambda r: server_calls.append(r.url) if "_dash-update-component" in r.url else None)
    history = page.evaluate("() => [history.length, location.search]")
    before = _state(page, "FRA")
    before_deu = _state(page, "DEU")
    assert before["current"] is None and before["map"]["outline"] is None
    assert set(before["series"]["opacity"]) == {"1"} and set(before["ranking"]["opacity"]) == {"1"}

    # 1. hover France's bar in the ranking
    bars = page.evaluate(f"() => Array.from(({GD})('explorer-ranking').data[0].customdata)")
    i = bars.index("FRA")
    page.mouse.move(*_center(page, "explorer-ranking", ".barlayer g.point path", i))
    page.wait_for_function("() => window.explorerHover.current === 'FRA'", timeout=10_000)
    s = _state(page, "FRA")
    assert s["map"] == {"iso": "FRA", "outline": "FRA", "same_shape": True, "stroke": "2.5px", "in_trace": True}
    assert s["series"]["iso"] == "FRA" and s["series"]["hit"] == ["FRA"]
    lines = page.evaluate(f"() => ({GD})('explorer-series').data.map(t => t.customdata[0])")
    fra = lines.index("FRA")
    assert s["series"]["width"][fra] == "4.5px" and s["series"]["opacity"][fra] == "1"
    assert all(o == "0.25" for k, o in enumerate(s["series"]["opacity"]) if k != fra)  # the others dimmed
    assert s["ranking"]["iso"] is None and s["ranking"]["hit"] == []  # the hovered chart keeps its own look
    shot = probe.screenshot("explorer_hover_ranking_fra")
    assert shot.stat().st_size > 10_000

    # unhover: everything back as it was
    page.mouse.move(2, 2)
    page.wait_for_function("() => window.explorerHover.current === null", timeout=10_000)
    after = _state(page, "FRA")
    assert after == before

    # 2. hover Germany on the map: its bar and its line light up
    page.mouse.move(*page.evaluate(f"""() => {{ const gd = ({GD})('explorer-map');
        const p = Array.from(gd.querySelectorAll('path.choroplethlocation')).find(p => p.__data__.loc === 'DEU');
        const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }}"""))
    page.wait_for_function("() => window.explorerHover.current === 'DEU'", timeout=10_000)
    s = _state(page, "DEU")
    assert s["ranking"]["hit"] == ["DEU"] and s["series"]["hit"] == ["DEU"] and s["map"]["outline"] is None
    d = bars.index("DEU")
    assert s["ranking"]["stroke"][d] == "2.5px" and s["ranking"]["opacity"][d] == "1"
    assert all(o == "0.45" for k, o in enumerate(s["ranking"]["opacity"]) if k != d)
    probe.screenshot("explorer_hover_map_deu")
    page.mouse.move(2, 2)
    page.wait_for_function("() => window.explorerHover.current === null", timeout=10_000)
    assert _state(page, "DEU") == before_deu

    # 3. hover a point of the United States' line: the map outlines it, the ranking marks its bar
    usa = lines.index("USA")
    page.mouse.move(*_center(page, "explorer-series", f".scatterlayer g.trace:nth-of-type({usa + 1}) .points path", 3))
    page.wait_for_function("() => window.explorerHover.current === 'USA'", timeout=10_000)
    s = _state(page, "USA")
    assert s["map"]["outline"] == "USA" and s["map"]["same_shape"] and s["ranking"]["hit"] == ["USA"]
    assert s["series"]["hit"] == []
    page.mouse.move(2, 2)
    page.wait_for_function("() => window.explorerHover.current === null", timeout=10_000)
    assert _state(page, "USA")["map"]["outline"] is None

    # hovering went nowhere: no callback request, no history entry, no URL change
    assert server_calls == []
    assert page.evaluate("() => [history.length, location.search]") == history

    # click-to-add still works after hovering: click Saudi Arabia's bar
    k = bars.index("SAU")
    page.mouse.click(*_center(page, "explorer-ranking", ".barlayer g.point path", k))
    page.wait_for_function("() => location.search.includes('SAU')", timeout=45_000)
    page.wait_for_function(
        f"() => ({GD})('explorer-series').querySelectorAll('.scatterlayer g.trace').length === 4", timeout=45_000)
    # and the new figures can be hovered too (listeners survive re-renders)
    settle(page)
    page.mouse.move(2, 2)
    page.mouse.move(*_center(page, "explorer-ranking", ".barlayer g.point path", k))
    page.wait_for_function("() => window.explorerHover.current === 'SAU'", timeout=10_000)
    assert _state(page, "SAU")["series"]["hit"] == ["SAU"]
    assert probe.external == [], f"requests left the machine: {probe.external}"
    assert probe.console_errors == []
