"""/missing-migrants callbacks: dataset -> route/year options; filters -> map and yearly series; URL state."""
from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids, language, state as state_mod
from dashboard.viewdefs import missing as vd
from layouts import cards
from layouts.missing import route_options, year_options


@callback(Output(ids.MISSING_ROUTE, "options"), Output(ids.MISSING_ROUTE, "value"),
          Output(ids.MISSING_YEAR, "options"), Output(ids.MISSING_YEAR, "value"),
          Input(ids.MISSING_DATASET, "value"), State(ids.MISSING_ROUTE, "value"), State(ids.MISSING_YEAR, "value"),
          State(ids.URL, "search"), prevent_initial_call=True)
def sync_filters(dataset, route, year, search=None):
    """Each file has its own route vocabulary and years: keep the choice if the new file has it, else 'all'. The
    route names are the publisher's, in the page language."""
    lang = language.from_query(search)
    routes = route_options(dataset, lang)
    years = year_options(dataset, lang)
    route = route if route in {o["value"] for o in routes} else "all"
    year = year if year in {o["value"] for o in years} else "all"
    return routes, route, years, year



@callback(*cards.outputs("missing-map"), *cards.outputs("missing-series"), *cards.outputs("missing-family"),
          Input(ids.MISSING_DATASET, "value"), Input(ids.MISSING_ROUTE, "value"), Input(ids.MISSING_YEAR, "value"),
          State(ids.URL, "search"), cards.SHOWN)
def update_missing(dataset, route, year, search=None, shown=None):
    """The main update: dataset, route and year -> incident map, yearly series and the Mediterranean total."""
    if dataset is None or route is None or year is None:
        return (no_update,) * 21
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {"dataset": dataset, "route": route, "year": str(year)})
    series_state = {"dataset": st["dataset"], "route": st["route"]}
    family_state, _ = state_mod.parse((vd.DATASET, vd.FAMILY), {"dataset": st["dataset"]})
    lang = language.from_query(search)
    return (*cards.card("missing-map", st, lang, shown), *cards.card("missing-series", series_state, lang, shown),
            *cards.card("missing-family", family_state, lang, shown))


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.MISSING_DATASET, "value"),
          Input(ids.MISSING_ROUTE, "value"), Input(ids.MISSING_YEAR, "value"), State(ids.URL, "search"),
          prevent_initial_call=True)
def write_url(dataset, route, year, search=None):
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {"dataset": dataset, "route": route, "year": str(year)})
    return language.set_lang(state_mod.serialize(vd.PAGE_PARAMS, st), language.from_query(search))
