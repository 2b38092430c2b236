"""Trafficking queries (page /trafficking): UNODC GLOTIP detected victims and breakdowns, persons prosecuted and
convicted, CTDC synthetic-record patterns under a k-anonymity guard, and US TIP tier placements (to 2015).

UNODC cells the publisher suppressed ('<5') stay missing with value_txt '<5' and flag 'suppressed_lt5': they are
never turned into a number. CTDC counts are synthetic records released under privacy protection, not victims:
no figure is derived from fewer than ``K`` records, and complementary suppression makes sure no small cell can
be recovered by subtracting published cells, within a view or across any two allowed views (``ctdc_views``).
"""
from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .. import aggregate, rules, store
from ..cache import memoize
from .displacement import _source, table
from .displacement import area_label as area_name  # World, a group or a country by name

# ------------------------------------------------------------------ UNODC GLOTIP

VICTIMS = "Detected trafficking victims"
PROSECUTED = "Persons prosecuted"
CONVICTED = "Persons convicted"
SERIES_INDICATORS = (VICTIMS, PROSECUTED, CONVICTED)
BREAKDOWNS = ("sex_age", "form", "citizenship")
DEFAULT_COUNTRY = "BIH"
COLUMNS = ["iso3", "country", "year", "indicator", "dimension", "category", "sex", "age", "value", "value_txt",
           "unit", "source", "licence", "flag"]


def _glotip() -> pd.DataFrame:
    return table("unodc_glotip")


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    names = store.country_names()
    source, licence = _source("unodc_glotip")
    out = df.copy()
    out["country"] = out["iso3"].map(names)
    out["unit"] = "persons"
    out["source"], out["licence"] = source, licence
    # '<5' stays text: value is missing and value_txt says '<5'
    out["value_txt"] = np.where(out["flag"] == "suppressed_lt5", "<5", out["value_txt"])
    return out[COLUMNS].reset_index(drop=True)


def _totals(df: pd.DataFrame) -> pd.DataFrame:
    return df[(df["dimension"] == "Total") & (df["sex"] == "Total") & (df["age"] == "Total")]


@functools.lru_cache(maxsize=4)
def _glotip_countries(version: str) -> tuple[str, ...]:
    return tuple(sorted(_glotip()["iso3"].unique()))


def glotip_countries() -> tuple[str, ...]:
    return _glotip_countries(store.bundle().version)


@memoize()
def latest_year() -> int:
    """The latest year of the GLOTIP country table (the page's year when a country reported none)."""
    return int(_glotip()["year"].max())


def country_years(iso3: str) -> tuple[int, ...]:
    df = _glotip()
    return tuple(sorted(int(y) for y in df.loc[df["iso3"] == iso3, "year"].unique()))


@memoize()
def victims_by_country(year: int) -> pd.DataFrame:
    """Detected victims (national total) per country in a year, largest first; '<5' rows last, never as numbers."""
    df = _totals(_glotip())
    df = df[(df["indicator"] == VICTIMS) & (df["year"] == year)]
    df = df.assign(_o=df["value"].fillna(-1)).sort_values(["_o", "iso3"], ascending=[False, True], kind="mergesort")
    return _finish(df.drop(columns="_o"))


@memoize()
def country_series(iso3: str) -> pd.DataFrame:
    """Detected victims, persons prosecuted and convicted per year (national totals, as published)."""
    df = _totals(_glotip())
    df = df[(df["iso3"] == iso3) & df["indicator"].isin(SERIES_INDICATORS)]
    return _finish(df.sort_values(["indicator", "year"]))


@memoize()
def breakdown(iso3: str, year: int, kind: str) -> pd.DataFrame:
    """Detected victims in a country-year by sex and age, by form of exploitation, or by citizenship."""
    df = _glotip()
    df = df[(df["iso3"] == iso3) & (df["year"] == year) & (df["indicator"] == VICTIMS)]
    if kind == "sex_age":
        df = df[(df["dimension"] == "Total") & ~((df["sex"] == "Total") & (df["age"] == "Total"))]
        df = df.sort_values(["sex", "age"])
    elif kind == "form":
        df = df[(df["dimension"] == "by form of exploitation") & (df["sex"] == "Total") & (df["age"] == "Total")]
        df = df.sort_values("category")
    elif kind == "citizenship":
        df = df[(df["dimension"] == "by citizenship") & (df["sex"] == "Total") & (df["age"] == "Total")]
        df = df.assign(_o=df["value"].fillna(-1)).sort_values(["_o", "category"], ascending=[False, True]).drop(
            columns="_o")
    else:
        raise store.QueryError("kind", f"Unknown breakdown {kind!r}.", list(BREAKDOWNS))
    return _finish(df)


# ------------------------------------------------------------------ who the detected victims are

WORLD = "WLD"
WHO_PARTS = ("girls", "boys", "women", "men")  # the published sex x age cells (trafficking_victims_<part>)
WHO_COLUMNS = ["area", "year", "part", "value", "members_with_data", "members_total", "coverage_pct", "unit",
               "source", "licence", "flag"]
FORM_COLUMNS = ["area", "year", "form", "sex", "value", "members_with_data", "unit", "source", "licence", "flag"]
INEXACT = rules.INEXACT_FLAGS


@functools.lru_cache(maxsize=4)
def _who_areas(version: str) -> tuple[str, ...]:
    return (WORLD, *store.group_ids(), *glotip_countries())


def who_areas() -> tuple[str, ...]:
    """The world, every group and every country with UNODC data: the areas the 'who' charts can show."""
    return _who_areas(store.bundle().version)


def who_members(area: str) -> tuple[str, ...]:
    return aggregate.members(area) if area in set(store.group_ids()) else (area,)


def _exact_cells(indicator: str, members: tuple[str, ...]) -> pd.DataFrame:
    df = store.bundle().by_indicator.get(indicator)
    df = df[(df["sex"] == "total") & df["iso3"].isin(members) & df["value"].notna()]
    df = df[~df["flag"].astype("string").fillna("").isin(INEXACT)]
    return df.assign(iso3=df["iso3"].astype(str))[["iso3", "year", "value"]]


@memoize()
def victims_who(area: str) -> pd.DataFrame:
    """Detected girls, boys, women and men per year for a country, a group or the world.

    A group pools the members that publish all four cells as numbers that year (a '<5' or lower-bound cell
    leaves that country-year out), so the four parts always describe the same victims. Coverage is the share of
    the group's detected victims (national totals) held by the pooled members; below the declared threshold
    (two thirds) the year is missing with the flag 'coverage_below_threshold'."""
    members = who_members(area)
    wide = None
    for part in WHO_PARTS:
        cells = _exact_cells(f"trafficking_victims_{part}", members).rename(columns={"value": part})
        wide = cells if wide is None else wide.merge(cells, on=["iso3", "year"], how="inner")
    totals = store.bundle().by_indicator["trafficking_victims_detected"]
    totals = totals[(totals["sex"] == "total") & totals["iso3"].isin(members) & totals["value"].notna()]
    totals = totals.assign(iso3=totals["iso3"].astype(str))
    all_victims = totals.groupby("year")["value"].sum()
    pooled = wide.merge(totals[["iso3", "year", "value"]], on=["iso3", "year"], how="left")
    g = pooled.groupby("year").agg(**{p: (p, "sum") for p in WHO_PARTS}, n=("iso3", "nunique"),
                                   covered=("value", "sum"))
    if g.empty:
        return pd.DataFrame(columns=WHO_COLUMNS)
    g["coverage_pct"] = (g["covered"] / all_victims.reindex(g.index) * 100).clip(upper=100).round(1)
    low = (g["coverage_pct"].fillna(0) < store.coverage_min_pct()) & (len(members) > 1)  # a country: its own cells
    g.loc[low, list(WHO_PARTS)] = float("nan")  # below the coverage rule: missing, flagged
    g["flag"] = np.where(low, aggregate.FLAG_LOW_COVERAGE, None)
    out = g.reset_index().melt(id_vars=["year", "n", "coverage_pct", "flag"], value_vars=list(WHO_PARTS),
                               var_name="part", value_name="value")
    out["part"] = pd.Categorical(out["part"], categories=list(WHO_PARTS))
    out = out.sort_values(["year", "part"], kind="mergesort")
    source, licence = _source("unodc_glotip")
    out = out.assign(area=area, members_with_data=out["n"].astype("int64"), members_total=len(members),
                     part=out["part"].astype(str), year=out["year"].astype("int64"), unit="persons", source=source,
                     licence=licence)
    return out[WHO_COLUMNS].reset_index(drop=True)


@memoize()
def forms_by_sex(area: str) -> pd.DataFrame:
    """Detected victims by form of exploitation, female and male, in the area's latest year with such data;
    a group pools, per form, the members that publish both sexes as numbers."""
    members = who_members(area)
    df = _glotip()
    df = df[(df["indicator"] == VICTIMS) & (df["dimension"] == "by form of exploitation")
            & df["sex"].isin(["Female", "Male"]) & df["iso3"].isin(members) & df["category"].notna()]
    exact = df["value"].notna() & ~df["flag"].isin(INEXACT)
    key = ["iso3", "year", "category", "sex"]
    # a sex's count for a form: its all-ages cell if published as a number, else its two age groups if both are
    whole = df[exact & (df["age"] == "Total")].set_index(key)["value"]
    bands = df[df["age"].isin(["0 to 17 years", "18 years or over"])]
    band_ok = bands.assign(ok=exact[bands.index]).groupby(key).agg(v=("value", "sum"), ok=("ok", "all"),
                                                                     n=("age", "nunique"))
    from_bands = band_ok.loc[band_ok["ok"] & (band_ok["n"] == 2), "v"]
    value = whole.combine_first(from_bands).rename("value").reset_index()
    both = value.groupby(["iso3", "year", "category"])["sex"].transform("nunique") == 2
    df = value[both]
    if df.empty:
        return pd.DataFrame(columns=FORM_COLUMNS)
    year = int(df["year"].max())
    df = df[df["year"] == year]
    g = df.groupby(["category", "sex"], as_index=False).agg(value=("value", "sum"), n=("iso3", "nunique"))
    source, licence = _source("unodc_glotip")
    out = pd.DataFrame({"area": area, "year": year, "form": g["category"], "sex": g["sex"].str.lower(),
                        "value": g["value"].astype("float64"), "members_with_data": g["n"].astype("int64"),
                        "unit": "persons", "source": source, "licence": licence, "flag": None})
    order = out.groupby("form")["value"].sum().sort_values(ascending=False)
    out["_o"] = out["form"].map({f: i for i, f in enumerate(order.index)})
    return out.sort_values(["_o", "sex"]).drop(columns="_o").reset_index(drop=True)[FORM_COLUMNS]


def excluded_artefact_rows() -> int:
    """How many source-artefact rows the ingest dropped (stated on the page)."""
    for note in store.source_meta("unodc_glotip").get("processing", []):
        m = re.search(r"Dropped (\d+) rows flagged as source artifacts", note)
        if m:
            return int(m.group(1))
    return 0


# ------------------------------------------------------------------ US TIP tiers


def tip_span() -> tuple[int, int]:
    """The first and last report year of the bundle's US TIP table (a new edition moves every label)."""
    years = table("us_tip_tiers")["report_year"]
    return int(years.min()), int(years.max())


@memoize()
def tip_timeline(iso3: str) -> pd.DataFrame:
    """Report year, tier (None = not ranked or special case), tier_rank, over the report years of ``tip_span``."""
    df = table("us_tip_tiers")
    df = df[df["iso3"] == iso3].sort_values("report_year")
    source, licence = _source("us_tip_tiers")
    names = store.country_names()
    return pd.DataFrame({
        "iso3": df["iso3"].to_numpy(), "country": df["iso3"].map(names).to_numpy(),
        "report_year": df["report_year"].astype("int64").to_numpy(),
        "tier": df["tier"].to_numpy(), "tier_rank": df["tier_rank"].to_numpy(),
        "source": source, "licence": licence,
        "flag": np.where(df["tier"].isna(), "not_ranked_or_special_case", None),
    })


# ------------------------------------------------------------------ CTDC k-anonymity guard

K = 11  # no figure from fewer than K synthetic records
TOTAL = "Total"
NOT_RECORDED = "Not recorded"
EXPLOITATION = ("Sexual exploitation only", "Forced labour only", "Both", "Other or not recorded")
CTDC_DIMS = {  # the allowed views: one dimension crossed with the exploitation type
    "victim_citizenship_region": "Region of citizenship",
    "exploitation_region": "Region of exploitation",
    "victim_gender": "Gender",
    "victim_age_group": "Age band",
    "perp_relation": "Relation to the perpetrator",
    "year_band": "Years",
}
RELATION_LABELS = {"FamilyIntimatePartner": "Family or intimate partner", "FriendAcquaintance": "Friend or acquaintance",
                   "StrangerUnknownOther": "Stranger, unknown or other"}


def _label(dim: str, value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return NOT_RECORDED
    if dim == "perp_relation":
        return " + ".join(RELATION_LABELS.get(p, p) for p in str(value).split(";"))
    return str(value)


@functools.lru_cache(maxsize=2)
def _ctdc_records(version: str) -> pd.DataFrame:
    """One row per synthetic record: the dimensions as labels plus the exploitation type (mutually exclusive)."""
    df = store.bundle().table("ctdc_synthetic")
    se = df["sexual_exploitation"].fillna(False).astype(bool).to_numpy()
    fl = df["forced_labour"].fillna(False).astype(bool).to_numpy()
    expl = np.select([se & fl, se, fl], [EXPLOITATION[2], EXPLOITATION[0], EXPLOITATION[1]], EXPLOITATION[3])
    out = pd.DataFrame({"exploitation": expl})
    for dim in CTDC_DIMS:
        out[dim] = [_label(dim, v) for v in df[dim].astype(object).where(df[dim].notna(), None)]
    return out


def ctdc_records() -> pd.DataFrame:
    return _ctdc_records(store.bundle().version)


def crosstab(records: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Full table with margins: rows = categories of ``dim`` (+ 'Not recorded') + Total, cols = EXPLOITATION + Total."""
    ct = pd.crosstab(records[dim], records["exploitation"]).reindex(columns=list(EXPLOITATION), fill_value=0)
    rows = sorted(r for r in ct.index if r != NOT_RECORDED) + ([NOT_RECORDED] if NOT_RECORDED in ct.index else [])
    ct = ct.reindex(rows)
    ct[TOTAL] = ct.sum(axis=1)
    ct.loc[TOTAL] = ct.sum(axis=0)
    return ct.astype("int64")


def _functional(R: int, C: int, r: int, c: int) -> np.ndarray:
    """Indicator over the R x C interior cells of the entry (r, c); r == R or c == C are margins."""
    f = np.zeros((R, C))
    rs = slice(None) if r == R else slice(r, r + 1)
    cs = slice(None) if c == C else slice(c, c + 1)
    f[rs, cs] = 1
    return f.ravel()


def determinable(counts: np.ndarray, suppressed: np.ndarray) -> list[tuple[int, int]]:
    """Suppressed entries (interior or margin) whose value follows linearly from the published entries."""
    R, C = counts.shape[0] - 1, counts.shape[1] - 1
    pub = [_functional(R, C, r, c) for r in range(R + 1) for c in range(C + 1) if not suppressed[r, c]]
    A = np.array(pub) if pub else np.zeros((0, R * C))
    rank = np.linalg.matrix_rank(A) if len(A) else 0
    out = []
    for r in range(R + 1):
        for c in range(C + 1):
            if suppressed[r, c]:
                f = _functional(R, C, r, c)
                if np.linalg.matrix_rank(np.vstack([A, f])) == rank:
                    out.append((r, c))
    return out


def _lines(R: int, C: int):
    """Each row and column with its total: (list of part entries, total entry)."""
    for r in range(R + 1):
        yield [(r, c) for c in range(C)], (r, C)
    for c in range(C + 1):
        yield [(r, c) for r in range(R)], (R, c)


def suppress(counts: np.ndarray, forced: set[tuple[int, int]] = frozenset(), k: int = K) -> np.ndarray:
    """Primary (< k) plus complementary suppression on a table with margins (last row/col = totals).

    Rules, applied until nothing changes: (1) every entry below k is suppressed; (2) in every row or column a
    suppressed entry never stands alone; (3) where the total is published the suppressed parts add up to at
    least k (so total minus published parts never yields a figure from fewer than k records); (4) no
    suppressed entry is linearly determined by the published ones. Extra suppressions take the smallest
    published part of the line, so as little as possible is hidden.
    """
    R, C = counts.shape[0] - 1, counts.shape[1] - 1
    sup = counts < k
    for rc in forced:
        sup[rc] = True
    changed = True
    while changed:
        changed = False
        for parts, total in _lines(R, C):
            s_parts = [p for p in parts if sup[p]]
            n_sup = len(s_parts) + int(sup[total])
            need = n_sup == 1 or (s_parts and not sup[total] and sum(counts[p] for p in s_parts) < k)
            if need:
                free = sorted((p for p in parts if not sup[p]), key=lambda p: counts[p])
                sup[free[0] if free else total] = True
                changed = True
        if not changed:
            for r, c in determinable(counts, sup):
                line = [(r, j) for j in range(C)] if r < R else [(i, c) for i in range(R)]
                free = sorted((p for p in line if not sup[p]), key=lambda p: counts[p])
                if not free:
                    line = [(i, c) for i in range(R)] if c < C else [(r, j) for j in range(C)]
                    free = sorted((p for p in line if not sup[p]), key=lambda p: counts[p])
                if free:
                    sup[free[0]] = True
                    changed = True
                    break
    return sup


@functools.lru_cache(maxsize=2)
def _guarded(version: str, k: int) -> dict[str, tuple[pd.DataFrame, np.ndarray]]:
    """Every allowed view suppressed together: the exploitation totals and the grand total are the same
    figures in every view, so their suppression pattern is made identical across views (to a fixpoint)."""
    records = _ctdc_records(version)
    tables = {dim: crosstab(records, dim) for dim in CTDC_DIMS}
    shared: set[int] = set()  # suppressed columns of the shared Total row
    while True:
        out = {}
        for dim, ct in tables.items():
            R = ct.shape[0] - 1
            out[dim] = (ct, suppress(ct.to_numpy(), {(R, c) for c in shared}, k))
        now = {c for ct, sup in out.values() for c in range(ct.shape[1]) if sup[ct.shape[0] - 1, c]}
        if now <= shared:
            return out
        shared |= now


def ctdc_tables(k: int = K) -> dict[str, tuple[pd.DataFrame, np.ndarray]]:
    return _guarded(store.bundle().version, k)


@memoize()
def ctdc_view(dim: str) -> pd.DataFrame:
    """The rows shown for one allowed view: category, exploitation, records (missing when suppressed), share of
    the category's records in % (from published figures only), suppressed, flag."""
    if dim not in CTDC_DIMS:
        raise store.QueryError("ctdc_by", f"Unknown CTDC view {dim!r}.", list(CTDC_DIMS))
    ct, sup = ctdc_tables()[dim]
    counts = ct.to_numpy()
    R, C = counts.shape[0] - 1, counts.shape[1] - 1
    source, licence = _source("ctdc_vp_synthetic")
    rows = []
    for r, cat in enumerate(ct.index):
        for c, expl in enumerate(ct.columns):
            s = bool(sup[r, c])
            share = None
            if not s and not sup[r, C] and c < C:
                share = counts[r, c] / counts[r, C] * 100.0
            rows.append({
                "dimension": CTDC_DIMS[dim], "category": cat, "exploitation": expl,
                "records": None if s else int(counts[r, c]),
                "records_txt": f"<{K} or withheld" if s else f"{int(counts[r, c]):,}",
                "share_pct": share, "is_total": r == R or c == C, "suppressed": s,
                "unit": "synthetic records (not victims)", "source": source, "licence": licence,
                "flag": ("suppressed_lt11" if counts[r, c] < K else "suppressed_complementary") if s else None,
            })
    out = pd.DataFrame(rows)
    out["records"] = out["records"].astype("Int64")
    return out
