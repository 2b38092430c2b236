"""UN DESA International Migrant Stock 2024: immigrant and emigrant stocks, shares, and origin->destination stocks.

The newest edition is the one the dashboard's stock corridors and headline stock indicators use. It is read from
the IOM GDI ``gdidata`` repackaging (bilateral, by sex, origin "OOO" = unknown/other).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from ..rules import redefine
from .semantics import COUNTRY_DEFINITIONS
from .base import (CORRIDORS, COUNTRY_YEAR, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv,
                   validate)
from .worldbank import POP_FILE, POP_SCHEMA, WB_POPULATION

FOLDER = "iom_gdidata_irregular_migration"
STOCK_FILE = "undesa_international_migrant_stock_2024rev_1990_2024.csv.gz"
WB_POP_PATH = f"../{WB_POPULATION.folder}/{POP_FILE}"  # denominator of migrant_stock_pct, relative to FOLDER
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
SSD_FIRST_REAL_YEAR = 2010  # South Sudan as a destination before 2010 is a flat back-cast (TRAPS.md §4)

SOURCE = SourceInfo(
    id="undesa_ims2024",
    publisher="United Nations, Department of Economic and Social Affairs, Population Division",
    title="International Migrant Stock 2024 (destination and origin, by sex)",
    edition="2024 revision (1990, 1995, ..., 2020, 2024; mid-year stocks), via IOM GDI gdidata 0.3.21 (2025-06-19)",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
    licence="CC BY 3.0 IGO",
    licence_url="https://creativecommons.org/licenses/by/3.0/igo/",
    folder=FOLDER,
    files=(STOCK_FILE, WB_POP_PATH),
    citation=("United Nations Department of Economic and Social Affairs, Population Division (2024). "
              "International Migrant Stock 2024. Repackaged by the IOM Global Data Institute (R package gdidata)."),
    processing=(
        "Read the UN DESA bilateral table as repackaged by the IOM Global Data Institute (gdidata 'undesa_stocks'); "
        "no figure was changed by IOM.",
        "The file has no 'both sexes' row: total = female + male.",
        "Channel Islands code XCX mapped to CHI; origin 'OOO' (other or unknown origin) mapped to UNK.",
        "Migrants of unknown origin are kept in each destination's migrant stock (so the world total matches the UN: "
        "304,021,813 in 2024) but left out of the origin->destination corridors and of emigrant stocks.",
        "Origin-destination cells with 0 persons were left out of the corridors.",
        "Emigrant stock = persons born in a country and living in any other country, summed over destinations.",
        "Migrants as % of population = migrant stock / World Bank total population (WDI SP.POP.TOTL, same year) x 100, "
        "flagged 'derived'; the 2024 revision file carries no population. Countries without a World Bank population "
        "get no percentage.",
        "Female share of migrant stock = female / total x 100, flagged 'derived'.",
        "South Sudan as a destination before 2010 repeats the same value (652,365) in 1990-2005: flagged 'backcast'.",
        "Destinations whose stock the UN imputed (type I: BIH, ERI, ESH, SOM, VAT) are flagged 'imputed'.",
        "A row carries one flag: 'backcast' over 'imputed' over 'derived'.",
    ),
    caveats=(
        "UN estimates for 1 July of each year; foreign-born where available, foreign citizens otherwise; refugees added "
        "for some countries.",
        "Not comparable one-to-one with the 2020 revision: the UN revised many series (e.g. world 2020 = 275.3M here "
        "vs 280.6M in the 2020 revision).",
        "Migrants of unknown origin (7-9 % of the world stock) appear in destination totals only.",
        "The % of population uses the World Bank denominator, not the UN one, so it can differ from UN-published shares.",
    ),
    download_urls={},
)

STOCK_SCHEMA = Schema(
    "undesa_ims2024_stock",
    {"geo": "str", "t": "int", "from": "str", "sex": "str", "n": "int",
     "type_b": "int", "type_c": "int", "type_r": "int", "type_i": "int"},
    key=("geo", "t", "from", "sex"),
    ranges={"n": (0, None), "type_b": (0, 1), "type_c": (0, 1), "type_r": (0, 1), "type_i": (0, 1)},
    allowed={"sex": frozenset({"female", "male"}), "t": frozenset(YEARS)},
)

_BASE = {"source_id": SOURCE.id, "theme": "flows"}
INDICATORS = [
    {**_BASE, "id": "migrant_stock", "label": "International migrant stock (UN DESA IMS 2024)", "unit": "persons",
     "per_capita": True,
     "description": "International migrants (foreign-born) living in the country at mid-year, incl. unknown origin."},
    {**_BASE, "id": "emigrant_stock", "label": "Emigrant stock (UN DESA IMS 2024)", "unit": "persons",
     "per_capita": True,
     "description": "Persons born in the country and living in another country at mid-year."},
    {**_BASE, "id": "migrant_stock_pct", "label": "International migrants, % of population (UN DESA IMS 2024)",
     "unit": "% of population", "per_capita": False,
     "description": "Migrant stock (UN DESA IMS 2024) divided by World Bank total population of the same year, "
                    "drawn on UN DESA's country definition (Serbia including Kosovo)."},
    {**_BASE, "id": "migrant_stock_female_pct", "label": "Women among international migrants (UN DESA IMS 2024)",
     "unit": "% of migrant stock", "per_capita": False,
     "description": "Female international migrants as a share of the country's migrant stock."},
]
MEASURES = [
    {"id": "stock", "label": "Migrant stock by origin (UN DESA IMS 2024)", "unit": "persons", "kind": "stock",
     "source_id": SOURCE.id, "methods": [], "default_method": "",
     "description": "Persons born in the origin country living in the destination country at mid-year."},
]


def _read_stock(raw_dir: Path) -> pd.DataFrame:
    """Validated bilateral rows with canonical codes, zeros dropped."""
    path = Path(raw_dir) / FOLDER / STOCK_FILE
    df = validate(read_csv(path), STOCK_SCHEMA, path)
    df["geo"] = codes.normalise(df["geo"])
    df["from"] = codes.normalise(df["from"])
    codes.check_known(df["geo"], path, "geo")
    codes.check_known(df["from"], path, "from")
    return df.rename(columns={"geo": "destination", "from": "origin", "t": "year"})


def _with_total(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum ``n`` by keys + sex and append the total (female + male) rows."""
    by_sex = df.groupby([*keys, "sex"], as_index=False, observed=True)["n"].sum()
    total = by_sex.groupby(keys, as_index=False, observed=True)["n"].sum().assign(sex="total")
    return pd.concat([by_sex, total], ignore_index=True)


def _flags(frame: pd.DataFrame, imputed: set[tuple[str, int]], default: str | None = None) -> pd.Series:
    """'backcast' for South Sudan before 2010, else 'imputed' for UN-imputed destinations, else ``default``."""
    flag = pd.Series(default, index=frame.index, dtype="string")
    pairs = pd.MultiIndex.from_arrays([frame["iso3"].astype(str), frame["year"].astype("int64")])
    flag[pairs.isin(list(imputed))] = "imputed"
    flag[(frame["iso3"] == "SSD") & (frame["year"] < SSD_FIRST_REAL_YEAR)] = "backcast"
    return flag


def _population(raw_dir: Path) -> pd.DataFrame:
    """World Bank total population (iso3, year, population), the denominator of migrant_stock_pct."""
    path = Path(raw_dir) / FOLDER / WB_POP_PATH
    pop = validate(read_csv(path), POP_SCHEMA, path)
    pop = pop.rename(columns={"Country Code": "iso3", "Year": "year", "Value": "population"})
    pop["iso3"] = codes.normalise(pop["iso3"])
    pop = pop.dropna(subset=["population"])[["iso3", "year", "population"]]
    # the denominator follows UN DESA's country definition (its Serbia includes Kosovo)
    return redefine(pop, COUNTRY_DEFINITIONS[SOURCE.id], value="population")


def _shares(immig: pd.DataFrame, population: pd.DataFrame, imputed: set) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """Derived shares: migrants as % of WB population, and women as % of migrants. Also the codes without population."""
    totals = immig[immig["sex"] == "total"].set_index(["iso3", "year"])
    female = immig[immig["sex"] == "female"].set_index(["iso3", "year"])["n"]
    share = totals.assign(value=female.reindex(totals.index) / totals["n"] * 100).reset_index()
    share = share.dropna(subset=["value"])  # 0 / 0 where a destination has no migrants
    share["flag"] = _flags(share, imputed, default="derived")

    pct = totals.reset_index().merge(population, on=["iso3", "year"], how="left")
    no_pop = sorted(set(pct.loc[pct["population"].isna(), "iso3"]))
    pct = pct.dropna(subset=["population"]).assign(value=lambda d: d["n"] / d["population"] * 100)
    pct["flag"] = _flags(pct, imputed, default="derived")
    return pct, share, no_pop


def _corridors(known: pd.DataFrame) -> pd.DataFrame:
    """CORRIDORS rows of the 'stock' measure from the known-origin, non-zero cells."""
    c = _with_total(known[known["n"] > 0], ["origin", "destination", "year"])
    return pd.DataFrame({
        "measure": "stock", "origin": c["origin"].astype(str), "destination": c["destination"].astype(str),
        "year_start": c["year"].astype("int64"), "year_end": c["year"].astype("int64"),
        "sex": c["sex"], "method": "", "value": c["n"].astype("float64"), "source_id": SOURCE.id,
    })


def ingest(raw_dir: Path) -> SourceOutput:
    df = _read_stock(raw_dir)
    imputed = set(zip(df.loc[df["type_i"] == 1, "destination"], df.loc[df["type_i"] == 1, "year"]))
    known = df[df["origin"] != "UNK"]
    # stocks are summed over every cell, so a sex with only zero cells reads 0, as the UN publishes it
    immig = _with_total(df, ["destination", "year"]).rename(columns={"destination": "iso3"})
    immig["flag"] = _flags(immig, imputed)
    emig = _with_total(known, ["origin", "year"]).rename(columns={"origin": "iso3"})
    pct, share, no_pop = _shares(immig, _population(raw_dir), imputed)

    country_year = pd.concat([
        country_year_frame(immig, "migrant_stock", SOURCE.id, value="n", sex="sex", flag="flag"),
        country_year_frame(emig, "emigrant_stock", SOURCE.id, value="n", sex="sex"),
        country_year_frame(pct, "migrant_stock_pct", SOURCE.id, flag="flag"),
        country_year_frame(share, "migrant_stock_female_pct", SOURCE.id, flag="flag"),
    ], ignore_index=True)
    country_year = validate(country_year, COUNTRY_YEAR, "undesa_ims2024 country_year")
    corridors = validate(_corridors(known), CORRIDORS, "undesa_ims2024 corridors")

    notes = [
        f"{int((known['n'] == 0).sum())} zero origin-destination cells dropped from the corridors",
        f"{int(((df['origin'] == 'UNK') & (df['n'] > 0)).sum())} unknown-origin (OOO) cells kept in destination "
        "totals, left out of corridors and emigrant stock",
        f"migrant_stock: {int((immig['flag'] == 'backcast').sum())} South Sudan rows before 2010 flagged 'backcast', "
        f"{int((immig['flag'] == 'imputed').sum())} rows flagged 'imputed'",
        f"migrant_stock_pct: no World Bank population for {len(no_pop)} destinations ({', '.join(no_pop)})",
    ]
    return SourceOutput(country_year=country_year, corridors=corridors, indicators=INDICATORS, measures=MEASURES,
                        notes=notes)
