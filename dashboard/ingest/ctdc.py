"""CTDC Victim-Perpetrator synthetic dataset (condensed, 1 Dec 2022): region-level, banded years.

Rows are SYNTHETIC records generated from real case data to protect victims. They support
distributions and cross-tabs only: no country codes, no annual series, and never a count of victims.
Identical rows are separate synthetic records, so the table is kept one row per record.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .base import IngestError, Schema, SourceInfo, SourceOutput, read_csv, validate

FILE = "CTDC_VPsynthetic_condensed_20221201.csv.gz"

# published column -> clean name (order kept in the detail table)
COLUMNS = {
    "yearRegister": "year_band",
    "gender": "victim_gender",
    "majorityStatus": "victim_age_group",
    "isForcedLabour": "forced_labour",
    "isSexualExploit": "sexual_exploitation",
    "UN_COO_Region": "victim_citizenship_region",
    "UN_COE_Region": "exploitation_region",
    "IP_Exploiter": "perp_exploiter",
    "IP_RecruiterBroker": "perp_recruiter_broker",
    "IP_TransactionProcess": "perp_transaction_process",
    "IP_ControlAbuseKidnap": "perp_control_abuse_kidnap",
    "IP_Gender": "perp_gender",
    "IP_ageBroad": "perp_age_band",
    "IP_citizen_UNRegion": "perp_citizenship_region",
    "IP_Relation": "perp_relation",
    "IP_PayMoney": "victim_paid_perp",
}
FLAG_COLUMNS = ("isForcedLabour", "isSexualExploit", "IP_Exploiter", "IP_RecruiterBroker", "IP_TransactionProcess",
                "IP_ControlAbuseKidnap")
REGIONS = frozenset({"Africa", "Asia", "Europe", "Americas/Oceania"})
# allowed values; columns in MULTI may hold several of them joined by ';'
VALUES = {
    "yearRegister": frozenset({"2005-2013", "2014-2018", "2019", "2020", "2021-2022"}),
    "gender": frozenset({"Female", "Male"}),
    "majorityStatus": frozenset({"Adult", "Minor"}),
    "UN_COO_Region": REGIONS,
    "UN_COE_Region": REGIONS,
    "IP_Gender": frozenset({"Female", "Male"}),
    "IP_ageBroad": frozenset({"0--29", "30--38", "39--47", "48+"}),
    "IP_citizen_UNRegion": REGIONS,
    "IP_Relation": frozenset({"StrangerUnknownOther", "FriendAcquaintance", "FamilyIntimatePartner"}),
    "IP_PayMoney": frozenset({"Yes", "No"}),
}
MULTI = ("IP_Gender", "IP_ageBroad", "IP_citizen_UNRegion", "IP_Relation", "IP_PayMoney")

SOURCE = SourceInfo(
    id="ctdc_vp_synthetic",
    publisher="Counter Trafficking Data Collaborative (CTDC), hosted by IOM",
    title="CTDC Victim-Perpetrator synthetic dataset (condensed)",
    edition="Version of 1 December 2022 (synthetic records from case data 2002-2021)",
    url="https://www.ctdatacollaborative.org/",
    licence="CTDC terms of use (attribution; re-identification prohibited)",
    licence_url="https://www.ctdatacollaborative.org/terms-use",
    folder="ctdc_trafficking",
    files=(FILE,),
    citation="Counter Trafficking Data Collaborative (2022). Victim-Perpetrator synthetic dataset, condensed "
             "version of 1 December 2022. IOM.",
    processing=(
        "One row per synthetic record as published; identical rows are separate records and are never "
        "de-duplicated (11,603 of the 21,195 rows repeat another row).",
        "Columns renamed to plain names; the 1/blank role and exploitation flags become True/missing, because "
        "blank means 'no or unknown', never 'no'.",
        "Multi-valued perpetrator fields stay as published, several values joined by ';' (e.g. 'Female;Male').",
    ),
    caveats=(
        "SYNTHETIC data: records are statistically generated from real cases to protect victims. Use them for "
        "shares and cross-tabs, never as counts of victims or cases.",
        "Victims identified by a few contributing organisations (CTDC, A21, OTSH, Polaris, LibertyShared); not a "
        "representative sample of all victims.",
        "Geography is UN region only (Americas and Oceania merged): no country figures.",
        "Registration years are banded (2005-2013, 2014-2018, 2019, 2020, 2021-2022): no annual series.",
        "Missingness is high in many fields.",
    ),
    download_urls={},
)

RAW_SCHEMA = Schema(
    "ctdc_raw",
    {**{col: "str" for col in COLUMNS if col not in FLAG_COLUMNS}, **{col: "number" for col in FLAG_COLUMNS}},
    nullable=frozenset(COLUMNS),
    ranges={col: (1, 1) for col in FLAG_COLUMNS},
    allowed={col: vals for col, vals in VALUES.items() if col not in MULTI},
)


def _check_multi_values(raw: pd.DataFrame, path: Path) -> None:
    """Every ';'-joined token of a multi-valued column must be a known label."""
    for col in MULTI:
        tokens = raw[col].dropna().astype(str).str.split(";").explode()
        bad = tokens[~tokens.isin(VALUES[col])]
        if len(bad):
            raise IngestError(path, f"unexpected value {bad.iloc[0]!r}", col, int(bad.index[0]) + 1)


def ingest(raw_dir: Path) -> SourceOutput:
    path = Path(raw_dir) / SOURCE.folder / FILE
    raw = validate(read_csv(path), RAW_SCHEMA, path)
    _check_multi_values(raw, path)

    table = raw[list(COLUMNS)].rename(columns=COLUMNS)
    for col in FLAG_COLUMNS:
        table[COLUMNS[col]] = raw[col].eq(1).astype("boolean").where(raw[col].notna(), pd.NA)
    for col in COLUMNS.values():
        if col not in {COLUMNS[c] for c in FLAG_COLUMNS}:
            table[col] = table[col].astype("string")
    table["source_id"] = SOURCE.id
    notes = [
        f"{len(table)} synthetic records kept (one row each, "
        f"{int(raw.duplicated(keep='first').sum())} identical to an earlier row: not de-duplicated)",
        "no country_year rows: the data has UN regions only",
    ]
    return SourceOutput(tables={"ctdc_synthetic": table.reset_index(drop=True)}, notes=notes)
