"""Pure flow figure builders: great circles, world-fixed arc map, Sankey with 'Other', bars, matrix, series."""
from __future__ import annotations

import json
import math

import pandas as pd

from dashboard.figures import flows as f


def _rows(n=3, other=True):
    partners = ["DEU", "HRV", "SRB", "AUT"][:n]
    rows = pd.DataFrame({"partner": partners, "partner_name": ["Germany", "Croatia", "Serbia", "Austria"][:n],
                         "value": [300.0, 200.0, 100.0, 50.0][:n], "share": [0.4, 0.3, 0.2, 0.05][:n],
                         "period": "2024"})
    if other:
        rows = pd.concat([rows, pd.DataFrame([{"partner": "OTHER", "partner_name": "Other", "value": 50.0,
                                               "share": 0.1, "period": "2024"}])], ignore_index=True)
    return rows


CENTROIDS = {"BIH": (44.0, 17.8), "DEU": (51.1, 10.4), "HRV": (45.1, 15.2), "SRB": (44.0, 20.9), "AUT": (47.6, 14.1)}


def test_great_circle_endpoints_and_midpoint():
    lats, lons = f.great_circle(0, 0, 0, 90, n=3)
    assert lats == [0, 0, 0] and [round(x) for x in lons] == [0, 45, 90]
    lats, lons = f.great_circle(40.6, -73.8, 51.5, -0.5, n=50)  # New York -> London bulges north
    assert max(lats) > 51.5 and math.isclose(lats[0], 40.6, abs_tol=1e-3) and math.isclose(lons[-1], -0.5,
                                                                                             abs_tol=1e-3)


def test_arc_map_keeps_the_world_in_view_and_draws_one_arc_per_partner():
    fig = f.arc_map(_rows(), focus_label="Bosnia", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS,
                    role="origin", unit="persons", no_data="No data")
    geo = fig["layout"]["geo"]
    assert geo["fitbounds"] is False and geo["lonaxis"]["range"] == [-180, 180] and geo["lataxis"]["range"]
    lines = [t for t in fig["data"] if t.get("mode") == "lines"]
    assert len(lines) == 3  # 'Other' is not drawn
    widths = [t["line"]["width"] for t in lines]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    assert lines[0]["lat"][0] == CENTROIDS["BIH"][0]  # origin role: arcs start at the focus
    choro = fig["data"][0]
    assert choro["type"] == "choropleth" and choro["locations"] == ["DEU", "HRV", "SRB"]
    hover = [t for t in fig["data"] if t.get("customdata")][0]["text"][0]
    assert "Germany" in hover and "300" in hover and "40.0%" in hover and "2024" in hover


def test_arc_map_for_destination_ends_at_the_focus_and_empty_says_no_data():
    fig = f.arc_map(_rows(), focus_label="B", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS,
                    role="destination", unit="persons", no_data="No data")
    line = [t for t in fig["data"] if t.get("mode") == "lines"][0]
    assert line["lat"][-1] == CENTROIDS["BIH"][0]
    empty = f.arc_map(_rows().iloc[0:0], focus_label="B", focus_point=None, centroids=CENTROIDS,
                      role="origin", unit="persons", no_data="No data")
    assert empty["layout"]["annotations"][0]["text"] == "No data" and empty["layout"]["geo"]["fitbounds"] is False


def test_arc_map_for_fifty_partners_is_small():
    codes = [f"C{i:02d}" for i in range(50)]
    cents = {c: (i - 25.0, i * 7.0 - 170) for i, c in enumerate(codes)}
    cents["BIH"] = CENTROIDS["BIH"]
    rows = pd.DataFrame({"partner": codes, "partner_name": codes, "value": [1000.0 * (50 - i) for i in range(50)],
                         "share": [0.01] * 50, "period": "2015-2020"})
    fig = f.arc_map(rows, focus_label="B", focus_point=cents["BIH"], centroids=cents, role="origin",
                    unit="persons", no_data="No data")
    assert len(json.dumps(fig)) < 200_000


def test_sankey_has_focus_partners_and_other_with_codes_for_pivoting():
    fig = f.sankey(_rows(), focus="BIH", focus_label="Bosnia", role="origin", unit="persons", other_label="Other",
                   no_data="No data")
    tr = fig["data"][0]
    assert tr["node"]["label"] == ["Bosnia", "Germany", "Croatia", "Serbia", "Other"]
    assert tr["node"]["customdata"] == ["", "DEU", "HRV", "SRB", ""]
    assert tr["link"]["source"] == [0, 0, 0, 0] and tr["link"]["value"] == [300.0, 200.0, 100.0, 50.0]
    rev = f.sankey(_rows(), focus="BIH", focus_label="Bosnia", role="destination", unit="persons",
                   other_label="Other", no_data="No data")["data"][0]
    assert rev["link"]["target"] == [0, 0, 0, 0]


def test_bars_leave_out_other_and_missing_values():
    rows = _rows()
    rows.loc[2, "value"] = float("nan")
    tr = f.bars(rows, unit="persons", other_label="Other", no_data="No data")["data"][0]
    assert tr["y"] == ["Croatia", "Germany"] and tr["x"] == [200.0, 300.0]


def test_matrix_leaves_missing_cells_empty():
    rows = pd.DataFrame({"origin": ["BIH", "BIH", "REST"], "destination": ["HRV", "REST", "BIH"],
                         "value": [10.0, 1000.0, 5.0]})
    tr = f.matrix(rows, order=["BIH", "HRV", "REST"], names={"BIH": "Bosnia", "HRV": "Croatia",
                                                             "REST": "Rest of world"},
                  unit="persons", no_data="No data")["data"][0]
    assert tr["z"][0][0] is None and tr["text"][0][0] == ""
    assert tr["text"][0][1] == "10" and tr["text"][0][2] == "1,000" and tr["z"][0][2] == 3.0
    assert tr["y"] == ["Bosnia", "Croatia", "Rest of world"]


def test_series_has_corridor_and_reverse_with_periods_as_categories():
    rows = pd.DataFrame({"direction": ["corridor", "corridor", "reverse"], "period": ["1990-1995", "1995-2000",
                                                                                     "1990-1995"],
                         "year_start": [1990, 1995, 1990], "year_end": [1995, 2000, 1995], "value": [5.0, 6.0, 1.0]})
    fig = f.series(rows, labels={"corridor": "A → B", "reverse": "B → A"}, unit="persons", no_data="No data")
    assert [t["name"] for t in fig["data"]] == ["A → B", "B → A"]
    assert fig["data"][0]["x"] == ["1990-1995", "1995-2000"] and fig["layout"]["xaxis"]["type"] == "category"
    assert f.series(rows.iloc[0:0], labels={}, unit="p", no_data="No data")["layout"]["annotations"]
