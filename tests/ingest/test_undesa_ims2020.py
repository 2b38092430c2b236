"""UN DESA IMS 2020 ingest: invented fixture rows, malformed files, and publisher figures on the real data."""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

from dashboard.ingest import undesa_ims2020 as ims
from dashboard.ingest.base import IngestError

FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")


def _rows(cy: pd.DataFrame, indicator: str) -> dict:
    part = cy[cy["indicator_id"] == indicator]
    return {(r.iso3, r.year, r.sex): (r.value, None if pd.isna(r.flag) else r.flag) for r in part.itertuples()}


@pytest.fixture(scope="module")
def out():
    return ims.ingest(FIXTURES)


def test_countries_only_duplicates_dropped_missing_stays_missing(out):
    # WORLD, the duplicated region and Taiwan (no code, no figures) are aggregates/not countries: dropped.
    # NAM appears twice (exact duplicate) -> once; CHI has no sex split; SSD 1990 has no stock.
    assert _rows(out.country_year, "migrant_stock_ims2020") == {
        ("NAM", 2020, "total"): (100.0, None), ("NAM", 2020, "male"): (40.0, None), ("NAM", 2020, "female"): (60.0, None),
        ("CHI", 2020, "total"): (50.0, None),
        ("SOM", 2020, "total"): (30.0, "imputed"), ("SOM", 2020, "male"): (15.0, "imputed"),
        ("SOM", 2020, "female"): (15.0, "imputed"),
    }
    assert _rows(out.country_year, "migrant_stock_pct_ims2020") == {
        ("NAM", 2020, "total"): (4.0, None), ("NAM", 2020, "male"): (3.5, None), ("NAM", 2020, "female"): (4.5, None),
        ("CHI", 2020, "total"): (10.0, None),
        ("SOM", 2020, "total"): (1.0, "imputed"), ("SOM", 2020, "male"): (1.0, "imputed"),
        ("SOM", 2020, "female"): (1.0, "imputed"),
    }
    # a published 0 stays 0; an empty cell (CHI) gets no row
    assert _rows(out.country_year, "refugees_in_migrant_stock_ims2020") == {
        ("NAM", 2020, "total"): (7.0, None), ("SOM", 2020, "total"): (0.0, None), ("SSD", 1990, "total"): (5.0, None),
    }
    assert {e["id"] for e in out.indicators} == set(out.country_year["indicator_id"])
    assert all("IMS 2020" in e["label"] for e in out.indicators)


def test_bilateral_detail_table_long_by_sex_without_zeros(out):
    assert out.corridors is None  # the 'stock' corridors hold the 2024 revision only
    table = out.tables["undesa_ims2020_bilateral"]
    got = {(r.origin, r.destination, r.year, r.sex): r.value for r in table.itertuples()}
    assert got == {
        ("NAM", "ZAF", 2020, "total"): 10, ("NAM", "ZAF", 2020, "male"): 4, ("NAM", "ZAF", 2020, "female"): 6,
        ("CHI", "GBR", 2020, "total"): 5, ("CHI", "GBR", 2020, "male"): 5,
        ("SOM", "KEN", 1990, "total"): 3, ("SOM", "KEN", 1990, "male"): 1, ("SOM", "KEN", 1990, "female"): 2,
    }
    assert set(table["source_id"]) == {"undesa_ims2020_bilateral"}
    assert ims.BILATERAL_SOURCE.non_commercial and not ims.SOURCE.non_commercial


def _broken_copy(tmp_path: Path, file: str, edit) -> Path:
    folder = tmp_path / "raw" / ims.FOLDER
    shutil.copytree(FIXTURES / ims.FOLDER, folder)
    if file.endswith(".gz"):
        with gzip.open(folder / file, "rt") as fh:
            lines = fh.read().splitlines()
        with gzip.open(folder / file, "wt") as fh:
            fh.write("\n".join(edit(lines)) + "\n")
    else:
        lines = (folder / file).read_text().splitlines()
        (folder / file).write_text("\n".join(edit(lines)) + "\n")
    return tmp_path / "raw"


IND, BIL = ims.INDICATORS_FILE, ims.BILATERAL_FILE


@pytest.mark.parametrize("file, edit, column", [
    (IND, lambda ls: [line.replace(",100.0,", ",1OO,") for line in ls], "'migrant_stock_total'"),
    (IND, lambda ls: [line.replace(",4.0,", ",140.0,") for line in ls], "'migrant_pct_of_population_total'"),
    (IND, lambda ls: [line.replace(",is_country", ",country") for line in ls], "'is_country'"),
    # same country and year twice with different figures: not an exact duplicate, so it must fail
    (IND, lambda ls: ls + [ls[4].replace(",100.0,", ",101.0,")], "iso3,year"),
    (IND, lambda ls: [line.replace(",True", ",yes") for line in ls], "'is_country'"),
    (BIL, lambda ls: ls + [ls[1]], "year,orig_iso3,dest_iso3"),
    (BIL, lambda ls: [line.replace(",10,4,6,", ",10,-4,6,") for line in ls], "'stock_male'"),
])
def test_malformed_file_names_file_and_column(tmp_path, file, edit, column):
    raw = _broken_copy(tmp_path, file, edit)
    with pytest.raises(IngestError) as exc:
        ims.ingest(raw)
    assert file in str(exc.value) and column in str(exc.value)


@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("undesa_ims2020")


def test_real_figures_match_source_md(real):
    stock = _rows(real.country_year, "migrant_stock_ims2020")
    assert stock[("USA", 2020, "total")] == (50_632_836.0, None)
    assert stock[("USA", 1990, "total")][0] == 23_251_026
    assert stock[("DEU", 2020, "total")][0] == 15_762_457
    assert stock[("SAU", 2020, "total")][0] == 13_454_842
    world_2020 = sum(v for (iso, year, sex), (v, _) in stock.items() if year == 2020 and sex == "total")
    assert world_2020 == 280_598_105  # the UN WORLD row; the country rows add up to it exactly
    refugees = _rows(real.country_year, "refugees_in_migrant_stock_ims2020")
    assert refugees[("TUR", 2020, "total")][0] == 3_907_788
    assert refugees[("DEU", 2020, "total")][0] == 1_455_947
    assert ("SSD", 1990, "total") not in stock  # NA in the UN file stays missing
    assert len({k[0] for k in stock}) == 232


def test_real_bilateral_table(real):
    table = real.tables["undesa_ims2020_bilateral"]
    mex_usa = table[(table["origin"] == "MEX") & (table["destination"] == "USA") & (table["year"] == 2020)]
    assert dict(zip(mex_usa["sex"], mex_usa["value"])) == {"total": 10_853_105, "female": 5_056_331,
                                                           "male": 10_853_105 - 5_056_331}
    assert (table["value"] > 0).all()
    assert table[(table["year"] == 2020) & (table["sex"] == "total")]["value"].sum() == pytest.approx(267.9e6, rel=1e-3)
