"""Displacement queries (page /displacement): UNHCR population types, top origins/hosts, origin x asylum pairs,
IDMC new displacements and IDP stocks, hazards, the IDMC-vs-UNHCR IDP reconciliation, solutions and asylum.

UNHCR traps handled here (see data/README.md and TRAPS.md): values of 5 mean "1-5" (counted and flagged); rows
where origin == asylum (IDPs, returnees, a few refugee rows) are kept in the published totals but left out of the
origin x asylum view; pseudo origins (UNK unknown, XXA stateless, TIB) count in totals but are never ranked;
only ISO-coded columns are used (UNHCR's own codes are never read). Missing stays missing (sums use min_count=1).
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import store
from ..cache import memoize

WORLD = "WLD"
ROLES = ("asylum", "origin")
POP_TYPES = ("refugees", "asylum_seekers", "idps", "oip", "stateless", "returned_refugees", "returned_idps",
             "ooc", "hst")
SOLUTION_TYPES = ("returned_refugees", "returned_idps", "resettlement", "naturalisation")
IDMC_MEASURES = {  # measure -> indicator id (one IDMC vintage for the series: the GIDD export)
    "new_conflict": "new_displacements_conflict",
    "new_disaster": "new_displacements_disaster",
    "stock_conflict": "idps_conflict",
    "stock_disaster": "idps_disaster",
}
RECONCILE = {  # series -> indicator id; shown side by side, never added
    "idmc_gidd": "idps_conflict",
    "idmc_via_unhcr": "idps_conflict_via_unhcr",
    "unhcr_idps": "idps_unhcr",
}
TOP_N = 15


@functools.lru_cache(maxsize=4)
def _area_choices(version: str) -> tuple[str, ...]:
    names = store.country_names()
    pseudo = pseudo_codes()
    return (WORLD, *store.group_ids(), *sorted(c for c in names if c not in pseudo))


def area_choices() -> tuple[str, ...]:
    return _area_choices(store.bundle().version)


@functools.lru_cache(maxsize=4)
def _pseudo(version: str) -> frozenset:
    c = store.bundle().table("countries")
    return frozenset(c.loc[c["is_pseudo"].astype(bool), "iso3"])


def pseudo_codes() -> frozenset:
    return _pseudo(store.bundle().version)


def members(area: str) -> tuple[str, ...] | None:
    """None for the world (every row, incl. unknown origins), else the ISO3 codes of the group or country."""
    if area == WORLD:
        return None
    return store.resolve_countries(area, "area")


def area_label(area: str, lang: str = "en") -> str:
    """A country's or group's name in ``lang`` ('World' for the world: the page says it from its catalogue)."""
    if area == WORLD:
        return "World"
    names = store.country_names(lang)
    if area in names:
        return names[area]
    return store.group_labels(lang).get(area, area)


def table(name: str) -> pd.DataFrame:
    """A detail table as the store holds it (text columns categorical): filter it first, then ``plain`` the rows
    kept. Plain copies of the whole tables were kept here once: 41 MiB more in every worker (bench/memory.py)."""
    return store.bundle().table(name)


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its categorical columns turned into plain strings (two columns compare, e.g. origin with
    asylum, whatever their categories; results carry no categories)."""
    out = df.copy(deep=False)
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = np.asarray(s.cat.categories.astype(str), dtype=object)
            codes = s.cat.codes.to_numpy()
            out[col] = np.where(codes >= 0, cats[codes], None)
        elif s.dtype == object or str(s.dtype) == "string":
            out[col] = np.where(s.notna().to_numpy(), s.astype(str).to_numpy(dtype=object), None)
    return out


def _select(df: pd.DataFrame, area: str, role: str) -> pd.DataFrame:
    codes = members(area)
    if codes is None:
        return df
    return df[df[role].isin(codes)]


def _source(source_id: str) -> tuple[str, str]:
    src = store.source_meta(source_id)
    return src.get("publisher", "") + ": " + src.get("title", ""), src.get("licence", "")


# ------------------------------------------------------------------ UNHCR population


@memoize()
def population_series(area: str, role: str) -> pd.DataFrame:
    """year, pop_type, value, cells_of_5, unit, source, licence, flag (UNHCR population types over time)."""
    df = _select(table("unhcr_population"), area, role)
    g = df.groupby(["year", "pop_type"], sort=True, observed=True).agg(
        value=("value", "sum"), cells_of_5=("value", lambda v: int((v == 5).sum())))
    out = plain(g.reset_index())
    source, licence = _source("unhcr")
    out["unit"] = "persons"
    out["source"], out["licence"] = source, licence
    out["flag"] = np.where(out["cells_of_5"] > 0, "includes_cells_of_5_meaning_1_5", None)
    order = {p: i for i, p in enumerate(POP_TYPES)}
    out = out.sort_values(["pop_type", "year"], key=lambda s: s.map(order) if s.name == "pop_type" else s)
    return out.reset_index(drop=True)


@memoize()
def top_countries(year: int, pop_type: str, side: str, n: int = TOP_N) -> pd.DataFrame:
    """Top ``n`` origins (side='origin') or hosts (side='asylum') for a year; pseudo codes are not ranked.

    rank, iso3, country, value, year, pop_type, unit, source, licence, flag. A final row per pseudo code
    (rank missing, flag 'not_ranked') keeps the unknown/stateless totals visible.
    """
    df = table("unhcr_population")
    df = plain(df[(df["year"] == year) & (df["pop_type"] == pop_type)])
    g = df.groupby(side)["value"].agg(["sum", lambda v: int((v == 5).sum())])
    g.columns = ["value", "cells_of_5"]
    pseudo = pseudo_codes()
    ranked = g[~g.index.isin(pseudo)].sort_values("value", ascending=False, kind="mergesort").head(n)
    unranked = g[g.index.isin(pseudo)].sort_values("value", ascending=False)
    names = store.country_names()
    source, licence = _source("unhcr")
    rows = []
    for i, (code, r) in enumerate(ranked.iterrows(), start=1):
        rows.append({"rank": i, "iso3": code, "country": names.get(code, code), "value": int(r["value"]),
                     "flag": "includes_cells_of_5_meaning_1_5" if r["cells_of_5"] else None})
    for code, r in unranked.iterrows():
        rows.append({"rank": None, "iso3": code, "country": names.get(code, code), "value": int(r["value"]),
                     "flag": "not_ranked_pseudo_code"})
    out = pd.DataFrame(rows, columns=["rank", "iso3", "country", "value", "flag"])
    out["rank"] = out["rank"].astype("Int64")
    out.insert(4, "year", year)
    out.insert(5, "pop_type", pop_type)
    out["unit"], out["source"], out["licence"] = "persons", source, licence
    return out


@memoize()
def corridor_pairs(area: str, role: str, year: int, pop_type: str, n: int = TOP_N) -> pd.DataFrame:
    """Largest origin -> asylum pairs for the area (as asylum or as origin) in a year.

    Rows where origin == asylum and pseudo origins are left out (they are not corridors); the excluded totals
    come back in ``excluded_pairs`` so the page can state them.
    """
    df = _select(table("unhcr_population"), area, role)
    df = plain(df[(df["year"] == year) & (df["pop_type"] == pop_type)])
    pseudo = pseudo_codes()
    keep = (df["origin"] != df["asylum"]) & ~df["origin"].isin(pseudo) & ~df["asylum"].isin(pseudo)
    top = df[keep].sort_values("value", ascending=False, kind="mergesort").head(n)
    names = store.country_names()
    source, licence = _source("unhcr")
    out = pd.DataFrame({
        "origin": top["origin"].to_numpy(), "origin_name": top["origin"].map(names).to_numpy(),
        "asylum": top["asylum"].to_numpy(), "asylum_name": top["asylum"].map(names).to_numpy(),
        "year": year, "pop_type": pop_type, "value": top["value"].astype("int64").to_numpy(),
    })
    out["corridor"] = "/corridor/" + out["origin"] + "-" + out["asylum"]
    out["unit"], out["source"], out["licence"] = "persons", source, licence
    out["flag"] = np.where(out["value"] == 5, "value_5_means_1_5", None)
    return out.reset_index(drop=True)


@memoize()
def excluded_pairs(area: str, role: str, year: int, pop_type: str) -> dict:
    """Totals left out of the origin x asylum view: same-country rows and pseudo origins/asylum."""
    df = _select(table("unhcr_population"), area, role)
    df = plain(df[(df["year"] == year) & (df["pop_type"] == pop_type)])
    pseudo = pseudo_codes()
    same = df["origin"] == df["asylum"]
    pse = ~same & (df["origin"].isin(pseudo) | df["asylum"].isin(pseudo))
    return {"same_country": int(df.loc[same, "value"].sum()), "same_country_rows": int(same.sum()),
            "pseudo": int(df.loc[pse, "value"].sum()), "pseudo_rows": int(pse.sum())}


@functools.lru_cache(maxsize=4)
def _years(version: str, name: str) -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in table(name)["year"].unique()))


def population_years() -> tuple[int, ...]:
    return _years(store.bundle().version, "unhcr_population")


# ------------------------------------------------------------------ IDMC


def _indicator_by_area(indicator_id: str, area: str) -> pd.DataFrame:
    """year, value, countries (reporting) for one indicator summed over the area (min_count=1: missing stays missing)."""
    codes = members(area)
    df = store.indicator_values(indicator_id, countries=codes)
    if codes is None and indicator_id != "idps_conflict_via_unhcr":
        df = df[~df["iso3"].isin(pseudo_codes())]
    df = df[df["value"].notna()]
    g = df.groupby("year").agg(value=("value", lambda v: v.sum(min_count=1)), countries=("iso3", "nunique"))
    return g.reset_index()


@memoize()
def idmc_series(area: str) -> pd.DataFrame:
    """year, measure, value, countries, unit, source, licence, flag: IDMC new displacements and year-end stocks."""
    frames = []
    for measure, ind in IDMC_MEASURES.items():
        g = _indicator_by_area(ind, area)
        g["measure"] = measure
        frames.append(g)
    out = pd.concat(frames, ignore_index=True)
    source, licence = _source("idmc")
    out["unit"] = np.where(out["measure"].str.startswith("new"), "displacements (events)", "persons (year end)")
    out["source"], out["licence"] = source, licence
    out["flag"] = None
    return out[["year", "measure", "value", "countries", "unit", "source", "licence", "flag"]]


def idmc_years() -> tuple[int, ...]:
    return _years(store.bundle().version, "idmc_new_displacements_by_cause")


@memoize()
def idmc_hazards(area: str, year: int) -> pd.DataFrame:
    """hazard, cause, value, countries for a year (IDMC via IOM GDI, the only vintage with a hazard split)."""
    df = table("idmc_new_displacements_by_cause")
    codes = members(area)
    df = df[df["year"] == year]
    if codes is not None:
        df = df[df["iso3"].isin(codes)]
    df = plain(df)
    g = df.groupby(["cause", "hazard"]).agg(value=("value", "sum"), countries=("iso3", "nunique")).reset_index()
    g = g.sort_values("value", ascending=False, kind="mergesort")
    source, licence = _source("idmc_gdidata")
    g.insert(0, "year", year)
    g["unit"], g["source"], g["licence"], g["flag"] = "displacements (events)", source, licence, None
    return g.reset_index(drop=True)


@memoize()
def idp_reconciliation(area: str) -> pd.DataFrame:
    """year, series, value, countries: IDMC (GIDD), IDMC via UNHCR and UNHCR IDPs, side by side (never summed).

    For the world the via-UNHCR series includes IDMC's world totals for 1990-2008 (stored under UNK).
    """
    frames = []
    for series, ind in RECONCILE.items():
        g = _indicator_by_area(ind, area)
        g["series"] = series
        g["source_id"] = store.indicator_meta(ind)["source_id"]
        frames.append(g)
    out = pd.concat(frames, ignore_index=True)
    out["unit"] = "persons (year end)"
    out["source"] = out["source_id"].map(lambda s: _source(s)[0])
    out["licence"] = out["source_id"].map(lambda s: _source(s)[1])
    out["flag"] = None
    return out[["year", "series", "value", "countries", "unit", "source", "licence", "flag"]]


# ------------------------------------------------------------------ solutions and asylum


@memoize()
def solutions_series(area: str, role: str) -> pd.DataFrame:
    """year, solution_type, value (UNHCR solutions; only reported cells exist, so missing stays missing)."""
    df = plain(_select(table("unhcr_solutions"), area, role))
    out = df.groupby(["year", "solution_type"])["value"].sum().reset_index()
    source, licence = _source("unhcr")
    out["unit"], out["source"], out["licence"], out["flag"] = "persons", source, licence, None
    return out


@memoize()
def asylum_series(area: str, role: str) -> pd.DataFrame:
    """year, measure, value, unit: applications, decisions as published, and the recognition rate.

    recognition_rate = recognized / (recognized + other + rejected), in %; closed cases are left out of the
    denominator and dec_total is shown as published (it does not always equal the sum of its parts).
    """
    apps = _select(table("unhcr_asylum_applications"), area, role).groupby("year")["applied"].sum()
    dec = _select(table("unhcr_asylum_decisions"), area, role).groupby("year")[
        ["dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"]].sum()
    wide = pd.concat([apps.rename("applied"), dec], axis=1).sort_index()
    denom = wide["dec_recognized"] + wide["dec_other"] + wide["dec_rejected"]
    wide["recognition_rate"] = (wide["dec_recognized"] / denom.where(denom > 0)) * 100.0
    long = wide.reset_index(names="year").melt(id_vars="year", var_name="measure", value_name="value")
    long = long[long["value"].notna()]
    long["unit"] = np.where(long["measure"] == "recognition_rate", "% of substantive decisions",
                            np.where(long["measure"] == "applied", "applications (persons or cases)",
                                     "decisions (persons or cases)"))
    source, licence = _source("unhcr")
    long["source"], long["licence"], long["flag"] = source, licence, None
    return long.sort_values(["measure", "year"]).reset_index(drop=True)
