"""Displacement charts (page '/displacement'): UNHCR populations, rankings, origin x asylum pairs, IDMC,
hazards, the IDP reconciliation panel, solutions and asylum decisions."""
from __future__ import annotations

import pandas as pd

from .. import charts, numbers, store
from ..figures import displacement as fig
from ..i18n import t
from ..queries import displacement as q
from ..state import Param
from ..views import ChartView, Table, column_label, full_indicators, full_table, register

PAGE = "/displacement"

AREA = Param("area", "choice", q.WORLD, choices=lambda s: q.area_choices(), label="Area")
ROLE = Param("role", "choice", "asylum", choices=lambda s: q.ROLES, label="Count by")
YEAR = Param("year", "int", lambda s: q.population_years()[-1], choices=lambda s: q.population_years(), label="Year")
POP = Param("pop", "choice", "refugees", choices=lambda s: q.POP_TYPES, label="Population type")
PAGE_PARAMS = (AREA, ROLE, YEAR, POP)


def _area(state, lang) -> str:
    return t("disp.world", lang) if state["area"] == q.WORLD else q.area_label(state["area"], lang)


def _where(state, lang) -> str:
    if state["area"] == q.WORLD:
        return t("disp.worldwide", lang)
    return t(f"disp.role_word.{state['role']}", lang) + " " + _area(state, lang)


def _span(rows: pd.DataFrame, col: str = "year") -> dict:
    if rows.empty:
        return {"y0": "–", "y1": "–"}
    return {"y0": int(rows[col].min()), "y1": int(rows[col].max())}


def _latest_values(rows: pd.DataFrame, key: str, labels: dict[str, str], lang: str) -> tuple[object, str]:
    if rows.empty:
        return "–", "–"
    year = int(rows["year"].max())
    last = rows[rows["year"] == year]
    parts = [f"{labels[k]} {numbers.whole(v, lang)}" for k, v in zip(last[key], last["value"]) if k in labels]
    return year, "; ".join(parts) or "–"


# ------------------------------------------------------------------ population types

def _pop_labels(lang):
    return {p: t(f"disp.pop.{p}", lang) for p in q.POP_TYPES}


def _types_texts(rows, state, lang):
    year, values = _latest_values(rows, "pop_type", _pop_labels(lang), lang)
    return {"title": t("disp.types.title", lang, where=_where(state, lang),
                       **_span(rows)),
            "subtitle": t("disp.types.subtitle", lang), "source": charts.source_line("unhcr", lang),
            "summary": t("disp.types.summary", lang, where=_where(state, lang),
                         year=year, top=values)}


_SRC = {"unit": "Unit", "flag": "Flag"}
TABLE_COLUMNS = {
    "disp-types": {"year": "Year", "pop_type": "Population type", "value": "Persons", "cells_of_5": "Cells of 5 (1–5)", **_SRC},
    "disp-top-origins": {"rank": "Rank", "iso3": "Code", "country": "Origin", "value": "Persons", "year": "Year", **_SRC},
    "disp-top-hosts": {"rank": "Rank", "iso3": "Code", "country": "Host", "value": "Persons", "year": "Year", **_SRC},
    "disp-pairs": {"origin_name": "Origin", "asylum_name": "Asylum", "value": "Persons", "year": "Year",
                   "corridor": "Corridor page", **_SRC},
    "disp-idmc": {"year": "Year", "measure": "Measure", "value": "Value", "countries": "Countries reporting", **_SRC},
    "disp-hazards": {"year": "Year", "cause": "Cause", "hazard": "Hazard", "value": "Displacements",
                     "countries": "Countries", **_SRC},
    "disp-idps": {"year": "Year", "series": "Series", "value": "Persons", "countries": "Countries reporting", **_SRC},
    "disp-solutions": {"year": "Year", "solution_type": "Solution", "value": "Persons", **_SRC},
    "disp-asylum": {"year": "Year", "measure": "Measure", "value": "Value", **_SRC},
}


def _wide(rows: pd.DataFrame, key: str, labels: dict[str, str], unit: str, extra: dict | None = None):
    """Year x series table (the same numbers as the long rows, in a compact layout for the page)."""
    if rows.empty:
        return rows, {"year": "Year"}
    wide = rows.pivot_table(index="year", columns=key, values="value", aggfunc="first")
    cols = [k for k in labels if k in wide.columns]
    wide = wide[cols].sort_index(ascending=False).reset_index()
    columns = {"year": "Year", **{k: f"{labels[k]} ({unit})" for k in cols}}
    if extra:
        for name, (series, label) in extra.items():
            wide[name] = wide["year"].map(series)
            columns[name] = label
    return wide, columns


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table: year x series for the time series (the same numbers); downloads keep the long rows."""
    return Table(*_table_frame(view_id, rows, lang))


def _table_frame(view_id: str, rows: pd.DataFrame, lang: str = "en"):
    if view_id == "disp-types":
        fives = rows.groupby("year")["cells_of_5"].sum()
        return _wide(rows, "pop_type", _pop_labels(lang), t("disp.unit.persons", lang),
                     {"cells_of_5": (fives, column_label("Cells published as 5 (= 1–5)", lang))})
    if view_id == "disp-idmc":
        return _wide(rows, "measure", _idmc_labels(lang), "IDMC")
    if view_id == "disp-idps":
        return _wide(rows, "series", _rec_labels(lang), t("disp.unit.stock", lang))
    if view_id == "disp-solutions":
        return _wide(rows, "solution_type", _sol_labels(lang), t("disp.unit.persons", lang))
    if view_id == "disp-asylum":
        labels = {"applied": t("disp.asy.applied", lang), "dec_recognized": column_label("Recognised", lang),
                  "dec_other": column_label("Other", lang), "dec_rejected": column_label("Rejected", lang),
                  "dec_closed": column_label("Closed", lang), "dec_total": t("disp.asy.dec_total", lang)}
        wide, cols = _wide(rows[rows["measure"] != "recognition_rate"], "measure", labels, "n")
        rate = rows[rows["measure"] == "recognition_rate"].set_index("year")["value"].round(1)
        if not wide.empty:
            wide["recognition_rate"] = wide["year"].map(rate)
            cols["recognition_rate"] = t("disp.asy.recognition_rate", lang) + " (%)"
        return wide, cols
    return rows, TABLE_COLUMNS[view_id]


TYPES = register(ChartView(
    id="disp-types", table=card_table, page=PAGE, params=(AREA, ROLE),
    data=lambda s: q.population_series(s["area"], s["role"]),
    figure=lambda rows, s, lang: fig.lines(rows, series="pop_type", labels=_pop_labels(lang),
                                           unit=t("disp.unit.persons", lang), no_data_text=t("disp.no_data", lang)),
    texts=_types_texts, sources=lambda s: ["unhcr"],
    full=full_table("unhcr_population"),
    description="UNHCR population types over time for the world, a group or a country, as asylum or origin.",
))


# ------------------------------------------------------------------ top origins / hosts

def _top_figure(rows, state, lang, color):
    ranked = rows[rows["rank"].notna()]
    return fig.hbar(ranked, lang=lang, label="country", value="value", unit=t("disp.unit.persons", lang),
                    no_data_text=t("disp.no_data", lang), color=color)


def _top_texts(key):
    def texts(rows, state, lang):
        pop = t(f"disp.pop.{state['pop']}", lang)
        ranked = rows[rows["rank"].notna()]
        unranked = rows[rows["rank"].isna()]
        top = ", ".join(f"{r.country} ({numbers.whole(r.value, lang)})" for r in ranked.head(3).itertuples()) or "–"
        names = store.country_names(lang)  # UNK, XXA, TIB in words; the download keeps the codes
        unr = "; ".join(f"{names.get(r.iso3, r.country)} {numbers.whole(r.value, lang)}"
                        for r in unranked.itertuples()) or "–"
        title = t(f"disp.{key}.title", lang, pop=pop, year=state["year"])
        subtitle = (t("disp.top.subtitle", lang, year=state["year"], unranked=unr) if len(unranked)
                    else t("disp.top.subtitle_all", lang, year=state["year"]))  # no '... not ranked: –.'
        return {"title": title, "subtitle": subtitle,
                "source": charts.source_line("unhcr", lang),
                "summary": t("disp.top.summary", lang, what=title.split(":")[0], year=state["year"], top=top)}
    return texts


TOP_ORIGINS = register(ChartView(
    id="disp-top-origins", table=card_table, page=PAGE, params=(YEAR, POP),
    data=lambda s: q.top_countries(s["year"], s["pop"], "origin"),
    figure=lambda rows, s, lang: _top_figure(rows, s, lang, fig.PALETTE[1]),
    texts=_top_texts("top_origins"), sources=lambda s: ["unhcr"],
    full=full_table("unhcr_population"),
    description="Largest countries of origin for a UNHCR population type in a year.",
))
TOP_HOSTS = register(ChartView(
    id="disp-top-hosts", table=card_table, page=PAGE, params=(YEAR, POP),
    data=lambda s: q.top_countries(s["year"], s["pop"], "asylum"),
    figure=lambda rows, s, lang: _top_figure(rows, s, lang, fig.PALETTE[0]),
    texts=_top_texts("top_hosts"), sources=lambda s: ["unhcr"],
    full=full_table("unhcr_population"),
    description="Largest host countries for a UNHCR population type in a year.",
))


# ------------------------------------------------------------------ origin x asylum pairs

def _pairs_figure(rows, state, lang):
    rows = rows.assign(pair=rows["origin_name"].fillna(rows["origin"]) + " → " + rows["asylum_name"].fillna(rows["asylum"]))
    return fig.hbar(rows, lang=lang, label="pair", value="value", unit=t("disp.unit.persons", lang),
                    no_data_text=t("disp.no_data", lang), color=fig.PALETTE[2],
                    height=charts.bar_height(rows.loc[rows["value"].notna(), "pair"]))  # long pairs: two lines each


def _pairs_texts(rows, state, lang):
    ex = q.excluded_pairs(state["area"], state["role"], state["year"], state["pop"])
    pop = t(f"disp.pop.{state['pop']}", lang)
    top = ", ".join(f"{r.origin_name} → {r.asylum_name} ({numbers.whole(r.value, lang)})"
                    for r in rows.head(3).itertuples()) or "–"
    title = t("disp.pairs.title", lang, where=_where(state, lang), pop=pop,
              year=state["year"])
    return {"title": title,
            "subtitle": t("disp.pairs.subtitle", lang, year=state["year"], same=numbers.whole(ex['same_country'], lang),
                          pseudo=numbers.whole(ex['pseudo'], lang)),
            "source": charts.source_line("unhcr", lang), "summary": f"{title}: {top}."}


PAIRS = register(ChartView(
    id="disp-pairs", table=card_table, page=PAGE, params=(AREA, ROLE, YEAR, POP),
    data=lambda s: q.corridor_pairs(s["area"], s["role"], s["year"], s["pop"]),
    figure=_pairs_figure, texts=_pairs_texts, sources=lambda s: ["unhcr"],
    full=full_table("unhcr_population"),
    description="Largest origin -> asylum pairs for the selection, linking to corridor profiles.",
))


# ------------------------------------------------------------------ IDMC

def _idmc_labels(lang):
    return {k: t(f"disp.idmc.{k}", lang) for k in q.IDMC_MEASURES}


def _idmc_texts(rows, state, lang):
    year, values = _latest_values(rows, "measure", _idmc_labels(lang), lang)
    return {"title": t("disp.idmc.title", lang, area=_area(state, lang), **_span(rows)),
            "subtitle": t("disp.idmc.subtitle", lang), "source": charts.source_line("idmc", lang),
            "summary": t("disp.idmc.summary", lang, area=_area(state, lang), year=year, values=values)}


IDMC = register(ChartView(
    id="disp-idmc", table=card_table, page=PAGE, params=(AREA,),
    data=lambda s: q.idmc_series(s["area"]),
    figure=lambda rows, s, lang: fig.idmc(rows, labels=_idmc_labels(lang), no_data_text=t("disp.no_data", lang),
                                          new_unit=t("disp.unit.events", lang), stock_unit=t("disp.unit.stock", lang)),
    texts=_idmc_texts, sources=lambda s: ["idmc"],
    full=full_indicators("idmc", q.IDMC_MEASURES.values()),
    description="IDMC new displacements by cause per year and year-end IDP stocks.",
))


def hazard_year(state) -> int:
    years = q.idmc_years()
    return state["year"] if state["year"] in years else years[-1]


def _hazard_texts(rows, state, lang):
    year = hazard_year(state)
    top = ", ".join(f"{r.hazard} ({numbers.whole(r.value, lang)})" for r in rows.head(4).itertuples()) or "–"
    return {"title": t("disp.hazard.title", lang, area=_area(state, lang), year=year),
            "subtitle": t("disp.hazard.subtitle", lang), "source": charts.source_line("idmc_gdidata", lang),
            "summary": t("disp.hazard.summary", lang, area=_area(state, lang), year=year, top=top)}


HAZARDS = register(ChartView(
    id="disp-hazards", table=card_table, page=PAGE, params=(AREA, YEAR), display=("hazard", "cause"),
    data=lambda s: q.idmc_hazards(s["area"], hazard_year(s)),
    figure=lambda rows, s, lang: fig.hbar(rows, lang=lang, label="hazard", value="value", unit=t("disp.unit.events", lang),
                                          no_data_text=t("disp.no_data", lang), color=fig.PALETTE[3]),
    texts=_hazard_texts, sources=lambda s: ["idmc_gdidata"],
    full=full_table("idmc_new_displacements_by_cause"),
    description="IDMC new displacements by hazard (conflict and each disaster hazard) in a year.",
))


# ------------------------------------------------------------------ reconciliation

def _rec_labels(lang):
    return {k: t(f"disp.rec.{k}", lang) for k in q.RECONCILE}


def _common_years(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of the years in which every series has a value (all rows when no year has them all), so a summary
    compares like with like whatever edition each publisher is at."""
    have = rows.dropna(subset=["value"])
    full = have.groupby("year")[key].nunique()
    years = full.index[full == have[key].nunique()]
    return have[have["year"].isin(years)] if len(years) else rows


def _rec_texts(rows, state, lang):
    year, values = _latest_values(_common_years(rows, "series"), "series", _rec_labels(lang), lang)
    return {"title": t("disp.rec.title", lang, area=_area(state, lang), **_span(rows)),
            "subtitle": t("disp.rec.subtitle", lang),
            "source": charts.source_line("idmc", lang) + " " + charts.source_line("idmc_via_unhcr", lang) + " "
                      + charts.source_line("unhcr", lang),
            "summary": t("disp.rec.summary", lang, area=_area(state, lang), year=year, values=values)}


IDPS = register(ChartView(
    id="disp-idps", table=card_table, page=PAGE, params=(AREA,),
    data=lambda s: q.idp_reconciliation(s["area"]),
    figure=lambda rows, s, lang: fig.lines(rows, series="series", labels=_rec_labels(lang),
                                           unit=t("disp.unit.stock", lang), no_data_text=t("disp.no_data", lang),
                                           dash={"idmc_via_unhcr": "dot"}),
    texts=_rec_texts, sources=lambda s: ["idmc", "idmc_via_unhcr", "unhcr"],
    full=full_indicators("idp-reconciliation", q.RECONCILE.values()),
    description="IDMC and UNHCR IDP figures side by side (never added).",
))


# ------------------------------------------------------------------ solutions and asylum

def _sol_labels(lang):
    return {k: t(f"disp.sol.{k}", lang) for k in q.SOLUTION_TYPES}


def _sol_texts(rows, state, lang):
    year, values = _latest_values(rows.rename(columns={"solution_type": "k"}), "k", _sol_labels(lang), lang)
    return {"title": t("disp.sol.title", lang, where=_where(state, lang),
                       **_span(rows)),
            "subtitle": t("disp.sol.subtitle", lang), "source": charts.source_line("unhcr", lang),
            "summary": t("disp.sol.summary", lang, where=_where(state, lang),
                         year=year, values=values)}


SOLUTIONS = register(ChartView(
    id="disp-solutions", table=card_table, page=PAGE, params=(AREA, ROLE),
    data=lambda s: q.solutions_series(s["area"], s["role"]),
    figure=lambda rows, s, lang: fig.lines(rows, series="solution_type", labels=_sol_labels(lang),
                                           unit=t("disp.unit.persons", lang), no_data_text=t("disp.no_data", lang)),
    texts=_sol_texts, sources=lambda s: ["unhcr"],
    full=full_table("unhcr_solutions"),
    description="UNHCR solutions over time: returns, resettlement, naturalisation.",
))


def _asy_labels(lang):
    return {k: t(f"disp.asy.{k}", lang) for k in ("applied", "dec_total", "recognition_rate")}


def _asy_texts(rows, state, lang):
    args = dict(where=_where(state, lang))
    if rows.empty:
        summary = t("disp.no_data", lang)
    else:
        year = int(rows["year"].max())
        last = rows[rows["year"] == year].set_index("measure")["value"]
        rate = last.get("recognition_rate")
        summary = t("disp.asy.summary", lang, year=year, applied=numbers.whole(last.get("applied"), lang),
                    decisions=numbers.whole(last.get("dec_total"), lang), rate=numbers.percent(rate, lang),
                    **args)
    return {"title": t("disp.asy.title", lang, **args, **_span(rows)), "subtitle": t("disp.asy.subtitle", lang),
            "source": charts.source_line("unhcr", lang), "summary": summary}


ASYLUM = register(ChartView(
    id="disp-asylum", table=card_table, page=PAGE, params=(AREA, ROLE),
    data=lambda s: q.asylum_series(s["area"], s["role"]),
    figure=lambda rows, s, lang: fig.asylum(rows, labels=_asy_labels(lang), no_data_text=t("disp.no_data", lang),
                                            count_unit=t("disp.asy.unit.count", lang),
                                            rate_unit=t("disp.asy.unit.rate", lang)),
    texts=_asy_texts, sources=lambda s: ["unhcr"],
    full=full_table("unhcr_asylum_applications", "unhcr_asylum_decisions"),
    description="UNHCR asylum applications, decisions as published and recognition rates.",
))

VIEW_IDS = ("disp-types", "disp-top-origins", "disp-top-hosts", "disp-pairs", "disp-idmc", "disp-hazards",
            "disp-idps", "disp-solutions", "disp-asylum")
