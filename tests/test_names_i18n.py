"""Names per language (issue 15): country names and group labels in en, bs and fr from the bundle, shown wherever
a page, chart, embed or slide shows a name, while CSV and API columns stay English."""
from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from dashboard import store, views
from dashboard.ingest import names as ingest_names

RANKING = {"indicator": "migrant_stock", "year": "2020", "group": "EU27", "n": "5"}


def _components(node):
    """Every Dash component in a layout tree."""
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from _components(child)


def _text(node) -> str:
    children = getattr(node, "children", None)
    if isinstance(children, (str, int, float)):
        return str(children)
    if isinstance(children, (list, tuple)):
        return "".join(c if isinstance(c, str) else _text(c) for c in children if c is not None)
    return "" if children is None else _text(children)


def _ranking(lang: str) -> dict:
    state = views.parse("ranking", RANKING)[0]
    return views.render("ranking", state, lang)


# ------------------------------------------------------------------ store API

@pytest.mark.parametrize("lang, name", [("en", "Germany"), ("bs", "Njemačka"), ("fr", "Allemagne")])
def test_germany_in_each_language(lang, name):
    assert store.country_names(lang)["DEU"] == name


def test_unknown_language_and_default_are_english():
    assert store.country_names()["DEU"] == "Germany"
    assert store.country_names("de")["DEU"] == "Germany"
    assert store.country_names(None)["BIH"] == "Bosnia and Herzegovina"
    assert store.group_labels("de")["WB6"] == store.group_labels()["WB6"] == "Western Balkans (WB6)"
    assert store.group_labels("xx")["WB6"] == "⟦Western Balkans (WB6)⟧"  # the pseudo-locale brackets names too


def test_country_names_returns_a_copy():
    names = store.country_names("bs")
    names["DEU"] = "changed"
    assert store.country_names("bs")["DEU"] == "Njemačka"


def test_group_labels_per_language():
    assert store.group_labels("bs")["WB6"] == "Zapadni Balkan (WB6)"
    assert store.group_labels("fr")["EU27"] == "Union européenne (27)"
    assert store.group_labels("fr")["M49-150"] == "Europe"
    assert store.group_labels("bs")["M49-39"] == "Južna Evropa"


def test_display_names_translates_only_the_english_name_of_the_code():
    import pandas as pd

    rows = pd.DataFrame({"iso3": ["DEU", "BIH", "XXX"], "country": ["Germany", "Rest of world", "Whatever"],
                         "value": [1, 2, 3]})
    out = store.display_names(rows, "fr")
    assert list(out["country"]) == ["Allemagne", "Rest of world", "Whatever"]
    assert list(rows["country"]) == ["Germany", "Rest of world", "Whatever"]  # the input is not changed
    assert store.display_names(rows, "en") is rows


# ------------------------------------------------------------------ the bundle

def test_every_country_has_a_name_and_a_source_in_bs_and_fr():
    c = store.bundle().table("countries")
    for lang in ("bs", "fr"):
        names, sources = c[f"name_{lang}"].astype("object"), c[f"name_{lang}_source"].astype("object")
        assert names.notna().all() and (names.astype(str).str.strip() != "").all(), lang
        assert sources.notna().all(), lang
    allowed_bs = {"pycountry:bs", "pycountry:hr", "pycountry:sr@latin", "override", "english"}
    assert set(c["name_bs_source"]) <= allowed_bs
    assert set(c["name_fr_source"]) <= {"un_m49", "pycountry:fr", "override", "english"}
    # the Bosnian catalogue covers most of the list; the fallbacks are a small minority
    assert (c["name_bs_source"] == "pycountry:bs").sum() > 0.9 * len(c)


def test_source_column_says_where_each_name_came_from():
    c = store.bundle().table("countries").set_index("iso3")
    assert c.at["DEU", "name_bs_source"] == "pycountry:bs" and c.at["DEU", "name_fr_source"] == "un_m49"
    assert c.at["CZE", "name_bs_source"] == "pycountry:hr"  # missing in the bs catalogue
    assert c.at["XKX", "name_bs"].startswith("Kosovo") and c.at["XKX", "name_bs_source"] == "override"
    assert c.at["XKX", "name_fr"].startswith("Kosovo")
    for code in ("UNK", "XXA", "CHI"):  # no source names them in bs: English kept and said so
        assert c.at[code, "name_bs_source"] == "english" and c.at[code, "name_bs"] == c.at[code, "name"]
    english = c[c["name_bs_source"] == "english"]
    assert (english["name_bs"] == english["name"]).all()
    # every name claimed from pycountry really is the catalogue's entry
    for code, row in c[c["name_bs_source"].str.startswith("pycountry:")].iterrows():
        lang = row["name_bs_source"].split(":", 1)[1]
        assert ingest_names._catalogue(lang)[ingest_names._iso_name(code)] == row["name_bs"], code


def test_names_are_unique_within_each_language():
    c = store.bundle().table("countries")
    for col in ("name", "name_bs", "name_fr"):
        dup = c[c[col].duplicated(keep=False)]
        assert dup.empty, (col, dup[["iso3", col]].values.tolist())


def test_group_labels_in_the_bundle():
    g = store.bundle().table("groups")
    for lang in ("bs", "fr"):
        assert g[f"label_{lang}"].notna().all() and g[f"label_{lang}_source"].notna().all()
        assert set(g[f"label_{lang}_source"]) <= {"cldr", "table", "english"}
    assert (g["label_fr_source"] != "english").all()


# ------------------------------------------------------------------ pages

@pytest.mark.parametrize("lang, name", [("en", "Germany"), ("bs", "Njemačka"), ("fr", "Allemagne")])
def test_country_profile_heading(lang, name):
    from layouts import country

    page = country.layout(iso3="DEU", lang=lang)
    h1 = [c for c in _components(page) if type(c).__name__ == "H1"]
    assert h1 and _text(h1[0]).startswith(name), _text(h1[0])


def test_country_profile_chart_titles_use_the_language():
    state = views.parse("profile", {"iso3": "DEU"})[0]
    assert "Njemačka" in views.render("profile", state, "bs")["title"]
    assert "Allemagne" in views.render("profile", state, "fr")["title"]


def test_country_profile_groups_in_the_language():
    from dashboard.queries import profile

    head = profile.header("DEU", "fr")
    assert head["name"] == "Allemagne"
    assert ("EU27", "Union européenne (27)") in head["groups"]
    assert head["region"] == "Europe" and head["subregion"] == "Europe de l’Ouest"


def test_pickers_use_the_language():
    from layouts import options

    opts = {o["value"]: o for o in options.countries(["DEU", "BIH", "CZE"], "bs")}
    assert opts["DEU"]["label"] == "Njemačka" and "DEU" in opts["DEU"]["search"]
    # accents do not push a name to the end: Češka sorts among the C's, before Njemačka
    assert [o["value"] for o in options.countries(["DEU", "BIH", "CZE"], "bs")] == ["BIH", "CZE", "DEU"]
    assert {o["value"]: o["label"] for o in options.groups(["WB6"], "fr")}["WB6"] == "Balkans occidentaux (WB6)"


# ------------------------------------------------------------------ explorer charts

def test_ranking_bars_and_hover_in_bosnian():
    fig = _ranking("bs")["figure"]
    bar = fig["data"][0]
    assert any(label.endswith("Njemačka") for label in bar["y"]), bar["y"]
    assert any(h.startswith("Njemačka:") for h in bar["hovertext"])
    assert not any("Germany" in label for label in bar["y"])


def test_ranking_texts_name_the_group_and_countries_in_french():
    out = _ranking("fr")
    assert "Union européenne (27)" in out["title"]
    assert "Allemagne" in out["summary"]


def test_map_hover_in_the_language():
    state = views.parse("map", {"indicator": "migrant_stock", "year": "2020"})[0]
    for lang, name in (("bs", "Njemačka"), ("fr", "Allemagne")):
        fig = views.render("map", state, lang)["figure"]
        hover = {loc: text for trace in fig["data"] if trace.get("legendgroup") == "bins"
                 for loc, text in zip(trace["locations"], trace["text"])}
        assert hover["DEU"].startswith(name + ":"), hover["DEU"]


def test_series_legend_in_the_language():
    state = views.parse("series", {"indicator": "migrant_stock", "countries": "DEU,BIH", "group": "WB6"})[0]
    fig = views.render("series", state, "bs")["figure"]
    names = {tr.get("name") for tr in fig["data"]}
    assert "Njemačka" in names and any(n.startswith("Zapadni Balkan (WB6)") for n in names), names


def test_card_table_in_the_language_download_in_english():
    state = views.parse("ranking", RANKING)[0]
    assert "Allemagne" in list(views.table("ranking", state, "fr").frame["country"])
    assert "Germany" in list(views.data("ranking", state)["country"])


def test_ranking_csv_keeps_english_country_column(client):
    query = "&".join(f"{k}={v}" for k, v in RANKING.items())
    for lang in ("en", "bs", "fr"):
        r = client.get(f"/download/ranking.csv?{query}&lang={lang}")
        assert r.status_code == 200, r.data[:300]
        rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
        countries = {row["iso3"]: row["country"] for row in rows}
        assert countries["DEU"] == "Germany", lang


def test_api_names_stay_english(client):
    r = client.get("/api/v1/catalog?lang=fr")
    if r.status_code == 404:
        pytest.skip("no catalogue endpoint at this path")
    body = json.loads(r.data)
    names = {c["iso3"]: c["name"] for c in body.get("countries", [])}
    assert names.get("DEU") == "Germany"


def test_embed_payload_in_the_language(client):
    query = "&".join(f"{k}={v}" for k, v in RANKING.items())
    r = client.get(f"/embed/ranking.json?{query}&lang=bs")
    assert r.status_code == 200, r.data[:300]
    assert "Njemačka" in json.dumps(r.json, ensure_ascii=False)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs the system Chromium")
def test_slide_image_svg_in_french(client):
    query = "&".join(f"{k}={v}" for k, v in RANKING.items())
    r = client.get(f"/image/ranking.svg?{query}&lang=fr&preset=16x9")
    assert r.status_code == 200, r.data[:300]
    root = ET.fromstring(r.data)
    text = " ".join(" ".join(root.itertext()).split())
    assert re.search(r"Union européenne \(27\)", text)  # the slide's title
    # the chart sits in the slide as a data URI (an SVG for an SVG slide): its bar labels are the French names
    uris = re.findall(rb'href="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', r.data)
    assert uris, "no chart image in the slide"
    chart = base64.b64decode(uris[0]).decode("utf-8")
    assert "Allemagne" in chart and "Germany" not in chart


@pytest.mark.parametrize("lang, names", [
    ("en", ["Unknown or other origin", "Stateless", "Tibetan"]),
    ("bs", ["Nepoznato ili drugo porijeklo", "Osobe bez državljanstva", "Tibetanci"]),
    ("fr", ["Origine inconnue ou autre", "Apatrides", "Tibétains"]),
])
def test_unhcr_pseudo_origins_in_words_in_the_page_language_codes_in_the_download(client, lang, names):
    """UNHCR's UNK/XXA/TIB are named in words (the catalogue fills the names the data have only in English), in
    the top-origins subtitle and its table; the download keeps the codes in its iso3 column."""
    assert [store.country_names(lang)[c] for c in ("UNK", "XXA", "TIB")] == names
    state = views.parse("disp-top-origins", {})[0]
    rendered = views.render("disp-top-origins", state, lang)
    assert all(n in rendered["subtitle"] for n in names), rendered["subtitle"]
    assert not any(f"{c} " in rendered["subtitle"] for c in ("UNK", "XXA", "TIB")), rendered["subtitle"]
    table = views.table("disp-top-origins", state, lang).frame
    assert set(names) <= set(table[[c for c in table.columns if table[c].astype(str).isin(names).any()][0]])
    csv = client.get("/download/disp-top-origins.csv" + views.query("disp-top-origins", state)).get_data(as_text=True)
    assert all(f',"{c}",' in csv for c in ("UNK", "XXA", "TIB")), csv[-600:]
