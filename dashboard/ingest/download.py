"""``make data DOWNLOAD=1``: fetch each source's raw files from the publisher's public URL.

Files are written to a download folder laid out like RAW_DIR (``<folder>/<file>``). A file whose
source declares no public URL (a repackaged table, say) is taken from the local RAW_DIR copy.
Downloads go to a temporary name and are renamed when complete, so a broken transfer never leaves
half a file behind.
"""
from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path
from typing import Iterable

import requests

from .base import IngestError, SourceInfo
from .sources import all_sources

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DEST = REPO / ".cache" / "raw"
TIMEOUT = (10, 120)


def fetch(url: str, target: Path, session: requests.Session | None = None) -> None:
    """Download ``url`` to ``target`` atomically; gzip it when the target name ends in .gz and the body is plain."""
    session = session or requests.Session()
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with session.get(url, stream=True, timeout=TIMEOUT) as resp:
            if resp.status_code != 200:
                raise IngestError(target, f"download from {url} failed: HTTP {resp.status_code}")
            with open(part, "wb") as fh:
                for chunk in resp.iter_content(1 << 16):
                    fh.write(chunk)
    except requests.RequestException as exc:
        part.unlink(missing_ok=True)
        raise IngestError(target, f"download from {url} failed: {exc}") from exc
    if target.suffix == ".gz":
        with open(part, "rb") as fh:
            magic = fh.read(2)
        if magic != b"\x1f\x8b":
            plain = part.with_name(part.name + ".plain")
            os.replace(part, plain)
            with open(plain, "rb") as src, open(part, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as dst:
                shutil.copyfileobj(src, dst)
            plain.unlink()
    os.replace(part, target)


def download_sources(sources: Iterable[SourceInfo], dest: Path, local_raw: Path | None) -> Path:
    """Fill ``dest`` with every file the sources read; return ``dest`` (use it as RAW_DIR)."""
    dest = Path(dest)
    session = requests.Session()
    for info in sources:
        for fname in info.files:
            target = dest / info.folder / fname
            url = info.download_urls.get(fname)
            if url:
                print(f"[download] {info.id}: {url}", file=sys.stderr, flush=True)
                fetch(url, target, session)
            elif local_raw is not None and (Path(local_raw) / info.folder / fname).exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(local_raw) / info.folder / fname, target)
            else:
                raise IngestError(target, f"no public download URL for {info.id}/{fname} and no local copy in "
                                          f"RAW_DIR; stage it under {local_raw}/{info.folder}/")
    return dest


def download_all(local_raw: Path | None, dest: Path = DEFAULT_DEST) -> Path:
    return download_sources(all_sources(), dest, local_raw)
