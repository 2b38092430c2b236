"""Bytes on the wire for a first and a repeat visit, in headless Chromium (run by hand:
`.venv/bin/python bench/transfer.py [--pages / /flows]`).

gunicorn as `make run` (2 workers); one browser context per page, so its HTTP cache starts empty and is kept for
the repeat visit (Playwright's request interception would switch the cache off, so nothing is intercepted: the
requests are only recorded, and the run fails if one leaves the machine). For each visit the page is loaded until
every chart is drawn (bench/first_render.py's condition) and the network is idle; bytes are the Chrome DevTools
protocol's ``encodedDataLength`` of every request (headers + body as received, compressed), summed. The repeat
visit is a new tab on the same URL, as a reader coming back.

Issue 19 targets: first visit to / under 1.2 MB, repeat visit under 100 KB.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from first_render import PAGES, READY  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, LOOPBACK  # noqa: E402
from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402


def visit(context, url: str, min_graphs: int, extra: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    reqs: dict[str, dict] = defaultdict(dict)
    cdp.on("Network.requestWillBeSent", lambda e: reqs[e["requestId"]].update(url=e["request"]["url"]))
    cdp.on("Network.requestServedFromCache", lambda e: reqs[e["requestId"]].update(cache="memory/disk"))
    cdp.on("Network.responseReceived", lambda e: reqs[e["requestId"]].update(
        status=e["response"]["status"], encoding={k.lower(): v for k, v in (e["response"].get("headers") or {}).items()}.get("content-encoding"),
        **({"cache": "disk"} if e["response"].get("fromDiskCache") else {})))
    cdp.on("Network.loadingFinished", lambda e: reqs[e["requestId"]].update(bytes=e["encodedDataLength"]))
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, arg=[min_graphs, extra], polling="raf", timeout=120_000)
    page.wait_for_load_state("networkidle")
    page.close()
    rows = [r for r in reqs.values() if "url" in r]
    external = [r["url"] for r in rows if not r["url"].startswith(("data:", "blob:"))
                and (urlparse(r["url"]).hostname or "") not in LOOPBACK]
    assert not external, f"requests left the machine: {external}"
    return {"total": sum(r.get("bytes", 0) for r in rows), "rows": rows}


def table(rows: list[dict], top: int) -> None:
    for r in sorted(rows, key=lambda r: -r.get("bytes", 0))[:top]:
        path = urlparse(r["url"]).path
        print(f"    {r.get('bytes', 0) / 1024:8.1f} KB  {r.get('status', '-')!s:>4} {r.get('encoding') or '-':5} "
              f"{r.get('cache', ''):10} {path[:90]}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", nargs="*", default=["/", "/country/BIH", "/flows"])
    ap.add_argument("--top", type=int, default=8, help="largest requests listed per visit")
    args = ap.parse_args()
    port = free_port()
    proc = start_gunicorn(port, workers=2)
    base = f"http://127.0.0.1:{port}"
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_context(bypass_csp=True)  # one visit per page first: the server's caches are warm, as in use
            for path in args.pages:
                visit(warm, base + path, *PAGES.get(path, (1, "true")))
            warm.close()
            results = []
            for path in args.pages:
                context = browser.new_context(viewport={"width": 1366, "height": 768}, service_workers="block",
                                              bypass_csp=True)  # READY evaluates its condition
                first = visit(context, base + path, *PAGES.get(path, (1, "true")))
                repeat = visit(context, base + path, *PAGES.get(path, (1, "true")))
                context.close()
                results.append((path, first, repeat))
                for label, v in (("first", first), ("repeat", repeat)):
                    print(f"{path} {label}: {v['total'] / 1024:.1f} KB in {len(v['rows'])} requests")
                    table(v["rows"], args.top)
            browser.close()
    finally:
        stop(proc)
    print("\n| page | first visit KB (requests) | repeat visit KB (requests) |\n|---|---|---|")
    for path, first, repeat in results:
        print(f"| `{path}` | {first['total'] / 1024:.0f} ({len(first['rows'])}) | "
              f"{repeat['total'] / 1024:.1f} ({len(repeat['rows'])}) |")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
