"""Flows page benchmark (run by hand: `.venv/bin/python bench/flows.py`).

1. In-process, warm: median time of a flows page update (the page callback: four registered views,
   their tables and actions) over country / measure / period changes, after each state was seen once;
   also the same states with the shared cache bypassed (tables in memory, figures rebuilt).
2. Over HTTP (gunicorn, 2 workers): median of POST /_dash-update-component for the same updates, warm.
3. Arc-map figure JSON size for the top 50 partners.
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

# (focus, role, measure, method, sex, year, top, other, group): country, measure and period changes
UPDATES = [
    ("BIH", "origin", "stock", None, "total", 2024, 10, 0, "WB6"),
    ("DEU", "origin", "stock", None, "total", 2024, 10, 0, "WB6"),
    ("DEU", "destination", "stock", None, "total", 2020, 10, 0, "WB6"),
    ("DEU", "destination", "flow_5y", "da_pb_closed", "total", 2015, 10, 0, "WB6"),
    ("DEU", "destination", "flow_5y", "da_pb_closed", "total", 2010, 10, 0, "WB6"),
    ("SRB", "origin", "flow_annual", None, "total", 2023, 10, 0, "WB6"),
    ("SRB", "origin", "flow_annual", None, "total", 2015, 10, 0, "WB6"),
    ("SYR", "origin", "refugees", None, "total", 2024, 20, 0, "WB6"),
    ("USA", "destination", "stock_model", None, "total", 2024, 50, 0, "WB6"),
    ("WB6", "origin", "stock", None, "total", 2024, 10, 0, "WB6"),
]


def _median_ms(fn, args_list, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        for args in args_list:
            t = time.perf_counter()
            fn(*args)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_in_process() -> dict:
    from dashboard import views
    from dashboard.factory import create_app

    app = create_app()
    from callbacks import flows as cb

    with app.server.app_context():
        t = time.perf_counter()
        for args in UPDATES:
            cb.update_charts(*args)
        first_ms = (time.perf_counter() - t) * 1000 / len(UPDATES)
        warm = _median_ms(cb.update_charts, UPDATES)

        def views_only(*args):
            st = cb.page_state(*args)
            for view_id, _ in cb.VIEWS:
                views.render(view_id, st)
        warm_views = _median_ms(views_only, UPDATES)

    def uncached(*args):  # no app context: memoize calls straight through; tables already in memory
        st = cb.page_state(*args)
        for view_id, _ in cb.VIEWS:
            view = views.get(view_id)
            rows = view.data(st)
            view.figure(rows, st, "en")
            view.texts(rows, st, "en")
    uncached_ms = _median_ms(uncached, UPDATES, rounds=2)
    return {"first_update_ms_mean": round(first_ms, 1), "warm_update_callback_ms_median": round(warm, 2),
            "warm_views_render_ms_median": round(warm_views, 2), "uncached_views_ms_median": round(uncached_ms, 1)}


def _payload(dep: dict, args) -> dict:
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    names = [i["id"] for i in dep["inputs"]]
    return {"output": dep["output"], "outputs": outputs,
            "inputs": [{"id": n, "property": "value", "value": v} for n, v in zip(names, args)],
            "changedPropIds": [f"{names[0]}.value"],
            "state": [{**st, "value": ""} for st in dep.get("state", [])]}  # the URL search: English


def bench_http() -> dict:
    port = free_port()
    proc = start_gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    try:
        deps = requests.get(f"{base}/_dash-dependencies", timeout=30).json()
        dep = next(d for d in deps if "flows-corridor-links.children" in d["output"])
        s = requests.Session()
        for _ in range(2):  # both workers see every state once (cold), then warm
            for args in UPDATES:
                r = s.post(f"{base}/_dash-update-component", json=_payload(dep, args), timeout=120)
                r.raise_for_status()
        times = []
        for _ in range(5):
            for args in UPDATES:
                t = time.perf_counter()
                r = s.post(f"{base}/_dash-update-component", json=_payload(dep, args), timeout=60)
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
        return {"http_update_ms_median": round(statistics.median(times), 1),
                "http_update_ms_p95": round(sorted(times)[int(len(times) * 0.95) - 1], 1),
                "http_response_kb_median": round(statistics.median(
                    len(s.post(f"{base}/_dash-update-component", json=_payload(dep, a), timeout=60).content)
                    for a in UPDATES) / 1024, 1)}
    finally:
        stop(proc)


def bench_figure_size() -> dict:
    from dashboard import views

    out = {}
    for name, query in (("DEU destination flow_5y top50", {"focus": "DEU", "role": "destination",
                                                              "measure": "flow_5y", "top": "50"}),
                        ("USA destination stock top50", {"focus": "USA", "role": "destination", "top": "50"}),
                        ("BIH origin stock_model top50", {"focus": "BIH", "measure": "stock_model", "top": "50"})):
        state, _ = views.parse("flows-map", query)
        fig = views.render("flows-map", state)["figure"]
        arcs = sum(1 for t in fig["data"] if t.get("mode") == "lines")
        out[name] = {"arcs": arcs, "json_kb": round(len(json.dumps(fig)) / 1024, 1)}
    return out


if __name__ == "__main__":
    results = {"in_process": bench_in_process(), "figure_size": bench_figure_size()}
    print(json.dumps(results, indent=1), flush=True)
    if "--no-http" not in sys.argv:
        results["http"] = bench_http()
        print(json.dumps(results["http"], indent=1))
