"""Missing migrants (/missing-migrants?dataset=...&route=...&year=...): IOM incidents on a map and dead and
missing per year and route. Minimum estimates; approximate locations; one source file at a time."""
from __future__ import annotations

from dash import dcc, html

from dashboard import ids, state as state_mod
from dashboard.i18n import t, vocab
from dashboard.queries import missing as q
from dashboard.viewdefs import missing as vd
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.notice import notice_box

ROUTE = page_route("missing")


def route_options(dataset: str, lang: str = "en") -> list[dict]:
    return [{"label": t("missing.all_routes", lang), "value": q.ALL}] + [
        {"label": vocab(r, lang), "value": r} for r in q.routes(dataset)]


def year_options(dataset: str, lang: str = "en") -> list[dict]:
    out = [{"label": t("missing.all_years", lang), "value": q.ALL}]
    for y in reversed(q.years(dataset)):
        label = t("missing.partial_year", lang, year=y) if q.partial_flag(dataset, y) else str(y)
        out.append({"label": label, "value": str(y)})
    return out


def layout(lang: str = "en", **query):
    st, notices = state_mod.parse(vd.PAGE_PARAMS, query)
    ds_opts = [{"label": t(f"missing.dataset.{k}", lang), "value": k} for k in q.DATASETS]

    def control(label, cid, options, value, cls="control"):
        return html.Div(className=cls, children=[
            html.Label(label, htmlFor=cid),
            dcc.Dropdown(id=cid, options=options, value=value, clearable=False, searchable=False),
        ])

    return html.Main(className="page page-missing", children=[
        html.H1(t("missing.heading", lang)),
        html.P(t("missing.intro", lang), className="missing-intro"),
        notice_box(notices, state_mod.serialize(vd.PAGE_PARAMS, st)),
        html.Div(className="controls", children=[
            control(t("missing.control.dataset", lang), ids.MISSING_DATASET, ds_opts, st["dataset"],
                    "control control-wide"),
            control(t("missing.control.route", lang), ids.MISSING_ROUTE, route_options(st["dataset"], lang),
                    st["route"]),
            control(t("missing.control.year", lang), ids.MISSING_YEAR, year_options(st["dataset"], lang),
                    st["year"]),
        ]),
        chart_card("missing-map", geo=True, height=520),
        html.P(t("map.disclaimer", lang), className="map-disclaimer"),
        chart_card("missing-series", height=420, kind="lines"),
        chart_card("missing-family", height=420),
        html.P(t("missing.files_note", lang), className="chart-note missing-files-note"),
    ])
