"""/routes and /missing-migrants benchmark (run by hand: `.venv/bin/python bench/routes.py [--no-browser]`).

1. Main page update, warm, in process: median time of the callback (registered views, tables, actions) and of the
   full Dash request (POST /_dash-update-component through the Flask test client: callback + JSON serialisation),
   over route/year (routes) and dataset/route/year (missing) changes, after each state was seen once.
2. Incident map with ALL incidents of the global file: figure JSON size, circles drawn, incidents behind them.
3. Browser (headless Chromium, gunicorn): Plotly.newPlot time of the all-incidents map figure, median of 5.
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, start_gunicorn, stop  # noqa: E402

ROUTE_UPDATES = [("Central Mediterranean Route", 2024), ("Western Balkan Route", 2024), ("Western Balkan Route", 2023),
                 ("all", 2016), ("Eastern Borders Route", 2022), ("Western African Route", 2025)]
MISSING_UPDATES = [("global", "all", "all"), ("global", "all", "2016"), ("global", "Central Mediterranean Route", "2016"),
                   ("global", "Central American Route", "all"), ("europe", "all", "all"),
                   ("europe", "Western Balkans", "2026")]


def _median_ms(fn, args_list, rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        for args in args_list:
            t = time.perf_counter()
            fn(*args)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _payload(dep: dict, input_ids: list[str], args) -> dict:
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return {"output": dep["output"], "outputs": outputs,
            "inputs": [{"id": n, "property": "value", "value": v} for n, v in zip(input_ids, args)],
            "changedPropIds": [f"{input_ids[0]}.value"],
            "state": [{"id": json.loads(st["id"]) if st["id"].startswith("{") else st["id"], "property": st["property"],
                       "value": ""} for st in dep.get("state", [])]}


def bench_updates() -> dict:
    from dashboard.factory import create_app

    app = create_app()
    from callbacks import missing as cm, routes as cr

    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    out = {}
    for name, fn, updates, marker, inputs in (
            ("routes", cr.update_route, ROUTE_UPDATES, '"routes-top"', ["routes-route", "routes-year"]),
            ("missing", cm.update_missing, MISSING_UPDATES, '"missing-map"',
             ["missing-dataset", "missing-route", "missing-year"])):
        dep = next(d for d in deps if marker in d["output"] and "chart-graph" in d["output"])
        with app.server.app_context():
            for args in updates:  # cold: each state once
                fn(*args)
            out[f"{name}_callback_warm_ms_median"] = round(_median_ms(fn, updates), 1)

        def request(*args, dep=dep, inputs=inputs):
            r = client.post("/_dash-update-component", json=_payload(dep, inputs, args))
            assert r.status_code == 200, r.status_code
            return r
        out[f"{name}_request_warm_ms_median"] = round(_median_ms(request, updates), 1)
        sizes = [len(request(*a).data) for a in updates]
        out[f"{name}_response_kb_median"] = round(statistics.median(sizes) / 1024, 1)
    return out


def bench_map_figure() -> dict:
    from dashboard import views

    st, _ = views.parse("missing-map", {})
    t = time.perf_counter()
    rendered = views.render("missing-map", st)  # uncached outside an app: rows + figure built
    build_ms = (time.perf_counter() - t) * 1000
    rows = views.data("missing-map", st)
    fig = rendered["figure"]
    return {"map_figure_json_kb": round(len(json.dumps(fig)) / 1024, 1),
            "map_circles": sum(len(tr["lat"]) for tr in fig["data"]), "map_incidents": int(rows["incidents"].sum()),
            "map_build_cold_ms": round(build_ms, 1)}


def _raw_points_figure() -> dict:
    """Baseline: every incident of the global file as its own point (what the aggregation avoids)."""
    import pandas as pd

    from dashboard.figures import missing as figs
    from dashboard.queries import missing as q

    m = q._incidents("global")
    cells = pd.DataFrame({"lat": m["lat"].to_numpy(float), "lon": m["lon"].to_numpy(float),
                          "cause": q.cause_group(m["cause"].astype(str)).to_numpy(), "incidents": 1,
                          "dead_missing": m["dead_missing"].to_numpy(float),
                          "first_date": m["date"].dt.strftime("%Y-%m-%d").to_numpy()})
    cells["last_date"] = cells["first_date"]
    return figs.incident_map(cells)


def bench_browser() -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard import views

    st, _ = views.parse("missing-map", {})
    fig = views.render("missing-map", st)["figure"]
    raw = _raw_points_figure()
    port = free_port()
    proc = start_gunicorn(port, workers=1)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"http://127.0.0.1:{port}/missing-migrants")
            page.wait_for_function("() => window.Plotly && document.querySelector('.js-plotly-plot')", timeout=90_000)
            script = """async (fig) => {
                const cfg = {topojsonURL: '/assets/topojson/', responsive: true};
                const out = [];
                for (let i = 0; i < 6; i++) {
                    const div = document.createElement('div'); div.style.width = '1200px'; div.style.height = '520px';
                    document.body.appendChild(div);
                    const t = performance.now();
                    await Plotly.newPlot(div, fig.data, fig.layout, cfg);
                    out.push(performance.now() - t);
                    Plotly.purge(div); div.remove();
                }
                return out;
            }"""
            times = page.evaluate(script, fig)
            raw_times = page.evaluate(script, raw)
            browser.close()
    finally:
        stop(proc)
    warm = times[1:]  # the first call also fetches and parses the topojson
    return {"map_newplot_first_ms": round(times[0], 1), "map_newplot_ms_median": round(statistics.median(warm), 1),
            "raw_points_figure_json_kb": round(len(json.dumps(raw)) / 1024, 1),
            "raw_points_newplot_ms_median": round(statistics.median(raw_times[1:]), 1)}


if __name__ == "__main__":
    results = {**bench_updates(), **bench_map_figure()}
    if "--no-browser" not in sys.argv:
        results.update(bench_browser())
    print(json.dumps(results, indent=2))
