"""The deck page (/deck?views=...): the views a presenter collected with "Add to deck", in order, one chart card
each (drawn by the one card pipeline, no callbacks), with links to move or remove a view, to present the deck
(``present=1``: one chart per screen, assets/presenter.js) and to download it as PowerPoint or a PDF handout.

The deck is the ``views`` parameter (dashboard/share/deck.py); assets/deck.js keeps the browser's collected deck
in step with the page's. A malformed deck shows its message, never an error page.
"""
from __future__ import annotations

import json

from dash import dcc, html

from dashboard import language, views as registry
from dashboard.i18n import t, tn
from dashboard.share import deck as deck_mod
from dashboard.share.images import image_available
from dashboard.share.urls import dashboard_path, page_route
from dashboard.store import QueryError
from layouts import cards
from layouts.components import graph_config

ROUTE = page_route("deck")


def deck_href(items: list[str], lang: str, **extra) -> str:
    return "/deck" + deck_mod.deck_query(items, lang=None if lang == "en" else lang, **extra)


SLIDE_HEIGHT = 460  # px: a slide's chart, unless its figure asks for more (a long ranking keeps its rows apart)


def _slide_height(figure: dict) -> int:
    asked = (figure.get("layout") or {}).get("height") if isinstance(figure, dict) else None
    return max(SLIDE_HEIGHT, int(asked)) if isinstance(asked, (int, float)) else SLIDE_HEIGHT


def _slide(n: int, dv: deck_mod.DeckView, items: list[str], lang: str) -> html.Section:
    figure, title, subtitle, _summary, source, _table, _actions = cards.card(dv.view_id, dv.state, lang)
    moved = []
    if n > 0:
        up = items[:n - 1] + [items[n], items[n - 1]] + items[n + 1:]
        moved.append(html.A(t("deck.up", lang), href=deck_href(up, lang), className="action", **{"data-action": "deck-up"}))
    if n < len(items) - 1:
        down = items[:n] + [items[n + 1], items[n]] + items[n + 2:]
        moved.append(html.A(t("deck.down", lang), href=deck_href(down, lang), className="action",
                            **{"data-action": "deck-down"}))
    rest = items[:n] + items[n + 1:]
    moved.append(html.A(t("deck.remove", lang), href=deck_href(rest, lang) if rest else language.href("/deck", lang),
                        className="action", **{"data-action": "deck-remove"}))
    open_href = language.href(dashboard_path(dv.view_id, dv.state), lang)
    moved.append(html.A(t("embed.open", lang), href=open_href, className="action", **{"data-action": "deck-open"}))
    key = f"deck-{n}"
    return html.Section(className="chart deck-slide", id=key, **{"aria-labelledby": f"{key}-title",
                                                                "data-view": dv.view_id}, children=[
        html.H2(title, id=f"{key}-title", className="chart-title"),
        html.P(subtitle, className="chart-subtitle"),
        *[html.P(x, className="notice") for x in dv.notices],
        dcc.Graph(figure=figure, config=graph_config(registry.get(dv.view_id).geo, dv.view_id),
                  className="deck-graph", style={"height": f"{_slide_height(figure)}px"}),
        html.Div(source, className="chart-source"),
        html.P(t("map.disclaimer", lang), className="chart-note") if registry.get(dv.view_id).geo else None,
        html.Div(moved, className="chart-actions deck-actions"),
    ])


def layout(views: str | None = None, lang: str = "en", **_query):
    lang = language.from_query({"lang": lang})
    head = [html.H1(t("deck.title", lang))]
    try:
        deck = deck_mod.parse_views(views)
    except QueryError:
        empty = not (views or "").replace(",", "").strip()
        return html.Main(className="page page-deck", children=[
            *head,
            html.Div(role="status", className="notice deck-empty" if empty else "notice deck-error", children=[
                html.P(t("deck.empty", lang) if empty else t("deck.bad", lang)),
            ]),
        ])
    items = [dv.item for dv in deck]
    downloads = [html.A(t("deck.present", lang), href=deck_href(items, lang, present="1"), className="action",
                        **{"data-action": "deck-present"})]
    if image_available():
        downloads += [
            html.A(t("deck.pptx", lang), href="/deck.pptx" + deck_mod.deck_query(items, lang=None if lang == "en" else lang),
                   className="action", download="", **{"data-action": "deck-pptx"}),
            html.A(t("deck.pdf", lang), href="/deck.pdf" + deck_mod.deck_query(items, lang=None if lang == "en" else lang),
                   className="action", download="", **{"data-action": "deck-pdf"}),
        ]
    return html.Main(className="page page-deck", **{"data-deck": json.dumps(items)}, children=[
        *head,
        html.P(tn("deck.count", len(deck), lang, n=len(deck)), className="deck-count"),
        html.P(t("deck.download_note", lang), className="chart-note"),
        html.Div(downloads, className="chart-actions deck-downloads"),
        *[_slide(n, dv, items, lang) for n, dv in enumerate(deck)],
    ])
