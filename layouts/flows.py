"""Flows page: a country's (or group's) partners under one corridor measure — arc map, Sankey, bars, region matrix.

The state comes from the URL (``/flows?focus=BIH&measure=stock&year=2024``); invalid values fall
back to defaults with a notice.
"""
from __future__ import annotations

from dash import dcc, html

from dashboard import data_i18n, ids, views
from dashboard.i18n import t, vocab
from dashboard.queries import flows as q
from dashboard.viewdefs import flows as vd
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.notice import notice_box
from layouts import options

ROUTE = page_route("flows")
CARDS = (("flows-map", True, 480), ("flows-sankey", False, 460), ("flows-bars", False, 420),
         ("flows-matrix", False, 420))


def measure_options(lang: str = "en") -> list[dict]:
    return [{"label": data_i18n.text(q.meta(m)["label"], lang), "value": m} for m in q.measure_ids()]


def _control(label: str, cid: str, child, wrap_id: str | None = None, hidden: bool = False):
    kw = {"id": wrap_id} if wrap_id else {}
    return html.Div(className="control", style={"display": "none"} if hidden else {}, **kw, children=[
        html.Label(label, htmlFor=cid), child])


def layout(lang: str = "en", **query):
    state, notices = views.parse("flows-map", query)
    methods = q.methods(state["measure"])
    sexes = q.sexes(state["measure"])
    group_opts = options.groups(lang=lang, code_in_label=True, world=False)
    return html.Main(className="page page-flows", children=[
        html.H1(t("flows.heading", lang)),
        html.P(t("flows.intro", lang), className="flows-intro"),
        notice_box(notices, views.query("flows-map", state)),
        html.Div(className="controls flows-controls", children=[
            _control(t("flows.control.focus", lang), ids.FLOWS_FOCUS, dcc.Dropdown(
                id=ids.FLOWS_FOCUS, options=options.places(vd.focus_choices(), lang, code_in_label=True), value=state["focus"], clearable=False,
                searchable=True)),
            _control(t("flows.control.role", lang), ids.FLOWS_ROLE, dcc.RadioItems(
                id=ids.FLOWS_ROLE, value=state["role"], className="flows-radio",
                options=[{"label": t(f"flows.role.{r}", lang), "value": r} for r in q.ROLES])),
            _control(t("flows.control.measure", lang), ids.FLOWS_MEASURE, dcc.Dropdown(
                id=ids.FLOWS_MEASURE, options=measure_options(lang), value=state["measure"], clearable=False)),
            _control(t("flows.control.method", lang), ids.FLOWS_METHOD, dcc.Dropdown(
                id=ids.FLOWS_METHOD, options=[{"label": vocab(m, lang), "value": m} for m in methods],
                value=state["method"] or None, clearable=False), ids.FLOWS_METHOD_WRAP, hidden=not methods),
            _control(t("flows.control.sex", lang), ids.FLOWS_SEX, dcc.RadioItems(
                id=ids.FLOWS_SEX, options=vd.sex_options(state["measure"], lang), value=state["sex"],
                className="flows-radio"), ids.FLOWS_SEX_WRAP, hidden=len(sexes) < 2),
            _control(t("flows.control.year", lang), ids.FLOWS_YEAR, dcc.Dropdown(
                id=ids.FLOWS_YEAR, options=vd.year_options(state["measure"], state["method"], state["sex"]),
                value=state["year"], clearable=False)),
            _control(t("flows.control.top", lang), ids.FLOWS_TOP, dcc.Input(
                id=ids.FLOWS_TOP, type="number", min=5, max=50, step=1, value=state["top"], debounce=True)),
            _control(t("flows.control.other", lang), ids.FLOWS_OTHER, dcc.Input(
                id=ids.FLOWS_OTHER, type="number", min=0, max=20, step=1, value=state["other"], debounce=True)),
        ]),
        html.P(t("flows.model_note", lang), className="chart-note"),
        html.Div(className="controls flows-extent", children=[
            _control(t("flows.control.extent", lang), ids.FLOWS_EXTENT, dcc.RadioItems(
                id=ids.FLOWS_EXTENT, value=state["extent"], className="flows-radio flows-radio-inline",
                options=vd.extent_options(lang))),
        ]),
        chart_card("flows-map", geo=True, height=480, extra_note=t("map.disclaimer", lang)),
        html.Div(className="flows-grid", children=[
            html.Div([chart_card("flows-sankey", height=460, kind="sankey", extra_note=t("flows.pivot_hint", lang)),
                      html.P(id=ids.FLOWS_CORRIDOR_LINKS, className="flows-corridor-links")]),
            chart_card("flows-bars", height=460),
        ]),
        html.Div(className="controls", children=[
            _control(t("flows.control.group", lang), ids.FLOWS_GROUP, dcc.Dropdown(
                id=ids.FLOWS_GROUP, options=group_opts, value=state["group"], clearable=False)),
        ]),
        chart_card("flows-matrix", height=420, kind="matrix"),
    ])
