"""US TIP tiers: fixture rows (KOS, Watchlist, trailing spaces, special cases), malformed files, real placements."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import us_tip
from dashboard.ingest.base import IngestError

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER, FILE = us_tip.SOURCE.folder, us_tip.FILE


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in r)
            for r in df[["iso3", "report_year", "tier", "tier_rank", "source_id"]].itertuples(index=False)]


def test_fixture_rows_exact():
    out = us_tip.ingest(FIXTURES)
    assert out.country_year is None and out.indicators == []
    assert _rows(out.tables["us_tip_tiers"]) == [
        ("MYS", 2015, "Tier 2 Watch List", 2.5, "us_tip_tiers"),  # 'Watchlist    ' in the original
        ("NAM", 2015, "Tier 1", 1.0, "us_tip_tiers"),
        ("SOM", 2015, None, None, "us_tip_tiers"),  # special case: kept, no tier, never a 0
        ("SRB", 2015, "Tier 2", 2.0, "us_tip_tiers"),  # empty ccode does not matter
        ("THA", 2014, "Tier 3", 3.0, "us_tip_tiers"),
        ("XKX", 2015, "Tier 2", 2.0, "us_tip_tiers"),  # KOS -> XKX
    ]
    assert any("2 rows dropped for years with no report (1999)" in n for n in out.notes)


def _broken_copy(tmp_path: Path, edit) -> Path:
    (tmp_path / FOLDER).mkdir()
    text = (FIXTURES / FOLDER / FILE).read_text()
    (tmp_path / FOLDER / FILE).write_text(edit(text))
    return tmp_path


def test_duplicate_key_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t + "Thailand,THA,2014,800.0,Tier 2,Tier 2\n")
    with pytest.raises(IngestError) as err:
        us_tip.ingest(raw)
    assert FILE in str(err.value) and "iso,year" in str(err.value) and "duplicate key" in str(err.value)


def test_bad_year_and_unknown_tier_are_refused(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("Thailand,THA,2014", "Thailand,THA,20x4"))
    with pytest.raises(IngestError, match=rf"{FILE}.*'year'.*row 8"):
        us_tip.ingest(raw)
    shutil.rmtree(tmp_path / FOLDER)
    raw = _broken_copy(tmp_path, lambda t: t.replace("Tier 3,Tier 3", "Tier 3,Tier 4"))
    with pytest.raises(IngestError, match=rf"{FILE}.*'tier_clean'"):
        us_tip.ingest(raw)


def test_clean_tier_must_match_original(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("Tier 1,Tier 1", "Tier 1,Tier 2"))
    with pytest.raises(IngestError, match=rf"{FILE}.*'tier_clean'.*does not match"):
        us_tip.ingest(raw)


def test_missing_column_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace(",tier_clean", ",tierclean", 1))
    with pytest.raises(IngestError, match=rf"{FILE}.*'tier_clean'"):
        us_tip.ingest(raw)


def test_real_data_placements(real_ingest):
    t = real_ingest("us_tip").tables["us_tip_tiers"]
    assert len(t) == 3208 - 186 - 189  # the 1999 and 2000 rows (no report) dropped
    assert t["tier"].value_counts().to_dict() == {"Tier 2": 1113, "Tier 2 Watch List": 494, "Tier 1": 387,
                                                  "Tier 3": 257}  # SOURCE.md counts
    ranked = t.dropna(subset=["tier"]).groupby("report_year").size()
    assert [ranked[y] for y in (2001, 2005, 2010, 2015)] == [79, 141, 172, 186]
    tier = t.set_index(["iso3", "report_year"])["tier"]
    assert [tier[("THA", y)] for y in range(2010, 2016)] == ["Tier 2 Watch List"] * 4 + ["Tier 3"] * 2
    assert (tier[("MYS", 2009)], tier[("MYS", 2014)], tier[("MYS", 2015)]) == ("Tier 3", "Tier 3", "Tier 2 Watch List")
    assert all(tier[("RUS", y)] == "Tier 3" for y in (2013, 2014, 2015))
    assert set(t.loc[t["iso3"] == "PRK", "tier"].dropna()) == {"Tier 3"}
    assert "KOS" not in set(t["iso3"]) and tier[("XKX", 2015)] == "Tier 2"
    assert t["report_year"].between(2001, 2015).all()
