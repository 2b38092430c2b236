"""Abel & Cohen 5-year bilateral flows: fixture rows, malformed files, and publisher figures on the real data."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import abel
from dashboard.ingest.base import CORRIDORS, COUNTRY_YEAR, IngestError, validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER = abel.SOURCE.folder


def _corridor_rows(out) -> list[tuple]:
    cols = ["method", "origin", "destination", "year_start", "year_end", "sex", "value"]
    df = out.corridors.sort_values(cols).reset_index(drop=True)
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def test_fixture_rows_exact():
    out = abel.ingest(FIXTURES)
    validate(out.corridors, CORRIDORS, "corridors")
    validate(out.country_year, COUNTRY_YEAR, "country_year")
    assert set(out.corridors["measure"]) == {"flow_5y"} and set(out.corridors["source_id"]) == {"abel_cohen"}
    # one row per sex where that sex's flow is > 0; sexes never derived from each other (60 + 45 != 100)
    assert _corridor_rows(out) == [
        ("da_min_closed", "SCG", "AUT", 1990, 1995, "female", 7.0),
        ("da_min_closed", "SCG", "AUT", 1990, 1995, "total", 7.0),
        ("da_pb_closed", "ABW", "ARE", 1990, 1995, "male", 1.0),
        ("da_pb_closed", "NAM", "ZAF", 1990, 1995, "male", 130.0),
        ("da_pb_closed", "NAM", "ZAF", 1990, 1995, "total", 250.0),
        ("da_pb_closed", "SCG", "AUT", 1990, 1995, "female", 45.0),
        ("da_pb_closed", "SCG", "AUT", 1990, 1995, "male", 60.0),
        ("da_pb_closed", "SCG", "AUT", 1990, 1995, "total", 100.0),
        ("da_pb_closed", "SDN", "SSD", 2010, 2015, "female", 1400.0),
        ("da_pb_closed", "SDN", "SSD", 2010, 2015, "male", 1600.0),
        ("da_pb_closed", "SDN", "SSD", 2010, 2015, "total", 3000.0),
        ("da_pb_closed", "SRB", "DEU", 2010, 2015, "female", 480.0),
        ("da_pb_closed", "SRB", "DEU", 2010, 2015, "male", 500.0),
        ("da_pb_closed", "SRB", "DEU", 2010, 2015, "total", 1000.0),
    ]
    # default method only; SRB 1990 (0 in, 0 out: did not exist) dropped; NAM's real 0 inflow kept
    cy = out.country_year.sort_values(["indicator_id", "iso3", "year"])
    assert [tuple(r) for r in cy[["indicator_id", "iso3", "year", "sex", "value"]].itertuples(index=False)] == [
        ("emigration_flow_5y", "NAM", 1990, "total", 250.0),
        ("emigration_flow_5y", "SCG", 1990, "total", 100.0),
        ("emigration_flow_5y", "SRB", 2010, "total", 1000.0),
        ("immigration_flow_5y", "NAM", 1990, "total", 0.0),
        ("immigration_flow_5y", "SCG", 1990, "total", 120.0),
        ("immigration_flow_5y", "SRB", 2010, "total", 40.0),
    ]
    assert cy["flag"].isna().all()
    assert {e["id"] for e in out.indicators} == set(cy["indicator_id"])
    (measure,) = out.measures
    assert measure["methods"] == list(abel.METHODS) and measure["default_method"] == "da_pb_closed"
    assert "country totals (da_pb_closed): 1 country-periods with no in- or outflow dropped" in out.notes
    assert "flow_5y total: 1 rows with a 0 total flow not stored" in out.notes


def _write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt") as fh:
        fh.write(text)


def _fixture_text(name: str) -> str:
    with gzip.open(FIXTURES / FOLDER / name, "rt") as fh:
        return fh.read()


def _break_flows(text: str, case: str) -> str:
    lines = text.splitlines()
    if case == "bad_number":
        lines[1] = lines[1].replace(",100,60,45,", ",1OO,60,45,")
    elif case == "missing_column":
        lines = [",".join(line.split(",")[:9] + line.split(",")[10:]) for line in lines]  # drop flow_female
    elif case == "duplicate_key":
        lines.append(lines[1].replace(",100,60,45,", ",99,60,45,"))
    elif case == "bad_period":
        lines[1] = lines[1].replace("1990,1995", "1990,2000")
    elif case == "unknown_code":
        lines[1] = lines[1].replace(",AUT,", ",XYZ,")
    elif case == "negative":
        lines[1] = lines[1].replace(",100,60,45,", ",100,-60,45,")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case, column", [
    ("bad_number", "flow_total"), ("missing_column", "flow_female"),
    ("duplicate_key", "method,year0,orig_iso3,dest_iso3"),
    ("bad_period", "year1"), ("unknown_code", "dest_iso3"), ("negative", "flow_male"),
])
def test_malformed_flows_file_names_file_and_column(tmp_path, case, column):
    _write_gz(tmp_path / FOLDER / abel.TOTALS_FILE, _fixture_text(abel.TOTALS_FILE))
    _write_gz(tmp_path / FOLDER / abel.FLOWS_FILE, _break_flows(_fixture_text(abel.FLOWS_FILE), case))
    with pytest.raises(IngestError) as err:
        abel.ingest(tmp_path)
    assert abel.FLOWS_FILE in str(err.value) and f"column {column!r}" in str(err.value)


def test_malformed_totals_file(tmp_path):
    _write_gz(tmp_path / FOLDER / abel.FLOWS_FILE, _fixture_text(abel.FLOWS_FILE))
    _write_gz(tmp_path / FOLDER / abel.TOTALS_FILE, _fixture_text(abel.TOTALS_FILE).replace("da_min_closed", "da_new"))
    with pytest.raises(IngestError, match=rf"{abel.TOTALS_FILE}, column 'method', row 5"):
        abel.ingest(tmp_path)


@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("abel")


def _flow(co: pd.DataFrame, origin: str, dest: str, year: int, sex: str = "total", method: str = "da_pb_closed"):
    hit = co[(co["method"] == method) & (co["origin"] == origin) & (co["destination"] == dest)
             & (co["year_start"] == year) & (co["sex"] == sex)]
    assert len(hit) == 1
    return hit["value"].iloc[0]


def test_real_corridors_match_source_md(real):
    co = real.corridors
    validate(co, CORRIDORS, "corridors")
    assert (co["value"] > 0).all() and (co["year_end"] == co["year_start"] + 5).all()
    # SOURCE.md: largest da_pb_closed corridors
    assert _flow(co, "VEN", "COL", 2015) == 1_735_164
    assert _flow(co, "MEX", "USA", 2015) == 1_635_815
    assert _flow(co, "PAK", "SAU", 2015) == 1_239_480
    assert _flow(co, "MEX", "USA", 1990) == 2_238_239
    assert _flow(co, "RWA", "COD", 1990) == 1_369_384
    # SOURCE.md: global da_pb_closed totals (millions) 72.7 ... 101.2; methods differ in level
    tot = co[co["sex"] == "total"].groupby(["method", "year_start"])["value"].sum() / 1e6
    assert [round(tot[("da_pb_closed", y)], 1) for y in range(1990, 2020, 5)] == [72.7, 71.4, 76.3, 89.0, 97.5, 101.2]
    assert round(tot[("da_min_closed", 1990)], 1) == 42.7 and round(tot[("mig_rate", 2015)], 1) == 56.7
    # row counts: all 471,311 source rows x 3 sexes minus the zero cells of each sex (TRAPS: 23,062 zero totals)
    assert (co["sex"] == "total").sum() == 471_311 - 23_062
    assert len(co) == 3 * 471_311 - 23_062 - 61_399 - 47_127
    # SCG is a historical entity up to the 2005-2010 period; SRB only from 2010
    assert set(co.loc[co["origin"] == "SCG", "year_start"]) == {1990, 1995, 2000, 2005}
    assert co.loc[co["origin"] == "SRB", "year_start"].min() == 2010


def test_real_country_totals_match_source_md_and_bilateral_sums(real):
    cy = real.country_year.set_index(["indicator_id", "iso3", "year"])["value"]
    validate(real.country_year, COUNTRY_YEAR, "country_year")
    assert cy[("immigration_flow_5y", "USA", 2015)] == 12_293_478  # SOURCE.md: 12.29M
    assert round(cy[("immigration_flow_5y", "DEU", 2015)] / 1e6, 2) == 5.19
    assert round(cy[("emigration_flow_5y", "PAK", 2015)] / 1e6, 2) == 8.48
    # SOURCE.md caveat quotes the bilateral sum (308,121); the publisher's totals file says 308,122 (rounding)
    assert cy[("emigration_flow_5y", "AFG", 1990)] == 308_122
    assert ("emigration_flow_5y", "SRB", 1990) not in cy.index and ("emigration_flow_5y", "SCG", 2010) not in cy.index
    # TRAPS.md: totals equal the bilateral sums within 17 persons
    co = real.corridors
    co = co[(co["method"] == "da_pb_closed") & (co["sex"] == "total")]
    inflow = co.groupby(["destination", "year_start"])["value"].sum()
    imm = cy.loc["immigration_flow_5y"]
    diff = (imm - inflow.reindex(imm.index, fill_value=0)).abs()
    assert diff.max() <= 17
    afg = real.corridors.query("method == 'da_pb_closed' and sex == 'total' and origin == 'AFG' and year_start == 1990")
    assert afg["value"].sum() == 308_121
