"""The page language is part of the view state: negotiated once from Accept-Language into ``lang=``, kept by the
navigation, the language switch, every URL a page writes and every link the app writes; <html lang> follows it."""
from __future__ import annotations

import re

import pytest

from dashboard import language, views
from dashboard.i18n import t


@pytest.mark.parametrize("accept, location", [
    ("hr-HR,hr;q=0.9,en;q=0.5", "/flows?focus=SRB&lang=bs"), ("sr-Latn", "/flows?focus=SRB&lang=bs"),
    ("bs", "/flows?focus=SRB&lang=bs"), ("fr-CH, fr;q=0.9", "/flows?focus=SRB&lang=fr"),
])
def test_a_browser_that_prefers_bs_or_fr_gets_the_page_in_its_language(client, accept, location):
    r = client.get("/flows?focus=SRB", headers={"Accept-Language": accept})
    assert r.status_code == 302 and r.headers["Location"] == location
    assert "Accept-Language" in r.headers["Vary"].split(", ")  # and Accept-Encoding (answers are compressed)


def test_no_redirect_for_english_an_explicit_language_or_non_page_routes(client):
    assert client.get("/flows", headers={"Accept-Language": "de-DE,en;q=0.5"}).status_code == 200
    assert client.get("/flows?lang=en", headers={"Accept-Language": "fr"}).status_code == 200  # the URL wins
    for path in ("/api/v1/catalog", "/download/map.csv", "/embed/map", "/healthz", "/assets/style.css"):
        assert client.get(path, headers={"Accept-Language": "fr"}).status_code == 200, path


@pytest.mark.parametrize("lang", ["en", "bs", "fr"])
def test_html_lang_is_the_page_language(client, lang):
    body = client.get(f"/country/BIH?lang={lang}").get_data(as_text=True)
    assert re.search(rf'<html lang="{lang}">', body)


def test_switch_keeps_the_page_and_its_whole_state():
    assert language.switch_href("/flows", "?focus=SRB&year=2020&lang=bs", "fr") == "/flows?focus=SRB&year=2020&lang=fr"
    assert language.switch_href("/flows", "?focus=SRB&lang=bs", "en") == "/flows?focus=SRB"
    assert language.switch_href("/compare", "?v=1&countries=BIH,SRB", "bs") == "/compare?v=1&countries=BIH,SRB&lang=bs"
    assert language.href("/country/BIH", "fr") == "/country/BIH?lang=fr" and language.href("/", "en") == "/"
    assert language.name("bs") == "bosanski" and language.name("fr") == "français"


def test_the_frame_follows_the_language(app):
    from dashboard.factory import shell

    assert any("lang-switch.children" in key for key in app.callback_map)  # wired to the URL
    title, home, tagline, nav, nav_label, switch, footer, api, skip, live = shell("/flows", "?focus=SRB&lang=bs", "v1")
    assert title == t("app.title", "bs") and home == "/?lang=bs" and tagline == t("app.tagline", "bs")
    assert [a.href for a in nav][:3] == ["/?lang=bs", "/compare?lang=bs", "/flows?lang=bs"]
    assert [a.children for a in nav][2] == t("nav.flows", "bs") and [a.children for a in nav][1] == t("nav.compare", "bs")
    assert {a.children: a.href for a in switch} == {"EN": "/flows?focus=SRB", "BS": "/flows?focus=SRB&lang=bs",
                                                    "FR": "/flows?focus=SRB&lang=fr"}
    assert [a.className for a in switch] == ["lang-other", "lang-current", "lang-other"]


def test_every_page_keeps_the_language_in_the_urls_it_writes(app):
    from callbacks import compare, data, displacement, explorer, flows, missing, routes, trafficking

    fr = "?lang=fr"
    assert flows.write_url("DEU", "destination", "stock", None, "total", None, 10, 0, "EU27", "fit", fr).endswith("lang=fr")
    assert compare.write_url(["BIH", "SRB"], "migrant_stock", fr).endswith("&lang=fr")
    assert routes.write_url("Western Balkan Route", 2023, "BIH", 2023, "us_sw_border", fr).endswith("lang=fr")
    assert data.write_url("camps", None, None, "", None, "", "", fr) == "?keyword=camps&lang=fr"
    assert explorer.update_url("refugees_hosted", 2022, "abs", None, [], 10, "top", {"lang": "fr"}).endswith("lang=fr")
    assert missing.write_url("global", "all", "all", fr).endswith("lang=fr")
    assert displacement.update("SYR", "origin", 2022, "refugees", lang="fr")[-1].endswith("lang=fr")
    assert trafficking.update("ALB", 2017, "victim_gender", lang="fr")[-1].endswith("lang=fr")
    assert flows.write_url("DEU", "destination", "stock", None, "total", None, 10, 0, "EU27", "fit", "").find("lang") < 0


def test_cards_and_links_of_every_page_are_in_the_page_language(app):
    from callbacks import compare, corridor, country, flows

    en = flows.update_charts("BIH", "origin", "stock", None, "total", None, 10, 0, "WB6", "fit", "")
    fr = flows.update_charts("BIH", "origin", "stock", None, "total", None, 10, 0, "WB6", "fit", "?lang=fr")
    assert en[1] != fr[1]  # the map's title
    assert all("?lang=fr" in a["props"]["href"] for a in fr[-1] if isinstance(a, dict) and a.get("props", {}).get("href"))
    cmp = compare.update_compare(["BIH", "SRB"], "migrant_stock", None, "?lang=bs")
    assert "/country/BIH?lang=bs" in str(cmp[7])  # the key-figures table's country links
    assert cmp[1] == views.render("compare-series", compare.compare_state("BIH,SRB", "migrant_stock")[0], "bs")["title"]
    assert corridor.fill_corridor("BIH-DEU", "?lang=fr")[1] != corridor.fill_corridor("BIH-DEU", "")[1]
    profile_bs = country.render_profile("BIH", "?lang=bs")
    assert "/country/" in str(profile_bs) and "?lang=bs" in str(profile_bs)


def test_the_pseudo_locale_is_accepted_in_the_url_but_never_negotiated():
    import flask
    app = flask.Flask(__name__)
    with app.test_request_context("/flows", headers={"Accept-Language": "xx, fr;q=0.5"}):
        assert language.negotiate(flask.request) == "fr"
    with app.test_request_context("/flows?lang=xx"):
        assert language.negotiate(flask.request) == "xx"
