"""Slides readable from the back of the room, and decks (issue 17).

- the Sankey slide's nodes carry their values; the map slide carries the UN map disclaimer, in the slide's language;
  no text on a slide under the preset's minimum size (read from the SVG the server draws);
- a deck of five views (map, series, Sankey, profile, displacement) downloads as a PowerPoint that python-pptx
  reads back (five slides, each with a picture, the title, the source line and the citation in the notes) and
  as a five-page PDF handout;
- bad decks (unknown charts, huge lists, an empty deck, a bad format) are a 400 with a message, before anything
  is drawn.
"""
from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from dashboard import numbers, views
from dashboard.i18n import t
from dashboard.share import deck, images

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
MAP_Q = {"indicator": "refugees_hosted", "year": "2022"}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _svg_parts(data: bytes) -> tuple[ET.Element, ET.Element]:
    """(the slide, the chart drawn inside it): the chart is an SVG image embedded as a data URI."""
    outer = ET.fromstring(data)
    uris = [el.get(XLINK) or el.get("href") for el in outer.iter(f"{SVG_NS}image")]
    svg = [u for u in uris if u and u.startswith("data:image/svg+xml;base64,")]
    assert len(svg) == 1, uris
    return outer, ET.fromstring(base64.b64decode(svg[0].split(",", 1)[1]))


def _text(root: ET.Element) -> str:
    return _norm(" ".join(root.itertext()))


def _font_sizes(root: ET.Element) -> list[float]:
    """The font size of every text element with text in it (plotly writes them as inline styles)."""
    sizes = []
    for el in root.iter(f"{SVG_NS}text"):
        if not _norm("".join(el.itertext())):
            continue
        m = re.search(r"font-size:\s*([\d.]+)px", el.get("style") or "")
        assert m, ET.tostring(el)[:200]
        sizes.append(float(m.group(1)))
    return sizes


@pytest.fixture(scope="module")
def svgs(app):
    client = app.server.test_client()
    out = {}
    for view, query, preset, lang in (("sankey", {}, "16x9", "en"), ("map", MAP_Q, "4x3", "fr")):
        r = client.get(f"/image/{view}.svg?" + urlencode({**query, "preset": preset, "lang": lang}))
        assert r.status_code == 200, r.data[:300]
        out[view] = (r.data, query, preset, lang)
    return out


def test_sankey_slide_nodes_carry_their_values(svgs):
    data, query, _, lang = svgs["sankey"]
    _, chart = _svg_parts(data)
    text = _text(chart)
    state = views.parse("sankey", query)[0]
    trace = views.render("sankey", state, lang)["figure"]["data"][0]
    names, labels, link = trace["meta"]["node_names"], trace["node"]["label"], trace["link"]
    assert len(labels) > 3
    for i, name in enumerate(names):  # every node: its name and the sum of its links, as the page writes it, once
        value = sum(v for s, d, v in zip(link["source"], link["target"], link["value"]) if i in (s, d))
        label = _norm(f"{name} · {numbers.short(value, lang)}")
        assert labels[i] == f"{name} · {numbers.short(value, lang)}" and label in text, (name, value, text[:600])
        assert text.count(label) == 1 and f"{label} {numbers.exact(value, lang)}" not in text


def test_map_slide_carries_the_disclaimer_in_its_language(svgs):
    data, _, _, lang = svgs["map"]
    outer, _ = _svg_parts(data)
    text = _text(outer)
    assert lang == "fr" and _norm(t("map.disclaimer", "fr")) in text, text[-900:]
    assert "Kosovo" in text and "1244" in text
    assert _norm(t("map.disclaimer", "en")) not in text  # the slide's language, not English


def test_no_slide_text_under_the_presets_minimum(svgs):
    for view, (data, _, preset, _) in svgs.items():
        outer, chart = _svg_parts(data)
        for part, root in (("slide", outer), ("chart", chart)):
            sizes = _font_sizes(root)
            assert sizes, (view, part)
            assert min(sizes) >= images.MIN_TEXT[preset], (view, part, sorted(set(sizes)))


def test_long_titles_wrap_and_never_shrink_below_the_minimum():
    long = "Refugees and other people in need of international protection hosted by country of asylum " * 3
    rendered = {"title": long, "subtitle": long, "source": "Source: Publisher. " * 80,
                "figure": {"data": [], "layout": {}}}
    for preset in images.PRESETS:
        box = images.slide_box(rendered, "https://example.org/", "v", preset, "en", disclaimer=long)
        low = images.MIN_TEXT[preset]
        assert min(box["title_size"], box["subtitle_size"], box["footer_size"]) >= low
        assert len(box["title"]) > 1 and box["chart_h"] > 0
        fig = images.chart_figure({**rendered, "figure": {"data": [{"type": "bar", "textfont": {"size": 9}}],
                                                          "layout": {"xaxis": {"tickfont": {"size": 8}},
                                                                     "annotations": [{"font": {"size": 10}}]}}},
                                  box)
        assert fig["data"][0]["textfont"]["size"] >= low
        assert fig["layout"]["xaxis"]["tickfont"]["size"] >= low
        assert fig["layout"]["annotations"][0]["font"]["size"] >= low


# ------------------------------------------------------------------ decks

FIVE = [("map", MAP_Q), ("series", {}), ("sankey", {}), ("profile", {"iso3": "BIH"}), ("disp-top-hosts", {})]


def _deck_items() -> list[str]:
    return [deck.item(v, views.parse(v, q)[0]) for v, q in FIVE]


def test_deck_items_round_trip_through_the_url():
    items = _deck_items() + [deck.item("compare-series", views.parse("compare-series",
                                                                      {"countries": "BIH,SRB,HRV"})[0])]
    from urllib.parse import parse_qs

    raw = parse_qs(deck.deck_query(items, lang="bs").lstrip("?"))
    assert raw["lang"] == ["bs"]
    parsed = deck.parse_views(raw["views"][0])
    assert [d.item for d in parsed] == items
    assert parsed[-1].state["countries"] == ("BIH", "SRB", "HRV")


@pytest.mark.parametrize("views_param, fragment", [
    ("", "empty"),
    ("nope", "not a chart"),
    ("map,../../etc/passwd", "View 2"),
    (",".join(["series"] * (deck.MAX_VIEWS + 1)), f"at most {deck.MAX_VIEWS}"),
    ("series?" + "x" * (deck.MAX_CHARS + 10), "characters"),
])
@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_bad_decks_are_400_with_a_message(client, views_param, fragment, fmt):
    r = client.get(f"/deck.{fmt}?" + urlencode({"views": views_param}))
    assert r.status_code == 400, r.data[:200]
    assert r.json["parameter"] == "views" and fragment in r.json["message"]
    assert "Traceback" not in r.get_data(as_text=True)


def test_bad_deck_format_is_400(client):
    r = client.get("/deck.key?views=series")
    assert r.status_code == 400 and r.json["parameter"] == "format"


def test_deck_of_five_views_as_powerpoint_and_pdf(app):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    client = app.server.test_client()
    query = deck.deck_query(_deck_items())
    r = client.get("/deck.pptx" + query)
    assert r.status_code == 200, r.data[:300]
    assert r.mimetype.endswith("presentationml.presentation")
    prs = Presentation(io.BytesIO(r.data))
    assert len(prs.slides) == 5
    for slide, (view, q) in zip(prs.slides, FIVE):
        rendered = views.render(view, views.parse(view, q)[0], "en")
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png", view
        assert slide.shapes.title.text == rendered["title"], view
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert _norm(rendered["source"]) in _norm(texts), view
        assert ("Data bundle" in texts or "Permalink:" in texts), view
        notes = slide.notes_slide.notes_text_frame.text
        assert "Cite this view (APA):" in notes and rendered["title"] in notes, view
    # the PDF handout: the same five views, one page each (the slide images come from the cache now)
    pdf = client.get("/deck.pdf" + query)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.data)) == 5


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for c in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(c, "to_plotly_json"):
            yield from _walk(c)


def test_deck_page_shows_the_views_in_order_with_links_that_move_and_remove_them(app):
    from dash import html
    from urllib.parse import parse_qs, urlparse

    from layouts import deck as deck_page

    items = _deck_items()[:3]
    raw = parse_qs(deck.deck_query(items).lstrip("?"))["views"][0]
    with app.server.test_request_context("/deck"):
        page = deck_page.layout(views=raw, lang="bs")
    slides = [c for c in _walk(page) if isinstance(c, html.Section) and "deck-slide" in (c.className or "")]
    assert [s.to_plotly_json()["props"]["data-view"] for s in slides] == [v for v, _ in FIVE[:3]]
    titles = [next(c for c in _walk(s) if isinstance(c, html.H2)).children for s in slides]
    assert titles == [views.render(v, views.parse(v, q)[0], "bs")["title"] for v, q in FIVE[:3]]
    links = {}
    for a in (c for c in _walk(page) if isinstance(c, html.A)):
        links.setdefault(a.to_plotly_json()["props"].get("data-action"), []).append(a.href)

    def deck_of(href):
        q = parse_qs(urlparse(href).query)
        assert q.get("lang") == ["bs"], href
        return [d.item for d in deck.parse_views(q["views"][0])]

    assert deck_of(links["deck-down"][0]) == [items[1], items[0], items[2]]
    assert deck_of(links["deck-up"][-1]) == [items[0], items[2], items[1]]
    assert deck_of(links["deck-remove"][1]) == [items[0], items[2]]
    assert links["deck-pptx"][0].startswith("/deck.pptx?views=") and "present=1" in links["deck-present"][0]
    # the map's slide carries the disclaimer; a bad or empty deck is a message in the page language, not an error
    assert any(isinstance(c, html.P) and c.children == t("map.disclaimer", "bs") for c in _walk(slides[0]))
    for bad, key in (("nope", "deck.bad"), ("", "deck.empty"), (",".join(["series"] * 50), "deck.bad")):
        with app.server.test_request_context("/deck"):
            page = deck_page.layout(views=bad, lang="fr")
        texts = [c.children for c in _walk(page) if isinstance(c, html.P)]
        assert texts == [t(key, "fr")], (bad, texts)


def test_any_views_parameter_is_a_deck_or_a_query_error(app):
    """Hostile input: whatever text arrives, parsing gives a bounded deck or a QueryError, never anything else."""
    from hypothesis import given, settings, strategies as st

    from dashboard.store import QueryError

    pieces = st.sampled_from(["map", "series", "sankey", "nope", "?", "&", "=", ",", "%", "%2C", "%3F", "year=1066",
                              "indicator=x", "..", "/", "\u00e9", " ", "%ZZ", "countries=BIH,SRB"])
    texts = st.one_of(st.text(max_size=200), st.lists(pieces, max_size=40).map("".join))

    @settings(max_examples=300, deadline=None)
    @given(texts)
    def check(raw):
        try:
            deck_views = deck.parse_views(raw)
        except QueryError as exc:
            assert exc.param == "views" and exc.message
            return
        assert 1 <= len(deck_views) <= deck.MAX_VIEWS
        assert all(d.view_id in views.REGISTRY for d in deck_views)

    check()
