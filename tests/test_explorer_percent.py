"""'% of population' unit on the explorer: store, queries, views, URL state, API and downloads.

Numbers are checked by hand against the bundle's own country_year table (value / World Bank population * 100).
"""
from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from dashboard import store, views
from dashboard.queries import explorer as q
from dashboard.state import parse, serialize
from dashboard.viewdefs import explorer as ev


def _raw(indicator: str, iso3: str, year: int) -> float:
    """The value straight from the bundle's country_year table (no query layer)."""
    cy = store.bundle().table("country_year")
    row = cy[(cy["indicator_id"] == indicator) & (cy["iso3"] == iso3) & (cy["year"] == year) & (cy["sex"] == "total")]
    assert len(row) == 1, (indicator, iso3, year)
    return float(row["value"].iloc[0])


def test_bih_immigrants_2020_as_percent_of_population_by_hand():
    expected = _raw("migrant_stock", "BIH", 2020) / _raw("population", "BIH", 2020) * 100
    rows = q.map_rows("migrant_stock", 2020, "percent").set_index("iso3")
    assert rows.loc["BIH", "value"] == pytest.approx(expected, rel=1e-12)
    assert rows.loc["BIH", "unit"] == "% of population"
    assert 0 < expected < 100
    # the same number through the store and ten times smaller than per 1,000
    per1000 = q.map_rows("migrant_stock", 2020, "capita1000").set_index("iso3")
    assert per1000.loc["BIH", "value"] == pytest.approx(expected * 10, rel=1e-12)


def test_missing_population_gives_missing_never_zero():
    # Kosovo-like gaps: find a country with a migrant stock in 2020 but no World Bank population that year
    cy = store.bundle().table("country_year")
    stock = set(cy.loc[(cy["indicator_id"] == "migrant_stock") & (cy["year"] == 2020) & cy["value"].notna(), "iso3"])
    pop = set(cy.loc[(cy["indicator_id"] == "population") & (cy["year"] == 2020) & (cy["sex"] == "total")
                     & cy["value"].notna(), "iso3"])
    no_pop = sorted(stock - pop)
    assert no_pop, "the bundle has areas with a migrant stock but no World Bank population"
    df = store.indicator_values("migrant_stock", countries=tuple(no_pop), years=(2020, 2020), per="percent")
    assert df["value"].isna().all() and (df["flag"] == "no_population").all()
    # and the ranking leaves them out rather than ranking them as 0
    ranked = q.ranking("migrant_stock", 2020, "percent", None, 30, "bottom")
    assert not set(ranked["iso3"]) & set(no_pop) and (ranked["value"] > 0).all()


def test_percent_is_offered_only_for_counts_of_people():
    assert store.per_options("migrant_stock") == ("capita1000", "percent")
    assert store.per_options("net_migration") == ("capita1000",)  # people moving in a year: no % of population
    assert store.per_options("new_displacements_conflict") == ("capita1000",)  # movements, not people
    assert store.per_options("remittances_received_usd") == ("capita1000",)  # dollars: per 1,000 only
    assert store.per_options("trafficking_offences") == ("capita1000",)
    assert store.per_options("migrant_stock_pct") == ()  # already a share
    assert store.per_unit("persons per year", "percent") == "% of population per year"
    assert store.per_unit("persons", "capita1000") == "persons per 1,000 population"


def test_group_aggregate_percent_divides_by_the_same_members_population():
    agg = q.group_aggregate("migrant_stock", "WB6", "percent").set_index("year")
    members = store.group_members("WB6")
    num = den = 0.0
    for iso in members:
        try:
            v, p = _raw("migrant_stock", iso, 2020), _raw("population", iso, 2020)
        except AssertionError:
            continue  # no row: not in the aggregate
        if iso == "SRB":  # UN DESA's Serbia includes Kosovo: its denominator does too
            p += _raw("population", "XKX", 2020)
        if not (math.isnan(v) or math.isnan(p)):
            num, den = num + v, den + p
    assert agg.loc[2020, "value"] == pytest.approx(num / den * 100, rel=1e-12)
    assert agg.loc[2020, "unit"] == "% of population"


def test_url_state_round_trips_and_falls_back_where_percent_is_meaningless():
    state = {"indicator": "refugees_hosted", "year": 2020, "per": "percent", "group": "EU27",
             "countries": ("DEU", "SWE"), "n": 15, "order": "top"}
    query = serialize(ev.PAGE_PARAMS, state)
    assert "per=percent" in query
    back, notices = parse(ev.PAGE_PARAMS, query)
    assert back == state and notices == []
    state, notices = parse(ev.PAGE_PARAMS, {"indicator": "remittances_received_usd", "per": "percent"})
    assert state["per"] == "abs" and notices and "percent" in notices[0]


def test_views_name_the_denominator_source_and_year():
    state, _ = parse(ev.PAGE_PARAMS, {"indicator": "migrant_stock", "year": "2020", "per": "percent",
                                      "countries": "BIH,SRB"})
    for view in ("map", "ranking", "series"):
        out = views.render(view, ev.view_state(view, state))
        assert "% of population" in out["subtitle"]
        assert "World Bank" in out["source_full"] and "SP.POP.TOTL" in out["source_full"]
        if view != "series":
            assert "in 2020" in out["source_full"]  # one-year charts name the population year
    fr = views.render("map", ev.view_state("map", state), "fr")
    assert "% de la population" in fr["source_full"] and "2020" in fr["source_full"]
    rows = views.data("series", ev.view_state("series", state)).set_index(["code", "year"])
    assert rows.loc[("BIH", 2020), "value"] == pytest.approx(
        _raw("migrant_stock", "BIH", 2020) / _raw("population", "BIH", 2020) * 100)


def test_api_accepts_per_percent(client):
    r = client.get("/api/v1/indicators/migrant_stock.json?countries=BIH&years=2020&per=percent")
    assert r.status_code == 200
    (row,) = r.get_json()["data"]
    assert row["value"] == pytest.approx(_raw("migrant_stock", "BIH", 2020) / _raw("population", "BIH", 2020) * 100)
    assert row["unit"] == "% of population"


@pytest.mark.parametrize("url", [
    "/api/v1/indicators/remittances_received_usd.json?per=percent",
    "/api/v1/indicators/migrant_stock_pct.json?per=percent",
    "/api/v1/indicators/migrant_stock.json?per=permille",
])
def test_api_rejects_percent_where_meaningless(client, url):
    r = client.get(url)
    assert r.status_code == 400
    body = r.get_json()
    assert body["parameter"] == "per" and body["message"]


def test_download_carries_the_unit(client):
    r = client.get("/download/map.csv?indicator=migrant_stock&year=2020&per=percent")
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    df = pd.read_csv(io.StringIO(r.get_data(as_text=True)), keep_default_na=False, na_values=[""])
    assert set(df["unit"]) == {"% of population"}
    bih = df.set_index("iso3").loc["BIH", "value"]
    assert bih == pytest.approx(_raw("migrant_stock", "BIH", 2020) / _raw("population", "BIH", 2020) * 100)
    assert "per_percent" in r.headers["Content-Disposition"]
    assert all(store.source_meta("wb_population")["edition"] in e for e in df["edition"])  # the denominator's edition
