"""Comparison page (/compare?countries=BIH,SRB,HRV&indicator=...): 2 to 8 countries, the profile's key
figures side by side (value and year per cell, missing shown as missing) and one indicator's series on a
shared x axis. Group ids (e.g. WB6) in ``countries`` are expanded to their members.
"""
from __future__ import annotations

import functools

from dash import dcc, html

from dashboard import charts, data_i18n, ids, language, store, views
from dashboard.i18n import t
from dashboard.queries import profile as q
from layouts.cards import wire
from layouts.components import chart_card
from dashboard.numbers import is_missing
from dashboard.share.urls import page_route
from layouts.country import value_cell
from layouts.notice import notice_box
from layouts.provenance import provenance
from layouts import options

ROUTE = page_route("compare")
MAX_COUNTRIES = 8


def compare_state(countries: str | None = None, indicator: str | None = None) -> tuple[dict, list[str]]:
    """Valid 'compare-series' state from raw URL values, plus notices (unknown codes, too many, too few)."""
    notices: list[str] = []
    raw: dict = {}
    if indicator:
        raw["indicator"] = indicator
    if countries:
        codes, unknown = q.parse_compare_spec(countries)
        if unknown:
            notices.append(t("compare.unknown", codes=", ".join(unknown)))
        parts = [c for c in codes.split(",") if c]
        if len(parts) > MAX_COUNTRIES:
            notices.append(t("compare.too_many"))
            parts = parts[:MAX_COUNTRIES]
        if parts:
            raw["countries"] = ",".join(parts)
    state, more = views.parse("compare-series", raw)
    return state, notices + more


def canonical_query(state: dict) -> str:
    """The comparison's URL query, always naming the countries so a shared link is explicit."""
    query = views.query("compare-series", state)
    if state.get("countries") and "countries=" not in query:
        query = (query + "&" if query else "?v=1&") + "countries=" + ",".join(state["countries"])
    return query


def key_figures_table(countries: tuple, lang: str = "en") -> dict:
    """The key-figures table of ``countries`` as the JSON Dash sends, kept per worker and bundle (the comparison's
    layout and its callback both send it)."""
    return _key_figures_table(store.bundle().version, tuple(countries), lang)


@functools.lru_cache(maxsize=64)
def _key_figures_table(version: str, countries: tuple, lang: str) -> dict:
    return wire(compare_table(q.compare_figures(countries), list(countries), lang))


def compare_table(rows, countries, lang: str = "en") -> html.Table:
    """Key figures: one row per indicator, one column per country; cell = value (year) or 'No data'."""
    names = store.country_names(lang)
    head = html.Thead(html.Tr([html.Th(t("country.col_indicator", lang), scope="col")] + [
        html.Th(html.A(names.get(c, c), href=language.href(f"/country/{c}", lang)), scope="col", **{"data-iso3": c}) for c in countries
    ] + [html.Th(t("country.col_source", lang), scope="col")]))
    body = []
    first_rows: dict = {}  # indicator -> its first row; (indicator, country) -> that country's first row
    for r in rows.to_dict("records"):
        first_rows.setdefault(r["indicator"], r)
        first_rows.setdefault((r["indicator"], r["iso3"]), r)
    for ind in q.KEY_FIGURES:
        first = first_rows.get(ind)
        if first is None:
            continue
        cells = [html.Th([charts.plain_title(data_i18n.text(first["label"], lang)),
                          html.Span(f" ({data_i18n.text(first['unit'], lang)})", className="kf-unit")], scope="row")]
        for c in countries:
            r = first_rows.get((ind, c))
            if r is None:
                cells.append(html.Td(value_cell(None, None, None, lang), className="kf-cell"))
                continue
            cell = value_cell(r["value"], r["year"], r["flag"], lang, first["unit"], show_unit=False)
            if not is_missing(r["year"]):
                cell.append(html.Span(f" ({int(r['year'])})", className="kf-year"))
            cells.append(html.Td(cell, className="kf-cell", **{"data-iso3": c}))
        cells.append(html.Td(provenance(charts.short_citation(first.get("source_id")), [first.get("source_id")], lang,
                                        uid=f"cmp-{ind}", verbatim=True), className="kf-source"))
        body.append(html.Tr(cells, **{"data-indicator": ind}))
    return html.Table(className="data-table kf-table compare-table", children=[head, html.Tbody(body)])


def layout(countries: str | None = None, indicator: str | None = None, lang: str = "en", **_query):
    state, notices = compare_state(countries, indicator)
    country_opts = options.countries(q.navigable_codes(), lang, code_in_label=True)
    themes: dict[str, list] = {}
    for i in store.catalog()["indicators"]:
        themes.setdefault(i["theme"], []).append({"label": data_i18n.text(i["label"], lang), "value": i["id"]})
    ind_opts = [o for theme in sorted(themes) for o in themes[theme]]
    return html.Main(className="page page-compare", children=[
        html.H1(t("compare.title", lang)),
        notice_box(notices, canonical_query(state), element_id=ids.COMPARE_STATUS),
        html.Div(className="controls", children=[
            html.Div(className="control control-wide", children=[
                html.Label(t("compare.countries", lang), htmlFor=ids.COMPARE_COUNTRIES),
                dcc.Dropdown(id=ids.COMPARE_COUNTRIES, options=country_opts, value=list(state["countries"]),
                             multi=True, searchable=True, clearable=False),
            ]),
            html.Div(className="control", children=[
                html.Label(t("compare.indicator", lang), htmlFor=ids.COMPARE_INDICATOR),
                dcc.Dropdown(id=ids.COMPARE_INDICATOR, options=ind_opts, value=state["indicator"], clearable=False,
                             searchable=True),
            ]),
        ]),
        html.Section(className="key-figures", **{"aria-labelledby": "compare-table-title"}, children=[
            html.H2(t("compare.table_title", lang), id="compare-table-title"),
            html.P(t("compare.table_note", lang), className="chart-note"),
            html.Div(id=ids.COMPARE_TABLE, className="kf-wrap",
                     children=key_figures_table(tuple(state["countries"]), lang)),
        ]),
        chart_card(ids.COMPARE_CHART_SERIES, height=440, kind="lines"),
    ])
