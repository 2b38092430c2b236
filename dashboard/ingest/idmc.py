"""IDMC internal displacement: GIDD country-year export (2023 release), IOM GDI repackaging, UNHCR republication.

IDMC revises every year and the staged copies come from three vintages that disagree for some
country-years (TRAPS.md: "pick one IDMC vintage per measure and label it"). So each vintage is its own
source id, and no indicator mixes two of them.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

GIDD_FILE = "idmc_gidd_country_year_2008_2022.csv.gz"
SADD_FILE = "idmc_gidd_idp_sadd_estimates_2022.csv.gz"
BY_CAUSE_FILE = "idmc_new_displacements_by_cause_2008_2023.csv.gz"
STOCK_SEX_AGE_FILE = "idmc_idp_stock_by_sex_age_2024.csv.gz"
VIA_UNHCR_FILE = "unhcr_idmc_conflict_idps_via_unhcr.csv.gz"

PUBLISHER = "Internal Displacement Monitoring Centre (IDMC)"
LICENCE = "CC BY-NC 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-nc/4.0/"
URL = "https://www.internal-displacement.org/database/displacement-data"
WORLD_TOTAL_FLAG = "world_total"  # via-UNHCR 1990-2008: only a world figure, stored under UNK

IDMC_GIDD = SourceInfo(
    id="idmc",
    publisher=PUBLISHER,
    title="Global Internal Displacement Database (GIDD)",
    edition="GIDD export, 2023 release (last update 11 May 2023; conflict 2009-2022, disasters 2008-2022)",
    url=URL, licence=LICENCE, licence_url=LICENCE_URL, non_commercial=True,
    folder="idmc_gidd",
    files=(GIDD_FILE, SADD_FILE),
    citation="Internal Displacement Monitoring Centre (2023). Global Internal Displacement Database, "
             "2023 release. https://www.internal-displacement.org/database/displacement-data",
    processing=(
        "Values are IDMC's unrounded ('Raw') figures; IDMC's rounded figures are not used.",
        "Missing figures (not reported) are left out; a reported 0 is kept.",
        "Abyei Area (AB9) and Kosovo (XKX) are kept as their own entities.",
        "Sex/age estimates are kept as published by age band; the bands overlap and are never added up.",
    ),
    caveats=(
        "New displacements count movements, not people: one person displaced twice in a year counts twice.",
        "Disaster stocks are reported for most countries only from about 2019.",
        "IDMC revises figures retroactively; later releases can differ for the same country-year.",
        "Sex/age figures for 2021-2022 are modelled by IDMC from UN WPP age/sex structures, not counted.",
    ),
)

IDMC_GDI = SourceInfo(
    id="idmc_gdidata",
    publisher=PUBLISHER,
    title="IDMC internal displacement data (new displacements by hazard; IDP stocks by sex and age)",
    edition="As repackaged by IOM Global Data Institute (gdidata, 2025-06): new displacements 2008-2023, "
            "stocks end-2024 (IDMC update of 13 May 2025)",
    url=URL, licence=LICENCE, licence_url=LICENCE_URL, non_commercial=True,
    folder="idmc_gidd",
    files=(BY_CAUSE_FILE, STOCK_SEX_AGE_FILE),
    citation="Internal Displacement Monitoring Centre, via IOM Global Data Institute (2025). New displacements "
             "2008-2023 and IDP stocks by sex and age, end-2024.",
    processing=(
        "Kept as published: one row per country, year and hazard (or conflict), and per cause, sex and age band.",
        "Hazards other than conflict are grouped under cause 'disaster'.",
    ),
    caveats=(
        "A later IDMC vintage than the GIDD 2023 export: 13 conflict country-years differ (e.g. India 2019).",
        "2024 new displacements are not included.",
    ),
)

IDMC_VIA_UNHCR = SourceInfo(
    id="idmc_via_unhcr",
    publisher=PUBLISHER,
    title="IDMC conflict IDP stock, as republished by UNHCR",
    edition="UNHCR refugees R package 2025.12.1 (end-2025 figures); by country 2009-2025, world total 1990-2008",
    url=URL, licence=LICENCE, licence_url=LICENCE_URL, non_commercial=True,
    folder="unhcr_refugee_statistics",
    files=(VIA_UNHCR_FILE,),
    citation="Internal Displacement Monitoring Centre, as published in UNHCR's Refugee Population Statistics "
             "Database (refugees R package 2025.12.1).",
    processing=(
        "1990-2008 exist only as world totals: stored under 'Unknown' (UNK) and flagged 'world_total'.",
        "Figures are IDMC's rounded figures as republished by UNHCR.",
    ),
    caveats=(
        "A later IDMC vintage than the GIDD 2023 export: 56 of 733 overlapping country-years differ "
        "(e.g. Turkey 2016-2019).",
    ),
)
SOURCES = (IDMC_GIDD, IDMC_GDI, IDMC_VIA_UNHCR)

# indicator id -> raw GIDD column (unrounded)
GIDD_COLUMNS = {
    "new_displacements_conflict": "Conflict Internal Displacements (Raw)",
    "new_displacements_disaster": "Disaster Internal Displacements (Raw)",
    "idps_conflict": "Conflict Stock Displacement (Raw)",
    "idps_disaster": "Disaster Stock Displacement (Raw)",
}
HAZARDS = frozenset({"conflict", "flood", "storm", "earthquake", "mass movement", "wildfire", "drought",
                     "extreme temperature", "volcanic activity", "erosion", "wave action"})
SADD_BANDS = ("0-1", "0-4", "0-14", "0-17", "0-24", "5-11", "5-14", "12-14", "12-16", "15-17", "15-24", "25-64", "65+")
SADD_SEX = {"Both sexes": "total", "Female": "female", "Male": "male"}

GIDD_SCHEMA = Schema(
    "idmc_gidd", {"ISO3": "str", "Year": "int", **{c: "number" for c in GIDD_COLUMNS.values()}},
    key=("ISO3", "Year"), nullable=frozenset(GIDD_COLUMNS.values()),
    ranges={"Year": (2000, 2100), **{c: (0, None) for c in GIDD_COLUMNS.values()}},
)
SADD_SCHEMA = Schema(
    "idmc_sadd", {"ISO3": "str", "Year": "int", "Sex": "str", "Cause": "str", **{b: "number" for b in SADD_BANDS}},
    key=("ISO3", "Year", "Sex", "Cause"), ranges={"Year": (2000, 2100), **{b: (0, None) for b in SADD_BANDS}},
    allowed={"Sex": frozenset(SADD_SEX), "Cause": frozenset({"Conflict", "Disaster"})},
)
BY_CAUSE_SCHEMA = Schema(
    "idmc_by_cause", {"iso3": "str", "year": "int", "hazard_or_cause": "str", "new_displacements": "number"},
    key=("iso3", "year", "hazard_or_cause"), ranges={"year": (2000, 2100), "new_displacements": (0, None)},
    allowed={"hazard_or_cause": HAZARDS},
)
STOCK_SEX_AGE_SCHEMA = Schema(
    "idmc_stock_sex_age", {"iso3": "str", "year": "int", "cause": "str", "sex": "str", "age": "str", "idps": "number"},
    key=("iso3", "year", "cause", "sex", "age"), ranges={"year": (2000, 2100), "idps": (0, None)},
    allowed={"cause": frozenset({"conflict", "disaster"}), "sex": frozenset({"female", "male", "unknown"}),
             "age": frozenset({"0-4", "5-11", "12-17", "18-59", "60+", "unknown"})},
)
VIA_UNHCR_SCHEMA = Schema(
    "idmc_via_unhcr", {"year": "int", "coo_iso": "str", "coa_iso": "str", "total": "number"},
    key=("year", "coo_iso", "coa_iso"), ranges={"year": (1950, 2100), "total": (0, None)},
)


def _entry(id_, label, description, source_id, per_capita=True, unit="persons"):
    return {"id": id_, "label": label, "description": description, "unit": unit, "theme": "displacement",
            "source_id": source_id, "per_capita": per_capita}


INDICATORS = [
    _entry("new_displacements_conflict", "New displacements (conflict)",
           "Internal displacements caused by conflict and violence during the year (IDMC GIDD). These are movements, "
           "not people: one person can be displaced several times in a year.", "idmc", unit="movements"),
    _entry("new_displacements_disaster", "New displacements (disasters)",
           "Internal displacements caused by disasters during the year (IDMC GIDD). These are movements, not people: "
           "one person can be displaced several times in a year.", "idmc", unit="movements"),
    _entry("idps_conflict", "IDPs (conflict)",
           "People internally displaced by conflict and violence at the end of the year (IDMC GIDD).", "idmc"),
    _entry("idps_disaster", "IDPs (disasters)",
           "People internally displaced by disasters at the end of the year (IDMC GIDD).", "idmc"),
    _entry("idps_conflict_via_unhcr", "IDPs (conflict), IDMC via UNHCR",
           "IDMC conflict IDP stock at end of year as republished by UNHCR (later vintage, to 2025).",
           "idmc_via_unhcr"),
]


def _load(raw_dir: Path, info: SourceInfo, file: str, schema: Schema, code_cols: tuple[str, ...]) -> pd.DataFrame:
    """Read and validate one file, then map its country codes to canonical ones and re-check the key."""
    path = Path(raw_dir) / info.folder / file
    df = validate(read_csv(path), schema, path)
    df = df[list(schema.columns)].copy()
    for col in code_cols:
        df[col] = codes.normalise(df[col])
        codes.check_known(df[col], path, col)
    return validate(df, schema, path)


def _gidd_indicators(gidd: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    frames, notes = [], []
    rows = gidd.rename(columns={"ISO3": "iso3", "Year": "year"})
    for ind, col in GIDD_COLUMNS.items():
        part = rows[["iso3", "year", col]].dropna(subset=[col])
        zeros = int((part[col] == 0).sum())
        notes.append(f"{ind}: {len(part):,} reported country-years ({zeros} reported zeros kept), "
                     f"{len(rows) - len(part):,} not reported left out")
        frames.append(country_year_frame(part, ind, IDMC_GIDD.id, value=col))
    return pd.concat(frames, ignore_index=True), notes


def _via_unhcr_indicator(via: pd.DataFrame, path: Path) -> pd.DataFrame:
    """One row per country-year; 1990-2008 hold only a world total (code UNK), flagged as such."""
    if (via["coo_iso"] != via["coa_iso"]).any():
        raise IngestError(path, "origin and country differ; expected one country per IDP row", "coa_iso")
    rows = via.rename(columns={"coa_iso": "iso3"})
    first_country_year = rows.loc[rows["iso3"] != "UNK", "year"].min()
    world = (rows["iso3"] == "UNK") & (rows["year"] < first_country_year)
    rows["flag"] = pd.array([WORLD_TOTAL_FLAG if w else None for w in world], dtype="string")
    return country_year_frame(rows, "idps_conflict_via_unhcr", IDMC_VIA_UNHCR.id, value="total", flag="flag")


def _by_cause_table(by_cause: pd.DataFrame) -> pd.DataFrame:
    out = by_cause.rename(columns={"hazard_or_cause": "hazard", "new_displacements": "value"})
    out["cause"] = out["hazard"].where(out["hazard"] == "conflict", "disaster")
    out["value"] = out["value"].astype("int64")
    out["source_id"] = IDMC_GDI.id
    return out[["iso3", "year", "cause", "hazard", "value", "source_id"]] \
        .sort_values(["iso3", "year", "cause", "hazard"], kind="mergesort").reset_index(drop=True)


def _age_bounds(band: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'5-11' -> (5, 11); '65+' -> (65, NA); 'unknown' -> (NA, NA)."""
    parts = band.str.extract(r"^(\d+)(?:-(\d+)|\+)$")
    return parts[0].astype("Int64"), parts[1].astype("Int64")


def _sex_age_table(sadd: pd.DataFrame, stock: pd.DataFrame) -> pd.DataFrame:
    """Both sex/age series in one long table; ``bands_overlap`` marks the 2021-22 modelled bands (never add them)."""
    modelled = sadd.melt(id_vars=["ISO3", "Year", "Sex", "Cause"], value_vars=list(SADD_BANDS),
                         var_name="age_band", value_name="value")
    modelled = pd.DataFrame({
        "iso3": modelled["ISO3"], "year": modelled["Year"], "cause": modelled["Cause"].str.lower(),
        "sex": modelled["Sex"].map(SADD_SEX), "age_band": modelled["age_band"], "bands_overlap": True,
        "value": modelled["value"], "source_id": IDMC_GIDD.id,
    })
    counted = pd.DataFrame({
        "iso3": stock["iso3"], "year": stock["year"], "cause": stock["cause"], "sex": stock["sex"],
        "age_band": stock["age"], "bands_overlap": False, "value": stock["idps"], "source_id": IDMC_GDI.id,
    })
    out = pd.concat([modelled, counted], ignore_index=True)
    out["age_min"], out["age_max"] = _age_bounds(out["age_band"].astype(str))
    out["value"] = out["value"].astype("int64")
    cols = ["iso3", "year", "cause", "sex", "age_band", "age_min", "age_max", "bands_overlap", "value", "source_id"]
    return out[cols].sort_values(["year", "iso3", "cause", "sex", "age_min", "age_max"], kind="mergesort") \
        .reset_index(drop=True)


def ingest(raw_dir: Path) -> SourceOutput:
    gidd = _load(raw_dir, IDMC_GIDD, GIDD_FILE, GIDD_SCHEMA, ("ISO3",))
    sadd = _load(raw_dir, IDMC_GIDD, SADD_FILE, SADD_SCHEMA, ("ISO3",))
    by_cause = _load(raw_dir, IDMC_GDI, BY_CAUSE_FILE, BY_CAUSE_SCHEMA, ("iso3",))
    stock = _load(raw_dir, IDMC_GDI, STOCK_SEX_AGE_FILE, STOCK_SEX_AGE_SCHEMA, ("iso3",))
    via_path = Path(raw_dir) / IDMC_VIA_UNHCR.folder / VIA_UNHCR_FILE
    via = _load(raw_dir, IDMC_VIA_UNHCR, VIA_UNHCR_FILE, VIA_UNHCR_SCHEMA, ("coo_iso", "coa_iso"))

    gidd_rows, notes = _gidd_indicators(gidd)
    via_rows = _via_unhcr_indicator(via, via_path)
    notes.append(f"idps_conflict_via_unhcr: {int((via_rows['flag'] == WORLD_TOTAL_FLAG).sum())} world-total years "
                 "stored under UNK (no country split before 2009)")
    tables = {
        "idmc_new_displacements_by_cause": _by_cause_table(by_cause),
        "idmc_idp_sex_age": _sex_age_table(sadd, stock),
    }
    return SourceOutput(country_year=pd.concat([gidd_rows, via_rows], ignore_index=True), tables=tables,
                        indicators=INDICATORS, notes=notes)
