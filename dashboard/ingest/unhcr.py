"""UNHCR Refugee Population Statistics (refugees R package 2025.12.1, end-2025 figures).

Every table is keyed on ``coo_iso``/``coa_iso`` only: UNHCR's own ``coo``/``coa`` codes collide with ISO
codes of other countries (``ARE`` is Egypt, ``AUS`` Austria), so reading them would silently mislabel rows.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import codes
from .base import Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

POPULATION_FILE = "unhcr_population.csv.gz"
FLOWS_FILE = "unhcr_flows.csv.gz"
SOLUTIONS_FILE = "unhcr_solutions.csv.gz"
APPLICATIONS_FILE = "unhcr_asylum_applications.csv.gz"
DECISIONS_FILE = "unhcr_asylum_decisions.csv.gz"
DEMOGRAPHICS_FILE = "unhcr_demographics.csv.gz"
UNRWA_FILE = "unhcr_unrwa.csv.gz"

SOURCE_ID = "unhcr"
PSEUDO_ORIGINS = ("UNK", "XXA", "TIB")  # unknown, stateless, Tibetan: counted in totals, never a corridor end
SMALL_CELL_FLAG = "small_cell_1_5"  # UNHCR shows counts of 1-5 as 5

SOURCE = SourceInfo(
    id=SOURCE_ID,
    publisher="UNHCR, the UN Refugee Agency",
    title="Refugee Population Statistics Database",
    edition="refugees R package 2025.12.1 (end-2025 figures)",
    url="https://www.unhcr.org/refugee-statistics/",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    folder="unhcr_refugee_statistics",
    files=(POPULATION_FILE, FLOWS_FILE, SOLUTIONS_FILE, APPLICATIONS_FILE, DECISIONS_FILE, DEMOGRAPHICS_FILE,
           UNRWA_FILE),
    citation="UNHCR (2025). Refugee Population Statistics Database (UNHCR Refugee Data Finder), "
             "refugees R package version 2025.12.1. https://www.unhcr.org/refugee-statistics/",
    processing=(
        "Countries are read from UNHCR's ISO3 columns only (coo_iso, coa_iso); UNHCR's own country codes are ignored.",
        "In the flows table the codes UKN (unknown) and STA (stateless) are mapped to UNK and XXA, "
        "as in the other tables.",
        "Population stocks are reshaped to one row per year, origin, asylum country and population type; "
        "zero cells are dropped (most population types are zero for most country pairs).",
        "Other-in-need-of-protection (OIP) figures exist only from 2018: earlier years are missing, not zero.",
        "Country indicators sum the origin x asylum cells; a country-year without any reported person is left out "
        "rather than shown as 0.",
        "Flows and solutions keep only reported cells (missing means not reported, not zero).",
        "Refugee corridors leave out people whose origin is unknown, stateless or Tibetan, and the few cells where "
        "origin equals the asylum country; these are still counted in the country totals.",
        "Returns are taken from the population table (identical to the solutions table's returns).",
        "Asylum applications and decisions are kept as published; 'NA' in app_type/dec_level is a category, "
        "not missing.",
    ),
    caveats=(
        "Small-cell disclosure control: counts from 1 to 5 are published as 5, so sums over many small cells are "
        "slightly too high. Country-years whose value is exactly 5 are flagged 'small_cell_1_5'.",
        "Refugees are those under UNHCR's mandate; Palestine refugees under UNRWA are in a separate table.",
        "UNHCR's IDP figures cover only IDPs of concern to UNHCR (conflict); IDMC counts all internal displacement.",
        "Figures are revised retroactively in every release, so they can differ from older UNHCR reports.",
        "Some year-on-year jumps are reclassifications, not movements (e.g. China 2021->2022, Russia 2022->2024).",
        "The 2025 demographics table leaves about 45% of people without a sex/age breakdown (shown as unknown).",
        "Asylum applications mix persons (P) and cases (C) and several procedure stages: filter app_type and app_pc "
        "before summing. In decisions, dec_total does not always equal the sum of its parts (444 rows): "
        "shown as published.",
    ),
    download_urls={},
)

POP_TYPES = ("refugees", "asylum_seekers", "returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip",
             "hst")
FLOW_TYPES = ("refugees", "asylum_seekers", "refugee_like", "oip")
SOLUTION_TYPES = ("returned_refugees", "resettlement", "naturalisation", "returned_idps")
DEMO_BANDS = ("0_4", "5_11", "12_17", "18_59", "60", "other", "total")
DEC_COLUMNS = ("dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total")

KEY = ("year", "coo_iso", "coa_iso")
CODES = {"coo_iso": "str", "coa_iso": "str"}
YEARS = {"year": (1950, 2100)}


def _counts(cols, nullable=()) -> dict:
    """Schema arguments for an origin x asylum x year table with non-negative count columns."""
    return dict(columns={"year": "int", **CODES, **{c: "number" for c in cols}},
                ranges={**YEARS, **{c: (0, None) for c in cols}}, nullable=frozenset(nullable))


POPULATION_SCHEMA = Schema("unhcr_population", key=KEY, **_counts(POP_TYPES, nullable=("oip",)))
FLOWS_SCHEMA = Schema("unhcr_flows", key=KEY, **_counts(FLOW_TYPES, nullable=FLOW_TYPES))
SOLUTIONS_SCHEMA = Schema("unhcr_solutions", key=KEY, **_counts(SOLUTION_TYPES, nullable=SOLUTION_TYPES))
UNRWA_SCHEMA = Schema("unhcr_unrwa", key=KEY, **_counts(("total",)))
APPLICATIONS_SCHEMA = Schema(
    "unhcr_asylum_applications",
    columns={"year": "int", **CODES, "procedure_type": "str", "app_type": "str", "dec_level": "str", "app_pc": "str",
             "applied": "number"},
    key=KEY + ("procedure_type", "app_type", "dec_level", "app_pc"),
    ranges={**YEARS, "applied": (0, None)},
    allowed={"procedure_type": frozenset("GJU"), "app_pc": frozenset("PC")},
)
DECISIONS_SCHEMA = Schema(
    "unhcr_asylum_decisions",
    columns={"year": "int", **CODES, "procedure_type": "str", "dec_level": "str", "dec_pc": "str",
             **{c: "number" for c in DEC_COLUMNS}},
    key=KEY + ("procedure_type", "dec_level", "dec_pc"),
    ranges={**YEARS, **{c: (0, None) for c in DEC_COLUMNS}},
    allowed={"procedure_type": frozenset("GJU"), "dec_pc": frozenset("PC")},
)
DEMO_COLUMNS = tuple(f"{s}_{b}" for s in "fm" for b in DEMO_BANDS) + ("total",)
DEMOGRAPHICS_SCHEMA = Schema(
    "unhcr_demographics",
    columns={"year": "int", **CODES, "pop_type": "str", "location": "str", "loc_type": "str", "acc_type": "str",
             **{c: "number" for c in DEMO_COLUMNS}},
    key=KEY + ("pop_type", "location", "loc_type", "acc_type"),
    ranges={**YEARS, **{c: (0, None) for c in DEMO_COLUMNS}},
)

# indicator id -> (table, column, role: which code is the country)
INDICATOR_SPECS: dict[str, tuple[str, str, str]] = {
    "refugees_hosted": ("population", "refugees", "coa_iso"),
    "refugees_originating": ("population", "refugees", "coo_iso"),
    "asylum_seekers_hosted": ("population", "asylum_seekers", "coa_iso"),
    "asylum_seekers_originating": ("population", "asylum_seekers", "coo_iso"),
    "idps_unhcr": ("population", "idps", "coa_iso"),
    "stateless": ("population", "stateless", "coa_iso"),
    "returned_refugees": ("population", "returned_refugees", "coo_iso"),
    "returned_idps": ("population", "returned_idps", "coa_iso"),
    "others_of_concern": ("population", "ooc", "coa_iso"),
    "oip_hosted": ("population", "oip", "coa_iso"),
    "resettlement_arrivals": ("solutions", "resettlement", "coa_iso"),
    "naturalisation": ("solutions", "naturalisation", "coa_iso"),
}


def _entry(id_, label, description, unit="persons", per_capita=True):
    return {"id": id_, "label": label, "description": description, "unit": unit, "theme": "displacement",
            "source_id": SOURCE_ID, "per_capita": per_capita}


INDICATORS = [
    _entry("refugees_hosted", "Refugees hosted",
           "Refugees under UNHCR mandate living in the country at end of year (all origins)."),
    _entry("refugees_originating", "Refugees from the country",
           "Refugees under UNHCR mandate originating from the country, at end of year (all asylum countries)."),
    _entry("asylum_seekers_hosted", "Asylum-seekers hosted",
           "Asylum-seekers with a pending claim in the country at end of year."),
    _entry("asylum_seekers_originating", "Asylum-seekers from the country",
           "Asylum-seekers from the country with a pending claim anywhere at end of year."),
    _entry("idps_unhcr", "IDPs of concern to UNHCR",
           "Conflict-induced internally displaced people protected or assisted by UNHCR, end of year (not all IDPs)."),
    _entry("stateless", "Stateless people",
           "Stateless people under UNHCR's statelessness mandate in the country, end of year."),
    _entry("returned_refugees", "Returned refugees",
           "Refugees who returned to the country (their origin) during the year."),
    _entry("returned_idps", "Returned IDPs", "IDPs of concern to UNHCR who returned home during the year."),
    _entry("others_of_concern", "Others of concern to UNHCR",
           "Other people of concern to UNHCR in the country (not in the other groups), end of year."),
    _entry("oip_hosted", "Other people in need of international protection",
           "People in need of international protection not reported as refugees or asylum-seekers, "
           "end of year (from 2018)."),
    _entry("resettlement_arrivals", "Resettlement arrivals",
           "Refugees admitted to the country through resettlement during the year."),
    _entry("naturalisation", "Refugees naturalised",
           "Refugees granted citizenship by the asylum country during the year."),
]

MEASURES = [{
    "id": "refugees", "label": "Refugees (UNHCR)", "unit": "persons", "kind": "stock", "source_id": SOURCE_ID,
    "methods": [], "default_method": "",
    "description": "Refugees under UNHCR mandate by origin and asylum country, end of year.",
}]


# ---------------------------------------------------------------- reading

def _load(raw_dir: Path, file: str, schema: Schema) -> pd.DataFrame:
    """Read, validate, map the ISO3 columns to canonical codes and re-check the key after the mapping."""
    path = Path(raw_dir) / SOURCE.folder / file
    df = validate(read_csv(path), schema, path)
    df = df[list(schema.columns)].copy()
    for col in ("coo_iso", "coa_iso"):
        df[col] = codes.normalise(df[col])
        codes.check_known(df[col], path, col)
    return validate(df, schema, path)


def _melt(df: pd.DataFrame, value_cols, type_name: str) -> pd.DataFrame:
    """Origin x asylum x type long table; missing (not reported) cells are dropped."""
    long = df.melt(id_vars=list(KEY), value_vars=list(value_cols), var_name=type_name, value_name="value")
    long = long.dropna(subset=["value"]).rename(columns={"coo_iso": "origin", "coa_iso": "asylum"})
    long["value"] = long["value"].astype("int64")
    long["source_id"] = SOURCE_ID
    return long.sort_values(["year", "origin", "asylum", type_name], kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------- shaping

def _indicator_rows(long: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sum the origin x asylum cells of each indicator by the country of the requested role."""
    frames = []
    for ind, (table, col, role) in INDICATOR_SPECS.items():
        type_col = "pop_type" if table == "population" else "solution_type"
        cells = long[table]
        cells = cells[cells[type_col] == col]
        by = "asylum" if role == "coa_iso" else "origin"
        agg = cells.groupby([by, "year"], as_index=False)["value"].sum(min_count=1).rename(columns={by: "iso3"})
        agg = agg[agg["value"].notna() & (agg["value"] > 0)]
        agg["flag"] = pd.array([SMALL_CELL_FLAG if v == 5 else None for v in agg["value"]], dtype="string")
        frames.append(country_year_frame(agg, ind, SOURCE_ID, flag="flag"))
    return pd.concat(frames, ignore_index=True)


def _refugee_corridors(population: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Refugee stocks origin -> asylum country, without pseudo origins/destinations or origin == asylum."""
    ref = population[population["pop_type"] == "refugees"]
    pseudo = ref["origin"].isin(PSEUDO_ORIGINS) | ref["asylum"].isin(PSEUDO_ORIGINS)
    same = (ref["origin"] == ref["asylum"]) & ~pseudo

    def left_out(mask: pd.Series, why: str) -> str:
        return (f"refugees corridors: left out {int(mask.sum()):,} cells "
                f"({int(ref.loc[mask, 'value'].sum()):,} persons, all years summed) {why}")

    notes = [left_out(pseudo, "with unknown/stateless/Tibetan origin or unknown asylum country"),
             left_out(same, "where origin equals the asylum country")]
    ref = ref[~pseudo & ~same]
    out = pd.DataFrame({
        "measure": "refugees", "origin": ref["origin"].astype(str).to_numpy(),
        "destination": ref["asylum"].astype(str).to_numpy(), "year_start": ref["year"].to_numpy(),
        "year_end": ref["year"].to_numpy(), "sex": "total", "method": "",
        "value": ref["value"].astype("float64").to_numpy(), "source_id": SOURCE_ID,
    })
    return out, notes


def _demographics_long(demo: pd.DataFrame) -> pd.DataFrame:
    """Sex x age band rows as published (f_*/m_* columns and the overall total); zero cells dropped.

    ``sex='total', age='total'`` is the published ``total``, which exceeds female+male where no sex split exists.
    """
    ids = list(KEY) + ["pop_type", "location", "loc_type", "acc_type"]
    cols = {f"{s}_{b}": (sex, _age_label(b)) for s, sex in (("f", "female"), ("m", "male")) for b in DEMO_BANDS}
    cols["total"] = ("total", "total")
    long = demo.melt(id_vars=ids, value_vars=list(cols), var_name="column", value_name="value")
    long = long[long["value"] != 0]
    long["sex"] = long["column"].map({c: v[0] for c, v in cols.items()})
    long["age"] = long["column"].map({c: v[1] for c, v in cols.items()})
    long = long.drop(columns="column").rename(columns={"coo_iso": "origin", "coa_iso": "asylum"})
    long["value"] = long["value"].astype("int64")
    long["source_id"] = SOURCE_ID
    order = ["year", "origin", "asylum", "pop_type", "location", "loc_type", "acc_type", "sex", "age"]
    return long[order + ["value", "source_id"]].sort_values(order, kind="mergesort").reset_index(drop=True)


def _age_label(band: str) -> str:
    return {"60": "60+", "other": "unknown", "total": "total"}.get(band, band.replace("_", "-"))


def _renamed(df: pd.DataFrame) -> pd.DataFrame:
    out = df.rename(columns={"coo_iso": "origin", "coa_iso": "asylum"}).copy()
    out["source_id"] = SOURCE_ID
    return out


def ingest(raw_dir: Path) -> SourceOutput:
    population = _load(raw_dir, POPULATION_FILE, POPULATION_SCHEMA)
    flows = _load(raw_dir, FLOWS_FILE, FLOWS_SCHEMA)
    solutions = _load(raw_dir, SOLUTIONS_FILE, SOLUTIONS_SCHEMA)
    applications = _load(raw_dir, APPLICATIONS_FILE, APPLICATIONS_SCHEMA)
    decisions = _load(raw_dir, DECISIONS_FILE, DECISIONS_SCHEMA)
    demographics = _load(raw_dir, DEMOGRAPHICS_FILE, DEMOGRAPHICS_SCHEMA)
    unrwa = _load(raw_dir, UNRWA_FILE, UNRWA_SCHEMA)

    pop_long = _melt(population, POP_TYPES, "pop_type")
    zeros = int((pop_long["value"] == 0).sum())
    pop_long = pop_long[pop_long["value"] != 0].reset_index(drop=True)
    sol_long = _melt(solutions, SOLUTION_TYPES, "solution_type")
    flow_long = _melt(flows, FLOW_TYPES, "flow_type")
    notes = [
        f"unhcr_population: {len(population):,} wide rows -> {len(pop_long):,} long rows; dropped {zeros:,} zero "
        f"cells and {int(population['oip'].isna().sum()):,} missing OIP cells "
        "(OIP is reported only from 2018, for few pairs)",
        f"unhcr_flows: {len(flow_long):,} reported cells kept of {len(flows) * len(FLOW_TYPES):,} (rest not reported)",
        f"unhcr_solutions: {len(sol_long):,} reported cells kept of {len(solutions) * len(SOLUTION_TYPES):,}",
    ]
    country_year = _indicator_rows({"population": pop_long, "solutions": sol_long})
    notes.append(f"{int((country_year['flag'] == SMALL_CELL_FLAG).sum()):,} country-year values are exactly 5 "
                 f"(flagged {SMALL_CELL_FLAG})")
    corridors, corridor_notes = _refugee_corridors(pop_long)
    notes += corridor_notes

    demo_long = _demographics_long(demographics)
    unrwa_long = _renamed(unrwa).rename(columns={"total": "value"})
    tables = {
        "unhcr_population": pop_long,
        "unhcr_solutions": sol_long,
        "unhcr_flows": flow_long,
        "unhcr_asylum_applications": _renamed(applications),
        "unhcr_asylum_decisions": _renamed(decisions),
        "unhcr_demographics": demo_long,
        "unhcr_unrwa": unrwa_long,
    }
    return SourceOutput(country_year=country_year, corridors=corridors, tables=tables, indicators=INDICATORS,
                        measures=MEASURES, notes=notes)
