"""Route charts (page '/routes'): Frontex detections by month and by nationality, Eurostat asylum applicants by
destination, Americas encounter/transit series, and Frontex crossings vs IOM deaths side by side."""
from __future__ import annotations

import pandas as pd

from .. import charts, numbers, store
from ..figures import routes as fig
from ..i18n import t, t_or, vocab
from ..queries import routes as q
from ..state import Param
from ..views import ChartView, Full, Table, full_table, register

PAGE = "/routes"
DEFAULT_ROUTE = "Central Mediterranean Route"


def _route_choices(_s):
    return [q.ALL, *q.frontex_routes()]


def _route_label(route: str, lang: str) -> str:
    return t("routes.all_routes", lang) if route == q.ALL else route


ROUTE = Param("route", "choice", DEFAULT_ROUTE, choices=_route_choices, label="Route")
YEAR = Param("year", "int", lambda s: q.frontex_latest_full_year(), choices=lambda s: q.frontex_years(), label="Year")
NAT = Param("nat", "choice", "BIH", choices=lambda s: q.asylum_nationalities(), label="Nationality")
AYEAR = Param("ayear", "int", lambda s: q.asylum_years()[-1], choices=lambda s: q.asylum_years(), label="Asylum year")
SERIES = Param("series", "choice", "us_sw_border", choices=lambda s: list(q.AMERICAS), label="Series")
PAGE_PARAMS = (ROUTE, YEAR, NAT, AYEAR, SERIES)

COLUMNS = {
    "routes-monthly": {"route": "Route", "month": "Month", "value": "Detections", "unit": "Unit", "source": "Source"},
    "routes-top": {"nationality": "Nationality", "nat": "Code", "value": "Detections", "share_pct": "Share (%)",
                   "year": "Year", "flag": "Flag", "source": "Source"},
    "routes-asylum": {"destination": "Country of application", "geo": "Code", "value": "Applicants",
                      "is_eu27_aggregate": "EU27 aggregate", "year": "Year", "source": "Source"},
    "routes-americas": {"period": "Period", "value": "Value", "unit": "Unit", "flag": "Flag", "source": "Source"},
    "routes-side": {"measure": "Measure", "route_label": "Route (as published)", "year": "Year", "value": "Value",
                    "unit": "Unit", "flag": "Flag", "source": "Source"},
}


def _month_label(m: str) -> str:
    return pd.Timestamp(m + "-01").strftime("%b %Y")


# ---------------------------------------------------------------- monthly detections

def _monthly_texts(rows, state, lang):
    route = _route_label(state["route"], lang)
    first, last = rows["month"].iloc[0], rows["month"].iloc[-1]
    peak = rows.loc[rows["value"].idxmax()]
    return {
        "title": t("routes.monthly.title", lang, route=route, first=_month_label(first), last=_month_label(last)),
        "subtitle": t("routes.monthly.subtitle", lang, last=_month_label(last)),
        "source": charts.source_line("frontex_ibc", lang),
        "summary": t("routes.monthly.summary", lang, route=route, peak=numbers.exact(peak['value'], lang),
                     peak_month=_month_label(peak["month"]), last_value=numbers.exact(rows['value'].iloc[-1], lang),
                     last=_month_label(last)),
    }


TABLE_ROWS = 60  # the page's cap; the CSV download has every row


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table (the latest month first for the monthly series)."""
    if view_id == "routes-monthly":
        rows = rows.iloc[::-1]
    return Table(rows, COLUMNS[view_id], max_rows=TABLE_ROWS)


MONTHLY = register(ChartView(
    id="routes-monthly", table=card_table, page=PAGE, params=(ROUTE,),
    data=lambda s: q.frontex_monthly(s["route"]),
    figure=lambda rows, s, lang: fig.monthly_bars(rows, unit=t("routes.side.detections_axis", lang), lang=lang),
    texts=_monthly_texts, sources=lambda s: ["frontex_ibc"],
    full=full_table("irregular_frontex"),
    description="Frontex detections of illegal border-crossings per month on one route.",
))


# ---------------------------------------------------------------- top nationalities

def _top_texts(rows, state, lang):
    route = _route_label(state["route"], lang)
    partial = t("routes.top.partial", lang, year=state["year"]) if q.frontex_partial(state["year"]) else ""
    top = (f"{rows['nationality'].iloc[0]}", numbers.whole(rows['value'].iloc[0], lang)) if len(rows) else ("–", "–")
    return {
        "title": t("routes.top.title", lang, route=route, year=state["year"]),
        "subtitle": t("routes.top.subtitle", lang, partial=partial),
        "source": charts.source_line("frontex_ibc", lang),
        "summary": t("routes.top.summary", lang, route=route, year=state["year"], top=top[0], value=top[1]),
    }


TOP = register(ChartView(
    id="routes-top", table=card_table, page=PAGE, params=(ROUTE, YEAR),
    data=lambda s: q.frontex_top_nationalities(s["route"], s["year"]),
    figure=lambda rows, s, lang: fig.top_bars(rows, unit=t("routes.side.detections_axis", lang), lang=lang),
    texts=_top_texts, sources=lambda s: ["frontex_ibc"],
    full=full_table("irregular_frontex"),
    description="The ten nationalities most detected on a Frontex route in a year.",
))


# ---------------------------------------------------------------- Eurostat asylum applicants

def _asylum_texts(rows, state, lang):
    nat = store.country_names(lang).get(state["nat"]) or state["nat"]
    ctry = rows[~rows["is_eu27_aggregate"]]
    agg = rows[rows["is_eu27_aggregate"]]
    top = (ctry["destination"].iloc[0], numbers.whole(ctry['value'].iloc[0], lang)) if len(ctry) else ("–", "–")
    eu = numbers.whole(agg['value'].iloc[0], lang) if len(agg) else t("map.no_data", lang)
    return {
        "title": t("routes.asylum.title", lang, nat=nat, year=state["ayear"]),
        "subtitle": t("routes.asylum.subtitle", lang),
        "source": charts.source_line("eurostat_asylum", lang),
        "summary": t("routes.asylum.summary", lang, nat=nat, year=state["ayear"], top=top[0], value=top[1], eu=eu),
    }


ASYLUM = register(ChartView(
    id="routes-asylum", table=card_table, page=PAGE, params=(NAT, AYEAR), display=("destination",),
    data=lambda s: q.asylum_by_destination(s["nat"], s["ayear"]),
    figure=lambda rows, s, lang: fig.asylum_bars(rows, unit=t("routes.asylum.axis", lang),
                                                 aggregate_label=t("routes.asylum.aggregate", lang),
                                                 countries_label=t("routes.asylum.countries", lang), lang=lang),
    texts=_asylum_texts, sources=lambda s: ["eurostat_asylum"],
    full=full_table("irregular_eurostat_asylum"),
    description="Asylum applicants of one nationality by reporting country (Eurostat), EU27 aggregate apart.",
))


# ---------------------------------------------------------------- Americas

def _americas_texts(rows, state, lang):
    key = state["series"]
    label = t(f"routes.americas.{key}", lang)
    unit = q.AMERICAS[key][3]
    peak = rows.loc[rows["value"].idxmax()] if len(rows) else None
    return {
        "title": t("routes.americas.title", lang, label=label, first=rows["period"].iloc[0],
                   last=rows["period"].iloc[-1]),
        "subtitle": t("routes.americas.subtitle", lang, unit=unit,
                      note=t_or(f"routes.americas.note.{key}", lang, "")),
        "source": charts.source_line(q.AMERICAS[key][4], lang),
        "summary": t("routes.americas.summary", lang, label=label,
                     peak=numbers.whole(peak['value'], lang) if peak is not None else "–",
                     peak_period=peak["period"] if peak is not None else "–"),
    }


AMERICAS = register(ChartView(
    id="routes-americas", table=card_table, page=PAGE, params=(SERIES,), display=("flag",),
    data=lambda s: q.americas_yearly(s["series"]),
    figure=lambda rows, s, lang: fig.yearly_bars(rows, unit=vocab(q.AMERICAS[s["series"]][3].split(" (")[0], lang),
                                                 partial_label=t("routes.partial", lang), lang=lang),
    texts=_americas_texts, sources=lambda s: [q.AMERICAS[s["series"]][4]],
    full=lambda s: Full("table", "irregular_cbp" if s["series"] == "us_sw_border" else "irregular_national_series"),
    description="Yearly encounters, transits, registrations or returns in the Americas (events, not persons).",
))


# ---------------------------------------------------------------- crossings vs deaths

def _side_rows(state):
    return q.route_crossings_and_deaths(state["route"])


def _side_labels(lang):
    return {k: t(f"routes.side.{k}", lang) for k in ("detections", "deaths", "detections_axis", "deaths_axis",
                                                     "no_match")}


def _side_texts(rows, state, lang):
    route = _route_label(state["route"], lang)
    mapping = {f: (m, c) for f, m, c in q.ROUTE_MAP}
    iom, caveat = mapping.get(state["route"], (None, ""))
    det = rows[rows["measure"] == "Frontex detections"]
    dead = rows[rows["measure"] == "IOM dead and missing"]
    years = sorted(rows["year"].unique())
    partial = set(rows.loc[rows["flag"].notna(), "year"]) if "flag" in rows else set()
    full = [y for y in years if y not in partial]
    y = full[-1] if full else years[-1]
    dv = det.loc[det["year"] == y, "value"]
    mv = dead.loc[dead["year"] == y, "value"]
    return {
        "title": t("routes.side.title", lang, route=route, first=years[0], last=years[-1]),
        "subtitle": (t("routes.side.subtitle", lang, iom=iom, caveat=caveat) if iom
                     else t("routes.side.subtitle_all", lang) if state["route"] == q.ALL
                     else t("routes.side.subtitle_none", lang)),
        "source": charts.source_line("frontex_ibc", lang) + " " + charts.source_line("iom_mmp", lang),
        "summary": t("routes.side.summary", lang, route=route, year=y,
                     det=numbers.whole(dv.iloc[0], lang) if len(dv) else "–", dead=numbers.whole(mv.iloc[0], lang) if len(mv) else "–"),
    }


SIDE = register(ChartView(
    id="routes-side", table=card_table, page=PAGE, params=(ROUTE,), display=("flag", "route_label"),
    data=_side_rows,
    figure=lambda rows, s, lang: fig.crossings_and_deaths(rows, labels=_side_labels(lang), lang=lang),
    texts=_side_texts, sources=lambda s: ["frontex_ibc", "iom_mmp"],
    full=full_table("irregular_frontex", "mmp_incidents"),
    description="Frontex detections and IOM dead and missing on the matching route, per year, in two panels.",
))

VIEWS = ("routes-monthly", "routes-top", "routes-side", "routes-asylum", "routes-americas")
