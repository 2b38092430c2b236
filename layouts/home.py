"""Home page: one world choropleth; indicator and year come from the URL (``/?indicator=...&year=...``)."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, store, views
from dashboard.i18n import t

ROUTE = "/"


def layout(lang: str = "en", **query):
    state, notices = views.parse("map", query)
    options = [{"label": i["label"], "value": i["id"]} for i in store.catalog()["indicators"]]
    years = store.available_years(state["indicator"])
    return html.Main(className="page page-home", children=[
        html.Div(id=ids.NOTICE, role="status", className="notice" if notices else "notice notice-empty",
                 children=[html.P(n) for n in notices]),
        html.Div(className="controls", children=[
            html.Div(className="control", children=[
                html.Label(t("control.indicator", lang), htmlFor=ids.HOME_INDICATOR),
                dcc.Dropdown(id=ids.HOME_INDICATOR, options=options, value=state["indicator"], clearable=False),
            ]),
            html.Div(className="control", children=[
                html.Label(t("control.year", lang), htmlFor=ids.HOME_YEAR),
                dcc.Dropdown(id=ids.HOME_YEAR, options=[{"label": str(y), "value": y} for y in reversed(years)],
                             value=state["year"], clearable=False),
            ]),
        ]),
        html.Section(className="chart", children=[
            html.H2(id=ids.HOME_MAP_TITLE, className="chart-title"),
            html.P(id=ids.HOME_MAP_SUBTITLE, className="chart-subtitle"),
            dcc.Loading(dcc.Graph(id=ids.HOME_MAP, config={"topojsonURL": "/assets/topojson/", "displaylogo": False,
                                                           "responsive": True},
                                  style={"height": "520px"})),
            html.P(id=ids.HOME_MAP_SUMMARY, className="visually-hidden", **{"aria-live": "polite"}),
            html.P(id=ids.HOME_MAP_SOURCE, className="chart-source"),
            html.P(t("map.disclaimer", lang), className="map-disclaimer"),
        ]),
    ])
