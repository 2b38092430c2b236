"""Tests for dashboard.ingest.irregular (gdidata irregular-migration series: Frontex, Eurostat, CBP, national)."""
from __future__ import annotations

import gzip
import math
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import irregular
from dashboard.ingest.base import COUNTRY_YEAR, INDICATOR_KEYS, IngestError, validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
REAL_RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER = irregular.FOLDER


def _rows(df: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as plain tuples (missing -> None) so expected outputs can be written literally."""
    out = []
    for rec in df[columns].astype(object).itertuples(index=False):
        out.append(tuple(None if (v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v for v in rec))
    return out


@pytest.fixture(scope="module")
def fixture_out():
    return irregular.ingest(FIXTURES)


# ---------------------------------------------------------------- (a) fixtures, exact outputs

def test_sources_metadata_complete():
    ids = [s.id for s in irregular.SOURCES]
    assert len(irregular.SOURCES) == 8 and len(set(ids)) == 8
    read = set()
    for s in irregular.SOURCES:
        assert s.folder == FOLDER
        assert s.publisher and s.title and s.edition and s.url and s.licence and s.licence_url and s.citation
        assert any("gdidata" in p for p in s.processing)
        read |= set(s.files)
    staged = {p.name for p in (FIXTURES / FOLDER).iterdir()}
    # every file except the UN DESA stock file and the country lookup (other modules read those)
    others = {"undesa_international_migrant_stock_2024rev_1990_2024.csv.gz", "iom_countrynames_m49_lookup.csv"}
    assert read == staged - others
    assert read == {p.name for p in (REAL_RAW / FOLDER).iterdir() if p.name.endswith((".csv", ".csv.gz"))} - others


def test_frontex_fixture(fixture_out):
    table = fixture_out.tables["irregular_frontex"]
    assert list(table.columns) == ["route", "type", "nat", "month", "value", "source_id"]
    assert set(table["source_id"]) == {"frontex_ibc"}
    non_tun = table[table["nat"] != "TUN"]
    assert _rows(non_tun, ["route", "type", "nat", "month", "value"]) == [
        ("Central Mediterranean Route", "Sea", "UNK", "2023-03", 20),  # OOO -> UNK
        ("Western Balkan Route", "Land", "XKX", "2023-05", 3),
        ("Western Balkan Route", "Land", "XXA", "2024-01", 4),  # STL -> XXA
        ("Western African Route", "Sea", "OOS", "2024-01", 9),
    ]
    cy = fixture_out.country_year
    fx = cy[cy["indicator_id"] == "irregular_crossings_frontex_by_nationality"].sort_values(["iso3", "year"])
    assert _rows(fx, ["iso3", "year", "sex", "value", "flag", "source_id"]) == [
        ("OOS", 2024, "total", 9.0, "partial_year", "frontex_ibc"),
        ("TUN", 2023, "total", 205.0, None, "frontex_ibc"),  # 11..22 over 12 months + 7 on another route
        ("TUN", 2024, "total", 6.0, "partial_year", "frontex_ibc"),
        ("UNK", 2023, "total", 20.0, None, "frontex_ibc"),
        ("XKX", 2023, "total", 3.0, None, "frontex_ibc"),
        ("XXA", 2024, "total", 4.0, "partial_year", "frontex_ibc"),
    ]


def test_eurostat_fixture(fixture_out):
    table = fixture_out.tables["irregular_eurostat_asylum"]
    assert _rows(table, ["geo", "is_eu27_aggregate", "nat", "year", "sex", "value"]) == [
        ("DEU", False, "SYR", 2023, "male", 100),
        ("DEU", False, "SYR", 2023, "female", 55),
        ("DEU", False, "XXA", 2023, "unknown", 5),
        ("NOR", False, "AFG", 2023, "female", 15),
        ("AUT", False, "UNK", 2022, "male", 10),
        ("EU27", True, "SYR", 2023, "male", 90),
        ("EU27", True, "SYR", 2023, "female", 50),
    ]
    cy = fixture_out.country_year
    asy = cy[cy["indicator_id"] == "asylum_applicants_eu"].sort_values(["iso3", "year"])
    # EU27 left out; unknown sex counted in the total; NOR (non-EU reporter) kept
    assert _rows(asy, ["iso3", "year", "sex", "value", "flag"]) == [
        ("AUT", 2022, "total", 10.0, None), ("DEU", 2023, "total", 160.0, None), ("NOR", 2023, "total", 15.0, None)]


def test_cbp_fixture(fixture_out):
    table = fixture_out.tables["irregular_cbp"]
    assert _rows(table, ["month", "fiscal_year", "area", "authority", "demog", "nat", "value"]) == [
        ("2018-09", 2018, None, "Title 8", "Single Adults", None, 1000),  # no nationality before FY2020
        ("2018-10", 2019, None, "Title 8", "FMUA", None, 200),  # October opens the next fiscal year
        ("2019-10", 2020, "San Diego Field Office", "Title 8", "Single Adults", "MEX", 30),
        ("2019-10", 2020, "San Diego Sector", "Title 42", "Single Adults", "UNK", 0),  # OOO -> UNK, zero kept
        ("2020-01", 2020, "San Diego Sector", "Title 8", "UAC", "GTM", 12),
    ]
    assert table.groupby("fiscal_year")["value"].sum().to_dict() == {2018: 1000, 2019: 200, 2020: 42}


NATIONAL = ["country", "series", "breakdown", "period", "time", "year", "nat", "sex", "age", "category", "value",
            "flag", "source_id"]


def test_national_series_fixture(fixture_out):
    table = fixture_out.tables["irregular_national_series"]
    assert list(table.columns) == NATIONAL
    pan, mex = "panama_snm_darien", "mexico_upm_irregular"
    hnd, gtm, aus = "honduras_inm_irregular", "guatemala_igm_returns", "rcoa_boat_arrivals"
    assert _rows(table, NATIONAL) == [
        ("PAN", "darien_transits", "nationality", "year", "2015", 2015, "CUB", None, None, None, 300.0, None, pan),
        ("PAN", "darien_transits", "nationality", "year", "2015", 2015, "UNK", None, None, None, 4.0, None, pan),
        ("PAN", "darien_transits", "nationality", "month", "2023-01", 2023, "HTI", None, None, None, 50.0, None, pan),
        ("PAN", "darien_transits", "nationality", "month", "2023-02", 2023, "TIB", None, None, None, 2.0, None, pan),
        ("PAN", "darien_transits", "demog", "month", "2023-01", 2023, None, None, None, "men", 30.0, None, pan),
        ("PAN", "darien_transits", "demog", "month", "2023-01", 2023, None, None, None, "boys", 20.0, None, pan),
        ("PAN", "darien_transits", "demog", "month", "2023-02", 2023, None, None, None, "women", 2.0, None, pan),
        ("MEX", "irregular_migrants", "nationality", "month", "2019-05", 2019, "GIN", None, None, None, 9.0,
         "summed_duplicates", mex),
        ("MEX", "irregular_migrants", "nationality", "month", "2019-05", 2019, "XXA", None, None, None, 3.0, None, mex),
        ("MEX", "irregular_migrants", "nationality", "month", "2019-06", 2019, "GIN", None, None, None, 4.0, None, mex),
        ("MEX", "irregular_migrants", "sex_age", "month", "2024-01", 2024, None, "male", "18+", None, 10.0, None, mex),
        ("MEX", "irregular_migrants", "sex_age", "month", "2024-01", 2024, None, "female", "under 12, accompanied",
         None, 2.0, None, mex),
        ("MEX", "expulsions", "nationality_type", "month", "2015-01", 2015, "BLZ", None, None, "deportation", 2.0,
         None, mex),
        ("MEX", "expulsions", "nationality_type", "month", "2015-01", 2015, "BLZ", None, None, "assisted return", 1.0,
         None, mex),
        ("HND", "irregular_arrivals", "total", "month", "2014-01", 2014, None, None, None, None, 988.0, None, hnd),
        ("HND", "irregular_arrivals", "total", "month", "2020-04", 2020, None, None, None, None, 0.0, None, hnd),
        ("HND", "irregular_arrivals", "nationality", "month", "2023-03", 2023, "CUB", None, None, None, 40.0, None, hnd),
        ("HND", "irregular_arrivals", "nationality", "month", "2023-03", 2023, "TWN", None, None, None, 720.0,
         "suspect", hnd),
        ("HND", "irregular_arrivals", "nationality", "month", "2023-03", 2023, "UNK", None, None, None, 2.0, None, hnd),
        ("HND", "irregular_arrivals", "demog", "month", "2023-03", 2023, None, None, None, "men", 500.0, None, hnd),
        ("HND", "irregular_arrivals", "demog", "month", "2023-03", 2023, None, None, None, "girls", 0.0, None, hnd),
        ("GTM", "returns", "sex_age_origin", "month", "2023-12", 2023, None, "male", "adult", "USA", 100.0, None, gtm),
        ("GTM", "returns", "sex_age_origin", "month", "2023-12", 2023, None, "female", "unaccompanied child", "MEX",
         3.0, None, gtm),
        ("GTM", "returns", "sex_age_origin", "month", "2024-01", 2024, None, "male", "adult", "origin not coded",
         70.0, None, gtm),
        ("GTM", "returns", "sex_age_origin", "month", "2024-01", 2024, None, "male", "adult", "MEX", 20.0, None, gtm),
        ("AUS", "boat_arrivals_people", "total", "year", "1980", 1980, None, None, None, None, 0.0, None, aus),
        ("AUS", "boat_arrivals_people", "total", "year", "2013", 2013, None, None, None, None, 50.0, None, aus),
        ("AUS", "boat_arrivals_people", "total", "year", "2021", 2021, None, None, None, None, 0.0, None, aus),
        ("AUS", "boat_arrivals_people", "total", "year", "2025", 2025, None, None, None, None, 4.0, "partial_year", aus),
        ("AUS", "boat_arrivals_boats", "total", "year", "1980", 1980, None, None, None, None, None, None, aus),
        ("AUS", "boat_arrivals_boats", "total", "year", "2013", 2013, None, None, None, None, 3.0, None, aus),
        ("AUS", "boat_arrivals_boats", "total", "year", "2021", 2021, None, None, None, None, 0.0, None, aus),
        ("AUS", "boat_arrivals_boats", "total", "year", "2025", 2025, None, None, None, None, 1.0, "partial_year", aus),
    ]


def test_country_year_and_catalogue_contract(fixture_out):
    validate(fixture_out.country_year, COUNTRY_YEAR, "country_year")
    ids = {e["id"] for e in fixture_out.indicators}
    assert ids == set(fixture_out.country_year["indicator_id"]) == {
        "asylum_applicants_eu", "irregular_crossings_frontex_by_nationality"}
    source_ids = {s.id for s in irregular.SOURCES}
    for entry in fixture_out.indicators:
        assert all(k in entry for k in INDICATOR_KEYS) and entry["source_id"] in source_ids
    themes = {e["id"]: (e["theme"], e["per_capita"]) for e in fixture_out.indicators}
    assert themes["asylum_applicants_eu"] == ("displacement", True)
    assert themes["irregular_crossings_frontex_by_nationality"][0] == "flows"
    for name, table in fixture_out.tables.items():
        assert name.startswith("irregular_") and "source_id" in table.columns
    assert any("EU27" in n for n in fixture_out.notes) and any("TWN" in n for n in fixture_out.notes)


# ---------------------------------------------------------------- (b) malformed files

def _copy_fixtures(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / FOLDER, tmp_path / FOLDER)
    return tmp_path


def _rewrite(path: Path, edit) -> None:
    """Apply ``edit`` to the text of a (possibly gzipped) fixture copy."""
    if path.suffix == ".gz":
        text = gzip.decompress(path.read_bytes()).decode()
        path.write_bytes(gzip.compress(edit(text).encode()))
    else:
        path.write_text(edit(path.read_text()))


def _append_first_row(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(lines + [lines[1]]) + "\n"


BROKEN = [
    (irregular.F_FRONTEX, lambda t: t.replace(",TUN,2023-01,11", ",TUN,2023-01,eleven"), "'n'"),
    (irregular.F_FRONTEX, _append_first_row, "route,type,nat,t"),
    (irregular.F_FRONTEX, lambda t: t.replace("2023-05", "2023-5"), "'t'"),
    (irregular.F_EUROSTAT, lambda t: t.replace("geo,t,nat,sex,n", "geo,t,nat,gender,n"), "'sex'"),
    (irregular.F_EUROSTAT, lambda t: t.replace("NOR,2023,AFG", "NOR,2023,ZZZ"), "'nat'"),
    (irregular.F_CBP, _append_first_row, "t,component,area"),
    (irregular.F_CBP, lambda t: t.replace("2019-10,2020-10", "2019-10,2019-10", 1), "'t_fy'"),
    (irregular.F_DARIEN_NAT, lambda t: t.replace("2015-01,2015-01,CUB", "2015-03,2015-01,CUB"), "'t'"),
    (irregular.F_HND_TOTAL, lambda t: t.replace("2014-01,988", "2014-01,-5"), "'n'"),
    (irregular.F_GUATEMALA, lambda t: t.replace("adult,USA", "adult,CAN"), "'origin'"),
    (irregular.F_AUSTRALIA, lambda t: t.replace("2013,3,50", "2013,three,50"), "'boats'"),
]


@pytest.mark.parametrize("file, edit, column", BROKEN, ids=[f"{f}-{c}" for f, _, c in BROKEN])
def test_malformed_file_names_file_and_column(tmp_path, file, edit, column):
    raw = _copy_fixtures(tmp_path)
    _rewrite(raw / FOLDER / file, edit)
    with pytest.raises(IngestError) as err:
        irregular.ingest(raw)
    assert file in str(err.value) and column in str(err.value)


def test_missing_file_is_named(tmp_path):
    raw = _copy_fixtures(tmp_path)
    (raw / FOLDER / irregular.F_MEX_EXPULSIONS).unlink()
    with pytest.raises(IngestError, match=irregular.F_MEX_EXPULSIONS):
        irregular.ingest(raw)


# ---------------------------------------------------------------- (c) real data, publisher figures

@pytest.fixture(scope="module")
def real_out(real_ingest):
    assert (REAL_RAW / FOLDER).is_dir(), f"raw data not found at {REAL_RAW}"
    return real_ingest("irregular")


def test_real_frontex_route_totals(real_out):
    table = real_out.tables["irregular_frontex"]
    by_route_year = table.groupby([table["route"], table["month"].str[:4]])["value"].sum()
    assert by_route_year[("Eastern Mediterranean Route", "2015")] == 885_386
    assert by_route_year[("Western Balkan Route", "2015")] == 764_033
    assert by_route_year[("Central Mediterranean Route", "2023")] == 158_026
    assert by_route_year[("Western African Route", "2024")] == 46_820
    cy = real_out.country_year
    fx = cy[cy["indicator_id"] == "irregular_crossings_frontex_by_nationality"]
    assert fx["value"].sum() == table["value"].sum()
    assert set(fx.loc[fx["flag"] == "partial_year", "year"]) == {2025}


def test_real_cbp_fiscal_years(real_out):
    fy = real_out.tables["irregular_cbp"].groupby("fiscal_year")["value"].sum().to_dict()
    assert fy == {2018: 521_090, 2019: 977_509, 2020: 458_088, 2021: 1_734_686, 2022: 2_378_944,
                  2023: 2_475_669, 2024: 2_135_005, 2025: 405_203}
    cbp = real_out.tables["irregular_cbp"]
    assert cbp.loc[cbp["nat"].isna(), "month"].max() == "2019-09"
    assert cbp.loc[cbp["nat"].notna(), "month"].min() == "2019-10"


def test_real_eurostat(real_out):
    table = real_out.tables["irregular_eurostat_asylum"]
    y2023 = table[table["year"] == 2023].groupby("geo")["value"].sum()
    assert y2023["DEU"] == 351_510 and y2023["EU27"] == 1_130_825
    cy = real_out.country_year
    asy = cy[cy["indicator_id"] == "asylum_applicants_eu"]
    assert "EU27" not in set(asy["iso3"])
    assert asy.loc[(asy["iso3"] == "DEU") & (asy["year"] == 2023), "value"].item() == 351_510
    assert asy.loc[asy["year"] == 2023, "value"].sum() == 1_169_555  # reporting countries incl. non-EU (TRAPS.md)


def test_real_national_series(real_out):
    s = real_out.tables["irregular_national_series"]
    darien = s[(s["country"] == "PAN") & (s["breakdown"] == "nationality")]
    by_year = darien.groupby("year")["value"].sum()
    assert by_year[2023] == 520_085 and by_year[2022] == 248_284
    assert set(darien.loc[darien["year"] <= 2019, "period"]) == {"year"}
    aus = s[s["country"] == "AUS"].set_index(["series", "year"])["value"]
    assert aus[("boat_arrivals_people", 2013)] == 20_587 and aus[("boat_arrivals_boats", 2013)] == 300
    assert aus.loc["boat_arrivals_boats"].loc[1976:1988].isna().all()
    gtm = s[s["country"] == "GTM"].groupby(["year", "category"])["value"].sum()
    assert gtm[(2024, "origin not coded")] == 61_680 and gtm[(2025, "origin not coded")] == 10_518
    assert (2024, "USA") not in gtm.index
    # 86 months carry all three breakdowns (TRAPS.md: total = by nationality = by demog in each)
    hnd = s[s["country"] == "HND"].groupby(["breakdown", "time"])["value"].sum().unstack(0).dropna()
    assert len(hnd) == 86 and (hnd["total"] == hnd["nationality"]).all() and (hnd["total"] == hnd["demog"]).all()
    assert set(s.loc[(s["country"] == "HND") & (s["nat"] == "TWN"), "flag"]) == {"suspect"}
