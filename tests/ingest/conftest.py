"""Real-data fixtures of the ingest tests: each source's ingest of the staged raw files (RAW_DIR) runs at most once
per test process, and the bundle rebuild (test_build.py) reads the same outputs instead of ingesting every source
a second time. Under pytest-xdist (`make test`) these files run on one worker (tests/conftest.py), so the sharing
holds there too."""
from __future__ import annotations

import copy
import importlib
from pathlib import Path

import pytest

from dashboard.ingest import build
from tests.conftest import RAW_DIR


@pytest.fixture(scope="session")
def real_ingest():
    """``real_ingest(module)`` -> that source module's ``ingest(RAW_DIR)`` output, computed once per session; each
    caller gets its own deep copy, so no test can change what another one (or the rebuild) reads."""
    outputs: dict = {}

    def get(name: str):
        if name not in outputs:
            outputs[name] = importlib.import_module(f"dashboard.ingest.{name}").ingest(RAW_DIR)
        return copy.deepcopy(outputs[name])

    return get


class _SharedIngest:
    """A source module whose ``ingest`` answers from ``real_ingest`` for RAW_DIR (any other folder is ingested)."""

    def __init__(self, module, name: str, real_ingest):
        self._module, self._name, self._real = module, name, real_ingest

    def __getattr__(self, attr):
        return getattr(self._module, attr)

    def ingest(self, raw_dir):
        if Path(raw_dir).resolve() == RAW_DIR.resolve():
            return self._real(self._name)
        return self._module.ingest(raw_dir)


@pytest.fixture()
def shared_sources(monkeypatch, real_ingest):
    """``build.build`` reads the session's source outputs for RAW_DIR (geography and everything after the sources
    runs as usual)."""
    load = build.load_source

    def load_source(name: str):
        module = load(name)
        return _SharedIngest(module, name, real_ingest) if name in build.SOURCE_MODULES else module

    monkeypatch.setattr(build, "load_source", load_source)
