"""The ingest's list of source modules, read by both the build and the downloader.

Its own module so imports flow one way: ``build -> download -> sources`` and ``build -> sources``
(the downloader needs the list of sources; the build needs the downloader).
"""
from __future__ import annotations

import importlib
from types import ModuleType

from .base import SourceInfo

# Every staged source folder is ingested by one of these modules (order = build order).
SOURCE_MODULES: tuple[str, ...] = (
    "undesa_ims2024", "undesa_ims2020", "wpp", "worldbank", "unhcr", "idmc", "unodc", "ctdc",
    "us_tip", "mmp", "irregular", "abel", "gaskin",
)
# Shapes, country reference and base maps: built after the sources (they use the codes seen).
GEOGRAPHY_MODULE = "geography"


def load_source(name: str) -> ModuleType:
    return importlib.import_module(f"dashboard.ingest.{name}")


def infos_of(mod: ModuleType) -> tuple[SourceInfo, ...]:
    """The SourceInfo(s) a source module declares (``SOURCES``, or the single ``SOURCE``)."""
    return tuple(getattr(mod, "SOURCES", None) or (mod.SOURCE,))


def all_sources() -> list[SourceInfo]:
    """Every source the build reads, in build order, geography last."""
    return [info for name in (*SOURCE_MODULES, GEOGRAPHY_MODULE) for info in infos_of(load_source(name))]
