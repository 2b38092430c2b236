"""Country profile callbacks: the page's ISO3 -> its four charts; the search box -> navigation."""
from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids, language, views
from layouts import cards

CHARTS = (
    (ids.COUNTRY_CHART_SERIES, "profile"),
    (ids.COUNTRY_CHART_DESTINATIONS, "profile-destinations"),
    (ids.COUNTRY_CHART_ORIGINS, "profile-origins"),
    (ids.COUNTRY_CHART_DISPLACEMENT, "profile-displacement"),
)


def _outputs():
    return [o for key, _ in CHARTS for o in cards.outputs(key)]


def chart_values(iso3: str, lang: str = "en", shown: list | None = None) -> tuple:
    """Figure, texts, table and actions of every chart of the profile of ``iso3``."""
    state, _ = views.parse("profile", {"iso3": iso3})
    return tuple(v for _, view_id in CHARTS for v in cards.card(view_id, state, lang, shown))


@callback(*_outputs(), Input(ids.COUNTRY_ISO3, "data"), State(ids.URL, "search"), cards.SHOWN)
def render_profile(iso3, search=None, shown=None):
    if not iso3:
        return (no_update,) * (7 * len(CHARTS))
    return chart_values(iso3, language.from_query(search), shown)


@callback(Output(ids.URL, "pathname", allow_duplicate=True), Input(ids.COUNTRY_SEARCH, "value"),
          State(ids.URL, "pathname"), prevent_initial_call=True)
def go_to_country(iso3, pathname):
    """Picking a country in the search box opens its profile."""
    if not iso3 or pathname == f"/country/{iso3}":
        return no_update
    return f"/country/{iso3}"  # the pathname only: the query (and its lang) stays
