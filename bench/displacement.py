"""Benchmark the main update of /displacement and /trafficking: median server time, warm.

Posts the same request the browser sends to /_dash-update-component through the Flask test client (so the time
includes the callback, the cache and the JSON response, not the network). Each state is requested once to warm
the cache, then ``RUNS`` times. Run: `.venv/bin/python bench/displacement.py`.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RUNS = 30
CASES = {
    "displacement": ("displacement-pair-links", [
        {"displacement-area": "WLD", "displacement-role": "asylum", "displacement-year": 2022, "displacement-pop": "refugees"},
        {"displacement-area": "SYR", "displacement-role": "origin", "displacement-year": 2022, "displacement-pop": "refugees"},
        {"displacement-area": "EU27", "displacement-role": "asylum", "displacement-year": 2024, "displacement-pop": "asylum_seekers"},
    ]),
    "trafficking": ("traf-tip", [
        {"trafficking-country": "BIH", "trafficking-year": 2022, "trafficking-ctdc-by": "victim_citizenship_region",
         "trafficking-who": "WLD"},
        {"trafficking-country": "ALB", "trafficking-year": 2017, "trafficking-ctdc-by": "victim_gender",
         "trafficking-who": "WB6"},
        {"trafficking-country": "USA", "trafficking-year": 2020, "trafficking-ctdc-by": "year_band",
         "trafficking-who": "USA"},
    ]),
}


def _callback_key(app, marker: str) -> tuple[str, list[dict], list[str]]:
    import dash

    # before the first request the callbacks sit in dash's global map; after it, in app.callback_map
    for key, cb in {**dash._callback.GLOBAL_CALLBACK_MAP, **app.callback_map}.items():
        if marker in key and "chart-graph" in key:
            parts = key.strip(".").split("...")
            outputs = []
            for part in parts:
                cid, prop = part.rsplit(".", 1)
                outputs.append({"id": json.loads(cid) if cid.startswith("{") else cid, "property": prop})
            inputs = [i.component_id for i in cb["raw_inputs"]]
            states = [{"id": json.loads(s["id"]) if isinstance(s["id"], str) and s["id"].startswith("{") else s["id"],
                       "property": s["property"]} for s in cb["state"]]
            return key, outputs, inputs, states
    raise KeyError(marker)


def payload(key, outputs, inputs, values: dict, changed: str | None = None, state_id: list | None = None) -> dict:
    """changed=None: the first call of the page (every card drawn); else the id of the control that changed.
    The first state is the drawn-card marker; any further state (e.g. the URL search) is empty."""
    states = state_id or []
    return {"output": key, "outputs": outputs,
            "inputs": [{"id": i, "property": "value", "value": values[i]} for i in inputs],
            "changedPropIds": [f"{changed}.value"] if changed else [],
            "state": [{**s, "value": ("drawn" if changed else None) if n == 0 else ""} for n, s in enumerate(states)]}


def main() -> dict:
    from dashboard.factory import create_app
    from dashboard.settings import Settings

    app = create_app(Settings.from_env({"PRIME": "off"}))
    client = app.server.test_client()
    results = {}
    keys = {page: _callback_key(app, marker) for page, (marker, _) in CASES.items()}
    for page, (marker, states) in CASES.items():
        key, outputs, inputs, state_id = keys[page]
        year_input = next(i for i in inputs if i.endswith("-year"))
        cold, warm, warm_year, size, size_year = [], [], [], [], []
        for values in states:
            body = payload(key, outputs, inputs, values, state_id=state_id)
            t0 = time.perf_counter()
            r = client.post("/_dash-update-component", json=body)
            cold.append((time.perf_counter() - t0) * 1000)
            print(page, values, f"cold {cold[-1]:.0f} ms", file=sys.stderr)
            assert r.status_code == 200, r.data[:500]
            size.append(len(r.data))
            for _ in range(RUNS):
                t0 = time.perf_counter()
                r = client.post("/_dash-update-component", json=body)
                warm.append((time.perf_counter() - t0) * 1000)
            body = payload(key, outputs, inputs, values, changed=year_input, state_id=state_id)
            for _ in range(RUNS):
                t0 = time.perf_counter()
                r = client.post("/_dash-update-component", json=body)
                warm_year.append((time.perf_counter() - t0) * 1000)
            size_year.append(len(r.data))
        results[page] = {"cold_ms_median": round(statistics.median(cold), 1),
                         "warm_full_ms_median": round(statistics.median(warm), 1),
                         "warm_full_ms_p95": round(sorted(warm)[int(0.95 * len(warm)) - 1], 1),
                         "warm_year_change_ms_median": round(statistics.median(warm_year), 1),
                         "full_response_kb": round(statistics.median(size) / 1024, 1),
                         "year_change_response_kb": round(statistics.median(size_year) / 1024, 1)}
    return results


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
