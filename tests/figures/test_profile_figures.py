"""Profile figure builders are pure: rows in, figure dict out; missing is a gap or 'No data', never 0."""
from __future__ import annotations

import math

import pandas as pd

from dashboard.figures import profile as fig


def _rows(records):
    return pd.DataFrame(records, columns=["indicator", "iso3", "year", "value", "flag", "unit"])


def test_fmt_value_shortens_only_fractions_and_shows_suppressed_as_lt5():
    assert fmt(1608324.0) == "1,608,324"
    assert fmt(2466216963.37117) == "2,466,216,963.37"
    assert fmt(1.0782955724463246) == "1.08"
    assert fmt(0.012345) == "0.0123"
    assert fmt(-4000.0) == "-4,000"
    assert fig.fmt_value(float("nan"), "suppressed_lt5") == "<5"
    assert fig.fmt_value(float("nan")) == ""
    assert fig.fmt_value(3.0, pd.NA) == "3"


def fmt(v):
    return fig.fmt_value(v)


def test_small_multiples_one_panel_per_indicator_gaps_and_no_data():
    rows = _rows([
        ("a", "BIH", 2000, 10.0, None, "persons"), ("a", "BIH", 2001, float("nan"), None, "persons"),
        ("a", "BIH", 2002, 12.0, None, "persons"),
        ("t", "BIH", 2010, float("nan"), "suppressed_lt5", "persons"), ("t", "BIH", 2011, 7.0, None, "persons"),
    ])
    rows = rows[rows["value"].notna() | (rows["flag"] == "suppressed_lt5")]
    out = fig.small_multiples(rows, [("a", "A", "persons"), ("t", "T", "persons"), ("z", "Z", "%")],
                              no_data="No data")
    traces = out["data"]
    line_a = [t for t in traces if t["name"] == "A"][0]
    assert list(line_a["x"]) == [2000, 2002] and list(line_a["y"]) == [10.0, 12.0]  # 2001 is a gap, not 0
    supp = [t for t in traces if t["name"] == "T <5"][0]
    assert list(supp["text"]) == ["<5"] and list(supp["x"]) == [2010]
    texts = [a["text"] for a in out["layout"]["annotations"]]
    # the panel without data is left out, not drawn as a blank 'No data' box (the card names it: empty_panels)
    assert "No data" not in texts and {"A", "T"} <= set(texts) and "Z" not in texts
    assert "yaxis2" in out["layout"] and "yaxis3" not in out["layout"]  # each panel has its own y-axis
    assert fig.empty_panels(rows, ["a", "t", "z"]) == ["z"]


def test_small_multiples_without_any_data_say_so_in_a_short_figure():
    rows = _rows([("a", "XKX", 2000, float("nan"), None, "persons")])
    out = fig.small_multiples(rows, [("a", "A", "persons")], no_data="No data")
    assert [a["text"] for a in out["layout"]["annotations"]] == ["No data"] and out["layout"]["height"] <= 150


def test_top_bars_largest_on_top_with_exact_labels():
    rows = pd.DataFrame({"destination": ["HRV", "DEU"], "destination_name": ["Croatia", "Germany"],
                         "value": [363041.0, 320423.0]})
    out = fig.top_bars(rows, name_col="destination_name", code_col="destination", unit="persons", no_data="No data")
    bar = out["data"][0]
    assert list(bar["y"]) == ["Germany", "Croatia"]  # plotly draws the last category on top
    assert list(bar["text"]) == ["320,423", "363,041"]


def test_empty_inputs_say_no_data():
    empty = pd.DataFrame(columns=["destination", "destination_name", "value"])
    out = fig.top_bars(empty, name_col="destination_name", code_col="destination", unit="persons",
                       no_data="No data")
    assert out["layout"]["annotations"][0]["text"] == "No data"
    out = fig.lines(_rows([]), by="iso3", labels={"BIH": "Bosnia"}, unit="persons", no_data="Nema podataka")
    assert out["layout"]["annotations"][0]["text"] == "Nema podataka"


def test_lines_one_trace_per_country_in_given_order():
    rows = _rows([("x", "SRB", 2000, 5.0, None, "p"), ("x", "BIH", 2000, 3.0, None, "p"),
                  ("x", "BIH", 2005, 4.0, None, "p")])
    out = fig.lines(rows, by="iso3", labels={"BIH": "Bosnia", "SRB": "Serbia", "HRV": "Croatia"}, unit="p",
                    no_data="No data")
    assert [t["name"] for t in out["data"]] == ["Bosnia", "Serbia"]
    assert not any(math.isnan(y) for t in out["data"] for y in t["y"])
