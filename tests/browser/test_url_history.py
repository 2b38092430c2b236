"""URL state in the browser: control changes write the URL, Back/Forward step through views, a URL restores the
exact figure (same data arrays as the server renders for that query), and bad values show a notice."""
from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest
import requests

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

MAP = json.dumps({"key": "explorer-map", "type": "chart-graph"}, separators=(",", ":"))
TITLE = json.dumps({"key": "explorer-map", "type": "chart-title"}, separators=(",", ":"))


def _wait_title(page, needle: str):
    page.wait_for_function("([id, needle]) => { const el = document.getElementById(id);"
                           " return el && el.textContent.includes(needle); }", arg=[TITLE, needle], timeout=45_000)


def _wait_map(page):
    page.wait_for_function(
        "(id) => { const el = document.getElementById(id); const gd = el && el.querySelector('.js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.length >= 1 &&"
        " el.querySelectorAll('path.choroplethlocation').length > 150; }", arg=MAP, timeout=45_000)


def _choose_indicator(page, indicator: str):
    page.click("#explorer-indicator")
    page.click(f"label.dash-dropdown-option:has(input[value='{indicator}'])")
    page.wait_for_function("(i) => location.search.includes('indicator=' + i)", arg=indicator, timeout=45_000)


def _array(v):
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def _browser_map(page) -> list[tuple[list, list]]:
    """(locations, z) of every trace the browser drew."""
    traces = page.evaluate("(id) => { const gd = document.getElementById(id).querySelector('.js-plotly-plot');"
                           " return gd._fullData.map(t => [Array.from(t.locations), Array.from(t.z)]); }", MAP)
    return [(locs, [float(v) for v in z]) for locs, z in traces]


def _server_map(live_server, search: str) -> list[tuple[list, list]]:
    fig = requests.get(f"{live_server}/embed/map.json{search}", timeout=30).json()["figure"]
    return [(_array(t["locations"]), [float(z) for z in _array(t["z"])]) for t in fig["data"]]


def test_back_and_forward_step_through_views(live_server, probe):
    page = probe.page
    page.goto(f"{live_server}/?indicator=migrant_stock&year=2020")
    _wait_map(page)
    _wait_title(page, "International migrant stock")
    _choose_indicator(page, "refugees_hosted")
    _wait_title(page, "Refugees hosted")
    _choose_indicator(page, "stateless")
    _wait_title(page, "Stateless people")
    length = page.evaluate("history.length")

    page.go_back()
    page.wait_for_function("() => location.search.includes('indicator=refugees_hosted')", timeout=30_000)
    _wait_title(page, "Refugees hosted")
    page.wait_for_function("() => document.querySelector('#explorer-indicator').textContent.includes('Refugees')",
                           timeout=30_000)
    page.go_back()  # the default indicator (migrant_stock) is omitted from the URL
    page.wait_for_function("() => !location.search.includes('indicator=')", timeout=30_000)
    _wait_title(page, "International migrant stock, 2020")  # plain title (dashboard/charts.py)
    _wait_map(page)
    settle(page)
    assert _browser_map(page) == _server_map(live_server, page.evaluate("location.search"))
    page.go_forward()
    _wait_title(page, "Refugees hosted")
    page.go_forward()
    _wait_title(page, "Stateless people")
    page.wait_for_function("() => location.search.includes('indicator=stateless')", timeout=30_000)
    # the re-rendered pages did not push extra entries: forward history was kept all the way
    assert page.evaluate("history.length") == length
    probe.screenshot("url_history_after_forward")
    assert probe.external == [] and probe.console_errors == []


def test_a_url_restores_the_same_figure_data(live_server, probe):
    page = probe.page
    search = "?v=1&indicator=refugees_hosted&year=2015"
    page.goto(f"{live_server}/{search}")
    _wait_title(page, "Refugees hosted, 2015")
    _wait_map(page)
    settle(page)
    traces = _browser_map(page)
    assert traces == _server_map(live_server, search)
    api = requests.get(f"{live_server}/api/v1/indicators/refugees_hosted.json?years=2015", timeout=30).json()["data"]
    by_iso = {r["iso3"]: r["value"] for r in api}
    # one trace per colour range, z the published value; the 'No data' layer holds only countries without one
    drawn = [(loc, v) for locs, z in traces for loc, v in zip(locs, z) if by_iso.get(loc) is not None]
    assert len(drawn) > 150 and len({loc for loc, _ in drawn}) == len(drawn)
    assert all(math.isclose(v, by_iso[loc], rel_tol=1e-9) for loc, v in drawn)
    assert probe.external == [] and probe.console_errors == []


def test_invalid_parameter_shows_notice_and_default_view(live_server, probe):
    page = probe.page
    before = page.evaluate("history.length")
    page.goto(f"{live_server}/?indicator=nonsense")
    # (the page has more than one status region: the notice box and the a11y live region of the shell)
    page.wait_for_function("() => [...document.querySelectorAll('[role=status]')]"
                           ".some(e => e.textContent.includes('nonsense'))", timeout=45_000)
    _wait_title(page, "International migrant stock")
    # the address bar now holds the valid (default) view, without a reload or an extra history entry
    page.wait_for_function("() => location.search === ''", timeout=15_000)
    assert page.evaluate("history.length") == before + 1  # the visit itself, nothing more
    assert probe.external == [] and probe.console_errors == []


@pytest.mark.parametrize("path, bad, kept", [
    ("/flows?focus=ZZZ&top=12&present=1", "ZZZ", ["top=12", "present=1"]),
    ("/compare?countries=BIH,QQQ,SRB", "QQQ", ["countries=BIH,SRB"]),
    ("/displacement?year=1066", "1066", []),
])
def test_invalid_values_are_dropped_from_the_address_bar(live_server, probe, path, bad, kept):
    page = probe.page
    before = page.evaluate("history.length")
    page.goto(f"{live_server}{path}")
    page.wait_for_function("(bad) => [...document.querySelectorAll('[role=status]')]"
                           ".some(el => el.textContent.includes(bad))", arg=bad, timeout=45_000)
    page.wait_for_function("(bad) => !location.search.includes(bad)", arg=bad, timeout=15_000)
    search = page.evaluate("location.search")
    assert all(k in search for k in kept), search
    assert page.evaluate("history.length") == before + 1  # the visit itself, nothing more
    assert probe.external == [] and probe.console_errors == []


def test_presenter_mode_hides_chrome_and_the_down_key_steps_the_year(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/?present=1&indicator=migrant_stock&year=2020")
    _wait_map(page)
    _wait_title(page, ", 2020")
    assert page.evaluate("document.documentElement.classList.contains('present')")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).display") == "none"
    assert float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")) >= 22
    page.wait_for_selector("main [role=slider]", timeout=45_000)  # the slider chunk loads after the map can draw
    page.click("h2.chart-title")  # focus the page, not a control
    page.keyboard.press("ArrowDown")  # (ArrowLeft/Right move between charts: tests/browser/test_presenter.py)
    page.wait_for_function("() => location.search.includes('year=') && !location.search.includes('year=2020')",
                           timeout=45_000)
    _wait_title(page, ", 2015")
    probe.screenshot("presenter_mode_1366")
    assert probe.external == [] and probe.console_errors == []
