"""UN World Population Prospects 2024: annual net number of migrants by country, 1950-2024.

The only annual, all-country migration series in the bundle; 2024 is WPP's first projection year, so it is flagged.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import COUNTRY_YEAR, IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

FOLDER = "unwpp2024_net_migration"
NET_FILE = "UN_WPP_2024_net_migration.csv"
FIRST_PROJECTION_YEAR = 2024

SOURCE = SourceInfo(
    id="unwpp2024",
    publisher="United Nations, Department of Economic and Social Affairs, Population Division",
    title="World Population Prospects 2024: Net number of migrants",
    edition="WPP 2024 (estimates 1950-2023; 2024 = first projection year, medium variant), "
            "via ThGaskin/Migration_flows (2025-06-09)",
    url="https://population.un.org/wpp/",
    licence="CC BY 3.0 IGO",
    licence_url="https://creativecommons.org/licenses/by/3.0/igo/",
    folder=FOLDER,
    files=(NET_FILE,),
    citation="United Nations, Department of Economic and Social Affairs, Population Division (2024). "
             "World Population Prospects 2024.",
    processing=(
        "Read the WPP 2024 net-migration series as republished unchanged by Gaskin et al. (Migration_flows repository).",
        "Years stored as decimals (1950.0) converted to whole years; the unnamed row-index column ignored.",
        "Values are kept as published: already rounded to the nearest thousand persons by the UN.",
        "2024 values are WPP projections, flagged 'projection'.",
    ),
    caveats=(
        "Net migration = immigrants minus emigrants in the calendar year; negative means more people left than arrived.",
        "WPP often derives net migration as a residual of population change, so it is an estimate, not a count.",
        "Annual net figures do not add up to the 5-yearly UN DESA migrant stocks or to bilateral flow estimates.",
    ),
    download_urls={},
)

NET_SCHEMA = Schema(
    "unwpp2024_net_migration",
    {"Year": "number", "Country ISO": "str", "Net Number of Migrants": "number"},
    key=("Year", "Country ISO"),
    ranges={"Year": (1950, 2100)},
)

INDICATORS = [
    {"id": "net_migration", "label": "Net migration (UN WPP 2024)", "unit": "persons per year", "theme": "flows",
     "source_id": SOURCE.id, "per_capita": True,
     "description": "Immigrants minus emigrants in the year (UN WPP 2024 estimates, rounded to thousands; "
                    "2024 projected)."},
]


def ingest(raw_dir: Path) -> SourceOutput:
    path = Path(raw_dir) / FOLDER / NET_FILE
    df = validate(read_csv(path, index_col=0), NET_SCHEMA, path)
    fractional = df["Year"] != df["Year"].round()
    if fractional.any():
        row = int(fractional.to_numpy().nonzero()[0][0]) + 1
        raise IngestError(path, f"year {df['Year'].iloc[row - 1]!r} is not a whole year", "Year", row)
    df = df.rename(columns={"Country ISO": "iso3", "Net Number of Migrants": "value"})
    df["year"] = df["Year"].astype("int64")
    df["iso3"] = codes.normalise(df["iso3"])
    codes.check_known(df["iso3"], path, "Country ISO")
    df["flag"] = pd.array([None] * len(df), dtype="string")
    df.loc[df["year"] >= FIRST_PROJECTION_YEAR, "flag"] = "projection"
    country_year = validate(country_year_frame(df, "net_migration", SOURCE.id, flag="flag"), COUNTRY_YEAR,
                            "unwpp2024 country_year")
    notes = [f"{len(df)} country-years; {int((df['flag'] == 'projection').sum())} flagged 'projection' (2024)",
             f"{int((df['value'] < 0).sum())} negative values (net emigration) kept"]
    return SourceOutput(country_year=country_year, indicators=INDICATORS, notes=notes)
