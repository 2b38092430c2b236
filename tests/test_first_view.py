"""The HTML a page URL answers with (layouts/first_view.py, factory._first_view): its own title and link-preview
tags in the page language, and a static first view of the page inside Dash's app entry, every chart card filled
from the card pipeline, everything a URL brings escaped."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import views
from dashboard.settings import DEFAULT_PUBLIC_URL
from layouts import cards


def _get(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return r.get_data(as_text=True)


def _meta(html: str, key: str) -> str | None:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(m.group(1)) if m else None


def _title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def _entry(html: str) -> str:
    start = html.index('<div id="react-entry-point">')
    return html[start:html.index('<script id="_dash-config"', start)]


def _card(view_id: str, query: dict, lang: str) -> dict:
    state, _ = views.parse(view_id, query)
    return dict(zip(cards.PARTS, cards.card(view_id, state, lang)))


def test_country_page_is_titled_and_previewed_in_the_page_language(client, app):
    html = _get(client, "/country/DEU?lang=fr")
    assert '<html lang="fr">' in html
    assert _title(html).startswith("Allemagne · ") and "Tableau de bord des tendances migratoires" in _title(html)
    assert "Allemagne" in _meta(html, "og:title") and _meta(html, "twitter:title") == _title(html)
    assert _meta(html, "og:locale") == "fr_FR" and _meta(html, "twitter:card") == "summary_large_image"
    image = urlsplit(_meta(html, "og:image"))
    assert f"{image.scheme}://{image.netloc}" == DEFAULT_PUBLIC_URL and image.path == "/image/profile.png"
    q = parse_qs(image.query)
    assert q["preset"] == ["og"] and q["lang"] == ["fr"] and q["iso3"] == ["DEU"]
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
    assert _meta(html, "og:url") == DEFAULT_PUBLIC_URL + "/country/DEU?lang=fr"
    with app.server.test_request_context():
        assert _meta(html, "description") == _card("profile", {"iso3": "DEU"}, "fr")["summary"]


def test_explorer_title_and_description_follow_the_view_state(client, app):
    a = _get(client, "/?indicator=refugees_hosted&year=2022")
    b = _get(client, "/?indicator=refugees_hosted&year=2022&lang=bs")
    with app.server.test_request_context():
        en = _card("map", {"indicator": "refugees_hosted", "year": "2022"}, "en")
        bs = _card("map", {"indicator": "refugees_hosted", "year": "2022"}, "bs")
    assert _title(a) == f"{en['title']} · Migration Trends Dashboard" and "2022" in _title(a)
    assert _meta(a, "og:description") == en["summary"] and "2022" in en["summary"]
    assert _title(b) == f"{bs['title']} · Pregled migracijskih trendova"
    image = urlsplit(_meta(a, "og:image"))
    assert image.path == "/image/map.png" and parse_qs(image.query)["year"] == ["2022"]
    # the preview's image URL answers (the route accepts the og preset): checked without drawing it
    r = client.get(image.path + "?" + image.query.replace("preset=og", "preset=poster"))
    assert r.status_code == 400 and "og" in r.get_json()["message"]


@pytest.mark.parametrize("url", ["/", "/country/BIH", "/flows", "/displacement", "/trafficking", "/routes",
                                 "/missing-migrants", "/compare?countries=BIH,SRB,HRV", "/corridor/BIH-DEU"])
def test_every_chart_card_is_in_the_static_first_view(client, url):
    entry = _entry(_get(client, url))
    sections = re.findall(r'<section class="chart[^"]*"[^>]*data-static="1">(.*?)</section>', entry, re.S)
    cards_on_page = entry.count('data-static="1"')
    assert sections and len(sections) == cards_on_page
    for body in sections:
        title = re.search(r'<h2 class="chart-title">(.*?)</h2>', body, re.S)
        assert title and title.group(1).strip(), (url, body[:300])  # filled: the card key maps to its view
        # the chart's box: the skeleton of its kind (components.skeleton) behind its one-sentence summary
        box = re.search(r'<div class="chart-static-graph" style="height:(\d+)px"><div class="chart-skeleton '
                        r'chart-skeleton-(\w+)"(?=[^>]*data-skeleton="\2")(?=[^>]*aria-hidden="true")[^>]*>(?:<span class="sk"></span>)+'
                        r'</div>'
                        r'<p class="chart-static-summary">(.*?)</p>', body, re.S)
        assert box and int(box.group(1)) >= 200 and box.group(3).strip(), (url, body[:300])
    assert "<h1" in entry and 'class="site-header"' in entry and 'id="site-nav"' in entry


def test_static_first_view_has_the_page_texts_in_its_language(client, app):
    entry = _entry(_get(client, "/displacement?lang=fr"))
    with app.server.test_request_context():
        card = _card("disp-types", {}, "fr")
    assert unescape(card["title"]) in unescape(entry)
    assert "Déplacements" in unescape(entry)  # the navigation in French
    assert 'aria-current="true">FR</a>' in entry


@pytest.mark.parametrize("path", ["/", "/country/BIH", "/flows", "/displacement"])
def test_static_frame_and_controls_have_no_english_word_in_another_language(client, path):
    """In the pseudo-locale (every catalogue text in ⟦ ⟧), the static view's header (but the language switch, whose
    names are each in their own language) and its controls (choices, dropdown values and placeholders) show no word
    outside the brackets: the country search's placeholder once read 'Country profile…' on bs and fr pages."""
    from tests.test_pseudo_locale import english_words

    entry = _entry(_get(client, path + "?lang=xx"))
    header = re.search(r'<header class="site-header">(.*?)</header>', entry, re.S).group(1)
    header = re.sub(r'<nav[^>]*id="lang-switch".*?</nav>', " ", header, flags=re.S)
    controls = re.findall(r'<div[^>]*class="static-control[^"]*"[^>]*>(.*?)</div>(?!</label>)', entry, re.S)
    assert controls, "no control in the static view"
    shown = []
    for part in [header, *controls]:
        shown += [("text", unescape(x).strip()) for x in re.split(r"<[^>]+>", part) if x.strip()]
        shown += [("attr", unescape(a)) for a in re.findall(r'(?:alt|title|aria-label|placeholder)="([^"]*)"', part)]
    assert english_words(shown) == []


def test_static_radio_items_are_dash_markup_with_the_choice_checked(client):
    """Radio items in the static view are written as Dash writes them (same elements and classes: same box, no jump
    when React swaps them), disabled, the page's choice checked."""
    entry = _entry(_get(client, "/?per=capita1000&lang=fr"))
    group = re.search(r'<div id="explorer-per" class="static-control static-radioitems dash-options-list '
                      r'dash-radioitems explorer-radio" role="radiogroup">(.*?)</div>', entry, re.S)
    assert group, "the explorer's unit choice is not in Dash's markup"
    options = re.findall(r'<label class="dash-options-list-option dash-radioitems-inline( selected)?">'
                         r'<span class="dash-options-list-option-wrapper"><input type="radio" '
                         r'class="dash-options-list-option-checkbox explorer-radio-input" disabled( checked)?></span>'
                         r'<span class="dash-options-list-option-text"><span>([^<]+)</span></span></label>', group.group(1))
    assert len(options) == 3
    assert [(bool(sel), bool(chk)) for sel, chk, _ in options] == [(False, False), (True, True), (False, False)]
    assert unescape(options[1][2]) == "Pour 1 000 habitants"


def test_what_the_url_brings_is_escaped(client):
    hostile = '"><script>alert(1)</script>'
    for url in (f"/country/{hostile}", f"/?indicator={hostile}", f"/compare?countries={hostile}",
                f"/corridor/{hostile}", f"/nowhere{hostile}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in html, url
        assert html.count("<script") == len(re.findall(r"<script[ >]", html)), url
    html = client.get(f"/?indicator={hostile}").get_data(as_text=True)
    assert "<script>alert" not in _title(html)


def test_unknown_country_keeps_the_site_title_and_no_image(client):
    html = _get(client, "/country/XXZ?lang=fr")
    assert _title(html) == "Tableau de bord des tendances migratoires"
    assert _meta(html, "og:image") is None and _meta(html, "twitter:card") == "summary"
    assert "XXZ" in _entry(html)  # the not-found body says what was asked for


def test_dash_still_draws_into_the_entry(client):
    html = _get(client, "/")
    assert html.count('id="react-entry-point"') == 1
    assert '<script id="_dash-config" type="application/json">' in html and "dash_renderer" in html


@pytest.mark.parametrize("path", ["/", "/country/BIH", "/displacement?lang=fr", "/no-such-page"])
def test_pages_link_regenerator_runtime_before_dash_and_not_babels_polyfill_nor_dash_table(client, path):
    """What the pages leave out of the scripts Dash links (factory.UNNEEDED_SCRIPTS), and what stands in for it."""
    srcs = re.findall(r'<script src="([^"]+)"', _get(client, path))
    assert not [s for s in srcs if "polyfill" in s or "dash_table" in s], srcs
    runtime = [i for i, s in enumerate(srcs) if s.startswith("/assets/vendor/regenerator-runtime.js")]
    renderer = [i for i, s in enumerate(srcs) if "/dash_renderer." in s]
    dcc = [i for i, s in enumerate(srcs) if "/dcc/dash_core_components." in s]
    assert len(runtime) == len(renderer) == len(dcc) == 1 and runtime[0] < renderer[0] < dcc[0], srcs
    assert any("/deps/react-dom@" in s for s in srcs)  # the rest of Dash's own scripts stay


def test_dash_layout_frame_is_in_the_language_of_the_page_that_asks(client):
    """Dash's layout is asked by the page with its URL as Referer: the frame React draws over the static first view
    is in the page's language from its first frame (no English flash until the shell's callback answers)."""
    import json

    from dashboard.i18n import t

    def texts(headers: dict) -> str:
        r = client.get("/_dash-layout", headers=headers)
        assert r.status_code == 200
        layout = r.get_json()
        _find(layout, "page")["props"]["children"] = None  # the frame (the page: the next test)
        return json.dumps(layout, ensure_ascii=False)

    fr = texts({"Referer": "http://localhost/displacement?lang=fr"})
    for key in ("a11y.skip", "app.title", "nav.displacement", "nav.country_search_placeholder"):
        assert t(key, "fr") in fr and t(key, "en") not in fr, key
    assert '"href": "/displacement?lang=bs"' in fr  # the language switch keeps the page
    english = [texts({}), texts({"Referer": "http://elsewhere.example/?lang=fr"}),
               texts({"Referer": "http://localhost/?lang=zz"})]
    for layout in english:
        assert t("a11y.skip", "en") in layout and t("a11y.skip", "fr") not in layout


def _find(node, ident):
    """The component with ``ident`` in a layout as Dash sends it."""
    if isinstance(node, list):
        return next((f for f in (_find(n, ident) for n in node) if f is not None), None)
    if not isinstance(node, dict):
        return None
    props = node.get("props") or {}
    return node if props.get("id") == ident else _find(props.get("children"), ident)


def test_dash_layout_brings_the_page_that_asks_and_the_router_then_answers_nothing_for_it(client):
    """Dash's layout carries the page of the URL that asks (its Referer), texts prefilled, so the cards' callbacks
    start with Dash's first requests; the router and the frame's callback, asked about that very URL on load, answer
    nothing (the page is not sent twice, nor rebuilt by React), and clear the mark, so a later visit to the same URL
    inside the app is answered."""
    from dashboard.factory import _SHELL_PROPS, PAGE_SHOWN
    from tests.conftest import router_body

    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/country/SRB?lang=fr"}).get_json()
    assert _find(layout, PAGE_SHOWN)["props"]["data"] == "/country/SRB?lang=fr"
    page = _find(layout, "page")["props"]["children"]
    state, _ = views.parse("profile", {"iso3": "SRB"})
    assert cards.card("profile", state, "fr")[1] in str(page)  # the profile's chart title, in French
    body = router_body("/country/SRB", "?lang=fr")
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200 and r.get_json()["response"]["page"]["children"] == page  # the router's own answer
    body["state"][1]["value"] = "/country/SRB?lang=fr"
    answer = client.post("/_dash-update-component", json=body).get_json()["response"]
    assert "page" not in answer and "page-title" not in answer and answer[PAGE_SHOWN]["data"] is None
    # the same page, whose script has since written the valid query of its state (url_canonical.js): kept
    body["state"][1]["value"] = "/country/SRB?v=1&lang=fr&iso3=nonsense"
    assert "page" not in client.post("/_dash-update-component", json=body).get_json()["response"]
    body["state"][1]["value"] = "/country/BIH?lang=fr"  # another page: it is sent
    assert "page" in client.post("/_dash-update-component", json=body).get_json()["response"]
    shell = {"output": "".join(f"..{i}.{p}.." for i, p in _SHELL_PROPS).replace("....", "..."),
             "outputs": [{"id": i, "property": p} for i, p in _SHELL_PROPS],
             "inputs": [{"id": "url", "property": "pathname", "value": "/country/SRB"},
                        {"id": "url", "property": "search", "value": "?lang=fr"}],
             "changedPropIds": [], "state": [{"id": "bundle-version", "property": "data", "value": "v"},
                                             {"id": PAGE_SHOWN, "property": "data", "value": "/country/SRB?lang=fr"}]}
    assert client.post("/_dash-update-component", json=shell).get_json()["response"] == {}  # nothing to update
    shell["state"][1]["value"] = None  # a later change of URL inside the app: the frame follows
    assert "brand" in client.post("/_dash-update-component", json=shell).get_json()["response"]
    # without a Referer (or from elsewhere): the frame only, the router sends the page
    for headers in ({}, {"Referer": "http://elsewhere.example/country/SRB"}):
        layout = client.get("/_dash-layout", headers=headers).get_json()
        assert _find(layout, PAGE_SHOWN)["props"].get("data") is None and not _find(layout, "page")["props"].get(
            "children")
