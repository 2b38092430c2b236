"""Load test (`make load`): 32 simulated readers for 60 s against gunicorn as `make run` (2 workers x 4 threads), on
the loopback address only, bounded in time.

1. The server is started and each page of ``PAGES`` is loaded once in headless Chromium; the bodies of the
   callback requests it makes (``/_dash-update-component``) are recorded, so the load replays what browsers send.
2. locust (bench/locustfile.py) runs headless: USERS readers, SPAWN_RATE per second, for SECONDS; pages with
   their callbacks, API calls and downloads (no images).
3. The summary (requests, failures, throughput, latency percentiles) is printed as a Markdown table row set for
   bench/RESULTS.md, plus the workers' RSS after the run.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.conftest import VENV_BIN, free_port, start_gunicorn, stop  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS") or 32)
SECONDS = int(os.environ.get("LOAD_SECONDS") or 60)
SPAWN_RATE = 8
PAGES = ["/", "/country/BIH", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants",
         "/compare?countries=BIH,SRB,HRV", "/?indicator=refugees_hosted&year=2022", "/country/DEU?lang=fr"]


def record(base: str) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[dict]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
        for path in PAGES:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            bodies: list[dict] = []
            page.on("request", lambda r: bodies.append(json.loads(r.post_data))  # (Dash adds a query to the URL)
                    if "/_dash-update-component" in r.url and r.method == "POST" and r.post_data else None)
            page.goto(base + path, wait_until="load")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            page.wait_for_load_state("networkidle")
            out[path] = bodies
            context.close()
        browser.close()
    return out


def summary(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv") as fh:
        return list(csv.DictReader(fh))


def main() -> None:
    port = free_port()
    proc = start_gunicorn(port, workers=2, threads=4)
    base = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="load-"))
    try:
        payloads = record(base)
        (tmp / "payloads.json").write_text(json.dumps(payloads))
        print(f"recorded {sum(map(len, payloads.values()))} callback requests on {len(payloads)} pages; "
              f"load average {os.getloadavg()[0]:.2f}")
        subprocess.run([str(VENV_BIN / "locust"), "-f", str(REPO / "bench" / "locustfile.py"), "--headless",
                        "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s", "--host", base,
                        "--csv", str(tmp / "run"), "--only-summary", "--stop-timeout", "30"],
                       env={**os.environ, "LOAD_PAYLOADS": str(tmp / "payloads.json")}, check=False, timeout=SECONDS + 120)
        rss = [round(w.memory_info().rss / 2**20) for w in psutil.Process(proc.pid).children()]
    finally:
        log = stop(proc)
    rows = summary(tmp / "run")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}; worker RSS after the run: {rss} MiB; "
          f"tracebacks in the server log: {log.count('Traceback')}")
    for line in log.splitlines():
        if "CRITICAL" in line or "ERROR" in line:
            print("server log:", line[:200])
    print("| requests | name | failures | req/s | median ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["Name"] != "Aggregated", r["Name"])):
        print(f"| {r['Request Count']} | {r['Type']} {r['Name']} | {r['Failure Count']} | {float(r['Requests/s']):.1f} | "
              f"{r['50%']} | {r['95%']} | {r['99%']} | {float(r['Max Response Time']):.0f} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
