"""Trafficking page callbacks: country/year/CTDC dimension -> every chart card and the URL."""
from __future__ import annotations

import functools
import json

from dash import Input, Output, State, callback, ctx, no_update

from dashboard import ids, state as state_mod, store, views
from dashboard.queries import trafficking as q
from dashboard.viewdefs import trafficking as vd
from layouts import components
from dashboard.cache import memoize
from plotly.utils import PlotlyJSONEncoder

OUTPUTS = []
for _vid in vd.VIEW_IDS:
    OUTPUTS += components.chart_outputs(_vid) + [Output(components.cid("actions", _vid), "children")]


def render_card(view_id: str, page_state: dict, lang: str = "en") -> tuple:
    """The chart_outputs values + actions of one card for the page state (only the view's own params)."""
    st = {p.name: page_state[p.name] for p in views.get(view_id).params}
    return _local_card(store.bundle().version, view_id, tuple(sorted(st.items())), lang)


@functools.lru_cache(maxsize=512)
def _local_card(version: str, view_id: str, key: tuple, lang: str) -> tuple:
    """Per-process copy in front of the shared cache: a warm update then costs no unpickling."""
    return tuple(_card(view_id, key, lang))


@memoize()
def _card(view_id: str, key: tuple, lang: str) -> list:
    """Card values as plain JSON (figure, texts, table, actions): built once per state, cheap to send."""
    st = dict(key)
    rendered = views.render(view_id, st, lang)
    rows = views.data(view_id, st)
    frame, columns = vd.table_frame(view_id, rows, lang)
    values = components.chart_values(rendered, frame, columns) + (
        components.chart_actions(view_id, st, rendered["rows"]),)
    return json.loads(json.dumps(list(values), cls=PlotlyJSONEncoder))


@callback(
    Output(ids.TRAFFICKING_YEAR, "options"), Output(ids.TRAFFICKING_YEAR, "value"),
    Input(ids.TRAFFICKING_COUNTRY, "value"), Input(ids.TRAFFICKING_YEAR, "value"),
)
def sync_years(country, year):
    """Offer only the years the country reported; keep the year if it has data, else the latest."""
    years = list(q.country_years(country)) if country else []
    if not years:
        return [], None
    return [{"label": str(y), "value": y} for y in reversed(years)], (year if year in years else years[-1])


INPUT_PARAM = {ids.TRAFFICKING_COUNTRY: "country", ids.TRAFFICKING_YEAR: "year", ids.TRAFFICKING_CTDC_BY: "ctdc_by"}


def update(country, year, ctdc_by, changed: set[str] | None = None) -> tuple:
    """The main update (also used by the benchmark). Cards whose parameters did not change are not resent."""
    page_state, _ = state_mod.parse(vd.PAGE_PARAMS, {"country": country, "year": str(year), "ctdc_by": ctdc_by})
    values: tuple = ()
    for vid in vd.VIEW_IDS:
        if changed is not None and not changed & {p.name for p in views.get(vid).params}:
            values += (no_update,) * 7
        else:
            values += render_card(vid, page_state)
    return values + (state_mod.serialize(vd.PAGE_PARAMS, page_state),)


@callback(
    *OUTPUTS, Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TRAFFICKING_COUNTRY, "value"), Input(ids.TRAFFICKING_YEAR, "value"),
    Input(ids.TRAFFICKING_CTDC_BY, "value"),
    State(components.cid("title", "traf-tip"), "children"),
    prevent_initial_call="initial_duplicate",
)
def update_page(country, year, ctdc_by, drawn_title):
    if None in (country, year, ctdc_by):
        return (no_update,) * (len(OUTPUTS) + 1)
    return update(country, year, ctdc_by, _changed() if drawn_title else None)


def _changed() -> set[str] | None:
    """Page parameters whose control fired this call (None: draw everything). The first call after a page
    load may be triggered by a chained control (e.g. the year set by sync_years), so the caller only uses
    this once the cards have been drawn."""
    trig = [t.split(".")[0] for t in ctx.triggered_prop_ids]
    if not trig or any(t not in INPUT_PARAM for t in trig):
        return None
    return {INPUT_PARAM[t] for t in trig}
