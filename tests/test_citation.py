"""'Cite this view': APA/BibTeX for the view and its sources; the /cite endpoint; the Cite link on every chart."""
from __future__ import annotations

from datetime import date

from dashboard import store, views
from dashboard.share import citation
from dashboard.settings import DEFAULT_PUBLIC_URL


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and i and text[i - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def test_view_citation_has_version_access_date_and_permalink(app):
    state, _ = views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})
    link = "http://example.org/?v=1&indicator=refugees_hosted&year=2022"
    c = citation.view_citation("map", state, link, date(2026, 11, 28))
    version = store.bundle().version
    apa = c["view"]["apa"]
    assert apa.startswith("Migration Trends Dashboard. (2026). Refugees hosted, 2022")
    assert version in apa and "Retrieved November 28, 2026, from " + link in apa
    bib = c["view"]["bibtex"]
    assert bib.startswith("@misc{mtd_map_") and version in bib and "urldate = {2026-11-28}" in bib
    assert "\\url{" + link + "}" in bib and _balanced(bib)
    [src] = c["sources"]
    meta = store.source_meta("unhcr")
    assert src["id"] == "unhcr" and src["edition"] == meta["edition"] and src["url"] == meta["url"]
    assert src["apa"].startswith(f"{meta['publisher']}. (2025). {meta['title']} ({meta['edition']}) [Data set].")
    assert src["publisher_citation"] == meta["citation"] and _balanced(src["bibtex"])
    assert c["non_commercial"] is False


def test_non_commercial_and_bibtex_escaping(app):
    state, _ = views.parse("map", {"indicator": "idps_conflict", "year": "2022"})
    c = citation.view_citation("map", state, "http://x/", date(2026, 1, 2))
    assert c["non_commercial"] is True and c["sources"][0]["non_commercial"] is True
    assert citation.bib_escape("A & B_c 50% {x}") == r"A \& B\_c 50\% \{x\}"
    text = citation.citation_text(c)
    assert "non-commercial use only" in text and "BibTeX" in text


def test_source_year_is_never_invented():
    assert citation.source_year({"citation": "Abel, G. J. (2019). Flows."}) == "2019"
    assert citation.source_year({"edition": "2020 revision, 1990-2020 every 5 years"}) == "2020"
    assert citation.source_year({"edition": "latest"}) == "n.d."


def test_cite_endpoint_formats(client):
    q = "?indicator=refugees_hosted&year=2022"
    r = client.get(f"/cite/map{q}&format=json")
    assert r.status_code == 200
    data = r.json
    assert data["permalink"].startswith(DEFAULT_PUBLIC_URL + "/?v=1&indicator=refugees_hosted&year=2022")
    assert data["bundle_version"] == store.bundle().version
    assert date.fromisoformat(data["accessed"]) >= date(2026, 1, 1)
    text = client.get(f"/cite/map{q}&format=text").get_data(as_text=True)
    assert "Cite this view (APA):" in text and "UNHCR" in text
    bib = client.get(f"/cite/map{q}&format=bibtex").get_data(as_text=True)
    assert bib.count("@misc{") == 2 and _balanced(bib)
    html = client.get(f"/cite/map{q}").get_data(as_text=True)
    assert "<h2>APA</h2>" in html and "&lt;iframe" in html and "/embed/map?v=1&amp;indicator=refugees_hosted" in html
    assert "bundle=" + store.bundle().version in html
    assert client.get("/cite/nope").status_code == 400
    assert client.get(f"/cite/map{q}&format=doc").status_code == 400


def test_chart_actions_offer_download_embed_cite_and_mark_licences(app):
    from dash import html

    from layouts.cards import actions as chart_actions

    state, _ = views.parse("map", {"indicator": "idps_conflict", "year": "2022"})
    links = chart_actions("map", state, rows=65)
    by_action = {getattr(a, "data-action", None) or a.to_plotly_json()["props"].get("data-action"): a
                 for a in links if isinstance(a, html.A)}
    assert set(by_action) >= {"csv", "xlsx", "zip", "cite"}
    q = views.query("map", state)
    assert by_action["csv"].href == f"/download/map.csv{q}" and "65 rows" in by_action["csv"].children
    assert by_action["cite"].href == f"/cite/map{q}"
    panel = next(a for a in links if isinstance(a, html.Details))  # the Embed disclosure (tests/test_embed_panel.py)
    import json

    from plotly.utils import PlotlyJSONEncoder

    assert "/embed/map?v=1&indicator=idps_conflict&year=2022" in json.dumps(panel, cls=PlotlyJSONEncoder)
    marks = [a for a in links if isinstance(a, html.Span) and getattr(a, "className", "") == "action-licence"]
    assert marks and "Non-commercial" in marks[0].children and "CC BY-NC" in marks[0].title


def test_cite_page_shows_caveats_and_processing_in_the_page_language(client):
    """/cite/map?lang=fr: the sources' caveats and processing steps in French (the data domain), with no lang="en"
    marking; the JSON citation keeps the manifest's English. A text without translation stays English, marked."""
    from html import unescape
    from html.parser import HTMLParser

    from dashboard import data_i18n

    class Items(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.lists, self.current, self.item = {}, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "ul" and a.get("class") in ("cite-processing", "cite-caveats"):
                self.current = self.lists.setdefault(a["class"], [])
            elif tag == "li" and self.current is not None:
                self.item = [a.get("lang"), ""]
                self.current.append(self.item)

        def handle_endtag(self, tag):
            if tag == "ul":
                self.current = None
            if tag == "li":
                self.item = None

        def handle_data(self, data):
            if self.item is not None:
                self.item[1] += data

    q = "?indicator=refugees_hosted&year=2022"
    unhcr = store.source_meta("unhcr")
    for lang in ("fr", "bs"):
        html = client.get(f"/cite/map{q}&lang={lang}").get_data(as_text=True)
        assert 'lang="en"' not in html
        parsed = Items()
        parsed.feed(html)
        caveats = [t for _, t in parsed.lists["cite-caveats"]]
        steps = [t for _, t in parsed.lists["cite-processing"]]
        assert caveats == [data_i18n.text(c, lang) for c in unhcr["caveats"]]
        assert steps == [data_i18n.text(p, lang) for p in unhcr["processing"]]
        assert not set(caveats) & set(unhcr["caveats"]) and not set(steps) & set(unhcr["processing"])
        assert all(item_lang is None for item_lang, _ in parsed.lists["cite-caveats"] + parsed.lists["cite-processing"])
    fr = client.get(f"/cite/map{q}&lang=fr").get_data(as_text=True)
    assert "Les réfugiés sont ceux relevant du mandat du HCR" in fr
    assert client.get(f"/cite/map{q}&lang=fr&format=json").json["sources"][0]["caveats"] == unhcr["caveats"]
    en = client.get(f"/cite/map{q}&lang=en").get_data(as_text=True)
    assert unhcr["caveats"][0] in unescape(en) and "<li lang=" not in en, "English: as in the manifest, unmarked"

    # a text that no translator has done yet (a new edition) is shown in English and marked lang="en"
    c = {"lang": "fr", "view": {"title": "t"}, "bundle_version": "v", "accessed_text": "a",
         "sources": [{"id": "x", "edition": "e", "publisher_citation": None,
                      "processing": ["A step no edition has had yet."], "caveats": [unhcr["caveats"][0]]}]}
    steps = citation.page_texts(c)["steps"]["x"]
    assert steps["processing"] == [("A step no edition has had yet.", "en")]
    assert steps["caveats"] == [(data_i18n.text(unhcr["caveats"][0], "fr"), None)]
