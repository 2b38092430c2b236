"""Explorer benchmark (run by hand: `.venv/bin/python bench/explorer.py`); the lead copies the figures to RESULTS.md.

1. map update callback, warm: POST /_dash-update-component with the explorer map callback's payload under
   gunicorn (1 worker), indicator/year changes over already-seen states; loopback round trip, median and p95;
2. the same callback function in-process (no HTTP), warm, median;
3. world map figure JSON size (the figure alone, and the whole callback response incl. texts, table and links).
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

STATES = [("migrant_stock", y) for y in (1990, 2000, 2010, 2020, 2024)] + [
    ("net_migration", 2020), ("refugees_hosted", 2024), ("idps_conflict", 2022)]


def _split_output(key: str) -> list[dict]:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return out


def map_payload(app, indicator: str, year: int) -> dict:
    import dash._callback as dash_callbacks

    from dashboard import ids

    registry = {**dash_callbacks.GLOBAL_CALLBACK_MAP, **app.callback_map}
    key = next(k for k, v in registry.items() if '"explorer-map"' in k and "chart-graph\"}.figure" in k
               and any(i["id"] == ids.EXPLORER_YEAR for i in v["inputs"]))
    return {
        "output": key, "outputs": _split_output(key),
        "inputs": [{"id": ids.EXPLORER_INDICATOR, "property": "value", "value": indicator},
                   {"id": ids.EXPLORER_YEAR, "property": "data", "value": year},
                   {"id": ids.EXPLORER_PER, "property": "value", "value": "abs"},
                   {"id": ids.EXPLORER_GROUP, "property": "value", "value": None}],
        "state": [{"id": ids.EXPLORER_MOTION, "property": "data", "value": {"lang": "en"}}],
        "changedPropIds": [f"{ids.EXPLORER_YEAR}.data"],
    }


def q(xs, p):
    return sorted(xs)[max(0, int(round(p * len(xs))) - 1)]


def bench_http(app, rounds: int = 8) -> dict:
    port = free_port()
    proc = start_gunicorn(port, workers=1)
    url = f"http://127.0.0.1:{port}/_dash-update-component"
    try:
        session = requests.Session()
        session.get(f"http://127.0.0.1:{port}/", timeout=60)
        payloads = [map_payload(app, ind, y) for ind, y in STATES]
        cold = []
        for p in payloads:  # first pass: cold (computes and caches)
            t0 = time.perf_counter()
            r = session.post(url, json=p, timeout=120)
            r.raise_for_status()
            cold.append((time.perf_counter() - t0) * 1000)
        warm, sizes = [], []
        for _ in range(rounds):
            for p in payloads:
                t0 = time.perf_counter()
                r = session.post(url, json=p, timeout=60)
                warm.append((time.perf_counter() - t0) * 1000)
                sizes.append(len(r.content))
    finally:
        stop(proc)
    return {"http_cold_median_ms": statistics.median(cold), "http_warm_median_ms": statistics.median(warm),
            "http_warm_p95_ms": q(warm, 0.95), "http_requests": len(warm),
            "callback_response_kb_max": max(sizes) / 1024}


def bench_inprocess(app, rounds: int = 20) -> dict:
    from callbacks import explorer as cx
    from dashboard import views
    from dashboard.viewdefs import explorer as ev
    from plotly.utils import PlotlyJSONEncoder

    times, fig_sizes = [], {}
    with app.server.app_context():
        for ind, y in STATES:
            cx.update_map(ind, y, "abs", None, {"lang": "en"})
        for _ in range(rounds):
            for ind, y in STATES:
                t0 = time.perf_counter()
                cx.update_map(ind, y, "abs", None, {"lang": "en"})
                times.append((time.perf_counter() - t0) * 1000)
        for ind, y in STATES:
            state = cx.page_state(ind, y, "abs", None, None, None, None)
            fig = views.render("map", ev.view_state("map", state))["figure"]
            fig_sizes[f"{ind}/{y}"] = len(json.dumps(fig, cls=PlotlyJSONEncoder)) / 1024
    return {"inprocess_warm_median_ms": statistics.median(times), "inprocess_warm_p95_ms": q(times, 0.95),
            "map_figure_kb_max": max(fig_sizes.values()), "map_figure_kb": fig_sizes}


def main() -> None:
    from dashboard.factory import create_app

    app = create_app()
    res = {**bench_inprocess(app), **bench_http(app)}
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
