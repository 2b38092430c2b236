"""Gaskin & Abel (2026): deep-learning estimates of annual bilateral flows (1990-2023) and stocks (1990-2024).

Both tables are kept whole (about 1.7M flow and 1.8M stock corridors, ~2 MB + ~2.6 MB as zstd Parquet):
no display threshold is applied at ingest, so totals over small corridors stay exact. The only rows
removed are zeros (a missing pair means 0) and the model's negative stocks, which are not possible
values for a count of people.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import Schema, SourceInfo, SourceOutput, read_csv, validate

FLOWS_FILE = "gaskin_abel_flows_annual_long.csv.gz"
STOCKS_FILE = "gaskin_abel_stocks_annual_long.csv.gz"
CODE_COLUMNS = ("orig_iso3", "dest_iso3")

SOURCE = SourceInfo(
    id="gaskin_abel",
    publisher="Thomas Gaskin & Guy J. Abel",
    title="Deep learning four decades of human migration: annual bilateral migration flows and stocks",
    edition=("Global Annual Migration Data Explorer data (GitHub X80110/migration-visualization-deeplearning, "
             "data of 2026-05-22, commit 3d1d408); flows 1990-2023, stocks 1990-2024"),
    url="https://doi.org/10.1038/s41586-026-10611-7",
    licence="CC BY-NC 3.0 (explorer site terms; Zenodo licence not checked, treat as CC BY-NC)",
    licence_url="https://creativecommons.org/licenses/by-nc/3.0/",
    folder="gaskin_abel_annual_flows_stocks",
    files=(FLOWS_FILE, STOCKS_FILE),
    citation=("Gaskin, T. & Abel, G. J. (2026). Deep learning four decades of human migration. Nature 655, "
              "148-157. doi:10.1038/s41586-026-10611-7. Data: Zenodo record 15778301."),
    non_commercial=True,
    processing=(
        "All non-zero annual flows and stocks are kept, however small (no display threshold at ingest).",
        "Negative stock estimates (1,501 in this release, mostly 1991-1994, down to -4,300 for South Sudan "
        "to DR Congo in 2011) are impossible values for a count of people: those corridor-years are dropped.",
        "Stocks are shown as a second, model-based stock estimate beside UN DESA, never mixed with it.",
    ),
    caveats=(
        "Model estimates from a neural network that reconciles UN DESA stocks, Facebook-based flows and "
        "national statistics; uncertainty ranges are not included here.",
        "Annual flows count people moving in a calendar year; they are not comparable with Abel & Cohen's "
        "5-year transition flows.",
        "Most corridors are tiny model-filled values (57% of flow rows are under 10 persons); the number of "
        "corridors is not a statistic. Stock coverage jumps from ~10k pairs in 1990 to ~52k from 1995.",
        "There is no flow estimate for 2024.",
        "Stocks are model outputs, not UN figures (median ratio to UN DESA 2020 destination totals: 1.13).",
    ),
    download_urls={},
)


def _schema(name: str, value: str, lowest: float | None) -> Schema:
    return Schema(
        name,
        {"year": "int", "orig_iso3": "str", "dest_iso3": "str", value: "number"},
        key=("year", "orig_iso3", "dest_iso3"),
        ranges={"year": (1950, 2100), value: (lowest, None)},
    )


# flows must never be negative (a negative flow means the file is not what we expect);
# stocks have known negative model values that are dropped below
FLOWS_SCHEMA = _schema("gaskin_abel_flows", "flow", 0)
STOCKS_SCHEMA = _schema("gaskin_abel_stocks", "stock", None)

MEASURES = [
    {"id": "flow_annual", "label": "Annual migration flow (Gaskin & Abel)",
     "description": ("Estimated people moving from origin to destination during the calendar year "
                     "(deep-learning model)."),
     "unit": "persons per calendar year", "kind": "flow", "source_id": SOURCE.id,
     "methods": [], "default_method": ""},
    {"id": "stock_model", "label": "Migrant stock, model estimate (Gaskin & Abel)",
     "description": ("Estimated people born in origin and living in destination in the year (deep-learning model; "
                     "a second estimate beside UN DESA, not a UN figure)."),
     "unit": "persons", "kind": "stock", "source_id": SOURCE.id, "methods": [], "default_method": ""},
]



def _read(path: Path, schema: Schema) -> pd.DataFrame:
    """Read + validate one file; country codes are read as categoricals to keep 1.7M-row checks fast."""
    raw = read_csv(path, usecols=lambda c: c in schema.columns, dtype={c: "category" for c in CODE_COLUMNS})
    df = validate(raw, schema, path)
    for col in CODE_COLUMNS:
        df[col] = codes.normalise_checked_categorical(df[col], path, col)
    return df


def _corridors(df: pd.DataFrame, value: str, measure: str) -> tuple[pd.DataFrame, list[str]]:
    """Annual point corridors (year_start == year_end) for rows with a value above 0."""
    zero, negative = df[value] == 0, df[value] < 0
    keep = df.loc[~(zero | negative)]
    notes = [f"{measure}: {int(zero.sum()):,} zero rows dropped (a missing pair means 0)"]
    if negative.any():
        notes.append(f"{measure}: {int(negative.sum()):,} negative model values dropped "
                     f"(sum {int(df.loc[negative, value].sum()):,}, min {int(df.loc[negative, value].min()):,})")
    years = keep["year"].astype("int64").to_numpy()
    out = pd.DataFrame({
        "measure": measure,
        "origin": keep["orig_iso3"].reset_index(drop=True),
        "destination": keep["dest_iso3"].reset_index(drop=True),
        "year_start": years,
        "year_end": years,
        "sex": "total",
        "method": "",
        "value": keep[value].astype("float64").to_numpy(),
        "source_id": SOURCE.id,
    })
    return out, notes


def ingest(raw_dir: Path) -> SourceOutput:
    folder = Path(raw_dir) / SOURCE.folder
    flows, flow_notes = _corridors(_read(folder / FLOWS_FILE, FLOWS_SCHEMA), "flow", "flow_annual")
    stocks, stock_notes = _corridors(_read(folder / STOCKS_FILE, STOCKS_SCHEMA), "stock", "stock_model")
    return SourceOutput(
        corridors=pd.concat([flows, stocks], ignore_index=True),
        measures=MEASURES,
        notes=flow_notes + stock_notes,
    )
