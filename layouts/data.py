"""Data catalogue page (/data): browse indicators, preview a selection, download it, see the API call."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, store
from dashboard.i18n import t
from dashboard.queries import catalogue

ROUTE = "/data"
THEMES = ("flows", "displacement", "trafficking", "context")


def layout(lang: str = "en", indicator: str | None = None, countries: str = "", years: str = "", **_):
    ids_all = store.indicator_ids()
    indicator = indicator if indicator in ids_all else "migrant_stock"
    options = [{"label": f"{r.label} ({r.id})", "value": r.id} for r in catalogue.search().itertuples()]
    return html.Main(className="page page-data", children=[
        html.H1(t("data.title", lang)),
        html.P(t("data.intro", lang)),
        html.Div(className="controls", children=[
            html.Div(className="control", children=[
                html.Label(t("data.keyword", lang), htmlFor=ids.DATA_KEYWORD),
                dcc.Input(id=ids.DATA_KEYWORD, type="search", debounce=True, value="", className="text-input")]),
            html.Div(className="control", children=[
                html.Label(t("data.theme", lang), htmlFor=ids.DATA_THEME),
                dcc.Dropdown(id=ids.DATA_THEME, options=[{"label": t(f"explorer.theme.{k}", lang), "value": k}
                                                         for k in THEMES])]),
            html.Div(className="control", children=[
                html.Label(t("data.licence", lang), htmlFor=ids.DATA_LICENCE),
                dcc.Dropdown(id=ids.DATA_LICENCE, value="", clearable=False, options=[
                    {"label": t("data.licence.any", lang), "value": ""},
                    {"label": t("data.licence.open", lang), "value": "no"},
                    {"label": t("data.licence.nc", lang), "value": "yes"}])]),
        ]),
        html.Div(id=ids.DATA_CATALOGUE, className="table-wrap"),
        html.Div(className="controls", children=[
            html.Div(className="control", children=[
                html.Label(t("data.indicator", lang), htmlFor=ids.DATA_INDICATOR),
                dcc.Dropdown(id=ids.DATA_INDICATOR, options=options, value=indicator, clearable=False)]),
            html.Div(className="control", children=[
                html.Label(t("data.countries", lang), htmlFor=ids.DATA_COUNTRIES),
                dcc.Input(id=ids.DATA_COUNTRIES, value=countries, debounce=True, className="text-input")]),
            html.Div(className="control", children=[
                html.Label(t("data.years", lang), htmlFor=ids.DATA_YEARS),
                dcc.Input(id=ids.DATA_YEARS, value=years, debounce=True, className="text-input")]),
        ]),
        html.Div(id=ids.DATA_STATUS, role="status", className="notice notice-empty"),
        html.Div(id=ids.DATA_PREVIEW),
    ])
