"""IDMC ingest: invented fixture rows (Raw vs rounded, reported zeros, AB9/XKX, overlapping bands), malformed
files, and publisher figures on the real data."""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

from dashboard.ingest import base, idmc
from dashboard.ingest.base import IngestError

FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")


def _rows(cy: pd.DataFrame, indicator: str) -> dict:
    part = cy[cy["indicator_id"] == indicator]
    return {(r.iso3, r.year): (r.value, None if pd.isna(r.flag) else r.flag, r.source_id) for r in part.itertuples()}


def _records(df: pd.DataFrame, cols: list[str]) -> set[tuple]:
    return set(df[cols].astype(object).where(df[cols].notna(), None).itertuples(index=False, name=None))


@pytest.fixture(scope="module")
def out():
    return idmc.ingest(FIXTURES)


def test_catalogue_and_licence(out):
    base.validate(out.country_year, base.COUNTRY_YEAR, "country_year")
    assert {e["id"] for e in out.indicators} == set(out.country_year["indicator_id"])
    for entry in out.indicators:
        assert set(base.INDICATOR_KEYS) <= set(entry) and entry["theme"] == "displacement"
    assert all(s.non_commercial and s.licence == "CC BY-NC 4.0" for s in idmc.SOURCES)
    assert {s.id for s in idmc.SOURCES} == {"idmc", "idmc_gdidata", "idmc_via_unhcr"}


def test_gidd_indicators_use_raw_values_and_keep_reported_zeros(out):
    cy = out.country_year
    # AB9 conflict new displacements: rounded column empty, Raw 0 -> a reported 0, kept
    assert _rows(cy, "new_displacements_conflict") == {("AB9", 2022): (0.0, None, "idmc")}
    assert _rows(cy, "new_displacements_disaster") == {
        ("AB9", 2022): (28803.0, None, "idmc"), ("NAM", 2022): (1771.0, None, "idmc"),
        ("XKX", 2021): (1.0, None, "idmc"),
    }
    # Raw 55,705 (not the rounded 56,000); NAM has nothing reported -> no row, never 0
    assert _rows(cy, "idps_conflict") == {
        ("AB9", 2022): (55705.0, None, "idmc"), ("XKX", 2021): (16123.0, None, "idmc")}
    assert _rows(cy, "idps_disaster") == {("XKX", 2021): (312.0, None, "idmc")}


def test_via_unhcr_is_a_separate_labelled_indicator(out):
    assert _rows(out.country_year, "idps_conflict_via_unhcr") == {
        ("UNK", 1990): (21_000_000.0, "world_total", "idmc_via_unhcr"),
        ("SDN", 2009): (4_000_000.0, None, "idmc_via_unhcr"), ("XKX", 2009): (20_000.0, None, "idmc_via_unhcr"),
        ("UNK", 2017): (2.0, None, "idmc_via_unhcr"),  # a genuine small "unknown" row, not a world total
    }


def test_by_cause_table(out):
    assert _records(out.tables["idmc_new_displacements_by_cause"],
                    ["iso3", "year", "cause", "hazard", "value", "source_id"]) == {
        ("AB9", 2014, "conflict", "conflict", 0, "idmc_gdidata"),
        ("AB9", 2018, "conflict", "conflict", 150, "idmc_gdidata"),
        ("NAM", 2023, "disaster", "flood", 2500, "idmc_gdidata"),
        ("NAM", 2023, "disaster", "drought", 40, "idmc_gdidata"),
    }


def test_sex_age_table_keeps_bands_as_published(out):
    table = out.tables["idmc_idp_sex_age"]
    assert len(table) == 2 * 13 + 3
    modelled = table[table["bands_overlap"]]
    assert set(modelled["source_id"]) == {"idmc"} and set(modelled["sex"]) == {"total", "female"}
    assert _records(modelled[modelled["age_band"].isin(["0-4", "0-14", "65+"])],
                    ["iso3", "year", "cause", "sex", "age_band", "age_min", "age_max", "value"]) == {
        ("XKX", 2022, "conflict", "total", "0-4", 0, 4, 40), ("XKX", 2022, "conflict", "total", "0-14", 0, 14, 100),
        ("XKX", 2022, "conflict", "total", "65+", 65, None, 30),
        ("XKX", 2022, "conflict", "female", "0-4", 0, 4, 20), ("XKX", 2022, "conflict", "female", "0-14", 0, 14, 50),
        ("XKX", 2022, "conflict", "female", "65+", 65, None, 15),
    }
    assert _records(table[~table["bands_overlap"]],
                    ["iso3", "year", "cause", "sex", "age_band", "age_min", "age_max", "value", "source_id"]) == {
        ("AB9", 2024, "conflict", "unknown", "unknown", None, None, 42000, "idmc_gdidata"),
        ("NAM", 2024, "disaster", "female", "0-4", 0, 4, 12, "idmc_gdidata"),
        ("NAM", 2024, "disaster", "male", "60+", 60, None, 0, "idmc_gdidata"),
    }


# ---------------------------------------------------------------- malformed files

def _broken_copy(tmp_path: Path, folder: str, file: str, edit) -> Path:
    for name in ("idmc_gidd", "unhcr_refugee_statistics"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    path = tmp_path / folder / file
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(edit(text).encode()))
    return tmp_path


@pytest.mark.parametrize("folder, file, edit, column", [
    ("idmc_gidd", idmc.GIDD_FILE, lambda t: t.replace("55705.0", "55705.O"), "Conflict Stock Displacement (Raw)"),
    ("idmc_gidd", idmc.GIDD_FILE, lambda t: t.replace("(Raw),Disaster Stock", ",Disaster Stock", 1),
     "Disaster Internal Displacements (Raw)"),
    ("idmc_gidd", idmc.GIDD_FILE, lambda t: t + t.splitlines()[1] + "\n", "ISO3,Year"),
    ("idmc_gidd", idmc.BY_CAUSE_FILE, lambda t: t.replace("NAM,2023,flood,2500", "NAM,2023,flood,-2500"),
     "new_displacements"),
    ("idmc_gidd", idmc.BY_CAUSE_FILE, lambda t: t.replace("flood", "floods"), "hazard_or_cause"),
    ("idmc_gidd", idmc.SADD_FILE, lambda t: t.replace("XKX,Kosovo,2022,Female", "KSV,Kosovo,2022,Female"), "ISO3"),
    ("idmc_gidd", idmc.STOCK_SEX_AGE_FILE, lambda t: t.replace(",0-4,", ",0-5,"), "age"),
    ("unhcr_refugee_statistics", idmc.VIA_UNHCR_FILE, lambda t: t.replace("4000000", "4.0e6x"), "total"),
])
def test_malformed_file_names_file_and_column(tmp_path, folder, file, edit, column):
    raw = _broken_copy(tmp_path, folder, file, edit)
    with pytest.raises(IngestError) as err:
        idmc.ingest(raw)
    assert file in str(err.value) and column in str(err.value)


# ---------------------------------------------------------------- real data

@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("idmc")


def _value(cy, indicator, iso3, year):
    hit = cy[(cy["indicator_id"] == indicator) & (cy["iso3"] == iso3) & (cy["year"] == year)]
    assert len(hit) == 1
    return hit["value"].iloc[0]


def test_real_publisher_figures(real):
    cy = real.country_year
    assert set(cy["indicator_id"]) == {e["id"] for e in real.indicators}
    # GIDD (Raw): Ukraine 2022 16,870,000 rounded = 16,870,323 raw; COL 2020 4,922,000 rounded = 4,922,122 raw
    assert _value(cy, "new_displacements_conflict", "UKR", 2022) == 16_870_323
    assert _value(cy, "idps_conflict", "COL", 2020) == 4_922_122
    assert _value(cy, "idps_conflict", "SDN", 2009) == 4_900_000
    assert round(_value(cy, "new_displacements_disaster", "PAK", 2022), -3) == 8_168_000
    assert _value(cy, "new_displacements_disaster", "UKR", 2022) == 1  # a real small figure, not a flag
    world = cy[cy["year"] == 2022].groupby("indicator_id")["value"].sum()
    assert round(world["new_displacements_conflict"] / 1e6, 2) == 28.33  # GRID 2023: 28.3M
    assert round(world["new_displacements_disaster"] / 1e6, 2) == 32.56  # 32.6M
    assert round(world["idps_conflict"] / 1e6, 2) == 62.48  # 62.5M
    assert {"AB9", "XKX"} <= set(cy["iso3"])
    # via UNHCR (rounded, later vintage)
    assert _value(cy, "idps_conflict_via_unhcr", "COL", 2020) == 4_922_000
    assert _value(cy, "idps_conflict_via_unhcr", "SDN", 2009) == 4_900_000
    via = cy[cy["indicator_id"] == "idps_conflict_via_unhcr"].groupby("year")["value"].sum()
    assert round(via[2023] / 1e6, 1) == 67.3 and round(via[2024] / 1e6, 1) == 73.6 and round(via[2025] / 1e6, 1) == 68.7
    flagged = cy[cy["flag"] == "world_total"]
    assert set(flagged["iso3"]) == {"UNK"} and sorted(flagged["year"]) == list(range(1990, 2009))


def test_real_detail_tables(real):
    by_cause = real.tables["idmc_new_displacements_by_cause"]
    assert len(by_cause) == 4071
    conflict_2023 = by_cause[(by_cause["year"] == 2023) & (by_cause["cause"] == "conflict")]["value"].sum()
    assert round(conflict_2023 / 1e6, 2) == 20.47  # GRID 2024: 20.5M
    sex_age = real.tables["idmc_idp_sex_age"]
    stock_2024 = sex_age[sex_age["year"] == 2024].groupby("cause")["value"].sum()
    assert stock_2024["conflict"] == 73_505_209 and stock_2024["disaster"] == 9_847_217
    assert len(sex_age) == 918 * 13 + 1541
