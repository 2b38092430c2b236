"""IOM Missing Migrants Project queries (page /missing-migrants).

``mmp_incidents`` mixes overlapping files, so every query works on ONE ``source_file`` and never sums across
files: the global file for global views, the Europe-bound file (to a later month) when
dead and missing are shown separately. Figures are minimum estimates; locations are approximate.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import store
from ..cache import memoize

ALL = "all"
DATASETS = {  # page dataset -> the source_file id the ingest gives each IOM file (their last months come from data)
    "global": "global_2014_2025apr",
    "europe": "europe_bound_2014_2026may",
}
# map cell size: incidents in the same 1-degree cell (~110 km) and cause group are drawn as one circle
GRID_DEG = 1.0
CAUSE_ORDER = (
    "Drowning",
    "Vehicle accident / death linked to hazardous transport",
    "Harsh environmental conditions / lack of adequate shelter, food, water",
    "Sickness / lack of access to adequate healthcare",
    "Violence",
    "Accidental death",
    "Mixed or unknown",
    "More than one cause",
)


def _incidents(dataset: str) -> pd.DataFrame:
    source_file = DATASETS[dataset]
    m = store.bundle().table("mmp_incidents")
    return m[m["source_file"] == source_file]


@functools.lru_cache(maxsize=8)
def _last_month(version: str, dataset: str) -> str:
    return f"{pd.Timestamp(_incidents(dataset)['date'].max()):%Y-%m}"


def last_month(dataset: str) -> str:
    """'2025-04': the month of the file's latest incident (so a new edition moves every 'partial' label)."""
    return _last_month(store.bundle().version, dataset)


def partial_flag(dataset: str, year: int) -> str | None:
    last = last_month(dataset)
    ly, lm = int(last[:4]), int(last[5:])
    return f"partial year (Jan-{pd.Timestamp(ly, lm, 1):%b} {ly})" if year == ly and lm < 12 else None


@memoize()
def routes(dataset: str = "global") -> list[str]:
    """Route labels of one file, largest total first ('Undefined' kept: it is the publisher's label)."""
    m = _incidents(dataset)
    g = m.groupby("route")["dead_missing"].sum().sort_values(ascending=False)
    return [r for r in g.index if "," not in r]


@memoize()
def years(dataset: str = "global") -> list[int]:
    return sorted(int(y) for y in _incidents(dataset)["year"].unique())


def _filtered(dataset: str, route: str, year: str | int) -> pd.DataFrame:
    m = _incidents(dataset)
    if route != ALL:
        m = m[m["route"] == route]
    if str(year) != ALL:
        m = m[m["year"] == int(year)]
    return m


def cause_group(cause: pd.Series) -> pd.Series:
    """Published single causes as they are; comma-joined combinations -> 'More than one cause'.
    (Match whole labels: 'Harsh environmental conditions / lack of adequate shelter, food, water' has commas.)"""
    return cause.where(cause.isin(CAUSE_ORDER[:-1]), "More than one cause")


@memoize()
def incident_cells(dataset: str = "global", route: str = ALL, year: str = ALL) -> pd.DataFrame:
    """Incidents aggregated to 1-degree cells by cause group: one row per circle drawn on the map.

    Coordinates are the mean of the incidents' (approximate) locations in the cell.
    """
    m = _filtered(dataset, route, year)
    cols = ["lat", "lon", "cause", "incidents", "dead_missing", "dead", "missing", "first_date", "last_date",
            "unit", "source", "flag"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame({
        "cy": np.floor(m["lat"].to_numpy(float) / GRID_DEG).astype(int),
        "cx": np.floor(m["lon"].to_numpy(float) / GRID_DEG).astype(int),
        "cause": cause_group(m["cause"].astype(str)).to_numpy(),
        "lat": m["lat"].to_numpy(float), "lon": m["lon"].to_numpy(float),
        "dead_missing": m["dead_missing"].to_numpy(float),
        "dead": m["dead"].to_numpy(float), "missing": m["missing"].to_numpy(float),
        "date": m["date"].to_numpy(),
    })
    grp = df.groupby(["cy", "cx", "cause"], sort=False)
    g = grp.agg(lat=("lat", "mean"), lon=("lon", "mean"), incidents=("lat", "size"),
                dead_missing=("dead_missing", "sum"), first_date=("date", "min"), last_date=("date", "max"))
    g[["dead", "missing"]] = grp[["dead", "missing"]].sum(min_count=1)
    g = g.reset_index().drop(columns=["cy", "cx"])
    g["lat"] = g["lat"].round(3)
    g["lon"] = g["lon"].round(3)
    g["first_date"] = pd.to_datetime(g["first_date"]).dt.strftime("%Y-%m-%d")
    g["last_date"] = pd.to_datetime(g["last_date"]).dt.strftime("%Y-%m-%d")
    g["unit"] = "persons dead or missing (minimum estimate)"
    g["source"] = "iom_mmp"
    g["flag"] = partial_flag(dataset, int(year)) if str(year) != ALL else None
    g = g.sort_values(["dead_missing", "incidents"], ascending=False).reset_index(drop=True)
    return g[cols]


@memoize()
def yearly_by_route(dataset: str = "global", route: str = ALL, top: int = 6) -> pd.DataFrame:
    """Dead and missing per year and route. With route='all': the ``top`` routes by total, the rest as 'Other routes'.

    In the Europe-bound file dead and missing are also given separately (``dead``, ``missing``)."""
    m = _filtered(dataset, route, ALL)
    if route == ALL:
        order = m.groupby("route")["dead_missing"].sum().sort_values(ascending=False).index.tolist()
        keep = set(order[:top])
        label = m["route"].where(m["route"].isin(keep), "Other routes")
    else:
        label = m["route"]
    grp = m.assign(route_label=label).groupby(["route_label", "year"])
    g = grp.agg(dead_missing=("dead_missing", "sum"), incidents=("dead_missing", "size"))
    g[["dead", "missing"]] = grp[["dead", "missing"]].sum(min_count=1)
    g = g.reset_index().rename(columns={"route_label": "route"})
    if dataset != "europe":  # the global file has the split only for some rows: do not show a partial split
        g["dead"] = np.nan
        g["missing"] = np.nan
    g["unit"] = "persons dead or missing (minimum estimate)"
    g["source"] = "iom_mmp"
    g["flag"] = [partial_flag(dataset, int(y)) for y in g["year"]]
    totals = g.groupby("route")["dead_missing"].sum().sort_values(ascending=False)
    rank = {r: i for i, r in enumerate([r for r in totals.index if r != "Other routes"] + ["Other routes"])}
    g = g.sort_values(["route", "year"], key=lambda s: s.map(rank) if s.name == "route" else s).reset_index(drop=True)
    return g[["route", "year", "dead_missing", "dead", "missing", "incidents", "unit", "source", "flag"]]


@memoize()
def yearly_totals(dataset: str = "global") -> pd.DataFrame:
    """Dead and missing per year, whole file (checked against /api/v1/indicators/missing_migrants.json)."""
    g = _incidents(dataset).groupby("year", as_index=False)["dead_missing"].sum()
    g["flag"] = [partial_flag(dataset, int(y)) for y in g["year"]]
    return g


FAMILY_COLUMNS = ["family", "route", "year", "dead_missing", "incidents", "unit", "source", "flag"]


@memoize()
def families(dataset: str = "global") -> list[str]:
    """Route families of one file that group several routes (e.g. 'Mediterranean'), largest first."""
    m = _incidents(dataset)
    m = m[m["route_family"].notna() & (m["route_family"] != m["route"])]
    return list(m.groupby("route_family")["dead_missing"].sum().sort_values(ascending=False).index)


@memoize()
def yearly_by_family(dataset: str = "global", family: str = "Mediterranean") -> pd.DataFrame:
    """Dead and missing per year on each route of a family, then the family total (route = family) per year: the
    Mediterranean total IOM reports is Central + Western + Eastern Mediterranean."""
    m = _incidents(dataset)
    m = m[m["route_family"] == family]
    cols = FAMILY_COLUMNS
    if m.empty:
        return pd.DataFrame(columns=cols)
    parts = m.groupby(["route", "year"], as_index=False).agg(dead_missing=("dead_missing", "sum"),
                                                            incidents=("dead_missing", "size"))
    total = m.groupby("year", as_index=False).agg(dead_missing=("dead_missing", "sum"),
                                                  incidents=("dead_missing", "size")).assign(route=family)
    out = pd.concat([parts, total], ignore_index=True).assign(family=family)
    out["unit"] = "persons dead or missing (minimum estimate)"
    out["source"] = "iom_mmp"
    out["flag"] = [partial_flag(dataset, int(y)) for y in out["year"]]
    out["year"] = out["year"].astype("int64")
    out["dead_missing"] = out["dead_missing"].astype("float64")
    return out[cols].reset_index(drop=True)


@memoize()
def family_totals(dataset: str = "global") -> pd.DataFrame:
    """Per route family and year: dead and missing, incidents and the routes it groups (the API's table); a route
    that is its own family is listed too, so the families add up to the file's total."""
    m = _incidents(dataset)
    m = m[m["route_family"].notna()]
    g = m.groupby(["route_family", "year"], as_index=False).agg(
        dead_missing=("dead_missing", "sum"), incidents=("dead_missing", "size"),
        routes=("route", lambda r: " + ".join(sorted(set(r)))))
    g = g.rename(columns={"route_family": "family"})
    g["dataset"] = dataset
    g["unit"] = "persons dead or missing (minimum estimate)"
    g["flag"] = [partial_flag(dataset, int(y)) for y in g["year"]]
    return g[["dataset", "family", "routes", "year", "dead_missing", "incidents", "unit", "flag"]].sort_values(
        ["family", "year"], kind="mergesort").reset_index(drop=True)
