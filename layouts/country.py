"""Country profile page (/country/<ISO3>): header, key figures with year and source, small multiples,
top origins/destinations (UN DESA) with links to those profiles, displacement trend, prev/next and
search navigation. An unknown code gets a friendly 'not found' body with 'Did you mean' links.
"""
from __future__ import annotations

from dash import dcc, html

from dashboard import charts, data_i18n, ids, language, numbers, store, views
from dashboard.figures import profile as profile_fig
from dashboard.figures.profile import SUPPRESSED, fmt_value
from dashboard.numbers import is_missing
from dashboard.i18n import flag_text, t
from dashboard.queries import profile as q
from dashboard.share.urls import page_route
from layouts.components import chart_card
from layouts.provenance import provenance
from layouts import cards, markup, options

ROUTE = page_route("country")


def flag_note(flag, lang: str) -> str | None:
    """Human text for a data flag (None when there is none)."""
    if flag is None or is_missing(flag):
        return None
    return flag_text(str(flag), lang)


def value_cell(value, year, flag, lang: str, unit: str | None = None, show_unit: bool = True) -> list:
    """Value (as stored; money to the whole unit) with its flag; 'No data' when missing; '<5' for suppressed
    cells."""
    if year is None or is_missing(year):
        return [html.Span(t("country.no_data", lang), className="kf-missing")]
    if isinstance(flag, str) and flag == SUPPRESSED:
        out = [html.Abbr("<5", title=flag_text(SUPPRESSED, lang), className="kf-value")]
    else:
        out = [html.Span(numbers.amount(value, unit, lang, missing=""), className="kf-value")]
        if unit and show_unit:
            out.append(html.Span(" " + unit, className="kf-unit"))
        note = flag_note(flag, lang)
        if note:
            out.append(html.Span(f" ({note})", className="kf-flag"))
    return out


def within_note(iso3, source_id, year, lang: str) -> list:
    """For a missing value the source counts within another country: 'UN DESA counts Kosovo within Serbia.' with a
    link to that country's profile (the bundle's country definitions say which)."""
    if not (year is None or is_missing(year)) or not iso3 or not source_id:
        return []
    within = store.counted_within(source_id, iso3)
    if not within:
        return []
    names = store.country_names(lang)
    return [html.Span([" ", t("card.counted_within", lang, publisher=charts.publisher_short(
        store.source_meta(source_id).get("publisher")), name=names.get(iso3, iso3), within=names.get(within, within)),
        " ", html.A(t("card.see_profile", lang, name=names.get(within, within)),
                    href=language.href(f"/country/{within}", lang))], className="kf-within")]


def search_dropdown(lang: str, value: str | None = None) -> html.Div:
    return html.Div(className="control country-search", children=[
        html.Label(t("country.search", lang), htmlFor=ids.COUNTRY_SEARCH),
        dcc.Dropdown(id=ids.COUNTRY_SEARCH, options=options.countries(q.navigable_codes(), lang, code_in_label=True), value=value, clearable=False, searchable=True,
                     placeholder=t("country.search_placeholder", lang)),
    ])


def key_figures_table(rows, lang: str) -> html.Table:
    head = html.Thead(html.Tr([html.Th(t(f"country.col_{c}", lang), scope="col")
                               for c in ("indicator", "value", "year", "source")]))
    body = []
    for r in rows.to_dict("records"):
        body.append(html.Tr(**{"data-indicator": r["indicator"]}, children=[
            html.Th(charts.plain_title(data_i18n.text(r["label"], lang)), scope="row"),
            html.Td(value_cell(r["value"], r["year"], r["flag"], lang, data_i18n.text(r["unit"], lang))
                    + within_note(r.get("iso3"), r.get("source_id"), r["year"], lang), className="kf-cell"),
            html.Td("" if r["year"] is None or is_missing(r["year"]) else str(int(r["year"])), className="kf-year"),
            html.Td(provenance(charts.short_citation(r.get("source_id")), [r.get("source_id")], lang,
                               uid=f"kf-{r['indicator']}", verbatim=True), className="kf-source"),
        ]))
    return html.Table(className="data-table kf-table", children=[head, html.Tbody(body)])


def not_found(code: str, lang: str) -> html.Main:
    hits = q.suggestions(code, lang=lang)
    return html.Main(className="page page-country page-404", id=ids.COUNTRY_NOT_FOUND, children=[
        html.H1(t("country.not_found_title", lang, code=code)),
        html.P(t("country.not_found_text", lang)),
        html.Div(className="suggestions", children=[
            html.P(t("country.did_you_mean", lang)),
            html.Ul([html.Li(html.A(f"{name} ({c})", href=language.href(f"/country/{c}", lang))) for c, name in hits]),
        ] if hits else [html.P(t("country.no_suggestions", lang))]),
        search_dropdown(lang),
    ])


def _series_height(code: str) -> int:
    """The small multiples' box at the figure's height: only panels with data are drawn (Kosovo: two, not eight)."""
    state, _ = views.parse("profile", {"iso3": code})
    rows = views.data("profile", state)
    return profile_fig.multiples_height(len(q.MAIN_SERIES) - len(profile_fig.empty_panels(rows, list(q.MAIN_SERIES))))


def layout(iso3: str = "", lang: str = "en", **_query):
    code = (iso3 or "").strip().upper()
    if code not in set(q.navigable_codes()):
        return not_found(iso3, lang)
    head = q.header(code, lang)
    (prev_code, prev_name), (next_code, next_name) = q.neighbours(code, lang)
    pop = head["population"]
    region = " › ".join(x for x in (head["region"], head["subregion"], head["intregion"]) if x)
    facts = [
        html.Div([html.Dt(t("country.region", lang)), html.Dd(region or t("country.no_data", lang))]),
        html.Div([html.Dt(t("country.groups", lang)), html.Dd(
            [html.Span(label, className="group-chip") for gid, label in head["groups"]]
            or t("country.no_data", lang))]),
        html.Div([html.Dt(t("country.population", lang)), html.Dd(
            [t("country.population_value", lang, value=fmt_value(pop["value"], lang=lang), year=pop["year"]),
             provenance(charts.short_citation(pop["source_id"]), [pop["source_id"]], lang,
                        uid="kf-population-header", verbatim=True)]
            if pop["year"] is not None else t("country.no_data", lang),
            id="country-population")]),
    ]
    return html.Main(className="page page-country", children=[
        dcc.Store(id=ids.COUNTRY_ISO3, data=code),
        html.Nav(className="country-nav", **{"aria-label": t("country.nav_label", lang)}, children=[
            html.A(t("country.prev", lang, name=prev_name), href=language.href(f"/country/{prev_code}", lang), id=ids.COUNTRY_PREV,
                   className="country-step", rel="prev", **{"aria-label": t("country.prev_label", lang,
                                                                            name=prev_name)}),
            search_dropdown(lang, code),
            html.A(t("country.next", lang, name=next_name), href=language.href(f"/country/{next_code}", lang), id=ids.COUNTRY_NEXT,
                   className="country-step", rel="next", **{"aria-label": t("country.next_label", lang,
                                                                            name=next_name)}),
        ]),
        html.Header(id=ids.COUNTRY_HEADER, className="country-header", children=[
            html.H1([head["name"], html.Span(f" ({code})", className="country-code")]),
            html.Dl(className="country-facts", children=facts),
        ]),
        html.Section(className="key-figures", **{"aria-labelledby": "kf-title"}, children=[
            html.H2(t("country.key_figures", lang), id="kf-title"),
            # one server-built string, not ~100 Dash components (layouts/markup.py): the page draws sooner
            markup.holder(markup.from_wire(cards.wire(key_figures_table(q.key_figures(code), lang))), "kf-wrap",
                          id=ids.COUNTRY_KEY_FIGURES),
        ]),
        html.Div(className="country-grid", children=[
            chart_card(ids.COUNTRY_CHART_DESTINATIONS, height=420, extra_note=t("country.links_note", lang)),
            chart_card(ids.COUNTRY_CHART_ORIGINS, height=420, extra_note=t("country.links_note", lang)),
        ]),
        chart_card(ids.COUNTRY_CHART_SERIES, height=_series_height(code), kind="lines"),
        chart_card(ids.COUNTRY_CHART_DISPLACEMENT, height=400, kind="lines"),
    ])
