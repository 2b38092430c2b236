"""Irregular-migration series packaged by IOM GDI `gdidata`: Frontex, Eurostat asylum, US CBP and five national series.

One staged folder holds data from eight publishers, so the module declares one SourceInfo per publisher
(``SOURCES``) and tags every row with the right ``source_id``. The UN DESA stock file and the IOM country
lookup in the same folder are read by other modules.

Detail tables: ``irregular_frontex``, ``irregular_eurostat_asylum``, ``irregular_cbp`` and
``irregular_national_series`` (Panama, Mexico, Honduras, Guatemala, Australia in one long table).
Country-year indicators: ``asylum_applicants_eu`` and ``irregular_crossings_frontex_by_nationality``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

FOLDER = "iom_gdidata_irregular_migration"

F_FRONTEX = "frontex_illegal_border_crossings_monthly_2009_2025apr.csv.gz"
F_EUROSTAT = "eurostat_asylum_applicants_2011_2024.csv.gz"
F_CBP = "cbp_sw_border_encounters_monthly_fy2018_2025may.csv.gz"
F_DARIEN_NAT = "panama_darien_transits_by_nationality_2010_2025apr.csv.gz"
F_DARIEN_DEMOG = "panama_darien_transits_by_sex_age_2021_2025apr.csv"
F_MEX_NAT = "mexico_irregular_migrants_by_nationality_2018_2025apr.csv.gz"
F_MEX_SEX_AGE = "mexico_irregular_migrants_by_sex_age_2018_2025apr.csv"
F_MEX_EXPULSIONS = "mexico_expulsions_by_nationality_2015_2025apr.csv.gz"
F_HND_TOTAL = "honduras_irregular_arrivals_total_2014_2025apr.csv"
F_HND_NAT = "honduras_irregular_arrivals_by_nationality_2018_2025apr.csv.gz"
F_HND_DEMOG = "honduras_irregular_arrivals_by_demog_2018_2025apr.csv"
F_GUATEMALA = "guatemala_returns_from_mex_usa_2020_2025apr.csv"
F_AUSTRALIA = "australia_boat_arrivals_annual_1976_2025.csv"

GDIDATA = ("Packaged by the IOM Global Data Institute R package gdidata 0.3.21 (github.com/iom/gdidata, commit "
           "c9e4cc6, 2025-06-19); the staging converted R dates to YYYY-MM text and changed no values.")
GDIDATA_CITE = "Compiled by IOM Global Data Institute, gdidata R package v0.3.21 (2025)."
UNSTATED_LICENCE = "Publisher's own terms (not stated in the gdidata snapshot); gdidata packaging under MIT"
GDIDATA_URL = "https://github.com/iom/gdidata"

EU27 = "EU27"
DARIEN_ANNUAL_UNTIL = 2019  # 2010-2019 are one annual value stored under January
AUSTRALIA_PARTIAL_YEAR = 2025  # Jan-Apr only in this snapshot
ORIGIN_NOT_CODED = "origin not coded"

FRONTEX = SourceInfo(
    id="frontex_ibc",
    publisher="Frontex (European Border and Coast Guard Agency)",
    title="Detections of illegal border-crossings at the EU external borders, monthly by route and nationality",
    edition="Frontex monitoring data as of 3 June 2025 (Jan 2009 - Apr 2025), via IOM GDI gdidata 0.3.21",
    url="https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_FRONTEX,),
    citation="Frontex (2025). Detections of illegal border-crossings, monthly data as of 3 June 2025. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "Mapped IOM codes STL (stateless) to XXA and OOO (unknown) to UNK; OOS (unidentified Sub-Saharan) is kept "
        "as a pseudo-nationality that is counted in totals but never drawn on maps.",
        "Annual detections by nationality are sums of the monthly values over all routes; 2025 is flagged "
        "'partial_year' (January-April only).",
    ),
    caveats=(
        "Detections of illegal border-crossing, not persons: one person crossing several times is counted each time.",
        "Unknown (UNK) and unidentified Sub-Saharan (OOS) nationalities hold about 16 % of all detections.",
        "Mentions of Kosovo (XKX) are in the context of UN Security Council Resolution 1244.",
    ),
)

EUROSTAT = SourceInfo(
    id="eurostat_asylum",
    publisher="Eurostat",
    title="Asylum applicants by type of applicant, citizenship, age and sex - annual aggregated data "
          "(migr_asyappctza), all applicants",
    edition="Eurostat API extract of 26 May 2025 (2011-2024), via IOM GDI gdidata 0.3.21",
    url="https://ec.europa.eu/eurostat/databrowser/view/migr_asyappctza/default/table",
    licence="Eurostat reuse policy: free reuse with acknowledgement of the source (Commission Decision 2011/833/EU)",
    licence_url="https://ec.europa.eu/eurostat/help/copyright-notice",
    folder=FOLDER,
    files=(F_EUROSTAT,),
    citation="Eurostat (2025). Asylum applicants by citizenship, age and sex, annual aggregated data "
             "(migr_asyappctza). " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "The EU27 aggregate rows are kept in the detail table only, with geo = 'EU27' and is_eu27_aggregate = "
        "True; they are left out of the country indicator.",
        "Mapped citizenship codes STL (stateless) to XXA and OOO (unknown) to UNK.",
        "The country indicator sums all citizenships and sexes (male, female, unknown) per reporting country and year.",
    ),
    caveats=(
        "These are all asylum applicants (first-time and subsequent), although gdidata calls them first-time: "
        "Germany 2023 = 351,510 and EU27 2023 = 1,130,825 match Eurostat's all-applicants totals.",
        "Eurostat rounds every cell to the nearest 5 (minimum 5), so sums of many cells are approximate.",
        "EU27 is not the sum of the reporting countries: those also include CHE, NOR, ISL, LIE, GBR (2011-2019) "
        "and MNE (from 2018).",
    ),
)

CBP = SourceInfo(
    id="cbp_sw_encounters",
    publisher="U.S. Customs and Border Protection",
    title="Southwest Land Border Encounters, monthly by component, area, authority, demographic and citizenship",
    edition="CBP encounters data Oct 2017 - May 2025 (FY2018 - FY2025 to date), via IOM GDI gdidata 0.3.21",
    url="https://www.cbp.gov/document/stats/nationwide-encounters",
    licence="Public domain (U.S. Government work, 17 U.S.C. 105)",
    licence_url="https://www.law.cornell.edu/uscode/text/17/105",
    folder=FOLDER,
    files=(F_CBP,),
    citation="U.S. Customs and Border Protection (2025). Southwest Land Border Encounters. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "Fiscal year derived from the calendar month as year + 1 for October-December (the gdidata column "
        "t_fy is 'fiscal year + calendar month', not a fiscal month; it is checked against the derived year).",
        "Nationality and area are empty for FY2018-FY2019 (no breakdown published): kept as missing, never "
        "read as a country. OOO (all other nationalities) mapped to UNK.",
    ),
    caveats=(
        "Encounters are events, not unique persons: people expelled under Title 42 and re-encountered are "
        "counted again.",
        "Only 21 nationalities are named; all others are grouped as unknown/other (UNK).",
        "FY2025 covers October 2024 - May 2025 only.",
    ),
)

PANAMA = SourceInfo(
    id="panama_snm_darien",
    publisher="Panama Servicio Nacional de Migración",
    title="Irregular transits through the Darién, by nationality and by sex and age",
    edition="Panama SNM statistics, 2010 - Apr 2025, compiled by IOM GDI gdidata 0.3.21",
    url="https://www.migracion.gob.pa/estadisticas/",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_DARIEN_NAT, F_DARIEN_DEMOG),
    citation="Servicio Nacional de Migración de Panamá (2025). Tránsito irregular por Darién. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "2010-2019 are single annual values that gdidata stored under January: kept with period = 'year'; "
        "later rows have period = 'month'.",
        "Sex/age groups kept as published (men, women; boys and girls only from 2023). The quarter column is not kept.",
        "Mapped OOO (unknown) to UNK; TIB (Tibetan) kept as a pseudo-nationality.",
    ),
    caveats=("2020 has nine months only (April, May and July missing).",
             "Figures were compiled by IOM GDI from government releases and may be revised."),
)

MEXICO = SourceInfo(
    id="mexico_upm_irregular",
    publisher="Mexico SEGOB, Unidad de Política Migratoria, Registro e Identidad de Personas (UPMRIP)",
    title="Boletines Estadísticos: foreigners presented to the migration authority (tables 3.1.1, 3.1.3) "
          "and expulsions (table 3.2.4)",
    edition="Boletines Estadísticos to April 2025, compiled by IOM GDI gdidata 0.3.21",
    url="https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_MEX_NAT, F_MEX_SEX_AGE, F_MEX_EXPULSIONS),
    citation="Unidad de Política Migratoria, Registro e Identidad de Personas, SEGOB (2025). Boletines "
             "Estadísticos. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "In the nationality table some month-nationality pairs appear twice (GIN, FRA: probably two source "
        "names coded to one ISO code); they are summed and flagged 'summed_duplicates'.",
        "Mapped STL (stateless) to XXA and OOO (unknown) to UNK.",
    ),
    caveats=("Counts are events of foreigners in an irregular situation presented to the authority, "
             "not unique persons.",
             "In 12 months of 2024 the sex/age totals differ slightly from the nationality totals (as published)."),
)

HONDURAS = SourceInfo(
    id="honduras_inm_irregular",
    publisher="Honduras Instituto Nacional de Migración",
    title="Flujo Migratorio Irregular: irregular migrant arrivals, total, by nationality and by sex/age",
    edition="INM dashboard scraped by IOM GDI, 2014 - Apr 2025, gdidata 0.3.21",
    url="https://inm.gob.hn/",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_HND_TOTAL, F_HND_NAT, F_HND_DEMOG),
    citation="Instituto Nacional de Migración de Honduras (2025). Flujo Migratorio Irregular. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "In the nationality table some month-nationality pairs appear twice; they are summed and flagged "
        "'summed_duplicates'.",
        "Taiwan (TWN) is flagged 'suspect' (this flag replaces 'summed_duplicates'): monthly values such as "
        "719 and 2,200 while CHN has 9 rows in the whole file suggest mainland China coded as TWN.",
        "Mapped STL (stateless) to XXA and OOO (unknown) to UNK.",
    ),
    caveats=("Scraped from a government dashboard; may be revised.",),
)

GUATEMALA = SourceInfo(
    id="guatemala_igm_returns",
    publisher="Instituto Guatemalteco de Migración",
    title="Guatemalans returned from Mexico and the United States, by sex and age",
    edition="IGM statistical reports, Jan 2020 - Apr 2025, compiled by IOM GDI gdidata 0.3.21",
    url="https://igm.gob.gt/informes-estadisticos",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_GUATEMALA,),
    citation="Instituto Guatemalteco de Migración (2025). Informes estadísticos: retornados. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "Rows with an empty returning country (all of them 2024-01 onwards) are kept as 'origin not coded'; "
        "they are not assigned to the USA.",
    ),
    caveats=("From 2024 no row is coded USA; the uncoded rows probably are the USA returns, but this is not "
             "confirmed by the source.",),
)

AUSTRALIA = SourceInfo(
    id="rcoa_boat_arrivals",
    publisher="Refugee Council of Australia",
    title="Asylum boat arrivals to Australia by calendar year (people and boats)",
    edition="RCOA asylum-boat statistics, 1976 - Apr 2025 (updated 19 June 2025), via IOM GDI gdidata 0.3.21",
    url="https://www.refugeecouncil.org.au/asylum-boats-statistics/",
    licence=UNSTATED_LICENCE,
    licence_url=GDIDATA_URL,
    folder=FOLDER,
    files=(F_AUSTRALIA,),
    citation="Refugee Council of Australia (2025). Statistics on boat arrivals and boat turnbacks. " + GDIDATA_CITE,
    processing=(
        GDIDATA,
        "The number of boats is missing for 1976-1988 and stays missing; zero people (1980, 1982-1988, 2021) "
        "are real zeros.",
        "2025 is flagged 'partial_year' (January-April only).",
    ),
    caveats=("Includes people on boats returned to their country of departure or origin.",
             "From 2022 figures include passengers and crew."),
)

SOURCES = (FRONTEX, EUROSTAT, CBP, PANAMA, MEXICO, HONDURAS, GUATEMALA, AUSTRALIA)

# ---------------------------------------------------------------- raw schemas

COUNT = {"n": (0, None)}
FRONTEX_SCHEMA = Schema("frontex", {"route": "str", "type": "str", "nat": "str", "t": "str", "n": "int"},
                        key=("route", "type", "nat", "t"), ranges=COUNT, allowed={"type": frozenset({"Sea", "Land"})})
EUROSTAT_SCHEMA = Schema("eurostat_asylum", {"geo": "str", "t": "int", "nat": "str", "sex": "str", "n": "int"},
                         key=("geo", "t", "nat", "sex"), ranges={**COUNT, "t": (1990, 2100)},
                         allowed={"sex": frozenset({"male", "female", "unknown"})})
CBP_DIMS = ("component", "area", "authority", "type", "demog", "nat")
CBP_SCHEMA = Schema("cbp", {"t": "str", "t_fy": "str", **{c: "str" for c in CBP_DIMS}, "n": "int"},
                    key=("t", *CBP_DIMS), ranges=COUNT, nullable=frozenset({"area", "nat"}))
DARIEN_NAT_SCHEMA = Schema("darien_nat", {"t": "str", "q": "str", "nat": "str", "n": "int"},
                           key=("t", "nat"), ranges=COUNT)
DEMOGS = frozenset({"men", "women", "boys", "girls"})
DARIEN_DEMOG_SCHEMA = Schema("darien_demog", {"t": "str", "q": "str", "demog": "str", "n": "int"},
                             key=("t", "demog"), ranges=COUNT, allowed={"demog": DEMOGS})
# no key: known duplicate (t, nat) pairs are summed explicitly (TRAPS.md §2)
MEX_NAT_SCHEMA = Schema("mexico_nat", {"t": "str", "nat": "str", "n": "int"}, ranges=COUNT)
MEX_SEX_AGE_SCHEMA = Schema("mexico_sex_age", {"t": "str", "sex": "str", "age": "str", "n": "int"},
                            key=("t", "sex", "age"), ranges=COUNT, allowed={"sex": frozenset({"male", "female"})})
MEX_EXP_SCHEMA = Schema("mexico_expulsions", {"t": "str", "nat": "str", "type": "str", "n": "int"},
                        key=("t", "nat", "type"), ranges=COUNT)
HND_TOTAL_SCHEMA = Schema("honduras_total", {"t": "str", "n": "int"}, key=("t",), ranges=COUNT)
HND_NAT_SCHEMA = Schema("honduras_nat", {"t": "str", "nat": "str", "n": "int"}, ranges=COUNT)
HND_DEMOG_SCHEMA = Schema("honduras_demog", {"t": "str", "demog": "str", "n": "int"}, key=("t", "demog"),
                          ranges=COUNT, allowed={"demog": DEMOGS})
GTM_SCHEMA = Schema("guatemala", {"t": "str", "sex": "str", "age": "str", "origin": "str", "n": "int"},
                    key=("t", "sex", "age", "origin"), ranges=COUNT, nullable=frozenset({"origin"}),
                    allowed={"sex": frozenset({"male", "female"}), "origin": frozenset({"MEX", "USA"})})
AUS_SCHEMA = Schema("australia", {"t": "int", "boats": "number", "n": "int"}, key=("t",),
                    ranges={"t": (1900, 2100), "boats": (0, None), "n": (0, None)}, nullable=frozenset({"boats"}))

# ---------------------------------------------------------------- output schemas

NATIONAL_COLUMNS = ["country", "series", "breakdown", "period", "time", "year", "nat", "sex", "age", "category",
                    "value", "flag", "source_id"]
NATIONAL_SCHEMA = Schema(
    "irregular_national_series",
    {"country": "str", "series": "str", "breakdown": "str", "period": "str", "time": "str", "year": "int",
     "nat": "str", "sex": "str", "age": "str", "category": "str", "value": "float", "flag": "str", "source_id": "str"},
    key=("country", "series", "breakdown", "time", "nat", "sex", "age", "category"),
    nullable=frozenset({"nat", "sex", "age", "category", "value", "flag"}),
    allowed={"period": frozenset({"month", "year"})},
    ranges={"value": (0, None)},
)

INDICATORS = [
    {"id": "asylum_applicants_eu", "label": "Asylum applicants (Europe)", "unit": "persons",
     "theme": "displacement", "source_id": EUROSTAT.id, "per_capita": True,
     "description": "All asylum applicants (first-time and subsequent) lodged in the reporting European country, "
                    "Eurostat migr_asyappctza."},
    {"id": "irregular_crossings_frontex_by_nationality", "label": "Illegal border-crossings into the EU (Frontex)",
     "unit": "detections", "theme": "flows", "source_id": FRONTEX.id, "per_capita": False,
     "description": "Frontex detections of illegal border-crossing at the EU external borders, by nationality "
                    "of the person detected (events, not persons)."},
]

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


# ---------------------------------------------------------------- helpers

def _read(raw_dir: Path, file: str, schema: Schema) -> tuple[pd.DataFrame, Path]:
    """Read one staged file (text columns as strings so empty columns keep their kind) and validate it."""
    path = Path(raw_dir) / FOLDER / file
    df = read_csv(path, dtype={c: "string" for c, kind in schema.columns.items() if kind == "str"})
    return validate(df, schema, path), path


def _check_months(df: pd.DataFrame, column: str, path: Path) -> None:
    """Every value must be 'YYYY-MM': the series are joined and plotted on this key."""
    bad = ~df[column].astype(str).str.match(MONTH_RE)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"expected a YYYY-MM month, found {df[column].iloc[row]!r}", column, row + 1)


def _nationality(codes_in: pd.Series, path: Path, column: str = "nat") -> pd.Series:
    """Canonical ISO3 (STL->XXA, OOO->UNK, ...); unknown codes raise, missing stays missing."""
    out = codes.normalise(codes_in)
    codes.check_known(out, path, column)
    return out


def _sum_duplicates(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Sum rows sharing a key and flag the summed ones 'summed_duplicates' (known source duplicates)."""
    sizes = df.groupby(key, dropna=False)["n"].transform("size")
    df = df.assign(summed=sizes > 1)
    out = df.groupby(key, dropna=False, as_index=False).agg(n=("n", "sum"), summed=("summed", "any"))
    out["flag"] = pd.array([None] * len(out), dtype="string")
    out.loc[out["summed"], "flag"] = "summed_duplicates"
    return out.drop(columns="summed")


def _national_rows(df: pd.DataFrame, country: str, series: str, breakdown: str, source_id: str,
                   **columns: str) -> pd.DataFrame:
    """Shape one national series into the irregular_national_series columns.

    ``df`` has 'time', 'period', 'n' and optionally 'flag'; ``columns`` maps output dims (nat, sex, age,
    category) to input column names. Dimensions not given stay missing.
    """
    out = pd.DataFrame({
        "country": country, "series": series, "breakdown": breakdown,
        "period": df["period"].to_numpy() if "period" in df else "month",
        "time": df["time"].astype(str).to_numpy(),
    })
    out["year"] = out["time"].str[:4].astype("int64")
    for dim in ("nat", "sex", "age", "category"):
        values = df[columns[dim]].to_numpy() if dim in columns else None
        out[dim] = pd.array(values if values is not None else [None] * len(out), dtype="string")
    out["value"] = pd.to_numeric(df["n"], errors="raise").astype("float64").to_numpy()
    out["flag"] = pd.array(df["flag"].to_numpy() if "flag" in df else [None] * len(out), dtype="string")
    out["source_id"] = source_id
    return out


# ---------------------------------------------------------------- Frontex

def _frontex(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    df, path = _read(raw_dir, F_FRONTEX, FRONTEX_SCHEMA)
    _check_months(df, "t", path)
    df["nat"] = _nationality(df["nat"], path)
    table = pd.DataFrame({
        "route": df["route"].astype(str), "type": df["type"].astype(str), "nat": df["nat"].astype(str),
        "month": df["t"].astype(str), "value": df["n"].astype("int64"), "source_id": FRONTEX.id,
    })
    table = validate(table, Schema("irregular_frontex", {"route": "str", "type": "str", "nat": "str", "month": "str",
                                                         "value": "int", "source_id": "str"},
                                   key=("route", "type", "nat", "month")), path)
    table["year"] = table["month"].str[:4].astype("int64")
    months_per_year = table.groupby("year")["month"].nunique()
    annual = table.groupby(["nat", "year"], as_index=False)["value"].sum().rename(columns={"nat": "iso3"})
    partial = annual["year"].map(months_per_year) < 12
    annual["flag"] = pd.array([None] * len(annual), dtype="string")
    annual.loc[partial, "flag"] = "partial_year"
    cy = country_year_frame(annual, "irregular_crossings_frontex_by_nationality", FRONTEX.id, flag="flag")
    notes = [f"frontex: {len(table)} route-nationality-month rows; "
             f"{int(partial.sum())} nationality-years flagged partial_year"]
    return table.drop(columns="year"), cy, notes


# ---------------------------------------------------------------- Eurostat

def _eurostat(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    df, path = _read(raw_dir, F_EUROSTAT, EUROSTAT_SCHEMA)
    is_eu27 = df["geo"].str.strip().str.upper() == EU27
    df["geo"] = _nationality(df["geo"].where(~is_eu27), path, "geo").fillna(EU27)
    df["nat"] = _nationality(df["nat"], path)
    table = pd.DataFrame({
        "geo": df["geo"].astype(str), "is_eu27_aggregate": is_eu27.to_numpy(dtype=bool),
        "nat": df["nat"].astype(str), "year": df["t"].astype("int64"), "sex": df["sex"].astype(str),
        "value": df["n"].astype("int64"), "source_id": EUROSTAT.id,
    })
    countries = table[~table["is_eu27_aggregate"]]
    annual = countries.groupby(["geo", "year"], as_index=False)["value"].sum().rename(columns={"geo": "iso3"})
    cy = country_year_frame(annual, "asylum_applicants_eu", EUROSTAT.id)
    notes = [f"eurostat_asylum: {int(is_eu27.sum())} EU27 aggregate rows kept in the detail table only "
             f"(geo='EU27', is_eu27_aggregate=True), left out of asylum_applicants_eu"]
    return table, cy, notes


# ---------------------------------------------------------------- CBP

def _cbp(raw_dir: Path) -> tuple[pd.DataFrame, list[str]]:
    df, path = _read(raw_dir, F_CBP, CBP_SCHEMA)
    _check_months(df, "t", path)
    _check_months(df, "t_fy", path)
    year = df["t"].str[:4].astype("int64")
    month = df["t"].str[5:7].astype("int64")
    fiscal_year = year + (month >= 10).astype("int64")
    expected = fiscal_year.astype(str) + "-" + df["t"].str[5:7]
    bad = df["t_fy"].astype(str) != expected
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"t_fy {df['t_fy'].iloc[row]!r} is not 'fiscal year + calendar month' for "
                                f"t {df['t'].iloc[row]!r}", "t_fy", row + 1)
    nat = _nationality(df["nat"], path)
    table = pd.DataFrame({"month": df["t"].astype(str), "fiscal_year": fiscal_year.to_numpy()})
    for col in CBP_DIMS[:-1]:
        table[col] = df[col].astype("string").to_numpy()
    table["nat"] = nat.to_numpy()
    table["value"] = df["n"].astype("int64").to_numpy()
    table["source_id"] = CBP.id
    no_nat = int(table["nat"].isna().sum())
    return table, [f"cbp: {len(table)} rows; {no_nat} rows (FY2018-FY2019) have no nationality or area "
                   f"breakdown and keep nat missing"]


# ---------------------------------------------------------------- national series

def _darien(raw_dir: Path) -> tuple[list[pd.DataFrame], list[str]]:
    nat, path = _read(raw_dir, F_DARIEN_NAT, DARIEN_NAT_SCHEMA)
    _check_months(nat, "t", path)
    year = nat["t"].str[:4].astype("int64")
    annual = year <= DARIEN_ANNUAL_UNTIL
    not_january = annual & (nat["t"].str[5:7] != "01")
    if not_january.any():
        row = int(not_january.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"annual-era value (<= {DARIEN_ANNUAL_UNTIL}) stored outside January: "
                                f"{nat['t'].iloc[row]!r}", "t", row + 1)
    nat["nat"] = _nationality(nat["nat"], path)
    nat["period"] = annual.map({True: "year", False: "month"}).to_numpy()
    nat["time"] = nat["t"].where(~annual, nat["t"].str[:4])
    demog, dpath = _read(raw_dir, F_DARIEN_DEMOG, DARIEN_DEMOG_SCHEMA)
    _check_months(demog, "t", dpath)
    demog["time"] = demog["t"]
    frames = [_national_rows(nat, "PAN", "darien_transits", "nationality", PANAMA.id, nat="nat"),
              _national_rows(demog, "PAN", "darien_transits", "demog", PANAMA.id, category="demog")]
    return frames, [f"darien: {int(annual.sum())} rows are annual values (2010-{DARIEN_ANNUAL_UNTIL}) kept with "
                    f"period='year'"]


def _mexico(raw_dir: Path) -> tuple[list[pd.DataFrame], list[str]]:
    nat, path = _read(raw_dir, F_MEX_NAT, MEX_NAT_SCHEMA)
    _check_months(nat, "t", path)
    nat["nat"] = _nationality(nat["nat"], path)
    summed = _sum_duplicates(nat, ["t", "nat"]).rename(columns={"t": "time"})
    sex_age, spath = _read(raw_dir, F_MEX_SEX_AGE, MEX_SEX_AGE_SCHEMA)
    _check_months(sex_age, "t", spath)
    expulsions, epath = _read(raw_dir, F_MEX_EXPULSIONS, MEX_EXP_SCHEMA)
    _check_months(expulsions, "t", epath)
    expulsions["nat"] = _nationality(expulsions["nat"], epath)
    frames = [
        _national_rows(summed, "MEX", "irregular_migrants", "nationality", MEXICO.id, nat="nat"),
        _national_rows(sex_age.rename(columns={"t": "time"}), "MEX", "irregular_migrants", "sex_age", MEXICO.id,
                       sex="sex", age="age"),
        _national_rows(expulsions.rename(columns={"t": "time"}), "MEX", "expulsions", "nationality_type",
                       MEXICO.id, nat="nat", category="type"),
    ]
    merged = len(nat) - len(summed)
    return frames, [f"mexico: {merged} duplicate month-nationality rows merged by summing into "
                    f"{int((summed['flag'] == 'summed_duplicates').sum())} rows flagged summed_duplicates"]


def _honduras(raw_dir: Path) -> tuple[list[pd.DataFrame], list[str]]:
    total, tpath = _read(raw_dir, F_HND_TOTAL, HND_TOTAL_SCHEMA)
    _check_months(total, "t", tpath)
    nat, path = _read(raw_dir, F_HND_NAT, HND_NAT_SCHEMA)
    _check_months(nat, "t", path)
    nat["nat"] = _nationality(nat["nat"], path)
    summed = _sum_duplicates(nat, ["t", "nat"]).rename(columns={"t": "time"})
    suspect = summed["nat"] == "TWN"
    summed.loc[suspect, "flag"] = "suspect"
    demog, dpath = _read(raw_dir, F_HND_DEMOG, HND_DEMOG_SCHEMA)
    _check_months(demog, "t", dpath)
    frames = [
        _national_rows(total.rename(columns={"t": "time"}), "HND", "irregular_arrivals", "total", HONDURAS.id),
        _national_rows(summed, "HND", "irregular_arrivals", "nationality", HONDURAS.id, nat="nat"),
        _national_rows(demog.rename(columns={"t": "time"}), "HND", "irregular_arrivals", "demog", HONDURAS.id,
                       category="demog"),
    ]
    merged = len(nat) - len(summed)
    return frames, [f"honduras: {merged} duplicate month-nationality rows merged by summing; "
                    f"{int(suspect.sum())} TWN rows flagged suspect (probably mainland China)"]


def _guatemala(raw_dir: Path) -> tuple[list[pd.DataFrame], list[str]]:
    df, path = _read(raw_dir, F_GUATEMALA, GTM_SCHEMA)
    _check_months(df, "t", path)
    uncoded = df["origin"].isna()
    df["origin"] = df["origin"].astype("string").fillna(ORIGIN_NOT_CODED)
    frame = _national_rows(df.rename(columns={"t": "time"}), "GTM", "returns", "sex_age_origin", GUATEMALA.id,
                           sex="sex", age="age", category="origin")
    return [frame], [f"guatemala: {int(uncoded.sum())} rows with no returning country kept as "
                     f"'{ORIGIN_NOT_CODED}' (not assigned to USA)"]


def _australia(raw_dir: Path) -> tuple[list[pd.DataFrame], list[str]]:
    df, _ = _read(raw_dir, F_AUSTRALIA, AUS_SCHEMA)
    base = pd.DataFrame({"time": df["t"].astype(str), "period": "year"})
    base["flag"] = pd.array([None] * len(df), dtype="string")
    base.loc[df["t"].to_numpy() == AUSTRALIA_PARTIAL_YEAR, "flag"] = "partial_year"
    people = base.assign(n=df["n"].to_numpy())
    boats = base.assign(n=df["boats"].astype("float64").to_numpy())
    frames = [_national_rows(people, "AUS", "boat_arrivals_people", "total", AUSTRALIA.id),
              _national_rows(boats, "AUS", "boat_arrivals_boats", "total", AUSTRALIA.id)]
    return frames, [f"australia: {int(df['boats'].isna().sum())} years without a boat count kept as missing"]


# ---------------------------------------------------------------- entry point

def ingest(raw_dir: Path) -> SourceOutput:
    raw_dir = Path(raw_dir)
    frontex, frontex_cy, notes = _frontex(raw_dir)
    asylum, asylum_cy, more = _eurostat(raw_dir)
    notes += more
    cbp, more = _cbp(raw_dir)
    notes += more
    national: list[pd.DataFrame] = []
    for reader in (_darien, _mexico, _honduras, _guatemala, _australia):
        frames, more = reader(raw_dir)
        national += frames
        notes += more
    series = pd.concat(national, ignore_index=True)[NATIONAL_COLUMNS]
    series = validate(series, NATIONAL_SCHEMA, Path(raw_dir) / FOLDER)
    return SourceOutput(
        country_year=pd.concat([asylum_cy, frontex_cy], ignore_index=True),
        tables={
            "irregular_frontex": frontex,
            "irregular_eurostat_asylum": asylum,
            "irregular_cbp": cbp,
            "irregular_national_series": series,
        },
        indicators=INDICATORS,
        notes=notes,
    )
