"""Hardening benchmarks under gunicorn (run by hand: `.venv/bin/python bench/hardening.py`; figures go to
bench/RESULTS.md, never asserted in tests):

1. worker RSS before and after six over-cap corridor queries (`flow_annual`, years 2001-2019, 2002-2019, ...):
   target within 100 MB of where it started;
2. /healthz latency (every 0.2 s) while 16 uncached slide images are requested at once: target < 1 s throughout;
   with the image queue's answers (200 drawn, 503 refused with Retry-After).
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import sys
import threading
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402


def _worker_rss(proc) -> float:
    workers = psutil.Process(proc.pid).children()
    return max(w.memory_info().rss for w in workers) / 2**20


def over_cap_rss() -> dict:
    port = free_port()
    proc = start_gunicorn(port, workers=1, threads=4)
    base = f"http://127.0.0.1:{port}"
    try:
        requests.get(f"{base}/api/v1/corridors.json?measure=flow_annual&origin=BIH&years=2020", timeout=60)
        start = _worker_rss(proc)
        out = []
        for first in range(2001, 2007):
            t0 = time.perf_counter()
            r = requests.get(f"{base}/api/v1/corridors.csv?measure=flow_annual&years={first}-2019", timeout=120)
            out.append({"years": f"{first}-2019", "status": r.status_code, "s": round(time.perf_counter() - t0, 2),
                        "rss_mib": round(_worker_rss(proc), 1)})
        end = _worker_rss(proc)
    finally:
        stop(proc)
    return {"rss_start_mib": round(start, 1), "rss_end_mib": round(end, 1), "growth_mib": round(end - start, 1),
            "queries": out}


def image_burst() -> dict:
    port = free_port()
    proc = start_gunicorn(port, workers=1, threads=4, env={"IMAGE_CONCURRENCY": "1", "IMAGE_QUEUE": "1"})
    base = f"http://127.0.0.1:{port}"
    countries = ["ALB", "BIH", "SRB", "MNE", "MKD", "DEU", "FRA", "ITA", "ESP", "AUT", "CHE", "SWE", "NOR", "POL",
                 "HUN", "GRC"]
    health, done = [], threading.Event()

    def probe():
        while not done.is_set():
            t0 = time.perf_counter()
            try:
                code = requests.get(f"{base}/healthz", timeout=10).status_code
            except requests.RequestException as exc:
                code = type(exc).__name__
            health.append((code, time.perf_counter() - t0))
            time.sleep(0.2)

    try:
        t = threading.Thread(target=probe)
        t.start()
        t0 = time.perf_counter()
        with cf.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda c: requests.get(
                f"{base}/image/series.png?indicator=net_migration&countries={c}", timeout=180), countries))
        burst_s = time.perf_counter() - t0
        done.set()
        t.join(15)
    finally:
        stop(proc)
    lat = sorted(s for _, s in health)
    return {"images_200": sum(r.status_code == 200 for r in answers),
            "images_503": sum(r.status_code == 503 for r in answers),
            "burst_s": round(burst_s, 2), "health_probes": len(health),
            "health_all_200": all(c == 200 for c, _ in health),
            "health_median_ms": round(lat[len(lat) // 2] * 1000, 1), "health_max_ms": round(lat[-1] * 1000, 1)}


if __name__ == "__main__":
    print(json.dumps({"over_cap": over_cap_rss(), "image_burst": image_burst()}, indent=2))
