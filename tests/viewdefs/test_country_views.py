"""Profile and comparison chart views: rows, texts (what, when, units, source) and page layouts."""
from __future__ import annotations

import json
import re

from dash import html

from dashboard import views
from dashboard.queries import profile as q
from layouts.cards import wire


def _find(component, pred, found=None):
    found = [] if found is None else found
    if pred(component):
        found.append(component)
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for c in children:
            _find(c, pred, found)
    elif children is not None and hasattr(children, "children"):
        _find(children, pred, found)
    return found


def test_destinations_view_rows_texts_and_source():
    state, notices = views.parse("profile-destinations", {"iso3": "BIH"})
    assert notices == []
    rows = views.data("profile-destinations", state)
    assert list(rows["destination"][:5]) == ["HRV", "DEU", "SRB", "AUT", "SVN"]
    r = views.render("profile-destinations", state)
    assert "2024" in r["title"] and "Bosnia and Herzegovina" in r["title"]
    assert "persons" in r["subtitle"]
    assert "2024 revision" in r["source_full"] and "CC BY 3.0 IGO" in r["source_full"]
    assert r["summary"].startswith("Largest destinations") and "363,041" in r["summary"]
    assert r["rows"] == 10


def test_profile_small_multiples_and_displacement_views():
    state, _ = views.parse("profile", {"iso3": "BIH"})
    r = views.render("profile", state)
    assert "Bosnia and Herzegovina" in r["title"]
    rows = views.data("profile", state)
    assert set(rows["indicator"]) <= set(q.MAIN_SERIES)
    assert {"unit", "source", "licence", "flag"} <= set(rows.columns)
    d = views.render("profile-displacement", state)
    assert "UNHCR" in d["source"] and "IDMC" in d["source"].upper() or "Internal Displacement" in d["source"]


def test_unknown_iso3_falls_back_with_notice():
    state, notices = views.parse("profile", {"iso3": "XYZ"})
    assert state["iso3"] == "BIH" and notices


def test_compare_series_rows_equal_store_values():
    state, notices = views.parse("compare-series", {"countries": "BIH,SRB,HRV", "indicator": "emigrant_stock"})
    assert notices == [] and state["countries"] == ("BIH", "SRB", "HRV")
    rows = views.data("compare-series", state)
    assert set(rows["iso3"]) == {"BIH", "SRB", "HRV"}
    bih2024 = rows[(rows["iso3"] == "BIH") & (rows["year"] == 2024)]["value"].iloc[0]
    assert bih2024 == 1608324.0
    r = views.render("compare-series", state)
    assert r["title"].startswith("Emigrant stock") and "1990–2024" in r["title"]
    assert [t["name"] for t in r["figure"]["data"]] == ["Bosnia and Herzegovina", "Serbia", "Croatia"]
    assert views.query("compare-series", state) == "?v=1&countries=BIH,SRB,HRV&indicator=emigrant_stock"


def test_country_layout_shows_key_figures_with_no_data_and_suppressed():
    from layouts import country

    def table(code):  # the key figures travel as one server-built string (layouts/markup.holder)
        [wrap] = _find(country.layout(iso3=code), lambda c: getattr(c, "id", None) == "country-key-figures")
        return getattr(wrap, "data-html")

    assert re.search(r'<abbr class="kf-value" title="[^"]+">&lt;5</abbr>', table("and"))  # lower case works
    missing = re.findall(r'<span class="kf-missing">([^<]*)</span>', table("DEU"))
    assert missing and all(m == "No data" for m in missing)


def test_unknown_country_page_suggests_and_never_raises():
    from layouts import country

    for code in ("BHI", "XYZ", "", "<script>", "bosnia"):
        page = country.layout(iso3=code)
        assert isinstance(page, html.Main)
    page = country.layout(iso3="BHI")
    links = [a.href for a in _find(page, lambda c: isinstance(c, html.A))]
    assert "/country/BIH" in links


def test_compare_layout_expands_groups_and_reports_bad_values():
    from layouts import compare

    state, notices = compare.compare_state("WB6,zz", "nope")
    assert len(state["countries"]) == 6 and state["indicator"] == "migrant_stock"
    assert any("zz" in n for n in notices) and any("nope" in n for n in notices)
    state, notices = compare.compare_state("WB6,EU27", None)
    assert len(state["countries"]) == 8 and any("8" in n for n in notices)
    page = compare.layout(countries="BIH,SRB,HRV")
    # the key-figures table is sent as the plain JSON Dash sends (kept per worker): look for its links there
    links = re.findall(r'"href": "(/country/[A-Z]{3})"', json.dumps(wire(page)))
    assert links[:3] == ["/country/BIH", "/country/SRB", "/country/HRV"]


def test_profile_callback_values_and_navigation():
    from callbacks import compare as cb_compare
    from callbacks import country as cb_country

    values = cb_country.chart_values("BIH")
    assert len(values) == 7 * len(cb_country.CHARTS)
    assert cb_country.go_to_country("SRB", "/country/BIH") == "/country/SRB"
    out = cb_compare.update_compare(["BIH"], "migrant_stock")
    assert out[-1] == "notice" and "two" in str(out[-2])
    assert cb_compare.write_url(["BIH", "HRV", "SRB"], "migrant_stock") == "?v=1&countries=BIH,HRV,SRB"


def _texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for n in node for s in _texts(n)]
    if isinstance(node, dict):
        return _texts(node.get("props", {}).get("children"))
    return [] if node is None else [str(node)]


def test_compare_key_figures_each_cell_is_its_country_and_indicators_own_figure():
    """Every cell of the key-figures table (kept as JSON per worker) holds the first row the query gives for its
    indicator and country, with its year; a country without that figure says so; no figure lands in another
    country's column."""
    from dashboard.i18n import t
    from dashboard.numbers import amount, is_missing
    from layouts import compare

    countries = ("BIH", "XKX", "DEU", "SRB")
    rows = q.compare_figures(countries)
    table = compare.key_figures_table(countries, "fr")
    body = table["props"]["children"][1]["props"]["children"]
    by_indicator = {tr["props"]["data-indicator"]: tr["props"]["children"] for tr in body}
    assert list(by_indicator) == [i for i in q.KEY_FIGURES if (rows["indicator"] == i).any()]
    checked = missing = 0
    for ind, cells in by_indicator.items():
        sub = rows[rows["indicator"] == ind]
        for c, td in zip(countries, cells[1:1 + len(countries)]):
            hit = sub[sub["iso3"] == c]
            text = " ".join(_texts(td))
            if hit.empty or is_missing(hit.iloc[0]["year"]):
                missing += 1
                assert text == t("country.no_data", "fr"), (ind, c, text)
                continue
            r = hit.iloc[0]
            assert td["props"]["data-iso3"] == c
            assert f"({int(r['year'])})" in text, (ind, c, text)
            assert amount(r["value"], r["unit"], "fr", missing="") in text, (ind, c, text)
            checked += 1
    assert checked >= 20 and missing >= 1  # Kosovo has no UN DESA figures
