"""Route queries: Frontex, Eurostat, Americas and crossings-vs-deaths figures equal the bundle and the API."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import store
from dashboard.queries import routes as q


def test_frontex_all_routes_yearly_totals_equal_the_api(client):
    api = client.get("/api/v1/indicators/irregular_crossings_frontex_by_nationality.json").get_json()
    by_year = pd.DataFrame(api["data"]).groupby("year")["value"].sum()
    monthly = q.frontex_monthly(q.ALL)
    mine = monthly.assign(year=monthly["month"].str[:4].astype(int)).groupby("year")["value"].sum()
    for year in (2015, 2021, 2023, 2024, 2025):
        assert mine[year] == by_year[year], year
    assert set(monthly["unit"]) == {"detections (events)"}


def test_frontex_route_filter_and_top_nationalities():
    wb = q.frontex_monthly("Western Balkan Route")
    raw = store.bundle().table("irregular_frontex")
    assert wb["value"].sum() == raw.loc[raw["route"] == "Western Balkan Route", "value"].sum()
    top = q.frontex_top_nationalities("Western Balkan Route", 2024)
    assert len(top) == 10 and list(top["value"]) == sorted(top["value"], reverse=True)
    assert top.iloc[0]["nat"] == "SYR" and top.iloc[0]["value"] == 7022
    assert top["flag"].isna().all()
    assert q.frontex_top_nationalities(q.ALL, 2025)["flag"].str.contains("partial").all()


def test_frontex_routes_follow_the_mapping_table():
    assert q.frontex_routes()[:2] == ["Central Mediterranean Route", "Eastern Mediterranean Route"]
    assert set(q.frontex_routes()) == set(store.bundle().table("irregular_frontex")["route"].unique())
    mapping = q.route_map_table()
    assert mapping["caveat"].str.len().min() > 5


def test_asylum_keeps_the_eu27_aggregate_apart():
    rows = q.asylum_by_destination("BIH", 2024)
    agg = rows[rows["is_eu27_aggregate"]]
    assert list(agg["geo"]) == ["EU27"] and agg["value"].iloc[0] == 1420
    assert rows.loc[rows["geo"] == "DEU", "value"].iloc[0] == 905
    raw = store.bundle().table("irregular_eurostat_asylum")
    raw = raw[(raw["nat"] == "BIH") & (raw["year"] == 2024) & ~raw["is_eu27_aggregate"]]
    assert rows.loc[~rows["is_eu27_aggregate"], "value"].sum() == raw["value"].sum()
    assert "EU27" not in set(rows.loc[~rows["is_eu27_aggregate"], "geo"])


@pytest.mark.parametrize("key,period,value", [
    ("us_sw_border", "FY2023", 2_475_669), ("us_sw_border", "FY2021", 1_734_686), ("darien", "2023", 520_085)])
def test_americas_published_totals(key, period, value):
    rows = q.americas_yearly(key)
    assert rows.loc[rows["period"] == period, "value"].iloc[0] == value
    assert "events" in rows["unit"].iloc[0]


def test_americas_partial_years_are_flagged_not_filled():
    us = q.americas_yearly("us_sw_border").set_index("period")
    assert "partial" in us.loc["FY2025", "flag"] and pd.isna(us.loc["FY2024", "flag"])
    dar = q.americas_yearly("darien").set_index("period")
    assert "9 months" in dar.loc["2020", "flag"] and "partial" in dar.loc["2025", "flag"]
    assert pd.isna(dar.loc["2019", "flag"])
    for key in ("mexico", "honduras", "guatemala"):
        rows = q.americas_yearly(key)
        assert "partial" in rows.iloc[-1]["flag"] and rows.iloc[-1]["year"] == 2025


def test_crossings_and_deaths_use_the_europe_bound_file_only():
    rows = q.route_crossings_and_deaths("Central Mediterranean Route")
    deaths = rows[rows["measure"] == "IOM dead and missing"].set_index("year")
    m = store.bundle().table("mmp_incidents")
    eb = m[(m["source_file"] == "europe_bound_2014_2026may") & (m["route"] == "Central Mediterranean")]
    assert deaths.loc[2023, "value"] == eb.loc[eb["year"] == 2023, "dead_missing"].sum() == 2526
    assert "partial" in deaths.loc[2026, "flag"]
    det = rows[rows["measure"] == "Frontex detections"].set_index("year")
    assert "partial" in det.loc[2025, "flag"]
    none = q.route_crossings_and_deaths("Black Sea Route")
    assert set(none["measure"]) == {"Frontex detections"}
