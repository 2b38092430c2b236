"""Pure /missing-migrants builders: circles sized by dead and missing, one trace per cause, partial years marked."""
from __future__ import annotations

import json

import pandas as pd

from dashboard.figures import missing as fig


def _cells():
    return pd.DataFrame({
        "lat": [32.8, 31.6, 35.0], "lon": [12.7, -110.4, 14.7],
        "cause": ["Drowning", "Mixed or unknown", "Drowning"], "incidents": [151, 3, 1],
        "dead_missing": [1715.0, 3.0, 1022.0], "first_date": ["2015-10-05"] * 3, "last_date": ["2025-03-21"] * 3})


def test_incident_map_one_trace_per_cause_sized_by_dead_and_missing():
    f = fig.incident_map(_cells())
    names = [d["name"] for d in f["data"]]
    assert names == ["Drowning", "Mixed or unknown"]
    drown = f["data"][0]
    assert drown["type"] == "scattergeo" and drown["marker"]["size"] == [1715.0, 1022.0]
    assert drown["marker"]["sizemode"] == "area"
    # plotly.js (area mode) draws radius sqrt(v / 2 / sizeref): the largest circle is MAX_PX wide
    assert abs(2 * (1715.0 / 2 / drown["marker"]["sizeref"]) ** 0.5 - fig.MAX_PX) < 1e-6
    assert drown["marker"]["color"] == fig.CAUSE_COLOURS["Drowning"]
    assert "mapbox" not in json.dumps(f).lower()
    # the causes in the page language, named by the builder (legend and hover)
    words = fig.incident_map(_cells(), cause_label=lambda c: {"Drowning": "Noyade"}.get(c, c))
    assert words["data"][0]["name"] == "Noyade" and "<b>Noyade</b>" in words["data"][0]["hovertemplate"]
    assert f["layout"]["geo"]["resolution"] == 110


def test_empty_map_says_no_data():
    f = fig.incident_map(_cells().iloc[0:0])
    assert f["data"] == [] and f["layout"]["annotations"][0]["text"] == "No data"


def test_yearly_series_marks_partial_and_splits_dead_missing():
    rows = pd.DataFrame({"route": ["A", "A"], "year": [2025, 2026], "dead_missing": [1286.0, 820.0],
                         "dead": [512.0, 129.0], "missing": [774.0, 691.0],
                         "flag": [None, "partial year (Jan-May 2026)"]})
    lines = fig.yearly_series(rows)
    full, partial = lines["data"]  # the full years solid; the partial year apart, dashed from the last full year
    assert full["x"] == [2025] and full["line"].get("dash") == "solid" and full["showlegend"] is True
    assert partial["x"] == [2025, 2026] and partial["line"]["dash"] == "dot" and partial["showlegend"] is False
    assert partial["marker"]["color"][1] == "#ffffff" and partial["name"] == full["name"]  # open marker
    bars = fig.yearly_series(rows, split=True)
    assert [d["name"] for d in bars["data"]] == ["Dead", "Missing"]
    assert bars["data"][0]["y"] == [512.0, 129.0] and bars["layout"]["barmode"] == "stack"
    assert bars["data"][1]["marker"]["pattern"]["shape"] == ["", "/"]
