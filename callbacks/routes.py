"""/routes callbacks: pickers -> registered chart views; the page state is mirrored into the URL."""
from __future__ import annotations

from functools import lru_cache

from dash import Input, Output, callback, no_update

from dashboard import ids, state as state_mod, views
from dashboard.viewdefs import routes as vd
from callbacks import cards
from layouts import components


def _outputs(*keys):
    out = []
    for key in keys:
        out += components.chart_outputs(key) + [Output(components.cid("actions", key), "children")]
    return out


TABLE_ROWS = 60  # HTML table cap (building Dash cells is the slow part); the CSV download has every row



@lru_cache(maxsize=256)
def _table(view_id: str, key: tuple):
    """The chart's HTML table, built once per state in this worker and kept in its wire form (the JSON Dash
    sends for a component tree), because building and encoding hundreds of Dash cells is the slow part of
    the update. The rows come from the same registered view, so the table always matches the chart."""
    rows = views.data(view_id, dict(key))
    if view_id == "routes-monthly":
        rows = rows.iloc[::-1]  # latest month first in the table
    return cards.wire(components.data_table(rows, vd.COLUMNS[view_id], max_rows=TABLE_ROWS))


def _values(view_id: str, state: dict) -> tuple:
    st, _ = views.parse(view_id, {k: str(v) for k, v in state.items() if v is not None})
    rendered = views.render(view_id, st)
    table = _table(view_id, tuple(sorted(st.items())))
    return (*components.chart_values(rendered, None)[:-1], table,
            components.chart_actions(view_id, st, rendered["rows"]))


@callback(*_outputs("routes-monthly", "routes-side", "routes-top"),
          Input(ids.ROUTES_ROUTE, "value"), Input(ids.ROUTES_YEAR, "value"))
def update_route(route, year):
    """The main update: one route (and a year for the nationality ranking) -> three charts."""
    if route is None or year is None:
        return (no_update,) * 21
    st = {"route": route, "year": year}
    return (*_values("routes-monthly", st), *_values("routes-side", st), *_values("routes-top", st))


@callback(*_outputs("routes-asylum"), Input(ids.ROUTES_NAT, "value"), Input(ids.ROUTES_AYEAR, "value"))
def update_asylum(nat, ayear):
    if nat is None or ayear is None:
        return (no_update,) * 7
    return _values("routes-asylum", {"nat": nat, "ayear": ayear})


@callback(*_outputs("routes-americas"), Input(ids.ROUTES_SERIES, "value"))
def update_americas(series):
    if series is None:
        return (no_update,) * 7
    return _values("routes-americas", {"series": series})


@callback(Output(ids.URL, "search", allow_duplicate=True),
          Input(ids.ROUTES_ROUTE, "value"), Input(ids.ROUTES_YEAR, "value"), Input(ids.ROUTES_NAT, "value"),
          Input(ids.ROUTES_AYEAR, "value"), Input(ids.ROUTES_SERIES, "value"), prevent_initial_call=True)
def write_url(route, year, nat, ayear, series):
    raw = {"route": route, "year": year, "nat": nat, "ayear": ayear, "series": series}
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {k: str(v) for k, v in raw.items() if v is not None})
    return state_mod.serialize(vd.PAGE_PARAMS, st)
