"""API v1 contract: real values for the required ids, 400 with a helpful message for bad input."""
from __future__ import annotations

import csv
import io

import pytest

REQUIRED_INDICATORS = [
    "migrant_stock", "migrant_stock_pct", "emigrant_stock", "net_migration", "population", "refugees_hosted",
    "refugees_originating", "asylum_seekers_hosted", "idps_unhcr", "stateless", "new_displacements_conflict",
    "new_displacements_disaster", "idps_conflict", "idps_disaster", "remittances_received_usd",
    "remittances_received_pct_gdp", "remittances_paid_usd", "trafficking_victims_detected", "missing_migrants",
]
REQUIRED_MEASURES = ["stock", "flow_5y", "flow_annual", "refugees"]
CSV_COLUMNS = ["iso3", "country", "year", "value", "unit", "indicator", "source", "licence", "flag"]


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok" and body["bundle_version"] and "unhcr" in body["sources"]


def test_catalog_lists_required_ids_measures_sources_and_groups(client):
    cat = client.get("/api/v1/catalog").get_json()
    ids = {i["id"] for i in cat["indicators"]}
    assert set(REQUIRED_INDICATORS) <= ids
    assert set(REQUIRED_MEASURES) <= {m["id"] for m in cat["corridor_measures"]}
    assert {g["group_id"] for g in cat["groups"]} >= {"WB6", "EU27", "WLD"}
    assert all(s["licence"] for s in cat["sources"].values())
    flow5 = next(m for m in cat["corridor_measures"] if m["id"] == "flow_5y")
    assert flow5["default_method"] == "da_pb_closed" and "da_pb_closed" in flow5["methods"]


@pytest.mark.parametrize("indicator", REQUIRED_INDICATORS)
def test_every_required_indicator_answers_with_real_values(client, indicator):
    r = client.get(f"/api/v1/indicators/{indicator}.json")
    assert r.status_code == 200
    body = r.get_json()
    values = [row["value"] for row in body["data"] if row["value"] is not None]
    assert len(values) > 20, indicator
    assert set(body["data"][0]) == set(CSV_COLUMNS)


def test_world_migrant_stock_2024_matches_un_desa(client):
    rows = client.get("/api/v1/indicators/migrant_stock.json?years=2024").get_json()["data"]
    assert sum(r["value"] for r in rows) == 304_021_813


def test_csv_has_header_and_filters(client):
    r = client.get("/api/v1/indicators/refugees_hosted.csv?countries=TUR&years=2022")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 and rows[0]["iso3"] == "TUR" and float(rows[0]["value"]) == 3_568_259


def test_group_ids_expand_to_members(client):
    rows = client.get("/api/v1/indicators/population.json?countries=WB6&years=2020").get_json()["data"]
    assert {r["iso3"] for r in rows} == {"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"}


def test_per_capita(client):
    rows = client.get("/api/v1/indicators/refugees_hosted.json?countries=TUR&years=2022&per=capita1000").get_json()["data"]
    pop = client.get("/api/v1/indicators/population.json?countries=TUR&years=2022").get_json()["data"][0]["value"]
    assert rows[0]["value"] == pytest.approx(3_568_259 / pop * 1000)
    assert "per 1,000" in rows[0]["unit"]


def test_corridors_stock_bih_top_destinations(client):
    rows = client.get("/api/v1/corridors.json?measure=stock&origin=BIH&years=2024&top=5").get_json()["data"]
    dests = [r["destination"] for r in rows]
    assert {"DEU", "HRV"} <= set(dests) and len(rows) == 5
    assert rows == sorted(rows, key=lambda r: -r["value"])


def test_corridors_period_measure_matches_start_year(client):
    rows = client.get("/api/v1/corridors.json?measure=flow_5y&origin=BIH&years=2015").get_json()["data"]
    assert rows and {r["period"] for r in rows} == {"2015-2020"}
    assert {r["method"] for r in rows} == {"da_pb_closed"}


@pytest.mark.parametrize("url,param", [
    ("/api/v1/indicators/nope.json", "indicator"),
    ("/api/v1/indicators/migrant_stock.json?countries=XYZ", "countries"),
    ("/api/v1/indicators/migrant_stock.json?years=2020-1990", "years"),
    ("/api/v1/indicators/migrant_stock.json?years=abc", "years"),
    ("/api/v1/indicators/migrant_stock_pct.json?per=capita1000", "per"),
    ("/api/v1/indicators/migrant_stock.json?bogus=1", "bogus"),
    ("/api/v1/indicators/migrant_stock.xml", "format"),
    ("/api/v1/corridors.json?measure=nope", "measure"),
    ("/api/v1/corridors.json?measure=flow_5y&method=nope", "method"),
    ("/api/v1/corridors.json?measure=stock&top=0", "top"),
    ("/api/v1/corridors.json?measure=stock&origin=ZZZ", "origin"),
    ("/api/v1/indicators/new_displacements_conflict.json?per=percent", "per"),
    ("/api/v1/indicators/remittances_received_usd.json?per=percent", "per"),
    ("/api/v1/aggregates/migrant_stock.json?groups=NOPE", "groups"),
    ("/api/v1/aggregates/new_displacements_conflict.json?per=percent", "per"),
    ("/api/v1/missing-migrants/route-families.json?dataset=mars", "dataset"),
])
def test_bad_input_is_400_naming_the_parameter(client, url, param):
    r = client.get(url)
    assert r.status_code == 400
    body = r.get_json()
    assert body["parameter"] == param and body["message"]
    if param in ("indicator", "countries", "measure", "method"):
        assert body["valid"], "valid values are listed"


def test_row_cap_gives_a_clear_400(app, client):
    old = app.server.config["API_ROW_CAP"]
    app.server.config["API_ROW_CAP"] = 10
    try:
        r = client.get("/api/v1/indicators/population.json")
    finally:
        app.server.config["API_ROW_CAP"] = old
    assert r.status_code == 400 and "full dataset" in r.get_json()["message"]


def test_unknown_page_is_not_a_server_error(client):
    assert client.get("/no/such/page").status_code in (200, 404)


def test_per_percent_where_it_means_nothing_names_the_valid_options(client):
    body = client.get("/api/v1/indicators/new_displacements_conflict.json?per=percent").get_json()
    assert body["valid"] == ["capita1000"] and "movements" in body["message"]


def test_aggregates_follow_the_declared_rule_with_coverage(client):
    body = client.get("/api/v1/aggregates/migrant_stock_pct.json?groups=WLD,EU27&years=2024").get_json()
    rows = {r["group"]: r for r in body["data"]}
    assert 3.6 <= rows["WLD"]["value"] <= 3.9 and 13 <= rows["EU27"]["value"] <= 15
    assert rows["WLD"]["rule"] == "ratio" and rows["WLD"]["coverage_pct"] > 99
    assert rows["EU27"]["members_with_data"] == rows["EU27"]["members_total"] == 27
    csv = client.get("/api/v1/aggregates/trafficking_victims_female_share.csv?groups=WB6").get_data(as_text=True)
    assert csv.splitlines()[0].replace('"', "").startswith("group,indicator,year,value,unit,flag,members_with_data")


def test_missing_migrants_route_families_in_the_api(client):
    body = client.get("/api/v1/missing-migrants/route-families.json").get_json()
    med = {r["year"]: r["dead_missing"] for r in body["data"] if r["family"] == "Mediterranean"}
    assert med[2016] == 5097 and med[2023] == 3198


def test_five_year_flows_carry_their_period_in_the_api(client):
    body = client.get("/api/v1/indicators/immigration_flow_5y.json?countries=DEU&years=2015").get_json()
    row = body["data"][0]
    assert row["period"] == "2015-2020" and row["period_start"] == 2015 and row["period_end"] == 2020
