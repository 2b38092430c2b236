"""Load test (`make load`): 32 simulated readers for 60 s against gunicorn as `make run` (2 workers x 4 threads), on
the loopback address only, bounded in time.

1. A server is started and each page of ``PAGES`` is loaded once in headless Chromium; the bodies of the
   callback requests it makes (``/_dash-update-component``) are recorded, so the load replays what browsers send.
2. For each phase a fresh server (``SERVERS``: cold = nothing built before serving; primed = as `make run`, each
   page's default view built before serving, snapshots off; warm = as `make run` and then dashboard/warm.py until
   every chart of ``PAGES`` has its snapshot), then locust (bench/locustfile.py) headless: USERS readers,
   SPAWN_RATE per second, for SECONDS; pages with their callbacks, API calls and downloads (no images). The summary
   (requests, failures, throughput, latency percentiles) is printed as Markdown rows for bench/RESULTS.md, with the
   workers' RSS, PSS and USS after the run.
3. The naive baseline, on the primed server after its run: the explorer's map callback (its recorded request)
   against bench/naive_map.py (the same map built by plotly.express from the Parquet file on every request, no
   cache), each by USERS concurrent clients for BASELINE_SECONDS, one after the other.
   ``LOAD_PHASES=cold,primed,baseline,warm`` (the default) chooses the steps.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import requests  # noqa: E402

from dashboard import views, warm  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.conftest import VENV_BIN, free_port, start_gunicorn, stop, wait_until_up  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS") or 32)
SECONDS = int(os.environ.get("LOAD_SECONDS") or 60)
SPAWN_RATE = 8
BASELINE_SECONDS = int(os.environ.get("LOAD_BASELINE_SECONDS") or 30)
PHASES = (os.environ.get("LOAD_PHASES") or "cold,primed,baseline,warm").split(",")
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


def locust(base: str, payloads: Path, tmp: Path, name: str) -> list[dict]:
    subprocess.run([str(VENV_BIN / "locust"), "-f", str(REPO / "bench" / "locustfile.py"), "--headless",
                    "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s", "--host", base,
                    "--csv", str(tmp / name), "--only-summary", "--stop-timeout", "30"],
                   env={**os.environ, "LOAD_PAYLOADS": str(payloads)}, check=False, timeout=SECONDS + 120)
    return summary(tmp / name)


def worker_rss(proc) -> list[str]:
    """Each worker's RSS / PSS / USS in MiB. RSS counts every page the worker maps, including those it shares
    copy-on-write with the master (gunicorn --preload: the bundle, the imports and the primed pages); PSS splits
    the shared pages between the processes that share them; USS is the worker's own."""
    out = []
    for w in psutil.Process(proc.pid).children():
        m = w.memory_full_info()
        out.append(f"{m.rss / 2**20:.0f}/{m.pss / 2**20:.0f}/{m.uss / 2**20:.0f}")
    return out


def tracebacks(log: str) -> list[str]:
    """The last line (the exception) of each traceback in a server log, and the log line before it."""
    lines = log.splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or lines[j].startswith("Traceback") or not lines[j]):
                j += 1
            out.append(f"{lines[i - 1][:160] if i else ''} -> {lines[j][:200] if j < len(lines) else ''}")
    return out


def report(title: str, rss: list[str], rows: list[dict], log: str) -> None:
    print(f"\n### {title}\nload average after: {os.getloadavg()[0]:.2f}; worker RSS/PSS/USS after the run: {', '.join(rss)} MiB; "
          f"tracebacks in the server log: {log.count('Traceback')}")
    for line in log.splitlines():
        if "CRITICAL" in line or "ERROR" in line:
            print("server log:", line[:200])
    for tb in tracebacks(log):
        print("server traceback:", tb)
    print("| requests | name | failures | req/s | median ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["Name"] != "Aggregated", r["Name"])):
        print(f"| {r['Request Count']} | {r['Type']} {r['Name']} | {r['Failure Count']} | {float(r['Requests/s']):.1f} | "
              f"{r['50%']} | {r['95%']} | {r['99%']} | {float(r['Max Response Time']):.0f} |")


def map_body(payloads: dict[str, list[dict]]) -> dict:
    """The explorer map card's callback request, as recorded on '/' (its outputs include the map's figure)."""
    for body in payloads["/"]:
        outputs = body.get("outputs")
        for out in outputs if isinstance(outputs, list) else [outputs]:
            if isinstance(out, dict) and isinstance(out.get("id"), dict) and out["id"].get("key") == "explorer-map" \
                    and out.get("property") == "figure":
                return body
    raise RuntimeError("no map callback among the requests recorded on '/'")


def hammer(url: str, body: dict, users: int = USERS, seconds: float = BASELINE_SECONDS) -> dict:
    """``users`` clients posting ``body`` back to back for ``seconds``: answers per second and latency."""
    times: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        with requests.Session() as session:
            while time.monotonic() < stop_at:
                t0 = time.perf_counter()
                try:
                    r = session.post(url, json=body, headers={"Accept-Encoding": "br, gzip"}, timeout=120)
                    ok = r.status_code == 200
                except requests.RequestException:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    if ok:
                        times.append(dt)
                    else:
                        failures[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(users)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - started  # includes the requests still running at the end
    q = statistics.quantiles(times, n=100) if len(times) >= 2 else [float("nan")] * 99
    return {"answers": len(times), "failures": failures[0], "rps": len(times) / elapsed,
            "median": statistics.median(times) * 1000 if times else float("nan"), "p99": q[98] * 1000}


def start_naive(port: int) -> subprocess.Popen:
    gunicorn = shutil.which("gunicorn", path=str(VENV_BIN)) or "gunicorn"
    proc = subprocess.Popen([gunicorn, "--chdir", str(REPO / "bench"), "naive_map:server", "--bind",
                             f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "120",
                             "--no-control-socket", "--preload"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return wait_until_up(proc, f"http://127.0.0.1:{port}/")


SERVERS = {  # phase -> the server's environment (gunicorn 2 workers x 4 threads, --preload, as `make run`)
    "cold": {"PRIME": "off", "SNAPSHOTS": "off"},  # nothing built before serving, nothing drawn in the background
    "primed": {"PRIME": "on", "SNAPSHOTS": "off"},  # as `make run` (each page's default view built before serving)
    "warm": {"PRIME": "on", "SNAPSHOTS": "on"},  # as `make run`, then dashboard/warm.py until every chart has its
}                                                 # snapshot (the workers may still draw some during the run)


def baseline(base: str, payloads: dict) -> None:
    """The dashboard's map callback against the naive px-per-request app, the same clients, one after the other."""
    nport = free_port()
    nproc = start_naive(nport)
    try:
        from naive_map import request_body  # bench/ is on sys.path when this runs as a script

        real = hammer(base + "/_dash-update-component", map_body(payloads))
        state = views.parse("map", {})[0]  # the explorer's default view: the state recorded on '/'
        naive_body = request_body(state["indicator"], int(state["year"]))
        naive = hammer(f"http://127.0.0.1:{nport}/_dash-update-component", naive_body)
    finally:
        stop(nproc)
    print(f"\n### naive baseline: the explorer's map callback, {USERS} concurrent clients, "
          f"{BASELINE_SECONDS} s each (load average {os.getloadavg()[0]:.2f})")
    print(f"state posted to the naive app: {naive_body['inputs'][0]['value']}, {naive_body['inputs'][1]['value']}")
    print("| callback | answers | failures | answers/s | median ms | p99 ms |\n|---|---|---|---|---|---|")
    for name, r in (("dashboard (primed server)", real), ("naive px-per-request (bench/naive_map.py)", naive)):
        print(f"| {name} | {r['answers']} | {r['failures']} | {r['rps']:.1f} | {r['median']:.0f} | {r['p99']:.0f} |")
    print(f"throughput ratio: {real['rps'] / naive['rps']:.1f}x" if naive["rps"] else "naive: no answers")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="load-"))
    print(f"load average before: {os.getloadavg()[0]:.2f}; {USERS} users, {SECONDS} s per locust run; phases {PHASES}")
    payloads = None
    for phase, env in SERVERS.items():
        wanted = phase in PHASES or (phase == "primed" and "baseline" in PHASES)
        if not wanted and payloads is not None:
            continue
        port = free_port()
        t0 = time.monotonic()
        proc = start_gunicorn(port, env=env, workers=2, threads=4)
        started = time.monotonic() - t0
        base = f"http://127.0.0.1:{port}"
        rows, note = [], ""
        try:
            if payloads is None:  # the callbacks a browser makes on each page, recorded once on the first server
                payloads = record(base)
                (tmp / "payloads.json").write_text(json.dumps(payloads))
                print(f"recorded {sum(map(len, payloads.values()))} callback requests on {len(payloads)} pages; "
                      f"load average {os.getloadavg()[0]:.2f}")
                if phase not in PHASES:
                    continue
                # recording visited every page once: start the measured server afresh
                log = stop(proc)
                port = free_port()
                t0 = time.monotonic()
                proc = start_gunicorn(port, env=env, workers=2, threads=4)
                started = time.monotonic() - t0
                base = f"http://127.0.0.1:{port}"
            if phase == "warm":
                result = warm.warm_server(base, paths=PAGES, langs=None, confirm=3, timeout=1800)
                note = (f" after dashboard/warm.py ({result['seconds']} s, {result['snapshots']} snapshots, "
                        f"not warm: {result['cold'] or 'none'})")
            if phase in PHASES:
                rows = locust(base, tmp / "payloads.json", tmp, phase)
            rss = worker_rss(proc)
            if phase == "primed" and "baseline" in PHASES:
                baseline(base, payloads)
        finally:
            log = stop(proc)
        if rows:
            report(f"{phase}: a fresh server ({', '.join(f'{k}={v}' for k, v in env.items())}; up and answering "
                   f"/healthz {started:.1f} s after start){note}", rss, rows, log)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
