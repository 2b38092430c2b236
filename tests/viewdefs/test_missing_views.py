"""/missing-migrants chart views: minimum-estimate wording, partial years, API-equal totals, URL fallback."""
from __future__ import annotations

import json

import pandas as pd

from dashboard import state as state_mod, views
from dashboard.viewdefs import missing as vd


def test_map_view_texts_and_rows():
    st, notices = views.parse("missing-map", {})
    assert notices == [] and st == {"dataset": "global", "route": "all", "year": "all"}
    out = views.render("missing-map", st)
    assert "minimum estimate" in out["subtitle"] and "approximate" in out["subtitle"]
    assert "2025 is a partial year" in out["subtitle"]
    assert "19,669 incidents" in out["summary"]
    rows = views.data("missing-map", st)
    assert {"unit", "source", "flag"} <= set(rows.columns) and out["rows"] == len(rows)
    assert len(json.dumps(out["figure"])) < 600_000  # all incidents, still a light figure


def test_series_view_matches_the_api(client):
    api = client.get("/api/v1/indicators/missing_migrants.json").get_json()
    by_year = pd.DataFrame(api["data"]).groupby("year")["value"].sum()
    st, _ = views.parse("missing-series", {})
    rows = views.data("missing-series", st)
    assert (rows.groupby("year")["dead_missing"].sum() == by_year).all()
    out = views.render("missing-series", st)
    assert "9,191" in out["summary"] and "2024" in out["summary"]


def test_europe_dataset_splits_dead_and_missing():
    st, _ = views.parse("missing-series", {"dataset": "europe", "route": "Western Balkans"})
    out = views.render("missing-series", st)
    assert [d["name"] for d in out["figure"]["data"]] == ["Dead", "Missing"]
    assert "2026 is partial" in out["subtitle"]


def test_route_choices_depend_on_the_dataset_and_bad_values_fall_back():
    st, notices = state_mod.parse(vd.PAGE_PARAMS, {"dataset": "europe", "route": "Central American Route",
                                                   "year": "2030"})
    assert st == {"dataset": "europe", "route": "all", "year": "all"} and len(notices) == 2
    st, notices = state_mod.parse(vd.PAGE_PARAMS, {"route": "Central Mediterranean Route", "year": "2016"})
    assert notices == [] and state_mod.serialize(vd.PAGE_PARAMS, st) == \
        "?v=1&route=Central+Mediterranean+Route&year=2016"
    from layouts import missing as layout_mod

    page = json.dumps(layout_mod.layout(year="abc").to_plotly_json(), default=str)
    assert "abc" in page and "minimum" in page.lower()
