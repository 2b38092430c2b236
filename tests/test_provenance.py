"""Provenance behind every source line (layouts/provenance.py): the builder's content equals the manifest, and
each page's chart source lines (and the country profile's key figures) carry it."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import data_i18n, store, views
from dashboard.state import parse
from layouts.provenance import from_rendered, provenance


def wire(component):
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


class _Nodes(HTMLParser):
    """Server-built HTML (``data-html``) as nodes shaped like wire components: {"type": "Span", "props": {...}}."""
    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"props": {"children": []}}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        props = {{"class": "className", "tabindex": "tabIndex"}.get(k, k): v for k, v in attrs}
        if "tabIndex" in props:
            props["tabIndex"] = int(props["tabIndex"])
        node = {"type": tag.capitalize(), "props": {**props, "children": []}}
        self.stack[-1]["props"]["children"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1]["props"]["children"].append(data)


def parse_html(markup: str) -> list:
    parser = _Nodes()
    parser.feed(markup)
    parser.close()
    return parser.root["props"]["children"]


def walk(node):
    """Every component (as wire JSON) in a tree, server-built HTML (``data-html``) included as nodes."""
    if isinstance(node, dict):
        if "props" in node:
            if "data-html" in node["props"]:
                node["props"]["children"] = parse_html(node["props"].pop("data-html"))
            yield node
            yield from walk(node["props"].get("children"))
        else:
            for v in node.values():
                yield from walk(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from walk(v)


def classes(node) -> set[str]:
    return set((node["props"].get("className") or "").split())


def text(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, (int, float)):
        return str(node)
    if isinstance(node, dict) and "props" in node:
        return text(node["props"].get("children"))
    if isinstance(node, (list, tuple)):
        return "".join(text(c) for c in node)
    return ""


def find(tree, cls: str) -> list[dict]:
    return [n for n in walk(wire(tree)) if cls in classes(n)]


def tooltips(tree) -> list[dict]:
    """The provenance panels in a tree, each checked for the tooltip pattern (trigger -> described by panel)."""
    out = []
    for box in find(tree, "prov"):
        trigger, tip = box["props"]["children"]
        assert "prov-trigger" in classes(trigger) and trigger["props"]["tabIndex"] == 0
        assert tip["props"]["role"] == "tooltip" and "prov-tip" in classes(tip)
        assert trigger["props"]["aria-describedby"] == tip["props"]["id"]
        out.append(tip)
    return out


def assert_matches_manifest(tip: dict, source_ids, lang: str = "en") -> None:
    """The panel shows, for each source: publisher, title, edition, licence (linked), NC mark, every step (in
    ``lang``, through the data domain; the publisher's own names as published)."""
    blocks = {b["props"]["data-source"]: b for b in find(tip, "prov-source")}
    assert set(blocks) == set(source_ids)
    for sid, block in blocks.items():
        m = store.source_meta(sid)
        for field in ("publisher", "title", "edition"):
            assert [text(n) for n in find(block, f"prov-{field}")] == [m[field]]
        (lic,) = find(block, "prov-licence")
        assert text(lic) == m["licence"]
        if m.get("licence_url"):
            assert lic["type"] == "A" and lic["props"]["href"] == m["licence_url"]
        assert bool(find(block, "prov-nc")) == bool(m.get("non_commercial"))
        assert [text(s) for s in find(block, "prov-step")] == \
            [data_i18n.text(step, lang) for step in m.get("processing") or []]


# ------------------------------------------------------------------ the builder

def test_builder_shows_every_manifest_field_and_processing_step():
    sources = store.bundle().manifest["sources"]
    sid = next(s for s, m in sources.items() if m.get("non_commercial") and len(m.get("processing") or []) >= 3)
    box = provenance("Source: X.", [sid], "en", uid="t1")
    (tip,) = tooltips(box)
    assert tip["props"]["id"] == "prov-t1"
    assert_matches_manifest(tip, [sid])
    assert text(find(box, "prov-trigger")[0]).startswith("Source: X.")
    steps = [text(s) for s in find(tip, "prov-step")]
    assert steps == sources[sid]["processing"] and len(steps) >= 3


def test_builder_every_source_in_the_manifest():
    for sid in store.bundle().manifest["sources"]:
        (tip,) = tooltips(provenance("s", [sid], "en", uid=sid))
        assert_matches_manifest(tip, [sid])


def test_builder_several_sources_labels_translated_and_no_sources_is_plain_text():
    box = provenance("line", ["unhcr", "wb_population", "unhcr"], "fr", uid="x")
    (tip,) = tooltips(box)
    assert_matches_manifest(tip, ["unhcr", "wb_population"], "fr")
    assert "Éditeur" in text(tip) and "Licence" in text(tip)
    assert provenance("plain", [], "en") == "plain"


@pytest.mark.parametrize("lang", ["bs", "fr"])
def test_processing_steps_are_in_the_page_language(lang):
    """Every processing step of every source is translated (translations/<lang>/LC_MESSAGES/data.po): no step of
    the panel is the manifest's English text, and none is marked lang="en"."""
    for sid, m in store.bundle().manifest["sources"].items():
        (tip,) = tooltips(provenance("s", [sid], lang, uid=sid))
        steps = find(tip, "prov-step")
        english = list(m.get("processing") or [])
        assert len(steps) == len(english)
        for node, en in zip(steps, english):
            assert text(node) != en and text(node) == data_i18n.text(en, lang), (sid, en)
            assert "lang" not in node["props"], (sid, en)
    bs = [text(s) for s in find(tooltips(provenance("s", ["unhcr"], lang, uid="u"))[0], "prov-step")]
    assert bs[0].startswith({"bs": "Zemlje se čitaju samo iz ISO3 kolona UNHCR-a (coo_iso, coa_iso)",
                             "fr": "Les pays sont lus uniquement dans les colonnes ISO3 du HCR (coo_iso, coa_iso)"}[lang])


def test_a_step_without_translation_stays_english_and_is_marked():
    """A new edition's step that no translator has done yet is shown in English with lang="en"."""
    from layouts import provenance as prov
    step = "A processing step no edition has had yet."
    html = prov._step(step, "bs")
    (node,) = [n for n in parse_html(html) if isinstance(n, dict)]
    assert text(node) == step and node["props"]["lang"] == "en"
    translated = store.source_meta("unhcr")["processing"][0]
    (node,) = [n for n in parse_html(prov._step(translated, "bs")) if isinstance(n, dict)]
    assert text(node) == data_i18n.text(translated, "bs") != translated and "lang" not in node["props"]
    (node,) = [n for n in parse_html(prov._step(translated, "en")) if isinstance(n, dict)]
    assert text(node) == translated and "lang" not in node["props"]


# ------------------------------------------------------------------ every page's source lines

def _source_lines(values, n_parts: int, source_index: int = 4) -> list:
    values = list(values)
    return [values[i + source_index] for i in range(0, len(values) - n_parts + 1, n_parts)]


def _explorer():
    from callbacks import explorer as cb
    from dashboard.viewdefs import explorer as ev

    st, _ = parse(ev.PAGE_PARAMS, {})
    return [(v, cb.render_view(v, st)[4]) for v in ("map", "ranking", "series")]


def _flows():
    from callbacks import flows as cb

    out = cb.update_charts("BIH", "origin", "flow_5y", None, "total", None, 10, 0, "WB6")
    return list(zip([v for v, _ in cb.VIEWS], _source_lines(out[:-1], 7)))


def _cards(module, viewdefs, view_ids):
    from layouts import cards

    st, _ = parse(viewdefs.PAGE_PARAMS, {})
    return [(v, cards.card(v, st)[4]) for v in view_ids]


def _displacement():
    from callbacks import displacement as cb
    from dashboard.viewdefs import displacement as vd

    return _cards(cb, vd, [v for v, cv in views.load_all().items() if cv.page == "/displacement"])


def _trafficking():
    from callbacks import trafficking as cb
    from dashboard.viewdefs import trafficking as vd

    return _cards(cb, vd, [v for v, cv in views.load_all().items() if cv.page == "/trafficking"])


def _routes():
    from callbacks import routes as cb

    out = []
    for v in [v for v, cv in views.load_all().items() if cv.page == "/routes"]:
        st, _ = views.parse(v, {})
        out.append((v, cb._values(v, st)[4]))
    return out


def _missing():
    from layouts import cards

    out = []
    for v in ("missing-map", "missing-series"):
        st, _ = views.parse(v, {})
        out.append((v, cards.card(v, st)[4]))
    return out


def _country():
    from callbacks import country as cb

    return list(zip([v for _, v in cb.CHARTS], _source_lines(cb.chart_values("BIH"), 7)))


def _compare():
    from callbacks import compare as cb

    return [("compare-series", cb.update_compare(["BIH", "SRB", "HRV"], "migrant_stock")[4])]


def _corridor():
    from callbacks import corridor as cb

    out = cb.fill_corridor("BIH-DEU")
    return [("corridor-series", s) for s in _source_lines(out[:-1], 7)]


PAGES = {"/": _explorer, "/flows": _flows, "/displacement": _displacement, "/trafficking": _trafficking,
         "/routes": _routes, "/missing-migrants": _missing, "/country/BIH": _country, "/compare": _compare,
         "/corridor/BIH-DEU": _corridor}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_chart_source_line_on_the_page_carries_provenance(page):
    cards = PAGES[page]()
    assert cards
    ids = []
    for view_id, source in cards:
        (tip,) = tooltips(source)
        sids = {b["props"]["data-source"] for b in find(tip, "prov-source")}
        assert sids and sids <= set(store.bundle().manifest["sources"])
        assert_matches_manifest(tip, sids)
        assert find(tip, "prov-step"), f"{view_id}: no processing step shown"
        ids.append(tip["props"]["id"])
    assert len(ids) == len(set(ids)), f"tooltip ids repeat on {page}: {ids}"


def test_source_ids_of_a_chart_are_those_of_its_view():
    for view_id in ("map", "profile", "disp-idps", "routes-side"):
        st, _ = views.parse(view_id, {})
        rendered = views.render(view_id, st)
        (tip,) = tooltips(from_rendered(rendered))
        expected = set(views.get(view_id).sources(st))
        assert {b["props"]["data-source"] for b in find(tip, "prov-source")} >= expected


def test_country_key_figures_carry_provenance_of_their_indicator():
    from dashboard.queries import profile as pq
    from layouts import country as lc

    rows = pq.key_figures("BIH")
    page = wire(lc.layout("BIH"))
    cells = find(page, "kf-source")
    assert len(cells) == len(rows)
    ids = []
    for cell, rec in zip(cells, rows.to_dict("records")):
        (tip,) = tooltips(cell)
        assert_matches_manifest(tip, [rec["source_id"]])
        ids.append(tip["props"]["id"])
    assert len(set(ids)) == len(ids)


def test_markup_is_escaped():
    """The source line and the manifest's texts travel as HTML: every text is escaped, nothing is markup."""
    from layouts.provenance import provenance_markup

    markup = provenance_markup('<img src=x onerror="alert(1)"> & "q"', ["unhcr"], "en", uid="<bad id>")
    assert "<img" not in markup and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;q&quot;" in markup
    assert 'id="prov-bad-id"' in markup and 'aria-describedby="prov-bad-id"' in markup
    (trigger, tip) = parse_html(markup)
    assert text(trigger).startswith('<img src=x onerror="alert(1)"> & "q"')  # shown as text, as given
