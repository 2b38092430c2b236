"""Displacement page: UNHCR populations, rankings, origin x asylum pairs, IDMC, the IDP reconciliation panel,
solutions and asylum. State in the URL (``/displacement?area=SYR&role=origin&year=2022&pop=refugees``)."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, state as state_mod, store
from dashboard.i18n import t
from dashboard.queries import displacement as q
from dashboard.viewdefs import displacement as vd
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.notice import notice_box
from layouts import options

ROUTE = page_route("displacement")


def area_options(lang: str = "en") -> list[dict]:
    names = store.country_names(lang)
    return options.places([*store.group_ids(), *(c for c in q.area_choices() if c in names)], lang,
                          world=(q.WORLD, t("disp.world", lang)))


def _control(label: str, cid: str, component) -> html.Div:
    return html.Div(className="control", children=[html.Label(label, htmlFor=cid), component])


def layout(lang: str = "en", **query):
    state, notices = state_mod.parse(vd.PAGE_PARAMS, query)
    years = q.population_years()
    return html.Main(className="page page-displacement", children=[
        html.H1(t("disp.heading", lang)),
        html.P(t("disp.intro", lang), className="page-intro"),
        notice_box(notices, state_mod.serialize(vd.PAGE_PARAMS, state)),
        html.Div(className="controls", children=[
            _control(t("disp.control.area", lang), ids.DISPLACEMENT_AREA,
                     dcc.Dropdown(id=ids.DISPLACEMENT_AREA, options=area_options(lang), value=state["area"],
                                  clearable=False)),
            html.Div(className="control", children=[
                html.Span(t("disp.control.role", lang), className="control-label", id="displacement-role-label"),
                dcc.RadioItems(id=ids.DISPLACEMENT_ROLE, value=state["role"], inline=True,
                               className="disp-radio", options=[
                                   {"label": t(f"disp.role.{r}", lang), "value": r} for r in q.ROLES]),
            ]),
            _control(t("disp.control.year", lang), ids.DISPLACEMENT_YEAR,
                     dcc.Dropdown(id=ids.DISPLACEMENT_YEAR, value=state["year"], clearable=False,
                                  options=[{"label": str(y), "value": y} for y in reversed(years)])),
            _control(t("disp.control.pop_type", lang), ids.DISPLACEMENT_POP,
                     dcc.Dropdown(id=ids.DISPLACEMENT_POP, value=state["pop"], clearable=False,
                                  options=[{"label": t(f"disp.pop.{p}", lang), "value": p} for p in q.POP_TYPES])),
        ]),
        chart_card("disp-types", kind="lines"),
        html.Div(className="disp-grid", children=[chart_card("disp-top-origins", height=460),
                                                   chart_card("disp-top-hosts", height=460)]),
        chart_card("disp-pairs", height=580),
        html.Nav(className="disp-pair-links", **{"aria-label": t("disp.pairs.links", lang)}, children=[
            html.P(t("disp.pairs.links", lang), className="chart-note"),
            html.Ul(id=ids.DISPLACEMENT_PAIR_LINKS),
        ]),
        chart_card("disp-idmc"),
        chart_card("disp-hazards", height=380),
        chart_card("disp-idps", kind="lines"),
        html.Section(className="disp-definitions", **{"aria-label": t("disp.rec.title", lang, area="", y0="", y1="")},
                     children=[html.Ul([html.Li(t("disp.rec.def.idmc", lang)), html.Li(t("disp.rec.def.unhcr", lang))]),
                               html.P(t("disp.rec.why", lang))]),
        chart_card("disp-solutions", kind="lines"),
        chart_card("disp-asylum"),
        html.Aside(className="disp-note", **{"aria-labelledby": "disp-traps-heading"}, children=[
            html.H2(t("disp.traps.heading", lang), id="disp-traps-heading"),
            html.Ul([html.Li(t(f"disp.traps.{k}", lang)) for k in ("same", "five", "unknown", "codes", "stock")]),
        ]),
    ])
