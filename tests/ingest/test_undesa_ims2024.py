"""UN DESA IMS 2024 ingest: invented fixture rows, malformed files, and publisher figures on the real data."""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

from dashboard.ingest import undesa_ims2024 as ims
from dashboard.ingest.base import IngestError

FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
STOCK = Path(ims.FOLDER) / ims.STOCK_FILE


def _rows(cy: pd.DataFrame, indicator: str) -> dict:
    part = cy[cy["indicator_id"] == indicator]
    return {(r.iso3, r.year, r.sex): (r.value, None if pd.isna(r.flag) else r.flag) for r in part.itertuples()}


@pytest.fixture(scope="module")
def out():
    return ims.ingest(FIXTURES)


def test_migrant_stock_keeps_unknown_origin_and_zero_sex_totals(out):
    assert _rows(out.country_year, "migrant_stock") == {
        ("DEU", 2020, "female"): (110.0, None), ("DEU", 2020, "male"): (88.0, None), ("DEU", 2020, "total"): (198.0, None),
        ("DEU", 2024, "female"): (120.0, None), ("DEU", 2024, "male"): (90.0, None), ("DEU", 2024, "total"): (210.0, None),
        ("CHI", 2020, "female"): (7.0, None), ("CHI", 2020, "male"): (0.0, None), ("CHI", 2020, "total"): (7.0, None),
        ("SSD", 2005, "female"): (30.0, "backcast"), ("SSD", 2005, "male"): (20.0, "backcast"),
        ("SSD", 2005, "total"): (50.0, "backcast"),
        ("SSD", 2010, "female"): (4.0, None), ("SSD", 2010, "male"): (6.0, None), ("SSD", 2010, "total"): (10.0, None),
        ("SOM", 2020, "female"): (50.0, "imputed"), ("SOM", 2020, "male"): (50.0, "imputed"),
        ("SOM", 2020, "total"): (100.0, "imputed"),
    }


def test_emigrant_stock_excludes_unknown_origin(out):
    assert _rows(out.country_year, "emigrant_stock") == {
        ("POL", 2020, "female"): (100.0, None), ("POL", 2020, "male"): (80.0, None), ("POL", 2020, "total"): (180.0, None),
        ("POL", 2024, "female"): (120.0, None), ("POL", 2024, "male"): (90.0, None), ("POL", 2024, "total"): (210.0, None),
        ("CHI", 2020, "female"): (0.0, None), ("CHI", 2020, "male"): (3.0, None), ("CHI", 2020, "total"): (3.0, None),
        ("DEU", 2020, "female"): (7.0, None), ("DEU", 2020, "male"): (0.0, None), ("DEU", 2020, "total"): (7.0, None),
        ("SDN", 2010, "female"): (4.0, None), ("SDN", 2010, "male"): (6.0, None), ("SDN", 2010, "total"): (10.0, None),
        ("ETH", 2020, "female"): (50.0, None), ("ETH", 2020, "male"): (50.0, None), ("ETH", 2020, "total"): (100.0, None),
    }


def test_shares_use_world_bank_population_and_flags(out):
    # SOM has an empty World Bank population: no percentage; WLD (an aggregate) is never joined.
    assert _rows(out.country_year, "migrant_stock_pct") == {
        ("DEU", 2020, "total"): (pytest.approx(19.8), "derived"), ("DEU", 2024, "total"): (pytest.approx(10.5), "derived"),
        ("CHI", 2020, "total"): (pytest.approx(7.0), "derived"),
        ("SSD", 2005, "total"): (pytest.approx(10.0), "backcast"), ("SSD", 2010, "total"): (pytest.approx(1.0), "derived"),
    }
    assert _rows(out.country_year, "migrant_stock_female_pct") == {
        ("DEU", 2020, "total"): (pytest.approx(110 / 198 * 100), "derived"),
        ("DEU", 2024, "total"): (pytest.approx(120 / 210 * 100), "derived"),
        ("CHI", 2020, "total"): (pytest.approx(100.0), "derived"),
        ("SSD", 2005, "total"): (pytest.approx(60.0), "backcast"), ("SSD", 2010, "total"): (pytest.approx(40.0), "derived"),
        ("SOM", 2020, "total"): (pytest.approx(50.0), "imputed"),
    }
    assert set(out.country_year["source_id"]) == {"undesa_ims2024"}


def test_corridors_drop_unknown_origin_and_zero_cells(out):
    got = {(r.origin, r.destination, r.year_start, r.sex): r.value for r in out.corridors.itertuples()}
    assert got == {
        ("POL", "DEU", 2020, "female"): 100.0, ("POL", "DEU", 2020, "male"): 80.0, ("POL", "DEU", 2020, "total"): 180.0,
        ("POL", "DEU", 2024, "female"): 120.0, ("POL", "DEU", 2024, "male"): 90.0, ("POL", "DEU", 2024, "total"): 210.0,
        ("CHI", "DEU", 2020, "male"): 3.0, ("CHI", "DEU", 2020, "total"): 3.0,
        ("DEU", "CHI", 2020, "female"): 7.0, ("DEU", "CHI", 2020, "total"): 7.0,
        ("SDN", "SSD", 2010, "female"): 4.0, ("SDN", "SSD", 2010, "male"): 6.0, ("SDN", "SSD", 2010, "total"): 10.0,
        ("ETH", "SOM", 2020, "female"): 50.0, ("ETH", "SOM", 2020, "male"): 50.0, ("ETH", "SOM", 2020, "total"): 100.0,
    }
    assert (out.corridors["year_end"] == out.corridors["year_start"]).all()
    assert set(out.corridors["measure"]) == {"stock"} and set(out.corridors["method"]) == {""}


def test_catalogue_entries_cover_written_ids(out):
    assert {e["id"] for e in out.indicators} == set(out.country_year["indicator_id"])
    assert [m["id"] for m in out.measures] == ["stock"]
    assert ims.SOURCE.files[1] == "../worldbank_population/population.csv"


def _broken_copy(tmp_path: Path, edit) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "worldbank_population", raw / "worldbank_population")
    (raw / ims.FOLDER).mkdir(parents=True)
    with gzip.open(FIXTURES / STOCK, "rt") as fh:
        lines = fh.read().splitlines()
    with gzip.open(raw / STOCK, "wt") as fh:
        fh.write("\n".join(edit(lines)) + "\n")
    return raw


@pytest.mark.parametrize("edit, column", [
    (lambda ls: [ls[0], ls[1].replace(",100,", ",1O0,")] + ls[2:], "'n'"),
    (lambda ls: [ls[0], ls[1].replace(",100,", ",-100,")] + ls[2:], "'n'"),
    (lambda ls: [line.replace(",from", ",origin") for line in ls], "'from'"),
    (lambda ls: ls + [ls[1]], "geo,t,from,sex"),
    (lambda ls: ls + ["ZZZ,2020,POL,male,1,1,0,0,0"], "'geo'"),
    (lambda ls: ls + ["DEU,2021,ITA,male,1,1,0,0,0"], "'t'"),
])
def test_malformed_file_names_file_and_column(tmp_path, edit, column):
    raw = _broken_copy(tmp_path, edit)
    with pytest.raises(IngestError) as exc:
        ims.ingest(raw)
    assert ims.STOCK_FILE in str(exc.value) and column in str(exc.value)


@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("undesa_ims2024")


def test_real_world_totals_match_un(real):
    cy = real.country_year
    world = cy[(cy["indicator_id"] == "migrant_stock") & (cy["sex"] == "total")].groupby("year")["value"].sum()
    assert world[2024] == 304_021_813
    assert world[2020] == 275_284_032
    assert sorted(world.index) == list(ims.YEARS)


def test_real_country_figures_from_traps(real):
    stock = _rows(real.country_year, "migrant_stock")
    for year in (1990, 1995, 2000, 2005):
        assert stock[("SSD", year, "total")] == (652_365.0, "backcast")
    assert stock[("SSD", 2010, "total")] == (230_732.0, None)
    assert stock[("COL", 2015, "total")][0] == 145_504
    assert stock[("COL", 2020, "total")][0] == 1_932_807
    assert stock[("GNQ", 2010, "total")][0] == 8_658
    assert stock[("SOM", 1990, "total")][0] == 478_294
    assert ("CHI", 2024, "total") in stock and not any(k[0] in {"XCX", "UNK"} for k in stock)
    for sex in ("female", "male"):  # total = female + male for every destination
        assert stock[("DEU", 2024, sex)][0] > 0
    assert stock[("DEU", 2024, "total")][0] == stock[("DEU", 2024, "female")][0] + stock[("DEU", 2024, "male")][0]


def test_real_corridors_exclude_unknown_and_sum_below_world(real):
    co = real.corridors
    assert not ({"UNK", "XCX"} & set(co["origin"]) | {"UNK", "XCX"} & set(co["destination"]))
    assert (co["value"] > 0).all()
    known_2024 = co[(co["year_start"] == 2024) & (co["sex"] == "total")]["value"].sum()
    assert 0.90 * 304_021_813 < known_2024 < 0.93 * 304_021_813  # unknown origin is 7-9 % of the world stock
    pct = real.country_year[real.country_year["indicator_id"] == "migrant_stock_pct"]
    assert (pct["flag"].isin(["derived", "backcast", "imputed"])).all() and pct["value"].between(0, 100).all()
