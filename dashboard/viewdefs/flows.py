"""Flows page charts ('/flows'): arc map, Sankey, top corridors, region matrix; and the corridor profile series.

All flows-page views share one parameter set, so one URL describes the page and every download.
Measures are never mixed: each chart shows one measure, and its title names the measure, the unit,
the kind (stock at mid-year, end-of-year stock, flow over a period, model estimate) and the method.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import charts, data_i18n, numbers, store
from ..figures import flows as fig
from ..i18n import t, tn, vocab
from ..queries import flows as q
from ..state import Param
from ..views import ChartView, Table, full_measure, register

DEFAULT_FOCUS = "BIH"
KIND_KEY = {"stock": "flows.kind.stock", "refugees": "flows.kind.stock_end", "flow_5y": "flows.kind.flow",
            "flow_annual": "flows.kind.flow", "stock_model": "flows.kind.model"}


def focus_choices(_state=None) -> list[str]:
    return _focus_choices(store.bundle().version)


@lru_cache(maxsize=2)
def _focus_choices(version: str) -> list[str]:
    c = q.ref()["countries"]
    countries = list(c.loc[~c["is_pseudo"].astype(bool), "iso3"])
    return countries + [g for g in q.group_ids() if g != "WLD"]


def _methods(state) -> list[str]:
    return q.methods(state["measure"]) or [""]


def _years(state) -> list[int]:
    return [p[0] for p in q.periods(state["measure"], state["method"], state["sex"])]


def _latest(state) -> int | None:
    years = _years(state)
    return years[-1] if years else None


def default_group(state) -> str:
    """The focus if it is a group; else WB6 for its members; else the country's M49 sub-region."""
    return _default_group(store.bundle().version, state.get("focus") or DEFAULT_FOCUS)


@lru_cache(maxsize=512)
def _default_group(version: str, focus: str) -> str:
    groups = set(q.group_ids())
    if focus in groups:
        return focus
    if focus in q.focus_members("WB6"):
        return "WB6"
    c = q.ref()["countries"]
    hit = c[c["iso3"] == focus]
    for col in ("intregion_code", "subregion_code", "region_code"):
        if not hit.empty and pd.notna(hit[col].iloc[0]) and f"M49-{int(hit[col].iloc[0])}" in groups:
            return f"M49-{int(hit[col].iloc[0])}"
    return "WB6"


FLOW_PARAMS = (
    Param("focus", "choice", DEFAULT_FOCUS, choices=focus_choices, label="Country or group"),
    Param("role", "choice", "origin", choices=lambda s: q.ROLES, label="Role"),
    Param("measure", "choice", "stock", choices=lambda s: q.measure_ids(), label="Measure"),
    Param("method", "choice", lambda s: q.default_method(s["measure"]), choices=_methods, label="Method"),
    Param("sex", "choice", "total", choices=lambda s: q.sexes(s["measure"]), label="Sex"),
    Param("year", "int", _latest, choices=_years, label="Year or period"),
    Param("top", "int", 10, lo=5, hi=50, label="Top partners"),
    Param("other", "int", 0, lo=0, hi=20, label="'Other' threshold (%)"),
    Param("group", "choice", default_group, choices=lambda s: [g for g in q.group_ids() if g != "WLD"],
          label="Group"),
)


# the arc map's own parameter (the other flows charts do not depend on it): its extent, fitted by default
MAP_PARAMS = FLOW_PARAMS + (
    Param("extent", "choice", "fit", choices=lambda s: list(fig.EXTENTS), label="Map extent"),
)


def extent_options(lang: str = "en") -> list[dict]:
    """The map extents in the page language ('Fit to corridors', 'Europe and Western Balkans', 'World')."""
    return [{"label": t(f"flows.extent.{e}", lang), "value": e} for e in fig.EXTENTS]


def year_options(measure: str, method: str, sex: str) -> list[dict]:
    """Dropdown options for the periods with data, newest first ('2015-2020' for 5-year flows)."""
    return [{"label": q.period_label(a, b), "value": a} for a, b in reversed(q.periods(measure, method, sex))]


def sex_options(measure: str, lang: str = "en") -> list[dict]:
    return [{"label": t(f"flows.sex.{s}", lang), "value": s} for s in q.sexes(measure)]


# ------------------------------------------------------------------ shared texts

def describe(state: dict, lang: str, year_end: int | None = None) -> dict:
    """Pieces every title needs: measure label, unit, kind (+ method), period, direction, sex."""
    meta = data_i18n.localise(q.meta(state["measure"]), lang)
    method = t("flows.method", lang, method=vocab(state["method"], lang)) if state.get("method") else ""
    kind = meta["unit"] + ", " + t(KIND_KEY.get(state["measure"], "flows.kind.stock"), lang)
    year = state.get("year")
    periods = dict(q.periods(state["measure"], state.get("method", ""), state.get("sex", "total")))
    end = year_end if year_end is not None else periods.get(year, year)
    name = q.focus_name(state["focus"], lang) if state.get("focus") else ""
    return {
        "measure": meta["label"], "unit": meta["unit"], "kind": kind, "method": ("; " + method) if method else "",
        "period": q.period_label(year, end) if year is not None else "–", "source_id": meta["source_id"],
        "dir": t(f"flows.dir.{state.get('role', 'origin')}", lang, name=name), "name": name,
        "sex": t(f"flows.sex.{state.get('sex', 'total')}", lang),
    }


def _top_rows(state: dict, other: bool) -> pd.DataFrame:
    if state.get("year") is None:
        return pd.DataFrame(columns=q.PARTNER_COLUMNS)
    return q.top_partners(state["measure"], state["focus"], state["role"], state["year"], state["method"],
                          state["sex"], state["top"], float(state["other"]) if other else 0.0)


def _total(state: dict) -> float | None:
    if state.get("year") is None:
        return None
    allp = q.partner_totals(state["measure"], state["focus"], state["role"], state["year"], state["method"],
                            state["sex"])
    return float(allp["value"].sum()) if not allp.empty else None


def _texts(key: str, counted: bool = False):
    """Texts of a partner chart; ``counted``: the title has plural forms by the number of partners shown."""
    def texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
        d = describe(state, lang)
        shown = rows[rows["partner"] != q.OTHER] if not rows.empty else rows
        parts = {k: d[k] for k in ("measure", "dir", "period", "kind", "method")}
        # no partner: the measure and place, never 'Top 0 corridors' (the card says why there are none)
        title = (tn(key, len(shown), lang, **parts) if counted and not shown.empty
                 else t("flows.title.map", lang, **parts) if counted else t(key, lang, **parts))
        if shown.empty:
            summary = t("flows.summary.none", lang, measure=d["measure"], dir=d["dir"], period=d["period"])
        else:
            first = shown.iloc[0]
            summary = tn("flows.summary", len(q.partner_totals(state["measure"], state["focus"], state["role"],
                                                               state["year"], state["method"], state["sex"])),
                         lang, measure=d["measure"], dir=d["dir"], period=d["period"],
                         top=f"{first['partner_name']} ({numbers.exact(first['value'], lang)} {d['unit']})")
        return {"title": title,
                "subtitle": t("flows.subtitle", lang, unit=d["unit"], sex=d["sex"], total=numbers.exact(_total(state), lang)),
                "source": charts.source_line(d["source_id"], lang), "summary": summary}
    return texts


def _sources(state: dict) -> list[str]:
    return [q.meta(state["measure"])["source_id"]]


# ------------------------------------------------------------------ views

def _map_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    d = describe(state, lang)
    return fig.arc_map(rows, focus_label=d["name"], focus_point=q.focus_centroid(state["focus"]),
                       centroids=q.centroids(), role=state["role"], unit=d["unit"], no_data=t("flows.no_data", lang),
                       of_total=t("flows.of_total", lang), partners_label=t("flows.partners_trace", lang),
                       legend_title=t("flows.size_legend", lang, unit=d["unit"]), extent=state.get("extent", "fit"),
                       lang=lang)


def _sankey_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    d = describe(state, lang)
    return fig.sankey(rows, focus=state["focus"], focus_label=d["name"], role=state["role"], unit=d["unit"],
                      other_label=t("flows.other", lang), no_data=t("flows.no_data", lang), lang=lang)


def _bars_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    d = describe(state, lang)
    return fig.bars(rows, unit=d["unit"], other_label=t("flows.other", lang), no_data=t("flows.no_data", lang),
                    lang=lang)


CORRIDOR_COLUMNS = {"origin_name": "Origin", "destination_name": "Destination", "period": "Period", "value": "Value",
                    "unit": "Unit", "method": "Method", "licence": "Licence"}


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table: partners with their share of the total, the regional matrix, or a corridor's series."""
    if view_id == "corridor-series":
        return Table(rows, CORRIDOR_COLUMNS)
    if view_id == "region-matrix":
        return Table(rows, {"origin_name": "Origin", "destination_name": "Destination", "period": "Period",
                            "value": "Value", "unit": "Unit", "flag": "Note"})
    if "share" in rows:
        rows = rows.assign(share=[numbers.percent(v * 100, lang, 2) for v in rows["share"]])
    return Table(rows, {"partner_name": "Partner", "partner": "Code", "period": "Period", "value": "Value",
                        "share": "Share of total", "flag": "Note"})


FLOWS_MAP = register(ChartView(
    id="flows-map", table=card_table, page="/flows", params=MAP_PARAMS, data=lambda s: _top_rows(s, other=False),
    figure=_map_figure, texts=_texts("flows.title.map"), sources=_sources, geo=True, full=full_measure(),
    description="Great-circle arcs from a country (or group) to its top partners under one corridor measure.",
))

SANKEY = register(ChartView(
    id="sankey", table=card_table, page="/flows", params=FLOW_PARAMS, data=lambda s: _top_rows(s, other=True),
    figure=_sankey_figure, texts=_texts("flows.title.sankey"), sources=_sources, full=full_measure(),
    description="Sankey diagram of a country's (or group's) top partners, the rest collapsed into 'Other'.",
))

CORRIDORS_TOP = register(ChartView(
    id="corridors-top", table=card_table, page="/flows", params=FLOW_PARAMS, data=lambda s: _top_rows(s, other=False),
    figure=_bars_figure, texts=_texts("flows.title.bars", counted=True), sources=_sources, full=full_measure(),
    description="Bar chart of the top corridors of a country (or group) under one measure.",
))


def _matrix_rows(state: dict) -> pd.DataFrame:
    if state.get("year") is None:
        return pd.DataFrame(columns=["origin", "origin_name", "destination", "destination_name", "value"])
    return q.region_matrix(state["measure"], state["group"], state["year"], state["method"], state["sex"])


def _matrix_order(state: dict) -> list[str]:
    return list(q.focus_members(state["group"])) + [q.REST]


def _matrix_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    d = describe(state, lang)
    names = store.country_names(lang)
    names[q.REST] = t("flows.rest", lang)
    out = fig.matrix(rows, order=_matrix_order(state), names=names, unit=d["unit"], no_data=t("flows.no_data", lang),
                     lang=lang)
    for axis, text in (("xaxis", t("flows.matrix.destination", lang)), ("yaxis", t("flows.matrix.origin", lang))):
        title = out.get("layout", {}).get(axis, {}).get("title")
        if isinstance(title, dict):
            title["text"] = text
    return out


def _matrix_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    d = describe(state, lang)
    group = q.focus_name(state["group"], lang)
    return {"title": t("flows.title.matrix", lang, group=group, **{k: d[k] for k in ("measure", "period", "kind",
                                                                                        "method")}),
            "subtitle": t("flows.subtitle.matrix", lang, unit=d["unit"], sex=d["sex"]),
            "source": charts.source_line(d["source_id"], lang),
            "summary": tn("flows.summary.matrix", len(q.focus_members(state["group"])), lang, measure=d["measure"],
                          group=group, period=d["period"])}


REGION_MATRIX = register(ChartView(
    id="region-matrix", table=card_table, page="/flows", params=FLOW_PARAMS, data=_matrix_rows, figure=_matrix_figure,
    texts=_matrix_texts, sources=_sources, full=full_measure(),
    description="Origin x destination heat map within a group of countries and with the rest of the world.",
))


# ------------------------------------------------------------------ corridor profile

SERIES_PARAMS = (
    Param("pair", "str", "BIH-DEU", label="Corridor", check=lambda v: q.parse_pair(v) is not None),
    Param("measure", "choice", "stock", choices=lambda s: q.measure_ids(), label="Measure"),
)


def _series_rows(state: dict) -> pd.DataFrame:
    pair = q.parse_pair(state["pair"])
    if pair is None:
        return pd.DataFrame(columns=store.CORRIDOR_COLUMNS + ["direction", "unit"])
    return q.corridor_series(state["measure"], *pair)


def _pair_names(state: dict, lang: str = "en") -> tuple[str, str]:
    pair = q.parse_pair(state["pair"]) or ("?", "?")
    names = store.country_names(lang)
    return names.get(pair[0], pair[0]), names.get(pair[1], pair[1])


def _series_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    o, d = _pair_names(state, lang)
    meta = data_i18n.localise(q.meta(state["measure"]), lang)
    return fig.series(rows, labels={"corridor": f"{o} → {d}", "reverse": f"{d} → {o}"}, unit=meta["unit"],
                      no_data=t("flows.no_data", lang))


def _series_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    o, d = _pair_names(state, lang)
    meta = data_i18n.localise(q.meta(state["measure"]), lang)
    method = meta.get("default_method") or ""
    kind = meta["unit"] + ", " + t(KIND_KEY.get(state["measure"], "flows.kind.stock"), lang)
    if method:
        kind += "; " + t("flows.method", lang, method=vocab(method, lang))

    def latest(direction):
        part = rows[rows["direction"] == direction] if not rows.empty else rows
        if part.empty:
            return t("corridor.none", lang)
        last = part.iloc[-1]
        return f"{numbers.exact(last['value'], lang)} ({last['period']})"

    years = (f"{rows['period'].iloc[0]} – {rows['period'].iloc[-1]}" if not rows.empty else t("corridor.none", lang))
    if not rows.empty:
        ordered = rows.sort_values("year_start")
        years = f"{ordered['period'].iloc[0]} – {ordered['period'].iloc[-1]}"
    return {"title": t("corridor.title", lang, measure=meta["label"], o=o, d=d, kind=kind),
            "subtitle": t("corridor.subtitle", lang, unit=meta["unit"], sex=t("flows.sex.total", lang), years=years),
            "source": charts.source_line(meta["source_id"], lang),
            "summary": t("corridor.summary", lang, measure=meta["label"], o=o, d=d, latest=latest("corridor"),
                         rev=latest("reverse"))}


CORRIDOR_SERIES = register(ChartView(
    id="corridor-series", table=card_table, page="/corridor", params=SERIES_PARAMS, data=_series_rows, figure=_series_figure,
    texts=_series_texts, sources=lambda s: [q.meta(s["measure"])["source_id"]], full=full_measure(),
    description="One corridor and its reverse over time under one measure.",
))
