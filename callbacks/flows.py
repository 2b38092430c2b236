"""Flows page callbacks: controls -> the four registered views; Sankey/map clicks pivot; state mirrored in the URL."""
from __future__ import annotations

from functools import lru_cache

from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids, language, store, views
from dashboard.i18n import t, vocab
from dashboard.queries import flows as q
from dashboard.viewdefs.flows import focus_choices, sex_options, year_options
from layouts import cards
from layouts.components import cid

VIEWS = (("flows-map", "flows-map"), ("sankey", "flows-sankey"), ("corridors-top", "flows-bars"),
         ("region-matrix", "flows-matrix"))
CONTROLS = (ids.FLOWS_FOCUS, ids.FLOWS_ROLE, ids.FLOWS_MEASURE, ids.FLOWS_METHOD, ids.FLOWS_SEX, ids.FLOWS_YEAR,
            ids.FLOWS_TOP, ids.FLOWS_OTHER, ids.FLOWS_GROUP, ids.FLOWS_EXTENT)
NAMES = ("focus", "role", "measure", "method", "sex", "year", "top", "other", "group", "extent")


def page_state(*values) -> dict:
    """Control values -> a valid flows state (bad or empty values fall back to defaults)."""
    raw = {k: ("" if v is None else str(v)) for k, v in zip(NAMES, values)}
    state, _ = views.parse("flows-map", raw)
    return state



@callback(
    Output(ids.FLOWS_METHOD, "options"), Output(ids.FLOWS_METHOD, "value"), Output(ids.FLOWS_METHOD_WRAP, "style"),
    Output(ids.FLOWS_SEX, "options"), Output(ids.FLOWS_SEX, "value"), Output(ids.FLOWS_SEX_WRAP, "style"),
    Output(ids.FLOWS_YEAR, "options"), Output(ids.FLOWS_YEAR, "value"),
    Input(ids.FLOWS_MEASURE, "value"), Input(ids.FLOWS_METHOD, "value"), Input(ids.FLOWS_SEX, "value"),
    State(ids.FLOWS_YEAR, "value"), State(ids.URL, "search"),
    prevent_initial_call=True,
)
def sync_measure_controls(measure, method, sex, year, search=None):
    """Offer the methods, sexes and periods the chosen measure has; keep choices that stay valid. A measure
    outside the options (or not a string) falls back to the page's default measure."""
    if not isinstance(measure, str) or measure not in q.measure_ids():
        measure = views.parse("flows-map", {})[0]["measure"]
    method = method if isinstance(method, str) else None
    sex = sex if isinstance(sex, str) else None
    year = year if isinstance(year, int) and not isinstance(year, bool) else None
    methods = q.methods(measure)
    method = method if method in methods else (q.default_method(measure) if methods else None)
    sexes = q.sexes(measure)
    sex = sex if sex in sexes else "total"
    opts = year_options(measure, method or "", sex)
    years = [o["value"] for o in opts]
    year = year if year in years else (years[0] if years else None)
    lang = language.from_query(search)
    return ([{"label": vocab(m, lang), "value": m} for m in methods], method, {} if methods else {"display": "none"},
            sex_options(measure, lang), sex, {} if len(sexes) > 1 else {"display": "none"}, opts, year)


OUTPUTS = [o for _view, _key in VIEWS for o in cards.outputs(_key)]


@callback(*OUTPUTS, Output(ids.FLOWS_CORRIDOR_LINKS, "children"), *[Input(c, "value") for c in CONTROLS],
          State(ids.URL, "search"), cards.SHOWN)
def update_charts(focus, role, measure, method, sex, year, top, other, group, extent=None, search=None,
                  shown=None):
    state = page_state(focus, role, measure, method, sex, year, top, other, group, extent)
    lang = language.from_query(search)
    out = []
    for view_id, _key in VIEWS:
        out += cards.card(view_id, state, lang, shown)
    return (*out, corridor_links(tuple(sorted(state.items())), lang))


def corridor_links(key: tuple, lang: str = "en") -> list:
    """Links to the corridor profiles of the top partners shown (countries only), in the page language."""
    return _corridor_links(store.bundle().version, key, lang)


@lru_cache(maxsize=256)
def _corridor_links(version: str, key: tuple, lang: str) -> list:
    state = dict(key)
    if q.is_group(state["focus"]):
        return []
    rows = store.display_names(views.data("corridors-top", state), lang)
    rows = rows[rows["partner"] != q.OTHER].head(10)
    links = []
    for name, o, d in zip(rows["partner_name"].tolist(), rows["origin"].tolist(), rows["destination"].tolist()):
        links += [html.A(name, href=language.href(f"/corridor/{o}-{d}", lang)), " "]
    return [html.Span(t("flows.corridor_link", lang)), " ", *links] if links else []


@callback(Output(ids.URL, "search", allow_duplicate=True), *[Input(c, "value") for c in CONTROLS],
          State(ids.URL, "search"), prevent_initial_call=True)
def write_url(focus, role, measure, method, sex, year, top, other, group, extent=None, search=None):
    state = page_state(focus, role, measure, method, sex, year, top, other, group, extent)
    return language.set_lang(views.query("flows-map", state), language.from_query(search))


@callback(Output(ids.FLOWS_FOCUS, "value"),
          Input(cid("graph", "flows-sankey"), "clickData"), Input(cid("graph", "flows-map"), "clickData"),
          Input(cid("graph", "flows-bars"), "clickData"), prevent_initial_call=True)
def pivot(sankey_click, map_click, bar_click):
    """Clicking a partner (Sankey node or link, map marker, bar) makes it the selected country."""
    data = {cid("graph", "flows-sankey")["key"]: sankey_click, "flows-map": map_click,
            "flows-bars": bar_click}.get((ctx.triggered_id or {}).get("key"))
    try:
        code = data["points"][0].get("customdata")
    except (TypeError, KeyError, IndexError, AttributeError):
        return no_update
    if isinstance(code, str) and code and code in set(focus_choices()):
        return code
    return no_update
