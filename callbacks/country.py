"""Country profile callbacks: the page's ISO3 -> its four charts; the search box -> navigation."""
from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids, views
from layouts import components
from layouts.country import corridor_table

CHARTS = (
    (ids.COUNTRY_CHART_SERIES, "profile"),
    (ids.COUNTRY_CHART_DESTINATIONS, "profile-destinations"),
    (ids.COUNTRY_CHART_ORIGINS, "profile-origins"),
    (ids.COUNTRY_CHART_DISPLACEMENT, "profile-displacement"),
)
SERIES_COLUMNS = {"indicator": "Indicator", "year": "Year", "value": "Value", "unit": "Unit", "flag": "Flag",
                  "source": "Source"}


def _outputs():
    out = []
    for key, _ in CHARTS:
        out += components.chart_outputs(key) + [Output(components.cid("actions", key), "children")]
    return out


def chart_values(iso3: str, lang: str = "en") -> tuple:
    """Figure, texts, table and actions of every chart of the profile of ``iso3``."""
    state, _ = views.parse("profile", {"iso3": iso3})
    values: tuple = ()
    for key, view_id in CHARTS:
        rendered = views.render(view_id, state, lang)
        rows = views.data(view_id, state)
        if view_id in ("profile-origins", "profile-destinations"):
            vals = components.chart_values(rendered, None)
            vals = vals[:-1] + (corridor_table(rows, view_id.split("-")[1], lang),)
        else:
            vals = components.chart_values(rendered, rows, SERIES_COLUMNS)
        values += vals + (components.chart_actions(view_id, state, rendered["rows"]),)
    return values


@callback(*_outputs(), Input(ids.COUNTRY_ISO3, "data"))
def render_profile(iso3):
    if not iso3:
        return (no_update,) * (7 * len(CHARTS))
    return chart_values(iso3)


@callback(Output(ids.URL, "pathname", allow_duplicate=True), Input(ids.COUNTRY_SEARCH, "value"),
          State(ids.URL, "pathname"), prevent_initial_call=True)
def go_to_country(iso3, pathname):
    """Picking a country in the search box opens its profile."""
    if not iso3 or pathname == f"/country/{iso3}":
        return no_update
    return f"/country/{iso3}"
