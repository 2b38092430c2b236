"""Home page callbacks: indicator/year -> map and its texts; the state is mirrored into the URL."""
from __future__ import annotations

from dash import Input, Output, callback, no_update

from dashboard import ids, store, views


@callback(
    Output(ids.HOME_YEAR, "options"), Output(ids.HOME_YEAR, "value"),
    Input(ids.HOME_INDICATOR, "value"), Input(ids.HOME_YEAR, "value"),
)
def sync_years(indicator, year):
    """Offer only years with data for the indicator; keep the year if it has data, else the latest."""
    years = store.available_years(indicator)
    value = year if year in years else years[-1]
    return [{"label": str(y), "value": y} for y in reversed(years)], value


@callback(
    Output(ids.HOME_MAP, "figure"), Output(ids.HOME_MAP_TITLE, "children"),
    Output(ids.HOME_MAP_SUBTITLE, "children"), Output(ids.HOME_MAP_SOURCE, "children"),
    Output(ids.HOME_MAP_SUMMARY, "children"), Output(ids.URL, "search"),
    Input(ids.HOME_INDICATOR, "value"), Input(ids.HOME_YEAR, "value"),
)
def update_map(indicator, year):
    if indicator is None or year is None:
        return (no_update,) * 6
    state, _ = views.parse("map", {"indicator": indicator, "year": str(year)})
    view = views.render("map", state)
    return (view["figure"], view["title"], view["subtitle"], view["source"], view["summary"],
            views.query("map", state))
