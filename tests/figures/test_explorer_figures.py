"""Explorer figure builders (pure): choropleth scales and 'No data', ranking bars, series lines with gaps."""
from __future__ import annotations

import base64

import numpy as np
import pandas as pd

from dashboard.figures import choropleth, ranking, series


def _arr(v) -> list:
    """Plotly figure dicts carry numeric arrays as {'dtype', 'bdata'} (base64); decode them for checks."""
    if isinstance(v, dict) and "bdata" in v:
        return list(np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]))
    return list(v)


def _map_df(values: dict, flags: dict | None = None) -> pd.DataFrame:
    flags = flags or {}
    return pd.DataFrame({"iso3": list(values), "country": [f"C-{k}" for k in values], "value": list(values.values()),
                         "flag": pd.array([flags.get(k) for k in values], dtype="string")})


def _layers(fig: dict) -> tuple[list[dict], dict]:
    ranges = [tr for tr in fig["data"] if tr.get("legendgroup") == "bins"]
    (grey,) = [tr for tr in fig["data"] if tr["name"] == "No data"]
    return ranges, grey


def _drawn(ranges: list[dict]) -> dict:
    return {loc: z for tr in ranges for loc, z in zip(tr["locations"], _arr(tr["z"]))}


def test_counts_are_binned_in_ranges_and_missing_is_a_grey_key_of_the_same_legend():
    df = _map_df({"AAA": 10.0, "BBB": 1_000_000.0, "CCC": float("nan")})
    fig = choropleth.world_map(df, label="L", unit="persons", year=2020, shapes=["AAA", "BBB", "CCC", "DDD"])
    ranges, grey = _layers(fig)
    assert list(grey["locations"]) == ["CCC", "DDD"] and grey["showlegend"] is True
    assert [tr["name"] for tr in ranges] == ["10–100", "100–1K", "1K–10K", "10K–100K", "100K–1M"]
    assert _drawn(ranges) == {"AAA": 10.0, "BBB": 1_000_000.0}  # the published values, not logs
    assert fig["layout"]["legend"]["title"]["text"] == "persons" and fig["layout"]["showlegend"] is True
    assert "C-BBB: 1,000,000 persons" in [x for tr in ranges for x in tr["text"]]
    assert all(tr.get("showscale") is False for tr in fig["data"])  # no continuous colour bar left


def test_reported_zero_is_data_not_no_data():
    df = _map_df({"AAA": 0.0, "BBB": 500.0})
    fig = choropleth.world_map(df, label="L", unit="persons", year=2020, shapes=["AAA", "BBB"])
    ranges, grey = _layers(fig)
    assert list(grey["locations"]) == []
    assert ranges[0]["name"].startswith("0") and "AAA" in ranges[0]["locations"]


def test_signed_values_use_a_diverging_binned_scale_split_at_zero():
    df = _map_df({"AAA": -5000.0, "BBB": 12000.0})
    ranges, _ = _layers(choropleth.world_map(df, label="Net", unit="persons per year", year=2020,
                                             shapes=["AAA", "BBB"]))
    zeros = [tr["zmin"] for tr in ranges].index(0.0)
    assert zeros == len(ranges) // 2  # as many ranges below 0 as above
    below, above = ranges[zeros - 1]["colorscale"][0][1], ranges[zeros]["colorscale"][0][1]
    assert below in choropleth.binning.NEGATIVE and above in choropleth.binning.POSITIVE


def test_a_group_colours_only_its_members_and_draws_the_rest_as_context():
    df = _map_df({"ALB": 5.0, "BIH": 50.0, "ITA": 6_000_000.0, "GRC": 1_000_000.0, "SRB": 700.0})
    members = ("ALB", "BIH", "MKD", "MNE", "SRB", "XKX")
    fig = choropleth.world_map(df, label="L", unit="persons", year=2020, members=members,
                               shapes=["ALB", "BIH", "ITA", "GRC", "SRB", "MKD", "MNE", "DEU"])
    ranges, grey = _layers(fig)
    assert set(_drawn(ranges)) == {"ALB", "BIH", "SRB"}
    assert set(grey["locations"]) == {"MKD", "MNE"}  # members without a value (XKX has no shape to draw)
    drawn = {loc for tr in fig["data"] for loc in tr["locations"]}
    assert not drawn & {"ITA", "GRC", "DEU"}  # non-members are the base map's light land: no layer, no hover
    assert fig["layout"]["geo"]["landcolor"] == choropleth.CONTEXT
    assert fig["layout"]["geo"]["fitbounds"] == "locations"  # the view fits the members at the card's shape
    colours = {choropleth.CONTEXT, grey["colorscale"][0][1]} | {tr["colorscale"][0][1] for tr in ranges}
    assert len(colours) == 2 + len(ranges)  # context, no data and every range each in their own colour
    assert ranges[-1]["zmax"] < 6_000_000  # the ranges are made from the members' values only


def test_group_zoom_sets_the_axis_ranges():
    df = _map_df({"BIH": 1.0})
    fig = choropleth.world_map(df, label="L", unit="%", year=2020, shapes=["BIH"], lon_range=(10, 30),
                               lat_range=(38, 48))
    assert list(fig["layout"]["geo"]["lonaxis"]["range"]) == [10, 30]
    assert list(fig["layout"]["geo"]["lataxis"]["range"]) == [38, 48]


def test_ranking_bars_keep_order_highlight_selection_and_show_flags():
    rows = pd.DataFrame({"rank": [1, 2], "iso3": ["USA", "DEU"], "country": ["United States", "Germany"],
                         "value": [50_471_028.0, 15_021_300.0], "flag": pd.array([None, "from_parts"], dtype="string")})
    fig = ranking.bars(rows, unit="persons", selected=("DEU",))
    bar = fig["data"][0]
    assert list(bar["customdata"]) == ["USA", "DEU"]
    assert list(bar["y"]) == ["1. United States", "2. Germany"]
    assert bar["marker"]["color"][1] == ranking.BAR_SELECTED and bar["marker"]["color"][0] == ranking.BAR
    assert bar["text"][1].endswith("*") and not bar["text"][0].endswith("*")  # a flagged value is marked
    assert "rebuilt from its parts" in bar["hovertext"][1]  # and the hover says the flag in words
    assert "50,471,028" in bar["hovertext"][0]


def test_empty_ranking_says_no_data():
    rows = pd.DataFrame({"rank": [], "iso3": [], "country": [], "value": [], "flag": []})
    fig = ranking.bars(rows, unit="persons")
    assert fig["layout"]["annotations"][0]["text"] == "No data"


def test_series_breaks_lines_at_missing_years_and_labels_the_group():
    rows = pd.DataFrame({
        "series": ["Serbia", "Serbia", "WB6", "WB6"], "code": ["SRB", "SRB", "WB6", "WB6"],
        "kind": ["country", "country", "group", "group"], "year": [2000, 2010, 2000, 2010],
        "value": [10.0, 30.0, 50.0, 70.0], "flag": [None, None, None, None],
        "members_with_data": [None, None, 5, 6], "members_total": [None, None, 6, 6],
        "coverage_pct": [None, None, 91.4, 100.0],
    })
    fig = series.lines(rows, unit="persons", years=[2000, 2005, 2010], year=2010)
    srb, grp = fig["data"]
    assert list(srb["x"]) == [2000, 2005, 2010] and list(srb["y"]) == [10.0, None, 30.0]
    assert srb["connectgaps"] is False
    assert grp["line"]["dash"] == "dash" and grp["name"].startswith("WB6")
    assert "5 of 6 members with data, 91% of the population" in grp["hovertext"][0]
    assert fig["layout"]["shapes"][0]["x0"] == 2010


def test_series_draws_estimates_and_partial_years_hollow_and_says_so_in_the_legend():
    """Issue 16: partial and estimated values drawn differently and explained in the legend."""
    rows = pd.DataFrame({
        "series": ["Serbia"] * 3, "code": ["SRB"] * 3, "kind": ["country"] * 3, "year": [2000, 2010, 2020],
        "value": [10.0, 30.0, 35.0], "flag": [None, "imputed", "partial year (Jan-Apr 2020)"],
    })
    for lang, key in (("en", "Estimate or partial year"), ("fr", "Estimation ou année partielle")):
        srb, legend = series.lines(rows, unit="persons", years=[2000, 2010, 2020], lang=lang)["data"]
        assert list(srb["marker"]["symbol"]) == ["circle", "circle-open", "circle-open"]
        assert legend["name"] == key and legend["marker"]["symbol"] == "circle-open" and list(legend["x"]) == [None]
    plain = rows.assign(flag=[None, "derived", None])  # a derived value is not an estimate: no key, no hollow mark
    (srb,) = series.lines(plain, unit="persons", years=[2000, 2010, 2020])["data"]
    assert "symbol" not in srb["marker"]


def test_series_leaves_a_group_year_below_the_coverage_rule_as_a_gap():
    rows = pd.DataFrame({
        "series": ["World"] * 3, "code": ["WLD"] * 3, "kind": ["group"] * 3, "year": [2000, 2005, 2010],
        "value": [1.0, float("nan"), 3.0], "flag": [None, "coverage_below_threshold", None],
        "members_with_data": [200, 90, 210], "members_total": [254] * 3,
        "coverage_pct": [99.0, 40.0, 99.5],
    })
    (grp,) = series.lines(rows, unit="persons", years=[2000, 2005, 2010])["data"]
    assert list(grp["y"]) == [1.0, None, 3.0]


def test_series_without_selection_prompts():
    rows = pd.DataFrame(columns=["series", "code", "kind", "year", "value", "flag", "members_with_data",
                                 "members_total", "coverage_pct"])
    fig = series.lines(rows, unit="persons")
    assert fig["data"] == [] or len(fig["data"]) == 0
    assert "Select countries" in fig["layout"]["annotations"][0]["text"]


def test_five_year_flows_are_drawn_as_periods_not_points():
    rows = pd.DataFrame({"series": ["Germany"] * 2, "code": ["DEU"] * 2, "kind": ["country"] * 2,
                         "year": [2010, 2015], "value": [5.0, 7.0], "flag": [None, None],
                         "members_with_data": [None] * 2, "members_total": [None] * 2,
                         "coverage_pct": [None] * 2})
    (tr,) = series.lines(rows, unit="persons per 5-year period", years=[2010, 2015], period_years=5)["data"]
    assert tr["line"]["shape"] == "hv" and list(tr["x"]) == [2010, 2015, 2020] and list(tr["y"]) == [5.0, 7.0, 7.0]
    assert "Germany, 2015-2020: 7" in tr["hovertext"][1]
