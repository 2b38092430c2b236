"""Fully offline (issue 7): every page and every chart's embed renders completely in headless Chromium with
every non-loopback request blocked — maps included (base map from the app's own topojson) — with zero
failed requests, zero requests leaving the machine and a clean console."""
from __future__ import annotations

import pytest

from dashboard import views

pytestmark = pytest.mark.browser

PAGES = ["/", "/country/BIH", "/compare?countries=BIH,SRB,HRV", "/flows", "/corridor/BIH-DEU", "/displacement",
         "/trafficking", "/routes", "/missing-migrants", "/data", "/no-such-page"]

# every graph on the page drawn by plotly (none still loading); geo graphs with their base map drawn from
# the local topojson (plotly draws nothing there when the topojson cannot be fetched)
# (a page's first graphs draw an empty figure before their callbacks answer: waiting for the page's own number
# of graphs and of maps keeps an early, half-drawn page from passing)
DRAWN = """([minGraphs, minGeo]) => {
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  if (graphs.length < minGraphs || document.querySelector('[data-dash-is-loading="true"]')) { return false; }
  const geo = graphs.filter(gd => gd._fullLayout && gd._fullLayout._subplots.geo.length);
  return geo.length >= minGeo && graphs.every(gd => gd._fullLayout && gd._fullData &&
    (!gd._fullLayout._subplots.geo.length || gd.querySelectorAll('.geo .layer.land path, .geo .layer.countries path,'
                                                                 + ' path.choroplethlocation').length > 0));
}"""
MIN_GRAPHS = {"/": 3, "/country/BIH": 4, "/flows": 3, "/displacement": 4, "/trafficking": 3, "/data": 0,
              "/no-such-page": 0}
MAP_PAGES = ("/", "/flows", "/missing-migrants")


def _wait_arg(path: str) -> list[int]:
    return [MIN_GRAPHS.get(path, 1), 1 if path in MAP_PAGES else 0]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_completely_offline(live_server, probe, path):
    page = probe.page
    base_maps = []
    page.on("request", lambda req: base_maps.append((req.url, req.resource_type)) if "/topojson/" in req.url else None)
    page.goto(f"{live_server}{path}")
    page.wait_for_selector("#page main, #page .page", timeout=45_000)
    page.wait_for_function(DRAWN, arg=_wait_arg(path), timeout=60_000)
    page.wait_for_load_state("networkidle")
    geo = page.evaluate("[...document.querySelectorAll('.js-plotly-plot')]"
                        ".filter(gd => gd._fullLayout._subplots.geo.length).length")
    if path in MAP_PAGES:
        assert geo >= 1  # the maps are among what was checked
    # assets/geo_prefetch.js: the pages that open on a 50m world map fetch it as the page loads (a `fetch`;
    # plotly.js itself uses XHR) and plotly.js finds it in PlotlyGeoAssets; pages without a map fetch none
    prefetched = page.evaluate("Object.keys((window.PlotlyGeoAssets || {}).topojson || {})")
    if path in ("/", "/flows"):
        assert "world_50m" in prefetched
        assert (f"{live_server}/assets/topojson/world_50m.json", "fetch") in base_maps, base_maps
    elif path not in MAP_PAGES:
        assert base_maps == [] and prefetched == [], (base_maps, prefetched)
    assert probe.external == [], probe.external
    assert probe.failed == [], probe.failed
    assert probe.console_errors == [], probe.console_errors


def test_every_embed_renders_completely_offline(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 960, "height": 540})
    registry = views.load_all()
    problems = {}
    drawn_geo = 0
    for view_id, view in sorted(registry.items()):
        resp = page.goto(f"{live_server}/embed/{view_id}")
        if resp.status != 200:
            problems[view_id] = f"HTTP {resp.status}"
            continue
        page.wait_for_function(DRAWN, arg=[1, 1 if view.geo else 0], timeout=60_000)
        page.wait_for_load_state("networkidle")
        if view.geo:
            drawn_geo += 1
        title = page.inner_text("#embed-title").strip()
        if not title:
            problems[view_id] = "no title"
    assert problems == {}
    assert drawn_geo >= 3  # the world map, the flows map, the missing-migrants map at least
    assert probe.external == [], probe.external
    assert probe.failed == [], probe.failed
    assert probe.console_errors == [], probe.console_errors


def test_a_map_without_topojson_config_still_draws_from_the_app(live_server, probe):
    """The partial plotly.js bundle's default base-map URL is the app's own (entry.js: setPlotConfig), not plotly's
    CDN: a geo graph created with no config at all draws its land offline."""
    page = probe.page
    page.goto(f"{live_server}/data")
    page.wait_for_function("() => window.Plotly && window.Plotly.newPlot", timeout=45_000)
    land = page.evaluate("""async () => {
        const el = document.createElement('div');
        document.body.appendChild(el);
        await Plotly.newPlot(el, [{type: 'scattergeo', lon: [18.4], lat: [43.9]}], {geo: {resolution: 110, showland: true}});
        return el.querySelectorAll('.geo .layer.land path').length;
    }""")
    assert land > 0
    assert probe.external == [] and probe.failed == [], (probe.external, probe.failed)
