"""Flows views: URL state round trips, titles name measure/unit/kind/method, rows equal the API, licences shown."""
from __future__ import annotations

import json

from dashboard import charts, views
from dashboard.queries import flows as q


def test_defaults_and_bad_values_fall_back_with_notices():
    state, notices = views.parse("flows-map", {})
    assert state["focus"] == "BIH" and state["measure"] == "stock" and state["year"] == 2024
    assert state["method"] == "" and state["group"] == "WB6"
    state, notices = views.parse("flows-map", {"measure": "flow_5y", "year": "2024", "top": "99", "focus": "ZZZ"})
    assert state["method"] == "da_pb_closed" and state["year"] == 2015 and state["top"] == 10
    assert len(notices) == 3


def test_state_round_trips_through_the_url():
    state, _ = views.parse("flows-map", {"focus": "DEU", "role": "destination", "measure": "flow_5y",
                                         "method": "sd_drop_neg", "sex": "female", "year": "2000", "top": "25"})
    query = views.query("flows-map", state)
    again, notices = views.parse("flows-map", query)
    assert again == state and notices == []


def test_titles_name_measure_unit_kind_period_and_method():
    for measure, kind in (("stock", "stock at mid-year"), ("flow_5y", "flow over the period"),
                          ("flow_annual", "flow over the period"), ("refugees", "stock at end of year"),
                          ("stock_model", "model estimate")):
        state, _ = views.parse("flows-map", {"measure": measure})
        for view_id in ("flows-map", "sankey", "corridors-top", "region-matrix"):
            r = views.render(view_id, state)
            meta = q.meta(measure)
            assert charts.plain_title(meta["label"]) in r["title"] and kind in r["title"] and meta["unit"] in r["title"], r["title"]
            assert str(state["year"]) in r["title"]
            if measure == "flow_5y":
                assert "Demographic accounting, pseudo-Bayesian, closed" in r["title"]  # da_pb_closed, in words
            assert r["summary"] and meta["unit"] in r["subtitle"]
            if measure in ("flow_5y", "flow_annual", "stock_model"):
                assert "Non-commercial" in r["source_full"] and "CC BY-NC" in r["source_full"]


def test_view_rows_equal_the_api(client):
    state, _ = views.parse("flows-map", {"measure": "refugees", "focus": "SYR", "year": "2020", "top": "5"})
    rows = views.data("flows-map", state)
    api = client.get("/api/v1/corridors.json?measure=refugees&origin=SYR&years=2020").get_json()["data"]
    top5 = sorted(api, key=lambda r: -r["value"])[:5]
    assert list(rows["value"][:5]) == [r["value"] for r in top5]
    assert rows["partner"].iloc[-1] == q.OTHER
    assert {"unit", "source", "licence", "flag", "share", "period", "method", "sex"} <= set(rows.columns)


def test_arc_map_for_top_50_is_under_200_kb():
    state, _ = views.parse("flows-map", {"focus": "DEU", "role": "destination", "measure": "flow_5y", "top": "50"})
    fig = views.render("flows-map", state)["figure"]
    assert sum(1 for t in fig["data"] if t.get("mode") == "lines") >= 45
    assert len(json.dumps(fig)) < 200_000


def test_corridor_series_view_labels_both_directions_and_no_data():
    state, _ = views.parse("corridor-series", {"pair": "BIH-DEU", "measure": "flow_5y"})
    r = views.render("corridor-series", state)
    names = [t["name"] for t in r["figure"]["data"]]
    assert names == ["Bosnia and Herzegovina → Germany", "Germany → Bosnia and Herzegovina"]
    assert "pseudo-Bayesian" in r["title"] and "da_pb_closed" not in r["title"]  # the method in words
    assert "Non-commercial" in r["source_full"]
    state, notices = views.parse("corridor-series", {"pair": "TUV-ISL"})  # real countries, no corridor data
    assert notices == [] and views.data("corridor-series", state).empty
    _, notices = views.parse("corridor-series", {"pair": "BIH-XYZ"})  # not a pair of countries: default, said
    assert notices
    assert views.render("corridor-series", state)["figure"]["layout"]["annotations"]


def test_map_extent_survives_the_registry_and_hostile_values_get_a_notice(client):
    state, notices = views.parse("flows-map", {"extent": "europe"})
    assert state["extent"] == "europe" and notices == []
    assert views.query("flows-map", state) == "?v=1&extent=europe"
    assert "extent" not in views.parse("sankey", {"extent": "europe"})[0]  # only the map depends on it
    geo = views.render("flows-map", state)["figure"]["layout"]["geo"]
    assert geo["lonaxis"]["range"] == [-13.0, 42.0]
    for bad in ("<script>alert(1)</script>", "WORLD", "fit\x00", "%", "x" * 3000):
        state, notices = views.parse("flows-map", {"extent": bad})
        assert state["extent"] == "fit" and len(notices) == 1 and notices[0].startswith("Map extent ")
    # every way out of the registry keeps the extent: embed, image link, download; a bad one is a notice, not a 500
    r = client.get("/embed/flows-map?extent=world&lang=bs")
    assert r.status_code == 200 and "extent=world" in r.get_data(as_text=True)
    r = client.get("/embed/flows-map?extent=%3Cb%3Emoon%3C/b%3E")
    assert r.status_code == 200 and "Map extent" in r.get_data(as_text=True)
    assert "<b>moon" not in r.get_data(as_text=True)
    r = client.get("/flows?extent=moon&lang=fr")
    assert r.status_code == 200
    assert client.get("/download/flows-map.csv?extent=moon").status_code == 200
    assert client.get("/embed/flows-map?extent=europe&controls=all&lang=fr").get_data(as_text=True).count(
        "Europe et Balkans occidentaux") >= 1
