"""Before/after in the same run (by hand: `.venv/bin/python bench/first_view_ab.py --before ../wt-before`).

Two gunicorn servers (2 workers as `make run`, snapshots off) -- this checkout and another checkout of the app
(e.g. a `git worktree` of the commit to compare with) -- are measured alternately, run by run, with
``bench/first_render.measure`` (a fresh browser context per run: when the first chart card's title is painted,
when every chart on the page is drawn and interactive). Alternating cancels most of the drift of a shared
machine; the load average is printed before and after. With ``--snapshots`` the "after" server draws chart
snapshots: each page is warmed until its first view has one in every chart box, and measured once the server has
gone quiet (nothing left drawing in the background).
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
from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402


def serve(checkout: Path, port: int, snapshots: bool = False) -> subprocess.Popen:
    # PRIME=on as `make run` (the "before" checkout has no such setting and ignores it)
    return start_gunicorn(port, env={"SNAPSHOTS": "on" if snapshots else "off", "PRIME": "on"}, workers=2, threads=2,
                          cwd=checkout)


def warm_snapshots(url: str, timeout: float = 600) -> float:
    """Ask for ``url`` until its first view has a snapshot image for every chart card (the server queues and draws
    them in the background); seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        html = requests.get(url, timeout=60).text
        entry = html[html.find('id="react-entry-point"'):]
        cards, snaps = entry.count('data-static="1"'), entry.count('class="chart-snapshot"')
        if cards and snaps >= cards:
            return time.monotonic() - start
        time.sleep(3)
    raise RuntimeError(f"{url}: snapshots not drawn within {timeout:.0f} s")


def wait_quiet(proc: subprocess.Popen, timeout: float = 600, window: float = 3.0) -> float:
    """Wait until the server (master, workers and their kaleido/Chromium children) uses under 5 % of a core over
    ``window`` seconds: warming a page queues more snapshots than its own (its link-preview image, ...), and a
    worker drawing them in the background while it is measured would count the drawing against the page."""
    import psutil

    def cpu() -> float:
        total = 0.0
        root = psutil.Process(proc.pid)
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        before = cpu()
        time.sleep(window)
        if cpu() - before < 0.05 * window:
            return time.monotonic() - start
    raise RuntimeError(f"the server was still busy after {timeout:.0f} s")


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True, type=Path, help="the other checkout (the 'before')")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", nargs="*", default=["/", "/country/BIH", "/flows"])
    ap.add_argument("--snapshots", action="store_true",
                    help="the 'after' server draws chart snapshots (SNAPSHOTS=on); each page is warmed until its HTML "
                         "has a snapshot for every chart card before it is measured")
    args = ap.parse_args()
    servers = {"before": serve(args.before.resolve(), p1 := free_port()),
               "after": serve(REPO, p2 := free_port(), args.snapshots)}
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
                if args.snapshots:
                    print(f"  {path}: snapshots in the first view after {warm_snapshots(bases['after'] + path):.0f} s, "
                          f"the server quiet {wait_quiet(servers['after']):.0f} s later", flush=True)
                for _ in range(args.runs):
                    for k in bases:
                        res[k].append(measure(browser, bases[k] + path, n, extra))
                snaps = [r["snap_ms"] for r in res["after"] if r["snap_ms"]]
                if snaps:
                    print(f"  {path}: first snapshot painted (after), median {statistics.median(snaps):.0f} ms, "
                          f"{min(snaps):.0f}–{max(snaps):.0f}, in {len(snaps)} of {args.runs} runs", flush=True)
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
