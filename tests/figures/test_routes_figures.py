"""Pure /routes builders: partial years hatched, EU27 aggregate its own trace, two panels never one axis."""
from __future__ import annotations

import json
import math

import pandas as pd

from dashboard.figures import routes as fig


def _yearly():
    return pd.DataFrame({"period": ["FY2024", "FY2025"], "value": [2135005, 405203],
                         "flag": [None, "partial fiscal year (Oct 2024 - May 2025)"]})


def test_yearly_bars_mark_partial_years():
    f = fig.yearly_bars(_yearly(), unit="encounters", partial_label="partial")
    bar = f["data"][0]
    assert bar["x"] == ["FY2024", "FY2025 (partial)"]
    assert bar["y"] == [2135005.0, 405203.0]
    assert bar["marker"]["pattern"]["shape"] == ["", "/"]
    assert bar["marker"]["color"][0] != bar["marker"]["color"][1]
    assert "partial" in bar["customdata"][1][0]
    json.dumps(f)


def test_missing_values_stay_missing_and_empty_says_no_data():
    rows = pd.DataFrame({"period": ["2019", "2020"], "value": [5.0, math.nan], "flag": [None, None]})
    assert fig.yearly_bars(rows, unit="u", partial_label="p")["data"][0]["y"] == [5.0, None]
    empty = fig.top_bars(pd.DataFrame(columns=["nationality", "value", "share_pct"]), unit="u")
    assert empty["data"] == [] and empty["layout"]["annotations"][0]["text"] == "No data"


def test_asylum_aggregate_is_a_separate_trace():
    rows = pd.DataFrame({"destination": ["EU27 total (published aggregate)", "Germany", "France"],
                         "is_eu27_aggregate": [True, False, False], "value": [1420, 905, 215]})
    f = fig.asylum_bars(rows, unit="applicants", aggregate_label="EU27 total", countries_label="Reporting countries")
    assert len(f["data"]) == 2
    countries, agg = f["data"]
    assert countries["y"] == ["France", "Germany"] and agg["x"] == [1420.0]
    assert countries["name"] == "Reporting countries" and agg["name"] == "EU27 total"
    assert agg["marker"]["color"] != countries["marker"]["color"]
    assert f["layout"]["barmode"] == "overlay"  # own category, never stacked onto the countries
    assert agg["marker"]["pattern"]["fillmode"] == "overlay"  # hatch drawn over the colour, bar stays visible


def test_crossings_and_deaths_use_two_axes():
    rows = pd.DataFrame({
        "measure": ["Frontex detections", "Frontex detections", "IOM dead and missing"],
        "route_label": ["Central Mediterranean Route"] * 2 + ["Central Mediterranean"],
        "year": [2024, 2025, 2024], "value": [66855, 20000, 1810.0],
        "flag": [None, "partial year (Jan-Apr 2025)", None]})
    labels = {"detections": "Frontex detections", "deaths": "IOM dead and missing", "detections_axis": "d",
              "deaths_axis": "dm", "no_match": "none"}
    f = fig.crossings_and_deaths(rows, labels=labels)
    assert [d["yaxis"] for d in f["data"]] == ["y", "y2"]
    assert f["layout"]["yaxis"]["domain"][0] > f["layout"]["yaxis2"]["domain"][1]
    assert f["data"][0]["marker"]["pattern"]["shape"] == ["", "/"]
    only = fig.crossings_and_deaths(rows[rows["measure"] == "Frontex detections"], labels=labels)
    assert len(only["data"]) == 1 and only["layout"]["annotations"][0]["text"] == "none"


def test_monthly_bars_dates():
    rows = pd.DataFrame({"month": ["2025-03", "2025-04"], "value": [10019, 15133]})
    f = fig.monthly_bars(rows, unit="detections")
    assert f["data"][0]["x"] == ["2025-03-01", "2025-04-01"] and f["layout"]["xaxis"]["type"] == "date"
