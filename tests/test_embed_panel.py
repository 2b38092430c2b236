"""The chart "Embed" disclosure: iframe snippet, image links (PNG 16:9 / 4:3, SVG), the embed page, the citation."""
from __future__ import annotations

from dash import html

from dashboard import store, views
from dashboard.settings import Settings
from dashboard.share.urls import full_query
from layouts.cards import actions as chart_actions
from layouts.embed_panel import embed_panel


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for c in children:
            if hasattr(c, "to_plotly_json"):
                yield from _walk(c)
    elif hasattr(children, "to_plotly_json"):
        yield from _walk(children)


def _by(component, kind):
    return [c for c in _walk(component) if isinstance(c, kind)]


def _attr(c, name):
    return c.to_plotly_json()["props"].get(name)


def test_every_chart_action_list_has_one_embed_disclosure(app):
    state, _ = views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})
    links = chart_actions("map", state, rows=190)
    panels = [a for a in links if isinstance(a, html.Details)]
    assert len(panels) == 1
    summary = panels[0].children[0]
    assert isinstance(summary, html.Summary) and summary.children == "Embed"
    assert _attr(summary, "data-action") == "embed"


def test_panel_contents(app):
    state, _ = views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})
    q = views.query("map", state)
    app.server.config["PUBLIC_URL"] = "https://dash.example.org"  # every absolute link comes from PUBLIC_URL
    try:
        with app.server.test_request_context("/", base_url="https://attacker.example"):  # never from the Host
            panel = embed_panel("map", state, "en")
    finally:
        app.server.config["PUBLIC_URL"] = Settings.from_env({}).public_url
    areas = _by(panel, html.Textarea)
    assert len(areas) == 3 and all(a.readOnly for a in areas)
    snippet, fixed, citation = areas[0].children, areas[1].children, areas[2].children
    version = store.bundle().version
    pinned = f"/embed/map{full_query('map', state)}&bundle={version}"  # every parameter written out
    assert pinned.startswith("/embed/map?v=1&indicator=refugees_hosted&year=2022")
    assert f'<iframe src="https://dash.example.org{pinned}"' in snippet, snippet
    assert "attacker" not in snippet
    assert "aspect-ratio:16/9" in snippet and "width:100%" in snippet and 'title="Refugees hosted, 2022"' in snippet
    # the fixed-size variant: the same pinned embed at 960 x 540 (never wider than its page)
    assert f'<iframe src="https://dash.example.org{pinned}"' in fixed and 'width="960" height="540"' in fixed
    assert "max-width:100%" in fixed and "aspect-ratio" not in fixed and 'title="Refugees hosted, 2022"' in fixed
    assert "Refugees hosted, 2022" in citation and "https://dash.example.org/?v=1&indicator=refugees_hosted" in citation
    assert "UNHCR" in citation and version in citation
    buttons = _by(panel, html.Button)
    assert len(buttons) == 3 and all(b.type == "button" and b.children == "Copy" for b in buttons)
    hrefs = {_attr(a, "data-action"): a.href for a in _by(panel, html.A)}
    assert hrefs["image-png-16x9"] == f"/image/map.png{q}&preset=16x9"
    assert hrefs["image-png-4x3"] == f"/image/map.png{q}&preset=4x3"
    assert hrefs["image-svg"] == f"/image/map.svg{q}"
    assert hrefs["embed-open"] == pinned


def test_panel_for_a_default_state_and_other_language(app, client):
    state, _ = views.parse("sankey", {})
    with app.server.test_request_context("/flows"):
        panel = embed_panel("sankey", state, "fr")
    assert panel.children[0].children == "Intégrer"
    hrefs = {_attr(a, "data-action"): a.href for a in _by(panel, html.A)}
    # the page's language travels with every link (images and embeds are drawn in French)
    assert hrefs["image-png-4x3"] == "/image/sankey.png?preset=4x3&lang=fr"
    assert hrefs["image-svg"] == "/image/sankey.svg?lang=fr"
    # the embed link is pinned: every parameter written out, so it does not drift
    assert hrefs["embed-open"].startswith("/embed/sankey?v=1&") and "year=" in hrefs["embed-open"]
    assert hrefs["embed-open"].endswith("&lang=fr")
    assert client.get(hrefs["embed-open"]).status_code == 200
    assert [b.children for b in _by(panel, html.Button)] == ["Copier", "Copier", "Copier"]


def test_country_view_panel_cites_the_country_page(app):
    state, _ = views.parse("profile", {"iso3": "SRB"})
    with app.server.test_request_context("/country/SRB", base_url="http://h"):
        panel = embed_panel("profile", state, "en")
    citation = _by(panel, html.Textarea)[-1].children
    public = Settings.from_env({}).public_url
    assert f"{public}/country/SRB" in citation and "/country?" not in citation and "http://h/" not in citation
