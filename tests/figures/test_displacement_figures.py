"""Pure displacement/trafficking figure builders: gaps stay gaps, '<5' is text only, TIP dated to 2015."""
from __future__ import annotations

import math

import pandas as pd

from dashboard.figures import displacement as fd
from dashboard.figures import trafficking as ft


def test_lines_keep_missing_years_as_gaps_not_zero():
    rows = pd.DataFrame({"year": [2000, 2001, 2003, 2000], "k": ["a", "a", "a", "b"], "value": [1.0, 2.0, 3.0, 5.0]})
    fig = fd.lines(rows, series="k", labels={"a": "A", "b": "B"}, unit="persons", no_data_text="No data")
    a = fig["data"][0]
    assert list(a["x"]) == [2000, 2001, 2003] and a["connectgaps"] is False
    b = fig["data"][1]
    assert b["y"][0] == 5.0 and all(v is None or (isinstance(v, float) and math.isnan(v)) for v in b["y"][1:])
    assert "template" not in fig["layout"]


def test_empty_frame_says_no_data():
    fig = fd.lines(pd.DataFrame(columns=["year", "k", "value"]), series="k", labels={}, unit="", no_data_text="No data")
    assert fig["layout"]["annotations"][0]["text"] == "No data" and fig["data"] == []


def test_asylum_rate_on_its_own_axis():
    rows = pd.DataFrame({"year": [2020] * 3, "measure": ["applied", "dec_total", "recognition_rate"],
                         "value": [100.0, 80.0, 25.0]})
    fig = fd.asylum(rows, labels={"applied": "A", "dec_total": "D", "recognition_rate": "R"}, no_data_text="-",
                    count_unit="n", rate_unit="%")
    assert fig["data"][2]["yaxis"] == "y2" and fig["layout"]["yaxis2"]["range"] == [0, 100]


def test_suppressed_bars_have_no_height_and_say_lt5():
    rows = pd.DataFrame({"category": ["Forced labour", "Sexual exploitation"], "value": [float("nan"), 37.0],
                         "value_txt": ["<5", "37"]})
    fig = ft.bars(rows, label="category", unit="persons", no_data_text="-")
    bar = fig["data"][0]
    i = list(bar["y"]).index("Forced labour")
    assert bar["x"][i] is None and bar["text"][i] == "<5"
    assert any(a["text"] == "<5" for a in fig["layout"]["annotations"])


def test_series_marks_lt5_years_as_text_without_points():
    rows = pd.DataFrame({"year": [2020, 2021], "indicator": ["v", "v"], "value": [10.0, float("nan")],
                         "value_txt": ["10", "<5"]})
    fig = ft.series(rows, labels={"v": "Victims"}, unit="persons", no_data_text="-", lt5_text="suppressed")
    y = fig["data"][0]["y"]
    assert y[0] == 10.0 and (y[1] is None or math.isnan(y[1]))
    assert [a["x"] for a in fig["layout"]["annotations"]] == [2021]


def test_tip_timeline_spans_the_report_years_it_is_given():
    rows = pd.DataFrame({"report_year": [2014, 2015], "tier": ["Tier 2", None]})
    fig = ft.tip(rows, no_data_text="-", not_ranked="Not ranked", end_note="Data end in 2015", xtitle="Report year",
                 span=(2001, 2015))
    assert list(fig["data"][0]["y"]) == ["Tier 2", "Not ranked"]
    assert fig["layout"]["annotations"][0]["text"] == "Data end in 2015"
    assert fig["layout"]["annotations"][0]["x"] == 2015
    assert fig["layout"]["xaxis"]["range"] == [2000.5, 2015.5]
    later = ft.tip(rows, no_data_text="-", not_ranked="-", end_note="-", xtitle="-", span=(2001, 2024))
    assert later["layout"]["xaxis"]["range"] == [2000.5, 2024.5] and later["layout"]["annotations"][0]["x"] == 2024
    # the tiers in the page language, on the points and the axis alike (the builder is given the words)
    words = ft.tip(rows, no_data_text="-", not_ranked="Non classé", end_note="-", xtitle="-", span=(2001, 2015),
                   tier_label=lambda tier: tier.replace("Tier", "Catégorie"))
    assert list(words["data"][0]["y"]) == ["Catégorie 2", "Non classé"]
    assert "Catégorie 2" in words["layout"]["yaxis"]["categoryarray"]
