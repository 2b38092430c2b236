"""Data catalogue page (/data): browse indicators, preview a selection, download it, see the API call."""
from __future__ import annotations

from dash import dcc, html

from dashboard import data_i18n, ids, store
from dashboard.i18n import t, tn
from dashboard.queries import catalogue
from dashboard.share.urls import page_route
from layouts import options

ROUTE = page_route("data")
THEMES = ("flows", "displacement", "trafficking", "context")
LICENCES = ("", "no", "yes")  # any / commercial use allowed / non-commercial only


def source_options(lang: str = "en") -> list[dict]:
    """The source filter's options: every publisher's dataset behind the catalogue (from the bundle manifest)."""
    return [{"label": tn("data.source.option", r["indicators"], lang, label=catalogue.source_label(r)),
             "value": r["source_id"]} for _, r in catalogue.sources().iterrows()]


def country_options(lang: str = "en") -> list[dict]:
    """Groups (WB6, EU27, regions...) then countries, by name in the page language (codes found too)."""
    return options.groups(lang=lang) + options.countries(store.country_names("en"), lang)


def layout(lang: str = "en", indicator: str | None = None, countries: str = "", years: str = "", keyword: str = "",
           theme: str | None = None, licence: str = "", source: str = "", **_):
    """The page; every filter and the selection start from the URL query (written back by callbacks/data.py).

    An unknown theme or licence falls back to 'any'; an unknown source does too, with a notice saying so.
    """
    ids_all = store.indicator_ids()
    indicator = indicator if indicator in ids_all else "migrant_stock"
    # the label in the page language; the id (what the API and the CSV call it) still finds it when typed
    options = [{"label": data_i18n.text(r.label, lang), "value": r.id, "search": f"{data_i18n.text(r.label, lang)} {r.id}"}
               for r in catalogue.search().itertuples()]
    theme = theme if theme in THEMES else None
    licence = licence if licence in LICENCES else ""
    sources = source_options(lang)
    source = (source or "").strip()
    known = {o["value"] for o in sources}
    notice = t("data.source.unknown", lang, source=source) if source and source not in known else ""
    source = source if source in known else None
    return html.Main(className="page page-data", children=[
        html.H1(t("data.title", lang)),
        html.P(t("data.intro", lang)),
        html.Div(className="controls", children=[
            html.Div(className="control", children=[
                html.Label(t("data.keyword", lang), htmlFor=ids.DATA_KEYWORD),
                dcc.Input(id=ids.DATA_KEYWORD, type="search", debounce=True, value=keyword or "",
                          className="text-input")]),
            html.Div(className="control", children=[
                html.Label(t("data.theme", lang), htmlFor=ids.DATA_THEME),
                dcc.Dropdown(id=ids.DATA_THEME, value=theme,
                             options=[{"label": t(f"explorer.theme.{k}", lang), "value": k} for k in THEMES])]),
            html.Div(className="control control-wide", children=[
                html.Label(t("data.source", lang), htmlFor=ids.DATA_SOURCE),
                dcc.Dropdown(id=ids.DATA_SOURCE, value=source, options=sources,
                             placeholder=t("data.source.any", lang))]),
            html.Div(className="control", children=[
                html.Label(t("data.licence", lang), htmlFor=ids.DATA_LICENCE),
                dcc.Dropdown(id=ids.DATA_LICENCE, value=licence, clearable=False, options=[
                    {"label": t("data.licence.any", lang), "value": ""},
                    {"label": t("data.licence.open", lang), "value": "no"},
                    {"label": t("data.licence.nc", lang), "value": "yes"}])]),
        ]),
        html.Div(notice, id=ids.DATA_SOURCE_NOTICE, role="status",
                 className="notice" if notice else "notice notice-empty"),
        html.Div(id=ids.DATA_CATALOGUE, className="table-wrap"),
        html.Div(className="controls", children=[
            html.Div(className="control", children=[
                html.Label(t("data.indicator", lang), htmlFor=ids.DATA_INDICATOR),
                dcc.Dropdown(id=ids.DATA_INDICATOR, options=options, value=indicator, clearable=False)]),
            html.Div(className="control control-wide", children=[
                html.Label(t("data.countries", lang), htmlFor=ids.DATA_COUNTRIES),
                dcc.Dropdown(id=ids.DATA_COUNTRIES, options=country_options(lang), multi=True, searchable=True,
                             value=[c.strip().upper() for c in (countries or "").split(",") if c.strip()],
                             placeholder=t("data.countries_all", lang))]),
            html.Div(className="control", children=[
                html.Label(t("data.years", lang), htmlFor=ids.DATA_YEARS),
                dcc.Input(id=ids.DATA_YEARS, value=years, debounce=True, className="text-input")]),
        ]),
        html.Div(id=ids.DATA_STATUS, role="status", className="notice notice-empty"),
        html.Div(id=ids.DATA_PREVIEW),
    ])
