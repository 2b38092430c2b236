"""UNODC GLOTIP: detected victims, prosecutions and convictions for trafficking in persons, 2003-2022.

The published values are text: comma thousands separators and ``<5`` for suppressed small counts. A
suppressed cell stays NaN with a flag; it is never read as 0 or 5. Some keys are published several
times (sub-forms or age groups relabelled with one label, TRAPS.md §2); those rows are summed on
purpose and flagged, so no pivot can silently pick one of them.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

FILE = "unodc_glotip_2003_2022.csv.gz"
SUPPRESSED_TXT = "<5"
SARK = "Sark"

INDICATOR_IDS = {
    "Detected trafficking victims": "trafficking_victims_detected",
    "Persons prosecuted": "trafficking_persons_prosecuted",
    "Persons convicted": "trafficking_persons_convicted",
    "Persons brought into formal contact": "trafficking_persons_suspected",
    "Offences of trafficking in persons": "trafficking_offences",
}
DIMENSIONS = frozenset({"Total", "by form of exploitation", "by citizenship", "by country of repatriation"})
SEXES = frozenset({"Total", "Female", "Male", "Other", "Unknown"})
AGES = frozenset({"Total", "0 to 17 years", "18 years or over", "Unknown"})
KEY = ["iso3", "indicator", "dimension", "category", "sex", "age", "year"]

SOURCE = SourceInfo(
    id="unodc_glotip",
    publisher="United Nations Office on Drugs and Crime (UNODC)",
    title="Global Report on Trafficking in Persons (GLOTIP): country data",
    edition="dataUNODC release of 14 April 2025 (goes with GLOTIP 2024), data years 2003-2022",
    url="https://dataunodc.un.org/dp-trafficking-persons",
    licence="UNODC terms of use (attribution)",
    licence_url="https://dataunodc.un.org/",
    folder="unodc_glotip",
    files=(FILE,),
    citation="UNODC (2025). Global Report on Trafficking in Persons: country data (dataUNODC, release of 14/04/2025).",
    processing=(
        "Values parsed from the published text (thousands separators removed). '<5' is kept as missing with the "
        "flag 'suppressed_lt5'; it is never read as 0 or 5.",
        "Dropped 128 rows flagged as source artifacts: 'Persons convicted by citizenship' for PAK, SLE, AND and SLV "
        "whose values are questionnaire cell IDs (e.g. '61,102,019'), not counts.",
        "Dropped the 26 rows for Sark (no country code, all '<5'): Sark is only part of the Bailiwick of Guernsey, "
        "so it is neither the Channel Islands (CHI) nor an ISO country.",
        "Where the same country, year, indicator and breakdown is published on several rows (sub-forms of "
        "'Other forms of exploitation', or age groups published under Age 'Total'), the rows are summed: flag "
        "'summed_duplicates'; 'includes_suppressed' when some of them were '<5' (the sum is then a lower bound); "
        "missing with 'suppressed_lt5' when all were '<5'.",
        "An empty Category (120 citizenship/repatriation rows) is kept as missing: the breakdown label was not "
        "published.",
        "Country totals (trafficking_* indicators) are the Total/Total/Total/Total rows, plus Female and Male "
        "(all ages) rows for sex.",
    ),
    caveats=(
        "Detected victims are those identified by national authorities, not prevalence estimates: trends reflect "
        "detection capacity as well as trafficking.",
        "Country coverage changes every year; do not sum countries into a world trend without fixing the country set.",
        "Totals are shown as published and often differ from the sum of their breakdowns ('<5' cells, other/unknown "
        "sex).",
        "Citizenship categories are free text in several languages; some labels have broken accents as published.",
    ),
    download_urls={},
)

RAW_SCHEMA = Schema(
    "unodc_glotip_raw",
    {"Iso3_code": "str", "Country": "str", "Indicator": "str", "Dimension": "str", "Category": "str", "Sex": "str",
     "Age": "str", "Year": "int", "Unit of measurement": "str", "txtVALUE": "str", "value": "number",
     "value_suppressed_lt5": "bool", "source_artifact_flag": "bool"},
    nullable=frozenset({"Iso3_code", "Category", "value"}),  # Category empty in 120 breakdown rows
    ranges={"Year": (2000, 2030), "value": (0, None)},
    allowed={"Indicator": frozenset(INDICATOR_IDS), "Dimension": DIMENSIONS, "Sex": SEXES, "Age": AGES,
             "Unit of measurement": frozenset({"Counts"})},
)

INDICATORS = [
    {"id": "trafficking_victims_detected", "label": "Detected victims of trafficking", "unit": "persons",
     "theme": "trafficking", "source_id": SOURCE.id, "per_capita": True,
     "description": "Victims of trafficking in persons detected by national authorities (UNODC GLOTIP)."},
    {"id": "trafficking_persons_prosecuted", "label": "Persons prosecuted for trafficking", "unit": "persons",
     "theme": "trafficking", "source_id": SOURCE.id, "per_capita": True,
     "description": "Persons prosecuted for trafficking in persons (UNODC GLOTIP)."},
    {"id": "trafficking_persons_convicted", "label": "Persons convicted of trafficking", "unit": "persons",
     "theme": "trafficking", "source_id": SOURCE.id, "per_capita": True,
     "description": "Persons convicted of trafficking in persons (UNODC GLOTIP)."},
    {"id": "trafficking_persons_suspected", "label": "Suspected traffickers (formal contact)", "unit": "persons",
     "theme": "trafficking", "source_id": SOURCE.id, "per_capita": True,
     "description": "Persons brought into formal contact with the police for trafficking in persons (UNODC GLOTIP)."},
    {"id": "trafficking_offences", "label": "Trafficking offences recorded", "unit": "offences",
     "theme": "trafficking", "source_id": SOURCE.id, "per_capita": True,
     "description": "Offences of trafficking in persons recorded by the police (UNODC GLOTIP)."},
]


def _parse_counts(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Parse txtVALUE ourselves and check it agrees with the staged value/suppression columns."""
    txt = raw["txtVALUE"].astype("string").str.strip()
    suppressed = txt == SUPPRESSED_TXT
    well_formed = txt.str.fullmatch(r"\d{1,3}(,\d{3})*|\d+") | suppressed
    bad = ~well_formed.fillna(False)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"not a count or '<5': {raw['txtVALUE'].iloc[pos]!r}", "txtVALUE", pos + 1)
    number = pd.to_numeric(txt.str.replace(",", "", regex=False).where(~suppressed), errors="raise").astype("float64")
    disagree = (suppressed != raw["value_suppressed_lt5"]) | ~((number == raw["value"]) | (number.isna() & raw["value"].isna()))
    if disagree.any():
        pos = int(disagree.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"txtVALUE {txt.iloc[pos]!r} disagrees with value/value_suppressed_lt5", "value", pos + 1)
    out = raw.assign(number=number.to_numpy(), suppressed=suppressed.to_numpy(dtype=bool), txt=txt.to_numpy())
    return out


def _aggregate_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """One row per key: sum repeated rows on purpose and flag how the value was made."""
    repeated = df.duplicated(KEY, keep=False)
    single = df.loc[~repeated, KEY].assign(value=df.loc[~repeated, "number"], n_rows=1,
                                           n_suppressed=df.loc[~repeated, "suppressed"].astype(int),
                                           value_txt=df.loc[~repeated, "txt"])
    grouped = df[repeated].groupby(KEY, sort=False, observed=True, dropna=False)
    summed = grouped.agg(value=("number", lambda s: s.sum(min_count=1)), n_rows=("number", "size"),
                         n_suppressed=("suppressed", "sum"), value_txt=("txt", " + ".join)).reset_index()
    out = pd.concat([single, summed], ignore_index=True).sort_values(KEY, kind="mergesort", ignore_index=True)
    flag = pd.Series(pd.NA, index=out.index, dtype="string")
    flag[out["n_rows"] > 1] = "summed_duplicates"
    flag[(out["n_suppressed"] > 0) & (out["n_suppressed"] < out["n_rows"])] = "includes_suppressed"
    flag[out["n_suppressed"] == out["n_rows"]] = "suppressed_lt5"
    out["flag"] = flag
    return out


def _country_totals(detail: pd.DataFrame) -> pd.DataFrame:
    """National totals (all forms, all ages), total and by sex, as country_year rows."""
    tot = detail[(detail["dimension"] == "Total") & (detail["category"] == "Total") & (detail["age"] == "Total")
                 & detail["sex"].isin(["Total", "Female", "Male"])].copy()
    tot["sex"] = tot["sex"].str.lower()
    frames = [country_year_frame(part, INDICATOR_IDS[label], SOURCE.id, sex="sex", flag="flag")
              for label, part in tot.groupby("indicator", sort=True)]
    return pd.concat(frames, ignore_index=True)


def ingest(raw_dir: Path) -> SourceOutput:
    path = Path(raw_dir) / SOURCE.folder / FILE
    raw = validate(read_csv(path), RAW_SCHEMA, path)
    notes = []

    artifacts = raw["source_artifact_flag"]
    raw = raw[~artifacts].reset_index(drop=True)
    notes.append(f"{int(artifacts.sum())} source-artifact rows dropped (questionnaire cell IDs, not counts)")

    no_code = raw["Iso3_code"].isna()
    not_sark = no_code & (raw["Country"] != SARK)
    if not_sark.any():
        pos = int(not_sark.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"empty code for {raw['Country'].iloc[pos]!r}", "Iso3_code", pos + 1)
    raw = raw[~no_code].reset_index(drop=True)
    notes.append(f"{int(no_code.sum())} Sark rows (no country code) dropped")

    raw = _parse_counts(raw, path)
    raw["iso3"] = codes.normalise(raw["Iso3_code"])
    codes.check_known(raw["iso3"], path, "Iso3_code")
    raw = raw.rename(columns={"Indicator": "indicator", "Dimension": "dimension", "Category": "category",
                              "Sex": "sex", "Age": "age", "Year": "year"})

    detail = _aggregate_duplicates(raw)
    summed = detail[detail["n_rows"] > 1]
    notes.append(f"{int(summed['n_rows'].sum())} rows in {len(summed)} repeated key groups summed into one row each "
                 f"({int((summed['flag'] == 'includes_suppressed').sum())} include '<5' cells, "
                 f"{int((summed['flag'] == 'suppressed_lt5').sum())} are all '<5')")
    notes.append(f"{int((detail['flag'] == 'suppressed_lt5').sum())} cells suppressed ('<5') kept as missing")
    detail["source_id"] = SOURCE.id
    detail = detail[["iso3", "year", "indicator", "dimension", "category", "sex", "age", "value", "flag",
                     "value_txt", "source_id"]]
    detail["iso3"] = detail["iso3"].astype(str)
    detail["year"] = detail["year"].astype("int64")
    return SourceOutput(
        country_year=_country_totals(detail),
        tables={"unodc_glotip": detail.reset_index(drop=True)},
        indicators=INDICATORS,
        notes=notes,
    )
