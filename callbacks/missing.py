"""/missing-migrants callbacks: dataset -> route/year options; filters -> map and yearly series; URL state."""
from __future__ import annotations

from functools import lru_cache

from dash import Input, Output, State, callback, no_update

from dashboard import ids, state as state_mod, views
from dashboard.i18n import DEFAULT_LANGUAGE, lang_from_search, with_lang
from dashboard.viewdefs import missing as vd
from callbacks import cards
from layouts import components
from layouts.missing import route_options, year_options


@callback(Output(ids.MISSING_ROUTE, "options"), Output(ids.MISSING_ROUTE, "value"),
          Output(ids.MISSING_YEAR, "options"), Output(ids.MISSING_YEAR, "value"),
          Input(ids.MISSING_DATASET, "value"), State(ids.MISSING_ROUTE, "value"), State(ids.MISSING_YEAR, "value"),
          prevent_initial_call=True)
def sync_filters(dataset, route, year):
    """Each file has its own route vocabulary and years: keep the choice if the new file has it, else 'all'."""
    routes = route_options(dataset)
    years = year_options(dataset)
    route = route if route in {o["value"] for o in routes} else "all"
    year = year if year in {o["value"] for o in years} else "all"
    return routes, route, years, year


TABLE_ROWS = {"missing-map": 40, "missing-series": 120, "missing-family": 120}  # HTML table caps; downloads have every row



@lru_cache(maxsize=256)
def _table(view_id: str, key: tuple):
    """The chart's HTML table, built once per state in this worker and kept in its wire form (the JSON Dash
    sends for a component tree), because building and encoding hundreds of Dash cells is the slow part of
    the update. The rows come from the same registered view, so the table always matches the chart."""
    st = dict(key)
    columns = dict(vd.COLUMNS[view_id])
    if st["dataset"] != "europe" and "dead" in columns:  # only the Europe-bound file splits dead from missing
        columns.pop("dead"), columns.pop("missing")
    return cards.wire(components.data_table(views.data(view_id, st), columns, max_rows=TABLE_ROWS[view_id]))


def _values(view_id: str, st: dict, lang: str = DEFAULT_LANGUAGE) -> tuple:
    rendered = views.render(view_id, st, lang)
    table = _table(view_id, tuple(sorted(st.items())))
    return (*components.chart_values(rendered, None)[:-1], table,
            components.chart_actions(view_id, st, rendered["rows"], lang))


@callback(*components.chart_outputs("missing-map"), Output(components.cid("actions", "missing-map"), "children"),
          *components.chart_outputs("missing-series"),
          Output(components.cid("actions", "missing-series"), "children"),
          *components.chart_outputs("missing-family"),
          Output(components.cid("actions", "missing-family"), "children"),
          Input(ids.MISSING_DATASET, "value"), Input(ids.MISSING_ROUTE, "value"), Input(ids.MISSING_YEAR, "value"),
          State(ids.URL, "search"))
def update_missing(dataset, route, year, search=None):
    """The main update: dataset, route and year -> incident map, yearly series and the Mediterranean total."""
    if dataset is None or route is None or year is None:
        return (no_update,) * 21
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {"dataset": dataset, "route": route, "year": str(year)})
    series_state = {"dataset": st["dataset"], "route": st["route"]}
    family_state, _ = state_mod.parse((vd.DATASET, vd.FAMILY), {"dataset": st["dataset"]})
    lang = lang_from_search(search)
    return (*_values("missing-map", st, lang), *_values("missing-series", series_state, lang),
            *_values("missing-family", family_state, lang))


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.MISSING_DATASET, "value"),
          Input(ids.MISSING_ROUTE, "value"), Input(ids.MISSING_YEAR, "value"), State(ids.URL, "search"),
          prevent_initial_call=True)
def write_url(dataset, route, year, search=None):
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {"dataset": dataset, "route": route, "year": str(year)})
    return with_lang(state_mod.serialize(vd.PAGE_PARAMS, st), lang_from_search(search))
