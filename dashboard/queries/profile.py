"""Country profile and comparison queries: header facts, key figures (latest year per indicator),
profile series, top corridors, navigation order and 'did you mean' suggestions.

Everything here is pure and memoised on simple arguments; values are passed through as stored
(never rounded, filled or invented) and every row carries its indicator, year, flag and source.
"""
from __future__ import annotations

import difflib
import math
import unicodedata

import pandas as pd

from .. import store
from ..cache import memoize

# Key figures in display order (the profile card and the comparison table).
KEY_FIGURES = (
    "migrant_stock", "migrant_stock_pct", "emigrant_stock", "net_migration", "refugees_hosted",
    "refugees_originating", "asylum_seekers_hosted", "idps_conflict", "idps_disaster",
    "new_displacements_conflict", "new_displacements_disaster", "remittances_received_usd",
    "remittances_received_pct_gdp", "remittances_paid_usd", "trafficking_victims_detected",
    "trafficking_victims_female_share", "trafficking_victims_child_share",
)
# One panel per indicator in the small multiples.
MAIN_SERIES = (
    "migrant_stock", "migrant_stock_pct", "emigrant_stock", "net_migration", "refugees_hosted",
    "refugees_originating", "remittances_received_usd", "trafficking_victims_detected",
)
# The displacement trend: people displaced across and within borders (IDMC GIDD vintage only).
DISPLACEMENT_SERIES = ("refugees_originating", "refugees_hosted", "asylum_seekers_hosted", "idps_conflict",
                       "idps_disaster")
SUPPRESSED = "suppressed_lt5"
CORRIDOR_MEASURE = "stock"  # UN DESA IMS 2024 bilateral stocks
KEY_COLUMNS = ["iso3", "country", "indicator", "label", "unit", "year", "value", "flag", "source_id", "source",
               "licence"]


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@memoize()
def navigable_countries(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """(iso3, name in ``lang``) of every non-pseudo country with at least one indicator value, alphabetical by
    that name."""
    b = store.bundle()
    countries = b.table("countries")
    real = countries[~countries["is_pseudo"].astype(bool)]
    with_data = set(b.table("country_year")["iso3"].astype(str).unique())
    names = store.country_names(lang)
    pairs = [(str(i), names[str(i)]) for i in real["iso3"] if i in with_data]
    return tuple(sorted(pairs, key=lambda p: (_sort_key(p[1]), p[0])))


def navigable_codes() -> list[str]:
    return [i for i, _ in navigable_countries()]


def neighbours(iso3: str, lang: str = "en") -> tuple[tuple[str, str], tuple[str, str]]:
    """(previous, next) country (iso3, name) in alphabetical order of the names in ``lang``, wrapping around."""
    pairs = navigable_countries(lang)
    codes = [i for i, _ in pairs]
    k = codes.index(iso3)
    return pairs[k - 1], pairs[(k + 1) % len(pairs)]


@memoize()
def suggestions(code: str, n: int = 5, lang: str = "en") -> tuple[tuple[str, str], ...]:
    """'Did you mean' candidates for an unknown code or name (English or ``lang``): transposed codes, names
    starting with or containing the text, then close codes and close names (difflib); names shown in ``lang``."""
    pairs = navigable_countries(lang)
    names = dict(pairs)
    text = (code or "").strip()
    by_name = {_sort_key(v): k for k, v in navigable_countries()} | {_sort_key(v): k for k, v in pairs}
    query = _sort_key(text.replace("-", " ").replace("_", " "))
    out: list[str] = [c for c in names if len(text) == 3 and sorted(c) == sorted(text.upper())]  # transpositions
    if len(query) >= 3:  # names that start with, then contain, what was typed
        out.extend(k for nm, k in by_name.items() if nm.startswith(query))
        out.extend(k for nm, k in by_name.items() if query in nm)
    out.extend(difflib.get_close_matches(text.upper(), list(names), n=n, cutoff=0.6))
    out.extend(by_name[nm] for nm in difflib.get_close_matches(query, list(by_name), n=n, cutoff=0.5))
    seen: list[str] = []
    for c in out:
        if c not in seen:
            seen.append(c)
    return tuple((c, names[c]) for c in seen[:n])


@memoize()
def header(iso3: str, lang: str = "en") -> dict:
    """Name, UN M49 region/subregion, named group memberships (in ``lang``) and the latest population with its
    year."""
    b = store.bundle()
    c = b.table("countries")
    rec = c[c["iso3"] == iso3].iloc[0]
    groups = b.table("groups")
    member_of = set(b.table("group_members").loc[lambda d: d["iso3"] == iso3, "group_id"])
    named = groups[groups["group_id"].isin(member_of) & (groups["kind"] == "named")]
    labels = store.group_labels(lang)
    named = named.assign(label=[labels.get(str(g), str(lbl)) for g, lbl in zip(named["group_id"], named["label"])])
    named = named.sort_values("label", key=lambda s: s.map(_sort_key))

    def clean(v):
        return None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(v)

    def region(level: str):
        code = rec[f"{level}_code"]
        name = clean(rec[level])
        if name is None or code is None or code is pd.NA:
            return name
        return labels.get(f"M49-{int(code)}", name)

    pop = latest_value("population", iso3)
    return {
        "iso3": iso3, "name": store.country_names(lang).get(iso3, str(rec["name"])), "region": region("region"),
        "subregion": region("subregion"), "intregion": region("intregion"),
        "income_group": clean(rec["income_group"]),
        "groups": [(str(g), str(lbl)) for g, lbl in zip(named["group_id"], named["label"])],
        "population": pop,
    }


def latest_value(indicator_id: str, iso3: str) -> dict:
    """The latest year with a value (or a suppressed '<5' cell) for one country; year None when there is none."""
    meta = store.indicator_meta(indicator_id)
    src = store.source_meta(meta["source_id"])
    rows = store.indicator_values(indicator_id, countries=(iso3,))
    rows = rows[rows["value"].notna() | (rows["flag"] == SUPPRESSED)]
    base = {"iso3": iso3, "country": store.country_names().get(iso3, iso3), "indicator": indicator_id,
            "label": meta["label"], "unit": meta["unit"], "source_id": meta["source_id"],
            "source": f"{src.get('publisher', '')}: {src.get('title', '')} ({src.get('edition', '')})",
            "licence": src.get("licence", "")}
    if rows.empty:
        return {**base, "year": None, "value": float("nan"), "flag": None}
    last = rows.iloc[-1]  # rows are sorted by year
    flag = last["flag"]
    return {**base, "year": int(last["year"]), "value": float(last["value"]),
            "flag": None if flag is None or flag is pd.NA else str(flag)}


@memoize()
def key_figures(iso3: str) -> pd.DataFrame:
    """One row per key figure for one country (missing: year None, value NaN)."""
    out = pd.DataFrame([latest_value(i, iso3) for i in KEY_FIGURES], columns=KEY_COLUMNS)
    out["year"] = out["year"].astype("Int64")  # missing years stay <NA>, never a float
    return out


@memoize()
def compare_figures(countries: tuple[str, ...]) -> pd.DataFrame:
    """Key figures for several countries, long form (country order kept)."""
    frames = [key_figures(c) for c in countries]
    if not frames:
        return pd.DataFrame(columns=KEY_COLUMNS)
    return pd.concat(frames, ignore_index=True)


@memoize()
def series(countries: tuple[str, ...], indicators: tuple[str, ...]) -> pd.DataFrame:
    """Tidy yearly rows (incl. suppressed cells, value NaN) for the countries and indicators, indicator order kept."""
    frames = []
    for ind in indicators:
        rows = store.indicator_values(ind, countries=countries)
        meta = store.indicator_meta(ind)
        rows = rows[rows["value"].notna() | (rows["flag"] == SUPPRESSED)].copy()
        rows.insert(rows.columns.get_loc("indicator") + 1, "label", meta["label"])
        frames.append(rows)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


@memoize()
def top_corridors(iso3: str, direction: str, n: int = 10) -> pd.DataFrame:
    """Top ``n`` UN DESA stock corridors in the latest year: direction 'destinations' (iso3 as origin,
    i.e. where its emigrants live) or 'origins' (iso3 as destination, where its immigrants come from)."""
    if direction not in ("origins", "destinations"):
        raise ValueError(direction)
    key = "origin" if direction == "destinations" else "destination"
    allrows = store.corridors(CORRIDOR_MEASURE, **{key: (iso3,)})
    allrows = allrows[allrows["value"].notna()]
    if allrows.empty:
        return allrows
    year = int(allrows["year_start"].max())
    rows = store.corridors(CORRIDOR_MEASURE, **{key: (iso3,)}, years=(year, year))
    rows = rows[rows["value"].notna()]
    return rows.head(n).reset_index(drop=True)


def parse_compare_spec(spec: str | None) -> tuple[str, list[str]]:
    """Expand group ids (e.g. WB6) in a 'countries' value into ISO3 codes, keeping the given order.

    Returns (comma-separated ISO3 codes, unknown tokens). Pseudo entities and countries without data drop out.
    """
    if not spec:
        return "", []
    allowed = set(navigable_codes())
    groups = {g.upper(): g for g in store.group_ids()}
    out: list[str] = []
    unknown: list[str] = []
    for tok in str(spec).split(","):
        tok = tok.strip()
        if not tok:
            continue
        if tok.upper() in allowed:
            codes = [tok.upper()]
        elif tok.upper() in groups:
            codes = [c for c in store.group_members(groups[tok.upper()]) if c in allowed]
        else:
            unknown.append(tok)
            continue
        out.extend(c for c in codes if c not in out)
    return ",".join(out), unknown
