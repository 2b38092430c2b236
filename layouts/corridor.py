"""Corridor profile (``/corridor/BIH-DEU``): one corridor and its reverse under every measure, with shares and links."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, language, store
from dashboard.i18n import t
from dashboard.queries import flows as q
from dashboard.share.urls import page_route
from layouts.components import chart_card

ROUTE = page_route("corridor")


def not_found(pair: str, lang: str = "en"):
    """Friendly 404 body: what a corridor address looks like, and codes close to what was typed."""
    names = store.country_names(lang)
    parts = [p for p in str(pair).upper().split("-") if p]
    hints = []
    for p in parts or [""]:
        for code in q.suggestions(p):
            if code not in hints:
                hints.append(code)
    return html.Main(className="page page-404 page-corridor", children=[
        html.H1(t("corridor.not_found", lang, pair=pair)),
        html.P(t("corridor.not_found_body", lang)),
        html.P(t("corridor.suggest", lang)) if hints else None,
        html.Ul(className="corridor-suggestions", children=[
            html.Li(html.A(f"{names[c]} ({c})", href=language.href(f"/flows?focus={c}", lang))) for c in hints[:8]]) if hints else None,
        html.P(html.A("/corridor/BIH-DEU", href=language.href("/corridor/BIH-DEU", lang))),
        html.A(t("nav.flows", lang), href=language.href("/flows", lang)),
    ])


def layout(pair: str = "", lang: str = "en", **query):
    parsed = q.parse_pair(pair)
    if parsed is None:
        return not_found(pair, lang)
    o, d = parsed
    names = store.country_names(lang)
    return html.Main(className="page page-corridor", children=[
        dcc.Store(id=ids.CORRIDOR_PAIR, data=f"{o}-{d}"),
        html.H1(t("corridor.heading", lang, o=names[o], d=names[d])),
        html.P(t("corridor.intro", lang, o=names[o], d=names[d])),
        html.Nav(className="corridor-links", **{"aria-label": t("corridor.links", lang)}, children=[
            html.Span(t("corridor.links", lang)),
            html.A(t("corridor.country", lang, name=names[o]), href=language.href(f"/country/{o}", lang)),
            html.A(t("corridor.country", lang, name=names[d]), href=language.href(f"/country/{d}", lang)),
            html.A(t("corridor.flows", lang, name=names[o]), href=language.href(f"/flows?focus={o}", lang)),
            html.A(t("corridor.flows", lang, name=names[d]), href=language.href(f"/flows?focus={d}&role=destination", lang)),
            html.A(f"{t('corridor.reverse', lang)}: {names[d]} → {names[o]}", href=language.href(f"/corridor/{d}-{o}", lang)),
        ]),
        html.Section(className="chart corridor-shares", children=[
            html.H2(t("corridor.shares", lang), className="chart-title"),
            html.Div(id=ids.CORRIDOR_SHARES),
        ]),
        html.Div(className="corridor-grid", children=[
            chart_card(f"corridor-{m}", height=340, kind="lines") for m in q.measure_ids()]),
    ])
