"""Hardening under gunicorn: a fresh server under concurrent first callbacks, a burst of slide images, a worker
killed under load and Redis stopped mid-run. Each counts server errors (5xx) and expects none."""
from __future__ import annotations

import concurrent.futures as cf
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

import psutil
import pytest
import redis
import requests

from tests.conftest import REPO, VENV_BIN, free_port, router_body, start_gunicorn, start_redis, stop, stop_redis

def _start_without_requests(port: int, workers: int = 1, threads: int = 4, env: dict | None = None):
    """gunicorn without --preload and without any HTTP request before the test's own (port open is enough)."""
    gunicorn = shutil.which("gunicorn", path=str(VENV_BIN)) or "gunicorn"
    proc = subprocess.Popen(
        [gunicorn, "app:server", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads",
         str(threads), "--timeout", "60", "--no-control-socket"],
        cwd=REPO, env={**os.environ, "RATE_LIMITS": "off", **(env or {})}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stdout.read())
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("gunicorn did not open its port")


def _render_page_body(path: str) -> dict:
    return router_body(path)


def test_sixteen_concurrent_first_callbacks_on_a_fresh_server_get_no_5xx():
    port = free_port()
    proc = _start_without_requests(port, workers=1, threads=8)
    base = f"http://127.0.0.1:{port}"
    paths = ["/", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants", "/data", "/compare"] * 2
    try:
        barrier = threading.Barrier(len(paths))

        def fire(path):
            barrier.wait(10)
            return requests.post(f"{base}/_dash-update-component", json=_render_page_body(path), timeout=60)

        with cf.ThreadPoolExecutor(len(paths)) as pool:
            responses = list(pool.map(fire, paths))
        codes = [r.status_code for r in responses]
        assert all(c == 200 for c in codes), codes
        assert all("Callback function not found" not in r.text for r in responses)
        deps = requests.get(f"{base}/_dash-dependencies", timeout=30).json()
        assert len(deps) > 20
    finally:
        log = stop(proc)
    assert "Traceback" not in log


def test_a_burst_of_uncached_images_never_starves_health_or_pages():
    port = free_port()
    # as `make run` and the Procfile: 4 threads a worker, at most 1 + 1 of them for images
    proc = start_gunicorn(port, workers=1, threads=4, env={"IMAGE_CONCURRENCY": "1", "IMAGE_QUEUE": "1"})
    base = f"http://127.0.0.1:{port}"
    countries = ["ALB", "BIH", "SRB", "MNE", "MKD", "DEU", "FRA", "ITA", "ESP", "AUT", "CHE", "SWE", "NOR",
                 "POL", "HUN", "GRC"]
    health, stop_probe = [], threading.Event()

    def probe():
        while not stop_probe.wait(0.2):
            try:
                health.append(requests.get(f"{base}/healthz", timeout=30).status_code)
            except requests.RequestException as exc:  # no answer at all: starved
                health.append(repr(exc))

    try:
        prober = threading.Thread(target=probe)
        prober.start()
        with cf.ThreadPoolExecutor(16) as pool:
            images = list(pool.map(lambda c: requests.get(
                f"{base}/image/series.png?indicator=net_migration&countries={c}", timeout=120), countries))
        page = requests.get(f"{base}/api/v1/indicators/net_migration.json?countries=SRB", timeout=10)
        stop_probe.set()
        prober.join(15)
    finally:
        log = stop(proc)
    codes = [r.status_code for r in images]
    assert set(codes) <= {200, 503} and 200 in codes and 503 in codes, codes
    assert all(r.headers.get("Retry-After") for r in images if r.status_code == 503)
    assert page.status_code == 200
    # every probe answered while the images were drawn (how fast is a benchmark: bench/hardening.py)
    assert health and all(code == 200 for code in health), health
    assert "Traceback" not in log


def _load(base: str, stop_event: threading.Event, results: list):
    urls = ["/api/v1/indicators/net_migration.json?countries=SRB", "/healthz", "/api/v1/catalog",
            "/download/series.csv?indicator=net_migration&countries=BIH", "/api/v1/indicators/migrant_stock.csv"]
    i = 0
    while not stop_event.is_set():
        try:
            results.append(requests.get(base + urls[i % len(urls)], timeout=30).status_code)
        except requests.RequestException as exc:  # the killed worker's in-flight connection
            results.append(type(exc).__name__)
        i += 1


def _under_load(base: str, clients: int, fault, seconds_after: float) -> list:
    """Run ``clients`` load loops, call ``fault()`` after 2 s, keep the load on ``seconds_after`` more seconds."""
    results: list = []
    stop_event = threading.Event()
    threads = [threading.Thread(target=_load, args=(base, stop_event, results)) for _ in range(clients)]
    for t in threads:
        t.start()
    try:
        time.sleep(2)
        fault()
        time.sleep(seconds_after)
    finally:
        stop_event.set()
        for t in threads:
            t.join(30)
    return results


def test_a_worker_killed_under_load_costs_no_5xx():
    port = free_port()
    proc = start_gunicorn(port, workers=2)

    def kill_one_worker():
        workers = psutil.Process(proc.pid).children()
        assert len(workers) == 2
        os.kill(workers[0].pid, signal.SIGKILL)  # the master starts a new one; load goes on

    try:
        results = _under_load(f"http://127.0.0.1:{port}", 4, kill_one_worker, 6)
    finally:
        log = stop(proc)
    codes = [r for r in results if isinstance(r, int)]
    assert len(codes) > 50
    assert not [c for c in codes if c >= 500], sorted(set(codes))
    errors = [r for r in results if not isinstance(r, int)]
    assert len(errors) <= 8, errors  # only requests in flight on the killed worker
    assert "Traceback" not in log


@pytest.mark.redis
def test_redis_stopped_mid_run_costs_no_5xx(tmp_path):
    rport, pidfile = start_redis(tmp_path)
    client = redis.Redis(port=rport)
    port = free_port()
    # the cache and the rate limits both live in this Redis
    proc = start_gunicorn(port, workers=2, env={"CACHE_REDIS_URL": f"redis://127.0.0.1:{rport}/0",
                                                "RATE_LIMITS": "on", "RATE_LIMIT_API": "100000 per minute",
                                                "RATE_LIMIT_DOWNLOADS": "100000 per minute"})

    def stop_redis_now():
        assert client.keys("*"), "the cache and the limits use Redis"
        try:
            client.shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it stops

    try:
        results = _under_load(f"http://127.0.0.1:{port}", 3, stop_redis_now, 4)
    finally:
        log = stop(proc)
        stop_redis(pidfile)
    codes = [r for r in results if isinstance(r, int)]
    assert len(codes) > 30 and set(codes) == {200}, sorted(set(map(str, results)))
    assert "Traceback" not in log
