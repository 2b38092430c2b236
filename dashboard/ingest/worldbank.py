"""World Bank: total population (SP.POP.TOTL) and personal remittances (WDI, May 2023 vintage)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

POP_FILE = "population.csv"
REMIT_FILE = "wdi_remittances_long.csv"
META_FILE = "wdi_country_metadata_region_income_2023-05.csv"

WB_POPULATION = SourceInfo(
    id="wb_population",
    publisher="World Bank",
    title="World Development Indicators: Population, total (SP.POP.TOTL)",
    edition="WDI via Datahub core datasets, 2026-03 snapshot (1960-2024)",
    url="https://data.worldbank.org/indicator/SP.POP.TOTL",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    folder="worldbank_population",
    files=(POP_FILE,),
    citation="World Bank (2026). World Development Indicators: Population, total (SP.POP.TOTL).",
    processing=("Dropped the 48 World Bank regional and income aggregates (kept countries and territories only).",),
    caveats=("Mid-year de facto population; differs from UN WPP for some countries (e.g. Serbia, Moldova).",),
    download_urls={POP_FILE: "https://raw.githubusercontent.com/datasets/population/main/data/population.csv"},
)

WB_REMITTANCES = SourceInfo(
    id="wb_remittances",
    publisher="World Bank",
    title="World Development Indicators: Personal remittances received and paid",
    edition="WDI release 2023-05-10 (1970-2022)",
    url="https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    folder="worldbank_wdi_remittances",
    files=(REMIT_FILE, META_FILE),
    citation="World Bank (2023). World Development Indicators (2023-05-10 release): Personal remittances.",
    processing=(
        "Dropped the World Bank regional and income aggregates (is_aggregate).",
        "Every 0 (received or paid, US$ or % of GDP) is read as 'not reported': kept as missing with the flag "
        "'zero_not_reported' (WDI fills uncompiled balance-of-payments lines with 0; the country-years are listed in "
        "data/README.md).",
        "Senegal 2019 received (US$0.138bn between 2.43bn and 2.59bn) is flagged 'suspect' and kept as published.",
    ),
    caveats=("Current US$, not inflation-adjusted.", "2022 values are early estimates; % of GDP is empty for 2022."),
    download_urls={},
)
SOURCES = (WB_POPULATION, WB_REMITTANCES)

POP_SCHEMA = Schema("wb_population", {"Country Code": "str", "Year": "int", "Value": "number"},
                    key=("Country Code", "Year"), ranges={"Value": (0, None)}, nullable=frozenset({"Value"}))
REMIT_SCHEMA = Schema(
    "wb_remittances",
    {"iso3": "str", "year": "int", "remit_received_usd": "number", "remit_paid_usd": "number",
     "remit_received_pct_gdp": "number", "is_aggregate": "bool"},
    key=("iso3", "year"),
    nullable=frozenset({"remit_received_usd", "remit_paid_usd", "remit_received_pct_gdp"}),
    ranges={"remit_received_usd": (0, None), "remit_paid_usd": (0, None), "remit_received_pct_gdp": (0, None)},
)

INDICATORS = [
    {"id": "population", "label": "Population", "unit": "persons", "theme": "context", "source_id": "wb_population",
     "description": "Total mid-year population (de facto), World Bank WDI.", "per_capita": False},
    {"id": "remittances_received_usd", "label": "Remittances received", "unit": "current US$", "theme": "context",
     "source_id": "wb_remittances", "per_capita": True,
     "description": "Personal transfers and compensation of employees received, current US$ (BX.TRF.PWKR.CD.DT)."},
    {"id": "remittances_received_pct_gdp", "label": "Remittances received (% of GDP)", "unit": "% of GDP",
     "theme": "context", "source_id": "wb_remittances", "per_capita": False,
     "description": "Personal remittances received as a share of GDP (BX.TRF.PWKR.DT.GD.ZS)."},
    {"id": "remittances_paid_usd", "label": "Remittances paid", "unit": "current US$", "theme": "context",
     "source_id": "wb_remittances", "per_capita": True,
     "description": "Personal transfers and compensation of employees paid, current US$ (BM.TRF.PWKR.CD.DT)."},
]


def zeros_not_reported(df: pd.DataFrame, col: str) -> pd.Series:
    """True where a remittance value is exactly 0: read as 'not reported', never as data.

    WDI fills the balance-of-payments remittance lines with 0 where an economy's line was not compiled: SOM
    2005-2016, SYR 2011-2020, SGP, LBY, ERI ... show 0 in runs next to missing or large values. No economy has
    a true zero of personal remittances over a whole year, so every 0 is kept as a missing value with the flag
    'zero_not_reported' (the list of country-years is written to data/README.md).
    """
    return df[col] == 0


def year_runs(rows: pd.DataFrame) -> str:
    """'SOM 2005-2016, SYR 2011-2020 ...' for (iso3, year) rows: the country-years in consecutive runs."""
    out = []
    for iso3, part in rows.sort_values(["iso3", "year"]).groupby("iso3", sort=True):
        years = sorted(int(y) for y in part["year"])
        runs, start, prev = [], years[0], years[0]
        for y in years[1:] + [None]:
            if y is not None and y == prev + 1:
                prev = y
                continue
            runs.append(str(start) if start == prev else f"{start}-{prev}")
            if y is not None:
                start = prev = y
        out.append(f"{iso3} {', '.join(runs)}")
    return "; ".join(out)


def ingest(raw_dir: Path) -> SourceOutput:
    pop_path = Path(raw_dir) / WB_POPULATION.folder / POP_FILE
    pop = validate(read_csv(pop_path), POP_SCHEMA, pop_path)
    rem_path = Path(raw_dir) / WB_REMITTANCES.folder / REMIT_FILE
    rem = read_csv(rem_path)
    if rem["is_aggregate"].dtype != bool:
        raise IngestError(rem_path, "expected True/False values", "is_aggregate")
    rem = validate(rem, REMIT_SCHEMA, rem_path)
    aggregates = set(rem.loc[rem["is_aggregate"], "iso3"])
    if not aggregates:
        raise IngestError(rem_path, "no aggregates flagged; cannot separate countries", "is_aggregate")

    pop = pop[~pop["Country Code"].isin(aggregates)].rename(columns={"Country Code": "iso3", "Year": "year"})
    pop["iso3"] = codes.normalise(pop["iso3"])
    codes.check_known(pop["iso3"], pop_path, "Country Code")
    pop = pop.dropna(subset=["Value"])
    frames = [country_year_frame(pop, "population", WB_POPULATION.id, value="Value")]

    rem = rem[~rem["is_aggregate"]].copy()
    rem["iso3"] = codes.normalise(rem["iso3"])
    codes.check_known(rem["iso3"], rem_path, "iso3")
    notes = []
    for ind, col in (("remittances_received_usd", "remit_received_usd"), ("remittances_paid_usd", "remit_paid_usd"),
                     ("remittances_received_pct_gdp", "remit_received_pct_gdp")):
        part = rem[["iso3", "year", col]].dropna(subset=[col]).copy()
        part["flag"] = pd.array([None] * len(part), dtype="string")
        zero = zeros_not_reported(part, col)
        part.loc[zero, col] = float("nan")
        part.loc[zero, "flag"] = "zero_not_reported"
        notes.append(f"{ind}: {int(zero.sum())} zeros read as not reported (kept missing, flag 'zero_not_reported'): "
                     f"{year_runs(part[zero]) or 'none'}")
        if ind == "remittances_received_usd":
            part.loc[(part["iso3"] == "SEN") & (part["year"] == 2019), "flag"] = "suspect"
        frames.append(country_year_frame(part, ind, WB_REMITTANCES.id, value=col, flag="flag"))

    meta_path = Path(raw_dir) / WB_REMITTANCES.folder / META_FILE
    meta = read_csv(meta_path)
    meta = meta[meta["wb_income_group"].notna()].rename(columns={"wb_income_group": "income_group"})
    meta["iso3"] = codes.normalise(meta["iso3"])
    meta["source_id"] = WB_REMITTANCES.id
    return SourceOutput(
        country_year=pd.concat(frames, ignore_index=True),
        tables={"wb_income_groups": meta[["iso3", "wb_region", "income_group", "source_id"]]},
        indicators=INDICATORS,
        notes=notes,
    )
