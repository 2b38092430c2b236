"""The one card pipeline (layouts/cards.py): every registered chart view renders through it, every page's chart
cards are filled by it, and a card that fails says so (logged with its chart id) without breaking the page."""
from __future__ import annotations

import ast
import logging
import pathlib
import re

import pytest

from dashboard import numbers, views
from layouts import cards, components
from tests.test_provenance import parse_html

REPO = pathlib.Path(__file__).resolve().parent.parent


def _tbody_rows(table) -> int:
    markup = table["props"]["data-html"]
    body = markup.split("<tbody>", 1)[1]
    return body.count("<tr>")


@pytest.mark.parametrize("lang", ["en", "bs", "fr"])
def test_every_registered_view_renders_through_the_pipeline(app, lang):
    registry = views.load_all()
    assert len(registry) >= 35
    with app.server.app_context():  # the shared cache serves the rows the card, the table and the checks all need
        for view_id in registry:
            _check_card(view_id, lang)


def _walk(nodes):
    for n in nodes:
        if isinstance(n, dict):
            yield n
            yield from _walk(n["props"]["children"])


def _check_card(view_id: str, lang: str) -> None:
    state, _ = views.parse(view_id, {})
    values = cards.card(view_id, state, lang)
    assert len(values) == len(cards.PARTS) == 7, view_id
    figure, title, subtitle, summary, source, table, actions = values
    assert "chart-failed" not in str(actions), (view_id, lang)
    assert isinstance(figure, dict) and "layout" in figure, view_id
    assert isinstance(title, str) and title.strip(), view_id
    assert isinstance(summary, str) and summary.strip(), view_id
    assert source, view_id
    # the table: the view's declared Table, from the same rows as the chart and its downloads
    tbl = views.table(view_id, state, lang)
    rows = views.data(view_id, state)
    assert set(tbl.columns) <= set(tbl.frame.columns), view_id
    assert f'class="{" ".join(x for x in ("data-table", tbl.class_name) if x)}"' in table["props"]["data-html"]
    if tbl.frame is rows or len(tbl.frame) == len(rows):
        assert _tbody_rows(table) == min(len(rows), tbl.max_rows), view_id
    heads = re.findall(r'<th scope="col">(.*?)</th>', table["props"]["data-html"])
    assert len(heads) == len(tbl.columns), view_id
    # the actions: one HTML string (cards.actions_holder); the "Share / Download" menu comes after the card's notes
    # if any, and its CSV link carries the view's own query and the row count of the chart
    assert [a["props"]["className"] for a in actions] == [cards.ACTIONS_CLASS], view_id
    top = [n for n in parse_html(actions[0]["props"]["data-html"]) if isinstance(n, dict)]
    assert top[-1]["type"] == "Details" and top[-1]["props"]["className"] == "chart-menu", view_id
    csv = next(n for n in _walk(top) if n["props"].get("data-action") == "csv")
    assert csv["type"] == "A" and csv["props"]["href"] == f"/download/{view_id}.csv{views.query(view_id, state)}"
    # the row count, in the page's number format
    assert numbers.whole(len(rows), lang) in "".join(c for c in csv["props"]["children"] if isinstance(c, str))


def test_a_card_that_fails_is_logged_with_its_chart_and_shown_as_a_message(app, monkeypatch, caplog):
    view = views.get("traf-tip")
    state, _ = views.parse("traf-tip", {"country": "MDA"})

    def broken(rows, st, lang):
        raise RuntimeError("figure builder broke")

    monkeypatch.setitem(views.REGISTRY, "traf-tip", views.ChartView(**{**view.__dict__, "figure": broken}))
    cards._local_card.cache_clear()  # outside a request the shared cache is not used: nothing else holds the card
    with caplog.at_level(logging.ERROR, logger="layouts.cards"):
        values = cards.card("traf-tip", state, "fr")
    assert len(values) == 7
    assert values[1] == values[3] == "Ce graphique n'a pas pu être dessiné. L'erreur a été consignée ; réessayez plus tard."
    assert values[5] is None and "chart-failed" in str(values[6])
    record = next(r for r in caplog.records if "traf-tip" in r.getMessage())
    assert record.exc_info and "figure builder broke" in str(record.exc_info[1])
    monkeypatch.setitem(views.REGISTRY, "traf-tip", view)
    again = cards.card("traf-tip", state, "fr")  # the failure was not cached
    assert "chart-failed" not in str(again[6])


def test_profile_corridor_tables_link_each_partner_to_its_profile(app):
    state, _ = views.parse("profile-destinations", {"iso3": "BIH"})
    table = cards.card("profile-destinations", state)[5]
    markup = table["props"]["data-html"]
    assert 'class="data-table corridor-table"' in markup
    links = re.findall(r'<a href="/country/([A-Z]{3})" class="table-link">', markup)
    rows = views.data("profile-destinations", state)
    assert links and links[0] == rows["destination"].iloc[0] and len(links) <= len(rows)


def _card_output_groups(app) -> list[list[str]]:
    """For every callback that fills chart cards, per card: the parts it fills, in order (from Dash's callback map,
    whose keys list a callback's outputs as '..{id}.prop...{id}.prop..')."""
    groups = []
    for key in app.callback_map:
        by_card: dict[str, list[str]] = {}
        for card_key, part, _prop in re.findall(r'\{"key":"([^"]+)","type":"chart-([a-z]+)"\}\.(figure|children)', key):
            by_card.setdefault(card_key, []).append(part)
        groups += list(by_card.values())
    return groups


def test_every_page_fills_its_cards_through_the_pipeline(app):
    groups = _card_output_groups(app)
    assert len(groups) >= 35, len(groups)
    parts = [o.component_id["type"].removeprefix("chart-") for o in cards.outputs("k")]
    for g in groups:
        assert g == parts, g  # all seven parts, in the pipeline's order: cards.outputs(key)
    # and no page builds a card's parts by hand: callbacks call cards.card, never views.render or a table builder
    for path in sorted((REPO / "callbacks").glob("*.py")):
        tree = ast.parse(path.read_text())
        calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        assert not calls & {"views.render", "components.chart_outputs", "views.table"}, (path.name, calls)


def test_chart_card_layout_parts_match_the_pipeline():
    card = components.chart_card("k")
    found = re.findall(r"'type': 'chart-([a-z]+)'", str(card.to_plotly_json()))
    assert set(cards.PARTS) - {"figure"} <= set(found) and "graph" in found


def test_a_page_already_showing_a_cards_texts_gets_only_its_figure_and_table(app, monkeypatch):
    """``prefill`` puts each drawn card's texts and their fingerprint in the page's layout; ``card(..., shown=)``
    answers those texts with no_update only while the page shows exactly them (same view, state and language),
    never for a card that failed or for other texts."""
    from dash import no_update

    from layouts import displacement

    layout, complete = cards.prefill(displacement.layout(year="2022"), {"year": "2022"}, "fr")
    assert complete
    stores = [n for n in layout._traverse() if getattr(n, "id", None) and isinstance(n.id, dict)
              and n.id.get("type") == "chart-shown"]
    assert len(stores) >= 5 and all(isinstance(s.data, str) and len(s.data) == 32 for s in stores)
    state, _ = views.parse("disp-top-hosts", {"year": "2022"})
    full = cards.card("disp-top-hosts", state, "fr")
    shown = [s.data for s in stores]
    assert cards.fingerprint(full) in shown
    kept = cards.card("disp-top-hosts", state, "fr", shown)
    for part, value, whole in zip(cards.PARTS, kept, full):
        assert (value is no_update) == (part in cards.PREFILLED), part
        if part not in cards.PREFILLED:
            assert value == whole
    # another year, another language, or nothing shown: every part is sent
    other, _ = views.parse("disp-top-hosts", {"year": "2019"})
    assert no_update not in cards.card("disp-top-hosts", other, "fr", shown)
    assert no_update not in cards.card("disp-top-hosts", state, "en", shown)
    assert no_update not in cards.card("disp-top-hosts", state, "fr", None)
    # a card that fails is never taken as shown, and its layout carries no fingerprint
    view = views.get("disp-top-hosts")

    def broken(rows, st, lang):
        raise RuntimeError("figure builder broke")

    monkeypatch.setitem(views.REGISTRY, "disp-top-hosts", views.ChartView(**{**view.__dict__, "figure": broken}))
    cards._local_card.cache_clear()
    failed = cards.card("disp-top-hosts", state, "fr", [cards.fingerprint(cards.failed("disp-top-hosts", "fr"))])
    assert no_update not in failed
    layout, complete = cards.prefill(displacement.layout(year="2022"), {"year": "2022"}, "fr")
    assert not complete
    store = next(n for n in layout._traverse() if getattr(n, "id", None) == components.cid("shown", "disp-top-hosts"))
    assert getattr(store, "data", None) is None
    monkeypatch.setitem(views.REGISTRY, "disp-top-hosts", view)
    cards._local_card.cache_clear()
