"""Acceptance (issue 6): for a sample of views on every page, the downloaded CSV's numbers equal the figure's.

Each test fetches ``/download/<view>.csv?<state>`` through the Flask test client and compares it, row for row,
with the figure the page draws for the same state (``views.render``, which every page callback uses for its
chart cards). Rows are matched to trace points by their key (iso3, year, partner, category ...); a missing value
must be missing in both; suppressed '<5' cells must be exported as a flag with an empty value and drawn as text,
never as a number. No tolerance beyond float representation (``figure_points.same``: 1e-9 relative).

Where a figure deliberately draws a documented subset of the downloaded rows (the 'Other' partner row is in
the table but not on the arc map or the bars; the trafficking ranking draws the top 25 of the full list; the
pseudo-code rows of the UNHCR top lists are written in the subtitle), the test checks that exact subset and
where the rest is shown.
"""
from __future__ import annotations

import csv
import io

import pytest

from dashboard import store, views
from dashboard.figures import flows as flows_fig
from dashboard.figures import missing as missing_fig
from dashboard.queries import flows as flows_q
from tests import figure_points as fp

SUPPRESSED = "suppressed_lt5"


# ------------------------------------------------------------------ helpers

def download(client, view_id: str, raw: dict) -> tuple[list[dict], dict]:
    """(CSV rows as dicts of strings, the rendered view) for the page query ``raw``."""
    state, notices = views.parse(view_id, raw)
    assert not notices, notices  # the sample states are all valid: no silent fallback to a default
    query = views.query(view_id, state)
    r = client.get(f"/download/{view_id}.csv{query}")
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert int(r.headers["X-Row-Count"]) == len(rows)
    rendered = views.render(view_id, state)
    assert rendered["rows"] == len(rows)
    return rows, rendered


def val(s: str, col: str = "value") -> float | None:
    """A CSV cell as a number; empty = missing (never 0)."""
    v = s[col] if isinstance(s, dict) else s
    return None if v in ("", None) else float(v)


def keyed(rows: list[dict], key, col: str = "value", keep=lambda r: True) -> dict:
    """{key(row): value} over rows with a value (missing values are absent, as in the figure)."""
    out = {}
    for r in rows:
        if not keep(r) or val(r, col) is None:
            continue
        k = key(r)
        assert k not in out, f"two download rows for {k!r}"
        out[k] = val(r, col)
    return out


def flag(r: dict, col: str) -> bool:
    """A boolean CSV cell (written as true/false)."""
    assert r[col].lower() in ("true", "false"), (col, r[col])
    return r[col].lower() == "true"


def has_rows(rows):
    assert rows, "the sample state must have rows (choose a state with data)"
    assert any(val(r) is not None for r in rows if "value" in r) or "value" not in rows[0]


# ------------------------------------------------------------------ / (explorer)

def map_layers(figure: dict) -> tuple[list[dict], dict]:
    """(the binned ranges' traces, the 'No data' trace) of an explorer map."""
    layers = fp.traces(figure, "choropleth")
    ranges = [tr for tr in layers if tr.get("legendgroup") == "bins"]
    (no_data,) = [tr for tr in layers if tr.get("legendgroup") != "bins" and tr.get("showlegend")]
    return ranges, no_data


@pytest.mark.parametrize("raw", [{}, {"indicator": "refugees_hosted", "year": "2015"},
                                 {"indicator": "net_migration", "year": "2020"}, {"group": "WB6"}])
def test_explorer_map_binned_values_are_exact(client, raw):
    rows, rendered = download(client, "map", raw)
    has_rows(rows)
    ranges, no_data = map_layers(rendered["figure"])
    drawn: dict = {}
    for tr in ranges:  # z carries the published value; each value sits in its range (zmin <= v <= zmax)
        part = fp.choropleth(tr)
        assert not set(part) & set(drawn), "a country drawn in two ranges"
        assert all(tr["zmin"] <= v <= tr["zmax"] for v in part.values()), (tr["name"], part)
        drawn.update(part)
    fp.assert_same_points(keyed(rows, lambda r: r["iso3"]), drawn, f"map {raw}")
    # a reported 0 is data (a range), never 'No data'; rows without a value are not coloured
    assert set(fp.arr(no_data["locations"])).isdisjoint(drawn)
    missing = {r["iso3"] for r in rows if val(r) is None}
    assert missing.isdisjoint(drawn)


@pytest.mark.parametrize("raw", [{}, {"indicator": "emigrant_stock", "year": "2000", "n": "15", "order": "bottom"}])
def test_explorer_ranking(client, raw):
    rows, rendered = download(client, "ranking", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    fp.assert_same_points(keyed(rows, lambda r: r["iso3"]), fp.by_customdata(bar), "ranking")
    # drawn in the download's rank order, top to bottom
    assert fp.arr(bar["customdata"]) == [r["iso3"] for r in rows if val(r) is not None]


@pytest.mark.parametrize("raw", [{}, {"indicator": "migrant_stock_pct", "countries": "BIH,SRB,MNE", "group": "WB6"}])
def test_explorer_series(client, raw):
    rows, rendered = download(client, "series", raw)
    has_rows(rows)
    drawn = {}
    for tr in fp.traces(rendered["figure"], "scatter"):
        if tr.get("meta") == "legend-key":  # the legend's 'Estimate or partial year' key: no data
            assert fp.xy(tr) == {}
            continue
        codes = set(fp.arr(tr["customdata"]))
        assert len(codes) == 1
        code = codes.pop()
        drawn.update({(code, int(x)): y for x, y in fp.xy(tr).items()})
    fp.assert_same_points(keyed(rows, lambda r: (r["code"], int(r["year"]))), drawn, "series")


# ------------------------------------------------------------------ /country/<iso3>

@pytest.mark.parametrize("iso3", ["BIH", "NZL"])
def test_country_profile_small_multiples(client, iso3):
    rows, rendered = download(client, "profile", {"iso3": iso3})
    has_rows(rows)
    label_of = {r["indicator"]: r["label"] for r in rows}
    by_label = {v: k for k, v in label_of.items()}
    drawn, drawn_suppressed = {}, set()
    for tr in fp.traces(rendered["figure"], "scatter"):
        if tr["name"].endswith(" <5"):
            ind = by_label[tr["name"][:-3]]
            assert fp.arr(tr["text"]) == ["<5"] * len(fp.arr(tr["x"]))
            drawn_suppressed |= {(ind, int(x)) for x in fp.arr(tr["x"])}
        else:
            ind = by_label[tr["name"]]
            drawn.update({(ind, int(x)): y for x, y in fp.xy(tr).items()})
    fp.assert_same_points(keyed(rows, lambda r: (r["indicator"], int(r["year"]))), drawn, f"profile {iso3}")
    suppressed = {(r["indicator"], int(r["year"])) for r in rows if r["flag"] == SUPPRESSED}
    assert drawn_suppressed == suppressed
    # a suppressed cell is exported flagged, without a number
    assert all(val(r) is None for r in rows if r["flag"] == SUPPRESSED)
    if iso3 == "NZL":
        assert suppressed, "NZL has suppressed '<5' trafficking counts in the bundle"


@pytest.mark.parametrize("view_id,iso3", [("profile-origins", "BIH"), ("profile-destinations", "DEU"),
                                          ("profile-origins", "FRA")])
def test_country_top_corridors(client, view_id, iso3):
    rows, rendered = download(client, view_id, {"iso3": iso3})
    has_rows(rows)
    code = "origin" if view_id == "profile-origins" else "destination"
    (bar,) = fp.traces(rendered["figure"], "bar")
    fp.assert_same_points(keyed(rows, lambda r: r[code]), fp.by_customdata(bar, index=1), view_id)


@pytest.mark.parametrize("iso3", ["SYR", "UKR"])
def test_country_displacement_lines(client, iso3):
    rows, rendered = download(client, "profile-displacement", {"iso3": iso3})
    has_rows(rows)
    by_label = {r["label"]: r["indicator"] for r in rows}
    drawn = {}
    for tr in fp.traces(rendered["figure"], "scatter"):
        if tr["name"].endswith(" (<5)"):
            continue
        drawn.update({(by_label[tr["name"]], int(x)): y for x, y in fp.xy(tr).items()})
    fp.assert_same_points(keyed(rows, lambda r: (r["indicator"], int(r["year"]))), drawn, "profile-displacement")


# ------------------------------------------------------------------ /compare

def _compare_points(rendered, rows):
    name_of = {r["iso3"]: r["country"] for r in rows}
    iso_of = {v: k for k, v in name_of.items()}
    drawn, suppressed = {}, set()
    for tr in fp.traces(rendered["figure"], "scatter"):
        if tr["name"].endswith(" (<5)"):
            suppressed |= {(iso_of[tr["name"][:-5]], int(x)) for x in fp.arr(tr["x"])}
            assert all(y == 0 for y in fp.arr(tr["y"]))  # a marker on the axis, labelled, not a height
            continue
        drawn.update({(iso_of[tr["name"]], int(x)): y for x, y in fp.xy(tr).items()})
    return drawn, suppressed


@pytest.mark.parametrize("raw", [{}, {"countries": "DEU,AUT,CHE,ITA", "indicator": "refugees_hosted"},
                                 {"countries": "NZL,AUS,SGP", "indicator": "trafficking_victims_detected"}])
def test_compare_series(client, raw):
    rows, rendered = download(client, "compare-series", raw)
    has_rows(rows)
    drawn, suppressed = _compare_points(rendered, rows)
    fp.assert_same_points(keyed(rows, lambda r: (r["iso3"], int(r["year"]))), drawn, "compare-series")
    assert suppressed == {(r["iso3"], int(r["year"])) for r in rows if r["flag"] == SUPPRESSED}
    assert all(val(r) is None for r in rows if r["flag"] == SUPPRESSED)
    if raw.get("indicator") == "trafficking_victims_detected":
        assert suppressed


# ------------------------------------------------------------------ /flows

FLOW_STATES = [{}, {"focus": "DEU", "role": "destination", "measure": "flow_5y", "year": "2015", "top": "8"}]


def _partner_values(rows, *, other: bool):
    return keyed(rows, lambda r: r["partner"], keep=lambda r: other or r["partner"] != flows_q.OTHER)


@pytest.mark.parametrize("raw", FLOW_STATES)
def test_flows_sankey(client, raw):
    rows, rendered = download(client, "sankey", raw)
    has_rows(rows)
    (sk,) = fp.traces(rendered["figure"], "sankey")
    drawn = {("OTHER" if k == "" else k): v for k, v in fp.sankey_by_customdata(sk).items()}
    # a zero or missing flow has no link (no width); every positive row is a link with its exact value
    expected = {k: v for k, v in _partner_values(rows, other=True).items() if v > 0}
    fp.assert_same_points(expected, drawn, "sankey")
    # links run focus -> partner (role=origin) or partner -> focus (role=destination) between the named nodes
    focus, role = rows[0]["focus_name"], rows[0]["role"]
    by_label = fp.sankey(sk)
    for r in rows:
        if r["partner"] == flows_q.OTHER or r["partner"] not in expected:
            continue
        pair = (focus, r["partner_name"]) if role == "origin" else (r["partner_name"], focus)
        assert fp.same(by_label[pair], expected[r["partner"]]), (pair, by_label.get(pair))


@pytest.mark.parametrize("raw", FLOW_STATES)
def test_flows_top_corridor_bars(client, raw):
    rows, rendered = download(client, "corridors-top", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    # 'Other' is in the table and the download, not a bar
    fp.assert_same_points(_partner_values(rows, other=False), fp.by_customdata(bar), "corridors-top")


@pytest.mark.parametrize("raw", FLOW_STATES)
def test_flows_arc_map(client, raw):
    rows, rendered = download(client, "flows-map", raw)
    has_rows(rows)
    fig = rendered["figure"]
    markers = [tr for tr in fp.traces(fig, "scattergeo") if tr.get("name") == "partners"]
    assert len(markers) == 1
    centroids = flows_q.centroids()
    expected = {p: v for p, v in _partner_values(rows, other=False).items() if p in centroids}
    assert set(expected) == set(_partner_values(rows, other=False)), "every partner has a centroid to draw"
    # the numbers on the map are in the partner markers' hover text, written in full by flows.fmt
    drawn = dict(zip(fp.arr(markers[0]["customdata"]), fp.arr(markers[0]["text"])))
    assert set(drawn) == set(expected)
    for p, v in expected.items():
        assert drawn[p].split("<br>")[1].startswith(flows_fig.fmt(v) + " "), (p, v, drawn[p])
        if float(v).is_integer():
            assert float(drawn[p].split("<br>")[1].split(" ")[0].replace(",", "")) == v
    (shade,) = fp.traces(fig, "choropleth")
    assert set(fp.arr(shade["locations"])) == set(expected)


@pytest.mark.parametrize("raw", [{}, {"group": "EU27", "measure": "stock", "year": "2000"}])
def test_flows_region_matrix(client, raw):
    rows, rendered = download(client, "region-matrix", raw)
    has_rows(rows)
    (hm,) = fp.traces(rendered["figure"], "heatmap")
    z, text = fp.heatmap(hm)
    state, _ = views.parse("region-matrix", raw)
    names = dict(store.country_names())
    rest_label = hm["x"][-1]

    def label(code):
        return rest_label if code == flows_q.REST else names.get(code, code)

    expected = keyed(rows, lambda r: (label(r["origin"]), label(r["destination"])))
    # every cell with a value has its full number as text; z is log10 of it (colour), empty cells stay empty
    assert set(text) == set(expected)
    for k, v in expected.items():
        assert text[k] == flows_fig.fmt(v), (k, v, text[k])
        if v > 0:
            assert fp.same(10 ** z[k], v), (k, v, z[k])
        else:
            assert k not in z
    assert set(z) <= set(expected)


# ------------------------------------------------------------------ /corridor/<o>-<d>

@pytest.mark.parametrize("raw", [{"pair": "SYR-DEU"}, {"pair": "BIH-AUT", "measure": "flow_5y"},
                                 {"pair": "MEX-USA", "measure": "refugees"}])
def test_corridor_series(client, raw):
    rows, rendered = download(client, "corridor-series", raw)
    has_rows(rows)
    periods = any(r["year_start"] != r["year_end"] for r in rows)
    names = {tr["name"]: tr for tr in fp.traces(rendered["figure"], "scatter")}
    o, d = (store.country_names()[c] for c in raw["pair"].split("-"))
    label = {"corridor": f"{o} → {d}", "reverse": f"{d} → {o}"}
    drawn = {}
    for direction, lab in label.items():
        if lab in names:
            drawn.update({(direction, x): y for x, y in fp.xy(names[lab]).items()})
    expected = keyed(rows, lambda r: (r["direction"], r["period"] if periods else int(r["year_start"])))
    fp.assert_same_points(expected, drawn, f"corridor {raw}")


# ------------------------------------------------------------------ /displacement

@pytest.mark.parametrize("view_id,raw", [("disp-top-origins", {}),
                                         ("disp-top-hosts", {"year": "2015", "pop": "asylum_seekers"}),
                                         ("disp-top-origins", {"year": "2010", "pop": "idps"})])
def test_displacement_top_lists(client, view_id, raw):
    rows, rendered = download(client, view_id, raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    ranked = [r for r in rows if r["rank"] != ""]
    fp.assert_same_points(keyed(ranked, lambda r: r["country"]), fp.xy(bar), view_id)
    # rows of pseudo codes (unknown origin, stateless ...) are not ranked: their totals are in the subtitle, named in
    # words (the download keeps the code in its iso3 column)
    names = store.country_names("en")
    for r in rows:
        if r["rank"] == "":
            assert f"{names[r['iso3']]} {val(r):,.0f}" in rendered["subtitle"]


@pytest.mark.parametrize("raw", [{}, {"area": "DEU", "role": "asylum"}, {"area": "SYR", "role": "origin"}])
def test_displacement_population_types(client, raw):
    rows, rendered = download(client, "disp-types", raw)
    has_rows(rows)
    fig = rendered["figure"]
    from dashboard.viewdefs.displacement import _pop_labels

    label = _pop_labels("en")
    drawn = fp.xy_all(fig, "scatter")
    fp.assert_same_points(keyed(rows, lambda r: (label[r["pop_type"]], int(r["year"]))), drawn, "disp-types")


@pytest.mark.parametrize("raw", [{}, {"area": "DEU", "role": "asylum"}])
def test_displacement_asylum(client, raw):
    rows, rendered = download(client, "disp-asylum", raw)
    has_rows(rows)
    from dashboard.viewdefs.displacement import _asy_labels

    label = _asy_labels("en")
    drawn = fp.xy_all(rendered["figure"])
    expected = keyed(rows, lambda r: (label[r["measure"]], int(r["year"])), keep=lambda r: r["measure"] in label)
    fp.assert_same_points(expected, drawn, "disp-asylum")
    # the other rows are the published decision components behind the rate (in the card's table, not drawn)
    assert {r["measure"] for r in rows} - set(label) <= {"dec_recognized", "dec_other", "dec_rejected", "dec_closed"}


@pytest.mark.parametrize("raw", [{}, {"area": "PHL"}])
def test_displacement_idmc(client, raw):
    rows, rendered = download(client, "disp-idmc", raw)
    has_rows(rows)
    from dashboard.viewdefs.displacement import _idmc_labels

    label = _idmc_labels("en")
    fp.assert_same_points(keyed(rows, lambda r: (label[r["measure"]], int(r["year"]))),
                          fp.xy_all(rendered["figure"]), "disp-idmc")


# ------------------------------------------------------------------ /trafficking

def _bar_with_lt5(rendered):
    """Horizontal trafficking bars: numbers as bars, '<5' as text with no bar."""
    (bar,) = fp.traces(rendered["figure"], "bar")
    labels, xs, texts = fp.arr(bar["y"]), fp.arr(bar["x"]), fp.arr(bar["text"])
    drawn = {lab: fp.num(x) for lab, x in zip(labels, xs) if fp.num(x) is not None}
    lt5 = {lab for lab, x, t in zip(labels, xs, texts) if fp.num(x) is None and t == "<5"}
    annotated = {a["y"] for a in rendered["figure"]["layout"].get("annotations", []) if a.get("text") == "<5"}
    assert lt5 == annotated
    return drawn, lt5


@pytest.mark.parametrize("raw", [{"country": "AGO", "year": "2020"}, {"country": "BIH", "year": "2022"}])
def test_trafficking_sex_age(client, raw):
    rows, rendered = download(client, "traf-sex-age", raw)
    has_rows(rows)
    def lab(r):
        return f"{r['sex']}, {r['age']}".replace("Total", "all")

    drawn, lt5 = _bar_with_lt5(rendered)
    fp.assert_same_points(keyed(rows, lab), drawn, "traf-sex-age")
    assert lt5 == {lab(r) for r in rows if r["value_txt"] == "<5"}
    for r in rows:
        if r["value_txt"] == "<5":
            assert val(r) is None and r["flag"] == SUPPRESSED  # flagged, never a number
    if raw["country"] == "AGO":
        assert lt5


def test_trafficking_ranking_draws_the_first_25_of_the_download(client):
    rows, rendered = download(client, "traf-ranking", {"year": "2020"})
    has_rows(rows)
    from dashboard.viewdefs.trafficking import TOP

    (bar,) = fp.traces(rendered["figure"], "bar")
    with_value = [r for r in rows if val(r) is not None]
    fp.assert_same_points(keyed(with_value[:TOP], lambda r: r["country"]), fp.xy(bar), "traf-ranking")
    # the rest of the list, '<5' countries included (flagged, no number), is the card's table and the download
    assert all(r["flag"] == SUPPRESSED for r in rows if r["value_txt"] == "<5")
    assert all(val(r) is None for r in rows if r["value_txt"] == "<5")
    assert f"{min(TOP, len(with_value))}" in rendered["subtitle"] and f"{len(rows)}" in rendered["subtitle"]


@pytest.mark.parametrize("country", ["AGO", "BIH"])
def test_trafficking_series(client, country):
    rows, rendered = download(client, "traf-series", {"country": country})
    has_rows(rows)
    from dashboard.viewdefs.trafficking import _series_labels

    label = _series_labels("en")
    fig = rendered["figure"]
    fp.assert_same_points(keyed(rows, lambda r: (label[r["indicator"]], int(r["year"]))),
                          fp.xy_all(fig, "scatter"), "traf-series")
    lt5_drawn = sorted(a["x"] for a in fig["layout"].get("annotations", []) if a.get("text") == "<5")
    lt5_rows = sorted(int(r["year"]) for r in rows if r["value_txt"] == "<5")
    assert lt5_drawn == lt5_rows
    assert all(val(r) is None and r["flag"] == SUPPRESSED for r in rows if r["value_txt"] == "<5")
    if country == "AGO":
        assert lt5_rows


@pytest.mark.parametrize("raw", [{}, {"ctdc_by": "victim_gender"}, {"ctdc_by": "year_band"}])
def test_trafficking_ctdc_shares(client, raw):
    rows, rendered = download(client, "traf-ctdc", raw)
    assert rows
    body = [r for r in rows if not flag(r, "is_total")]
    drawn, records = {}, {}
    for tr in fp.traces(rendered["figure"], "bar"):
        for cat, x, cd in zip(fp.arr(tr["y"]), fp.arr(tr["x"]), fp.arr(tr["customdata"])):
            if fp.num(x) is not None:
                drawn[(tr["name"], cat)] = fp.num(x)
            records[(tr["name"], cat)] = cd
    fp.assert_same_points(keyed(body, lambda r: (r["exploitation"], r["category"]), col="share_pct"), drawn,
                          "traf-ctdc")
    # the hover's record count is the CSV's records_txt; withheld cells (k-anonymity) have no share, no bar
    for r in body:
        assert records[(r["exploitation"], r["category"])] == r["records_txt"], r
        if flag(r, "suppressed"):
            assert val(r, "share_pct") is None and (r["exploitation"], r["category"]) not in drawn


# ------------------------------------------------------------------ /routes

@pytest.mark.parametrize("raw", [{}, {"route": "Western Balkan Route"}])
def test_routes_monthly(client, raw):
    rows, rendered = download(client, "routes-monthly", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    fp.assert_same_points(keyed(rows, lambda r: r["month"]), fp.by_customdata(bar, value="y", index=0),
                          "routes-monthly")


@pytest.mark.parametrize("raw", [{}, {"nat": "SYR", "ayear": "2016"}])
def test_routes_asylum(client, raw):
    rows, rendered = download(client, "routes-asylum", raw)
    has_rows(rows)
    drawn = {}
    for tr in fp.traces(rendered["figure"], "bar"):
        drawn.update(fp.xy(tr))
    expected = keyed(rows, lambda r: r["destination"])
    countries = [r for r in rows if not flag(r, "is_eu27_aggregate") and val(r) is not None]
    # the chart draws the first 15 reporting countries and the published EU27 total
    shown = {r["destination"] for r in countries[:15]} | {r["destination"] for r in rows
                                                         if flag(r, "is_eu27_aggregate") and val(r) is not None}
    fp.assert_same_points({k: v for k, v in expected.items() if k in shown}, drawn, "routes-asylum")
    assert len(countries) <= 15 or set(expected) - shown


@pytest.mark.parametrize("raw", [{}, {"route": "Eastern Mediterranean Route", "year": "2016"}])
def test_routes_top_nationalities(client, raw):
    rows, rendered = download(client, "routes-top", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    fp.assert_same_points(keyed(rows, lambda r: r["nationality"]), fp.xy(bar), "routes-top")


# ------------------------------------------------------------------ /missing-migrants

@pytest.mark.parametrize("raw", [{}, {"dataset": "europe"}])
def test_missing_series(client, raw):
    rows, rendered = download(client, "missing-series", raw)
    assert rows
    fig = rendered["figure"]
    if any(tr.get("type") == "bar" for tr in fp.traces(fig)):  # one route split into dead and missing
        from dashboard.i18n import t

        col = {t("missing.dead", "en"): "dead", t("missing.missing", "en"): "missing"}
        drawn = {(col[n], x): v for (n, x), v in fp.xy_all(fig, "bar").items()}
        expected = {}
        for c in ("dead", "missing"):
            expected.update(keyed(rows, lambda r, c=c: (c, int(r["year"])), col=c))
    else:
        drawn = fp.xy_all(fig, "scatter")
        from dashboard.i18n import vocab  # routes are drawn in plain words ('Undefined' -> what IOM means by it)

        expected = keyed(rows, lambda r: (vocab(r["route"], "en"), int(r["year"])), col="dead_missing")
    fp.assert_same_points(expected, drawn, f"missing-series {raw}")


@pytest.mark.parametrize("raw", [{"year": "2023"}, {}])
def test_missing_incident_map(client, raw):
    rows, rendered = download(client, "missing-map", raw)
    assert rows
    drawn_dm, drawn_n = {}, {}
    short = {missing_fig._short(c): c for c in missing_fig.CAUSE_COLOURS}
    for tr in fp.traces(rendered["figure"], "scattergeo"):
        cause = short[tr["name"]]
        for (lat, lon), size in fp.scattergeo_points(tr).items():
            drawn_dm[(cause, lat, lon)] = size
        for (lat, lon), cd in zip(zip(fp.arr(tr["lat"]), fp.arr(tr["lon"])), fp.arr(tr["customdata"])):
            drawn_n[(cause, float(lat), float(lon))] = float(cd[1])
    key = lambda r: (r["cause"], float(r["lat"]), float(r["lon"]))  # noqa: E731
    fp.assert_same_points(keyed(rows, key, col="dead_missing"), drawn_dm, "missing-map dead and missing")
    fp.assert_same_points(keyed(rows, key, col="incidents"), drawn_n, "missing-map incidents")


# ------------------------------------------------------------------ the remaining views of each page

@pytest.mark.parametrize("raw", [{}, {"area": "DEU", "role": "asylum", "year": "2016", "pop": "asylum_seekers"}])
def test_displacement_pairs(client, raw):
    rows, rendered = download(client, "disp-pairs", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    key = lambda r: f"{r['origin_name'] or r['origin']} → {r['asylum_name'] or r['asylum']}"  # noqa: E731
    fp.assert_same_points(keyed(rows, key), fp.xy(bar), "disp-pairs")


@pytest.mark.parametrize("raw", [{}, {"area": "PHL", "year": "2020"}])
def test_displacement_hazards(client, raw):
    rows, rendered = download(client, "disp-hazards", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    fp.assert_same_points(keyed(rows, lambda r: r["hazard"]), fp.xy(bar), "disp-hazards")


@pytest.mark.parametrize("view_id,series_col,labels_fn", [("disp-idps", "series", "_rec_labels"),
                                                          ("disp-solutions", "solution_type", "_sol_labels")])
@pytest.mark.parametrize("raw", [{}, {"area": "COL"}])
def test_displacement_other_lines(client, view_id, series_col, labels_fn, raw):
    from dashboard.viewdefs import displacement as vd

    rows, rendered = download(client, view_id, raw)
    has_rows(rows)
    label = getattr(vd, labels_fn)("en")
    fp.assert_same_points(keyed(rows, lambda r: (label[r[series_col]], int(r["year"]))),
                          fp.xy_all(rendered["figure"], "scatter"), view_id)


@pytest.mark.parametrize("view_id,raw", [("traf-forms", {"country": "BIH", "year": "2022"}),
                                         ("traf-citizenship", {"country": "DEU", "year": "2020"}),
                                         ("traf-forms", {"country": "AGO", "year": "2020"})])
def test_trafficking_breakdowns(client, view_id, raw):
    rows, rendered = download(client, view_id, raw)
    has_rows(rows)
    missing_label = "(not stated)" if view_id == "traf-forms" else "(label not published)"

    def lab(r):
        return r["category"] or missing_label

    drawn, lt5 = _bar_with_lt5(rendered)
    fp.assert_same_points(keyed(rows, lab), drawn, view_id)
    assert lt5 == {lab(r) for r in rows if r["value_txt"] == "<5"}
    assert all(val(r) is None and r["flag"] == SUPPRESSED for r in rows if r["value_txt"] == "<5")


@pytest.mark.parametrize("country", ["BIH", "MEX"])
def test_trafficking_tip_tiers(client, country):
    rows, rendered = download(client, "traf-tip", {"country": country})
    assert rows
    (tr,) = fp.traces(rendered["figure"], "scatter")
    from dashboard.figures.trafficking import TIER_ORDER

    drawn = dict(zip((int(x) for x in fp.arr(tr["x"])), fp.arr(tr["y"])))
    assert set(drawn) == {int(r["report_year"]) for r in rows}
    for r in rows:  # a tier is text: drawn as its category, an unranked year on the bottom row
        y = drawn[int(r["report_year"])]
        assert y == r["tier"] if r["tier"] in TIER_ORDER else y not in TIER_ORDER


@pytest.mark.parametrize("raw", [{}, {"series": "darien"}, {"series": "honduras"}])
def test_routes_americas(client, raw):
    rows, rendered = download(client, "routes-americas", raw)
    has_rows(rows)
    (bar,) = fp.traces(rendered["figure"], "bar")
    # x is the period label ('<period> (partial)' when flagged): the rows' order and values, bar for bar
    xs, ys = fp.arr(bar["x"]), fp.arr(bar["y"])
    assert len(xs) == len(rows)
    for r, x, y in zip(rows, xs, ys):
        assert x == r["period"] or x.startswith(r["period"] + " ("), (x, r["period"])
        assert fp.same(val(r), y), (r["period"], val(r), y)


@pytest.mark.parametrize("raw", [{}, {"route": "Western Mediterranean Route"}])
def test_routes_crossings_and_deaths(client, raw):
    rows, rendered = download(client, "routes-side", raw)
    has_rows(rows)
    from dashboard.viewdefs.routes import _side_labels

    labels = _side_labels("en")
    name = {"Frontex detections": labels["detections"], "IOM dead and missing": labels["deaths"]}
    fp.assert_same_points(keyed(rows, lambda r: (name[r["measure"]], int(r["year"]))),
                          fp.xy_all(rendered["figure"], "bar"), "routes-side")
