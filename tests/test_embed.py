"""Embeds: chrome-less chart pages, their headers, pinned bundles, controls, and the JSON re-render."""
from __future__ import annotations

import json
import re

from dashboard import store, views
from dashboard.settings import DEFAULT_PUBLIC_URL

Q = "?indicator=refugees_hosted&year=2022"


def _figure(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="embed-figure">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_embed_page_content(client):
    r = client.get(f"/embed/map{Q}")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    rendered = views.render("map", views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})[0])
    assert f'<h1 id="embed-title">{rendered["title"]}</h1>' in html
    assert rendered["subtitle"] in html and "UNHCR" in html
    assert f"Data bundle {store.bundle().version}" in html
    assert 'id="embed-open" href="/?v=1&amp;indicator=refugees_hosted&amp;year=2022"' in html
    assert '"topojsonURL": "/assets/topojson/"' in html
    fig = _figure(html)
    assert fig["data"][0]["type"] == "choropleth"
    # every script and stylesheet comes from this server; nothing from a CDN
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(s.startswith("/") for s in srcs), srcs
    assert "/embed/_static/plotly.min.js" in srcs
    assert "<form" not in html  # controls=none is the default: locked


def test_embed_headers_allow_framing_only_for_embeds(client):
    r = client.get(f"/embed/map{Q}")
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in csp and "default-src 'self'" in csp and "'unsafe-eval'" not in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert f'<script nonce="{nonce}">' in r.get_data(as_text=True)
    assert "X-Frame-Options" not in r.headers and "Set-Cookie" not in r.headers
    js = client.get("/embed/_static/plotly.min.js")
    assert js.status_code == 200 and js.mimetype == "application/javascript" and b"plotly" in js.data[:2000]
    assert "X-Frame-Options" not in js.headers
    js.close()
    for path in ("/", "/api/v1/catalog", "/cite/map", "/download/map.csv"):
        other = client.get(path)
        other.get_data()
        assert other.headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert "frame-ancestors *" not in other.headers.get("Content-Security-Policy", ""), path


def test_pinned_bundle_notice(client):
    version = store.bundle().version
    same = client.get(f"/embed/map{Q}&bundle={version}").get_data(as_text=True)
    assert "embed-updated" not in same
    old = client.get(f"/embed/map{Q}&bundle=2020.01.01-old").get_data(as_text=True)
    assert 'id="embed-updated"' in old and "Data updated since this embed was made" in old
    assert "2020.01.01-old" in old and version in old


def test_controls_time_and_all(client):
    html = client.get(f"/embed/map{Q}&controls=time").get_data(as_text=True)
    assert 'type="range" name="year"' in html and "<select" not in html
    years = store.available_years("refugees_hosted")
    m = re.search(r'data-values="([^"]+)"', html)
    assert [int(y) for y in m.group(1).split(",")] == years
    assert f'value="{years.index(2022)}"' in html
    html = client.get(f"/embed/map{Q}&controls=all").get_data(as_text=True)
    assert '<select name="indicator">' in html and 'type="range" name="year"' in html
    assert client.get(f"/embed/map{Q}&controls=some").status_code == 400


def test_embed_json_rerenders_for_a_new_year(client):
    r = client.get("/embed/map.json?indicator=refugees_hosted&year=2010&controls=time")
    assert r.status_code == 200
    p = r.json
    assert p["title"] == "Refugees hosted, 2010" and p["query"] == "?v=1&indicator=refugees_hosted&year=2010"
    assert p["open_url"] == "/?v=1&indicator=refugees_hosted&year=2010"
    assert p["controls"][0]["name"] == "year" and p["controls"][0]["value"] == 2010
    shown = views.data("map", views.parse("map", {"indicator": "refugees_hosted", "year": "2010"})[0])
    assert p["rows"] == len(shown)
    bad = client.get("/embed/map.json?indicator=zzz").json
    assert bad["notices"] and "zzz" in bad["notices"][0]


def test_bad_embed_view_is_400(client):
    r = client.get("/embed/nope")
    assert r.status_code == 400 and r.json["parameter"] == "view"


def test_country_and_corridor_embeds_open_the_right_page(client):
    """Views of the country and corridor pages carry their key in the path, not the query."""
    html = client.get("/embed/profile?iso3=SRB").get_data(as_text=True)
    assert 'id="embed-open" href="/country/SRB"' in html
    assert client.get("/embed/profile-origins.json?iso3=HRV").json["open_url"] == "/country/HRV"
    assert client.get("/embed/profile-displacement.json").json["open_url"].startswith("/country/")
    page = client.get("/country/SRB")
    assert page.status_code == 200
    cite = client.get("/cite/profile?iso3=SRB&format=json").json
    assert cite["permalink"] == DEFAULT_PUBLIC_URL + "/country/SRB"  # PUBLIC_URL, never the request's Host
    p = client.get("/embed/corridor-series.json?pair=BIH-AUT").json
    assert p["open_url"].startswith("/corridor/BIH-AUT") and "pair=" not in p["open_url"]


def test_every_embed_control_option_reads_in_the_page_language(app):
    """Every option of every registered chart's embed controls goes through a catalogue (pseudo-locale: bracketed),
    not a code ('origin', 'top', 'victim_gender', 'AFG', 'WLD' were shown as they are); years stay numbers, and a
    control with nothing to choose (a measure without estimation methods) is not offered."""
    from dashboard import views
    from dashboard.i18n import PSEUDO
    from dashboard.share import embed

    with app.server.app_context():
        raw = []
        for view_id in sorted(views.load_all()):
            state, _ = views.parse(view_id, {})
            for spec in embed.controls_spec(view_id, state, "all", PSEUDO):
                assert spec["options"] is None or any(o["value"] != "" for o in spec["options"]), (view_id, spec)
                raw += [(view_id, spec["name"], o["label"]) for o in spec["options"] or []
                        if not o["label"].startswith("⟦") and not o["label"].lstrip("-").isdigit()]
        assert raw == []
        roles = {o["value"]: o["label"] for o in next(
            s for s in embed.controls_spec("sankey", views.parse("sankey", {})[0], "all", "bs") if s["name"] == "role")["options"]}
        assert roles["origin"] != "origin"
