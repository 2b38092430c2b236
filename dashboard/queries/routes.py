"""Irregular-migration route queries (page /routes): Frontex detections, Eurostat asylum applicants,
Americas encounter/transit series, and Frontex-route vs Missing Migrants route deaths side by side.

All counts here are EVENTS (detections, encounters, transits, registrations), not persons: one person can
be counted several times. Partial years are flagged, never filled.
"""
from __future__ import annotations

import functools

import pandas as pd

from .. import store
from ..cache import memoize
from . import missing

ALL = "all"

# Frontex route -> IOM Missing Migrants (Europe-bound file) route. The two publishers define routes differently
# (Frontex: by the EU external border section where the crossing is detected; IOM: by the migration route on which
# the death occurred, incl. deaths far from any EU border), so a pair is comparable in direction, not in coverage.
ROUTE_MAP: tuple[tuple[str, str | None, str], ...] = (
    ("Central Mediterranean Route", "Central Mediterranean",
     "same sea crossing; IOM also counts deaths off Libya/Tunisia far from EU waters"),
    ("Eastern Mediterranean Route", "Eastern Mediterranean",
     "Frontex includes the Greek/Bulgarian land border and Cyprus; IOM counts the land route separately "
     "('Türkiye-Europe land route')"),
    ("Western Mediterranean Route", "Western Mediterranean",
     "both cover Morocco/Algeria to Spain incl. Ceuta and Melilla"),
    ("Western African Route", "Western Africa / Atlantic route to the Canary Islands",
     "both cover the Atlantic route to the Canary Islands"),
    ("Western Balkan Route", "Western Balkans",
     "Frontex counts detections at EU borders with the Western Balkans; IOM counts deaths along the whole route"),
    ("Eastern Borders Route", "Belarus-EU border",
     "Frontex covers the whole eastern land border (incl. Ukraine, Russia); IOM only the Belarus-EU border"),
    ("Circular Route from Albania to Greece", None, "no matching IOM route"),
    ("Black Sea Route", None, "no matching IOM route"),
    ("Other", None, "no matching IOM route"),
)

# Americas series: key -> (country, series, breakdown used for yearly totals, unit, source id)
AMERICAS = {
    "us_sw_border": ("USA", "encounters", None, "encounters (events)", "cbp_sw_encounters"),
    "darien": ("PAN", "darien_transits", "nationality", "transits (events)", "panama_snm_darien"),
    "mexico": ("MEX", "irregular_migrants", "nationality", "irregular migrants presented to the authority (events)",
               "mexico_upm_irregular"),
    "honduras": ("HND", "irregular_arrivals", "total", "irregular arrivals registered (events)",
                 "honduras_inm_irregular"),
    "guatemala": ("GTM", "returns", "sex_age_origin", "returns received (events)", "guatemala_igm_returns"),
}


@memoize()
def frontex_routes() -> list[str]:
    present = set(store.bundle().table("irregular_frontex")["route"].unique())
    return [r for r, _, _ in ROUTE_MAP if r in present]


def _frontex() -> pd.DataFrame:
    return store.bundle().table("irregular_frontex")


@functools.lru_cache(maxsize=4)
def _frontex_last(version: str) -> str:
    return max(str(m) for m in _frontex()["month"].unique())


def frontex_last_month() -> str:
    """'2025-04': the latest month of Frontex data in the bundle (a new edition moves the partial year)."""
    return _frontex_last(store.bundle().version)


def frontex_partial(year: int) -> bool:
    """Whether Frontex data cover only part of ``year``."""
    return _partial_flag(int(year), frontex_last_month()) is not None


def _partial_flag(year: int, last_month: str) -> str | None:
    ly, lm = int(last_month[:4]), int(last_month[5:7])
    return f"partial year (Jan-{pd.Timestamp(ly, lm, 1):%b} {ly})" if year == ly and lm < 12 else None


@memoize()
def frontex_monthly(route: str = ALL) -> pd.DataFrame:
    """Detections per month on one route (or all routes), summed over nationalities and land/sea."""
    df = _frontex()
    if route != ALL:
        df = df[df["route"] == route]
    out = df.groupby("month", as_index=False)["value"].sum().sort_values("month")
    out.insert(0, "route", route if route != ALL else "All routes")
    out["unit"] = "detections (events)"
    out["source"] = "frontex_ibc"
    out["flag"] = None
    return out.reset_index(drop=True)


@memoize()
def frontex_years() -> list[int]:
    return sorted({int(m[:4]) for m in _frontex()["month"].unique()})


def frontex_latest_full_year() -> int:
    """The latest year Frontex data cover in full (the page's default: a partial year is offered, not preselected)."""
    full = [y for y in frontex_years() if not frontex_partial(y)]
    return (full or frontex_years())[-1]


@memoize()
def frontex_top_nationalities(route: str, year: int, n: int = 10) -> pd.DataFrame:
    """The n nationalities with most detections on a route in a year (unknown/unspecified kept as their own bars)."""
    df = _frontex()
    df = df[df["month"].str.startswith(str(year))]
    if route != ALL:
        df = df[df["route"] == route]
    total = int(df["value"].sum())
    g = df.groupby("nat", as_index=False)["value"].sum().sort_values(["value", "nat"], ascending=[False, True])
    g = g[g["value"] > 0].head(n)
    names = store.country_names()
    g["nationality"] = [names.get(c) or c for c in g["nat"]]
    g["share_pct"] = (100 * g["value"] / total).round(1) if total else None
    g.insert(0, "year", year)
    g.insert(0, "route", route if route != ALL else "All routes")
    g["unit"] = "detections (events)"
    g["source"] = "frontex_ibc"
    g["flag"] = _partial_flag(year, frontex_last_month())
    cols = ["route", "year", "nat", "nationality", "value", "share_pct", "unit", "source", "flag"]
    return g[cols].reset_index(drop=True)


@memoize()
def asylum_nationalities() -> list[str]:
    return sorted(store.bundle().table("irregular_eurostat_asylum")["nat"].unique())


@memoize()
def asylum_years() -> list[int]:
    return sorted(int(y) for y in store.bundle().table("irregular_eurostat_asylum")["year"].unique())


@memoize()
def asylum_by_destination(nat: str, year: int) -> pd.DataFrame:
    """Applicants of one nationality by reporting country in a year (sexes summed), plus the EU27 aggregate as
    published, as its own labelled row (``is_eu27_aggregate``): it is never added to the countries."""
    df = store.bundle().table("irregular_eurostat_asylum")
    df = df[(df["nat"] == nat) & (df["year"] == year)]
    g = df.groupby(["geo", "is_eu27_aggregate"], as_index=False)["value"].sum()
    names = store.country_names()
    g["destination"] = [("EU27 total (published aggregate)" if agg else (names.get(c) or c))
                        for c, agg in zip(g["geo"], g["is_eu27_aggregate"])]
    g = g[g["value"] > 0].sort_values(["is_eu27_aggregate", "value"], ascending=[False, False])
    g.insert(0, "nationality", names.get(nat) or nat)
    g.insert(0, "nat", nat)
    g.insert(2, "year", year)
    g["unit"] = "first-time and subsequent applicants (persons, rounded by Eurostat)"
    g["source"] = "eurostat_asylum"
    g["flag"] = None
    return g[["nat", "nationality", "year", "geo", "destination", "is_eu27_aggregate", "value", "unit", "source",
              "flag"]].reset_index(drop=True)


@memoize()
def americas_yearly(key: str = "us_sw_border") -> pd.DataFrame:
    """Yearly totals of one Americas series; fiscal years for the US, calendar years elsewhere; partial years flagged."""
    country, series, breakdown, unit, source = AMERICAS[key]
    if key == "us_sw_border":
        df = store.bundle().table("irregular_cbp")
        g = df.groupby("fiscal_year", as_index=False)["value"].sum().rename(columns={"fiscal_year": "year"})
        last = df["month"].max()  # calendar month, e.g. 2025-05 = FY2025 Oct-May
        g["period"] = [f"FY{y}" for y in g["year"]]
        g["flag"] = [f"partial fiscal year (Oct {y - 1} - {pd.Timestamp(last + '-01'):%b %Y})"
                     if y == g["year"].max() and not last.endswith("-09") else None for y in g["year"]]
    else:
        df = store.bundle().table("irregular_national_series")
        df = df[(df["country"] == country) & (df["series"] == series) & (df["breakdown"] == breakdown)]
        g = df.groupby("year", as_index=False)["value"].sum(min_count=1)
        months = df[df["period"] == "month"].groupby("year")["time"].nunique()
        last = df.loc[df["period"] == "month", "time"].max()
        flags = []
        for y in g["year"]:
            m = months.get(y)
            if m is not None and m < 12:
                to = ", to " + pd.Timestamp(last + "-01").strftime("%b %Y") if str(y) == last[:4] else ""
                flags.append(f"partial year ({m} months{to})")
            else:
                flags.append(None)
        g["flag"] = flags
        g["period"] = [str(y) for y in g["year"]]
    g.insert(0, "series", key)
    g["unit"] = unit
    g["source"] = source
    return g[["series", "year", "period", "value", "unit", "source", "flag"]].reset_index(drop=True)


MMP_EUROPE = missing.DATASETS["europe"]


@memoize()
def route_crossings_and_deaths(route: str = "Central Mediterranean Route") -> pd.DataFrame:
    """Per year: Frontex detections on the route and IOM dead+missing on the mapped IOM route (Europe-bound file).

    Two measures in one long table (``measure`` column); they are shown side by side, never combined.
    """
    mmp_route = dict((f, m) for f, m, _ in ROUTE_MAP).get(route)
    f = frontex_monthly(route)
    fy = f.assign(year=f["month"].str[:4].astype(int)).groupby("year", as_index=False)["value"].sum()
    fy["measure"] = "Frontex detections"
    fy["route_label"] = route
    fy["unit"] = "detections (events)"
    fy["source"] = "frontex_ibc"
    fy["flag"] = [_partial_flag(y, frontex_last_month()) for y in fy["year"]]
    parts = [fy]
    if mmp_route:
        m = store.bundle().table("mmp_incidents")
        m = m[(m["source_file"] == MMP_EUROPE) & (m["route"] == mmp_route)]
        my = m.groupby("year", as_index=False)["dead_missing"].sum().rename(columns={"dead_missing": "value"})
        my["measure"] = "IOM dead and missing"
        my["route_label"] = mmp_route
        my["unit"] = "persons (minimum estimate)"
        my["source"] = "iom_mmp"
        my["flag"] = [_partial_flag(y, missing.last_month("europe")) for y in my["year"]]
        parts.append(my)
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "frontex_route", route)
    return out[["frontex_route", "measure", "route_label", "year", "value", "unit", "source", "flag"]]


def route_map_table() -> pd.DataFrame:
    return pd.DataFrame(ROUTE_MAP, columns=["frontex_route", "iom_route", "caveat"])
