"""Explorer queries: ranking order, group aggregates (sum over members with data, never 0 for missing), bounds."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import store
from dashboard.queries import explorer as q


def test_ranking_top_and_bottom_follow_the_values():
    top = q.ranking("migrant_stock", 2020, None, None, 10, "top")
    assert list(top["rank"]) == list(range(1, 11))
    assert top["value"].is_monotonic_decreasing
    assert top.iloc[0]["iso3"] == "USA"
    bottom = q.ranking("migrant_stock", 2020, None, None, 5, "bottom")
    assert bottom["value"].is_monotonic_increasing
    assert bottom["rank"].iloc[0] == bottom["rank"].max() and bottom["rank"].iloc[0] > 200


def test_ranking_leaves_out_pseudo_entities_and_missing_values():
    r = q.ranking("refugees_originating", 2020, None, None, 300, "top")
    assert not set(r["iso3"]) & {"UNK", "XXA", "TIB", "OOS"}
    assert r["value"].notna().all()


def test_ranking_within_a_group_only_has_members():
    r = q.ranking("migrant_stock", 2020, None, "WB6", 10, "top")
    assert set(r["iso3"]) <= set(store.group_members("WB6"))
    assert len(r) == 5  # Kosovo has no UN DESA migrant stock: left out, not ranked as 0


def test_group_aggregate_is_the_sum_over_members_with_data_and_counts_them():
    agg = q.group_aggregate("migrant_stock", "WB6", None).set_index("year")
    raw = store.indicator_values("migrant_stock", countries=store.group_members("WB6"), years=(2020, 2020))
    assert agg.loc[2020, "value"] == pytest.approx(raw["value"].sum())
    assert agg.loc[2020, "members_with_data"] == raw["value"].notna().sum() == 5
    assert agg.loc[2020, "members_total"] == 6
    # Kosovo has no UN DESA row of its own (UN DESA counts it within Serbia): the members with data still hold
    # (nearly) all of the group's population
    assert 99 < agg.loc[2020, "coverage_pct"] <= 100 and agg.loc[2020, "coverage_of"] == "population"
    assert pd.isna(agg.loc[2020, "flag"])


def test_group_aggregate_per_1000_divides_by_the_same_members_population_on_the_numerators_definition():
    agg = q.group_aggregate("migrant_stock", "WB6", "capita1000").set_index("year")
    members = store.group_members("WB6")
    v = store.indicator_values("migrant_stock", countries=members, years=(2020, 2020)).set_index("iso3")["value"]
    p = store.indicator_values("population", countries=members, years=(2020, 2020)).set_index("iso3")["value"]
    p["SRB"] = p["SRB"] + p.pop("XKX")  # UN DESA's Serbia includes Kosovo: so does its denominator
    both = v.dropna().index.intersection(p.dropna().index)
    assert agg.loc[2020, "value"] == pytest.approx(v[both].sum() / p[both].sum() * 1000)


def test_series_keeps_selection_order_and_appends_the_group():
    s = q.series("net_migration", ("SRB", "BIH"), None, "WB6")
    assert list(dict.fromkeys(s["code"])) == ["SRB", "BIH", "WB6"]
    assert set(s.loc[s["kind"] == "group", "series"]) == {"Western Balkans (WB6)"}
    assert s["value"].notna().all()


def test_default_selection_is_the_five_largest_in_the_latest_year():
    sel = q.default_selection("migrant_stock")
    top = q.ranking("migrant_stock", store.latest_year("migrant_stock"), None, None, 5, "top")
    assert sel == tuple(top["iso3"])


def test_group_bounds_zoom_on_the_members_and_skip_the_world():
    lon, lat = q.group_bounds("WB6")
    assert lon[0] < 19 < lon[1] and lat[0] < 43 < lat[1]
    # widened to fill the wide map card: twice as wide as high on the Mercator map, centred on the Balkans
    assert lon[1] - lon[0] == pytest.approx(2 * q._mercator_span(*lat), abs=2) and lon[1] - lon[0] < 50
    assert abs((lon[0] + lon[1]) / 2 - 19.5) < 4
    c = store.bundle().table("countries").set_index("iso3")
    for iso3 in ("ALB", "BIH", "MKD", "MNE", "SRB", "XKX"):  # every member still in view
        assert lon[0] < c.loc[iso3, "lon"] < lon[1] and lat[0] < c.loc[iso3, "lat"] < lat[1]
    # a group already wider than high keeps its range; the widening stays within -180..180
    assert q._widen((-170.0, 170.0), (0.0, 10.0)) == (-170.0, 170.0)
    assert q._widen((170.0, 179.0), (-10.0, 10.0))[1] <= 180
    lo, hi = q._widen((0.0, 10.0), (0.0, 80.0))  # far north: widened by MAX_WIDEN degrees at most
    assert 10 < hi - lo <= 10 + q.MAX_WIDEN + 1 and lo < 0 and hi > 10
    assert q.group_bounds(None) is None and q.group_bounds("WLD") is None


def test_map_rows_per_1000_match_the_store():
    rows = q.map_rows("refugees_hosted", 2020, "capita1000").set_index("iso3")
    ref = store.indicator_values("refugees_hosted", years=(2020, 2020), per="capita1000").set_index("iso3")
    assert rows.loc["DEU", "value"] == pytest.approx(ref.loc["DEU", "value"])
    assert rows["unit"].iloc[0].endswith("per 1,000 population")
    assert not math.isnan(rows.loc["DEU", "value"])
    assert isinstance(rows, pd.DataFrame)
