"""US State Department TIP Report tier placements, report years 2001-2015 (Kelley & Heiss compilation).

A tier is a ranking, not a quantity, so it goes to a detail table rather than to country_year.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, read_csv, validate

FILE = "tip_tiers_kelley_heiss_1999_2015.csv"
TIERS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3")
# Watch List sits between Tier 2 and Tier 3: 2.5 keeps the order usable for colour scales.
TIER_RANK = {"Tier 1": 1.0, "Tier 2": 2.0, "Tier 2 Watch List": 2.5, "Tier 3": 3.0}
RAW_TO_CLEAN = {"Watchlist": "Tier 2 Watch List"}

SOURCE = SourceInfo(
    id="us_tip_tiers",
    publisher="US Department of State, Office to Monitor and Combat Trafficking in Persons "
              "(compiled by J. G. Kelley and A. Heiss)",
    title="Trafficking in Persons Report: tier placements",
    edition="Kelley & Heiss compilation (repo file of 2015-12-03), report years 2001-2015",
    url="https://github.com/andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US",
    licence="Public domain (US Government work); compilation by Heiss & Kelley, cite the paper",
    licence_url="https://www.copyright.gov/title17/92chap1.html#105",
    folder="us_tip_tiers",
    files=(FILE,),
    citation="US Department of State, Trafficking in Persons Report (2001-2015), tier placements as compiled in "
             "Heiss, A. & Kelley, J. G. (2017), 'From the Trenches: A Global Survey of Anti-TIP NGOs and their Views "
             "of US Efforts', Journal of Human Trafficking, doi:10.1080/23322705.2016.1199241.",
    processing=(
        "Tier labels taken from the cleaned column (trailing spaces removed, 'Watchlist' read as 'Tier 2 Watch List').",
        "Kosovo's code KOS mapped to XKX.",
        "Dropped the 1999 and 2000 rows (no report those years; every tier is empty).",
        "An empty tier in 2001-2015 is kept as missing: the country was not ranked or was a 'Special Case'.",
        "tier_rank is 1, 2, 2.5 (Tier 2 Watch List) or 3, only to order the tiers; it is not a quantity.",
    ),
    caveats=(
        "The year is the report year; a report mostly assesses the previous year (April to March).",
        "Ends with the 2015 report; later tiers are not included.",
        "Missing tier = not ranked or 'Special Case' (e.g. Somalia, Libya, Yemen in some years); never a tier.",
    ),
    download_urls={},
)

RAW_SCHEMA = Schema(
    "us_tip_raw",
    {"countryname": "str", "iso": "str", "year": "int", "tier": "str", "tier_clean": "str"},
    key=("iso", "year"),
    nullable=frozenset({"tier", "tier_clean"}),
    ranges={"year": (1999, 2030)},
    allowed={"tier_clean": frozenset(TIERS)},
)


def _check_clean_matches_raw(raw: pd.DataFrame, path: Path) -> None:
    """tier_clean was added by the stager: make sure it is just the stripped, recoded original."""
    expected = raw["tier"].astype("string").str.strip().replace(RAW_TO_CLEAN)
    same = (expected == raw["tier_clean"]).fillna(False) | (expected.isna() & raw["tier_clean"].isna())
    if not same.all():
        pos = int((~same).to_numpy().nonzero()[0][0])
        raise IngestError(path, f"tier_clean {raw['tier_clean'].iloc[pos]!r} does not match tier "
                                f"{raw['tier'].iloc[pos]!r}", "tier_clean", pos + 1)


def ingest(raw_dir: Path) -> SourceOutput:
    path = Path(raw_dir) / SOURCE.folder / FILE
    raw = validate(read_csv(path), RAW_SCHEMA, path)
    _check_clean_matches_raw(raw, path)
    raw["iso3"] = codes.normalise(raw["iso"])
    codes.check_known(raw["iso3"], path, "iso")

    per_year = raw.groupby("year")["tier_clean"].count()
    no_report = per_year[per_year == 0].index
    table = raw[~raw["year"].isin(no_report)]
    table = pd.DataFrame({
        "iso3": table["iso3"].astype(str).to_numpy(),
        "report_year": table["year"].astype("int64").to_numpy(),
        "tier": table["tier_clean"].astype("string").to_numpy(),
        "tier_rank": table["tier_clean"].map(TIER_RANK).astype("float64").to_numpy(),
        "source_id": SOURCE.id,
    }).sort_values(["iso3", "report_year"], ignore_index=True)
    notes = [
        f"{int(raw['year'].isin(no_report).sum())} rows dropped for years with no report "
        f"({', '.join(str(y) for y in no_report)})",
        f"{int(table['tier'].isna().sum())} country-years kept with no tier (not ranked or Special Case)",
        f"{int((raw['iso'] == 'KOS').sum())} Kosovo rows recoded KOS -> XKX",
    ]
    return SourceOutput(tables={"us_tip_tiers": table}, notes=notes)
