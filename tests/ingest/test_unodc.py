"""UNODC GLOTIP: fixture rows (suppression, repeated keys, artifacts, Sark), malformed files, real figures."""
from __future__ import annotations

import gzip
import math
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import unodc
from dashboard.ingest.base import COUNTRY_YEAR, INDICATOR_KEYS, IngestError, validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER, FILE = unodc.SOURCE.folder, unodc.FILE


def _rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    """Rows as tuples with NaN/NA turned into None, so they compare with ==."""
    out = []
    for rec in df[cols].itertuples(index=False):
        out.append(tuple(None if (v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v for v in rec))
    return out


def test_fixture_country_year_exact():
    out = unodc.ingest(FIXTURES)
    cy = validate(out.country_year, COUNTRY_YEAR, "country_year").sort_values(["indicator_id", "year", "sex"])
    assert _rows(cy, ["indicator_id", "iso3", "year", "sex", "value", "flag", "source_id"]) == [
        ("trafficking_persons_convicted", "ALB", 2018, "total", 0.0, None, "unodc_glotip"),  # a real 0 stays 0
        ("trafficking_persons_prosecuted", "ALB", 2018, "total", None, "suppressed_lt5", "unodc_glotip"),
        ("trafficking_victims_detected", "ALB", 2017, "female", None, "suppressed_lt5", "unodc_glotip"),
        ("trafficking_victims_detected", "ALB", 2017, "male", 30.0, "includes_suppressed", "unodc_glotip"),
        ("trafficking_victims_detected", "ALB", 2017, "total", 1234.0, None, "unodc_glotip"),
        # a share with a suppressed (or lower-bound) part is missing with the reason, never 0 % or 100 %
        ("trafficking_victims_female_share", "ALB", 2017, "total", None, "part_suppressed_or_missing", "unodc_glotip"),
    ]
    ids = {e["id"] for e in out.indicators}
    assert set(cy["indicator_id"]) <= ids and len(ids) == len(out.indicators)
    assert all(set(INDICATOR_KEYS) <= set(e) and e["theme"] == "trafficking" for e in out.indicators)


def test_fixture_detail_table_exact():
    out = unodc.ingest(FIXTURES)
    d = out.tables["unodc_glotip"]
    assert list(d.columns) == ["iso3", "year", "indicator", "dimension", "category", "sex", "age", "value", "flag",
                               "value_txt", "source_id"]
    got = sorted(_rows(d, ["iso3", "year", "indicator", "dimension", "category", "sex", "age", "value", "flag",
                           "value_txt"]), key=str)
    D = "Detected trafficking victims"
    assert got == sorted([
        ("ALB", 2017, D, "Total", "Total", "Total", "Total", 1234.0, None, "1,234"),
        ("ALB", 2017, D, "Total", "Total", "Female", "Total", None, "suppressed_lt5", "<5"),
        ("ALB", 2017, D, "Total", "Total", "Male", "Total", 30.0, "includes_suppressed", "30 + <5"),
        ("ALB", 2017, D, "by form of exploitation", "Other forms of exploitation", "Total", "Total", 32.0,
         "summed_duplicates", "27 + 5"),
        ("ALB", 2017, D, "by form of exploitation", "Other forms of exploitation", "Female", "0 to 17 years", None,
         "suppressed_lt5", "<5 + <5"),
        ("ALB", 2017, D, "by citizenship", None, "Total", "Total", 12.0, None, "12"),
        ("ALB", 2018, "Persons convicted", "Total", "Total", "Total", "Total", 0.0, None, "0"),
        ("ALB", 2018, "Persons prosecuted", "Total", "Total", "Total", "Total", None, "suppressed_lt5", "<5"),
    ], key=str)
    # the artifact row (PAK) and Sark are gone and counted
    assert "PAK" not in set(d["iso3"])
    assert any("1 source-artifact rows dropped" in n for n in out.notes)
    assert any("1 Sark rows" in n for n in out.notes)
    assert any("6 rows in 3 repeated key groups" in n for n in out.notes)


def _broken_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / FOLDER
    folder.mkdir()
    text = gzip.decompress((FIXTURES / FOLDER / FILE).read_bytes()).decode()
    (folder / FILE).write_bytes(gzip.compress(edit(text).encode()))
    return tmp_path


def test_bad_number_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace('"1,234",GLOTIP,1234.0', '"1.2k",GLOTIP,1234.0'))
    with pytest.raises(IngestError) as err:
        unodc.ingest(raw)
    assert FILE in str(err.value) and "txtVALUE" in str(err.value) and "row 1" in str(err.value)


def test_value_disagreeing_with_text_is_refused(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace('"1,234",GLOTIP,1234.0', '"1,234",GLOTIP,1243.0'))
    with pytest.raises(IngestError, match=rf"{FILE}.*'value'"):
        unodc.ingest(raw)


def test_missing_column_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace(",Sex,", ",Gender,", 1))
    with pytest.raises(IngestError) as err:
        unodc.ingest(raw)
    assert FILE in str(err.value) and "'Sex'" in str(err.value)


def test_unexpected_empty_code_is_refused(tmp_path):
    raw = _broken_copy(tmp_path, lambda t: t.replace("ALB,Albania", ",Albania", 1))
    with pytest.raises(IngestError, match=rf"{FILE}.*Iso3_code.*Albania"):
        unodc.ingest(raw)


def test_real_data_publisher_figures(real_ingest):
    out = real_ingest("unodc")
    cy = out.country_year
    validate(cy, COUNTRY_YEAR, "country_year")
    victims = cy[(cy["indicator_id"] == "trafficking_victims_detected") & (cy["sex"] == "total")]
    by = victims.set_index(["iso3", "year"])["value"]
    # SOURCE.md verification figures
    assert [by[("USA", y)] for y in (2017, 2019, 2020, 2021, 2022)] == [8003, 8375, 9854, 10070, 16390]
    assert [by[("GBR", y)] for y in (2019, 2020, 2021)] == [10627, 10582, 12700]
    assert by[("IND", 2022)] == 6693 and by[("NLD", 2022)] == 814
    sums = victims.groupby("year")["value"].sum()
    # as published, plus Germany's 2022 total rebuilt from its parts (UNODC prints '<5')
    assert sums[2022] == 75128 + 1296 and sums[2019] == 82291
    assert (victims["flag"] == "from_parts").sum() == 1
    convicted = cy[(cy["indicator_id"] == "trafficking_persons_convicted") & (cy["sex"] == "total")]
    assert convicted.loc[convicted["year"] == 2022, "value"].sum() == 4253
    # suppressed cells are missing, never 0 or 5
    assert cy.loc[cy["flag"] == "suppressed_lt5", "value"].isna().all()
    d = out.tables["unodc_glotip"]
    assert len(d) == 58769 - 128 - 26 - (1216 - 492)  # artifacts, Sark and repeated rows folded
    assert int((d["flag"].isin(["summed_duplicates", "includes_suppressed"])).sum()) + int(
        ((d["flag"] == "suppressed_lt5") & d["value_txt"].str.contains(r"\+", regex=True)).sum()) == 492
    alb = d[(d["iso3"] == "ALB") & (d["year"] == 2017) & (d["category"] == "Other forms of exploitation")
            & (d["sex"] == "Total") & (d["age"] == "Total") & (d["indicator"] == "Detected trafficking victims")]
    assert alb[["value", "flag", "value_txt"]].values.tolist() == [[52.0, "includes_suppressed", "27 + <5 + 5 + 20"]]
    # BGR 2017 female: the two age groups were published as two 'Total' rows (407 adults + 36 minors)
    bgr = cy[(cy["iso3"] == "BGR") & (cy["year"] == 2017) & (cy["indicator_id"] == "trafficking_victims_detected")]
    assert bgr.set_index("sex")["value"].to_dict() == {"female": 443.0, "male": 59.0, "total": 505.0}
    assert not d.duplicated(["iso3", "year", "indicator", "dimension", "category", "sex", "age"]).any()


def _cells(rows, indicator="Detected trafficking victims"):
    return pd.DataFrame([{"iso3": "DEU", "year": 2022, "indicator": indicator, "dimension": "Total",
                          "category": "Total", "sex": sx, "age": age, "value": v, "flag": f}
                         for sx, age, v, f in rows])


def test_suppressed_total_is_rebuilt_from_the_largest_complete_partition():
    d = _cells([("Total", "Total", math.nan, "suppressed_lt5"),
                ("Female", "Total", 746.0, None), ("Male", "Total", 541.0, None), ("Unknown", "Unknown", 7.0, None),
                ("Total", "0 to 17 years", 193.0, None), ("Total", "18 years or over", 1096.0, None)])
    got = unodc.totals_from_parts(d)
    # by sex 746 + 541 + 7 = 1,294; by age 193 + 1,096 + 7 (age unknown) = 1,296: the larger wins
    assert got.to_dict("records") == [{"iso3": "DEU", "year": 2022, "indicator": "Detected trafficking victims",
                                       "value": 1296.0}]


def test_no_rebuild_from_a_partition_with_a_suppressed_or_lower_bound_cell_or_under_five():
    with_hole = _cells([("Total", "Total", math.nan, "suppressed_lt5"), ("Female", "Total", 746.0, None),
                        ("Male", "Total", math.nan, "suppressed_lt5"),
                        ("Total", "0 to 17 years", 193.0, "includes_suppressed"),
                        ("Total", "18 years or over", 1096.0, None)])
    assert unodc.totals_from_parts(with_hole).empty
    tiny = _cells([("Total", "Total", math.nan, "suppressed_lt5"), ("Female", "Total", 2.0, None),
                   ("Male", "Total", 2.0, None)])
    assert unodc.totals_from_parts(tiny).empty  # 4 < 5: the suppression stands
    published = _cells([("Total", "Total", 20.0, None), ("Female", "Total", 746.0, None),
                        ("Male", "Total", 541.0, None)])
    assert unodc.totals_from_parts(published).empty  # a published total is never replaced


def test_real_data_germany_2022_victims_who_they_are(real_ingest):
    cy = real_ingest("unodc").country_year
    deu = cy[(cy["iso3"] == "DEU") & (cy["year"] == 2022)].set_index(["indicator_id", "sex"])
    assert deu.loc[("trafficking_victims_detected", "total"), "value"] == 1296
    assert deu.loc[("trafficking_victims_detected", "total"), "flag"] == "from_parts"
    assert deu.loc[("trafficking_victims_female_share", "total"), "value"] == pytest.approx(746 / (746 + 541) * 100)
    assert deu.loc[("trafficking_victims_child_share", "total"), "value"] == pytest.approx(193 / (193 + 1096) * 100)
    cells = {k: deu.loc[(f"trafficking_victims_{k}", "total"), "value"] for k in ("girls", "boys", "women", "men")}
    assert cells == {"girls": 157, "boys": 36, "women": 589, "men": 505}
    shares = cy[cy["indicator_id"].str.endswith("_share")]
    assert shares["value"].dropna().between(0, 100).all()
    assert shares.loc[shares["value"].isna(), "flag"].isin(["part_suppressed_or_missing",
                                                            "no_victims_in_partition"]).all()
