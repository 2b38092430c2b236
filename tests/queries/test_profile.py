"""Country profile queries: key figures (latest year, suppressed, missing), corridors equal to the API,
navigation order and 'did you mean' suggestions."""
from __future__ import annotations

import math

import pandas as pd

from dashboard import store
from dashboard.queries import profile as q


def test_bih_emigrant_stock_is_un_desa_2024_and_equals_the_api(client):
    kf = q.key_figures("BIH").set_index("indicator")
    row = kf.loc["emigrant_stock"]
    assert row["year"] == 2024
    assert row["source_id"] == "undesa_ims2024"
    assert "2024 revision" in row["source"]
    api = client.get("/api/v1/indicators/emigrant_stock.json?countries=BIH&years=2024").get_json()
    assert api["data"][0]["value"] == row["value"] == 1608324.0


def test_every_key_figure_has_year_value_and_source_or_is_missing():
    kf = q.key_figures("BIH")
    assert list(kf["indicator"]) == list(q.KEY_FIGURES)
    for r in kf.to_dict("records"):
        assert r["source"] and r["licence"]
        if r["year"] is pd.NA:
            assert math.isnan(r["value"])
        else:
            api = store.indicator_values(r["indicator"], countries=("BIH",), years=(r["year"], r["year"]))
            assert api["value"].iloc[0] == r["value"] or (math.isnan(r["value"]) and r["flag"] == q.SUPPRESSED)
            later = store.indicator_values(r["indicator"], countries=("BIH",), years=(r["year"] + 1, 2100))
            assert later["value"].isna().all(), f"{r['indicator']}: a later year has a value"


def test_suppressed_trafficking_cell_is_kept_as_suppressed_not_a_number():
    andorra = q.key_figures("AND").set_index("indicator").loc["trafficking_victims_detected"]
    assert andorra["flag"] == q.SUPPRESSED
    assert math.isnan(andorra["value"])
    assert andorra["year"] == 2021


def test_missing_indicator_has_no_year_and_no_value():
    deu = q.key_figures("DEU").set_index("indicator")
    assert deu.loc["idps_conflict", "year"] is pd.NA
    assert math.isnan(deu.loc["idps_conflict", "value"])


def test_top_destinations_of_bih_equal_the_api_rows_exactly(client):
    rows = q.top_corridors("BIH", "destinations")
    api = client.get("/api/v1/corridors.json?measure=stock&origin=BIH&years=2024").get_json()["data"]
    assert len(rows) == 10
    assert list(rows["destination"]) == [r["destination"] for r in api[:10]]
    assert list(rows["value"]) == [r["value"] for r in api[:10]]
    assert list(rows["destination"][:5]) == ["HRV", "DEU", "SRB", "AUT", "SVN"]
    assert set(rows["year_start"]) == {2024}


def test_top_origins_of_bih_equal_the_api_rows_exactly(client):
    rows = q.top_corridors("BIH", "origins")
    api = client.get("/api/v1/corridors.json?measure=stock&destination=BIH&years=2024").get_json()["data"]
    assert list(rows["origin"]) == [r["origin"] for r in api[:10]]
    assert list(rows["value"]) == [r["value"] for r in api[:10]]
    assert rows["origin"].iloc[0] == "HRV"


def test_country_without_corridors_gives_no_rows():
    assert q.top_corridors("XKX", "destinations").empty  # Kosovo is not in UN DESA IMS 2024


def test_navigation_is_alphabetical_without_pseudo_entities():
    pairs = q.navigable_countries()
    codes = [c for c, _ in pairs]
    assert not {"UNK", "XXA", "TIB", "OOS"} & set(codes)
    assert codes.index("BIH") > codes.index("ALB")
    prev, nxt = q.neighbours("BIH")
    assert prev[0] == codes[codes.index("BIH") - 1] and nxt[0] == codes[codes.index("BIH") + 1]
    assert q.neighbours(codes[-1])[1] == pairs[0]  # wraps around


def test_suggestions_for_typos_and_names():
    assert "BIH" in [c for c, _ in q.suggestions("BHI")]
    assert q.suggestions("bosnia")[0][0] == "BIH"
    assert q.suggestions("germny")[0][0] == "DEU"
    assert q.suggestions("") == ()


def test_header_has_region_groups_and_population_year():
    h = q.header("BIH")
    assert h["name"] == "Bosnia and Herzegovina"
    assert (h["region"], h["subregion"]) == ("Europe", "Southern Europe")
    assert ("WB6", "Western Balkans (WB6)") in h["groups"]
    assert h["population"]["year"] == 2024 and h["population"]["value"] == 3164253.0


def test_compare_spec_expands_groups_and_reports_unknown_codes():
    codes, unknown = q.parse_compare_spec("WB6,deu,nope")
    assert codes.split(",") == list(store.group_members("WB6")) + ["DEU"]
    assert unknown == ["nope"]
    assert q.parse_compare_spec("") == ("", [])


def test_compare_figures_long_form_keeps_country_order():
    rows = q.compare_figures(("SRB", "BIH"))
    assert list(rows["iso3"].unique()) == ["SRB", "BIH"]
    assert len(rows) == 2 * len(q.KEY_FIGURES)
