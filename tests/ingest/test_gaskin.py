"""Gaskin & Abel annual flows and model stocks: fixture rows, malformed files, publisher figures on real data."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from dashboard.ingest import gaskin
from dashboard.ingest.base import CORRIDORS, IngestError, validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "raw"
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
FOLDER = gaskin.SOURCE.folder


def test_fixture_rows_exact():
    out = gaskin.ingest(FIXTURES)
    validate(out.corridors, CORRIDORS, "corridors")
    cols = ["measure", "origin", "destination", "year_start", "year_end", "sex", "method", "value", "source_id"]
    rows = [tuple(r) for r in out.corridors.sort_values(cols)[cols].itertuples(index=False)]
    # zero flow ZAF->NAM and zero stock SSD->UGA dropped (a missing pair means 0); both negative stocks dropped
    assert rows == [
        ("flow_annual", "IND", "ARE", 2023, 2023, "total", "", 3.0, "gaskin_abel"),
        ("flow_annual", "NAM", "ZAF", 1990, 1990, "total", "", 12.0, "gaskin_abel"),
        ("flow_annual", "UKR", "POL", 2022, 2022, "total", "", 678071.0, "gaskin_abel"),
        ("stock_model", "IND", "USA", 2024, 2024, "total", "", 2900000.0, "gaskin_abel"),
        ("stock_model", "NAM", "ZAF", 1990, 1990, "total", "", 480.0, "gaskin_abel"),
    ]
    assert out.notes == [
        "flow_annual: 1 zero rows dropped (a missing pair means 0)",
        "stock_model: 1 zero rows dropped (a missing pair means 0)",
        "stock_model: 2 negative model values dropped (sum -7,138, min -4,300)",
    ]
    assert [m["id"] for m in out.measures] == ["flow_annual", "stock_model"]
    assert [m["kind"] for m in out.measures] == ["flow", "stock"]
    assert gaskin.SOURCE.non_commercial


def _copy(tmp_path: Path, name: str, text: str | None = None) -> None:
    if text is None:
        with gzip.open(FIXTURES / FOLDER / name, "rt") as fh:
            text = fh.read()
    path = tmp_path / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt") as fh:
        fh.write(text)


FLOWS_OK = "year,orig_iso3,dest_iso3,flow\n1990,NAM,ZAF,12\n2022,UKR,POL,678071\n"


@pytest.mark.parametrize("text, column", [
    (FLOWS_OK.replace("678071", "678O71"), "flow"),  # bad number
    (FLOWS_OK.replace("678071", "-5"), "flow"),  # a negative flow is not expected
    (FLOWS_OK.replace(",flow", ",value"), "flow"),  # missing column
    (FLOWS_OK + "1990,NAM,ZAF,13\n", "year,orig_iso3,dest_iso3"),  # duplicate key
    (FLOWS_OK.replace("UKR", "XYZ"), "orig_iso3"),  # unknown country code
    (FLOWS_OK.replace("2022", "20x2"), "year"),
])
def test_malformed_flows_file_names_file_and_column(tmp_path, text, column):
    _copy(tmp_path, gaskin.STOCKS_FILE)
    _copy(tmp_path, gaskin.FLOWS_FILE, text)
    with pytest.raises(IngestError) as err:
        gaskin.ingest(tmp_path)
    assert gaskin.FLOWS_FILE in str(err.value) and f"column {column!r}" in str(err.value)


def test_malformed_stocks_file(tmp_path):
    _copy(tmp_path, gaskin.FLOWS_FILE)
    _copy(tmp_path, gaskin.STOCKS_FILE, "year,orig_iso3,dest_iso3,stock\n1990,NAM,ZAF,\n")
    with pytest.raises(IngestError, match=rf"{gaskin.STOCKS_FILE}, column 'stock', row 1"):
        gaskin.ingest(tmp_path)


@pytest.fixture(scope="module")
def real(real_ingest):
    return real_ingest("gaskin")


def test_real_row_counts_and_no_negatives(real):
    co = real.corridors
    validate(co, CORRIDORS, "corridors")
    counts = co["measure"].value_counts()
    # SOURCE.md: 1,709,561 flow rows (kept whole), 1,766,288 stock rows of which 1,501 are negative (TRAPS.md)
    assert counts["flow_annual"] == 1_709_561
    assert counts["stock_model"] == 1_766_288 - 1_501
    assert (co["value"] > 0).all()
    assert (co["year_start"] == co["year_end"]).all()
    flows = co[co["measure"] == "flow_annual"]
    stocks = co[co["measure"] == "stock_model"]
    assert (flows["year_start"].min(), flows["year_start"].max()) == (1990, 2023)  # no 2024 flow
    assert (stocks["year_start"].min(), stocks["year_start"].max()) == (1990, 2024)
    # TRAPS.md: SSD->COD 2011 (-4,300) and SOM->KWT 1992 (-2,838) were negative: dropped, not clipped into the table
    neg = stocks.query("(origin == 'SSD' and destination == 'COD' and year_start == 2011)"
                       " or (origin == 'SOM' and destination == 'KWT' and year_start == 1992)")
    assert neg.empty
    assert "stock_model: 1,501 negative model values dropped (sum -55,917, min -4,300)" in real.notes


def test_real_values_match_source_md(real):
    co = real.corridors.set_index(["measure", "origin", "destination", "year_start"])["value"]
    for (o, d, y), v in {("MEX", "USA", 2022): 848_208, ("UKR", "RUS", 2022): 824_762, ("UKR", "DEU", 2022): 700_695,
                         ("UKR", "POL", 2022): 678_071, ("IND", "ARE", 2022): 480_629, ("SYR", "TUR", 2013): 574_766,
                         ("SYR", "DEU", 2015): 458_411, ("VEN", "COL", 2018): 716_259}.items():
        assert co[("flow_annual", o, d, y)] == v
    world = co.loc["flow_annual"].groupby(level="year_start").sum() / 1e6
    assert [round(world[y], 1) for y in (1990, 2000, 2010, 2015, 2020, 2021, 2022, 2023)] == \
        [13.3, 13.0, 18.8, 23.8, 22.3, 25.5, 35.9, 36.5]
    stock = co.loc["stock_model"]
    stock_by_year = stock.groupby(level="year_start").sum() / 1e6
    assert [round(stock_by_year[y], 1) for y in (1990, 2000, 2010, 2020, 2024)] == [156.6, 175.9, 219.1, 276.0, 307.0]
    assert round(stock.xs(2024, level="year_start").xs("USA", level="destination").sum() / 1e6, 1) == 52.2
