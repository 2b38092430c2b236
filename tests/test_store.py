"""The data layer: verified loading, pure queries, real figures traceable to the publishers."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from dashboard import store
from dashboard.ingest import codes
from dashboard.settings import REPO, Settings

BUNDLE = Settings.from_env({}).data_dir


def test_bundle_opens_and_verifies(app):
    b = store.bundle()
    assert b.version == json.loads((BUNDLE / "manifest.json").read_text())["bundle_version"]


def test_tampered_bundle_refuses_to_start(tmp_path):
    copy = tmp_path / "curated"
    shutil.copytree(BUNDLE, copy)
    target = copy / "countries.parquet"
    target.write_bytes(target.read_bytes() + b"x")
    with pytest.raises(store.BundleError, match="countries.parquet.*checksum"):
        store.open_bundle(copy)


def test_missing_bundle_is_a_clear_error(tmp_path):
    with pytest.raises(store.BundleError, match="make data"):
        store.open_bundle(tmp_path)


def test_bundle_is_small_and_manifest_complete():
    manifest = json.loads((BUNDLE / "manifest.json").read_text())
    size = sum(p.stat().st_size for p in BUNDLE.iterdir())
    assert size < 15 * 1024 * 1024
    for sid, src in manifest["sources"].items():
        for key in ("publisher", "title", "edition", "url", "licence", "rows", "inputs"):
            assert src.get(key) not in (None, ""), (sid, key)
    for fname, meta in manifest["tables"].items():
        assert len(meta["sha256"]) == 64


def test_every_curated_row_maps_to_a_known_code(app):
    b = store.bundle()
    known = codes.known_codes()
    countries = set(b.table("countries")["iso3"])
    assert set(b.table("country_year")["iso3"]) <= known & countries
    for name in b.manifest["tables"]:
        if name.startswith("corridors_"):
            t = b.table(name[:-len(".parquet")])
            assert set(t["origin"]) | set(t["destination"]) <= known & countries, name


@pytest.mark.parametrize("indicator,iso3,year,expected", [
    ("migrant_stock", "USA", 2024, None),  # exists
    ("refugees_hosted", "TUR", 2022, 3_568_259),
    ("refugees_originating", "SYR", 2022, 6_559_736),
    ("net_migration", "DEU", 2015, 1_175_000),
    ("net_migration", "UKR", 2022, -5_699_000),
    ("population", "DEU", 2020, 83_160_871),
    ("idps_conflict", "COL", 2020, 4_922_122),
])
def test_real_figures_match_publishers(app, indicator, iso3, year, expected):
    df = store.indicator_values(indicator, (iso3,), (year, year))
    assert len(df) == 1
    if expected is not None:
        assert df["value"].iloc[0] == expected


def test_world_totals_match_publishers(app):
    ms = store.indicator_values("migrant_stock", years=(2020, 2024))
    assert ms.groupby("year")["value"].sum().to_dict() == {2020: 275_284_032, 2024: 304_021_813}
    ref = store.indicator_values("refugees_originating", ("SYR",), (2018, 2018))
    assert ref["value"].iloc[0] == 6_654_374


def test_missing_stays_missing_not_zero(app):
    # remittances % of GDP is empty for 2022 in this WDI vintage: no row may claim a value
    df = store.indicator_values("remittances_received_pct_gdp", years=(2022, 2022))
    assert df["value"].notna().sum() == 0
    # UNODC suppressed cells are flagged and carry no number
    tv = store.indicator_values("trafficking_victims_detected")
    sup = tv[tv["flag"] == "suppressed_lt5"]
    assert len(sup) > 0 and sup["value"].isna().all()


def test_map_frame_excludes_pseudo_entities(app):
    df = store.map_frame("refugees_originating", 2024)
    assert not {"UNK", "XXA", "TIB"} & set(df["iso3"])


def test_resolve_countries_and_years():
    assert store.resolve_countries("bih, srb") == ("BIH", "SRB")
    assert store.resolve_countries("WB6") == ("ALB", "BIH", "MKD", "MNE", "SRB", "XKX")
    assert store.resolve_countries("") is None
    with pytest.raises(store.QueryError) as exc:
        store.resolve_countries("BIH,XYZ")
    assert exc.value.param == "countries" and "XYZ" in exc.value.message
    assert store.parse_years("2000-2020") == (2000, 2020)
    assert store.parse_years("2015") == (2015, 2015)
    for bad in ("2020-2000", "x", "1-2-3", "3000"):
        with pytest.raises(store.QueryError):
            store.parse_years(bad)


def test_corridor_rows_are_sorted_and_typed(app):
    df = store.corridors("stock", origin=("BIH",), years=(2024, 2024))
    assert list(df.columns) == store.CORRIDOR_COLUMNS
    assert df["value"].is_monotonic_decreasing
    assert (df["value"] > 0).all()
    assert isinstance(df, pd.DataFrame)

CODE_COLUMNS = ("iso3", "origin", "destination", "asylum", "nat", "geo")
DECLARED_AGGREGATES = {"EU27"}  # Eurostat's EU total, kept only in its flagged rows


def test_every_detail_table_code_is_known_or_a_declared_aggregate(app):
    b = store.bundle()
    countries = set(b.table("countries")["iso3"])
    for fname in b.manifest["tables"]:
        if not fname.endswith(".parquet") or fname.startswith("corridors_") or fname == "country_year.parquet":
            continue
        t = b.table(fname[:-len(".parquet")])
        for col in CODE_COLUMNS:
            if col in t.columns:
                seen = set(t[col].dropna().astype(str))
                unknown = seen - countries - DECLARED_AGGREGATES
                assert not unknown, (fname, col, sorted(unknown)[:10])
    eu = b.table("irregular_eurostat_asylum")
    assert (eu.loc[eu["geo"] == "EU27", "is_eu27_aggregate"]).all()


def test_arrow_uses_jemalloc_which_gives_memory_back():
    """bench/memory.py: with Arrow's default mimalloc a worker holding the whole bundle kept ~130 MiB more, and
    ~24 MiB more when jemalloc was set only for pyarrow's own allocations (pyarrow.set_memory_pool) and not for the
    Parquet reader's: the package chooses it before pyarrow is imported, in a fresh process as a worker starts."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    code = ("import os, dashboard.store as s, pyarrow as pa; "
            "print(pa.default_memory_pool().backend_name, os.environ['ARROW_DEFAULT_MEMORY_POOL'], s.ARROW_ALLOCATOR)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["jemalloc", "jemalloc", "jemalloc"]
    assert "imported before" not in out.stderr
    # pyarrow imported first (a script importing pandas before the package): jemalloc for pyarrow's allocations
    code = "import pyarrow, dashboard.store as s; print(s.ARROW_ALLOCATOR)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["jemalloc"]
    assert "imported before the dashboard package" in out.stderr
    # a choice made by the operator is kept
    code = "import dashboard.store as s; print(s.ARROW_ALLOCATOR)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**env, "ARROW_DEFAULT_MEMORY_POOL": "system"},
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["system"]


def test_glibc_malloc_arenas_are_limited_for_the_workers_threads():
    """bench/load.py: a worker's 4 threads each took a glibc arena of its own and kept ~18 MiB more after the load."""
    import platform

    if platform.libc_ver()[0] != "glibc":
        assert store.MALLOC_ARENAS is None or store.MALLOC_ARENAS > 0
        return
    import os

    assert store.MALLOC_ARENAS == int(os.environ.get("MALLOC_ARENA_MAX") or 2)


def test_tables_in_memory_hold_exactly_the_files_values_in_compact_types(app):
    """bench/memory.py: categoricals kept (categories in text order), corridor years int16 and values float32 only
    where exact: every value equals the Parquet file's, and the queries hand out float64 and int64."""
    import numpy as np

    b = store.bundle()
    for name in ("corridors_stock_model", "corridors_flow_5y", "country_year", "unhcr_demographics"):
        held, raw = b.table(name), pd.read_parquet(BUNDLE / f"{name}.parquet")
        assert len(held) == len(raw) and list(held.columns) == list(raw.columns)
        for col in raw.columns:
            if isinstance(held[col].dtype, pd.CategoricalDtype):
                cats = list(held[col].cat.categories)
                assert cats == sorted(cats), (name, col)
                assert (held[col].astype("string").fillna("<NA>") == raw[col].astype("string").fillna("<NA>")).all()
            else:
                assert np.array_equal(held[col].to_numpy("float64"), raw[col].to_numpy("float64"), equal_nan=True), \
                    (name, col)
    big = b.table("corridors_stock_model")
    assert big["year_start"].dtype == "int16" and big["value"].dtype == "float32"
    assert b.table("countries")["iso3"].dtype == "string"  # small lookups: plain strings
    assert b.table("mmp_incidents")["route"].dtype == "string"  # store.TEXT_TABLES
    rows = store.corridors("stock_model", origin=("IND",))
    assert rows["value"].dtype == "float64" and rows["year_start"].dtype == "int64"
    raw = pd.read_parquet(BUNDLE / "corridors_stock_model.parquet", filters=[("origin", "==", "IND")])
    assert rows["value"].sum() == raw["value"].sum() > 2**24  # summed in float64: no float32 rounding


def test_a_value_float32_cannot_hold_exactly_stays_float64():
    df = pd.DataFrame({"year": [2000] * (store.BIG_TABLE_ROWS + 1), "value": 0.5})
    df.loc[0, "value"] = 2**24 + 1  # a whole number float32 would round
    out = store._as_plain_strings(df.copy(), "corridors_x")
    assert out["value"].dtype == "float64" and out["year"].dtype == "int16"
    assert out.loc[0, "value"] == 2**24 + 1
