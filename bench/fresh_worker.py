"""A fresh worker's first pages (by hand: `.venv/bin/python bench/fresh_worker.py`).

Issue 19's target "a fresh worker answers its first page in under 3 s". For PRIME=off and PRIME=on (as `make run`),
gunicorn 2 workers x 4 threads with ``--preload`` is started afresh for each page; the time to answer /healthz is
noted, then the page's URL is asked once (the HTML with its static first view: the layout, every chart card's
texts) and timed. Each worker's RSS / PSS / USS at start is printed too (PSS splits the pages shared copy-on-write
with the master between the processes sharing them).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load import worker_rss  # noqa: E402
from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

PAGES = ["/", "/country/BIH", "/flows", "/displacement?lang=fr", "/trafficking?lang=bs", "/country/DEU?lang=fr"]


def memory(proc) -> str:
    master = psutil.Process(proc.pid).memory_info().rss / 2**20
    return f"master RSS {master:.0f}; workers RSS/PSS/USS {', '.join(worker_rss(proc))} MiB"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", nargs="*", default=PAGES)
    args = ap.parse_args()
    print("| PRIME | page | server up (s) | first answer of the page (ms) |\n|---|---|---|---|")
    mem = {}
    for prime in ("off", "on"):
        for path in args.pages:
            port = free_port()
            t0 = time.monotonic()
            proc = start_gunicorn(port, env={"PRIME": prime}, workers=2, threads=4)
            up = time.monotonic() - t0
            try:
                time.sleep(1.0)  # the workers forked and idle, as a server waiting for its first reader
                mem.setdefault(prime, memory(proc))
                t1 = time.monotonic()
                r = requests.get(f"http://127.0.0.1:{port}{path}", timeout=120)
                ms = (time.monotonic() - t1) * 1000
                assert r.status_code == 200 and 'data-static="1"' in r.text, (path, r.status_code)
            finally:
                stop(proc)
            print(f"| {prime} | `{path}` | {up:.1f} | {ms:.0f} |", flush=True)
    for prime, m in mem.items():
        print(f"PRIME={prime} at start: {m}")


if __name__ == "__main__":
    main()
