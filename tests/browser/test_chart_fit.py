"""The acceptance test of chart text layout (issue 16): every text element of every plotly chart (titles, ticks,
legend entries, bar values, annotations, Sankey labels) on every page and every embed lies inside its chart's box
and does not overlap another text of the same chart, at 1920, 1366 and 390 px wide.

- Pages: each page of the app (the explorer, two profiles, compare, flows, displacement, trafficking, routes, missing
  migrants, a corridor, a deck of slides); one page load per path, then the viewport is resized through the widths.
- Embeds: every chart of the registry (``dashboard.views``), ``/embed/<chart>``, so a chart added to the registry is
  measured without touching this file; the embeds share one browser page.

Two texts overlap when their boxes, each in its own frame (an angled tick label has an angled box), overlap by more
than ``TOLERANCE`` px (anti-aliasing of glyph boxes); parts of one label are one text
(the tspans of a ``<text>``, a legend entry, an annotation), and hover labels are not layout. The rules that make
it hold are in dashboard/charts.py (wrapped labels, legend above the plot, values inside long bars, level year
ticks, automargins) and in the figure builders."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard import views
from tests.browser.conftest import FIRST_WAIT, resize, settle

pytestmark = pytest.mark.browser

PAGES = ["/", "/country/BIH", "/country/XKX", "/compare?countries=BIH,SRB,HRV", "/flows", "/displacement",
         "/trafficking", "/routes", "/missing-migrants", "/corridor/BIH-DEU",
         "/deck?views=series,sankey,traf-ranking,disp-asylum"]
EMBEDS = sorted(views.load_all())  # every registered chart
WIDTHS = (1920, 1366, 390)
HEIGHT = 900
TOLERANCE = 2  # px: anti-aliasing of glyph boxes
REST = 8_000  # ms a chart may take to come to rest (the Sankey animates its nodes) before it is measured

# [text outside its chart, texts overlapping each other] for every shown plotly chart on the page
MEASURE = """(tol) => {
  const outside = [], overlaps = [];
  // a text's box in its own frame (an angled tick label is an angled box), as four corners on the screen
  const quad = el => {
    const b = el.getBBox(), m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  // how deep two boxes overlap: the least overlap of their projections on the boxes' edge normals (0 or less:
  // a line separates them)
  const overlap = (p, q) => {
    let least = Infinity;
    for (const poly of [p, q]) {
      for (let i = 0; i < 2; i++) {
        const [x0, y0] = poly[i], [x1, y1] = poly[i + 1];
        const len = Math.hypot(x1 - x0, y1 - y0) || 1, nx = (y0 - y1) / len, ny = (x1 - x0) / len;
        const pa = p.map(([x, y]) => x * nx + y * ny), pb = q.map(([x, y]) => x * nx + y * ny);
        least = Math.min(least, Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)));
      }
    }
    return least;
  };
  const skip = '.hoverlayer, .zoomlayer, .selectionlayer, .modebar-container, defs';
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (gd.offsetParent === null) continue;
    const box = gd.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const chart = (gd.closest('[id]') || gd).id;
    const items = [];
    for (const el of gd.querySelectorAll('svg text')) {
      if (el.closest(skip)) continue;
      const text = (el.textContent || '').trim();
      const st = getComputedStyle(el);
      if (!text || st.display === 'none' || st.visibility === 'hidden' || st.opacity === '0'
          || st.fillOpacity === '0') continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
      if (over > tol) outside.push(`${chart}: "${text.slice(0, 50)}" ${Math.round(over)}px outside`);
      // one label: a legend entry, an annotation (its lines are tspans of one text already)
      const unit = el.closest('.legend .traces, .annotation') || el;
      items.push({text, r, unit, el});
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (a.unit === b.unit) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w <= tol || h <= tol) continue;  // their upright boxes do not meet
        const depth = overlap(quad(a.el), quad(b.el));  // angled labels: their own (rotated) boxes
        if (depth > tol) overlaps.push(
          `${chart}: "${a.text.slice(0, 40)}" overlaps "${b.text.slice(0, 40)}" by ${Math.round(depth)}px`);
      }
    }
  }
  return [outside, overlaps];
}"""


def measure(page) -> tuple[list[str], list[str]]:
    """What runs off or overlaps once the charts have come to rest (or, failing that, after ``REST`` ms)."""
    try:
        page.wait_for_function(f"(tol) => ({MEASURE})(tol).every(l => l.length === 0)", arg=TOLERANCE,
                               polling=250, timeout=REST)
    except PlaywrightTimeout:
        pass  # still wrong after the charts had time to settle: reported by the caller
    return tuple(page.evaluate(MEASURE, TOLERANCE))


def through_widths(page) -> dict:
    found = {}
    for width in WIDTHS:
        resize(page, width, HEIGHT)
        outside, overlaps = measure(page)
        if outside or overlaps:
            found[width] = {"outside": outside, "overlap": overlaps}
    return found


def charts_drawn(page) -> None:
    settle(page, FIRST_WAIT)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0", polling=250,
                           timeout=FIRST_WAIT)


@pytest.mark.parametrize("path", PAGES)
def test_page_chart_text_fits_and_does_not_overlap(live_server, probe, path):
    page = probe.page
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    page.goto(live_server + path)
    charts_drawn(page)
    found = through_widths(page)
    assert not found, f"{path}: {found}"
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)


@pytest.fixture(scope="module")
def embed_page(chromium):
    """One page for every embed (each is a small standalone page: a load per chart, no new browser context)."""
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    context.close()


@pytest.mark.parametrize("view_id", EMBEDS)
def test_embed_chart_text_fits_and_does_not_overlap(live_server, embed_page, view_id):
    page, errors = embed_page
    errors.clear()
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    page.goto(f"{live_server}/embed/{view_id}")
    charts_drawn(page)
    found = through_widths(page)
    assert not found, f"/embed/{view_id}: {found}"
    assert errors == [], errors


# Cartesian charts whose drawn margins differ from the ones the server set: plotly's automargin pushed them, so the
# chart was drawn twice. A horizontal legend that wraps onto more rows than the server reserved (it assumes a wide
# card, dashboard/charts.py LEGEND_WIDTH) may push the top margin: that one side is not counted then.
PUSHED = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout
    && gd._fullLayout._subplots.cartesian.length && gd.offsetParent !== null).flatMap(gd => {
  const set = gd.layout.margin || {}, drawn = gd._fullLayout._size;
  const rows = new Set([...gd.querySelectorAll('.legend .traces')].map(t => Math.round(t.getCTM().f))).size;
  const sides = rows > 1 ? ['l', 'r', 'b'] : ['l', 'r', 't', 'b'];
  const id = (gd.closest('[id]') || gd).id;
  return sides.filter(s => Math.round(drawn[s]) !== set[s]).map(s => `${id}: ${s} set ${set[s]}, drawn ${drawn[s]}`);
})"""
DRAWN_ONCE = [(path, "en") for path in ("/", "/country/BIH", "/compare?countries=BIH,SRB,HRV", "/flows",
                                        "/displacement", "/trafficking", "/routes")] + \
    [(path, lang) for path in ("/country/BIH", "/displacement", "/trafficking") for lang in ("bs", "fr")]


@pytest.mark.parametrize("path,lang", DRAWN_ONCE)
def test_margins_hold_the_labels_so_each_chart_is_drawn_once(live_server, probe, path, lang):
    """Issue 19: plotly's automargin redraws a chart whose labels need more room than its margins give; the server
    sets margins that already hold them (``charts.fit_margins``), so every chart is drawn once, in every language."""
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": HEIGHT})
    page.goto(live_server + path + ("&" if "?" in path else "?") + f"lang={lang}")
    charts_drawn(page)
    assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length") > 0
    assert page.evaluate(PUSHED) == []
