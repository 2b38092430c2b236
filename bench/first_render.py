"""First page render in headless Chromium (run by hand: `.venv/bin/python bench/first_render.py`).

Issue 3 target: the explorer's first render under 2 s on loopback. For each page, gunicorn (2 workers,
as `make run`) is warmed with one visit, then every run opens a fresh browser context (empty HTTP
cache, no service worker) and measures, from navigation start, the moment every chart on the page is
drawn: each graph has plotly's ``_fullLayout``, none is loading, and the page's own "ready" condition
holds (e.g. the world map has its country paths). Also reported: when the page's first world map has its
countries drawn (pages that open on a map), first contentful paint, DOMContentLoaded and bytes fetched.
Every non-loopback request is blocked, as in the browser tests.

Floors (bench/minimal_app.py, same measurement): Dash with one bar chart (full and partial plotly.js), and Dash
with nothing but the explorer's own three figures in its layout (no callbacks, controls, texts or tables).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.conftest import CHROMIUM_ARGS, LOOPBACK  # noqa: E402
from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

# page -> (minimum number of drawn graphs, extra JS condition)
PAGES = {
    "/": (3, "document.querySelectorAll('path.choroplethlocation').length > 150"),
    "/country/BIH": (4, "true"),
    "/compare?countries=BIH,SRB,HRV": (1, "document.querySelector('.compare-table') !== null"),
    "/flows": (3, "true"),
    "/displacement": (4, "true"),
    "/trafficking": (3, "true"),
}

READY = """([minGraphs, extra]) => {
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  const drawn = graphs.filter(g => g._fullLayout && g._fullData);
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  if (drawn.length >= minGraphs && drawn.length === graphs.length && !loading && eval(extra)) {
    window.__drawn = window.__drawn || performance.now();
    return true;
  }
  return false;
}"""


FIRST_CARD = """(function c() {  // a chart card's title on screen (the server's first view, or Dash's)
  var h = document.querySelector('h2.chart-title');
  if (!window.__card && h && h.textContent.trim()) window.__card = performance.now();
  if (!window.__card) requestAnimationFrame(c);
})();"""

SNAPSHOT_PAINTED = """(function s() {  // a chart snapshot of the server's first view loaded and on screen
  var i = document.querySelector('img.chart-snapshot');
  if (!window.__snap && i && i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().top < innerHeight) {
    window.__snap = performance.now();
  }
  if (!window.__snap && !window.__drawn) requestAnimationFrame(s);
})();"""

MAP_DRAWN = """(function t() {
  if (!window.__map && (document.querySelectorAll('path.choroplethlocation').length > 150 ||
                        document.querySelector('.geo .layer.land path'))) {
    window.__map = performance.now();
  }
  if (!window.__map) requestAnimationFrame(t);
})();"""


def measure(browser, url: str, min_graphs: int, extra: str) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, service_workers="block",
                                  bypass_csp=True)  # READY evaluates the page's condition (the pages' CSP has no eval)
    external: list[str] = []
    fetched = [0]

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.add_init_script(MAP_DRAWN)
    page.add_init_script(FIRST_CARD)
    page.add_init_script(SNAPSHOT_PAINTED)
    page.on("response", lambda r: fetched.__setitem__(0, fetched[0] + int(r.headers.get("content-length", 0) or 0)))
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, arg=[min_graphs, extra], polling="raf", timeout=60_000)
    drawn = page.evaluate("window.__drawn")
    map_ms = page.evaluate("window.__map || null")
    card_ms = page.evaluate("window.__card || null")
    snap_ms = page.evaluate("window.__snap || null")
    dcl = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    context.close()
    return {"drawn_ms": drawn, "map_ms": map_ms, "card_ms": card_ms, "snap_ms": snap_ms, "dcl_ms": dcl, "fcp_ms": fcp, "kb": fetched[0] / 1024, "external": external}


def start_minimal(port: int, partial: bool = False, explorer: str | None = None):
    """gunicorn serving bench/minimal_app.py: the Dash + plotly.js floor (one bar chart, or with ``explorer``
    = "all"/"map" the explorer's own figures inline)."""
    import subprocess
    import time

    import requests

    gunicorn = str(REPO / ".venv" / "bin" / "gunicorn")
    proc = subprocess.Popen([gunicorn, "--chdir", str(REPO / "bench"), "minimal_app:server", "--bind",
                             f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "FLOOR_PARTIAL": "1" if partial else "0",
                                 "FLOOR_EXPLORER": "1" if explorer else "0",
                                 "FLOOR_ONLY": "" if explorer in (None, "all") else explorer})
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError("minimal app did not start")


def report(browser, label: str, url: str, n: int, extra: str, runs: int) -> None:
    measure(browser, url, n, extra)  # warm the server
    res = [measure(browser, url, n, extra) for _ in range(runs)]
    assert all(not r["external"] for r in res), "a request left the machine"
    d = [r["drawn_ms"] for r in res]
    m = [r["map_ms"] for r in res if r["map_ms"]]
    map_col = f"{statistics.median(m):.0f}" if m else "–"
    c = [r["card_ms"] for r in res if r["card_ms"]]
    card_col = f"{statistics.median(c):.0f}" if c else "–"
    print(f"| {label} | {card_col} | {statistics.median(d):.0f} | {min(d):.0f} | {max(d):.0f} | {map_col} | "
          f"{statistics.median(r['fcp_ms'] or 0 for r in res):.0f} | "
          f"{statistics.median(r['dcl_ms'] for r in res):.0f} | {res[0]['kb']:.0f} |")


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", nargs="*", default=list(PAGES), help="dashboard pages to measure (default: all)")
    ap.add_argument("--no-floors", dest="floors", action="store_false", help="skip the bench/minimal_app.py floors")
    args = ap.parse_args()
    port = free_port()
    proc = start_gunicorn(port, workers=2)
    base = f"http://127.0.0.1:{port}"
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
            print("| page | first chart card's title painted, median ms | all charts drawn, median ms | min | max | "
                  "world map drawn, median ms | "
                  "first contentful paint ms | DOMContentLoaded ms | transferred KB* |")
            print("|---|---|---|---|---|---|---|---|---|")
            map_ready = PAGES["/"][1]
            floors = [(False, None, "Dash app with one bar chart, full plotly.js", 1, "true"),
                      (True, None, "Dash app with one bar chart, partial plotly.js bundle", 1, "true"),
                      (True, "map", "Dash app with only the explorer's world map figure inline", 1, map_ready),
                      (True, "all", "Dash app with only the explorer's three figures inline", 3, map_ready)]
            for partial, explorer, what, n, extra in floors if args.floors else []:
                mport = free_port()
                mini = start_minimal(mport, partial, explorer)
                try:
                    report(browser, f"floor: {what} (bench/minimal_app.py)", f"http://127.0.0.1:{mport}/", n, extra,
                           args.runs)
                finally:
                    mini.terminate()
            for path in args.pages:
                n, extra = PAGES[path]
                report(browser, f"`{path}`", base + path, n, extra, args.runs)
            browser.close()
    finally:
        stop(proc)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("* sum of Content-Length headers (responses without one, e.g. streamed, count as 0)")


if __name__ == "__main__":
    main()
