"""No chart text runs off its chart: every text element of every plotly chart (titles, ticks, legend entries, bar
values, annotations) lies inside the chart's box, on the main pages and two embeds, at 1366 and 390 px wide.
The rules that make it so are in dashboard/charts.py (wrapped labels, legend above the plot, values inside long
bars, level year ticks, automargins)."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import FIRST_WAIT, resize, settle

pytestmark = pytest.mark.browser

PAGES = ["/", "/country/BIH", "/country/XKX", "/compare?countries=BIH,SRB,HRV", "/flows", "/displacement",
         "/trafficking", "/routes", "/missing-migrants", "/corridor/BIH-DEU", "/embed/series", "/embed/disp-pairs"]
WIDTHS = (1366, 390)
TOLERANCE = 2  # px: anti-aliasing of glyph boxes

OVERFLOW = """(tol) => {
  const out = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (gd.offsetParent === null) continue;
    const box = gd.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const chart = (gd.closest('[id]') || gd).id;
    for (const el of gd.querySelectorAll('svg text')) {
      const text = (el.textContent || '').trim();
      const st = getComputedStyle(el);
      if (!text || st.display === 'none' || st.visibility === 'hidden' || st.opacity === '0') continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
      if (over > tol) out.push(`${chart}: "${text.slice(0, 50)}" ${Math.round(over)}px outside`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_chart_text_runs_off_its_chart(live_server, probe, path):
    page = probe.page
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(live_server + path)
    settle(page, FIRST_WAIT)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0", polling=250,
                           timeout=FIRST_WAIT)
    found = {}
    for width in WIDTHS:
        resize(page, width, 900)
        try:  # charts that animate a redraw (the Sankey's nodes) are measured once they have come to rest
            page.wait_for_function(f"(tol) => ({OVERFLOW})(tol).length === 0", arg=TOLERANCE, polling=250,
                                   timeout=10_000)
        except PlaywrightTimeout:
            pass  # still outside after 10 s: reported below
        found[width] = page.evaluate(OVERFLOW, TOLERANCE)
    assert not any(found.values()), found
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)
