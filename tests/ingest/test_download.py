"""The downloader, against a local HTTP server serving made-up fixture files."""
from __future__ import annotations

import gzip
import http.server
import threading
from functools import partial
from pathlib import Path

import pytest

from dashboard.ingest.base import IngestError, SourceInfo
from dashboard.ingest.download import download_sources


@pytest.fixture()
def http_root(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "pop.csv").write_text("Country Name,Country Code,Year,Value\nMade-up land,AAA,2020,10\n")
    (root / "stock.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n", mtime=0))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _info(urls: dict, files: tuple) -> SourceInfo:
    return SourceInfo(id="made_up", publisher="Test", title="Made-up", edition="0", url="", licence="CC0",
                      licence_url="", folder="made_up", files=files, citation="", download_urls=urls)


def test_download_writes_files_under_their_folder(http_root, tmp_path):
    info = _info({"population.csv": f"{http_root}/pop.csv", "s.csv.gz": f"{http_root}/stock.csv.gz"},
                 ("population.csv", "s.csv.gz"))
    dest = download_sources([info], tmp_path / "raw", local_raw=None)
    assert (dest / "made_up" / "population.csv").read_text().startswith("Country Name,Country Code")
    assert gzip.decompress((dest / "made_up" / "s.csv.gz").read_bytes()) == b"a,b\n1,2\n"


def test_plain_body_for_gz_name_is_compressed(http_root, tmp_path):
    info = _info({"p.csv.gz": f"{http_root}/pop.csv"}, ("p.csv.gz",))
    dest = download_sources([info], tmp_path / "raw", local_raw=None)
    assert gzip.decompress((dest / "made_up" / "p.csv.gz").read_bytes()).startswith(b"Country Name")


def test_http_error_names_the_file_and_leaves_nothing(http_root, tmp_path):
    info = _info({"x.csv": f"{http_root}/missing.csv"}, ("x.csv",))
    with pytest.raises(IngestError, match=r"x\.csv.*HTTP 404"):
        download_sources([info], tmp_path / "raw", local_raw=None)
    assert not list((tmp_path / "raw").rglob("x.csv*"))


def test_file_without_url_comes_from_local_raw(tmp_path):
    local = tmp_path / "local" / "made_up"
    local.mkdir(parents=True)
    (local / "lookup.csv").write_text("iso3\nBIH\n")
    dest = download_sources([_info({}, ("lookup.csv",))], tmp_path / "raw", local_raw=tmp_path / "local")
    assert (dest / "made_up" / "lookup.csv").read_text() == "iso3\nBIH\n"


def test_file_without_url_or_local_copy_fails_clearly(tmp_path):
    with pytest.raises(IngestError, match="no public download URL"):
        download_sources([_info({}, ("lookup.csv",))], tmp_path / "raw", local_raw=tmp_path / "none")


def test_every_declared_download_url_is_https():
    from dashboard.ingest.download import all_sources

    for info in all_sources():
        for fname, url in info.download_urls.items():
            assert url.startswith("https://"), (info.id, fname, url)
            assert fname in info.files, (info.id, fname)
