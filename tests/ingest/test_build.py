"""The bundle build: reproducible from the raw files, atomic, and loud about a malformed input."""
from __future__ import annotations

import gzip
import json
import shutil

import pytest

from dashboard.ingest import build
from dashboard.ingest.base import IngestError
from tests.conftest import RAW_DIR, REPO

COMMITTED = REPO / "data" / "curated"


def test_rebuild_reproduces_the_committed_bundle_exactly(tmp_path, shared_sources):
    """Deterministic: building from ../shared/data/raw gives the committed files, byte for byte (every table's
    sha256 and row count in the manifest, the shapes file, the base maps). Each source's ingest of the raw files
    runs once per session and is shared with that source's real-data tests (tests/ingest/conftest.py); assembling,
    the geography step, the Parquet writer and the manifest run here."""
    manifest = build.build(RAW_DIR, tmp_path / "curated", assets_dir=tmp_path / "assets")
    committed = json.loads((COMMITTED / "manifest.json").read_text())
    assert manifest["tables"] == committed["tables"]
    assert manifest["bundle_version"].split("-")[1] == committed["bundle_version"].split("-")[1]
    for name in ("world_110m.json", "world_50m.json"):
        assert (tmp_path / "assets" / "topojson" / name).read_bytes() == (REPO / "assets" / "topojson" / name).read_bytes()


def _raw_copy_with(tmp_path, folder: str, fname: str, payload: bytes):
    """A RAW_DIR whose folders link to the real ones, except one file replaced by ``payload``."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for src in RAW_DIR.iterdir():
        if src.name != folder:
            (raw / src.name).symlink_to(src)
    (raw / folder).mkdir()
    for f in (RAW_DIR / folder).iterdir():
        if f.name != fname:
            (raw / folder / f.name).symlink_to(f)
    (raw / folder / fname).write_bytes(payload)
    return raw


@pytest.mark.parametrize("payload,column", [
    (b"\x1f\x8b\x08\x00garbage-not-gzip", None),
    (gzip.compress(b"geo,t,from,sex,n\nDEU,2020,BIH,male,lots\n", mtime=0), "n"),
])
def test_corrupted_raw_file_fails_naming_it_and_keeps_the_old_bundle(tmp_path, payload, column):
    fname = "undesa_international_migrant_stock_2024rev_1990_2024.csv.gz"
    raw = _raw_copy_with(tmp_path, "iom_gdidata_irregular_migration", fname, payload)
    out = tmp_path / "curated"
    shutil.copytree(COMMITTED, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(IngestError) as exc:
        build.build(raw, out, assets_dir=tmp_path / "assets")
    assert fname in str(exc.value)
    if column:
        assert f"column {column!r}" in str(exc.value) or column in str(exc.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".curated-*")), "no temporary build folder is left behind"


def test_cli_reports_failure_without_a_traceback(tmp_path, capsys):
    code = build.main(["--raw-dir", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "raw data folder not found" in err and "Traceback" not in err
