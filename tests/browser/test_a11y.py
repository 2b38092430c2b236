"""Accessibility (issue 18, WCAG 2.2 AA) in headless Chromium.

- axe-core (axe-playwright-python, which bundles it) on every page, the 404 page and embeds, at 1366 and 390 px:
  no serious or critical violation (no axe rule is turned off);
- no horizontal overflow of any page at 390 px and at 200 % zoom (a 1366 px window zoomed to 200 % lays the page
  out in 683 CSS px);
- keyboard only: the skip link, the focus ring, no plotly toolbar in the tab order, and five tasks: pick an
  indicator, pick a country, change the year (and play/pause), read a value from the table view, download the CSV;
- the page's polite live region says what changed after a control is used.
"""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dashboard import store
from dashboard.i18n import t
from tests.browser.conftest import FIRST_WAIT, settle, wait_js

pytestmark = pytest.mark.browser
WAIT = 90_000

PAGES = ["/", "/country/BIH", "/compare?countries=BIH,SRB,HRV", "/corridor/BIH-DEU", "/flows", "/displacement",
         "/trafficking", "/routes", "/missing-migrants", "/data", "/no-such-page", "/?lang=bs", "/flows?lang=fr"]
EMBEDS = ["/embed/map", "/embed/series?countries=BIH,SRB&controls=all", "/embed/profile?iso3=BIH&controls=all"]
SERIOUS = {"serious", "critical"}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _open(page, url: str) -> None:
    page.goto(url)
    # the page's layout is in (a fresh worker's first render loads the tables), then every chart is drawn
    wait_js(page, "() => !document.getElementById('page') || document.querySelector('#page main')", timeout=FIRST_WAIT)
    settle(page, WAIT)
    # the page's own repairs (assets/a11y.js) run on each render; wait for the chart titles too
    wait_js(page, "() => [...document.querySelectorAll('.chart-title')].every(h => h.textContent.trim())",
            timeout=WAIT)


def _serious(axe, page) -> list[str]:
    result = axe.run(page)
    return [f"{v['id']} ({v['impact']}): " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
            for v in result.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("width", [1366, 390])
def test_axe_finds_no_serious_or_critical_violation_on_any_page_or_embed(live_server, probe, axe, width):
    page = probe.page
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in PAGES + EMBEDS:
        _open(page, live_server + path)
        bad = _serious(axe, page)
        if bad:
            found[path] = bad
    assert found == {}, found
    assert probe.external == []


def test_axe_catches_a_serious_violation(live_server, probe, axe):
    """The check can fail: an unlabelled focusable control hidden from screen readers is reported."""
    page = probe.page
    _open(page, live_server + "/nope")
    page.evaluate("() => { const i = document.createElement('input'); i.setAttribute('aria-hidden', 'true');"
                  " (document.querySelector('main') || document.body).appendChild(i); }")
    assert any(v.startswith("aria-hidden-focus") for v in _serious(axe, page))


@pytest.mark.parametrize("width", [390, 683])  # a phone; a 1366 px window at 200 % zoom
def test_no_page_is_wider_than_the_screen(live_server, probe, width):
    page = probe.page
    page.set_viewport_size({"width": width, "height": 844})
    wide = {}
    for path in PAGES + ["/data?keyword=refugees"]:
        _open(page, live_server + path)
        over = page.evaluate(OVERFLOW)
        if over > 0:
            wide[path] = over
        if width == 390:
            # charts are at least 300 px tall on a phone
            low = page.evaluate("() => [...document.querySelectorAll('.chart-figure .js-plotly-plot')]"
                                ".filter(g => g.offsetParent !== null && g.getBoundingClientRect().height < 300)"
                                ".map(g => g.parentElement.closest('.chart').querySelector('.chart-title').textContent)")
            assert low == [], (path, low)
    assert wide == {}, f"pages wider than {width} px: {wide}"


def test_phone_actions_are_one_menu_and_tables_scroll_with_the_first_column_fixed(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, live_server + "/compare?countries=BIH,SRB,HRV")
    menu = page.locator("details.chart-menu").first
    expect(menu).not_to_have_attribute("open", re.compile(".*"))
    csv = menu.locator("a[data-action='csv']")
    expect(csv).to_be_hidden()
    menu.locator(":scope > summary").click()
    expect(csv).to_be_visible()
    page.locator("details.chart-table > summary").first.click()
    wrap = page.locator("details.chart-table[open] .table-wrap").first
    expect(wrap.locator("table")).to_be_visible()
    sticky = wrap.locator("tbody td").first.evaluate("td => getComputedStyle(td).position")
    assert sticky == "sticky"
    assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
    page.set_viewport_size({"width": 1366, "height": 900})
    _open(page, live_server + "/compare?countries=BIH,SRB,HRV")  # wide: the links in a row, no toggle
    expect(page.locator("details.chart-menu a[data-action='csv']").first).to_be_visible()
    expect(page.locator("details.chart-menu > summary").first).to_be_hidden()


# ------------------------------------------------------------------ keyboard only

def _focused(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement; const s = getComputedStyle(a);
        return {tag: a.tagName, id: a.id, cls: a.className && a.className.baseVal === undefined ? a.className : '',
                text: (a.textContent || '').trim().slice(0, 80), role: a.getAttribute('role'),
                outline: parseFloat(s.outlineWidth) || 0, style: s.outlineStyle,
                modebar: !!a.closest('.modebar'), action: a.getAttribute('data-action'),
                label: a.getAttribute('aria-labelledby'), valuetext: a.getAttribute('aria-valuetext')}; }""")


def _tab_to(page, predicate, limit: int = 80, back: bool = False) -> dict:
    """Press Tab until ``predicate(focused)``; every stop on the way has a visible 3 px ring and none is in a
    plotly toolbar."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        f = _focused(page)
        seen.append(f["id"] or f["text"][:20] or f["tag"])
        if f["tag"] != "BODY":
            assert not f["modebar"], "a plotly toolbar button is in the tab order"
            assert f["outline"] >= 3 and f["style"] != "none", f"focus ring under 3 px on {f}"
        if predicate(f):
            return f
    raise AssertionError(f"not reached by {limit} Tab presses; last focus {f}; on the way: {seen}")


def test_skip_link_first_then_main(live_server, probe):
    page = probe.page
    _open(page, live_server + "/?lang=fr")
    page.keyboard.press("Tab")
    f = _focused(page)
    assert f["id"] == "skip-link" and f["text"] == t("a11y.skip", "fr"), f
    assert f["outline"] >= 3
    page.keyboard.press("Enter")
    wait_js(page, "() => document.activeElement.tagName === 'MAIN'", timeout=10_000)
    f = _tab_to(page, lambda f: True)
    assert page.evaluate("() => !!document.activeElement.closest('main')"), f


def test_keyboard_pick_an_indicator_and_hear_what_changed(live_server, probe):
    page = probe.page
    _open(page, live_server + "/")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["id"] == "explorer-indicator")
    page.keyboard.press("Enter")
    search = page.locator(".dash-dropdown-content input.dash-dropdown-search")
    expect(search).to_be_visible()
    page.keyboard.type("refugees")  # from the focused current option, typing goes to the search box
    expect(search).to_be_focused()
    expect(search).to_have_value("refugees")
    # as a user does: look at the filtered list, step into it, and pick the option the focus is on
    wait_js(page, """() => { const o = [...document.querySelectorAll('.dash-dropdown-content [role=option]')];
      return o.length > 0 && o.every(e => /refugee/i.test(e.textContent)); }""", timeout=WAIT)
    page.keyboard.press("ArrowDown")
    wait_js(page, """() => { const o = document.activeElement && document.activeElement.closest('[role=option]');
      return !!o && /refugee/i.test(o.textContent); }""", timeout=WAIT)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"indicator=refugee"), timeout=WAIT)
    expect(page.locator("#a11y-live")).to_contain_text(t("a11y.updated", "en"), timeout=WAIT)
    expect(page.locator("#a11y-live")).to_contain_text(re.compile("refugee", re.IGNORECASE), timeout=WAIT)


def test_keyboard_pick_a_country(live_server, probe):
    page = probe.page
    _open(page, live_server + "/country/BIH")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["id"] == "country-search")  # the profile's picker (not the header's)
    page.keyboard.press("Enter")
    # typing goes to the open list's search box (assets/a11y.js forwards the keys), at a person's pace
    page.keyboard.type("Serbia", delay=120)
    expect(page.get_by_role("dialog").get_by_role("searchbox")).to_have_value("Serbia", timeout=WAIT)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/country/SRB"), timeout=WAIT)
    expect(page.locator("#country-header h1")).to_contain_text("Serbia", timeout=WAIT)


def test_keyboard_change_the_year_then_play_and_pause(live_server, probe):
    page = probe.page
    _open(page, live_server + "/?indicator=migrant_stock")
    years = store.available_years("migrant_stock")
    thumb = _tab_to(page, lambda f: f["role"] == "slider")
    assert thumb["label"] == "explorer-year-label" and thumb["valuetext"] == str(years[-1]), thumb
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"year={years[-2]}"), timeout=WAIT)
    expect(page.locator(".dash-slider-thumb")).to_have_attribute("aria-valuetext", str(years[-2]))
    expect(page.locator("[id*='chart-title'][id*='explorer-map']")).to_contain_text(str(years[-2]), timeout=WAIT)
    play = _tab_to(page, lambda f: f["id"] == "explorer-play", back=True)
    assert play["tag"] == "BUTTON"
    page.keyboard.press("Enter")  # play: the year moves on to the last one
    expect(page.locator("#explorer-play")).to_have_attribute("aria-pressed", "true", timeout=WAIT)
    page.keyboard.press("Space")  # pause
    expect(page.locator("#explorer-play")).to_have_attribute("aria-pressed", "false", timeout=WAIT)


def test_keyboard_read_a_value_from_the_table_view(live_server, probe):
    page = probe.page
    _open(page, live_server + "/country/BIH")
    _tab_to(page, lambda f: f["tag"] == "SUMMARY" and bool(
        page.evaluate("() => !!document.activeElement.closest('[id*=\"country-destinations\"], .chart')"
                      " && document.activeElement.parentElement.classList.contains('chart-table')")))
    page.keyboard.press("Enter")
    table = page.locator("details.chart-table[open] table").first
    expect(table).to_be_visible()
    region = _tab_to(page, lambda f: f["role"] == "group" and "table-wrap" in (f["cls"] or ""), limit=10)
    assert region["outline"] >= 3
    first = table.locator("tbody tr").first.inner_text()
    assert re.search(r"\d", first), first  # a number a screen reader can read out


def test_keyboard_download_the_csv(live_server, probe):
    page = probe.page
    _open(page, live_server + "/compare?countries=BIH,SRB")
    link = _tab_to(page, lambda f: f["action"] == "csv")
    assert link["tag"] == "A"
    with page.expect_download(timeout=WAIT) as dl:
        page.keyboard.press("Enter")
    download = dl.value
    assert download.suggested_filename.endswith(".csv")
    body = open(download.path(), encoding="utf-8").read()
    assert "BIH" in body and "SRB" in body


# ------------------------------------------------------------------ screen readers, motion

def test_charts_are_named_by_their_titles_and_described_by_their_summaries(live_server, probe):
    page = probe.page
    _open(page, live_server + "/?lang=bs")
    title = page.locator("[id*='chart-title'][id*='explorer-map']").inner_text()
    assert title
    figure = page.get_by_role("figure", name=title, exact=True)
    expect(figure).to_have_count(1)
    summary = page.locator("[id*='chart-summary'][id*='explorer-map']").inner_text()
    assert summary and figure.evaluate("f => document.getElementById(f.getAttribute('aria-describedby')).textContent")\
        == summary
    # the slider and the radio groups are named by their visible labels
    expect(page.get_by_role("slider", name=t("control.year", "bs"))).to_have_count(1)
    expect(page.get_by_role("radiogroup", name=t("explorer.per", "bs"))).to_have_count(1)
    expect(page.get_by_role("radio", name=t("explorer.per.abs", "bs"))).to_be_checked()


def test_reduced_motion_stops_the_play_loop(live_server, probe):
    page = probe.page
    page.emulate_media(reduced_motion="reduce")
    _open(page, live_server + "/")
    page.locator("#explorer-play").click()
    expect(page.locator("#explorer-status")).to_have_text(t("explorer.reduced_motion", "en"))
    expect(page.locator("#explorer-play")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.dash-dropdown-trigger-icon') || document.body)"
                         ".transitionDuration") in ("0s", "")
