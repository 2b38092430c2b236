"""Soak: mixed load on gunicorn (2 workers, 4 threads, as `make run`) for SOAK_SECONDS (default 600), then the
worker RSS at start and end, the status counts and the latency percentiles, appended to bench/RESULTS.md.

Run by hand: `make soak` (not in CI). Traffic stays on the loopback address; the loop stops by itself.
"""
from __future__ import annotations

import collections
import json
import os
import random
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS") or 600)
CLIENTS = 6
MIX = [  # (weight, url): pages, API, downloads, embeds, images, hostile input
    (6, "/"), (3, "/trafficking?who=WB6"), (3, "/flows"), (2, "/country/BIH"),
    (8, "/api/v1/indicators/migrant_stock.json?countries={c}"), (4, "/api/v1/aggregates/migrant_stock_pct.json"),
    (3, "/api/v1/corridors.csv?measure=stock&origin={c}&top=20"), (2, "/api/v1/corridors.csv?measure=flow_annual"),
    (4, "/download/series.csv?indicator=net_migration&countries={c}"), (2, "/download/map.zip?indicator=refugees_hosted"),
    (3, "/embed/series?indicator=migrant_stock_pct&group=WLD"), (1, "/image/series.png?indicator=net_migration&countries={c}"),
    (2, "/api/v1/corridors.json?measure=stock&top=%C2%B2"), (2, "/api/v1/nope"), (1, "/cite/corridor-series?pair=x"),
]
COUNTRIES = ["ALB", "BIH", "SRB", "MNE", "MKD", "DEU", "FRA", "ITA", "TUR", "UKR", "SYR", "AFG", "MEX", "USA"]


def _rss(proc) -> list[float]:
    return [round(w.memory_info().rss / 2**20, 1) for w in psutil.Process(proc.pid).children()]


def main() -> dict:
    port = free_port()
    proc = start_gunicorn(port, workers=2, threads=4)
    base = f"http://127.0.0.1:{port}"
    urls = [u for w, u in MIX for _ in range(w)]
    codes: collections.Counter = collections.Counter()
    lat: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def client(seed: int):
        rnd = random.Random(seed)
        s = requests.Session()
        while time.monotonic() < deadline:
            url = base + rnd.choice(urls).format(c=rnd.choice(COUNTRIES))
            t0 = time.perf_counter()
            try:
                r = s.get(url, timeout=60)
                code = r.status_code
                if code == 503 and "/image/" in url and r.headers.get("Retry-After"):
                    code = "503 image queue full (Retry-After)"  # the designed answer to an image burst
            except requests.RequestException as exc:
                code = type(exc).__name__
            with lock:
                codes[code] += 1
                lat.append(time.perf_counter() - t0)

    try:
        requests.get(base + "/", timeout=30)
        start = _rss(proc)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        end = _rss(proc)
    finally:
        log = stop(proc)
    lat.sort()
    out = {"seconds": SECONDS, "requests": sum(codes.values()), "codes": {str(k): v for k, v in codes.items()},
           "server_errors": sum(v for k, v in codes.items() if isinstance(k, int) and k >= 500),
           "p50_ms": round(lat[len(lat) // 2] * 1000, 1), "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1),
           "worker_rss_start_mib": start, "worker_rss_end_mib": end, "tracebacks_in_log": log.count("Traceback")}
    return out


def record(result: dict) -> None:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["", f"## Soak {when} — `make soak` ({result['seconds']} s, {CLIENTS} clients, gunicorn 2 workers x 4 "
                 "threads)", "",
             f"- requests: {result['requests']:,}; status counts {result['codes']}; server errors "
             f"{result['server_errors']}; tracebacks in the log {result['tracebacks_in_log']}",
             f"- latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms",
             f"- worker RSS at start {result['worker_rss_start_mib']} MiB, at end {result['worker_rss_end_mib']} MiB"]
    with open(REPO / "bench" / "RESULTS.md", "a") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    res = main()
    print(json.dumps(res, indent=2))
    if SECONDS >= 600 or os.environ.get("SOAK_RECORD"):
        record(res)
