"""Comparison callbacks: countries + indicator -> key-figures table, aligned series, URL state."""
from __future__ import annotations

from dash import Input, Output, State, callback, html, no_update

from dashboard import ids, language
from dashboard.i18n import t
from layouts import cards
from layouts.compare import MAX_COUNTRIES, canonical_query, compare_state, key_figures_table

KEY = ids.COMPARE_CHART_SERIES


@callback(
    *cards.outputs(KEY),
    Output(ids.COMPARE_TABLE, "children"), Output(ids.COMPARE_STATUS, "children"),
    Output(ids.COMPARE_STATUS, "className"),
    Input(ids.COMPARE_COUNTRIES, "value"), Input(ids.COMPARE_INDICATOR, "value"),
    State(ids.COMPARE_STATUS, "children"), State(ids.URL, "search"), cards.SHOWN,
)
def update_compare(countries, indicator, current_status=None, search=None, shown=None):
    countries, lang = list(countries or []), language.from_query(search)
    if len(countries) < 2:
        return (no_update,) * 8 + ([html.P(t("compare.need_two", lang))], "notice")
    state, notices = compare_state(",".join(countries[:MAX_COUNTRIES]), indicator)
    table = key_figures_table(tuple(state["countries"]), lang)
    if notices:
        status = ([html.P(n) for n in notices], "notice")
    elif t("compare.need_two", lang) in str(current_status or ""):  # back to two or more countries: clear that message
        status = ([], "notice notice-empty")
    else:  # keep the layout's notices about the URL (unknown codes ...)
        status = (no_update, no_update)
    return (*cards.card("compare-series", state, lang, shown), table, *status)


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.COMPARE_COUNTRIES, "value"),
          Input(ids.COMPARE_INDICATOR, "value"), State(ids.URL, "search"), prevent_initial_call=True)
def write_url(countries, indicator, search=None):
    """Mirror the comparison into the URL (always naming the countries, so a shared link is explicit)."""
    countries = list(countries or [])
    if len(countries) < 2:
        return no_update
    state, _ = compare_state(",".join(countries[:MAX_COUNTRIES]), indicator)
    return language.set_lang(canonical_query(state), language.from_query(search))
