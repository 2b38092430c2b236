"""UNODC GLOTIP: detected victims, prosecutions and convictions for trafficking in persons, 2003-2022.

The published values are text: comma thousands separators and ``<5`` for suppressed small counts. A
suppressed cell stays NaN with a flag; it is never read as 0 or 5. Some keys are published several
times (sub-forms or age groups relabelled with one label, TRAPS.md §2); those rows are summed on
purpose and flagged, so no pivot can silently pick one of them.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..rules import INEXACT_FLAGS
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
        "A national total published as '<5' while the same file publishes a complete breakdown adding up to 5 or "
        "more (by sex: female, male, other, unknown; or by age: 0-17, 18+, unknown; every cell a number) is "
        "rebuilt as the largest such sum and flagged 'from_parts'.",
        "Where the published breakdown exceeds its own published total (a cell above the total, female + male "
        "above it, girls + boys above the children), the victims' shares are kept, since they use only the parts, "
        "and flagged 'parts_exceed_published_total'; the total stays as published.",
        "Girls, boys, women, men, children and adults are the published cells of the sex x age breakdown; the "
        "shares female and children divide by the victims of known sex (female + male) or known age "
        "(0-17 + 18+), so unknowns never enter a denominator. A suppressed part leaves the share missing.",
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
_VICTIMS = "Detected trafficking victims"
# Who the detected victims are: published cells of UNODC's sex x age breakdown (dimension and category Total)
BREAKDOWN = {  # indicator id -> (label, who, (sex, age) cell)
    "trafficking_victims_girls": ("Detected victims: girls", "girls (female, 0-17 years)", ("Female", "0 to 17 years")),
    "trafficking_victims_boys": ("Detected victims: boys", "boys (male, 0-17 years)", ("Male", "0 to 17 years")),
    "trafficking_victims_women": ("Detected victims: women", "women (female, 18 years or over)",
                                  ("Female", "18 years or over")),
    "trafficking_victims_men": ("Detected victims: men", "men (male, 18 years or over)", ("Male", "18 years or over")),
    "trafficking_victims_children": ("Detected victims: children", "children (0-17 years, any sex)",
                                     ("Total", "0 to 17 years")),
    "trafficking_victims_adults": ("Detected victims: adults", "adults (18 years or over, any sex)",
                                   ("Total", "18 years or over")),
}
INDICATORS += [
    {"id": ind, "label": label, "unit": "persons", "theme": "trafficking", "source_id": SOURCE.id,
     "per_capita": True,
     "description": f"Detected victims of trafficking who are {who}: UNODC GLOTIP's published cell."}
    for ind, (label, who, _cell) in BREAKDOWN.items()
]
INDICATORS += [
    {"id": "trafficking_victims_female_share", "label": "Detected victims who are female (% of known sex)",
     "unit": "% of victims of known sex", "theme": "trafficking", "source_id": SOURCE.id, "per_capita": False,
     "description": "Women and girls as a share of detected victims whose sex is recorded as female or male "
                    "(victims of other or unknown sex are left out of both parts)."},
    {"id": "trafficking_victims_child_share", "label": "Detected victims who are children (% of known age)",
     "unit": "% of victims of known age", "theme": "trafficking", "source_id": SOURCE.id, "per_capita": False,
     "description": "Children (0 to 17 years) as a share of detected victims whose age group is recorded "
                    "(victims of unknown age are left out of both parts)."},
]
# A suppressed national total is rebuilt from a complete partition of the same country-year (every published
# cell of the partition numeric): sex (female, male, other, unknown) or age (0-17, 18+, unknown).
SEX_PARTS = ("Female", "Male", "Other")
AGE_PARTS = ("0 to 17 years", "18 years or over", "Unknown")
SUPPRESSION_LIMIT = 5
INEXACT = INEXACT_FLAGS  # a cell that is '<5' or a lower bound is not a number to use


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


def _partition_sum(cells: pd.DataFrame, required: tuple[str, str], col: str) -> float:
    """Sum of a partition's published cells if it is complete (both ``required`` labels published, no cell '<5')."""
    inexact = cells["value"].isna() | cells["flag"].isin(INEXACT)
    if not set(required) <= set(cells[col]) or inexact.any():
        return float("nan")
    return float(cells["value"].sum())


def totals_from_parts(detail: pd.DataFrame) -> pd.DataFrame:
    """(iso3, year, indicator, value) for national totals published as '<5' whose parts add up to 5 or more.

    A partition counts only when it is complete: every published cell of it is a number. The largest complete
    partition wins (each is a lower bound of the total when some victims are in neither)."""
    cells = detail[(detail["dimension"] == "Total") & (detail["category"] == "Total")]
    total = cells[(cells["sex"] == "Total") & (cells["age"] == "Total")]
    key = ["iso3", "year", "indicator"]
    hidden = total.loc[total["flag"] == "suppressed_lt5", key]
    rows = []
    for (iso3, year, indicator), c in cells.merge(hidden, on=key).groupby(key, sort=True, observed=True):
        unknown = c[(c["sex"] == "Unknown")]
        by_sex = pd.concat([c[(c["age"] == "Total") & c["sex"].isin(SEX_PARTS)], unknown])
        by_age = pd.concat([c[(c["sex"] == "Total") & c["age"].isin(AGE_PARTS)], unknown[unknown["age"] == "Unknown"]])
        best = max(_partition_sum(by_sex, ("Female", "Male"), "sex"),
                   _partition_sum(by_age, ("0 to 17 years", "18 years or over"), "age"),
                   key=lambda v: -1 if v != v else v)
        if best == best and best >= SUPPRESSION_LIMIT:
            rows.append((iso3, int(year), indicator, best))
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])


def _shares(cells: pd.DataFrame, num: tuple[str, str], other: tuple[str, str], indicator_id: str) -> pd.DataFrame:
    """num / (num + other) * 100 per country-year; a suppressed part or an empty partition is missing, flagged."""
    def cell(sex_age):
        sel = cells[(cells["sex"] == sex_age[0]) & (cells["age"] == sex_age[1])]
        return sel.set_index(["iso3", "year"])["value"].where(~sel["flag"].isin(INEXACT).to_numpy())
    a, b = cell(num), cell(other)
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1)
    den = both["a"] + both["b"]
    value = (both["a"] / den * 100).where(den > 0)
    flag = np.where(both[["a", "b"]].isna().any(axis=1).to_numpy(), "part_suppressed_or_missing",
                    np.where((den == 0).to_numpy(), "no_victims_in_partition", "derived"))
    out = pd.DataFrame({"value": value.to_numpy(), "flag": flag}, index=both.index).reset_index()
    return country_year_frame(out, indicator_id, SOURCE.id, flag="flag")


def _country_totals(detail: pd.DataFrame) -> tuple[pd.DataFrame, int, list]:
    """National totals (all forms, all ages), total and by sex, the sex x age cells and the derived shares, as
    country_year rows; and how many suppressed totals were rebuilt from their parts."""
    cells = detail[(detail["dimension"] == "Total") & (detail["category"] == "Total")].copy()
    tot = cells[(cells["age"] == "Total") & cells["sex"].isin(["Total", "Female", "Male"])].copy()
    rebuilt = totals_from_parts(detail)
    if len(rebuilt):
        key = ["iso3", "year", "indicator"]
        hit = tot.reset_index().merge(rebuilt, on=key, how="inner", suffixes=("", "_parts"))
        hit = hit[hit["sex"] == "Total"]
        tot.loc[hit["index"].to_numpy(), "value"] = hit["value_parts"].to_numpy()
        tot.loc[hit["index"].to_numpy(), "flag"] = "from_parts"
    tot["sex"] = tot["sex"].str.lower()
    frames = [country_year_frame(part, INDICATOR_IDS[label], SOURCE.id, sex="sex", flag="flag")
              for label, part in tot.groupby("indicator", sort=True)]
    victims = cells[cells["indicator"] == _VICTIMS]
    for ind, (_label, _who, (sex, age)) in BREAKDOWN.items():
        part = victims[(victims["sex"] == sex) & (victims["age"] == age)]
        frames.append(country_year_frame(part, ind, SOURCE.id, flag="flag"))
    bad = contradictions(victims)
    for num, other, ind in ((("Female", "Total"), ("Male", "Total"), "trafficking_victims_female_share"),
                            (("Total", "0 to 17 years"), ("Total", "18 years or over"), "trafficking_victims_child_share")):
        share = _shares(victims, num, other, ind)
        hit = pd.MultiIndex.from_arrays([share["iso3"], share["year"]]).isin(bad) & share["value"].notna().to_numpy()
        share.loc[hit, "flag"] = "parts_exceed_published_total"
        frames.append(share)
    return pd.concat(frames, ignore_index=True), len(rebuilt), sorted(bad)


def contradictions(victims: pd.DataFrame) -> set[tuple[str, int]]:
    """(iso3, year) where UNODC's published breakdown exceeds its own published total: a sex or sex x age cell
    above the national total, female + male above it, or girls + boys above the published children (women + men
    above the adults). The shares of these country-years are kept (they use only the parts) but flagged."""
    w = victims[victims["value"].notna()].pivot_table(index=["iso3", "year"], columns=["sex", "age"], values="value", observed=True)
    get = lambda sex, age: w[(sex, age)] if (sex, age) in w.columns else pd.Series(float("nan"), index=w.index)  # noqa: E731
    total = get("Total", "Total")
    over = pd.Series(False, index=w.index)
    for col in w.columns:
        if col != ("Total", "Total"):
            over |= (w[col] > total).fillna(False)
    over |= (get("Female", "Total") + get("Male", "Total") > total).fillna(False)
    over |= (get("Female", "0 to 17 years") + get("Male", "0 to 17 years") > get("Total", "0 to 17 years")).fillna(False)
    over |= (get("Female", "18 years or over") + get("Male", "18 years or over")
             > get("Total", "18 years or over")).fillna(False)
    return {(str(i), int(y)) for i, y in w.index[over.to_numpy()]}


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
    country_year, n_rebuilt, bad = _country_totals(detail)
    notes.append(f"{n_rebuilt} national totals published as '<5' rebuilt from a complete partition of their parts "
                 "(flag 'from_parts')")
    notes.append(f"{len(bad)} country-years where the published victims breakdown exceeds its own published total "
                 "(shares kept, flag 'parts_exceed_published_total'): "
                 + ", ".join(f"{i} {y}" for i, y in bad))
    return SourceOutput(
        country_year=country_year,
        tables={"unodc_glotip": detail.reset_index(drop=True)},
        indicators=INDICATORS,
        notes=notes,
    )
