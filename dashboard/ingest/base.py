"""Contracts shared by every source module of the ingest.

A source module exposes ``SOURCE`` (a :class:`SourceInfo`) and ``ingest(raw_dir) -> SourceOutput``:
a pure function from the staged raw files to tidy, validated frames. ``build.py`` collects the
outputs of all sources, validates the shared tables once more and writes the bundle.
"""
from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

import numpy as np
import pandas as pd


class IngestError(Exception):
    """A raw file does not look as declared. The message names the file, column and row."""

    def __init__(self, file: str | Path, message: str, column: str | None = None, row: int | None = None):
        self.file, self.column, self.row = str(file), column, row
        where = [f"file {Path(file).name}"]
        if column is not None:
            where.append(f"column {column!r}")
        if row is not None:
            where.append(f"row {row}")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True)
class SourceInfo:
    """Provenance of one staged source, copied into the manifest and every export."""

    id: str
    publisher: str
    title: str
    edition: str
    url: str  # the publisher's page for the dataset
    licence: str
    licence_url: str
    folder: str  # folder name under RAW_DIR
    files: tuple[str, ...]  # raw files this source reads, relative to its folder
    citation: str
    non_commercial: bool = False
    processing: tuple[str, ...] = ()  # plain-language steps the ingest applies
    caveats: tuple[str, ...] = ()
    # publisher URL for each raw file, for `make data DOWNLOAD=1` (files without one are read locally only)
    download_urls: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "publisher": self.publisher, "title": self.title, "edition": self.edition,
            "url": self.url, "licence": self.licence, "licence_url": self.licence_url,
            "non_commercial": self.non_commercial, "citation": self.citation,
            "processing": list(self.processing), "caveats": list(self.caveats),
        }


@dataclass
class SourceOutput:
    """What one source contributes to the bundle."""

    country_year: pd.DataFrame | None = None  # rows in COUNTRY_YEAR schema
    corridors: pd.DataFrame | None = None  # rows in CORRIDORS schema
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # detail tables, by table name
    indicators: list[dict] = field(default_factory=list)  # catalogue entries (see INDICATOR_KEYS)
    measures: list[dict] = field(default_factory=list)  # corridor measure entries (see MEASURE_KEYS)
    notes: list[str] = field(default_factory=list)  # counts of what was dropped/flagged, for the manifest
    files: dict[str, bytes] = field(default_factory=dict)  # non-tabular bundle files (e.g. GeoJSON), by file name


# ---------------------------------------------------------------- reading

def read_csv(path: Path, **kwargs) -> pd.DataFrame:
    """Read a staged CSV with the safe NA rules (``NA`` is Namibia, not missing).

    Any parse failure becomes an :class:`IngestError` naming the file.
    """
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "file not found (set RAW_DIR or run `make data DOWNLOAD=1`)")
    opts = {"keep_default_na": False, "na_values": [""], "low_memory": False}
    opts.update(kwargs)
    try:
        return pd.read_csv(path, **opts)
    except (pd.errors.ParserError, UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile, zlib.error, ValueError) as exc:
        raise IngestError(path, f"cannot be parsed as CSV ({type(exc).__name__}: {exc})") from exc


def require_columns(df: pd.DataFrame, columns: Iterable[str], file: str | Path) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise IngestError(file, f"missing columns {missing}; found {list(df.columns)}", column=missing[0])


# ---------------------------------------------------------------- schema validation

KINDS: dict[str, Callable[[pd.Series], bool]] = {
    "int": pd.api.types.is_integer_dtype,
    "float": pd.api.types.is_float_dtype,
    "number": pd.api.types.is_numeric_dtype,
    "str": lambda s: pd.api.types.is_string_dtype(s) or isinstance(s.dtype, pd.CategoricalDtype) or s.dtype == object,
    "bool": pd.api.types.is_bool_dtype,
}


@dataclass(frozen=True)
class Schema:
    """Declared shape of a table: column kinds, key, value ranges and which columns may be null."""

    name: str
    columns: Mapping[str, str]  # column -> kind in KINDS
    key: tuple[str, ...] = ()
    ranges: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)
    nullable: frozenset[str] = frozenset()
    allowed: Mapping[str, frozenset] = field(default_factory=dict)  # column -> allowed values


def _first_bad_row(mask: pd.Series) -> int:
    """1-based data-row number (header excluded) of the first True in mask."""
    return int(np.flatnonzero(mask.to_numpy())[0]) + 1


def validate(df: pd.DataFrame, schema: Schema, file: str | Path) -> pd.DataFrame:
    """Check ``df`` against ``schema``; raise IngestError naming file, column and row on the first problem."""
    require_columns(df, schema.columns, file)
    df = df.reset_index(drop=True)
    for col, kind in schema.columns.items():
        s = df[col]
        if not KINDS[kind](s):
            # find the first value that breaks the kind, for a useful message
            if kind in ("int", "float", "number"):
                coerced = pd.to_numeric(s, errors="coerce")
                bad = coerced.isna() & s.notna()
                row = _first_bad_row(bad) if bad.any() else None
                val = s.iloc[row - 1] if row else None
                raise IngestError(file, f"expected {kind} values, found {val!r} (dtype {s.dtype})", col, row)
            raise IngestError(file, f"expected {kind} values, found dtype {s.dtype}", col)
        if col not in schema.nullable and s.isna().any():
            raise IngestError(file, "missing value where one is required", col, _first_bad_row(s.isna()))
        if col in schema.ranges:
            lo, hi = schema.ranges[col]
            bad = pd.Series(False, index=s.index)
            if lo is not None:
                bad |= s < lo
            if hi is not None:
                bad |= s > hi
            if bad.any():
                row = _first_bad_row(bad)
                raise IngestError(file, f"value {s.iloc[row - 1]!r} outside [{lo}, {hi}]", col, row)
        if col in schema.allowed:
            bad = s.notna() & ~s.isin(schema.allowed[col])
            if bad.any():
                row = _first_bad_row(bad)
                raise IngestError(file, f"unexpected value {s.iloc[row - 1]!r}", col, row)
    if schema.key:
        dup = df.duplicated(list(schema.key), keep="first")
        if dup.any():
            row = _first_bad_row(dup)
            keyval = tuple(df.loc[row - 1, list(schema.key)])
            raise IngestError(file, f"duplicate key {dict(zip(schema.key, keyval))}", ",".join(schema.key), row)
    return df


# ---------------------------------------------------------------- shared tidy tables

SEXES = frozenset({"total", "female", "male"})

COUNTRY_YEAR = Schema(
    name="country_year",
    columns={"indicator_id": "str", "iso3": "str", "year": "int", "sex": "str", "value": "float",
             "flag": "str", "source_id": "str"},
    key=("indicator_id", "iso3", "year", "sex"),
    nullable=frozenset({"value", "flag"}),
    allowed={"sex": SEXES},
    ranges={"year": (1900, 2100)},
)

CORRIDORS = Schema(
    name="corridors",
    columns={"measure": "str", "origin": "str", "destination": "str", "year_start": "int", "year_end": "int",
             "sex": "str", "method": "str", "value": "float", "source_id": "str"},
    key=("measure", "method", "origin", "destination", "year_start", "sex"),
    nullable=frozenset({"value"}),
    allowed={"sex": SEXES},
    ranges={"year_start": (1900, 2100), "year_end": (1900, 2100), "value": (0, None)},
)

# catalogue entries a source declares for each indicator_id it writes
INDICATOR_KEYS = ("id", "label", "description", "unit", "theme", "source_id", "per_capita")
THEMES = ("flows", "displacement", "trafficking", "context")
# and for each corridor measure
MEASURE_KEYS = ("id", "label", "description", "unit", "kind", "source_id", "methods", "default_method")


def country_year_frame(rows: pd.DataFrame, indicator_id: str, source_id: str, value: str = "value",
                       sex: str | None = None, flag: str | None = None) -> pd.DataFrame:
    """Shape a frame with columns iso3, year, <value> (and optional sex/flag columns) into COUNTRY_YEAR rows."""
    out = pd.DataFrame({
        "indicator_id": indicator_id,
        "iso3": rows["iso3"].astype(str).to_numpy(),
        "year": rows["year"].astype("int64").to_numpy(),
        "sex": rows[sex].to_numpy() if sex else "total",
        "value": pd.to_numeric(rows[value], errors="raise").astype("float64").to_numpy(),
        "flag": rows[flag].to_numpy() if flag else None,
        "source_id": source_id,
    })
    out["flag"] = out["flag"].astype("string")
    return out
