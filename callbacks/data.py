"""Data catalogue callbacks: filters -> catalogue table; selection -> preview, download link, API URL, snippets;
every filter and the selection -> the URL query (read back by layouts/data.py)."""
from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output, State, callback, html

from dashboard import data_i18n, ids, language, numbers, store, views
from dashboard.api import download_name
from dashboard.i18n import flag_text, t, t_or, tn
from dashboard.queries import catalogue
from dashboard.share.urls import cite_url, public_base
from layouts import components

CATALOGUE_COLUMNS = ("label", "id", "theme", "unit", "years", "source", "dataset", "licence")
PREVIEW_ROWS = 20
URL_PARAMS = ("keyword", "theme", "source", "licence", "indicator", "countries", "years")  # URL order


def catalogue_columns(lang: str = "en") -> dict[str, str]:
    return {c: t(f"data.col.{c}", lang) for c in CATALOGUE_COLUMNS}


def page_search(**values) -> str:
    """The page's URL query: the filters and the selection that are set, in a fixed order (empty = omitted)."""
    pairs = [(k, str(values.get(k) or "").strip()) for k in URL_PARAMS]
    pairs = [(k, v) for k, v in pairs if v]
    return "?" + urlencode(pairs) if pairs else ""


def codes_param(value) -> str:
    """The country picker's value (a list of ISO3 codes and group ids; a string from an old URL) as the API's
    ``countries`` parameter: 'WB6,BIH'."""
    if isinstance(value, (list, tuple)):
        return ",".join(str(v).strip() for v in value if str(v).strip())
    return (value or "").strip()


CITE_VIEW = "series"  # the chart of one indicator for chosen countries or a group: its /cite page cites a selection


def cite_href(indicator: str, countries: str, years: tuple[int, int] | None, lang: str = "en") -> str:
    """The 'Cite this view' page (/cite/series) of the selection: the indicator, its countries or group and the last
    year of the chosen range (where the chart has that year; the citation names the dataset, its publisher and a
    permalink to the view)."""
    codes = [c for c in countries.split(",") if c]
    groups = set(store.group_ids())
    raw = {"indicator": indicator, "countries": ",".join(c for c in codes if c not in groups)}
    group = next((c for c in codes if c in groups), None)
    if group:
        raw["group"] = group
    if years:
        raw["year"] = str(years[1])
    state, notices = views.parse(CITE_VIEW, raw)
    if notices:  # a year (or code) the chart does not have: cite the rest, not a state it would change
        state, _ = views.parse(CITE_VIEW, {k: v for k, v in raw.items() if k != "year"})
    return cite_url(CITE_VIEW, state, lang)


@callback(Output(ids.DATA_CATALOGUE, "children"), Input(ids.DATA_KEYWORD, "value"),
          Input(ids.DATA_THEME, "value"), Input(ids.DATA_SOURCE, "value"), Input(ids.DATA_LICENCE, "value"),
          State(ids.URL, "search"))
def filter_catalogue(keyword, theme, source, licence, search=None):
    lang = language.from_query(search)
    known = set(catalogue.sources()["source_id"])
    source = source if source in known else ""  # the layout already said so if the URL named an unknown one
    rows = catalogue.search(keyword or "", theme or "", source, licence or "")
    shown = rows.assign(label=[data_i18n.text(x, lang) for x in rows["label"]],
                        unit=[data_i18n.text(x, lang) for x in rows["unit"]],
                        theme=[t_or(f"explorer.theme.{x}", lang, x) for x in rows["theme"]])
    # ids are code; sources, datasets and licences are the publishers' own names, shown as published
    return [html.P(tn("data.matches", len(rows), lang)),
            components.data_table(shown, catalogue_columns(lang), lang=lang,
                                  verbatim=("id", "source", "dataset", "licence"))]


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.DATA_KEYWORD, "value"),
          Input(ids.DATA_THEME, "value"), Input(ids.DATA_SOURCE, "value"), Input(ids.DATA_LICENCE, "value"),
          Input(ids.DATA_INDICATOR, "value"), Input(ids.DATA_COUNTRIES, "value"), Input(ids.DATA_YEARS, "value"),
          State(ids.URL, "search"), prevent_initial_call="initial_duplicate")
def write_url(keyword, theme, source, licence, indicator, countries, years, search=None):
    countries = codes_param(countries)
    query = page_search(keyword=keyword, theme=theme, source=source, licence=licence, indicator=indicator,
                        countries=countries, years=years)
    return language.set_lang(query, language.from_query(search))


def flag_glossary(rows, lang: str):
    """The flag codes of the preview's rows (the API's stable codes) in the words every chart, table and profile
    uses for them ('imputed': 'estimate'): one vocabulary across the app."""
    codes = sorted({f for f in rows["flag"].dropna().astype(str) if f}) if "flag" in getattr(rows, "columns", ()) else []
    if not codes:
        return None
    return html.Div(id="data-flags", className="data-flags", children=[
        html.H3(t("data.flags", lang)),
        html.Dl([part for code in codes for part in (html.Dt(html.Code(code, lang="zxx")),
                                                     html.Dd(flag_text(code, lang)))]),
    ])


@callback(Output(ids.DATA_PREVIEW, "children"), Output(ids.DATA_STATUS, "children"),
          Output(ids.DATA_STATUS, "className"),
          Input(ids.DATA_INDICATOR, "value"), Input(ids.DATA_COUNTRIES, "value"), Input(ids.DATA_YEARS, "value"),
          State(ids.URL, "search"))
def preview(indicator, countries, years, search=None):
    countries, years = codes_param(countries), (years or "").strip()
    lang = language.from_query(search)
    try:
        rows = store.indicator_values(indicator, store.resolve_countries(countries), store.parse_years(years))
    except store.QueryError as exc:
        return [], exc.message, "notice"
    url = catalogue.api_url(indicator, countries, years)
    host = public_base()
    code = {k: v.replace("{host}", host) for k, v in catalogue.snippets(url).items()}
    return [
        html.H2(tn("data.preview", len(rows), lang, shown=min(PREVIEW_ROWS, len(rows)), n=numbers.whole(len(rows), lang))),
        # the rows exactly as the API and the CSV give them (English, stable field names: docs/api)
        html.Div(components.data_table(rows, max_rows=PREVIEW_ROWS, lang=lang), lang="en"),
        flag_glossary(rows, lang),
        html.A(tn("data.download", len(rows), lang, n=numbers.whole(len(rows), lang)), href=url, className="action",
               id="data-download", download=download_name(indicator, countries, store.parse_years(years)) + ".csv"),
        " ",
        html.A(t("actions.cite", lang), href=cite_href(indicator, countries, store.parse_years(years), lang),
               className="action", id="data-cite", target="_blank", title=t("data.cite_title", lang)),
        html.H3(t("data.api", lang)),
        html.Pre(html.Code(url, id="data-api-url"), lang="zxx"),  # zxx: no linguistic content (code)
        html.Pre(html.Code(code["python"], id="data-python"), lang="zxx"),
        html.Pre(html.Code(code["r"], id="data-r"), lang="zxx"),
    ], "", "notice notice-empty"
