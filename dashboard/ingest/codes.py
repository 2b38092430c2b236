"""Country codes: one normalisation table and one reference of every entity the bundle may name.

ISO 3166-1 alpha-3 and UN M49 come from hdx-python-country's offline taxonomy (249 codes). The
few non-ISO entities the sources use are declared here once (see shared/data/TRAPS.md §1, §7).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .base import IngestError

# Source-specific codes -> canonical dashboard code (TRAPS.md §7.2).
CODE_FIXES: dict[str, str] = {
    "KOS": "XKX",  # US TIP, Natural Earth
    "XCX": "CHI",  # IOM / UN DESA 2024 Channel Islands
    "UKN": "UNK",  # UNHCR flows
    "STA": "XXA",  # UNHCR flows: stateless
    "STL": "XXA",  # IOM: stateless
    "OOO": "UNK",  # IOM: unknown / other origin
    "XXX": "UNK",  # UNHCR countries lookup
}

# Entities that are not ISO 3166-1 countries: (name, m49 or None, is_pseudo).
# Pseudo entities (unknown, stateless, unidentified) are counted in totals, never drawn or ranked.
EXTRA_ENTITIES: dict[str, tuple[str, int | None, bool]] = {
    "XKX": ("Kosovo (UNSCR 1244)", None, False),
    "CHI": ("Channel Islands", 830, False),
    "SCG": ("Serbia and Montenegro (former)", 891, False),
    "AB9": ("Abyei Area", None, False),
    "ANT": ("Netherlands Antilles (former)", 530, False),
    "TIB": ("Tibetan", None, True),
    "UNK": ("Unknown or other origin", None, True),
    "XXA": ("Stateless", None, True),
    "OOS": ("Sub-Saharan Africa (unidentified)", None, True),
}
PSEUDO_CODES = frozenset(code for code, (_, _, pseudo) in EXTRA_ENTITIES.items() if pseudo)

# Non-ISO entities attached to a UN M49 region for grouping (region code, subregion code).
EXTRA_REGIONS: dict[str, tuple[int, int]] = {
    "XKX": (150, 39), "CHI": (150, 154), "SCG": (150, 39), "AB9": (2, 202), "ANT": (19, 419),
}


@lru_cache(maxsize=1)
def hdx_countries() -> pd.DataFrame:
    """The offline HDX taxonomy as a frame: iso3, name, m49, region/subregion codes and names, lat/lon, names in fr."""
    from hdx.location.country import Country

    data = Country.countriesdata(use_live=False)
    rows = []
    for iso3, info in data["countries"].items():
        rows.append({
            "iso3": iso3,
            "name": info.get("M49 English") or info.get("English Short") or info.get("Preferred Term"),
            "name_short": info.get("English Short") or info.get("Preferred Term"),
            "name_fr": info.get("M49 French") or info.get("French Short"),
            "m49": _int_or_none(info.get("m49 numerical code")),
            "region_code": _int_or_none(info.get("Region Code")),
            "region": info.get("Region Name"),
            "subregion_code": _int_or_none(info.get("Sub-region Code")),
            "subregion": info.get("Sub-region Name"),
            "intregion_code": _int_or_none(info.get("Intermediate Region Code")),
            "intregion": info.get("Intermediate Region Name"),
            "hdx_income": info.get("World Bank Income Level"),
        })
    return pd.DataFrame(rows).sort_values("iso3").reset_index(drop=True)


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every canonical code the bundle accepts: ISO alpha-3 plus the declared extra entities."""
    return frozenset(hdx_countries()["iso3"]) | frozenset(EXTRA_ENTITIES)


def normalise(codes: pd.Series) -> pd.Series:
    """Upper-case, strip and apply CODE_FIXES. Missing stays missing."""
    s = codes.astype("string").str.strip().str.upper()
    return s.replace(CODE_FIXES)


def check_known(codes: pd.Series, file: str | Path, column: str) -> None:
    """Raise IngestError on the first code that is neither ISO alpha-3 nor a declared extra entity."""
    s = codes.astype("string")
    bad = s.notna() & ~s.isin(known_codes())
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        unknown = sorted(set(s[bad].dropna()))[:10]
        raise IngestError(file, f"unknown country code {s.iloc[pos]!r} (all unknown: {unknown})", column, pos + 1)


def name_of(iso3: str) -> str:
    """English display name of a canonical code."""
    if iso3 in EXTRA_ENTITIES:
        return EXTRA_ENTITIES[iso3][0]
    hit = hdx_countries().loc[lambda d: d["iso3"] == iso3, "name"]
    return str(hit.iloc[0]) if len(hit) else iso3


def normalise_checked_categorical(column: pd.Series, file: str | Path, name: str) -> pd.Series:
    """``normalise`` + ``check_known`` for a categorical column, applied once per distinct code (fast on millions
    of rows); the slow row-by-row check runs only to name the first bad row when an unknown code exists."""
    cats = column.cat.categories
    mapped = column.map(dict(zip(cats, normalise(pd.Series(cats, dtype="string")))))
    mapped = mapped if isinstance(mapped.dtype, pd.CategoricalDtype) else mapped.astype("category")
    if not set(mapped.cat.categories) <= known_codes():
        check_known(mapped, file, name)
    return mapped
