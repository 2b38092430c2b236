"""Provenance behind every source line (layouts/provenance.py): the builder's content equals the manifest, and
each page's chart source lines (and the country profile's key figures) carry it."""
from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import store, views
from dashboard.state import parse
from layouts import components
from layouts.provenance import provenance


def wire(component):
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def walk(node):
    """Every component (as wire JSON) in a tree."""
    if isinstance(node, dict):
        if "props" in node:
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


def assert_matches_manifest(tip: dict, source_ids) -> None:
    """The panel shows, for each source: publisher, title, edition, licence (linked), NC mark, every step."""
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
        assert [text(s) for s in find(block, "prov-step")] == list(m.get("processing") or [])


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
    assert_matches_manifest(tip, ["unhcr", "wb_population"])
    assert "Éditeur" in text(tip) and "Licence" in text(tip)
    assert provenance("plain", [], "en") == "plain"


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
    st, _ = parse(viewdefs.PAGE_PARAMS, {})
    return [(v, module.render_card(v, st)[4]) for v in view_ids]


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
    from callbacks import missing as cb

    out = []
    for v in ("missing-map", "missing-series"):
        st, _ = views.parse(v, {})
        out.append((v, cb._values(v, st)[4]))
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
        (tip,) = tooltips(components.chart_values(rendered, None)[4])
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
