"""Explorer chart views: URL state round trips, invalid values fall back with a notice, rows equal the API's."""
from __future__ import annotations

import pytest

from dashboard import views
from dashboard.state import parse, serialize
from dashboard.viewdefs import explorer as ev


def test_page_state_round_trips_through_the_url():
    state = {"indicator": "net_migration", "year": 2015, "per": "capita1000", "group": "WB6",
             "countries": ("BIH", "SRB"), "n": 5, "order": "bottom"}
    query = serialize(ev.PAGE_PARAMS, state)
    back, notices = parse(ev.PAGE_PARAMS, query)
    assert back == state and notices == []


def test_invalid_parameters_fall_back_with_notices():
    state, notices = parse(ev.PAGE_PARAMS, {"indicator": "nope", "year": "1800", "per": "capita1000",
                                            "countries": "BIH,ZZZ", "n": "7", "order": "sideways"})
    assert state["indicator"] == "migrant_stock" and state["n"] == 10 and state["order"] == "top"
    assert len(notices) == 5
    assert any("nope" in n for n in notices)
    # per 1,000 is not meaningful for a share: falls back to absolute
    state, notices = parse(ev.PAGE_PARAMS, {"indicator": "migrant_stock_pct", "per": "capita1000"})
    assert state["per"] == "abs" and notices


def _api(client, indicator, **params):
    r = client.get(f"/api/v1/indicators/{indicator}.json", query_string=params)
    assert r.status_code == 200
    return {(d["iso3"], d["year"]): d["value"] for d in r.get_json()["data"]}


def test_map_rows_equal_the_api(client):
    state, _ = parse(ev.MAP_PARAMS, {"indicator": "refugees_hosted", "year": "2020"})
    rows = views.data("map", state)
    api = _api(client, "refugees_hosted", years="2020")
    for r in rows.sample(20, random_state=1).itertuples():
        assert r.value == pytest.approx(api[(r.iso3, r.year)])
    rendered = views.render("map", state)
    assert "2020" in rendered["title"] and "UNHCR" in rendered["source"]


def test_ranking_and_series_rows_equal_the_api(client):
    state, _ = parse(ev.PAGE_PARAMS, {"indicator": "migrant_stock", "year": "2020", "countries": "BIH,DEU"})
    rows = views.data("ranking", ev.view_state("ranking", state))
    api = _api(client, "migrant_stock", years="2020")
    assert [r.value for r in rows.itertuples()] == [api[(r.iso3, 2020)] for r in rows.itertuples()]
    series = views.data("series", ev.view_state("series", state))
    api_all = _api(client, "migrant_stock", countries="BIH,DEU")
    for r in series.itertuples():
        assert r.value == pytest.approx(api_all[(r.code, r.year)])
    assert set(series["code"]) == {"BIH", "DEU"}


def test_per_1000_texts_name_the_denominator_source():
    state, _ = parse(ev.PAGE_PARAMS, {"indicator": "migrant_stock", "per": "capita1000", "group": "WB6"})
    for view in ("map", "ranking", "series"):
        out = views.render(view, ev.view_state(view, state))
        assert "World Bank" in out["source"] and "per 1,000 population" in out["subtitle"]
        assert out["summary"]
    series = views.data("series", ev.view_state("series", state))
    assert "Western Balkans (WB6)" in set(series["series"])
