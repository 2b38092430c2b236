"""Flows page queries: a country's (or group's) partners under one corridor measure, method, sex and period.

Everything is pre-aggregated here, not in callbacks: each measure table is indexed once per
(method, sex, period) so a page update slices a few thousand rows instead of scanning millions.
Values are the stored corridor values (identical to ``/api/v1/corridors``); nothing is rounded,
filled or clipped, and missing stays missing.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import store
from ..cache import memoize

MEASURES = ("stock", "flow_5y", "flow_annual", "refugees", "stock_model")
ROLES = ("origin", "destination")
OTHER = "OTHER"
PARTNER_COLUMNS = ["focus", "focus_name", "role", "partner", "partner_name", "origin", "destination", "period",
                   "year_start", "year_end", "sex", "value", "share", "measure", "method", "unit", "source",
                   "licence", "flag"]


@lru_cache(maxsize=2)
def _reference(version: str) -> dict:
    """Small reference data read once per process and bundle version (measure metadata, groups, countries).

    ``store.catalog()`` goes through the shared cache (a pickle round trip per call), too slow to call
    dozens of times per page update.
    """
    b = store.bundle()
    groups = b.table("groups")
    gm = b.table("group_members")
    members = {str(g): tuple(sorted(str(i) for i in part["iso3"])) for g, part in gm.groupby("group_id")}
    c = b.table("countries")
    return {
        "measures": {m["id"]: m for m in store.catalog()["corridor_measures"]},
        "group_labels": {str(g): str(lab) for g, lab in zip(groups["group_id"], groups["label"])},
        "members": members,
        "names": dict(store.country_names()),
        "drawable": frozenset(c.loc[~c["is_pseudo"].astype(bool), "iso3"].astype(str)),
        "countries": c,
    }


def ref() -> dict:
    return _reference(store.bundle().version)


def meta(measure: str) -> dict:
    """Corridor measure metadata (cached per process); unknown ids raise store.QueryError."""
    m = ref()["measures"].get(measure) if isinstance(measure, str) else None
    return m if m is not None else store.measure_meta(str(measure))  # raises QueryError naming the valid ids


def measure_ids() -> list[str]:
    have = ref()["measures"]
    return [m for m in MEASURES if m in have]


def methods(measure: str) -> list[str]:
    return list(meta(measure)["methods"])


def default_method(measure: str) -> str:
    return meta(measure).get("default_method") or ""


@lru_cache(maxsize=16)
def _index(version: str, measure: str) -> tuple[pd.DataFrame, dict]:
    """(table, {(method, sex, year_start): row positions}) for one measure; built once per process."""
    df = store.bundle().table(f"corridors_{measure}")
    keys = df.groupby(["method", "sex", "year_start"], observed=True, sort=False).indices
    return df, {(str(k[0]), str(k[1]), int(k[2])): v for k, v in keys.items()}


def _slice(measure: str, method: str, sex: str, year: int) -> pd.DataFrame:
    df, idx = _index(store.bundle().version, measure)
    pos = idx.get((method, sex, int(year)))
    if pos is None:
        return df.iloc[0:0]
    return df.iloc[pos]


def periods(measure: str, method: str = "", sex: str = "total") -> list[tuple[int, int]]:
    """(year_start, year_end) periods with data for a measure/method/sex, oldest first."""
    return list(_periods(store.bundle().version, measure, method, sex))


@lru_cache(maxsize=512)
def _periods(version: str, measure: str, method: str, sex: str) -> tuple[tuple[int, int], ...]:
    df, idx = _index(version, measure)
    method = method or default_method(measure)
    starts = sorted(k[2] for k in idx if k[0] == method and k[1] == sex)
    out = []
    for y in starts:
        row = df.iloc[idx[(method, sex, y)][:1]]
        out.append((int(y), int(row["year_end"].iloc[0])))
    return tuple(out)


def sexes(measure: str) -> list[str]:
    df, idx = _index(store.bundle().version, measure)
    present = {k[1] for k in idx}
    return [s for s in ("total", "female", "male") if s in present]


def period_label(year_start: int, year_end: int) -> str:
    return str(year_start) if year_start == year_end else f"{year_start}-{year_end}"


def group_ids() -> list[str]:
    return sorted(ref()["group_labels"])


def focus_members(focus: str) -> tuple[str, ...]:
    """An ISO3 code -> (code,); a group id -> its members."""
    if is_group(focus):
        return ref()["members"].get(focus, ())
    return (focus,)


def is_group(focus: str) -> bool:
    return focus in ref()["group_labels"]


def focus_name(focus: str, lang: str = "en") -> str:
    """A country's or group's name; English by default (download rows), ``lang`` for what a page shows."""
    if lang and lang != "en":
        return store.group_labels(lang).get(focus) or store.country_names(lang).get(focus, focus)
    if is_group(focus):
        return ref()["group_labels"][focus]
    return ref()["names"].get(focus, focus)


@memoize()
def partner_totals(measure: str, focus: str, role: str, year: int, method: str = "", sex: str = "total"
                   ) -> pd.DataFrame:
    """Every partner of ``focus`` (as ``role``) in one period, largest first, with its share of the total.

    For a country the rows are exactly the API's corridor rows; for a group, corridors between
    members are left out and each outside partner's value is the sum over members.
    """
    mm = meta(measure)
    method = (method or mm.get("default_method") or "") if mm["methods"] else ""
    part = _slice(measure, method, sex, year)
    members = focus_members(focus)
    own, other = ("origin", "destination") if role == "origin" else ("destination", "origin")
    part = part[part[own].isin(members)]
    if is_group(focus):
        part = part[~part[other].isin(members)]
    vals = part["value"].astype("float64")
    grouped = pd.DataFrame({"partner": part[other].astype(str).to_numpy(), "value": vals.to_numpy()})
    grouped = grouped.groupby("partner", sort=False)["value"].sum(min_count=1).reset_index()
    grouped = grouped[grouped["value"].notna()]
    grouped = grouped.sort_values(["value", "partner"], ascending=[False, True], kind="mergesort")
    total = grouped["value"].sum()
    names = store.country_names()
    src = store.source_meta(mm["source_id"])
    y_end = int(part["year_end"].iloc[0]) if len(part) else int(year)
    fname = focus_name(focus)
    origin = focus if role == "origin" else grouped["partner"]
    destination = grouped["partner"] if role == "origin" else focus
    out = pd.DataFrame({
        "focus": focus, "focus_name": fname, "role": role,
        "partner": grouped["partner"].to_numpy(), "partner_name": grouped["partner"].map(names).to_numpy(),
        "origin": origin if isinstance(origin, str) else origin.to_numpy(),
        "destination": destination if isinstance(destination, str) else destination.to_numpy(),
        "period": period_label(int(year), y_end), "year_start": int(year), "year_end": y_end, "sex": sex,
        "value": grouped["value"].to_numpy(),
        "share": (grouped["value"] / total).to_numpy() if total else np.nan,
        "measure": measure, "method": method, "unit": mm["unit"],
        "source": src.get("publisher", "") + ": " + src.get("title", ""), "licence": src.get("licence", ""),
        "flag": "",
    }, columns=PARTNER_COLUMNS)
    return out.reset_index(drop=True)


def _drawable() -> frozenset[str]:
    return ref()["drawable"]


@memoize()
def top_partners(measure: str, focus: str, role: str, year: int, method: str = "", sex: str = "total",
                 top: int = 10, other_pct: float = 0.0) -> pd.DataFrame:
    """The ``top`` largest drawable partners (those with a share >= ``other_pct`` %), then one 'Other' row.

    'Other' sums every remaining partner, including pseudo entities (unknown origin, stateless),
    so the rows add up to the total; its flag says how many partners it holds.
    """
    allp = partner_totals(measure, focus, role, year, method, sex)
    if allp.empty:
        return allp
    drawable = allp["partner"].isin(_drawable())
    keep = drawable & (allp["share"] * 100 >= other_pct)
    keep &= keep.cumsum() <= top
    head = allp[keep]
    rest = allp[~keep]
    if rest.empty:
        return head.reset_index(drop=True)
    other = head.iloc[0:0].copy() if not head.empty else allp.iloc[0:0].copy()
    first = allp.iloc[0]
    row = {c: first[c] for c in PARTNER_COLUMNS}
    row.update(partner=OTHER, partner_name="Other", value=float(rest["value"].sum()),
               share=float(rest["share"].sum()), flag=f"sum of {len(rest)} partners")
    if role == "origin":
        row["destination"] = OTHER
    else:
        row["origin"] = OTHER
    other = pd.DataFrame([row], columns=PARTNER_COLUMNS)
    return pd.concat([head, other], ignore_index=True)


def centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) from the countries table (only rows with both)."""
    return _centroids(store.bundle().version)


@lru_cache(maxsize=2)
def _centroids(version: str) -> dict[str, tuple[float, float]]:
    c = store.bundle().table("countries")
    c = c[c["lat"].notna() & c["lon"].notna()]
    return {str(i): (float(a), float(o)) for i, a, o in zip(c["iso3"], c["lat"], c["lon"])}


def focus_centroid(focus: str) -> tuple[float, float] | None:
    """A country's centroid; for a group, the mean of its members' centroids (a label anchor, not a place)."""
    cents = centroids()
    pts = [cents[m] for m in focus_members(focus) if m in cents]
    if not pts:
        return None
    return float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts]))


REST = "REST"


@memoize()
def region_matrix(measure: str, group: str, year: int, method: str = "", sex: str = "total") -> pd.DataFrame:
    """Long matrix rows (origin, destination, value) among a group's members plus 'Rest of world' (REST).

    Member-to-member cells are the corridor values; member<->REST cells sum every corridor with a
    partner outside the group. REST->REST is not shown (it is not about the group).
    """
    mm = meta(measure)
    method = (method or mm.get("default_method") or "") if mm["methods"] else ""
    members = focus_members(group)
    part = _slice(measure, method, sex, year)
    o_in = part["origin"].isin(members).to_numpy()
    d_in = part["destination"].isin(members).to_numpy()
    part = part[o_in | d_in]
    o = np.where(part["origin"].isin(members), part["origin"].astype(str), REST)
    d = np.where(part["destination"].isin(members), part["destination"].astype(str), REST)
    frame = pd.DataFrame({"origin": o, "destination": d, "value": part["value"].astype("float64").to_numpy()})
    frame = frame.groupby(["origin", "destination"], sort=True)["value"].sum(min_count=1).reset_index()
    names = dict(store.country_names())
    names[REST] = "Rest of world"
    src = store.source_meta(mm["source_id"])
    y_end = int(part["year_end"].iloc[0]) if len(part) else int(year)
    frame.insert(1, "origin_name", frame["origin"].map(names))
    frame.insert(3, "destination_name", frame["destination"].map(names))
    frame["period"] = period_label(int(year), y_end)
    frame["year_start"], frame["year_end"], frame["sex"] = int(year), y_end, sex
    frame["measure"], frame["method"], frame["unit"] = measure, method, mm["unit"]
    frame["source"] = src.get("publisher", "") + ": " + src.get("title", "")
    frame["licence"] = src.get("licence", "")
    frame["flag"] = np.where((frame["origin"] == REST) | (frame["destination"] == REST), "sum over partners", "")
    return frame


# ------------------------------------------------------------------ corridor profile

def parse_pair(pair: str) -> tuple[str, str] | None:
    """'BIH-DEU' -> ('BIH', 'DEU') when both are known, non-identical country codes; else None."""
    parts = str(pair or "").upper().split("-")
    names = store.country_names()
    if len(parts) != 2 or parts[0] == parts[1] or any(p not in names for p in parts):
        return None
    return parts[0], parts[1]


def suggestions(text: str, limit: int = 6) -> list[str]:
    """Country codes close to a bad code or name (prefix/substring match), for the not-found body."""
    names = store.country_names()
    text = str(text or "").strip().upper()
    hits = [c for c in names if text and (c.startswith(text[:2]) or text in str(names[c]).upper())]
    return sorted(hits)[:limit]


def _pair_mask(df: pd.DataFrame, origin: str, destination: str) -> np.ndarray:
    """Rows of one ordered pair, compared on category codes when the columns are categorical (fast on 1.7M rows)."""
    out = None
    for col, code in (("origin", origin), ("destination", destination)):
        s = df[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            pos = s.cat.categories.get_indexer([code])[0]
            m = s.cat.codes.to_numpy() == pos if pos >= 0 else np.zeros(len(s), dtype=bool)
        else:
            m = (s == code).to_numpy(dtype=bool)
        out = m if out is None else out & m
    return out


def _pair_rows(measure: str, origin: str, destination: str, method: str, sex: str) -> pd.DataFrame:
    """The rows ``store.corridors(measure, origin=(o,), destination=(d,), method, sex)`` returns, found faster."""
    df = store.bundle().table(f"corridors_{measure}")
    part = df[_pair_mask(df, origin, destination)]
    part = part[(part["method"].astype(str) == method) & (part["sex"].astype(str) == sex)]
    mm = meta(measure)
    names = ref()["names"]
    src = store.source_meta(mm["source_id"])
    ys, ye = part["year_start"].astype("int64").to_numpy(), part["year_end"].astype("int64").to_numpy()
    period = [period_label(int(a), int(b)) for a, b in zip(ys, ye)]
    out = pd.DataFrame({
        "origin": origin, "origin_name": names.get(origin), "destination": destination,
        "destination_name": names.get(destination), "period": period, "year_start": ys, "year_end": ye,
        "sex": sex, "value": part["value"].astype("float64").to_numpy(), "measure": measure, "method": method,
        "source": src.get("publisher", "") + ": " + src.get("title", ""), "licence": src.get("licence", ""),
    }, columns=store.CORRIDOR_COLUMNS)
    return out.sort_values("year_start", kind="mergesort").reset_index(drop=True)


@memoize()
def corridor_series(measure: str, origin: str, destination: str, method: str = "", sex: str = "total"
                    ) -> pd.DataFrame:
    """Both directions of a corridor over time under one measure (API rows plus a 'direction' column)."""
    mm = meta(measure)
    method = (method or mm.get("default_method") or "") if mm["methods"] else ""
    there = _pair_rows(measure, origin, destination, method, sex).assign(direction="corridor")
    back = _pair_rows(measure, destination, origin, method, sex).assign(direction="reverse")
    out = pd.concat([x for x in (there, back) if not x.empty] or [there], ignore_index=True)
    out["unit"] = mm["unit"]
    return out.sort_values(["direction", "year_start"], kind="mergesort").reset_index(drop=True)


@memoize()
def corridor_measures(origin: str, destination: str) -> list[str]:
    """Measures with at least one value for the corridor or its reverse."""
    return [m for m in measure_ids() if not corridor_series(m, origin, destination).empty]


@memoize()
def corridor_shares(origin: str, destination: str) -> pd.DataFrame:
    """UN DESA stock of the corridor as a share of the origin's emigrants and of the destination's immigrants."""
    rows = _pair_rows("stock", origin, destination, "", "total")
    emi = store.indicator_values("emigrant_stock", (origin,))
    imm = store.indicator_values("migrant_stock", (destination,))
    emi = dict(zip(emi["year"], emi["value"]))
    imm = dict(zip(imm["year"], imm["value"]))
    out = pd.DataFrame({
        "year": rows["year_start"].to_numpy(), "value": rows["value"].to_numpy(),
        "emigrant_stock": [emi.get(y, np.nan) for y in rows["year_start"]],
        "migrant_stock": [imm.get(y, np.nan) for y in rows["year_start"]],
    })
    out["share_of_emigrants"] = out["value"] / out["emigrant_stock"]
    out["share_of_immigrants"] = out["value"] / out["migrant_stock"]
    return out.sort_values("year", kind="mergesort").reset_index(drop=True)
