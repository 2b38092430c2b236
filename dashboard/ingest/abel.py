"""Abel & Cohen: bilateral migration flow estimates over 5-year periods 1990-2020, six estimation methods.

The tidy long CSV staged from the Global Migration Data Explorer holds one row per (method, period,
origin, destination) with separate total / male / female model runs; the per-country totals file
gives the publisher's in- and outflow for each country, used here for the default method only.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

FLOWS_FILE = "abel_cohen_bilateral_flows_long.csv.gz"
TOTALS_FILE = "abel_cohen_country_flow_totals.csv.gz"

METHODS = ("da_pb_closed", "da_min_closed", "da_min_open", "sd_drop_neg", "sd_rev_neg", "mig_rate")
DEFAULT_METHOD = "da_pb_closed"
PERIOD_YEARS = 5
SEX_COLUMNS = {"total": "flow_total", "female": "flow_female", "male": "flow_male"}

SOURCE = SourceInfo(
    id="abel_cohen",
    publisher="Guy J. Abel & Joel E. Cohen",
    title="Bilateral international migration flow estimates for 200 countries (5-year periods, six methods)",
    edition=("Global Migration Data Explorer data (GitHub X80110/migration-visualization, flow files of "
             "2023-04-28, commit d0c74c8); periods 1990-1995 to 2015-2020"),
    url="https://doi.org/10.6084/m9.figshare.7731233",
    licence="CC BY-NC 3.0 (as published on the explorer site; treat as non-commercial)",
    licence_url="https://creativecommons.org/licenses/by-nc/3.0/",
    folder="abel_bilateral_flows",
    files=(FLOWS_FILE, TOTALS_FILE),
    citation=("Abel, G. J. & Cohen, J. E. (2019). Bilateral international migration flow estimates for 200 "
              "countries. Scientific Data 6, 82. doi:10.1038/s41597-019-0089-3"),
    non_commercial=True,
    processing=(
        "Kept the six estimation methods as separate series; the default shown is da_pb_closed (closed "
        "demographic accounting, pseudo-Bayesian), the method the authors validate best. Methods are never mixed.",
        "Total, female and male flows are separate model runs and are kept as published: none is derived "
        "from the others (male + female differs from total in most corridors).",
        "A corridor is stored for a sex only where that flow is above 0 (a 0 means no estimated flow).",
        "Serbia & Montenegro (SCG) is kept as a historical entity for the periods 1990-1995 to 2005-2010; "
        "Serbia (SRB) and Montenegro (MNE) appear separately from the 2010-2015 period.",
        "Emigration and immigration totals are the publisher's per-country totals for the default method, "
        "stored under the period start year (1990 = flow during 1990-1995). Country-periods with neither "
        "inflow nor outflow (the country did not exist then, e.g. South Sudan before 2010) are dropped.",
    ),
    caveats=(
        "Model estimates, not observed counts; the six methods differ strongly in level (global 2015-2020 "
        "total from 35M to 101M persons).",
        "Flows are 5-year transitions (people living in another country at the end of the period than at "
        "the start); moves followed by return or death within the period are not counted. Not comparable "
        "with annual flows.",
        "SDN is former Sudan including South Sudan up to the 2005-2010 period and Sudan without South Sudan "
        "from 2010-2015.",
    ),
    download_urls={},
)

FLOWS_SCHEMA = Schema(
    "abel_cohen_bilateral_flows",
    {"method": "str", "year0": "int", "year1": "int", "orig_iso3": "str", "dest_iso3": "str",
     "flow_total": "number", "flow_male": "number", "flow_female": "number"},
    key=("method", "year0", "orig_iso3", "dest_iso3"),
    ranges={"year0": (1950, 2100), "year1": (1950, 2100),
            "flow_total": (0, None), "flow_male": (0, None), "flow_female": (0, None)},
    allowed={"method": frozenset(METHODS)},
)
TOTALS_SCHEMA = Schema(
    "abel_cohen_country_totals",
    {"method": "str", "year0": "int", "year1": "int", "iso3": "str", "total_inflow": "number",
     "total_outflow": "number"},
    key=("method", "year0", "iso3"),
    ranges={"year0": (1950, 2100), "year1": (1950, 2100), "total_inflow": (0, None), "total_outflow": (0, None)},
    allowed={"method": frozenset(METHODS)},
)

MEASURES = [{
    "id": "flow_5y", "label": "Migration flow over 5 years (Abel & Cohen)",
    "description": ("Estimated number of people who moved from origin to destination during a 5-year period "
                    "(transition flow; model estimate, one of six methods)."),
    "unit": "persons over the 5-year period", "kind": "flow", "source_id": SOURCE.id,
    "methods": list(METHODS), "default_method": DEFAULT_METHOD,
}]

INDICATORS = [
    {"id": "emigration_flow_5y", "label": "Emigration over 5 years (Abel & Cohen)", "unit": "persons per 5-year period",
     "theme": "flows", "source_id": SOURCE.id, "per_capita": True,
     "description": ("Estimated people leaving the country during the 5-year period starting in the year shown "
                     "(da_pb_closed method, model estimate).")},
    {"id": "immigration_flow_5y", "label": "Immigration over 5 years (Abel & Cohen)",
     "unit": "persons per 5-year period", "theme": "flows", "source_id": SOURCE.id, "per_capita": True,
     "description": ("Estimated people arriving in the country during the 5-year period starting in the year shown "
                     "(da_pb_closed method, model estimate).")},
]



def _read(path: Path, schema: Schema) -> pd.DataFrame:
    """Read + validate one file, check the 5-year periods and normalise/check its country codes."""
    code_cols = [c for c in schema.columns if c.endswith("iso3")]
    categorical = {c: "category" for c in [*code_cols, "method"]}
    df = validate(read_csv(path, usecols=lambda c: c in schema.columns, dtype=categorical), schema, path)
    bad = df["year1"] != df["year0"] + PERIOD_YEARS
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 1
        raise IngestError(path, f"period end {df['year1'].iloc[row - 1]} is not start + {PERIOD_YEARS}", "year1", row)
    for col in code_cols:
        df[col] = codes.normalise_checked_categorical(df[col], path, col)
    return df


def _corridors(flows: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One row per (method, period, origin, destination, sex) where that sex's flow is above 0."""
    parts, notes = [], []
    for sex, col in SEX_COLUMNS.items():
        keep = flows[col] > 0
        notes.append(f"flow_5y {sex}: {int((~keep).sum()):,} rows with a 0 {sex} flow not stored")
        part = flows.loc[keep]
        parts.append(pd.DataFrame({
            "measure": "flow_5y",
            "origin": part["orig_iso3"].reset_index(drop=True),
            "destination": part["dest_iso3"].reset_index(drop=True),
            "year_start": part["year0"].astype("int64").to_numpy(),
            "year_end": part["year1"].astype("int64").to_numpy(),
            "sex": sex,
            "method": part["method"].reset_index(drop=True),
            "value": part[col].astype("float64").to_numpy(),
            "source_id": SOURCE.id,
        }))
    return pd.concat(parts, ignore_index=True), notes


def _country_totals(totals: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Default-method emigration/immigration per country, dropping country-periods that did not exist."""
    dm = totals[totals["method"] == DEFAULT_METHOD].rename(columns={"year0": "year"})
    absent = (dm["total_inflow"] == 0) & (dm["total_outflow"] == 0)
    dm = dm.loc[~absent]
    frames = [country_year_frame(dm, "emigration_flow_5y", SOURCE.id, value="total_outflow"),
              country_year_frame(dm, "immigration_flow_5y", SOURCE.id, value="total_inflow")]
    note = f"country totals ({DEFAULT_METHOD}): {int(absent.sum())} country-periods with no in- or outflow dropped"
    return pd.concat(frames, ignore_index=True), [note]


def ingest(raw_dir: Path) -> SourceOutput:
    folder = Path(raw_dir) / SOURCE.folder
    flows = _read(folder / FLOWS_FILE, FLOWS_SCHEMA)
    totals = _read(folder / TOTALS_FILE, TOTALS_SCHEMA)
    corridors, notes = _corridors(flows)
    country_year, total_notes = _country_totals(totals)
    return SourceOutput(
        country_year=country_year,
        corridors=corridors,
        indicators=INDICATORS,
        measures=MEASURES,
        notes=notes + total_notes,
    )
