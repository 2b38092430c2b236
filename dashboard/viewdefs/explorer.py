"""Explorer charts (page '/'): world map, top/bottom-N ranking and time series, linked through one URL state.

``PAGE_PARAMS`` is the page's whole URL state; each view declares the subset it depends on (same names,
same order), so its cache key, downloads and embeds carry only what changes the chart.
"""
from __future__ import annotations

import pandas as pd

from .. import charts, data_i18n, numbers, rules, store
from ..figures import choropleth, ranking as ranking_fig, series as series_fig
from ..i18n import flag_text, t
from ..queries import explorer as q
from ..state import Param
from ..views import ChartView, Table, full_indicator, register

DEFAULT_INDICATOR = "migrant_stock"
PER_OPTIONS = ("abs", "capita1000", "percent")
N_OPTIONS = (5, 10, 15, 20, 30)
ORDER_OPTIONS = ("top", "bottom")
DENOMINATOR_SOURCE = "wb_population"


def _indicators(_state):
    return q.indicator_ids()


def _years(state) -> list[int]:
    return q.years(state["indicator"])


def _latest(state):
    years = q.years(state["indicator"])
    return years[-1] if years else None


def _pers(state) -> tuple[str, ...]:
    return ("abs",) + q.per_options(state["indicator"])


def _groups(_state):
    return q.group_ids()


def _default_countries(state) -> tuple[str, ...]:
    return q.default_selection(state["indicator"], None, state.get("group"))


P_INDICATOR = Param("indicator", "choice", DEFAULT_INDICATOR, choices=_indicators, label="Indicator")
P_YEAR = Param("year", "int", _latest, choices=_years, label="Year")
P_PER = Param("per", "choice", "abs", choices=_pers, label="Unit")
P_GROUP = Param("group", "choice", None, choices=_groups, label="Region or group")
P_COUNTRIES = Param("countries", "iso3list", _default_countries, choices=lambda s: q.drawable_countries(),
                    max_items=8, label="Countries")
P_N = Param("n", "int", 10, choices=lambda s: N_OPTIONS, label="Countries in the ranking")
P_ORDER = Param("order", "choice", "top", choices=lambda s: ORDER_OPTIONS, label="Order")

PAGE_PARAMS = (P_INDICATOR, P_YEAR, P_PER, P_GROUP, P_COUNTRIES, P_N, P_ORDER)
MAP_PARAMS = (P_INDICATOR, P_YEAR, P_PER, P_GROUP)
RANKING_PARAMS = (P_INDICATOR, P_YEAR, P_PER, P_GROUP, P_COUNTRIES, P_N, P_ORDER)
SERIES_PARAMS = (P_INDICATOR, P_YEAR, P_PER, P_GROUP, P_COUNTRIES)


def view_state(view_id: str, page_state: dict) -> dict:
    """The part of the page state one view depends on."""
    params = {"map": MAP_PARAMS, "ranking": RANKING_PARAMS, "series": SERIES_PARAMS}[view_id]
    return {p.name: page_state[p.name] for p in params}


def _per(state: dict) -> str | None:
    return None if state.get("per", "abs") == "abs" else state["per"]


def _unit(state: dict, lang: str = "en") -> str:
    return data_i18n.text(store.per_unit(store.indicator_meta(state["indicator"])["unit"], _per(state)), lang)


def _group_label(group: str | None, lang: str = "en") -> str | None:
    if not group:
        return None
    return store.group_labels(lang).get(group, group)


def source_text(state: dict, lang: str, year: int | None = None) -> str:
    """The indicator's source line, plus the denominator's source (and its year, for one-year charts) when values
    are relative to population (per 1,000 or % of population)."""
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    line = charts.source_line(meta["source_id"], lang)
    if _per(state):
        line += " " + denominator_note(_per(state), lang, year)
    return line


def denominator_note(per: str | None, lang: str, year: int | None = None) -> str:
    """'Per 1,000 population: divided by the population of the same country [in 2020] from World Bank, ...'."""
    if not per or per == "abs":
        return ""
    unit = t(f"explorer.per.{per}", lang)
    if year is not None:
        return t("explorer.denominator.year", lang, unit=unit, year=year, source=denominator_source())
    return t("explorer.denominator", lang, unit=unit, source=denominator_source())


def denominator_source() -> str:
    src = store.source_meta(DENOMINATOR_SOURCE)
    return f"{src.get('publisher', '')}, {src.get('title', '')} ({src.get('edition', '')}; {src.get('licence', '')})"


def _sources(state: dict) -> list[str]:
    ids = [store.indicator_meta(state["indicator"])["source_id"]]
    return ids + [DENOMINATOR_SOURCE] if _per(state) else ids


# ------------------------------------------------------------------ map

def _map_rows(state: dict) -> pd.DataFrame:
    """The rows the map colours: every country, or only the chosen group's members."""
    rows = q.map_rows(state["indicator"], state["year"], _per(state))
    members = q.map_members(state.get("group"))
    return rows if members is None else rows[rows["iso3"].isin(set(members))].reset_index(drop=True)


def _map_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    bounds = q.group_bounds(state.get("group"))
    lon, lat = bounds if bounds else (None, None)
    return choropleth.world_map(rows, label=meta["label"], unit=_unit(state, lang), year=state["year"],
                                shapes=list(q.map_shapes()), lang=lang, lon_range=lon, lat_range=lat,
                                members=q.map_members(state.get("group")))


def group_note(state: dict, lang: str) -> str:
    """' Only the members of Western Balkans (WB6) are coloured.' ('' without a group; the card's coverage note
    says which members have no data, and why)."""
    group = state.get("group")
    if q.map_members(group) is None:
        return ""
    return " " + t("explorer.group.coloured", lang, group=_group_label(group, lang))


def _map_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    group = _group_label(state.get("group"), lang)
    period = store.period_label(state["indicator"], state["year"])
    title = (t("explorer.map.title_group", lang, label=meta["label"], year=period, group=group) if group
             else t("explorer.map.title", lang, label=meta["label"], year=period))
    return {
        "title": title,
        "subtitle": t("map.subtitle", lang, unit=_unit(state, lang)) + group_note(state, lang),
        "source": source_text(state, lang, state["year"]),
        "summary": choropleth.summary(rows, label=meta["label"], year=state["year"], unit=_unit(state, lang), lang=lang),
    }


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table: the rows shown, under the page language's column names."""
    c = lambda k: t(f"explorer.col.{k}", lang)  # noqa: E731
    if view_id == "ranking":
        columns = {"rank": c("rank"), "country": c("country"), "iso3": "ISO3", "year": c("year"), "value": c("value"),
                   "unit": c("unit"), "flag": c("flag")}
    elif view_id == "series":
        columns = {"series": c("series"), "code": "Code", "year": c("year"), "value": c("value"), "unit": c("unit"),
                   "members_with_data": c("members"), "coverage_pct": c("coverage"),
                   "coverage_of": c("coverage_of"), "flag": c("flag")}
    else:
        columns = {"country": c("country"), "iso3": "ISO3", "year": c("year"), "value": c("value"),
                   "unit": c("unit"), "flag": c("flag")}
    return Table(rows, columns)


MAP = register(ChartView(
    id="map", table=card_table, page="/", params=MAP_PARAMS, data=_map_rows, figure=_map_figure, texts=_map_texts,
    sources=_sources, geo=True, full=full_indicator(),
    description="World choropleth of one indicator in one year (optionally per 1,000 or % of population, zoomed to "
                "a group).",
))


# ------------------------------------------------------------------ ranking

def _ranking_rows(state: dict) -> pd.DataFrame:
    return q.ranking(state["indicator"], state["year"], _per(state), state.get("group"), state["n"], state["order"])


def _ranking_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    return ranking_fig.bars(rows, unit=_unit(state, lang), selected=tuple(state.get("countries") or ()), lang=lang)


def _shade_notes(rows: pd.DataFrame, state: dict, lang: str) -> str:
    """What each bar colour means, for the colours drawn: ' Dark blue: countries selected for the chart over
    time. Red: negative values.' (ranking_fig.bars colours selected and negative bars)."""
    drawn = rows[rows["value"].notna()]
    notes = []
    if set(drawn["iso3"]) & set(state.get("countries") or ()):
        notes.append(t("explorer.ranking.shade_selected", lang))
    if (drawn["value"].astype(float) < 0).any():
        notes.append(t("explorer.ranking.shade_negative", lang))
    return "".join(" " + n for n in notes)


def _flag_notes(rows: pd.DataFrame, lang: str) -> str:
    """' * Germany: rebuilt from its parts ...' for the flagged rows of a ranking (one sentence each)."""
    flagged = rows[rows["flag"].notna() & rows["value"].notna()] if "flag" in rows else rows.iloc[0:0]
    notes = [f"{r.country or r.iso3}: {flag_text(r.flag, lang)}" for r in flagged.itertuples()]
    return (" * " + "; ".join(notes) + ".") if notes else ""


def _ranking_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    group = _group_label(state.get("group"), lang)
    order = t(f"explorer.ranking.{state['order']}", lang)
    title = t("explorer.ranking.title", lang, order=order, n=state["n"], label=meta["label"],
              year=store.period_label(state["indicator"], state["year"]))
    if group:
        title += t("explorer.ranking.in_group", lang, group=group)
    if rows.empty:
        summary = t("explorer.ranking.empty", lang, label=meta["label"], year=state["year"])
    else:
        items = "; ".join(f"{r.rank}. {r.country} {numbers.exact(r.value, lang)}" for r in rows.head(5).itertuples())
        summary = t("explorer.ranking.summary", lang, label=meta["label"], year=state["year"], items=items)
    return {
        "title": title,
        "subtitle": t("explorer.ranking.subtitle", lang, unit=_unit(state, lang), year=state["year"])
                    + _shade_notes(rows, state, lang) + _flag_notes(rows, lang),
        "source": source_text(state, lang, state["year"]),
        "summary": summary,
    }


def _ranking_group_missing(state: dict) -> tuple[str, ...]:
    return q.members_without_data(state["indicator"], state["year"], _per(state), state.get("group"))


RANKING = register(ChartView(
    id="ranking", table=card_table, page="/", params=RANKING_PARAMS, data=_ranking_rows, figure=_ranking_figure,
    texts=_ranking_texts, sources=_sources, full=full_indicator(), group_missing=_ranking_group_missing,
    description="Top or bottom N countries of one indicator in one year, optionally within a region or group.",
))


# ------------------------------------------------------------------ series

def _series_rows(state: dict) -> pd.DataFrame:
    return q.series(state["indicator"], tuple(state.get("countries") or ()), _per(state), state.get("group"))


def _series_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    return series_fig.lines(rows, unit=_unit(state, lang), years=store.available_years(state["indicator"]),
                            year=state.get("year"), lang=lang,
                            period_years=store.period_years(state["indicator"]))


def _rule_text(state: dict, lang: str) -> str:
    """One sentence on how the group line is made, from the indicator's declared rule."""
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    rule = q.aggregation_rule(state["indicator"])
    if rule == "ratio" and not _per(state):
        def part(ind: str, sex: str) -> str:
            name = t("explorer.rule.population", lang) if ind == "population" else data_i18n.text(store.indicator_meta(ind)["label"], lang)
            return name if sex == "total" else f"{name} ({t('explorer.rule.' + sex, lang)})"

        label = lambda spec: " + ".join(part(i, sex) for i, sex in rules.parts(spec))  # noqa: E731
        return t("explorer.rule.ratio", lang, numerator=label(meta["numerator"]), denominator=label(meta["denominator"]))
    if rule == "none":
        return t("explorer.rule.none", lang)
    if meta.get("complete") and not _per(state):
        return t("explorer.rule.sum_complete", lang)
    return t("explorer.rule.sum", lang)


def _series_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    years = store.available_years(state["indicator"])
    first, last = (years[0], years[-1]) if years else ("", "")
    if rows.empty:
        summary = t("explorer.series.empty", lang, label=meta["label"])
    else:
        latest = rows.sort_values("year").groupby("code", sort=False).tail(1)
        names = ", ".join(dict.fromkeys(rows["series"]))
        items = "; ".join(f"{r.series} {numbers.exact(r.value, lang)} ({r.year})" for r in latest.itertuples())
        summary = t("explorer.series.summary", lang, label=meta["label"], names=names, items=items)
    return {
        "title": t("explorer.series.title", lang, label=meta["label"], first=first,
                   last=store.period_end(state["indicator"], last) if years else last),
        "subtitle": t("explorer.series.subtitle", lang, unit=_unit(state, lang), rule=_rule_text(state, lang)),
        "source": source_text(state, lang),
        "summary": summary,
    }


SERIES = register(ChartView(
    id="series", table=card_table, page="/", params=SERIES_PARAMS, data=_series_rows, figure=_series_figure, texts=_series_texts,
    sources=_sources, full=full_indicator(),
    description="Selected countries (up to 8) and a group value (by the indicator's declared rule, with coverage) "
                "over time.",
))
