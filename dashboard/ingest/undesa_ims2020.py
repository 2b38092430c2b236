"""UN DESA International Migrant Stock 2020 revision: published destination indicators (+ bilateral detail table).

Kept beside the 2024 revision because it publishes what the 2024 file lacks (migrants as % of the UN population,
refugees within the migrant stock). Its ids carry the ``_ims2020`` suffix so the two editions never mix in one series;
its bilateral table goes to a detail table, never into the ``stock`` corridors (newest edition only).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import COUNTRY_YEAR, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

FOLDER = "undesa_ims2020_bilateral_stock"
INDICATORS_FILE = "undesa_ims2020_destination_indicators_long.csv"
BILATERAL_FILE = "undesa_ims2020_bilateral_stock_long.csv.gz"
YEARS = frozenset({1990, 1995, 2000, 2005, 2010, 2015, 2020})
EDITION = "UN DESA IMS 2020 revision"
UN_CITATION = ("United Nations Department of Economic and Social Affairs, Population Division (2020). "
               "International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020).")
UN_URL = "https://www.un.org/development/desa/pd/content/international-migrant-stock"

SOURCE = SourceInfo(
    id="undesa_ims2020",
    publisher="United Nations, Department of Economic and Social Affairs, Population Division",
    title="International Migrant Stock 2020: migrant stock, % of population and refugees by destination",
    edition="2020 revision (POP/DB/MIG/Stock/Rev.2020), 1990-2020 every 5 years; Tables 1, 3 and 6 of the UN workbook",
    url=UN_URL,
    licence="CC BY 3.0 IGO",
    licence_url="https://creativecommons.org/licenses/by/3.0/igo/",
    folder=FOLDER,
    files=(INDICATORS_FILE,),
    citation=UN_CITATION,
    processing=(
        "Read a tidy long copy of the official UN workbook 'stock by sex and destination' (Tables 1, 3 and 6).",
        "Kept the 232 countries and areas; dropped the world, region, development and income-group rows, including "
        "7 exact duplicate rows of 'Australia and New Zealand'.",
        "Cells the UN left empty ('..' or '-') stay missing: no row is written for them (e.g. South Sudan, Montenegro, "
        "Curacao and Sint Maarten before they were separate areas).",
        "Migrant stock and % of population are the UN's published values (the % uses the UN population, WPP 2019).",
        "Rows the UN marks as imputed (type of data 'I') are flagged 'imputed'.",
    ),
    caveats=(
        "Older edition: kept for the % of population and refugee figures; use the 2024 revision for stocks. The UN "
        "revised many series between editions (world 2020: 280.6M here vs 275.3M in the 2024 revision).",
        "Taiwan has no migrant figures in this edition; Kosovo is not a separate area.",
    ),
    download_urls={},
)

BILATERAL_SOURCE = SourceInfo(
    id="undesa_ims2020_bilateral",
    publisher="United Nations, Department of Economic and Social Affairs, Population Division; "
              "repackaged by G. J. Abel & X. Bollo (Global Migration Data Explorer)",
    title="International Migrant Stock 2020: migrant stock by origin and destination, by sex",
    edition="2020 revision, 1990-2020 every 5 years; chord matrices of X80110/migration-visualization (2023-04-28)",
    url=UN_URL,
    licence="CC BY 3.0 IGO (UN data); the repackaged matrices are CC BY-NC 3.0 (Global Migration Data Explorer site)",
    licence_url="https://creativecommons.org/licenses/by-nc/3.0/",
    folder=FOLDER,
    files=(BILATERAL_FILE,),
    citation=UN_CITATION + " Origin-destination matrices from Abel, G. J. & Bollo, X., Global Migration Data "
                           "Explorer (github.com/X80110/migration-visualization).",
    non_commercial=True,
    processing=(
        "Reshaped the three origin x destination matrices (both sexes, female, male) to one row per origin, "
        "destination, year and sex; cells with 0 persons dropped.",
        "Kept as a separate table for edition comparisons; the stock corridors use the 2024 revision only.",
    ),
    caveats=(
        "Migrants of unknown or other origin are not allocated to an origin (12.7M in 2020), so origin sums fall "
        "short of destination totals.",
        "Non-commercial use only, because of the repackager's licence.",
    ),
    download_urls={},
)
SOURCES = (SOURCE, BILATERAL_SOURCE)

_SEXES = ("total", "female", "male")
_PCT = (0, 100)
INDICATORS_SCHEMA = Schema(
    "undesa_ims2020_destination_indicators",
    {"area_name": "str", "m49_code": "int", "iso3": "str", "type_of_data": "str", "year": "int",
     **{f"migrant_stock_{s}": "number" for s in _SEXES},
     **{f"migrant_pct_of_population_{s}": "number" for s in _SEXES},
     "refugees_incl_asylum_seekers": "number", "is_country": "bool"},
    nullable=frozenset({"iso3", "type_of_data", "refugees_incl_asylum_seekers",
                        *(f"migrant_stock_{s}" for s in _SEXES), *(f"migrant_pct_of_population_{s}" for s in _SEXES)}),
    ranges={**{f"migrant_stock_{s}": (0, None) for s in _SEXES}, "refugees_incl_asylum_seekers": (0, None),
            **{f"migrant_pct_of_population_{s}": _PCT for s in _SEXES}},
    allowed={"year": YEARS},
)
# after keeping countries and dropping exact duplicates: one row per country and year, each with a code
COUNTRY_SCHEMA = Schema("undesa_ims2020_countries", {"iso3": "str", "year": "int", "type_of_data": "str"},
                        key=("iso3", "year"))
BILATERAL_SCHEMA = Schema(
    "undesa_ims2020_bilateral",
    {"year": "int", "orig_iso3": "str", "dest_iso3": "str", "stock_total": "int", "stock_male": "int",
     "stock_female": "int"},
    key=("year", "orig_iso3", "dest_iso3"),
    ranges={"stock_total": (0, None), "stock_male": (0, None), "stock_female": (0, None)},
    allowed={"year": YEARS},
)

_BASE = {"source_id": SOURCE.id, "theme": "flows"}
INDICATORS = [
    {**_BASE, "id": "migrant_stock_ims2020", "label": f"International migrant stock ({EDITION})", "unit": "persons",
     "per_capita": True,
     "description": "International migrants living in the country at mid-year, as published in the 2020 revision."},
    {**_BASE, "id": "migrant_stock_pct_ims2020", "label": f"International migrants, % of population ({EDITION})",
     "unit": "% of population", "per_capita": False,
     "description": "Migrant stock as a share of the UN total population, as published in the 2020 revision."},
    {**_BASE, "id": "refugees_in_migrant_stock_ims2020", "label": f"Refugees and asylum-seekers in the migrant stock ({EDITION})",
     "unit": "persons", "per_capita": True,
     "description": "Refugees and asylum seekers included in the country's migrant stock (UN DESA, UNHCR, UNRWA)."},
]


def _read_countries(raw_dir: Path) -> pd.DataFrame:
    """Country rows of the UN destination table, one per (iso3, year), canonical codes."""
    path = Path(raw_dir) / FOLDER / INDICATORS_FILE
    df = validate(read_csv(path), INDICATORS_SCHEMA, path)
    df = df[df["is_country"]].drop_duplicates()
    df = validate(df, COUNTRY_SCHEMA, path)
    df["iso3"] = codes.normalise(df["iso3"])
    codes.check_known(df["iso3"], path, "iso3")
    df["flag"] = pd.array([("imputed" if "I" in t.split() else None) for t in df["type_of_data"]], dtype="string")
    return df


def _by_sex(df: pd.DataFrame, prefix: str, indicator_id: str) -> pd.DataFrame:
    """Long COUNTRY_YEAR rows from the <prefix>_total/_female/_male columns; missing cells dropped."""
    long = df.melt(id_vars=["iso3", "year", "flag"], value_vars=[f"{prefix}_{s}" for s in _SEXES],
                   var_name="sex", value_name="value")
    long["sex"] = long["sex"].str.removeprefix(f"{prefix}_")
    return country_year_frame(long.dropna(subset=["value"]), indicator_id, SOURCE.id, sex="sex", flag="flag")


def _bilateral(raw_dir: Path) -> pd.DataFrame:
    """Detail table: origin, destination, year, sex, value (persons > 0)."""
    path = Path(raw_dir) / FOLDER / BILATERAL_FILE
    df = validate(read_csv(path), BILATERAL_SCHEMA, path)
    for col in ("orig_iso3", "dest_iso3"):
        df[col] = codes.normalise(df[col])
        codes.check_known(df[col], path, col)
    long = df.melt(id_vars=["year", "orig_iso3", "dest_iso3"], value_vars=[f"stock_{s}" for s in _SEXES],
                   var_name="sex", value_name="value")
    long = long[long["value"] > 0]
    return pd.DataFrame({
        "origin": long["orig_iso3"].astype(str), "destination": long["dest_iso3"].astype(str),
        "year": long["year"].astype("int64"), "sex": long["sex"].str.removeprefix("stock_"),
        "value": long["value"].astype("int64"), "source_id": BILATERAL_SOURCE.id,
    }).sort_values(["origin", "destination", "sex", "year"]).reset_index(drop=True)


def ingest(raw_dir: Path) -> SourceOutput:
    countries = _read_countries(raw_dir)
    refugees = countries.dropna(subset=["refugees_incl_asylum_seekers"])
    country_year = pd.concat([
        _by_sex(countries, "migrant_stock", "migrant_stock_ims2020"),
        _by_sex(countries, "migrant_pct_of_population", "migrant_stock_pct_ims2020"),
        country_year_frame(refugees, "refugees_in_migrant_stock_ims2020", SOURCE.id,
                           value="refugees_incl_asylum_seekers"),
    ], ignore_index=True)
    country_year = validate(country_year, COUNTRY_YEAR, "undesa_ims2020 country_year")
    bilateral = _bilateral(raw_dir)
    notes = [
        f"{len(countries)} country-years kept; "
        f"{int(countries['migrant_stock_total'].isna().sum())} have no published migrant stock",
        f"{len(countries) - len(refugees)} country-years without a published refugee figure (left missing)",
        f"{int((countries['flag'] == 'imputed').sum())} country-years flagged 'imputed'",
        f"undesa_ims2020_bilateral: {len(bilateral)} rows (zero cells dropped); not used for the stock corridors",
    ]
    return SourceOutput(country_year=country_year, tables={"undesa_ims2020_bilateral": bilateral},
                        indicators=INDICATORS, notes=notes)
