"""Irregular migration routes (/routes?route=...&year=...&nat=...&ayear=...&series=...): Frontex detections by
route and nationality, crossings vs deaths side by side, Eurostat asylum applicants, Americas series.
Every count here is an event (detection, encounter), not a person."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, state as state_mod
from dashboard.i18n import by_english, t, vocab
from dashboard.queries import routes as q
from dashboard.viewdefs import routes as vd
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.notice import notice_box
from layouts import options

ROUTE = page_route("routes")


def _control(label: str, cid: str, options: list, value, lang: str) -> html.Div:
    return html.Div(className="control", children=[
        html.Label(label, htmlFor=cid),
        dcc.Dropdown(id=cid, options=options, value=value, clearable=False, searchable=len(options) > 12),
    ])


def mapping_table(lang: str = "en") -> html.Table:
    """The explicit Frontex -> IOM route mapping with a caveat per row (a constant, no data access)."""
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                               ("routes.mapping.frontex", "routes.mapping.iom", "routes.mapping.note")]))
    body = html.Tbody([html.Tr([html.Td(vocab(f, lang)), html.Td(vocab(m, lang) if m else t("routes.mapping.none", lang)),
                                html.Td(by_english("routes.map_note.", c, lang))])
                       for f, m, c in q.ROUTE_MAP])
    return html.Table(className="data-table routes-mapping", children=[head, body])


def layout(lang: str = "en", **query):
    st, notices = state_mod.parse(vd.PAGE_PARAMS, query)
    route_opts = [{"label": t("routes.all_routes", lang) if r == q.ALL else vocab(r, lang), "value": r}
                  for r in vd._route_choices(st)]
    year_opts = [{"label": f"{y} ({t('routes.partial', lang)})" if q.frontex_partial(y) else str(y), "value": y}
                 for y in reversed(q.frontex_years())]
    nat_opts = options.countries(q.asylum_nationalities(), lang, code_in_label=True)
    nat_opts.sort(key=lambda o: o["label"])
    ayear_opts = [{"label": str(y), "value": y} for y in reversed(q.asylum_years())]
    series_opts = [{"label": t(f"routes.americas.{k}", lang), "value": k} for k in q.AMERICAS]
    return html.Main(className="page page-routes", children=[
        html.H1(t("routes.heading", lang)),
        html.P(t("routes.intro", lang), className="routes-intro"),
        notice_box(notices, state_mod.serialize(vd.PAGE_PARAMS, st)),
        html.H2(t("routes.section.europe", lang), className="routes-section"),
        html.Div(className="controls", children=[
            _control(t("routes.control.route", lang), ids.ROUTES_ROUTE, route_opts, st["route"], lang),
            _control(t("routes.control.year", lang), ids.ROUTES_YEAR, year_opts, st["year"], lang),
        ]),
        chart_card("routes-monthly", height=380),
        chart_card("routes-side", height=460),
        html.Details(className="routes-mapping-box", children=[
            html.Summary(t("routes.mapping.title", lang)),
            html.P(t("routes.mapping.caveat", lang)),
            mapping_table(lang),
        ]),
        chart_card("routes-top", height=420),
        html.Div(className="controls", children=[
            _control(t("routes.control.nat", lang), ids.ROUTES_NAT, nat_opts, st["nat"], lang),
            _control(t("routes.control.asylum_year", lang), ids.ROUTES_AYEAR, ayear_opts, st["ayear"], lang),
        ]),
        chart_card("routes-asylum", height=460),
        html.H2(t("routes.section.americas", lang), className="routes-section"),
        html.Div(className="controls", children=[
            _control(t("routes.control.americas", lang), ids.ROUTES_SERIES, series_opts, st["series"], lang),
        ]),
        chart_card("routes-americas", height=400),
    ])
