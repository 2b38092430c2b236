"""UNHCR ingest: invented fixture rows (code traps, zeros, small cells), malformed files, real publisher figures."""
from __future__ import annotations

import gzip
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

from dashboard.ingest import base, build, unhcr
from dashboard.ingest.base import IngestError

FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER = unhcr.SOURCE.folder


def _rows(cy: pd.DataFrame, indicator: str) -> dict:
    part = cy[cy["indicator_id"] == indicator]
    return {(r.iso3, r.year): (r.value, None if pd.isna(r.flag) else r.flag) for r in part.itertuples()}


def _records(df: pd.DataFrame, cols: list[str]) -> set[tuple]:
    return set(df[cols].itertuples(index=False, name=None))


@pytest.fixture(scope="module")
def out():
    return unhcr.ingest(FIXTURES)


def test_shared_tables_validate_and_catalogue_matches(out):
    base.validate(out.country_year, base.COUNTRY_YEAR, "country_year")
    base.validate(out.corridors, base.CORRIDORS, "corridors")
    assert set(out.country_year["indicator_id"]) <= {e["id"] for e in out.indicators}
    assert len({e["id"] for e in out.indicators}) == len(out.indicators) == len(unhcr.INDICATOR_SPECS)
    for entry in out.indicators:
        assert set(base.INDICATOR_KEYS) <= set(entry)
    assert [m["id"] for m in out.measures] == ["refugees"]
    assert set(out.country_year["sex"]) == {"total"} and set(out.country_year["source_id"]) == {"unhcr"}


def test_refugees_hosted_uses_iso_columns_and_keeps_pseudo_codes(out):
    # coa 'ARE' (UNHCR's code for Egypt) must land on EGY, 'AUS' (Austria) on AUT; a 5 is a 1-5 small cell.
    assert _rows(out.country_year, "refugees_hosted") == {
        ("EGY", 2017): (100.0, None), ("AUT", 2017): (5.0, "small_cell_1_5"), ("UNK", 2017): (9.0, None),
        ("EGY", 2018): (127.0, None), ("IND", 2018): (60.0, None), ("AUT", 2018): (5.0, "small_cell_1_5"),
    }


def test_refugees_originating_and_other_population_indicators(out):
    cy = out.country_year
    assert _rows(cy, "refugees_originating") == {
        ("SYR", 2017): (105.0, None), ("AFG", 2017): (9.0, None), ("SYR", 2018): (120.0, None),
        ("UNK", 2018): (7.0, None), ("TIB", 2018): (60.0, None), ("AUT", 2018): (5.0, "small_cell_1_5"),
    }
    assert _rows(cy, "asylum_seekers_hosted") == {("EGY", 2017): (20.0, None)}
    assert _rows(cy, "asylum_seekers_originating") == {("SYR", 2017): (20.0, None)}
    assert _rows(cy, "idps_unhcr") == {("SYR", 2018): (500.0, None)}
    assert _rows(cy, "returned_refugees") == {("SYR", 2018): (40.0, None)}
    assert _rows(cy, "returned_idps") == {("SYR", 2018): (10.0, None)}
    assert _rows(cy, "stateless") == {("AUT", 2018): (15.0, None)}
    assert _rows(cy, "others_of_concern") == {}
    # OIP is missing before 2018: no row for EGY 2017, never a 0
    assert _rows(cy, "oip_hosted") == {("EGY", 2018): (30.0, None)}
    # the all-zero Namibia row contributes nothing anywhere
    assert "NAM" not in set(cy["iso3"])


def test_solution_indicators_sum_reported_cells_only(out):
    assert _rows(out.country_year, "resettlement_arrivals") == {("CAN", 2018): (35.0, None)}
    assert _rows(out.country_year, "naturalisation") == {("CAN", 2018): (5.0, "small_cell_1_5")}


def test_corridors_leave_out_pseudo_codes_and_same_country(out):
    assert _records(out.corridors, ["measure", "origin", "destination", "year_start", "year_end", "sex", "method",
                                    "value"]) == {
        ("refugees", "SYR", "EGY", 2017, 2017, "total", "", 100.0),
        ("refugees", "SYR", "AUT", 2017, 2017, "total", "", 5.0),
        ("refugees", "SYR", "EGY", 2018, 2018, "total", "", 120.0),
    }
    assert any("left out 3 cells (76 persons" in n for n in out.notes)  # AFG->UNK, UNK->EGY, TIB->IND
    assert any("left out 1 cells (5 persons" in n and "origin equals" in n for n in out.notes)  # AUT->AUT


def test_population_detail_drops_zeros_and_missing(out):
    pop = out.tables["unhcr_population"]
    assert len(pop) == 14
    assert (pop["value"] > 0).all()
    assert _records(pop[(pop["origin"] == "SYR") & (pop["year"] == 2018)], ["asylum", "pop_type", "value"]) == {
        ("EGY", "refugees", 120), ("EGY", "oip", 30), ("SYR", "returned_refugees", 40), ("SYR", "idps", 500),
        ("SYR", "returned_idps", 10), ("SYR", "hst", 5),
    }
    assert ("XXA", "AUT", "stateless", 15) in _records(pop, ["origin", "asylum", "pop_type", "value"])


def test_flows_map_ukn_and_sta_and_keep_only_reported(out):
    assert _records(out.tables["unhcr_flows"], ["year", "origin", "asylum", "flow_type", "value"]) == {
        (2018, "UNK", "EGY", "asylum_seekers", 12), (2018, "XXA", "AUT", "asylum_seekers", 8),
        (2018, "TIB", "IND", "asylum_seekers", 5), (2018, "SYR", "EGY", "refugees", 50),
    }
    assert _records(out.tables["unhcr_solutions"], ["origin", "asylum", "solution_type", "value"]) == {
        ("SYR", "CAN", "resettlement", 25), ("AFG", "CAN", "resettlement", 10), ("AFG", "CAN", "naturalisation", 5),
        ("SYR", "EGY", "returned_refugees", 40),
    }


def test_asylum_tables_keep_na_category_and_published_totals(out):
    apps = out.tables["unhcr_asylum_applications"]
    assert _records(apps, ["origin", "asylum", "procedure_type", "app_type", "dec_level", "app_pc", "applied"]) == {
        ("NAM", "AUT", "G", "NA", "NA", "P", 5), ("NAM", "AUT", "G", "N", "FI", "P", 10),
        ("SYR", "USA", "G", "N", "FI", "C", 30),
    }
    dec = out.tables["unhcr_asylum_decisions"]
    # 15 + 0 + 21 + 5 = 41 but the published total is 43: kept as published
    assert _records(dec, ["origin", "dec_level", "dec_recognized", "dec_other", "dec_rejected", "dec_closed",
                          "dec_total"]) == {("SYR", "FI", 15, 0, 21, 5, 43), ("NAM", "NA", 0, 0, 5, 0, 5)}


def test_demographics_long_as_published(out):
    demo = out.tables["unhcr_demographics"]
    assert _records(demo, ["origin", "asylum", "pop_type", "location", "sex", "age", "value"]) == {
        ("SYR", "EGY", "REF", "Cairo", "female", "0-4", 5), ("SYR", "EGY", "REF", "Cairo", "female", "18-59", 10),
        ("SYR", "EGY", "REF", "Cairo", "female", "total", 15), ("SYR", "EGY", "REF", "Cairo", "male", "12-17", 5),
        ("SYR", "EGY", "REF", "Cairo", "male", "total", 5), ("SYR", "EGY", "REF", "Cairo", "total", "total", 20),
        ("COL", "ABW", "OOC", "Dispersed in the country / territory", "total", "total", 168),
    }
    assert _records(out.tables["unhcr_unrwa"], ["origin", "asylum", "value"]) == {
        ("PSE", "LBN", 490000), ("PSE", "UNK", 1000)}


# ---------------------------------------------------------------- malformed files

def _broken_copy(tmp_path: Path, file: str, edit) -> Path:
    """Copy the fixture folder into tmp_path and rewrite one file's text with ``edit``."""
    shutil.copytree(FIXTURES / FOLDER, tmp_path / FOLDER)
    path = tmp_path / FOLDER / file
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(edit(text).encode()))
    return tmp_path


@pytest.mark.parametrize("file, edit, column", [
    (unhcr.POPULATION_FILE, lambda t: t.replace("ARE,EGY,100,", "ARE,EGY,1OO,"), "refugees"),
    (unhcr.POPULATION_FILE, lambda t: t.replace("AUS,AUT,5,0,0,0", "AUS,AUT,-5,0,0,0", 1), "refugees"),
    (unhcr.FLOWS_FILE, lambda t: t.replace(",coa_iso,", ",coa_code,"), "coa_iso"),
    (unhcr.POPULATION_FILE, lambda t: t + t.splitlines()[1] + "\n", "year,coo_iso,coa_iso"),
    (unhcr.SOLUTIONS_FILE, lambda t: t.replace("CAN,CAN,,25", "CAN,ZZZ,,25"), "coa_iso"),
    (unhcr.APPLICATIONS_FILE, lambda t: t.replace(",G,N,FI,C,30", ",G,N,FI,X,30"), "app_pc"),
])
def test_malformed_file_names_file_and_column(tmp_path, file, edit, column):
    raw = _broken_copy(tmp_path, file, edit)
    with pytest.raises(IngestError) as err:
        unhcr.ingest(raw)
    assert file in str(err.value) and column in str(err.value)


def test_flows_code_mapping_cannot_create_duplicates(tmp_path):
    # UKN and UNK in the same cell become one key after mapping: must raise, not sum silently
    raw = _broken_copy(tmp_path, unhcr.FLOWS_FILE,
                       lambda t: t + "2018,Unknown,UNK,UNK,Egypt,ARE,EGY,,3,,\n")
    with pytest.raises(IngestError, match="unhcr_flows.csv.gz.*duplicate key"):
        unhcr.ingest(raw)


# ---------------------------------------------------------------- real data

@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("unhcr")


def _value(cy, indicator, iso3, year):
    hit = cy[(cy["indicator_id"] == indicator) & (cy["iso3"] == iso3) & (cy["year"] == year)]
    assert len(hit) == 1
    return hit["value"].iloc[0]


def test_real_publisher_figures(real):
    cy = real.country_year
    assert set(cy["indicator_id"]) == {e["id"] for e in real.indicators}
    assert _value(cy, "refugees_originating", "SYR", 2022) == 6_559_736
    assert _value(cy, "refugees_originating", "SYR", 2025) == 4_865_764
    assert _value(cy, "refugees_hosted", "TUR", 2022) == 3_568_259
    assert _value(cy, "refugees_originating", "UKR", 2022) == 5_684_177
    assert _value(cy, "idps_unhcr", "UKR", 2022) == 5_914_000
    world = cy[cy["indicator_id"] == "refugees_hosted"].groupby("year")["value"].sum()
    assert world[2024] == 30_958_200  # "30.96M" in SOURCE.md
    assert round(world[2022] / 1e6, 2) == 29.43 and round(world[2025] / 1e6, 2) == 28.46
    top = cy[(cy["indicator_id"] == "refugees_hosted") & (cy["year"] == 2024)].nlargest(5, "value")
    assert list(top["iso3"]) == ["IRN", "TUR", "DEU", "UGA", "PAK"]
    assert top["value"].iloc[0] == 3_489_257
    returns = cy[(cy["indicator_id"] == "returned_refugees") & (cy["year"] == 2025)]["value"].sum()
    assert round(returns / 1e6, 2) == 4.36
    flows = real.tables["unhcr_flows"]
    ukr = flows[(flows["origin"] == "UKR") & (flows["year"] == 2022) & (flows["flow_type"] == "refugees")]
    assert ukr["value"].sum() == 3_758_170
    # corridors carry the same Syrian stock minus nothing (Syria has no pseudo/same-country refugee cells in 2022)
    co = real.corridors
    assert co[(co["origin"] == "SYR") & (co["year_start"] == 2022)]["value"].sum() == 6_559_736
    assert not co["origin"].isin(unhcr.PSEUDO_ORIGINS).any() and not co["destination"].isin(["UNK"]).any()
    # codes: UNHCR's 'ARE' is Egypt; its refugees must land on EGY, not on the United Arab Emirates
    raw = base.read_csv(RAW / FOLDER / unhcr.POPULATION_FILE, usecols=["year", "coa", "coa_name", "refugees"])
    egypt = raw[(raw["year"] == 2024) & (raw["coa"] == "ARE")]
    assert set(egypt["coa_name"]) == {"Egypt"}
    assert _value(cy, "refugees_hosted", "EGY", 2024) == egypt["refugees"].sum() == 238_014
    assert len(real.tables["unhcr_population"]) == 207_639


def test_real_detail_tables_stay_small(real):
    with tempfile.TemporaryDirectory() as tmp:
        total = 0
        for name, frame in real.tables.items():
            path = Path(tmp) / f"{name}.parquet"
            build.write_parquet(frame, path)
            total += path.stat().st_size
    assert total < 5_000_000
