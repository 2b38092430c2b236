"""Pure flow figure builders: great circles, the arc map's extent and size legend, Sankey with 'Other' and values,
bars, matrix, series."""
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


def _inside(lon: float, lat: float, geo: dict) -> bool:
    """Whether a point is inside the geo's ranges (a lon range written [west > 0, east < 0] crosses 180)."""
    (w, e), (s, n) = geo["lonaxis"]["range"], geo["lataxis"]["range"]
    in_lon = w <= lon <= e if w <= e else (lon >= w or lon <= e)
    return in_lon and s <= lat <= n


def test_arc_map_fits_the_focus_and_every_partner_and_draws_one_arc_per_partner():
    fig = f.arc_map(_rows(), focus_label="Bosnia", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS,
                    role="origin", unit="persons", no_data="No data")
    geo = fig["layout"]["geo"]
    assert geo["fitbounds"] is False
    for code in ("BIH", "DEU", "HRV", "SRB"):  # the focus and every drawn partner, with a margin
        lat, lon = CENTROIDS[code]
        assert _inside(lon, lat, geo) and _inside(lon + 1.5, lat + 1.5, geo) and _inside(lon - 1.5, lat - 1.5, geo)
    (w, e), (s, n) = geo["lonaxis"]["range"], geo["lataxis"]["range"]
    # zoomed to the Balkans and Germany (not the world), yet at least the minimum span, wider than tall
    assert f.MIN_SPAN[0] <= e - w <= 60 and f.MIN_SPAN[1] <= n - s <= 35 and e - w >= n - s
    assert geo["projection"]["rotation"]["lon"] == round((w + e) / 2, 2)
    lines = [t for t in fig["data"] if t.get("mode") == "lines"]
    assert len(lines) == 3  # 'Other' is not drawn
    assert all(_inside(lo, la, geo) for t in lines for lo, la in zip(t["lon"], t["lat"]))  # every arc whole
    widths = [t["line"]["width"] for t in lines]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    assert lines[0]["lat"][0] == CENTROIDS["BIH"][0]  # origin role: arcs start at the focus
    choro = fig["data"][0]
    assert choro["type"] == "choropleth" and choro["locations"] == ["DEU", "HRV", "SRB"]
    hover = [t for t in fig["data"] if t.get("customdata")][0]["text"][0]
    assert "Germany" in hover and "300" in hover and "40.0%" in hover and "2024" in hover


def test_arc_map_extents_europe_and_world_and_an_unknown_extent_is_fitted():
    kw = dict(focus_label="B", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS, role="origin", unit="persons",
              no_data="No data")
    europe = f.arc_map(_rows(), extent="europe", **kw)["layout"]["geo"]
    assert [europe["lonaxis"]["range"], europe["lataxis"]["range"]] == [list(r) for r in f.EXTENTS["europe"]]
    world = f.arc_map(_rows(), extent="world", **kw)["layout"]["geo"]
    assert world["lonaxis"]["range"] == [-180, 180] and world["lataxis"]["range"] == [-58, 85]
    odd = f.arc_map(_rows(), extent="<script>", **kw)["layout"]["geo"]  # the builder never fails on it
    assert odd == f.arc_map(_rows(), extent="fit", **kw)["layout"]["geo"] != world


def test_fit_across_the_antimeridian_and_corridors_round_the_world():
    # Fiji to Australia, New Zealand and the United States: the window crosses 180, written as plotly reads it
    cents = {"FJI": (-17.8, 178.0), "AUS": (-25.0, 134.0), "NZL": (-41.0, 174.0), "USA": (39.0, -98.0)}
    rows = pd.DataFrame({"partner": ["AUS", "NZL", "USA"], "partner_name": ["A", "N", "U"],
                         "value": [50.0, 40.0, 10.0], "share": [0.5, 0.4, 0.1], "period": "2024"})
    fig = f.arc_map(rows, focus_label="Fiji", focus_point=cents["FJI"], centroids=cents, role="origin",
                    unit="persons", no_data="No data")
    geo = fig["layout"]["geo"]
    (w, e) = geo["lonaxis"]["range"]
    assert w > 0 > e and (e + 360) - w < 300  # crosses the antimeridian, far less than the world
    assert all(_inside(lon, lat, geo) for lat, lon in cents.values())
    assert geo["projection"]["rotation"]["lon"] < -150 or geo["projection"]["rotation"]["lon"] > 150
    # partners on every side of the globe: the whole world's longitudes
    ring = {f"C{i}": (0.0, -170.0 + 40 * i) for i in range(9)}
    ring["F"] = (10.0, 5.0)
    rows = pd.DataFrame({"partner": list(ring)[:9], "partner_name": list(ring)[:9], "value": [1.0] * 9,
                         "share": [0.1] * 9, "period": "2024"})
    geo = f.arc_map(rows, focus_label="F", focus_point=ring["F"], centroids=ring, role="origin", unit="persons",
                    no_data="No data")["layout"]["geo"]
    assert geo["lonaxis"]["range"] == [-180, 180]


def test_size_legend_has_round_reference_values_in_the_page_language_drawn_as_the_arcs_are():
    assert f.legend_values(412_345) == [200_000, 100_000, 20_000]
    assert f.legend_values(300) == [200, 50, 10] and f.legend_values(3) == [2]  # no fractions of a person
    assert f.legend_values(0) == [] and f.legend_values(float("nan")) == []
    rows = _rows()
    rows.loc[0, "value"] = 1_234_567.0
    for lang, names in (("en", ["1M", "200K", "50K"]), ("bs", ["1\xa0mil.", "200\xa0hilj.", "50\xa0hilj."]),
                        ("fr", ["1\xa0M", "200\xa0k", "50\xa0k"])):
        fig = f.arc_map(rows, focus_label="B", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS, role="origin",
                        unit="persons", no_data="No data", legend_title=f"size ({lang})", lang=lang)
        legend = [t for t in fig["data"] if t.get("showlegend")]
        assert [t["name"] for t in legend] == names, lang
        assert fig["layout"]["showlegend"] is True and fig["layout"]["legend"]["title"]["text"] == f"size ({lang})"
        assert fig["layout"]["legend"]["orientation"] == "h" and fig["layout"]["legend"]["itemclick"] is False
        # a reference value gets the width and size an arc and a circle of that value get (square-root scale)
        widths = [t["line"]["width"] for t in legend]
        assert widths == sorted(widths, reverse=True)
        assert legend[0]["line"]["width"] == round(1 + 9 * math.sqrt(1_000_000 / 1_234_567), 2)
        assert legend[0]["marker"]["size"] == round(5 + 9 * math.sqrt(1_000_000 / 1_234_567), 1)
        assert all(t["lat"] == [None] for t in legend)  # legend entries only, nothing on the map


def test_arc_map_names_its_partner_layers_with_the_given_label():
    fig = f.arc_map(_rows(), focus_label="B", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS, role="origin",
                    unit="osobe", no_data="Nema", partners_label="partneri", lang="bs")
    named = [t for t in fig["data"] if t["type"] == "choropleth" or t.get("customdata")]
    assert len(named) == 2 and all(t["name"] == "partneri" for t in named)
    assert not any(t.get("name") == "partners" for t in fig["data"])


def test_arc_map_for_destination_ends_at_the_focus_and_empty_says_no_data():
    fig = f.arc_map(_rows(), focus_label="B", focus_point=CENTROIDS["BIH"], centroids=CENTROIDS,
                    role="destination", unit="persons", no_data="No data")
    line = [t for t in fig["data"] if t.get("mode") == "lines"][0]
    assert line["lat"][-1] == CENTROIDS["BIH"][0]
    empty = f.arc_map(_rows().iloc[0:0], focus_label="B", focus_point=None, centroids=CENTROIDS,
                      role="origin", unit="persons", no_data="No data")
    assert empty["layout"]["annotations"][0]["text"] == "No data" and empty["layout"]["geo"]["fitbounds"] is False
    assert empty["layout"]["geo"]["lonaxis"]["range"] == [-180, 180]  # nothing to fit: the world


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
    assert tr["meta"]["node_names"] == ["Bosnia", "Germany", "Croatia", "Serbia", "Other"]
    assert tr["node"]["label"] == ["Bosnia · 650", "Germany · 300", "Croatia · 200", "Serbia · 100", "Other · 50"]
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


def test_sankey_nodes_carry_their_values_once_in_the_page_language():
    rows = _rows()
    rows["value"] = [1_234_567.0, 45_600.0, 950.0, 2_500.0]
    for lang, labels in (
            ("bs", ["Bosnia · 1,28\xa0mil.", "Germany · 1,23\xa0mil.", "Croatia · 45,6\xa0hilj.", "Serbia · 950",
                    "Ostalo · 2,5\xa0hilj."]),
            ("fr", ["Bosnia · 1,28\xa0M", "Germany · 1,23\xa0M", "Croatia · 45,6\xa0k", "Serbia · 950",
                    "Ostalo · 2,5\xa0k"])):
        tr = f.sankey(rows, focus="BIH", focus_label="Bosnia", role="origin", unit="osobe", other_label="Ostalo",
                      no_data="Nema", lang=lang)["data"][0]
        assert tr["node"]["label"] == labels, lang
        assert all(lab.count(f.SANKEY_SEP) == 1 for lab in tr["node"]["label"])
        assert "node_values" not in tr["meta"]  # nothing left for another view to append a second time
