"""Flows queries: partner totals equal the API's corridor rows exactly, 'Other' adds up, groups and matrices."""
from __future__ import annotations

import math

import pytest

from dashboard import store
from dashboard.queries import flows as q

LATEST = {"stock": 2020, "flow_5y": 2015, "flow_annual": 2019, "refugees": 2024, "stock_model": 2020}


@pytest.mark.parametrize("measure", ["stock", "flow_5y", "flow_annual", "refugees"])
@pytest.mark.parametrize("role", ["origin", "destination"])
def test_partner_values_equal_the_api_for_every_measure(client, measure, role):
    year = LATEST[measure]
    api = client.get(f"/api/v1/corridors.json?measure={measure}&{role}=BIH&years={year}").get_json()["data"]
    partner_key = "destination" if role == "origin" else "origin"
    expected = {r[partner_key]: r["value"] for r in api}
    got = q.partner_totals(measure, "BIH", role, year, q.default_method(measure))
    assert len(expected) > 5
    assert dict(zip(got["partner"], got["value"])) == expected
    assert math.isclose(got["share"].sum(), 1.0)


def test_bih_top_destinations_under_un_desa_stock_include_germany_and_croatia():
    top = q.top_partners("stock", "BIH", "origin", 2024, "", "total", 10)
    assert {"DEU", "HRV"} <= set(top["partner"].head(5))
    assert top["value"].is_monotonic_decreasing or top["partner"].iloc[-1] == q.OTHER


def test_other_row_holds_the_rest_and_everything_adds_up():
    allp = q.partner_totals("stock", "BIH", "origin", 2024)
    top = q.top_partners("stock", "BIH", "origin", 2024, "", "total", 5)
    assert list(top["partner"][:5]) == list(allp["partner"][:5])
    assert top["partner"].iloc[-1] == q.OTHER
    assert top["value"].sum() == pytest.approx(allp["value"].sum())
    assert "sum of" in top["flag"].iloc[-1]


def test_other_threshold_collapses_small_partners():
    top = q.top_partners("stock", "BIH", "origin", 2024, "", "total", 50, other_pct=5.0)
    shown = top[top["partner"] != q.OTHER]
    assert (shown["share"] >= 0.05).all() and len(shown) < 10


def test_sex_and_method_select_their_own_rows(client):
    api = client.get("/api/v1/corridors.json?measure=flow_5y&origin=BIH&years=2010&method=sd_rev_neg&sex=female"
                     ).get_json()["data"]
    got = q.partner_totals("flow_5y", "BIH", "origin", 2010, "sd_rev_neg", "female")
    assert dict(zip(got["partner"], got["value"])) == {r["destination"]: r["value"] for r in api}
    assert set(got["method"]) == {"sd_rev_neg"} and set(got["sex"]) == {"female"}
    assert got["period"].iloc[0] == "2010-2015"


def test_group_partners_leave_out_corridors_between_members(client):
    members = set(store.group_members("WB6"))
    got = q.partner_totals("stock", "WB6", "origin", 2020)
    assert not (set(got["partner"]) & members)
    api = client.get("/api/v1/corridors.json?measure=stock&origin=WB6&years=2020").get_json()["data"]
    deu = sum(r["value"] for r in api if r["destination"] == "DEU")
    assert got.set_index("partner").loc["DEU", "value"] == pytest.approx(deu)


def test_region_matrix_cells_and_rest_of_world(client):
    m = q.region_matrix("stock", "WB6", 2020)
    cell = m[(m["origin"] == "BIH") & (m["destination"] == "SRB")]["value"].iloc[0]
    api = client.get("/api/v1/corridors.json?measure=stock&origin=BIH&destination=SRB&years=2020").get_json()
    assert cell == api["data"][0]["value"]
    assert ((m["origin"] == q.REST) & (m["destination"] == q.REST)).sum() == 0
    rest = m[(m["origin"] == "BIH") & (m["destination"] == q.REST)]["value"].iloc[0]
    members = set(store.group_members("WB6"))
    out = q.partner_totals("stock", "BIH", "origin", 2020)
    assert rest == pytest.approx(out[~out["partner"].isin(members)]["value"].sum())


def test_periods_and_sexes_per_measure():
    assert q.periods("flow_5y")[-1] == (2015, 2020)
    assert q.periods("stock")[-1] == (2024, 2024)
    assert q.sexes("refugees") == ["total"] and q.sexes("stock") == ["total", "female", "male"]


def test_no_data_is_an_empty_frame_not_zeros():
    assert q.partner_totals("stock", "BIH", "origin", 1801).empty
    assert q.top_partners("stock", "BIH", "origin", 1801).empty


def test_corridor_series_equals_the_api_in_both_directions(client):
    rows = q.corridor_series("flow_annual", "BIH", "DEU")
    for direction, (o, d) in (("corridor", ("BIH", "DEU")), ("reverse", ("DEU", "BIH"))):
        api = client.get(f"/api/v1/corridors.json?measure=flow_annual&origin={o}&destination={d}").get_json()
        part = rows[rows["direction"] == direction]
        assert list(part["value"]) == [r["value"] for r in api["data"]]
        assert list(part["year_start"]) == [r["year_start"] for r in api["data"]]


def test_corridor_shares_use_un_desa_totals():
    s = q.corridor_shares("BIH", "DEU").set_index("year")
    emi = store.indicator_values("emigrant_stock", ("BIH",)).set_index("year")["value"]
    assert s.loc[2024, "share_of_emigrants"] == pytest.approx(s.loc[2024, "value"] / emi[2024])
    assert 0 < s.loc[2024, "share_of_immigrants"] < 1


def test_pair_parsing_and_suggestions():
    assert q.parse_pair("bih-deu") == ("BIH", "DEU")
    assert q.parse_pair("BIH-XYZ") is None and q.parse_pair("BIH-BIH") is None and q.parse_pair("BIH") is None
    assert "BIH" in q.suggestions("BIX") or "BIH" in q.suggestions("BOSNIA")
