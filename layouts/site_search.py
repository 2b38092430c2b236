"""The country search in the page header, on every page: one picker of every country with a profile, by name in
the page language (or by ISO3 code), that opens ``/country/<ISO3>`` in the same language
(callbacks/site_search.py). The options follow the page language."""
from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import t
from dashboard.queries import profile as q
from layouts import options

SEARCH = "site-country-search"
SEARCH_LANG = "site-country-search-lang"  # the language the options are in


def country_options(lang: str = "en") -> list[dict]:
    return options.countries(q.navigable_codes(), lang)


def box(lang: str = "en") -> html.Div:
    return html.Div(className="site-search", role="search", children=[
        html.Label(t("nav.country_search", lang), htmlFor=SEARCH, id="site-country-search-label",
                   className="visually-hidden"),
        # the options arrive with the page (callbacks/site_search.py): the frame reads no data, so an app on a
        # damaged bundle still starts and says so on /readyz
        dcc.Dropdown(id=SEARCH, options=[], value=None, searchable=True, clearable=True,
                     placeholder=t("nav.country_search_placeholder", lang), className="site-search-dropdown"),
        dcc.Store(id=SEARCH_LANG, data=None),
    ])
