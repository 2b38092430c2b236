"""IOM Missing Migrants: fixture rows (identical records kept, negatives, merged IDs, 2026 dedupe, names -> ISO3),
malformed files, and the yearly totals quoted in SOURCE.md on the real data."""
from __future__ import annotations

import gzip
import math
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import mmp
from dashboard.ingest.base import COUNTRY_YEAR, INDICATOR_KEYS, IngestError, validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER = mmp.SOURCE.folder
G, E, N = mmp.GLOBAL_ID, mmp.EUROPE_ID, mmp.Y2026_ID


def _clean(v):
    if v is pd.NA or v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    return v


def _rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return [tuple(_clean(v) for v in r) for r in df[cols].itertuples(index=False)]


def test_fixture_country_year_exact():
    out = mmp.ingest(FIXTURES)
    cy = validate(out.country_year, COUNTRY_YEAR, "country_year").sort_values(["iso3", "year"])
    # global file only; the two identical SOM rows are two records (1 + 1); 2025 is a partial year
    assert _rows(cy, ["indicator_id", "iso3", "year", "sex", "value", "flag", "source_id"]) == [
        ("missing_migrants", "LBY", 2025, "total", 40.0, "partial_year", "iom_mmp"),
        ("missing_migrants", "NAM", 2014, "total", 7.0, None, "iom_mmp"),
        ("missing_migrants", "SOM", 2014, "total", 2.0, None, "iom_mmp"),
    ]
    (entry,) = out.indicators
    assert set(INDICATOR_KEYS) <= set(entry) and entry["id"] == "missing_migrants"


def test_fixture_incidents_exact():
    out = mmp.ingest(FIXTURES)
    t = out.tables["mmp_incidents"]
    assert list(t.columns) == mmp.TABLE_COLUMNS
    cols = ["source_file", "incident_id", "date", "year", "month", "incident_type", "iso3", "region", "route",
            "dead_missing", "dead", "missing", "survivors", "source_quality", "lat", "lon"]
    assert _rows(t, cols) == [
        (G, None, "2014-10-17", 2014, 10, "Incident", "SOM", None, "EHOA Eastern Route", 1.0, None, None, None, None,
         2.1, 45.1),
        (G, None, "2014-10-17", 2014, 10, "Incident", "SOM", None, "EHOA Eastern Route", 1.0, None, None, None, None,
         2.1, 45.1),
        # negative survivors -> missing
        (G, None, "2014-12-01", 2014, 12, "Cumulative Incident", "NAM", None, "Undefined", 7.0, None, None, None,
         None, -22.6, 17.1),
        (G, None, "2025-04-30", 2025, 4, "Incident,Split Incident", "LBY", None, "Central Mediterranean Route", 40.0,
         None, None, 12.0, None, 33.0, 13.2),
        # missing -13 and survivors -1 -> missing; dead/missing kept as published; quality '45' -> 5
        (E, "2016.MMP1", "2016-05-02", 2016, 5, "Incident", "LBY", "Mediterranean", "Central Mediterranean", 56.0,
         69.0, None, None, 5, 33.1, 13.0),
        (E, "2023.MMP2", "2023-07-09", 2023, 7, "Incident", "TUR", "Europe", "Türkiye-Europe land route", 4.0, None,
         4.0, None, 3, 41.1, 26.3),
        (E, "2026.MMP0001", "2026-01-02", 2026, 1, "Incident", None, "Mediterranean", "Western Mediterranean", 1.0,
         1.0, 0.0, None, 1, 35.7, -5.3),
        (E, "2026.MMP0002,2026.MMP0003", "2026-01-03", 2026, 1, "Split Incident", "ITA", "Mediterranean",
         "Central Mediterranean", 3.0, 2.0, 1.0, 5.0, 5, 35.5, 12.6),
        # 2026 export: MMP0001 and MMP0003 (inside a merged ID) already in the Europe-bound file, dropped
        (N, "2026.MMP0009", "2026-02-10", 2026, 2, None, None, "Central America", None, 3.0, None, 3.0, None, 3,
         15.5, -88.0),
        (N, "2026.MMP0010", "2026-03-11", 2026, 3, None, None, "Eastern Africa", "Eastern Route to/from EHOA", 5.0,
         10.0, None, 4.0, 4, 11.6, 43.1),
    ]
    assert t["cause"].tolist()[3] == "Drowning,Violence"
    assert any("2 of 4 incidents already in the Europe-bound file dropped; 2 added" in n for n in out.notes)
    assert any("1 identical to an earlier row" in n for n in out.notes)


@pytest.mark.parametrize("name, iso3", [
    ("Türkiye", "TUR"), ("Iran (Islamic Republic of)", "IRN"), ("Syrian Arab Republic", "SYR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("Republic of Moldova", "MDA"),
    ("Western Sahara", "ESH"), ("Cabo Verde", "CPV"), ("North Macedonia", "MKD"), ("Niger", "NER"),
    ("Nigeria", "NGA"), ("Namibia", "NAM"), ("Kosovo", "XKX"),
    ("Libya - presumed departure on 12-14 April", "LBY"),
    ("Libya - departed from the Western shores of Tobruk on 16-17 April", "LBY"),
    ("Morocco (en route to Ceuta)", "MAR"), ("012 52E", None),
])
def test_country_names_map_to_iso3(name, iso3):
    assert mmp.name_to_iso3(name) == (iso3, False)


def test_every_real_country_name_maps_exactly():
    """No name of the real Europe-bound file relies on a fuzzy match: new names fail here first."""
    raw = pd.read_csv(RAW_DIR / FOLDER / mmp.EUROPE_FILE, keep_default_na=False, na_values=[""])
    for name in raw["Country of Incident"].dropna().unique():
        iso3, fuzzy = mmp.name_to_iso3(name)
        assert not fuzzy, name
        assert iso3 is not None or name == "012 52E", name


def _broken_copy(tmp_path: Path, file: str, edit) -> Path:
    shutil.copytree(FIXTURES / FOLDER, tmp_path / FOLDER)
    path = tmp_path / FOLDER / file
    path.write_bytes(gzip.compress(edit(gzip.decompress(path.read_bytes()).decode()).encode()))
    return tmp_path


def test_bad_number_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, mmp.GLOBAL_FILE, lambda t: t.replace("SOM,1,Violence", "SOM,one,Violence", 1))
    with pytest.raises(IngestError, match=rf"{mmp.GLOBAL_FILE}.*'dead_and_missing'.*row 1"):
        mmp.ingest(raw)


def test_missing_column_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, mmp.GLOBAL_FILE, lambda t: t.replace(",lat\n", ",latitude\n", 1))
    with pytest.raises(IngestError, match=rf"{mmp.GLOBAL_FILE}.*'lat'"):
        mmp.ingest(raw)


def test_duplicate_incident_id_names_file_and_column(tmp_path):
    raw = _broken_copy(tmp_path, mmp.EUROPE_FILE, lambda t: t.replace("2023.MMP2,2023.MMP2", "2023.MMP2,2016.MMP1"))
    with pytest.raises(IngestError, match=rf"{mmp.EUROPE_FILE}.*'Incident ID'.*duplicate key"):
        mmp.ingest(raw)


def test_unknown_country_name_is_refused(tmp_path):
    raw = _broken_copy(tmp_path, mmp.EUROPE_FILE, lambda t: t.replace(",Italy,", ",Xyzzyland,"))
    with pytest.raises(IngestError, match=rf"{mmp.EUROPE_FILE}.*'Country of Incident'.*Xyzzyland"):
        mmp.ingest(raw)


def test_bad_coordinates_and_dates_are_refused(tmp_path):
    raw = _broken_copy(tmp_path, mmp.Y2026_FILE, lambda t: t.replace('"15.5, -88.0"', '"15.5 -88.0"'))
    with pytest.raises(IngestError, match=rf"{mmp.Y2026_FILE}.*'Coordinates'.*row 3"):
        mmp.ingest(raw)
    shutil.rmtree(tmp_path / FOLDER)
    raw = _broken_copy(tmp_path, mmp.Y2026_FILE, lambda t: t.replace("Tue, 02/10/2026", "Tue, 2026-02-10"))
    with pytest.raises(IngestError, match=rf"{mmp.Y2026_FILE}.*'Incident Date'.*row 3"):
        mmp.ingest(raw)


def test_real_data_yearly_totals(real_ingest):
    out = real_ingest("mmp")
    cy = out.country_year
    validate(cy, COUNTRY_YEAR, "country_year")
    by_year = cy.groupby("year")["value"].sum()
    # SOURCE.md, file 1, dead and missing by year (all incident types, identical rows kept)
    assert by_year.to_dict() == {2014: 5446, 2015: 6961, 2016: 8253, 2017: 6404, 2018: 5017, 2019: 5432,
                                 2020: 4313, 2021: 6279, 2022: 7205, 2023: 8755, 2024: 9191, 2025: 1812}
    assert set(cy.loc[cy["flag"] == "partial_year", "year"]) == {2025} and (cy["year"] <= 2025).all()

    t = out.tables["mmp_incidents"]
    glob = t[t["source_file"] == G]
    assert len(glob) == 19669
    med = glob["route"].isin(["Central Mediterranean Route", "Western Mediterranean Route",
                              "Eastern Mediterranean Route"])
    assert glob[med].groupby("year")["dead_missing"].sum()[[2014, 2015, 2016, 2023]].tolist() == [3289, 4057, 5097,
                                                                                                 3198]
    eur = t[t["source_file"] == E]
    assert len(eur) == 6802
    eur_med = eur[eur["region"] == "Mediterranean"].groupby("year")["dead_missing"].sum()
    assert eur_med[[2016, 2023, 2024, 2025]].tolist() == [5095, 3155, 2573, 2141]
    assert eur["dead"].sum() == 22362 and eur["dead_missing"].sum() == 49989
    assert not (t["missing"] < 0).any() and not (t["survivors"] < 0).any()
    assert eur["iso3"].isna().sum() == 2  # '012 52E' and one empty name
    assert len(t[t["source_file"] == N]) == 64 and (t.loc[t["source_file"] == N, "year"] == 2026).all()
