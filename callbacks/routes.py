"""/routes callbacks: pickers -> registered chart views; the page state is mirrored into the URL."""
from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids, language, state as state_mod, views
from dashboard.viewdefs import routes as vd
from layouts import cards


def _outputs(*keys):
    return [o for key in keys for o in cards.outputs(key)]


def _values(view_id: str, state: dict, lang: str = "en", shown: list | None = None) -> tuple:
    st, _ = views.parse(view_id, {k: str(v) for k, v in state.items() if v is not None})
    return cards.card(view_id, st, lang, shown)


@callback(*_outputs("routes-monthly", "routes-side", "routes-top"),
          Input(ids.ROUTES_ROUTE, "value"), Input(ids.ROUTES_YEAR, "value"), State(ids.URL, "search"), cards.SHOWN)
def update_route(route, year, search=None, shown=None):
    """The main update: one route (and a year for the nationality ranking) -> three charts."""
    if route is None or year is None:
        return (no_update,) * 21
    st = {"route": route, "year": year}
    lang = language.from_query(search)
    return (*_values("routes-monthly", st, lang, shown), *_values("routes-side", st, lang, shown),
            *_values("routes-top", st, lang, shown))


@callback(*_outputs("routes-asylum"), Input(ids.ROUTES_NAT, "value"), Input(ids.ROUTES_AYEAR, "value"),
          State(ids.URL, "search"), cards.SHOWN)
def update_asylum(nat, ayear, search=None, shown=None):
    if nat is None or ayear is None:
        return (no_update,) * 7
    return _values("routes-asylum", {"nat": nat, "ayear": ayear}, language.from_query(search), shown)


@callback(*_outputs("routes-americas"), Input(ids.ROUTES_SERIES, "value"), State(ids.URL, "search"), cards.SHOWN)
def update_americas(series, search=None, shown=None):
    if series is None:
        return (no_update,) * 7
    return _values("routes-americas", {"series": series}, language.from_query(search), shown)


@callback(Output(ids.URL, "search", allow_duplicate=True),
          Input(ids.ROUTES_ROUTE, "value"), Input(ids.ROUTES_YEAR, "value"), Input(ids.ROUTES_NAT, "value"),
          Input(ids.ROUTES_AYEAR, "value"), Input(ids.ROUTES_SERIES, "value"), State(ids.URL, "search"),
          prevent_initial_call=True)
def write_url(route, year, nat, ayear, series, search=None):
    raw = {"route": route, "year": year, "nat": nat, "ayear": ayear, "series": series}
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {k: str(v) for k, v in raw.items() if v is not None})
    return language.set_lang(state_mod.serialize(vd.PAGE_PARAMS, st), language.from_query(search))
