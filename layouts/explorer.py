"""Explorer page ('/'): indicator, year, unit and group controls above a linked map, ranking and time series.

The whole state comes from the URL (``/?indicator=...&year=...&per=...&group=...&countries=...&n=...&order=...``);
invalid values fall back to defaults and are named in the role="status" notice.
"""
from __future__ import annotations

import json

from dash import dcc, html

from dashboard import data_i18n, ids, language, store
from dashboard.i18n import t
from dashboard.queries import explorer as q
from dashboard.state import parse, serialize
from dashboard.viewdefs import explorer as ev
from dashboard.share.urls import PAGES, page_route
from layouts.components import chart_card
from layouts.notice import notice_box
from layouts import options

ROUTE = page_route("explorer")
THEMES = ("flows", "displacement", "trafficking", "context")


def indicator_options(lang: str = "en") -> list[dict]:
    """Indicators grouped by theme: a disabled heading option, then the theme's indicators."""
    inds = store.catalog()["indicators"]
    out = []
    for theme in THEMES + tuple(sorted({i["theme"] for i in inds} - set(THEMES))):
        members = [i for i in inds if i["theme"] == theme]
        if not members:
            continue
        heading = t(f"explorer.theme.{theme}", lang) if theme in THEMES else theme.title()
        out.append({"label": f"— {heading} —", "value": f"__theme_{theme}", "disabled": True})
        labels = [data_i18n.text(i["label"], lang) for i in members]
        out += [{"label": label, "value": i["id"], "search": f"{heading} {label} {i['label']}"}
                for i, label in zip(members, labels)]
    return out


def definition(indicator: str, lang: str = "en") -> str:
    meta = data_i18n.localise(store.indicator_meta(indicator), lang)
    src = store.source_meta(meta["source_id"])
    return t("explorer.definition", lang, description=meta.get("description") or "",
             publisher=src.get("publisher", ""), edition=src.get("edition", ""))


def year_marks(years: list[int], period_years: int = 1) -> dict:
    """Slider marks on year indices: about eight labelled ticks, always the first and the last year; a 5-year
    period reads '2015–20'."""
    if not years:
        return {}
    label = (lambda y: f"{y}–{str(y + period_years)[-2:]}") if period_years > 1 else str  # noqa: E731
    step = max(1, round(len(years) / 8))
    marks = {i: label(y) for i, y in enumerate(years) if i % step == 0}
    marks[len(years) - 1] = label(years[-1])
    if len(years) > 1 and step > 1 and (len(years) - 1) % step and (len(years) - 1) % step < step / 2:
        marks.pop((len(years) - 1) // step * step, None)  # keep the last label from overlapping its neighbour
    return marks


def slider_values(years: list[int]) -> str:
    """The year of each slider index as JSON: the slider's value text for screen readers (assets/a11y.js), which
    would otherwise hear the index ('7') instead of the year."""
    return json.dumps([str(y) for y in years])


def per_options(indicator: str, lang: str = "en") -> list[dict]:
    allowed = ev._pers({"indicator": indicator})
    return [{"label": t(f"explorer.per.{p}", lang), "value": p, "disabled": p not in allowed}
            for p in ev.PER_OPTIONS]




def chips(countries, lang: str = "en") -> list:
    names = store.country_names(lang)
    if not countries:
        return [html.P(t("explorer.selection_empty", lang), className="explorer-chips-empty")]
    return [html.Ul(className="explorer-chip-list", **{"aria-label": t("explorer.selection", lang)}, children=[
        html.Li(html.Button(
            [names.get(iso, iso), html.Span(" ×", **{"aria-hidden": "true"})],
            id={"type": ids.EXPLORER_CHIP, "iso3": iso}, className="explorer-chip", n_clicks=0,
            title=t("explorer.remove", lang, name=names.get(iso, iso)),
            **{"aria-label": t("explorer.remove", lang, name=names.get(iso, iso))},
        )) for iso in countries
    ]), profile_links(countries, lang)]


def profile_links(countries, lang: str = "en") -> html.P:
    """Links to the profiles of the countries in the time series and, for two or more, to their comparison."""
    names = store.country_names(lang)
    links: list = [t("explorer.profiles", lang) + " "]
    for k, iso in enumerate(countries):
        if k:
            links.append(" · ")
        links.append(html.A(names.get(iso, iso), href=language.href(PAGES["country"].replace("{iso3}", iso), lang),
                            className="explorer-profile-link", **{"data-iso3": iso}))
    if len(countries) >= 2:
        links += [" — ", html.A(t("explorer.compare_these", lang), className="explorer-compare-link",
                                href=language.href(f"{PAGES['compare']}?countries={','.join(countries)}", lang))]
    return html.P(links, className="explorer-profiles")


def layout(lang: str = "en", **query):
    state, notices = parse(ev.PAGE_PARAMS, query)
    years = store.available_years(state["indicator"])
    idx = years.index(state["year"]) if state["year"] in years else len(years) - 1
    per_note = ev.denominator_note(state["per"], lang)
    return html.Main(className="page page-explorer", children=[
        html.H1(t("explorer.heading", lang), className="explorer-heading"),
        notice_box(notices, serialize(ev.PAGE_PARAMS, state)),
        dcc.Store(id=ids.EXPLORER_MOTION, data={  # page settings read by callbacks (language, play-button texts)
            "lang": lang, "play_text": t("explorer.play", lang), "pause_text": t("explorer.pause", lang),
            "reduced_motion_text": t("explorer.reduced_motion", lang)}),
        dcc.Store(id=ids.EXPLORER_YEAR, data=state["year"]),
        dcc.Interval(id=ids.EXPLORER_TICK, interval=1200, disabled=True),
        html.Div(className="explorer-controls", children=[
            html.Div(className="control explorer-indicator", children=[
                html.Label(t("control.indicator", lang), htmlFor=ids.EXPLORER_INDICATOR),
                dcc.Dropdown(id=ids.EXPLORER_INDICATOR, options=indicator_options(lang), value=state["indicator"],
                             clearable=False, searchable=True, maxHeight=420),
                html.P(definition(state["indicator"], lang), id=ids.EXPLORER_DEFINITION,
                       className="explorer-definition"),
            ]),
            html.Div(className="control explorer-year", role="group",
                     **{"aria-labelledby": "explorer-year-label"}, children=[
                html.Span(t("control.year", lang), id="explorer-year-label", className="control-label"),
                html.Div(className="explorer-year-row", children=[
                    html.Button(t("explorer.play", lang), id=ids.EXPLORER_PLAY, className="explorer-play",
                                n_clicks=0, title=t("explorer.play_label", lang),
                                **{"aria-label": t("explorer.play_label", lang), "aria-pressed": "false"}),
                    html.Div(className="explorer-slider", id=ids.EXPLORER_SLIDER_WRAP,
                             **{"data-a11y-label": "explorer-year-label",
                                "data-a11y-values": slider_values(years)}, children=dcc.Slider(
                        id=ids.EXPLORER_YEAR_SLIDER, min=0, max=max(0, len(years) - 1), step=1, value=idx,
                        marks=year_marks(years, store.period_years(state["indicator"])), allow_direct_input=False,
                        updatemode="mouseup")),
                    html.Label(t("explorer.year_typed", lang), htmlFor=ids.EXPLORER_YEAR_INPUT,
                               className="visually-hidden"),
                    dcc.Input(id=ids.EXPLORER_YEAR_INPUT, type="number", value=state["year"], debounce=True,
                              min=years[0] if years else None, max=years[-1] if years else None, step=1,
                              className="explorer-year-input"),
                ]),
                html.P(id=ids.EXPLORER_STATUS, role="status", className="explorer-status"),
            ]),
            html.Div(className="control explorer-per", children=[
                html.Span(t("explorer.per", lang), id="explorer-per-label", className="control-label"),
                dcc.RadioItems(id=ids.EXPLORER_PER, options=per_options(state["indicator"], lang),
                               value=state["per"], inline=True, className="explorer-radio",
                               inputClassName="explorer-radio-input"),
                html.P(per_note, id=ids.EXPLORER_DENOMINATOR, className="explorer-denominator"),
            ]),
            html.Div(className="control explorer-group", children=[
                html.Label(t("explorer.group", lang), htmlFor=ids.EXPLORER_GROUP),
                dcc.Dropdown(id=ids.EXPLORER_GROUP, options=options.groups(lang=lang), value=state["group"],
                             clearable=True, searchable=True, placeholder=t("explorer.group.world", lang)),
            ]),
        ]),
        chart_card(ids.EXPLORER_MAP, geo=True, height=520, table_label=t("explorer.table", lang)),
        html.P(t("map.disclaimer", lang), className="map-disclaimer"),
        html.Div(className="explorer-row", children=[
            html.Div(className="explorer-col explorer-col-ranking", children=[
                html.Div(className="explorer-subcontrols", children=[
                    html.Div(className="control control-small", children=[
                        html.Label(t("explorer.n", lang), htmlFor=ids.EXPLORER_N),
                        dcc.Dropdown(id=ids.EXPLORER_N, options=[{"label": str(n), "value": n} for n in ev.N_OPTIONS],
                                     value=state["n"], clearable=False, searchable=False),
                    ]),
                    html.Div(className="control control-small", children=[
                        html.Span(t("explorer.order", lang), className="control-label", id="explorer-order-label"),
                        dcc.RadioItems(id=ids.EXPLORER_ORDER, value=state["order"], inline=True,
                                       className="explorer-radio", inputClassName="explorer-radio-input",
                                       options=[{"label": t(f"explorer.order.{o}", lang), "value": o}
                                                for o in ev.ORDER_OPTIONS]),
                    ]),
                ]),
                chart_card(ids.EXPLORER_RANKING, height=420, table_label=t("explorer.table", lang)),
            ]),
            html.Div(className="explorer-col explorer-col-series", children=[
                html.Div(className="explorer-subcontrols explorer-selection", children=[
                    html.Div(className="control control-wide", children=[
                        html.Label(t("explorer.countries", lang), htmlFor=ids.EXPLORER_COUNTRIES),
                        dcc.Dropdown(id=ids.EXPLORER_COUNTRIES, options=options.countries(q.drawable_countries(), lang),
                                     value=list(state["countries"]), multi=True, searchable=True, clearable=True),
                        html.P(t("explorer.countries_hint", lang), className="explorer-hint"),
                    ]),
                    html.Div(chips(state["countries"], lang), id=ids.EXPLORER_CHIPS, className="explorer-chips",
                             **{"aria-live": "polite"}),
                ]),
                chart_card(ids.EXPLORER_SERIES, height=420, kind="lines", table_label=t("explorer.table", lang)),
            ]),
        ]),
    ])

