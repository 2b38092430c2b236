"""Presenter mode and decks in the browser (issue 17).

At 1920x1080 with ?present=1: the current chart fills at least 80 % of the screen and none of its text is under
24 px; ArrowRight/PageUp move between charts (the chart's number in the URL as slide=N), ArrowDown/+ step the
year, Escape leaves presenter mode. "Add to deck" under two charts builds a deck whose page shows them in order
and presents them one per screen.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import expect_url, settle, wait_js

VIEWPORT = {"width": 1920, "height": 1080}
# the current slide: its plot's share of the viewport and the smallest font of any shown text in its SVG
CURRENT = """() => {
  const s = document.querySelector('main section.chart[data-present-current]');
  const gd = s && s.querySelector('.js-plotly-plot');
  if (!gd || !gd.querySelector('.main-svg')) { return null; }
  const r = gd.getBoundingClientRect();
  const texts = [...gd.querySelectorAll('svg text')].filter(t => t.textContent.trim() && t.getClientRects().length);
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize));
  const visible = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0))
                * Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  return {title: s.querySelector('.chart-title').textContent, share: visible / (innerWidth * innerHeight),
          min: sizes.length ? Math.min(...sizes) : 0, n: sizes.length, top: r.top};
}"""
READY = "() => { const c = (" + CURRENT + ")(); return c && c.title.trim() && c.n > 3 && c.min >= 24 && c.share >= 0.8; }"


def _current(page) -> dict:
    return page.evaluate(CURRENT)


def _slide(page) -> str:
    return (parse_qs(urlparse(page.url).query).get("slide") or [""])[0]


def test_presenter_mode_fills_the_screen_and_keys_move_between_charts_and_years(live_server, probe):
    page = probe.page
    page.set_viewport_size(VIEWPORT)
    page.goto(f"{live_server}/?present=1&indicator=migrant_stock&year=2020")
    wait_js(page, READY, timeout=150_000)
    first = _current(page)
    assert first["share"] >= 0.8 and first["min"] >= 24, first
    assert ", 2020" in first["title"] and _slide(page) == "1"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).display") == "none"

    page.keyboard.press("ArrowRight")  # the next chart: the ranking
    expect_url(page, r"[?&]slide=2(&|$)")
    wait_js(page, READY)
    second = _current(page)
    assert second["title"] != first["title"] and second["share"] >= 0.8 and second["min"] >= 24, second
    page.keyboard.press("PageDown")  # a clicker's key: the series
    expect_url(page, r"[?&]slide=3(&|$)")
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    expect_url(page, r"[?&]slide=1(&|$)")
    wait_js(page, READY)
    assert _current(page)["title"] == first["title"]

    page.keyboard.press("ArrowDown")  # the year one step down
    wait_js(page, "() => document.querySelector('main section.chart[data-present-current] .chart-title')"
                  ".textContent.includes(', 2015')")
    expect_url(page, r"[?&]year=2015(&|$)")
    assert "present=1" in page.url and _slide(page) == "1"
    page.keyboard.press("+")  # and back up
    wait_js(page, "() => document.querySelector('main section.chart[data-present-current] .chart-title')"
                  ".textContent.includes(', 2020')")
    wait_js(page, READY)  # the redrawn chart's text is raised again
    probe.screenshot("presenter_1920_explorer")

    page.keyboard.press("Escape")
    wait_js(page, "() => !location.search.includes('present') && !location.search.includes('slide')")
    wait_js(page, "() => document.querySelector('.site-nav') && "
                  "getComputedStyle(document.querySelector('.site-nav')).display !== 'none'")
    assert not page.evaluate("document.documentElement.classList.contains('present')")
    assert "year=2020" in page.url
    assert probe.external == [] and probe.console_errors == []


def test_add_to_deck_builds_a_deck_that_presents_in_order(live_server, probe):
    page = probe.page
    page.set_viewport_size(VIEWPORT)
    page.goto(f"{live_server}/flows?lang=fr")
    settle(page, timeout=150_000)
    titles = []
    for key in ("flows-sankey", "flows-bars"):  # the Sankey first, then the bars: the deck keeps this order
        card = page.locator(f"section.chart:has([id*='{key}'])")
        card.locator("button.deck-add").wait_for()  # the card is filled (its actions come with its texts)
        titles.append(card.locator(".chart-title").inner_text())
        card.locator("button.deck-add").click()
    link = page.locator("section.chart:has([id*='flows-bars']) .deck-open-link")
    assert link.inner_text().endswith("(2)") and "Ouvrir" in link.inner_text()
    link.click()
    expect_url(page, r"/deck\?views=.*lang=fr")
    page.wait_for_selector("main.page-deck section.deck-slide .js-plotly-plot .main-svg", timeout=150_000)
    shown = page.locator("main.page-deck section.deck-slide .chart-title").all_inner_texts()
    assert shown == titles
    assert page.locator("a[data-action=deck-pptx]").get_attribute("href").startswith("/deck.pptx?views=")
    # present the deck: one chart per screen, the arrows step through it
    page.locator("a[data-action=deck-present]").click()
    expect_url(page, r"present=1")
    wait_js(page, READY, timeout=150_000)
    assert _current(page)["title"] == titles[0]
    # the Sankey's nodes carry their values once (the figure writes them), in the page's language (French: a decimal
    # comma and 'k' or 'M' after a no-break space)
    wait_js(page, "() => [...document.querySelectorAll('[data-present-current] .sankey-node text')]"
                  ".filter(t => t.textContent.trim())"
                  ".every(t => / · \\d[\\d,]*(\u00a0(k|M|Md))?$/.test(t.textContent))")
    nodes = page.evaluate("[...document.querySelectorAll('[data-present-current] .sankey-node text')]"
                          ".map(t => t.textContent).filter(x => x.trim())")
    assert len(nodes) > 3 and any("," in n.split(" · ")[1] for n in nodes), nodes
    assert all(n.count(" · ") == 1 for n in nodes), nodes
    page.keyboard.press("ArrowRight")
    expect_url(page, r"[?&]slide=2(&|$)")
    wait_js(page, READY)
    assert _current(page)["title"] == titles[1]
    probe.screenshot("presenter_1920_deck_fr")
    assert probe.external == [] and probe.console_errors == []


def test_embed_play_button_steps_the_years_and_presenter_embed_text(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server}/embed/map?indicator=refugees_hosted&year=2015&controls=time&lang=bs")
    play = page.locator("#embed-play")
    assert play.inner_text() == "▶ Pokreni" and play.get_attribute("aria-pressed") == "false"
    wait_js(page, "() => document.querySelector('#chart .main-svg')", timeout=150_000)
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    wait_js(page, "() => document.getElementById('out-year').textContent.trim() === '2016'"
                  " && document.getElementById('embed-title').textContent.includes('2016')")
    play.click()  # pause
    assert play.get_attribute("aria-pressed") == "false" and play.inner_text() == "▶ Pokreni"
    # an embed in presenter mode: no chart text under 24 px
    page.goto(f"{live_server}/embed/ranking?present=1")
    wait_js(page, "() => document.querySelectorAll('#chart svg text').length > 5", timeout=150_000)
    sizes = page.evaluate("[...document.querySelectorAll('#chart svg text')].filter(t => t.textContent.trim())"
                          ".map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert sizes and min(sizes) >= 24, sorted(set(sizes))
    assert probe.external == [] and probe.console_errors == []
