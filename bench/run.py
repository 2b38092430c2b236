"""Benchmarks (run by hand: `make bench`); copy the printed figures into bench/RESULTS.md.

1. bundle load: open + verify checksums, then load every table (fresh process each time);
2. API latency: /api/v1/indicators/<id>.json under gunicorn, cold and warm (median, p95);
3. worker memory: RSS of a gunicorn worker after serving the API and the home page figure.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

LOAD_SNIPPET = """
import time; ti = time.perf_counter()
from dashboard import store
t0 = time.perf_counter()
b = store.configure()
t1 = time.perf_counter()
for name in b.manifest['tables']:
    if name.endswith('.parquet'):
        b.table(name[:-8])
t2 = time.perf_counter()
import json; print(json.dumps({'import_s': t0 - ti, 'verify_s': t1 - t0, 'load_all_s': t2 - t1}))
"""


def bench_load(runs: int = 5) -> dict:
    out = []
    for _ in range(runs):
        res = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=REPO, capture_output=True, text=True, check=True)
        out.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in out) for k in out[0]}


def timed(url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = requests.get(url, timeout=60)
        r.raise_for_status()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_server() -> dict:
    port = free_port()
    proc = start_gunicorn(port, workers=1)
    base = f"http://127.0.0.1:{port}"
    try:
        url = f"{base}/api/v1/indicators/migrant_stock.json"
        cold = timed(url + "?years=2020", 1)[0]
        warm = timed(url + "?years=2020", 50)
        full = timed(url, 20)
        csv_all = timed(f"{base}/api/v1/indicators/population.csv", 10)
        home = timed(f"{base}/", 5)
        worker = [c for c in psutil.Process(proc.pid).children() if c.is_running()][0]
        rss = worker.memory_info().rss / 2**20
    finally:
        stop(proc)
    q = lambda xs, p: sorted(xs)[max(0, int(round(p * len(xs))) - 1)]  # noqa: E731
    return {
        "api_cold_ms": cold,
        "api_warm_median_ms": statistics.median(warm), "api_warm_p95_ms": q(warm, 0.95),
        "api_all_years_median_ms": statistics.median(full),
        "api_population_csv_median_ms": statistics.median(csv_all),
        "home_page_median_ms": statistics.median(home),
        "worker_rss_mib": rss,
    }


def main() -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, " \
              f"Python {platform.python_version()}"
    print(f"machine: {machine}")
    print(json.dumps({"bundle": bench_load(), "server": bench_server()}, indent=2))


if __name__ == "__main__":
    main()
