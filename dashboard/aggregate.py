"""The one aggregation rule set: every group or World value on a page, in the API, a download, an embed or an
image is made here, following the rule the bundle declares for the indicator (``aggregation`` in the catalogue,
written by ``dashboard/ingest/semantics.py``):

- ``sum``: the sum over the members with a value; per 1,000 population (or as % of population) the sum of the
  values over the sum of their population, both over the members that have the two.
- ``ratio``: the sum of the numerator's parts over the sum of the denominator's parts, times ``scale``, over the
  members that have every part (so a share of percentages is never added up).
- ``none``: no group value.

Every row says its coverage: how many members had data and which share of the group's population (or of the
declared weight, e.g. detected victims) they hold.
Below ``coverage_min`` (two thirds, the World Bank's rule) the value is missing with the flag
``coverage_below_threshold``, unless the source is ``complete`` (the publisher lists every country with something
to report, so its sum is the publisher's own total). For the World, a complete source's sum includes the pseudo
codes (unknown origin, stateless, Tibetan): that is the total the publisher prints.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from . import rules, store
from .cache import memoize

WORLD = "WLD"
COLUMNS = ["year", "value", "unit", "flag", "members_with_data", "members_total", "coverage_pct", "coverage_of"]
FLAG_LOW_COVERAGE = "coverage_below_threshold"


@functools.lru_cache(maxsize=8)
def _pseudo(version: str) -> frozenset:
    c = store.bundle().table("countries")
    return frozenset(c.loc[c["is_pseudo"].astype(bool), "iso3"].astype(str))


@functools.lru_cache(maxsize=16)
def _weights(version: str, weight: str) -> pd.Series:
    """Coverage weights by (year, iso3): World Bank population of the year, else of the latest earlier year (so a
    2025 UNHCR figure is weighed by 2024 population); or the values of the declared weight indicator."""
    pop = store.bundle().by_indicator[weight]
    pop = pop.loc[(pop["sex"] == "total") & pop["value"].notna(), ["iso3", "year", "value"]]
    wide = pop.assign(iso3=pop["iso3"].astype(str)).pivot(index="year", columns="iso3", values="value")
    if weight == "population":
        wide = wide.reindex(range(int(wide.index.min()), 2101)).ffill()
    return wide.stack()


def _weight(year_members: pd.DataFrame, weight: str) -> np.ndarray:
    """The coverage weight of each (iso3, year) row (0 where there is none for the code and year)."""
    w = _weights(store.bundle().version, weight)
    keys = pd.MultiIndex.from_arrays([year_members["year"].astype("int64"), year_members["iso3"].astype(str)])
    return w.reindex(keys).fillna(0.0).to_numpy(dtype="float64")


def members(group: str) -> tuple[str, ...]:
    """The real countries of a group (pseudo codes are never members)."""
    pseudo = _pseudo(store.bundle().version)
    return tuple(m for m in store.group_members(group) if m not in pseudo)


def _series(indicator: str, sex: str, codes: set[str] | None) -> pd.DataFrame:
    """(iso3, year, value) rows with a value, for the codes (None = every code of the indicator)."""
    df = store.bundle().by_indicator.get(indicator)
    if df is None:
        return pd.DataFrame(columns=["iso3", "year", "value"])
    df = df[(df["sex"] == sex) & df["value"].notna()]
    df = df.assign(iso3=df["iso3"].astype(str))[["iso3", "year", "value"]]
    if codes is not None:
        df = df[df["iso3"].isin(codes)]
    return df


def _sum_parts(spec: str, codes: set[str] | None, source_id: str) -> pd.DataFrame:
    """(iso3, year, value) = the sum of the declared parts where every part has a value (else no row)."""
    frames = []
    for ind, sex in rules.parts(spec):
        if ind == "population":
            pop = store.population_for(source_id).reset_index()
            pop = pop[pop["iso3"].isin(codes)] if codes is not None else pop
            frames.append(pop[["iso3", "year", "value"]])
        else:
            frames.append(_series(ind, sex, codes))
    out = frames[0].set_index(["iso3", "year"])["value"]
    for f in frames[1:]:
        out = out + f.set_index(["iso3", "year"])["value"]  # aligned: a missing part leaves NaN
    return out.dropna().rename("value").reset_index()


def _coverage(with_data: pd.DataFrame, group_members: tuple[str, ...], years, source_id: str,
              weight: str) -> pd.DataFrame:
    """Per year: members with data, members total and the share of the group's weight (population, or the
    declared indicator) they hold, in %.

    A code that the source draws inside another (UN DESA's Serbia includes Kosovo) is covered by that one's row."""
    definitions = store.aggregation_rules().get("country_definitions", {}).get(source_id, {})
    rows = with_data[with_data["iso3"].isin(set(group_members))][["iso3", "year"]].drop_duplicates()
    counted = rows.groupby("year")["iso3"].nunique()
    have = rows
    for code, covers in definitions.items():
        inside = rows[rows["iso3"] == code]
        have = pd.concat([have] + [inside.assign(iso3=c) for c in covers if c != code], ignore_index=True)
    all_rows = pd.DataFrame([(m, y) for y in years for m in group_members], columns=["iso3", "year"])
    all_rows["w"] = _weight(all_rows, weight)
    total = all_rows.groupby("year")["w"].sum()
    have = have[have["iso3"].isin(set(group_members))].drop_duplicates()
    have = have.assign(w=_weight(have, weight))
    got = have.groupby("year")["w"].sum()
    out = pd.DataFrame(index=pd.Index(sorted(years), name="year"))
    out["members_with_data"] = counted.reindex(out.index).fillna(0).astype("int64")
    out["members_total"] = len(group_members)
    share = got.reindex(out.index).fillna(0.0) / total.reindex(out.index)
    out["coverage_pct"] = (share * 100).where(total.reindex(out.index) > 0)
    return out


@memoize()
def aggregate(indicator: str, group: str, per: str | None = None) -> pd.DataFrame:
    """Per year: the group's (or the World's) value by the declared rule, with its coverage (see module doc)."""
    meta = store.indicator_meta(indicator)
    rule = meta.get("aggregation") or "sum"
    unit = store.per_unit(meta["unit"], per) if per else meta["unit"]
    group_members = members(group)
    if rule == "none" or not group_members:
        return pd.DataFrame(columns=COLUMNS)
    complete = bool(meta.get("complete")) and rule == "sum"
    codes: set[str] | None = set(group_members)
    if group == WORLD and complete and not per:
        codes = None  # the publisher's world total: every row, pseudo origins included
    if rule == "ratio":
        num = _sum_parts(meta["numerator"], codes, meta["source_id"])
        den = _sum_parts(meta["denominator"], codes, meta["source_id"])
        both = num.merge(den, on=["iso3", "year"], suffixes=("_num", "_den"))
        both = both[both["value_den"] > 0]
        g = both.groupby("year").agg(num=("value_num", "sum"), den=("value_den", "sum"))
        value = g["num"] / g["den"] * float(meta.get("scale") or 1.0)
        with_data = both
    else:
        rows = _series(indicator, "total", codes)
        if per:
            pop = store.population_for(meta["source_id"]).rename("pop").reset_index()
            rows = rows.merge(pop, on=["iso3", "year"], how="inner")
            g = rows.groupby("year").agg(v=("value", "sum"), pop=("pop", "sum"))
            value = g["v"] / g["pop"] * store.PER_SCALE[per][0]
        else:
            value = rows.groupby("year")["value"].sum()
        with_data = rows
    if value.empty:
        return pd.DataFrame(columns=COLUMNS)
    cov = _coverage(with_data, group_members, value.index, meta["source_id"],
                    str(meta.get("coverage_weight") or "population"))
    out = cov.assign(value=value.astype("float64")).reset_index()
    out["unit"] = unit
    out["coverage_of"] = str(meta.get("coverage_weight") or "population")
    low = (out["coverage_pct"].fillna(0) < store.coverage_min_pct()) & (not complete)
    out["flag"] = np.where(low, FLAG_LOW_COVERAGE, None)
    out.loc[low, "value"] = np.nan
    out["year"] = out["year"].astype("int64")
    return out[COLUMNS].reset_index(drop=True)
