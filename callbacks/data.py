"""Data catalogue callbacks: filters -> catalogue table; selection -> preview, download link, API URL, snippets."""
from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output, callback, html
from flask import has_request_context, request

from dashboard import ids, store
from dashboard.i18n import t
from dashboard.queries import catalogue
from layouts import components

CATALOGUE_COLUMNS = {"label": "Indicator", "id": "Id", "theme": "Theme", "unit": "Unit", "years": "Years",
                     "source": "Source", "licence": "Licence"}
PREVIEW_ROWS = 20


@callback(Output(ids.DATA_CATALOGUE, "children"), Input(ids.DATA_KEYWORD, "value"),
          Input(ids.DATA_THEME, "value"), Input(ids.DATA_LICENCE, "value"))
def filter_catalogue(keyword, theme, licence):
    rows = catalogue.search(keyword or "", theme or "", "", licence or "")
    return [html.P(t("data.matches", n=len(rows))), components.data_table(rows, CATALOGUE_COLUMNS)]


@callback(Output(ids.DATA_PREVIEW, "children"), Output(ids.DATA_STATUS, "children"),
          Output(ids.DATA_STATUS, "className"), Output(ids.URL, "search", allow_duplicate=True),
          Input(ids.DATA_INDICATOR, "value"), Input(ids.DATA_COUNTRIES, "value"), Input(ids.DATA_YEARS, "value"),
          prevent_initial_call="initial_duplicate")
def preview(indicator, countries, years):
    countries, years = (countries or "").strip(), (years or "").strip()
    try:
        rows = store.indicator_values(indicator, store.resolve_countries(countries), store.parse_years(years))
    except store.QueryError as exc:
        return [], exc.message, "notice", ""
    url = catalogue.api_url(indicator, countries, years)
    host = request.host_url.rstrip("/") if has_request_context() else ""
    code = {k: v.replace("{host}", host) for k, v in catalogue.snippets(url).items()}
    search = "?" + urlencode({k: v for k, v in (("indicator", indicator), ("countries", countries),
                                                    ("years", years)) if v})
    return [
        html.H2(t("data.preview", shown=min(PREVIEW_ROWS, len(rows)), n=f"{len(rows):,}")),
        components.data_table(rows, max_rows=PREVIEW_ROWS),
        html.A(t("data.download", n=f"{len(rows):,}"), href=url, className="action", id="data-download"),
        html.H3(t("data.api")),
        html.Pre(html.Code(url, id="data-api-url")),
        html.Pre(html.Code(code["python"], id="data-python")),
        html.Pre(html.Code(code["r"], id="data-r")),
    ], "", "notice notice-empty", search
