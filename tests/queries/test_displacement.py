"""Displacement queries against the indicator table (the API's source) and the UNHCR traps."""
from __future__ import annotations

import pandas as pd

from dashboard import store
from dashboard.queries import displacement as q


def test_syria_is_the_largest_origin_of_refugees_in_2022_equal_to_the_indicator():
    top = q.top_countries(2022, "refugees", "origin")
    first = top.iloc[0]
    assert first["iso3"] == "SYR" and first["rank"] == 1
    api = store.indicator_values("refugees_originating", countries=("SYR",), years=(2022, 2022))
    assert first["value"] == api["value"].iloc[0] == 6_559_736
    # pseudo codes are listed but never ranked
    assert not top.loc[top["rank"].notna(), "iso3"].isin(["UNK", "XXA", "TIB"]).any()
    assert (top.loc[top["rank"].isna(), "flag"] == "not_ranked_pseudo_code").all()


def test_ukraine_2022_conflict_new_displacements_equal_the_indicator():
    s = q.idmc_series("UKR")
    v = s[(s["year"] == 2022) & (s["measure"] == "new_conflict")]["value"].iloc[0]
    api = store.indicator_values("new_displacements_conflict", countries=("UKR",), years=(2022, 2022))
    assert v == api["value"].iloc[0] == 16_870_323


def test_population_series_matches_hosted_and_originating_indicators():
    hosted = q.population_series("DEU", "asylum")
    v = hosted[(hosted["year"] == 2022) & (hosted["pop_type"] == "refugees")]["value"].iloc[0]
    api = store.indicator_values("refugees_hosted", countries=("DEU",), years=(2022, 2022))
    assert v == api["value"].iloc[0]
    origin = q.population_series("SYR", "origin")
    assert origin[(origin["year"] == 2022) & (origin["pop_type"] == "refugees")]["value"].iloc[0] == 6_559_736


def test_pairs_leave_out_same_country_and_pseudo_rows_and_link_to_corridors():
    pairs = q.corridor_pairs(q.WORLD, "asylum", 2022, "idps")
    assert pairs.empty or (pairs["origin"] != pairs["asylum"]).all()
    ex = q.excluded_pairs(q.WORLD, "asylum", 2022, "idps")
    assert ex["same_country"] > 0
    pairs = q.corridor_pairs("SYR", "origin", 2022, "refugees")
    assert pairs.iloc[0]["corridor"] == "/corridor/SYR-TUR"
    assert not pairs["origin"].isin(["UNK", "XXA", "TIB"]).any()


def test_cells_of_5_are_counted_and_flagged():
    s = q.population_series(q.WORLD, "asylum")
    flagged = s[s["cells_of_5"] > 0]
    assert len(flagged) > 0 and (flagged["flag"] == "includes_cells_of_5_meaning_1_5").all()


def test_reconciliation_keeps_series_separate_and_never_sums_them():
    r = q.idp_reconciliation("COL")
    assert set(r["series"]) == {"idmc_gidd", "idmc_via_unhcr", "unhcr_idps"}
    y = r[r["year"] == 2020].set_index("series")["value"]
    assert y["unhcr_idps"] == store.indicator_values("idps_unhcr", countries=("COL",), years=(2020, 2020))["value"].iloc[0]
    assert y["idmc_gidd"] == store.indicator_values("idps_conflict", countries=("COL",), years=(2020, 2020))["value"].iloc[0]
    assert not r.duplicated(["year", "series"]).any()


def test_recognition_rate_uses_substantive_decisions_only():
    a = q.asylum_series("DEU", "asylum")
    w = a[a["year"] == 2022].set_index("measure")["value"]
    expected = w["dec_recognized"] / (w["dec_recognized"] + w["dec_other"] + w["dec_rejected"]) * 100
    assert abs(w["recognition_rate"] - expected) < 1e-9
    d = q.table("unhcr_asylum_decisions")
    assert w["dec_total"] == d[(d["asylum"] == "DEU") & (d["year"] == 2022)]["dec_total"].sum()  # as published


def test_missing_idmc_years_are_not_zero():
    s = q.idmc_series("SRB")
    assert s["value"].notna().all()  # only reported years are rows; gaps stay gaps


def test_group_area_sums_members():
    eu = q.population_series("EU27", "asylum")
    v = eu[(eu["year"] == 2022) & (eu["pop_type"] == "refugees")]["value"].iloc[0]
    members = store.group_members("EU27")
    api = store.indicator_values("refugees_hosted", countries=members, years=(2022, 2022))
    assert v == api["value"].sum()


def test_detail_tables_are_filtered_as_stored_and_only_the_rows_kept_made_plain():
    """No plain copy of a whole UNHCR table is kept (41 MiB per worker, bench/RESULTS.md): the queries filter the
    stored categorical table, then turn the rows kept into plain strings."""
    stored = store.bundle().table("unhcr_population")
    assert q.table("unhcr_population") is stored
    rows = stored[(stored["year"] == 2022) & (stored["asylum"] == "DEU")]
    kept = q.plain(rows)
    assert not any(isinstance(t, pd.CategoricalDtype) for t in kept.dtypes)
    assert kept["origin"].tolist() == rows["origin"].astype(str).tolist()
    assert kept.index.equals(rows.index) and kept["value"].equals(rows["value"])
    assert isinstance(stored["origin"].dtype, pd.CategoricalDtype)  # the stored table is left as it was
    # columns with their own categories compare once plain (origin with asylum: the same-country rows)
    assert int((kept["origin"] == kept["asylum"]).sum()) == int((rows["origin"].astype(str) == "DEU").sum())
