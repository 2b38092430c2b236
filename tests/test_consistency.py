"""Consistency of every derived figure in the real bundle: shares within [0, 100], group parts against group
totals, zeros that mean 'not reported' kept out of rankings and maps, and World values against the figures the
publishers print (each stated with its source). Derived numbers are claims too: these tests hold them to it.
"""
from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import aggregate, rules, store, views
from dashboard.queries import explorer as q


def _catalogue() -> pd.DataFrame:
    return store.bundle().table("indicators")


def _ids(rule: str) -> list[str]:
    ind = _catalogue()
    return sorted(ind.loc[ind["aggregation"] == rule, "id"])


# ------------------------------------------------------------------ declared semantics


def test_every_indicator_declares_what_it_counts_and_how_it_aggregates():
    ind = _catalogue()
    assert ind["counts"].isin(["stock", "flow", "count", "events", "money", "share"]).all()
    assert ind["aggregation"].isin(["sum", "ratio", "none"]).all()
    for r in ind.itertuples():
        assert "percent" not in r.per or r.counts == "stock", r.id  # no % of population for movements or money
        if r.aggregation == "ratio":
            assert rules.parts(r.numerator) and rules.parts(r.denominator), r.id
    # the events are not people, and say so
    assert set(ind.loc[ind["id"].str.startswith("new_displacements"), "unit"]) == {"movements"}
    assert store.per_options("new_displacements_conflict") == ("capita1000",)


def test_a_meaningless_per_option_is_refused_with_the_valid_ones():
    with pytest.raises(store.QueryError) as err:
        store.indicator_values("new_displacements_conflict", per="percent")
    assert err.value.param == "per" and err.value.valid == ["capita1000"]
    with pytest.raises(store.QueryError) as err:
        store.indicator_values("remittances_received_usd", per="percent")
    assert err.value.valid == ["capita1000"]


# ------------------------------------------------------------------ shares and ratios


@pytest.mark.parametrize("indicator", _ids("ratio"))
def test_every_ratio_aggregate_of_every_group_is_a_share_within_0_and_100(indicator):
    scale = float(_catalogue().set_index("id").loc[indicator, "scale"])
    assert scale == 100
    for group in store.group_ids():
        agg = aggregate.aggregate(indicator, group)
        values = agg["value"].dropna()
        assert values.between(0, 100).all(), (indicator, group, values.max())
        assert agg["coverage_pct"].dropna().between(0, 100 + 1e-9).all(), (indicator, group)


@pytest.mark.parametrize("indicator", _ids("ratio"))
def test_country_shares_are_the_declared_ratio_of_their_parts(indicator):
    """The ingest's country values and the aggregation's rule are one rule: num / den x scale per country."""
    meta = store.indicator_meta(indicator)
    values = store.indicator_values(indicator).dropna(subset=["value"])
    assert values["value"].between(0, 100).all()
    if indicator.endswith("_ims2020"):
        return  # published by UN DESA on its own population: checked against the UN's world figure below
    sample = values.sample(min(200, len(values)), random_state=1)
    for r in sample.itertuples():
        agg = aggregate._sum_parts(meta["numerator"], {r.iso3}, meta["source_id"])
        den = aggregate._sum_parts(meta["denominator"], {r.iso3}, meta["source_id"])
        num = agg.loc[agg["year"] == r.year, "value"].sum()
        d = den.loc[den["year"] == r.year, "value"].sum()
        assert r.value == pytest.approx(num / d * meta["scale"], rel=1e-9), (indicator, r.iso3, r.year)


def test_no_share_aggregate_of_a_sum_indicator_per_population_exceeds_100():
    for indicator in ("migrant_stock", "refugees_hosted", "idps_unhcr", "emigrant_stock"):
        for group in store.group_ids():
            agg = aggregate.aggregate(indicator, group, "percent")
            assert agg["value"].dropna().between(0, 100).all(), (indicator, group)


def test_the_world_and_eu27_migrant_shares_2024_are_plausible():
    world = aggregate.aggregate("migrant_stock_pct", "WLD").set_index("year")
    eu = aggregate.aggregate("migrant_stock_pct", "EU27").set_index("year")
    # UN DESA, International Migrant Stock 2024 (press release, Jan 2025): 304 million, 3.7 % of world population
    assert 3.6 <= world.loc[2024, "value"] <= 3.9
    assert 13 <= eu.loc[2024, "value"] <= 15
    assert world.loc[2024, "coverage_pct"] > 99


def test_serbia_share_is_on_un_desa_s_definition_of_serbia():
    srb = store.indicator_values("migrant_stock_pct", ("SRB",), (2020, 2020)).iloc[0]
    stock = store.indicator_values("migrant_stock", ("SRB",), (2020, 2020))["value"].iloc[0]
    pop = store.indicator_values("population", ("SRB", "XKX"), (2020, 2020))["value"].sum()
    assert srb["value"] == pytest.approx(stock / pop * 100, rel=1e-12)
    assert srb["value"] < 10  # was 10.6 % on the World Bank's Serbia without Kosovo
    # the same rule for the per-capita view of UN DESA and UNHCR figures
    per = store.indicator_values("migrant_stock", ("SRB",), (2020, 2020), "percent")["value"].iloc[0]
    assert per == pytest.approx(srb["value"], rel=1e-12)


# ------------------------------------------------------------------ parts and totals


@pytest.mark.parametrize("group", ["WLD", "EU27", "WB6", "M49-150", "M49-2"])
def test_group_female_plus_male_migrants_equal_the_group_total(group):
    """UN DESA publishes total = female + male; the group sums keep that identity."""
    tot = aggregate._sum_parts("migrant_stock", set(aggregate.members(group)), "undesa_ims2024")
    fm = aggregate._sum_parts("migrant_stock:female+migrant_stock:male", set(aggregate.members(group)),
                              "undesa_ims2024")
    t = tot.groupby("year")["value"].sum()
    f = fm.groupby("year")["value"].sum()
    assert (t - f).abs().max() < 1e-6


@pytest.mark.parametrize("group", ["WLD", "EU27", "WB6"])
def test_group_sum_is_the_sum_over_its_members(group):
    for indicator in ("refugees_hosted", "remittances_received_usd", "trafficking_victims_detected"):
        agg = aggregate.aggregate(indicator, group).set_index("year")
        members = aggregate.members(group)
        values = store.indicator_values(indicator, countries=members).dropna(subset=["value"])
        sums = values.groupby("year")["value"].sum()
        shown = agg["value"].dropna()
        if group == "WLD" and store.indicator_meta(indicator).get("complete"):
            continue  # the World of a complete source includes the pseudo codes: tested against UNHCR below
        assert (shown - sums.reindex(shown.index)).abs().max() < 1e-6, (indicator, group)


def test_trafficking_parts_never_exceed_the_total_unless_the_publisher_s_do_and_then_it_is_flagged():
    cy = store.bundle().table("country_year")
    v = cy[cy["indicator_id"].str.startswith("trafficking_victims")]
    wide = v[v["sex"] == "total"].pivot_table(index=["iso3", "year"], columns="indicator_id", values="value",
                                              observed=True)
    by_sex = v[v["indicator_id"] == "trafficking_victims_detected"].pivot_table(
        index=["iso3", "year"], columns="sex", values="value", observed=True)
    total = wide["trafficking_victims_detected"]
    over = pd.Series(False, index=wide.index)
    for part in ("girls", "boys", "women", "men", "children", "adults"):
        over |= (wide[f"trafficking_victims_{part}"] > total).fillna(False)
    over |= (by_sex["female"] + by_sex["male"] > by_sex["total"]).reindex(wide.index).fillna(False)
    over |= (wide["trafficking_victims_girls"] + wide["trafficking_victims_boys"]
             > wide["trafficking_victims_children"]).fillna(False)
    flagged = v[v["flag"] == "parts_exceed_published_total"].set_index(["iso3", "year"]).index
    contradicted = set(wide.index[over.to_numpy()])
    assert contradicted, "UNODC's file has such country-years (e.g. DNK 2021: 238 female + 101 male, total 80)"
    shares = v[v["indicator_id"].str.endswith("_share") & v["value"].notna()].set_index(["iso3", "year"]).index
    assert contradicted & set(shares) <= set(flagged)
    # a total the app rebuilt is never below any of its parts
    rebuilt = v[v["flag"] == "from_parts"].set_index(["iso3", "year"]).index
    assert not set(rebuilt) & contradicted


def test_victims_shares_exclude_unknowns_from_their_denominators():
    # Germany 2022: 746 female + 541 male (+7 of unknown sex); 193 children + 1,096 adults
    deu = store.indicator_values("trafficking_victims_female_share", ("DEU",), (2022, 2022))["value"].iloc[0]
    assert deu == pytest.approx(746 / (746 + 541) * 100)
    kids = store.indicator_values("trafficking_victims_child_share", ("DEU",), (2022, 2022))["value"].iloc[0]
    assert kids == pytest.approx(193 / (193 + 1096) * 100)


def test_a_suppressed_total_with_parts_is_rebuilt_and_ranked():
    deu = store.indicator_values("trafficking_victims_detected", ("DEU",), (2022, 2022)).iloc[0]
    assert 1290 <= deu["value"] <= 1299 and deu["flag"] == "from_parts"
    ranked = q.ranking("trafficking_victims_detected", 2022, None, None, 200, "top")
    assert "DEU" in set(ranked["iso3"])
    assert ranked.set_index("iso3").loc["DEU", "flag"] == "from_parts"


# ------------------------------------------------------------------ missing is not zero


def test_world_bank_remittance_zeros_are_missing_everywhere():
    som = store.indicator_values("remittances_received_usd", ("SOM",), (2005, 2016))
    assert len(som) == 12 and som["value"].isna().all() and (som["flag"] == "zero_not_reported").all()
    assert q.map_rows("remittances_received_usd", 2010)["value"].ne(0).all()
    for year in (2005, 2010, 2016, 2020):
        bottom = q.ranking("remittances_received_usd", year, None, None, 10, "bottom")
        assert (bottom["value"] > 0).all() and not bottom["flag"].eq("zero_not_reported").any()
    series = q.series("remittances_received_usd", ("SOM",), None, None)
    assert not set(series["year"]) & set(range(2005, 2017))  # gaps, not zeros
    agg = aggregate.aggregate("remittances_received_usd", "M49-14").set_index("year")
    assert agg.loc[2010, "members_with_data"] < len(aggregate.members("M49-14"))  # SOM not counted as data


def test_no_zero_not_reported_row_has_a_value():
    cy = store.bundle().table("country_year")
    assert cy.loc[cy["flag"] == "zero_not_reported", "value"].isna().all()
    assert (cy["flag"] == "zero_not_reported").sum() >= 252


# ------------------------------------------------------------------ World against the publishers


# (indicator, year, the publisher's printed world figure, where it is printed)
PRINTED_WORLD = [
    ("migrant_stock", 2024, 304_021_813, "UN DESA, International Migrant Stock 2024: 304.0 million in mid-2024"),
    ("migrant_stock", 2020, 275_284_032, "UN DESA, International Migrant Stock 2024, world total for 2020"),
    ("migrant_stock_ims2020", 2020, 280_598_105, "UN DESA, International Migrant Stock 2020: 281 million"),
    ("population", 2024, 8_141_808_945, "World Bank WDI SP.POP.TOTL, World (WLD), 2024"),
    ("population", 2020, 7_854_748_424, "World Bank WDI SP.POP.TOTL, World (WLD), 2020"),
    ("remittances_received_usd", 2021, 735_210_523_343, "World Bank WDI BX.TRF.PWKR.CD.DT, World (WLD), 2021"),
    ("refugees_hosted", 2024, 31_000_000, "UNHCR Global Trends 2024: 31.0 million refugees under UNHCR's mandate"),
    ("refugees_originating", 2024, 31_000_000, "UNHCR Global Trends 2024 (by origin, incl. unknown and stateless)"),
    ("asylum_seekers_hosted", 2024, 8_400_000, "UNHCR Global Trends 2024: 8.4 million asylum-seekers"),
    ("idps_conflict", 2022, 62_500_000, "IDMC GRID 2023: 62.5 million IDPs (conflict and violence), end-2022"),
    ("new_displacements_conflict", 2022, 28_300_000, "IDMC GRID 2023: 28.3 million movements (conflict), 2022"),
    ("new_displacements_disaster", 2022, 32_600_000, "IDMC GRID 2023: 32.6 million movements (disasters), 2022"),
]


@pytest.mark.parametrize("indicator,year,printed,where", PRINTED_WORLD, ids=[f"{i}-{y}" for i, y, *_ in PRINTED_WORLD])
def test_world_values_are_within_1_percent_of_the_publishers_printed_world_figures(indicator, year, printed, where):
    world = aggregate.aggregate(indicator, "WLD").set_index("year")
    assert world.loc[year, "value"] == pytest.approx(printed, rel=0.01), where


def test_world_by_origin_includes_unknown_stateless_and_tibetan_refugees():
    world = aggregate.aggregate("refugees_originating", "WLD").set_index("year")
    countries = store.indicator_values("refugees_originating", countries=tuple(q.drawable_countries()))
    pseudo = store.indicator_values("refugees_originating", countries=("UNK", "XXA", "TIB"))
    for year in (1990, 2024):
        c = countries.loc[countries["year"] == year, "value"].sum()
        p = pseudo.loc[pseudo["year"] == year, "value"].sum()
        assert p > 0 and world.loc[year, "value"] == pytest.approx(c + p)
        # hosted and originating describe the same refugees: one world total
        assert world.loc[year, "value"] == pytest.approx(
            aggregate.aggregate("refugees_hosted", "WLD").set_index("year").loc[year, "value"])
    # pseudo codes stay out of rankings and maps
    assert not {"UNK", "XXA", "TIB"} & set(q.ranking("refugees_originating", 2024, None, None, 300, "top")["iso3"])


def test_complete_sources_carry_no_meaningless_partial_flag():
    agg = aggregate.aggregate("migrant_stock", "WLD")
    assert agg["flag"].isna().all()
    assert (agg["coverage_pct"] > 99).all()


def test_an_aggregate_below_the_coverage_rule_is_missing_with_a_note():
    agg = aggregate.aggregate("trafficking_victims_detected", "WLD")
    low = agg[agg["coverage_pct"] < 100 * rules.COVERAGE_MIN]
    assert len(low) and low["value"].isna().all() and (low["flag"] == aggregate.FLAG_LOW_COVERAGE).all()
    high = agg[agg["coverage_pct"] >= 100 * rules.COVERAGE_MIN]
    assert high["value"].notna().all()


def test_remittances_as_share_of_gdp_have_no_group_value():
    assert aggregate.aggregate("remittances_received_pct_gdp", "WLD").empty
    assert q.series("remittances_received_pct_gdp", (), None, "WLD").empty


# ------------------------------------------------------------------ periods


def test_five_year_flows_carry_their_period():
    rows = store.indicator_values("immigration_flow_5y", ("DEU",))
    assert {"period", "period_start", "period_end"} <= set(rows.columns)
    first = rows.iloc[0]
    assert first["period"] == f"{first['period_start']}-{first['period_end']}"
    assert first["period_end"] - first["period_start"] == 5 and first["year"] == first["period_start"]
    assert "period" not in store.indicator_values("migrant_stock", ("DEU",)).columns


# ------------------------------------------------------------------ the same figure everywhere


def test_world_migrant_share_2024_is_the_same_in_the_chart_csv_and_embed(client):
    state, _ = views.parse("series", "indicator=migrant_stock_pct&group=WLD&countries=")
    rows = views.data("series", state)
    world = rows[(rows["code"] == "WLD") & (rows["year"] == 2024)]["value"].iloc[0]
    assert 3.6 <= world <= 3.9
    fig = views.render("series", state)["figure"]
    trace = next(t for t in fig["data"] if t["customdata"][0] == "WLD")
    assert dict(zip(trace["x"], trace["y"]))[2024] == pytest.approx(world)
    csv = client.get("/download/series.csv?indicator=migrant_stock_pct&group=WLD&countries=")
    assert csv.status_code == 200
    df = pd.read_csv(io.StringIO(csv.get_data(as_text=True)), comment="#")
    got = df[(df["code"] == "WLD") & (df["year"] == 2024)]
    assert float(got["value"].iloc[0]) == pytest.approx(world, rel=1e-9)
    assert {"members_with_data", "members_total", "coverage_pct"} <= set(df.columns)
    embed = client.get("/embed/series?indicator=migrant_stock_pct&group=WLD&countries=")
    assert embed.status_code == 200 and f"{world:.4f}"[:5] in embed.get_data(as_text=True)
    assert df["value"].max() <= 100


def test_world_migrant_share_slide_image_is_drawn_from_the_same_view(client):
    r = client.get("/image/series.svg?indicator=migrant_stock_pct&group=WLD&countries=")
    assert r.status_code == 200 and r.content_type.startswith("image/svg+xml")
    assert b"% of population" in r.data and b"group=WLD" in r.data  # the stamp links the exact view


def test_germany_2022_victims_shares_are_equal_in_profile_explorer_api_and_csv(client):
    from dashboard.queries import profile

    expected = {"trafficking_victims_female_share": 746 / (746 + 541) * 100,
                "trafficking_victims_child_share": 193 / (193 + 1096) * 100}
    key = profile.key_figures("DEU").set_index("indicator")
    for indicator, value in expected.items():
        assert key.loc[indicator, "value"] == pytest.approx(value) and key.loc[indicator, "year"] == 2022
        explorer = q.map_rows(indicator, 2022).set_index("iso3")
        assert explorer.loc["DEU", "value"] == pytest.approx(value)
        api = client.get(f"/api/v1/indicators/{indicator}.json?countries=DEU&years=2022").get_json()
        assert api["data"][0]["value"] == pytest.approx(value)
        csv = client.get(f"/download/map.csv?indicator={indicator}&year=2022").get_data(as_text=True)
        df = pd.read_csv(io.StringIO(csv), comment="#")
        assert float(df.loc[df["iso3"] == "DEU", "value"].iloc[0]) == pytest.approx(value)


def test_western_balkans_and_world_female_share_series_carry_coverage(client):
    body = client.get("/api/v1/aggregates/trafficking_victims_female_share.json?groups=WB6,WLD").get_json()
    rows = body["data"]
    for g in ("WB6", "WLD"):
        mine = [r for r in rows if r["group"] == g]
        assert len(mine) >= 10 and all(r["coverage_pct"] is not None and r["members_with_data"] >= 0 for r in mine)
        assert all(r["value"] is None or 0 <= r["value"] <= 100 for r in mine)
        assert all(r["coverage_of"] == "trafficking_victims_detected" for r in mine)
    assert any(r["value"] is not None for r in rows if r["group"] == "WB6")
