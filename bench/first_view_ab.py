"""Before/after in the same run (by hand: `.venv/bin/python bench/first_view_ab.py --before ../wt-before`).

Two gunicorn servers (2 workers as `make run`, snapshots off) -- this checkout and another checkout of the app
(e.g. a `git worktree` of the commit to compare with) -- are measured alternately, run by run, with
``bench/first_render.measure`` (a fresh browser context per run: when the first chart card's title is painted,
when every chart on the page is drawn and interactive). Alternating cancels most of the drift of a shared
machine; the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.first_render import PAGES, measure  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.conftest import free_port, stop  # noqa: E402


def serve(checkout: Path, port: int) -> subprocess.Popen:
    gunicorn = str(REPO / ".venv" / "bin" / "gunicorn")
    proc = subprocess.Popen(
        [gunicorn, "app:server", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2", "--timeout", "60",
         "--no-control-socket", "--preload"], cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "RATE_LIMITS": "off", "SNAPSHOTS": "off", "PUBLIC_URL": f"http://127.0.0.1:{port}"})
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{checkout} did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True, type=Path, help="the other checkout (the 'before')")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", nargs="*", default=["/", "/country/BIH", "/flows"])
    args = ap.parse_args()
    servers = {"before": serve(args.before.resolve(), p1 := free_port()), "after": serve(REPO, p2 := free_port())}
    bases = {"before": f"http://127.0.0.1:{p1}", "after": f"http://127.0.0.1:{p2}"}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| page | before: card title painted | after | before: all charts drawn (median, min-max) | after |")
    print("|---|---|---|---|---|")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
            for path in args.pages:
                n, extra = PAGES[path]
                res = {k: [] for k in bases}
                for k in bases:
                    measure(browser, bases[k] + path, n, extra)  # warm each server's caches for this page
                for _ in range(args.runs):
                    for k in bases:
                        res[k].append(measure(browser, bases[k] + path, n, extra))
                cell = {}
                for k, rs in res.items():
                    d = [r["drawn_ms"] for r in rs]
                    c = [r["card_ms"] for r in rs if r["card_ms"]]
                    cell[k] = (f"{statistics.median(c):.0f}" if c else "–",
                               f"{statistics.median(d):.0f} ({min(d):.0f}–{max(d):.0f})")
                print(f"| `{path}` | {cell['before'][0]} | {cell['after'][0]} | {cell['before'][1]} | "
                      f"{cell['after'][1]} |", flush=True)
            browser.close()
    finally:
        for proc in servers.values():
            stop(proc)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
