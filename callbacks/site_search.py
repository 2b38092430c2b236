"""The header's country search: its options follow the page language; picking a country opens its profile with
only the language kept in the query (``/country/BIH?lang=bs``)."""
from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids, language
from dashboard.i18n import t
from dashboard.share.urls import PAGES
from layouts import site_search as s


@callback(Output(s.SEARCH, "options"), Output(s.SEARCH, "placeholder"), Output("site-country-search-label", "children"),
          Output(s.SEARCH_LANG, "data"), Input(ids.URL, "search"), State(s.SEARCH_LANG, "data"))
def follow_language(search, current):
    lang = language.from_query(search)
    if lang == current:
        return no_update, no_update, no_update, no_update
    return (s.country_options(lang), t("nav.country_search_placeholder", lang), t("nav.country_search", lang), lang)


@callback(Output(ids.URL, "pathname", allow_duplicate=True), Output(ids.URL, "search", allow_duplicate=True),
          Output(s.SEARCH, "value"), Input(s.SEARCH, "value"), State(ids.URL, "search"), prevent_initial_call=True)
def open_profile(iso3, search):
    if not iso3:
        return no_update, no_update, no_update
    lang = language.from_query(search)
    return PAGES["country"].replace("{iso3}", iso3), language.set_lang("", lang), None
