"""UN WPP 2024 net migration ingest: invented fixture rows, malformed files, and publisher figures on the real data."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

from dashboard.ingest import wpp
from dashboard.ingest.base import IngestError

FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")


def _rows(cy: pd.DataFrame) -> dict:
    return {(r.iso3, r.year, r.sex): (r.value, None if pd.isna(r.flag) else r.flag) for r in cy.itertuples()}


def test_fixture_rows_negative_kept_projection_flagged():
    out = wpp.ingest(FIXTURES)
    assert _rows(out.country_year) == {
        ("NAM", 2023, "total"): (-1000.0, None),  # NAM is Namibia, negative net migration kept
        ("NAM", 2024, "total"): (-2000.0, "projection"),
        ("XKX", 2023, "total"): (0.0, None),  # a published zero stays zero
        ("DEU", 2024, "total"): (150000.0, "projection"),
        ("XKX", 2022, "total"): (-5000.0, None),  # KOS mapped to XKX
    }
    assert out.country_year["year"].dtype == "int64"
    assert set(out.country_year["indicator_id"]) == {"net_migration"} == {e["id"] for e in out.indicators}
    assert out.indicators[0]["theme"] == "flows" and out.indicators[0]["per_capita"] is True


def _broken_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "raw" / wpp.FOLDER
    shutil.copytree(FIXTURES / wpp.FOLDER, folder)
    path = folder / wpp.NET_FILE
    path.write_text("\n".join(edit(path.read_text().splitlines())) + "\n")
    return tmp_path / "raw"


@pytest.mark.parametrize("edit, column", [
    (lambda ls: [ls[0], ls[1].replace("-1000.0", "-1000.0x")] + ls[2:], "'Net Number of Migrants'"),
    (lambda ls: [ls[0], ls[1].replace("-1000.0", "")] + ls[2:], "'Net Number of Migrants'"),
    (lambda ls: [line.replace("Country ISO", "ISO3") for line in ls], "'Country ISO'"),
    (lambda ls: ls + ["9,2023.0,NAM,5.0"], "Year,Country ISO"),
    (lambda ls: ls + ["9,2023.5,USA,5.0"], "'Year'"),
    (lambda ls: ls + ["9,2023.0,ZZZ,5.0"], "'Country ISO'"),
])
def test_malformed_file_names_file_and_column(tmp_path, edit, column):
    raw = _broken_copy(tmp_path, edit)
    with pytest.raises(IngestError) as exc:
        wpp.ingest(raw)
    assert wpp.NET_FILE in str(exc.value) and column in str(exc.value)


def test_real_figures_match_source_md(real_ingest):
    out = real_ingest("wpp")
    rows = _rows(out.country_year)
    assert rows[("DEU", 2015, "total")] == (1_175_000.0, None)
    assert rows[("UKR", 2022, "total")] == (-5_699_000.0, None)
    assert rows[("SYR", 2015, "total")][0] == -827_000
    assert rows[("USA", 2022, "total")][0] == 1_319_000
    assert rows[("IND", 2022, "total")][0] == -1_353_000
    cy = out.country_year
    assert len(cy) == 17_775 and cy["iso3"].nunique() == 237
    assert (cy.loc[cy["year"] == 2024, "flag"] == "projection").all() and cy.loc[cy["year"] < 2024, "flag"].isna().all()
    assert cy.loc[cy["year"] == 2020, "value"].sum() == 10_000  # ~0 up to the UN's rounding to thousands
    assert (cy["value"] % 1000 == 0).all()
