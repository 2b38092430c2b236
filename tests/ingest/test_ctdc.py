"""CTDC synthetic records: fixture rows (identical records kept, blank flags, ';' values), malformed files, TabStat."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import ctdc
from dashboard.ingest.base import IngestError

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER, FILE = ctdc.SOURCE.folder, ctdc.FILE


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(None if v is pd.NA else v for v in r) for r in df.itertuples(index=False)]


def test_fixture_rows_exact():
    out = ctdc.ingest(FIXTURES)
    assert out.country_year is None and out.indicators == []  # regions only: no country rows
    t = out.tables["ctdc_synthetic"]
    assert list(t.columns) == list(ctdc.COLUMNS.values()) + ["source_id"]
    assert str(t["forced_labour"].dtype) == "boolean"
    first = ("2019", "Female", "Adult", True, None, "Europe", "Europe", True, True, None, None, "Female;Male", None,
             "Europe", "StrangerUnknownOther", "No;Yes", "ctdc_vp_synthetic")
    assert _rows(t) == [
        first,
        first,  # an identical synthetic record is a separate record: never de-duplicated
        (None, "Male", "Minor", None, True, "Asia", "Americas/Oceania", None, None, True, True, "Male",
         "30--38;39--47", "Africa;Asia", None, "No", "ctdc_vp_synthetic"),
        ("2005-2013", None, None, None, None, "Africa", None, None, None, None, None, None, None, None, None, None,
         "ctdc_vp_synthetic"),
    ]
    assert any("1 identical to an earlier row" in n for n in out.notes)
    assert any("SYNTHETIC" in c for c in ctdc.SOURCE.caveats)


def _broken_copy(tmp_path: Path, edit) -> Path:
    (tmp_path / FOLDER).mkdir()
    text = gzip.decompress((FIXTURES / FOLDER / FILE).read_bytes()).decode()
    (tmp_path / FOLDER / FILE).write_bytes(gzip.compress(edit(text).encode()))
    return tmp_path


def test_bad_flag_value_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("2019,Female,Adult,1,", "2019,Female,Adult,yes,", 1))
    with pytest.raises(IngestError, match=rf"{FILE}.*'isForcedLabour'.*row 1"):
        ctdc.ingest(raw)
    raw2 = tmp_path / "b"
    raw2.mkdir()
    raw2 = _broken_copy(raw2, lambda t: t.replace("2019,Female,Adult,1,", "2019,Female,Adult,0,", 1))
    with pytest.raises(IngestError, match=rf"{FILE}.*'isForcedLabour'.*outside"):  # 0 is not a published value
        ctdc.ingest(raw2)


def test_unknown_multi_value_token_names_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("30--38;39--47", "30--38;99+"))
    with pytest.raises(IngestError, match=rf"{FILE}.*'IP_ageBroad'.*99\+"):
        ctdc.ingest(raw)


def test_missing_column_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("UN_COE_Region", "COE", 1))
    with pytest.raises(IngestError, match=rf"{FILE}.*'UN_COE_Region'"):
        ctdc.ingest(raw)


def test_real_data_matches_dictionary_tabstat(real_ingest):
    t = real_ingest("ctdc").tables["ctdc_synthetic"]
    assert len(t) == 21195  # every record, duplicates included
    assert t["year_band"].value_counts(dropna=False).to_dict() == {
        "2014-2018": 6274, "2021-2022": 4335, pd.NA: 3655, "2005-2013": 2531, "2019": 2398, "2020": 2002}
    assert t["victim_gender"].value_counts().to_dict() == {"Female": 9589, "Male": 7995}
    assert t["victim_age_group"].value_counts().to_dict() == {"Adult": 16379, "Minor": 1212}
    pairs = t.groupby(["victim_citizenship_region", "exploitation_region"]).size()
    assert (pairs[("Europe", "Europe")], pairs[("Asia", "Asia")], pairs[("Africa", "Africa")],
            pairs[("Asia", "Europe")]) == (4720, 4017, 3279, 992)
    assert int(t["forced_labour"].sum()) == 12248 and int(t["forced_labour"].isna().sum()) == 8947
