"""Queries behind the explorer page ('/'): ranking, country series, group aggregates and map bounds.

All take simple arguments (ids, tuples, ints) and are memoised; they read only through ``dashboard.store``.
Missing stays missing: a group value follows the indicator's declared rule (``dashboard.aggregate``) and says its
coverage.
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from .. import aggregate, store
from ..cache import memoize

RANK_COLUMNS = ["rank", "iso3", "country", "year", "value", "unit", "flag", "indicator", "source", "licence"]
SERIES_COLUMNS = ["series", "code", "kind", "year", "value", "unit", "flag", "members_with_data", "members_total",
                  "coverage_pct", "coverage_of", "indicator", "source", "licence"]


# Reference lookups on the immutable bundle, asked on every callback (URL-state validation): kept per process,
# keyed by the bundle version, so a state check costs microseconds instead of a pandas filter.

@functools.lru_cache(maxsize=8)
def _drawable(version: str) -> tuple[str, ...]:
    c = store.bundle().table("countries")
    return tuple(sorted(c.loc[~c["is_pseudo"].astype(bool), "iso3"]))


@functools.lru_cache(maxsize=512)
def _indicator_info(version: str, indicator: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    return store.per_options(indicator), tuple(store.available_years(indicator))


@functools.lru_cache(maxsize=8)
def _indicator_ids(version: str) -> frozenset:
    return frozenset(store.indicator_ids())


@functools.lru_cache(maxsize=8)
def _group_ids(version: str) -> tuple[str, ...]:
    return tuple(store.group_ids())


def drawable_countries() -> tuple[str, ...]:
    """Real countries/areas (pseudo entities such as UNK or XXA are never ranked or mapped)."""
    return _drawable(store.bundle().version)


def indicator_ids() -> frozenset:
    return _indicator_ids(store.bundle().version)


def group_ids() -> tuple[str, ...]:
    return _group_ids(store.bundle().version)


def years(indicator: str) -> list[int]:
    """Years with at least one value for the indicator."""
    return list(_indicator_info(store.bundle().version, indicator)[1])


def per_capita(indicator: str) -> bool:
    """Whether 'per 1,000 population' is meaningful for the indicator."""
    return bool(per_options(indicator))


def per_options(indicator: str) -> tuple[str, ...]:
    """Population-relative units meaningful for the indicator ('capita1000', and 'percent' for counts of people)."""
    return _indicator_info(store.bundle().version, indicator)[0]


def group_options() -> list[dict]:
    """Groups for the filter: named groups first (WB6, EU27, ...), then UN M49 regions and subregions."""
    g = store.bundle().table("groups")
    order = {"named": 0, "world": 1, "m49_region": 2, "m49_subregion": 3, "m49_intregion": 4}
    recs = [{"id": r.group_id, "label": r.label, "kind": r.kind} for r in g.itertuples()]
    return sorted(recs, key=lambda r: (order.get(r["kind"], 9), r["label"]))


def _members(group: str | None) -> tuple[str, ...] | None:
    if not group:
        return None
    return aggregate.members(group)


def _values(indicator: str, year: int | None, per: str | None, members: tuple[str, ...] | None) -> pd.DataFrame:
    years = (year, year) if year is not None else None
    df = store.indicator_values(indicator, countries=members, years=years, per=per or None)
    return df[df["iso3"].isin(set(drawable_countries()))]


@memoize()
def ranking(indicator: str, year: int, per: str | None = None, group: str | None = None, n: int = 10,
            order: str = "top") -> pd.DataFrame:
    """Top (largest) or bottom (smallest) ``n`` countries with a value in ``year``; rank 1 = largest."""
    df = _values(indicator, year, per, _members(group))
    df = df[df["value"].notna()]
    df = df.sort_values(["value", "iso3"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    df = df.head(n) if order == "top" else df.tail(n).iloc[::-1]
    return df[RANK_COLUMNS].reset_index(drop=True)


@memoize()
def members_without_data(indicator: str, year: int, per: str | None, group: str | None) -> tuple[str, ...]:
    """The group's members with no value in ``year`` (ISO3, sorted); () without a group or for the world."""
    members = map_members(group)
    if members is None:
        return ()
    df = _values(indicator, year, per, members)
    return tuple(sorted(set(members) - set(df.loc[df["value"].notna(), "iso3"])))


@memoize()
def default_selection(indicator: str, per: str | None = None, group: str | None = None, k: int = 5) -> tuple[str, ...]:
    """The ``k`` largest countries in the indicator's latest year (the series' starting selection)."""
    years = store.available_years(indicator)
    if not years:
        return ()
    top = ranking(indicator, years[-1], None, group, k, "top")
    return tuple(top["iso3"])


@memoize()
def group_aggregate(indicator: str, group: str, per: str | None = None) -> pd.DataFrame:
    """Per year: the group's value by the indicator's declared rule (``dashboard.aggregate``), with coverage.

    No rows when the rule is 'none' (e.g. remittances as % of GDP: GDP is not in the bundle); a year whose
    members with data hold less than the declared share of the group's population is missing, flagged."""
    meta = store.indicator_meta(indicator)
    src = store.source_meta(meta["source_id"])
    agg = aggregate.aggregate(indicator, group, per)
    label = {g["id"]: g["label"] for g in group_options()}.get(group, group)
    out = pd.DataFrame({
        "series": label, "code": group, "kind": "group", "year": agg["year"].astype("int64").to_numpy(),
        "value": agg["value"].astype("float64").to_numpy(), "unit": agg["unit"].to_numpy(),
        "flag": agg["flag"].to_numpy(), "members_with_data": agg["members_with_data"].to_numpy(),
        "members_total": agg["members_total"].to_numpy(),
        "coverage_pct": agg["coverage_pct"].astype("float64").round(1).to_numpy(),
        "coverage_of": agg["coverage_of"].to_numpy(),
        "indicator": indicator, "source": src.get("publisher", "") + ": " + src.get("title", ""),
        "licence": src.get("licence", ""),
    }, columns=SERIES_COLUMNS)
    return out.reset_index(drop=True)


def aggregation_rule(indicator: str) -> str:
    """'sum', 'ratio' or 'none': how the indicator's group values are made."""
    return str(store.indicator_meta(indicator).get("aggregation") or "sum")


@memoize()
def series(indicator: str, countries: tuple[str, ...], per: str | None = None,
           group: str | None = None) -> pd.DataFrame:
    """Tidy rows of the selected countries over all years, then the group aggregate (if a group is chosen)."""
    parts = []
    if countries:
        df = _values(indicator, None, per, tuple(countries))
        df = df[df["value"].notna()]
        order = {iso: i for i, iso in enumerate(countries)}
        df = df.assign(_o=df["iso3"].map(order)).sort_values(["_o", "year"], kind="mergesort")
        parts.append(pd.DataFrame({
            "series": df["country"].fillna(df["iso3"]).to_numpy(), "code": df["iso3"].to_numpy(), "kind": "country",
            "year": df["year"].to_numpy(), "value": df["value"].to_numpy(), "unit": df["unit"].to_numpy(),
            "flag": df["flag"].to_numpy(), "members_with_data": pd.NA, "members_total": pd.NA,
            "coverage_pct": pd.NA, "coverage_of": pd.NA,
            "indicator": indicator, "source": df["source"].to_numpy(), "licence": df["licence"].to_numpy(),
        }))
    if group:
        parts.append(group_aggregate(indicator, group, per))
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    parts = [p.astype({"members_with_data": "object", "members_total": "object", "coverage_pct": "object",
                       "coverage_of": "object"})
             for p in parts]
    return pd.concat(parts, ignore_index=True)[SERIES_COLUMNS]


MAP_ASPECT = 2.0  # width / height a zoomed (Mercator) map is widened to: the map card is wide, a region is not
MAX_WIDEN = 30.0  # ... by at most this many degrees of longitude (far-north groups stay in focus)


def _mercator_span(lat0: float, lat1: float) -> float:
    """Height of a latitude band on a Mercator map, in degrees of longitude."""
    y = [math.degrees(math.log(math.tan(math.pi / 4 + math.radians(v) / 2))) for v in (lat0, lat1)]
    return y[1] - y[0]


def _widen(lon: tuple[float, float], lat: tuple[float, float]) -> tuple[float, float]:
    """``lon`` widened about its centre towards a Mercator view MAP_ASPECT times wider than high (at most
    MAX_WIDEN degrees wider than before, within ±180)."""
    want = min(360.0, MAP_ASPECT * _mercator_span(*lat), lon[1] - lon[0] + MAX_WIDEN)
    if lon[1] - lon[0] >= want:
        return lon
    mid = (lon[0] + lon[1]) / 2
    lo = min(max(-180.0, mid - want / 2), 180.0 - want)
    return float(math.floor(lo)), float(math.ceil(lo + want))


@memoize()
def group_bounds(group: str | None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(lon range, lat range) around the members' centroids, padded and widened to fill a wide map card
    (``MAP_ASPECT``); None for the world or a world-spanning group."""
    members = _members(group)
    if not members or group == "WLD":
        return None
    c = store.bundle().table("countries")
    pts = c[c["iso3"].isin(members)][["lon", "lat"]].dropna()
    if pts.empty:
        return None
    lon0, lon1 = float(pts["lon"].min()), float(pts["lon"].max())
    lat0, lat1 = float(pts["lat"].min()), float(pts["lat"].max())
    if lon1 - lon0 > 220:
        return None
    pad_lon = max(5.0, (lon1 - lon0) * 0.15)
    pad_lat = max(4.0, (lat1 - lat0) * 0.15)
    lon = (max(-180.0, math.floor(lon0 - pad_lon)), min(180.0, math.ceil(lon1 + pad_lon)))
    lat = (max(-60.0, math.floor(lat0 - pad_lat)), min(85.0, math.ceil(lat1 + pad_lat)))
    return _widen(lon, lat), lat


def map_members(group: str | None) -> tuple[str, ...] | None:
    """The countries a group filter colours on the map (None: every country; the world is every country)."""
    if not group or group == "WLD":
        return None
    return _members(group)


@memoize()
def map_rows(indicator: str, year: int, per: str | None = None) -> pd.DataFrame:
    """One row per drawable country with a record in ``year`` (absolute, per 1,000 or % of population)."""
    if not per:
        return store.map_frame(indicator, year)
    return _values(indicator, year, per, None).reset_index(drop=True)


def map_shapes() -> tuple[str, ...]:
    """ISO3 codes the 50m base map can draw (the 'No data' layer covers those without a value)."""
    c = store.bundle().table("countries")
    return tuple(c.loc[c["has_shape_50m"].astype(bool), "iso3"])
