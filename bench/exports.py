"""Benchmark (run by hand): a ~100,000-row corridor CSV download, chart downloads and full indicator/measure/table
downloads (``python bench/exports.py --full`` for those alone), under gunicorn.

Measures wall time of the full streamed download (client side, loopback) and the RSS of the gunicorn worker
before and after repeated downloads, to show memory stays flat (rows are streamed in 20,000-row chunks).
Copy the printed table into bench/RESULTS.md.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

CASES = [
    ("corridors flow_annual 2022-2023 (API CSV)", "/api/v1/corridors.csv?measure=flow_annual&years=2022-2023"),
    ("corridors flow_annual 2020-2023 (API CSV)", "/api/v1/corridors.csv?measure=flow_annual&years=2020-2023"),
    ("map CSV download (/download/map.csv)", "/download/map.csv?indicator=migrant_stock&year=2020"),
    ("map zip bundle (/download/map.zip)", "/download/map.zip?indicator=migrant_stock&year=2020"),
    ("map XLSX (/download/map.xlsx)", "/download/map.xlsx?indicator=migrant_stock&year=2020"),
    ("missing-map CSV (/download/missing-map.csv)", "/download/missing-map.csv"),
]


def worker_rss(proc: psutil.Process) -> float:
    kids = proc.children(recursive=True)
    return max(k.memory_info().rss for k in kids) / 2**20


def fetch(url: str) -> tuple[float, int, int]:
    t = time.perf_counter()
    with requests.get(url, stream=True, timeout=120) as r:
        r.raise_for_status()
        size = sum(len(c) for c in r.iter_content(1 << 16))
        rows = int(r.headers.get("X-Row-Count", -1))
    return time.perf_counter() - t, rows, size


def bench_download_view(runs: int = 7) -> None:
    """/download/<view>.csv end to end (parse -> rows -> provenance columns -> neutralise -> streamed CSV) for a
    throwaway view whose rows are the 2022-2023 annual corridor flows (~100k rows), through the Flask app
    in this process (no HTTP), with this process's RSS before and after."""
    from dashboard import store, views
    from dashboard.factory import create_app
    from dashboard.state import Param
    from dashboard.views import ChartView

    app = create_app()
    views.register(ChartView(
        id="bench-corridors", page="/flows", params=(Param("years", "str", "2022-2023"),),
        data=lambda s: store.corridors("flow_annual", years=store.parse_years(s["years"])),
        figure=lambda r, s, lang: {"data": [], "layout": {}},
        texts=lambda r, s, lang: {"title": "bench", "subtitle": "", "source": "", "summary": ""},
        sources=lambda s: ["gaskin_abel"]))
    client = app.server.test_client()
    me = psutil.Process()

    def once() -> tuple[float, int, int]:
        t = time.perf_counter()
        r = client.get("/download/bench-corridors.csv")
        size = sum(len(c) for c in r.response)
        r.close()
        return time.perf_counter() - t, int(r.headers["X-Row-Count"]), size

    before = me.memory_info().rss / 2**20
    cold, rows, size = once()
    mid = me.memory_info().rss / 2**20
    warm = [once()[0] for _ in range(runs)]
    after = me.memory_info().rss / 2**20
    print(f"| /download/<view>.csv, corridors flow_annual 2022-2023 (in-process) | {rows:,} | {size / 1e6:.1f} | "
          f"{cold:.2f} | {statistics.median(warm):.3f} | {max(warm):.3f} | {before:.0f} → {mid:.0f} → {after:.0f} |")


def main(runs: int = 7) -> None:
    port = free_port()
    proc = start_gunicorn(port, workers=1)
    base = f"http://127.0.0.1:{port}"
    ps = psutil.Process(proc.pid)
    try:
        print("| what | rows | MB | cold s | warm median s | warm max s | worker RSS before → after MiB |")
        print("|---|---|---|---|---|---|---|")
        for label, path in CASES:
            before = worker_rss(ps)
            cold, rows, size = fetch(base + path)
            warm = [fetch(base + path)[0] for _ in range(runs)]
            after = worker_rss(ps)
            print(f"| {label} | {rows:,} | {size / 1e6:.1f} | {cold:.2f} | {statistics.median(warm):.3f} | "
                  f"{max(warm):.3f} | {before:.0f} → {after:.0f} |")
    finally:
        stop(proc)


FULL_CASES = [  # the largest corridor measure (rows in data/curated/manifest.json) and a mid-size curated table
    ("`/download/full/corridors-top.csv?measure=stock_model` (whole measure)",
     "/download/full/corridors-top.csv?measure=stock_model"),
    ("`/download/full/corridors-top.csv?measure=flow_annual` (whole measure)",
     "/download/full/corridors-top.csv?measure=flow_annual"),
    ("`/download/full/disp-types.csv` (whole `unhcr_population` table)", "/download/full/disp-types.csv"),
]


def bench_full(runs: int = 2) -> None:
    """Full indicator/measure/table downloads under gunicorn (1 worker): time and the worker's peak RSS, sampled
    every 20 ms while the body streams. 'before' is after the worker has loaded the table once (a small
    filtered request), so the growth is what the streaming itself costs."""
    import threading

    port = free_port()
    proc = start_gunicorn(port, workers=1)
    base = f"http://127.0.0.1:{port}"
    ps = psutil.Process(proc.pid)
    try:
        print("| full download | rows | MB | first s | again s (median) | worker RSS before → peak → after MiB |")
        print("|---|---|---|---|---|---|")
        for label, path in FULL_CASES:
            warmup = path.replace("/download/full/", "/download/")
            requests.get(base + warmup, timeout=300).raise_for_status()  # loads the table in the worker
            before = worker_rss(ps)
            peak = [before]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], worker_rss(ps))
                    time.sleep(0.02)

            th = threading.Thread(target=sample, daemon=True)
            th.start()
            first, rows, size = fetch(base + path)
            again = [fetch(base + path)[0] for _ in range(runs)]
            done.set()
            th.join()
            after = worker_rss(ps)
            print(f"| {label} | {rows:,} | {size / 1e6:.0f} | {first:.1f} | {statistics.median(again):.1f} | "
                  f"{before:.0f} → {peak[0]:.0f} → {after:.0f} |")
    finally:
        stop(proc)


if __name__ == "__main__":
    if "--full" in sys.argv:
        bench_full()
    else:
        main()
        bench_download_view()
        bench_full()
