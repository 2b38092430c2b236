"""Trafficking page: UNODC detected victims and breakdowns, prosecutions and convictions, CTDC synthetic-record
patterns and US TIP tiers. State in the URL (``/trafficking?country=ALB&year=2017&ctdc_by=victim_gender``)."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, state as state_mod, store
from dashboard.i18n import t, tn, vocab
from dashboard.queries import trafficking as q
from dashboard.viewdefs import trafficking as vd
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.notice import notice_box
from layouts import options

ROUTE = page_route("trafficking")


def _control(label: str, cid: str, component) -> html.Div:
    return html.Div(className="control", children=[html.Label(label, htmlFor=cid), component])


def who_options(lang: str) -> list[dict]:
    """The world first, then the groups and regions, then the countries with UNODC data (by name)."""
    world = options.groups([q.WORLD], lang)[0]["label"]
    return options.places([*store.group_ids(), *q.glotip_countries()], lang, world=(q.WORLD, world))


def layout(lang: str = "en", **query):
    state, notices = state_mod.parse(vd.PAGE_PARAMS, query)
    countries = options.countries(q.glotip_countries(), lang)
    years = q.country_years(state["country"])
    return html.Main(className="page page-trafficking", children=[
        html.H1(t("traf.heading", lang)),
        notice_box(notices, state_mod.serialize(vd.PAGE_PARAMS, state)),
        html.Aside(className="traf-read", **{"aria-labelledby": "traf-read-heading"}, children=[
            html.H2(t("traf.read.heading", lang), id="traf-read-heading"),
            html.P(t("traf.read.detected", lang)),
            html.P(t("traf.read.lt5", lang)),
            html.P(tn("traf.read.excluded", q.excluded_artefact_rows(), lang)),
            html.P(t("traf.read.coverage", lang)),
        ]),
        html.Div(className="controls", children=[
            _control(t("traf.control.country", lang), ids.TRAFFICKING_COUNTRY,
                     dcc.Dropdown(id=ids.TRAFFICKING_COUNTRY, options=countries, value=state["country"],
                                  clearable=False)),
            _control(t("traf.control.year", lang), ids.TRAFFICKING_YEAR,
                     dcc.Dropdown(id=ids.TRAFFICKING_YEAR, value=state["year"], clearable=False,
                                  options=[{"label": str(y), "value": y} for y in reversed(years)])),
        ]),
        chart_card("traf-series", kind="lines"),
        html.Div(className="disp-grid", children=[chart_card("traf-sex-age", height=340),
                                                   chart_card("traf-forms", height=340)]),
        chart_card("traf-citizenship", height=380),
        html.Section(className="traf-who", **{"aria-labelledby": "traf-who-heading"}, children=[
            html.H2(t("traf.who.heading", lang), id="traf-who-heading"),
            html.Div(className="controls", children=[
                _control(t("traf.control.who", lang), ids.TRAFFICKING_WHO,
                         dcc.Dropdown(id=ids.TRAFFICKING_WHO, value=state["who"], clearable=False,
                                      options=who_options(lang))),
            ]),
            chart_card("traf-who", height=420),
            chart_card("traf-who-forms", height=340),
        ]),
        chart_card("traf-ranking", height=720),
        chart_card("traf-tip", height=300, kind="lines"),
        html.Section(className="traf-ctdc", **{"aria-labelledby": "traf-ctdc-heading"}, children=[
            html.H2(t("traf.ctdc.heading", lang), id="traf-ctdc-heading"),
            html.P(t("traf.ctdc.statement", lang), className="traf-statement"),
            html.Div(className="controls", children=[
                _control(t("traf.control.ctdc_by", lang), ids.TRAFFICKING_CTDC_BY,
                         dcc.Dropdown(id=ids.TRAFFICKING_CTDC_BY, value=state["ctdc_by"], clearable=False,
                                      options=[{"label": vocab(v, lang), "value": k} for k, v in q.CTDC_DIMS.items()])),
            ]),
            chart_card("traf-ctdc", height=420),
        ]),
    ])
