"""The first view in headless Chromium: the HTML a page URL answers with already shows the page (frame, headings,
every chart card's title and summary) and carries its Open Graph tags; without JavaScript that is what stays; with
it, Dash draws the interactive page in the same entry and nothing of the static version is left behind."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FIRST_WAIT, settle

pytestmark = pytest.mark.browser
PAGES = ["/", "/country/BIH", "/flows"]
# every layout shift the page makes by itself (none follows a reader's input here), from the first frame on
SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__shifts.push({value: e.value, nodes: (e.sources || []).map((s) => s.node ?
      (s.node.nodeName + (s.node.id ? '#' + s.node.id : '') + '.' + String(s.node.className || '')) : '?')});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("path", PAGES)
def test_initial_html_has_the_charts_and_the_preview_tags(live_server, path):
    import requests

    html = requests.get(live_server + path, timeout=120).text
    assert re.search(r'<meta property="og:title" content="[^"]+"', html)
    assert re.search(r'<meta property="og:image" content="http[^"]+/image/[^"]+preset=og', html)
    entry = html[html.index('id="react-entry-point"'):]
    n = entry.count('data-static="1"')
    assert n >= 3 and entry.count('class="chart-static-graph"') == n


def test_without_javascript_the_page_is_readable(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/country/DEU?lang=fr", timeout=120_000)
        expect(page.locator("h1")).to_contain_text("Allemagne")
        expect(page.locator("#site-nav a").first).to_have_text("Explorateur")
        titles = page.locator("section[data-static] h2.chart-title")
        expect(titles).to_have_count(4)
        for i in range(4):
            assert titles.nth(i).inner_text().strip()
        expect(page.locator(".chart-static-summary").first).to_be_visible()
        assert page.title().startswith("Allemagne")
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_dash_replaces_the_static_view_with_the_interactive_page(probe, live_server, path):
    page = probe.page
    page.goto(live_server + path, wait_until="commit", timeout=120_000)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=150_000)
    expect(page.locator("[data-static]")).to_have_count(0)
    expect(page.locator(".chart-static-graph")).to_have_count(0)
    expect(page.locator(".site-header")).to_have_count(1)
    expect(page.locator("#react-entry-point h1")).to_have_count(1)
    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors


def test_dash_runs_with_regenerator_runtime_alone(probe, live_server):
    """The pages leave babel's polyfill out (factory.UNNEEDED_SCRIPTS): the charts and the dropdowns, which Dash
    loads lazily with ``regeneratorRuntime``, still draw and open, and nothing fails."""
    page = probe.page
    asked = []
    page.on("request", lambda req: asked.append(req.url))
    page.goto(live_server + "/", wait_until="commit", timeout=120_000)
    settle(page)
    assert page.evaluate("() => [typeof regeneratorRuntime.mark, typeof window._babelPolyfill]") == [
        "function", "undefined"]
    page.locator("button#explorer-indicator").click()
    expect(page.locator(".dash-dropdown-content [role=option]").first).to_be_visible()
    assert [u for u in asked if "async-" in u], asked  # the lazy chunks were loaded
    assert not [u for u in asked if "polyfill" in u or "dash_table" in u], asked
    assert probe.console_errors == [], probe.console_errors


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("path", PAGES)
def test_the_page_does_not_move_while_it_becomes_interactive(probe, live_server, path, width):
    """Static first view -> Dash's frame -> the page's layout (its cards' texts already in it, the chart boxes
    held at their height) -> every chart drawn: the cumulative layout shift stays under 0.1 (it was 0.31 on / and
    0.32 on /flows before the cards were prefilled and their boxes reserved). The sum of all shifts is taken, an
    upper bound of the CLS's largest session window."""
    page = probe.page
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(SHIFTS)
    page.goto(live_server + path, timeout=120_000)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=FIRST_WAIT)
    settle(page, FIRST_WAIT)
    page.wait_for_load_state("networkidle")
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.1, shifts


@pytest.fixture(scope="module")
def warmed_server(tmp_path_factory):
    """gunicorn (2 workers) sharing one FileSystemCache, in which ``make warm``'s HTTP warmer had the snapshots of
    PAGES' default views drawn (SNAPSHOTS=on: the workers draw them in the background, through the image queue)."""
    from dashboard import warm
    from tests.conftest import free_port, start_gunicorn, stop

    port = free_port()
    proc = start_gunicorn(port, env={"SNAPSHOTS": "on", "CACHE_TYPE": "FileSystemCache",
                                     "CACHE_DIR": str(tmp_path_factory.mktemp("first-view-cache"))})
    base = f"http://127.0.0.1:{port}"
    try:
        result = warm.warm_server(base, PAGES, ["en"], confirm=2, timeout=900, log=lambda *_: None)
        assert result["cold"] == [] and result["errors"] == {}, result
        yield base
    finally:
        stop(proc)


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("path", PAGES)
def test_the_first_html_has_a_snapshot_per_chart_and_the_swap_does_not_move(probe, warmed_server, path, width):
    """Issue 19's acceptance in one browser visit: the HTML the browser receives for the URL holds an
    ``<img class="chart-snapshot">`` in every chart box and the Open Graph tags; the snapshots are painted; after
    hydration the interactive charts have replaced them and the cumulative layout shift stays under 0.1."""
    page = probe.page
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(SHIFTS)
    response = page.goto(warmed_server + path, wait_until="commit", timeout=120_000)
    html = response.text()
    assert re.search(r'<meta property="og:title" content="[^"]+"', html)
    assert re.search(r'<meta property="og:image" content="http[^"]+/image/[^"]+preset=og', html)
    entry = html[html.index('id="react-entry-point"'):]
    charts = entry.count('data-static="1"')
    snapshots = re.findall(r'<img class="chart-snapshot" src="(/snapshot/[^"]+)"', entry)
    assert charts >= 3 and len(snapshots) == charts, (charts, snapshots)
    assert 'class="chart-static-summary"' not in entry  # no chart box waits for its snapshot
    # the first chart's image comes with the page; the others are asked once laid out, after the page's scripts
    imgs = re.findall(r'<img class="chart-snapshot"[^>]*>', entry)
    assert "loading=" not in imgs[0] and all('loading="lazy"' in i for i in imgs[1:]), imgs
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=FIRST_WAIT)
    settle(page, FIRST_WAIT)
    page.wait_for_load_state("networkidle")
    expect(page.locator("img.chart-snapshot")).to_have_count(0)  # every snapshot gave way to its live chart
    assert page.locator(".js-plotly-plot").count() >= charts
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.1, shifts
    assert probe.external == [], probe.external
    assert probe.console_errors == [], probe.console_errors


# where the page's parts stand: the page's controls and the first two chart cards' titles, top and height (px)
PLACES = """() => {
  const box = (e) => { const b = e.getBoundingClientRect(); return [Math.round(b.top), Math.round(b.height)]; };
  const out = {};
  document.querySelectorAll('#react-entry-point .control').forEach((e, i) => { out['control ' + i] = box(e); });
  [...document.querySelectorAll('#react-entry-point h2.chart-title')].slice(0, 2)
    .forEach((e, i) => { out['chart title ' + i] = box(e); });
  const search = document.querySelector('.site-search');
  if (search) out['country search'] = box(search);
  return out;
}"""


def _steady_places(page, tries: int = 40) -> dict:
    """PLACES once the page has stopped moving: the same in two reads 250 ms apart (something on the live page,
    probably a lazy dcc chunk, draws after the callbacks have settled; read too early, a control was a line shorter)."""
    before = page.evaluate(PLACES)
    for _ in range(tries):
        page.wait_for_timeout(250)
        now = page.evaluate(PLACES)
        if now == before:
            return now
        before = now
    raise AssertionError(f"the page kept moving: {now}")


@pytest.mark.parametrize("path,width", [("/?lang=fr", 1366), ("/?lang=bs", 390), ("/displacement?lang=fr", 390),
                                        ("/country/BIH?lang=bs", 1920)])
def test_the_static_view_stands_where_the_live_page_will(chromium, live_server, path, width):
    """The static first view (with the site's own scripts run, as a reader sees it until Dash draws) puts every
    control and the first chart cards' titles where the live page puts them, to the pixel: choices in Dash's markup
    (the explorer's unit choice once stood one option per line on the live page and in a row on the static one,
    36-40 px apart), sliders and dropdowns at Dash's heights, each card's Share / Download menu in both."""
    places = {}
    for live in (False, True):
        context = chromium.new_context(viewport={"width": width, "height": 900}, service_workers="block")
        if not live:  # the static view as it stands before React replaces it: Dash's renderer never arrives
            context.route("**/dash_renderer*", lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(live_server + path, timeout=120_000)
            if live:
                expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=FIRST_WAIT)
                settle(page, FIRST_WAIT)
                expect(page.locator("[data-static]")).to_have_count(0)
            else:
                expect(page.locator("section[data-static]").first).to_be_visible()
            places[live] = _steady_places(page)
        finally:
            context.close()
    static, live = places[False], places[True]
    assert static.keys() == live.keys() and len(static) >= 3, (static, live)
    moved = {k: (static[k], live[k]) for k in static
             if abs(static[k][0] - live[k][0]) > 2 or abs(static[k][1] - live[k][1]) > 2}
    assert moved == {}, moved


def test_the_cards_first_answer_leaves_the_texts_the_layout_brought_and_later_answers_send_them(probe, live_server):
    """The page's layout carries its cards' texts (``cards.prefill``) with their fingerprint; the cards' first
    answer after it sends the figures and tables but not those texts again (React does not rebuild nine cards' texts
    and menus: ~350 ms on this page, bench/RESULTS.md). Once drawn, the fingerprint is cleared: going to another
    year and back to the first one shows the first year's texts again, not the other year's."""
    page = probe.page
    answers = []
    page.on("response", lambda r: answers.append(r) if "_dash-update-component" in r.url
            and "disp-top-origins" in (r.request.post_data or "") else None)
    page.goto(f"{live_server}/displacement?year=2022", timeout=120_000)
    title = "[id*='\"key\":\"disp-top-hosts\"'][id*='chart-title']"
    page.wait_for_function("() => !!document.querySelector(`[id*='\"key\":\"disp-top-hosts\"'] .js-plotly-plot`)"
                           "?._fullData?.length", timeout=FIRST_WAIT)
    settle(page)
    first = answers[0].json()["response"]
    graphs = [k for k in first if '"chart-graph"' in k]
    assert len(graphs) >= 5 and all("figure" in first[k] for k in graphs)
    assert not [k for k in first if '"chart-title"' in k or '"chart-summary"' in k or '"chart-actions"' in k]
    texts_2022 = page.inner_text(title)
    assert "2022" in texts_2022

    for year, expected in (("2019", "2019"), ("2022", texts_2022)):
        page.click("#displacement-year")
        page.click(f"label.dash-dropdown-option:has(input[value='{year}'])")
        page.wait_for_function("(y) => location.search.includes('year=' + y)", arg=year, timeout=60_000)
        expect(page.locator(title)).to_contain_text(expected, timeout=60_000)
    assert "2019" not in page.inner_text(title)
    later = answers[-1].json()["response"]
    assert [k for k in later if '"chart-title"' in k], "a later answer sends the texts"
    assert probe.console_errors == [], probe.console_errors
