"""The one data layer: loads the curated bundle once per process and answers pure queries.

The bundle (Parquet + manifest.json) is read lazily, each file's sha256 checked against the
manifest; a mismatch refuses to start. Query functions take simple arguments (ids, tuples of
ISO3 codes, year ranges) and return small frames or dicts; they are memoised through
``dashboard.cache.memoize`` so many workers can share results through Redis.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import rules
from .cache import memoize
from .i18n import PSEUDO, pseudo, vocab
from .settings import Settings

log = logging.getLogger(__name__)


def _arrow_allocator() -> str:
    """The allocator Arrow uses, as ARROW_DEFAULT_MEMORY_POOL asks (jemalloc unless set otherwise; see
    ``dashboard/__init__.py``). When pyarrow was imported before this package (a script that imports pandas first),
    Arrow's C++ side has already chosen mimalloc; jemalloc is then set for what pyarrow allocates itself, and the
    rest is logged."""
    want = os.environ.get("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    if pa.default_memory_pool().backend_name == want or want != "jemalloc":
        return pa.default_memory_pool().backend_name
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # a pyarrow built without jemalloc (some macOS wheels): keep its default, say so
        log.warning("pyarrow has no jemalloc allocator here; using %s", pa.default_memory_pool().backend_name)
    else:
        log.warning("pyarrow was imported before the dashboard package chose its allocator; Parquet reads use "
                    "Arrow's default allocator, pyarrow's own allocations jemalloc")
    return pa.default_memory_pool().backend_name


ARROW_ALLOCATOR = _arrow_allocator()


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


def _malloc_trim():
    """glibc's ``malloc_trim``: hands the C heap's freed pages back to the system (the temporary arrays of a table's
    conversion, ~7 MiB of a worker holding the whole bundle; bench/memory.py). None where the C library has none
    (musl, macOS): nothing to do there."""
    return getattr(_libc(), "malloc_trim", None)


MALLOC_TRIM = _malloc_trim()
M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def _limit_arenas(n: int = 2) -> int | None:
    """At most ``n`` glibc malloc arenas, as MALLOC_ARENA_MAX=n would. By default glibc gives each thread that meets
    a busy arena a new one (up to 8 per core), and each keeps its own freed memory: a gunicorn worker with 4
    threads held ~18 MiB more after a 60 s mixed load (bench/load.py; bench/RESULTS.md). Set when this module is
    first imported, before gunicorn forks its workers and they start their threads. MALLOC_ARENA_MAX, when set, is
    left to decide (glibc reads it itself); None where the C library has no ``mallopt`` (musl, macOS)."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return int(os.environ["MALLOC_ARENA_MAX"])
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return None
    return n if mallopt(M_ARENA_MAX, n) == 1 else None


MALLOC_ARENAS = _limit_arenas()


class BundleError(RuntimeError):
    """The curated bundle is missing or does not match its manifest."""


class QueryError(ValueError):
    """A query parameter is not valid. ``param`` names it and ``valid`` lists what is accepted."""

    def __init__(self, param: str, message: str, valid: list | None = None):
        super().__init__(message)
        self.param, self.message, self.valid = param, message, valid or []

    def as_dict(self) -> dict:
        return {"error": "bad_parameter", "parameter": self.param, "message": self.message,
                "valid": self.valid[:300]}


@dataclass
class Bundle:
    """A verified curated bundle on disk; tables load on first use and stay in memory."""

    path: Path
    manifest: dict
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def version(self) -> str:
        return self.manifest["bundle_version"]

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            with self._lock:
                if name not in self._tables:
                    fname = f"{name}.parquet"
                    if fname not in self.manifest["tables"]:
                        raise BundleError(f"table {name!r} is not in the bundle at {self.path}")
                    try:
                        frame = pd.read_parquet(self.path / fname)
                    except Exception as exc:  # a truncated or foreign file: name it, never a bare 500
                        raise BundleError(f"Bundle file {fname} in {self.path} could not be read "
                                          f"({type(exc).__name__}: {exc}). Rebuild the bundle with `make data`.") \
                            from exc
                    self._tables[name] = _as_plain_strings(frame, name)
                    del frame
                    if MALLOC_TRIM is not None:
                        MALLOC_TRIM(0)
        return self._tables[name]

    def has_table(self, name: str) -> bool:
        return f"{name}.parquet" in self.manifest["tables"]

    def file_bytes(self, name: str) -> bytes:
        return (self.path / name).read_bytes()

    @cached_property
    def by_indicator(self) -> dict[str, pd.DataFrame]:
        cy = self.table("country_year")
        split = {str(k): g.reset_index(drop=True) for k, g in cy.groupby("indicator_id", observed=True, sort=False)}
        if MALLOC_TRIM is not None:
            MALLOC_TRIM(0)
        return split


YEAR_COLUMNS = ("year", "year_start", "year_end")
CATEGORICAL_MIN_ROWS = 10_000  # tables with fewer rows (lookups: countries, groups, indicators, ...) get strings
BIG_TABLE_ROWS = 200_000  # the corridor tables (1.3-1.8M rows): also int16 years
# Tables whose queries work on the text itself (month strings sliced and compared, labels replaced by 'Other routes'
# or 'More than one cause'; queries/routes.py and queries/missing.py): held as strings whatever their size.
TEXT_TABLES = frozenset({"mmp_incidents", "irregular_cbp", "irregular_frontex", "irregular_eurostat_asylum",
                         "irregular_national_series"})


def _as_plain_strings(df: pd.DataFrame, name: str = "") -> pd.DataFrame:
    """How a table is held in memory (bench/memory.py measures it; the worker's memory target is 350 MB).

    Small lookup tables and ``TEXT_TABLES``: categoricals back to strings (simpler joins, text operations). Every
    other table keeps the Parquet file's categoricals, 3-6x smaller than strings (country_year 13 -> 3 MiB,
    unhcr_demographics 16 -> 3 MiB), with their categories in text order, so sorting and grouping by such a column
    orders as its strings would. The big
    tables (the corridor tables) also hold their year columns as int16 (years fit; 12 of the 30 bytes a corridor
    row took) and their values as float32 when that is exact for every value (whole counts below 2**24, checked
    here on each load: never a rounded figure); queries read them with ``astype("int64")`` / ``astype("float64")``
    before any arithmetic, so sums are never taken in float32."""
    if len(df) < CATEGORICAL_MIN_ROWS or name in TEXT_TABLES:
        for col in df.columns:
            if isinstance(df[col].dtype, pd.CategoricalDtype):
                df[col] = df[col].astype("string")
        return df
    for col in df.columns:
        dtype = df[col].dtype
        if isinstance(dtype, pd.CategoricalDtype) and not dtype.ordered \
                and not dtype.categories.is_monotonic_increasing:
            df[col] = df[col].cat.reorder_categories(sorted(dtype.categories))
    if len(df) > BIG_TABLE_ROWS:
        for col in YEAR_COLUMNS:
            if col in df.columns and df[col].dtype == "int64" and len(df) and \
                    df[col].min() >= np.iinfo(np.int16).min and df[col].max() <= np.iinfo(np.int16).max:
                df[col] = df[col].astype("int16")
        if "value" in df.columns and df["value"].dtype == "float64":
            exact = df["value"].to_numpy().astype("float32")
            if np.array_equal(exact.astype("float64"), df["value"].to_numpy(), equal_nan=True):
                df["value"] = exact  # only when every value survives the round trip (counts below 2**24)
    return df


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_bundle(path: Path) -> Bundle:
    """Read the manifest and verify every file's checksum; raise BundleError with a clear message."""
    path = Path(path)
    mpath = path / "manifest.json"
    if not mpath.exists():
        raise BundleError(f"No curated bundle at {path} (manifest.json missing). Run `make data` or set DATA_DIR.")
    try:
        manifest = json.loads(mpath.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{mpath} is not a readable JSON manifest ({exc}). Rebuild the bundle with `make data`.") \
            from exc
    missing = [k for k in ("bundle_version", "tables", "sources") if not isinstance(manifest, dict) or k not in manifest]
    if missing:
        raise BundleError(f"{mpath} lacks {', '.join(missing)}: not a bundle manifest. Rebuild it with `make data`.")
    for fname, meta in manifest["tables"].items():
        fpath = path / fname
        if not fpath.exists():
            raise BundleError(f"Bundle file {fname} listed in the manifest is missing from {path}.")
        if not isinstance(meta, dict) or _sha256(fpath) != meta.get("sha256"):
            raise BundleError(f"Bundle file {fname} does not match its checksum in manifest.json: the bundle is "
                              f"corrupt or was edited by hand. Rebuild it with `make data`.")
    return Bundle(path, manifest)


_BUNDLE: Bundle | None = None
_BUNDLE_LOCK = threading.Lock()


def configure(path: Path | None = None) -> Bundle:
    """Open (and verify) the bundle for this process; called by the app factory at start-up."""
    global _BUNDLE
    with _BUNDLE_LOCK:
        _BUNDLE = open_bundle(path or Settings.from_env().data_dir)
    return _BUNDLE


def bundle() -> Bundle:
    if _BUNDLE is None:
        return configure()
    return _BUNDLE


# ------------------------------------------------------------------ reference data

@memoize()
def catalog() -> dict:
    """Indicators, corridor measures, sources, countries and groups, as plain JSON-able data."""
    b = bundle()
    ind = b.table("indicators")
    indicators = []
    for r in ind.to_dict("records"):
        src = b.manifest["sources"].get(r["source_id"], {})
        indicators.append({**_clean_record(r), "licence": src.get("licence"),
                           "non_commercial": bool(src.get("non_commercial"))})
    measures = []
    if b.has_table("measures"):
        for r in b.table("measures").to_dict("records"):
            r = _clean_record(r)
            r["methods"] = [m for m in (r.get("methods") or "").split(",") if m]
            measures.append(r)
    countries = b.table("countries")
    groups = b.table("groups")
    return {
        "bundle_version": b.version,
        "indicators": indicators,
        "corridor_measures": measures,
        "sources": {sid: {k: v for k, v in s.items() if k not in ("inputs",)} for sid, s in b.manifest["sources"].items()},
        "countries": [_clean_record(r) for r in countries[
            [c for c in ("iso3", "name", "m49", "region", "subregion", "income_group", "is_pseudo") if c in countries]
        ].to_dict("records")],
        "groups": [_clean_record(r) for r in groups.to_dict("records")],
    }


def _clean_record(rec: dict) -> dict:
    out = {}
    for k, v in rec.items():
        if v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            v = None
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


def indicator_ids() -> list[str]:
    return list(bundle().table("indicators")["id"])


def indicator_meta(indicator_id: str) -> dict:
    ind = bundle().table("indicators")
    hit = ind[ind["id"] == indicator_id]
    if hit.empty:
        raise QueryError("indicator", f"Unknown indicator {indicator_id!r}.", sorted(ind["id"]))
    return _clean_record(hit.iloc[0].to_dict())


def source_meta(source_id: str) -> dict:
    return bundle().manifest["sources"].get(source_id, {})


def _lang_column(table: pd.DataFrame, base: str, lang: str | None) -> str | None:
    """``<base>_<lang>`` when the bundle carries that language, else None (English)."""
    col = f"{base}_{lang}"
    return col if lang and lang != "en" and col in table.columns else None


@functools.lru_cache(maxsize=16)
def _names(version: str, table: str, key: str, base: str, lang: str | None) -> dict[str, str]:
    """code -> name in ``lang`` for one bundle version; a missing translation falls back to the English name."""
    df = bundle().table(table)
    english = dict(zip(df[key].astype(str), df[base].astype(str)))
    if lang == PSEUDO:
        return {code: pseudo(name) for code, name in english.items()}
    col = _lang_column(df, base, lang)
    if col is None:
        return english
    # a name the bundle has only in English (its '<col>_source' says 'english': UNHCR's unknown origin UNK,
    # stateless XXA, Tibetan TIB, ...) is read from the catalogue (vocab.<english in snake case>) where it has one
    source = df[f"{col}_source"].astype("object") if f"{col}_source" in df.columns else pd.Series([None] * len(df))
    return {code: (vocab(english[code], lang) if src == "english" else
                   str(v) if isinstance(v, str) and v.strip() else english[code])
            for code, v, src in zip(df[key].astype(str), df[col].astype("object"), source)}


def country_names(lang: str | None = "en") -> dict[str, str]:
    """iso3 -> display name in ``lang`` (en: UN short name; bs, fr: the bundle's name_bs/name_fr, English where
    a language has none). A new dict each call: callers may add to it."""
    return dict(_names(bundle().version, "countries", "iso3", "name", lang))


def group_labels(lang: str | None = "en") -> dict[str, str]:
    """group id -> label in ``lang`` (the groups table's label_bs/label_fr; English where a language has none)."""
    return dict(_names(bundle().version, "groups", "group_id", "label", lang))


def display_names(rows: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """``rows`` with the names it shows in ``lang``, for figures, texts and tables (never for downloads: CSV and
    API columns stay English). A name column is translated where it holds the English name of the code next to
    it (``NAME_COLUMNS``), so anything else in it ('Rest of world', a published aggregate) is left as it is."""
    if not lang or lang == "en" or rows is None or rows.empty:
        return rows
    en = {**group_labels("en"), **country_names("en")}
    local = {**group_labels(lang), **country_names(lang)}
    out = None
    for code_col, name_col in NAME_COLUMNS:
        if code_col not in rows.columns or name_col not in rows.columns:
            continue
        codes = rows[code_col].astype("object")
        current = rows[name_col].astype("object")
        english = codes.map(lambda c: en.get(c) if isinstance(c, str) else None)
        hit = english.notna() & (current == english)
        if not hit.any():
            continue
        out = rows.copy() if out is None else out
        translated = codes[hit].map(local)
        col = out[name_col].astype("object")
        col[hit] = translated
        out[name_col] = col
    return rows if out is None else out


# (code column, name column) pairs the query rows use.
NAME_COLUMNS = (
    ("iso3", "country"), ("code", "series"), ("origin", "origin_name"), ("destination", "destination_name"),
    ("asylum", "asylum_name"), ("partner", "partner_name"), ("focus", "focus_name"), ("nat", "nationality"),
    ("geo", "destination"), ("group_id", "label"),
)


def group_ids() -> list[str]:
    return sorted(bundle().table("groups")["group_id"])


def group_members(group_id: str) -> tuple[str, ...]:
    gm = bundle().table("group_members")
    return tuple(sorted(gm.loc[gm["group_id"] == group_id, "iso3"]))


def resolve_countries(spec: str | None, param: str = "countries") -> tuple[str, ...] | None:
    """'BIH,SRB' or a group id ('WB6', 'EU27', 'M49-150') -> sorted ISO3 tuple; None/'' -> None (all)."""
    if spec is None or not str(spec).strip():
        return None
    names = country_names()
    groups = set(group_ids())
    out: set[str] = set()
    for token in str(spec).split(","):
        tok = token.strip()
        if not tok:
            continue
        if tok in groups or tok.upper() in groups:
            out.update(group_members(tok if tok in groups else tok.upper()))
        elif tok.upper() in names:
            out.add(tok.upper())
        else:
            raise QueryError(param, f"Unknown country or group code {tok!r}. Use ISO 3166-1 alpha-3 codes "
                                    f"(e.g. BIH) or a group id (e.g. WB6).", sorted(names) + sorted(groups))
    return tuple(sorted(out))


def parse_years(spec: str | None, param: str = "years") -> tuple[int, int] | None:
    """'2020' -> (2020, 2020); '2000-2020' -> (2000, 2020); None/'' -> None."""
    if spec is None or not str(spec).strip():
        return None
    text = str(spec).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1:
            lo = hi = int(parts[0])
        elif len(parts) == 2:
            lo, hi = int(parts[0]), int(parts[1])
        else:
            raise ValueError
    except ValueError:
        raise QueryError(param, f"Bad year or range {text!r}: use YYYY or YYYY-YYYY.", ["2020", "2000-2020"]) from None
    if lo > hi or not (1900 <= lo <= 2100 and 1900 <= hi <= 2100):
        raise QueryError(param, f"Bad year range {text!r}: start must be <= end, within 1900-2100.",
                         ["2020", "2000-2020"])
    return lo, hi


# ------------------------------------------------------------------ indicator queries

PER_OPTIONS = ("capita1000", "percent")
# per option -> (factor applied to value / population, unit suffix)
PER_SCALE = {"capita1000": (1000.0, "per 1,000 population"), "percent": (100.0, "% of population")}


def per_options(indicator_id: str) -> tuple[str, ...]:
    """Population-relative views the bundle declares meaningful for the indicator (``per`` in the catalogue):
    'capita1000' for counts of people, events and money; 'percent' only for people present at a date."""
    meta = indicator_meta(indicator_id)
    declared = [p for p in str(meta.get("per") or "").split(",") if p]
    return tuple(p for p in PER_OPTIONS if p in declared)


def per_unit(unit: str, per: str | None) -> str:
    """The unit of values divided by population: 'persons per 1,000 population', '% of population'."""
    if not per:
        return unit
    if per == "percent":
        return "% of population" + unit[len("persons"):] if unit.startswith("persons") else f"{unit}, % of population"
    return f"{unit} {PER_SCALE[per][1]}"


def aggregation_rules() -> dict:
    """The bundle's declared aggregation rules (coverage threshold, country definitions), from the manifest."""
    return bundle().manifest.get("aggregation") or {"coverage_min": rules.COVERAGE_MIN, "country_definitions": {}}


def coverage_min_pct() -> float:
    """The share of a group (in %) its members with data must hold for a group value to be shown."""
    return float(aggregation_rules().get("coverage_min", rules.COVERAGE_MIN)) * 100


@functools.lru_cache(maxsize=32)
def _population_for(version: str, source_id: str) -> pd.Series:
    pop = bundle().by_indicator["population"]
    pop = pop.loc[(pop["sex"] == "total") & pop["value"].notna(), ["iso3", "year", "value"]]
    pop = pop.assign(iso3=pop["iso3"].astype(str))
    definitions = aggregation_rules().get("country_definitions", {}).get(source_id, {})
    pop = rules.redefine(pop, definitions)
    return pop.set_index(["iso3", "year"])["value"].astype("float64").sort_index()


def counted_within(source_id: str, iso3: str) -> str | None:
    """The code whose figures include ``iso3`` in ``source_id``'s country definition ('SRB' for Kosovo in UN DESA and
    UNHCR data), from the bundle's aggregation rules; None when the source counts ``iso3`` on its own."""
    for code, covers in (aggregation_rules().get("country_definitions", {}).get(source_id) or {}).items():
        if iso3 != code and iso3 in (covers or ()):
            return code
    return None


def population_for(source_id: str) -> pd.Series:
    """World Bank population indexed by (iso3, year), drawn on ``source_id``'s country definition (e.g. UN DESA's
    Serbia includes Kosovo): the denominator of every per-capita value and population share of that source."""
    return _population_for(bundle().version, source_id)


def period_years(indicator_id: str) -> int:
    """How many years one value covers: 1 for a year or a date, 5 for the 5-year flows."""
    return int(indicator_meta(indicator_id).get("period_years") or 1)


def period_end(indicator_id: str, year: int) -> int:
    """The last year a value covers: 2020 for the 5-year flow of 2015-2020, the year itself otherwise."""
    span = period_years(indicator_id)
    return int(year) + span if span > 1 else int(year)


def period_label(indicator_id: str, year: int) -> str:
    """'2015-2020' for a 5-year period indicator, else '2015' (every title and label of a period says so)."""
    end = period_end(indicator_id, year)
    return f"{year}-{end}" if end != int(year) else str(year)


def period_columns(indicator_id: str, years: pd.Series) -> dict:
    """period, period_start, period_end for rows of a period indicator (5-year flows sit at their first year);
    empty for indicators of a year or a date."""
    span = period_years(indicator_id)
    if span <= 1:
        return {}
    start = years.astype("int64").to_numpy()
    return {"period": [f"{a}-{a + span}" for a in start], "period_start": start, "period_end": start + span}


def check_per(indicator_id: str, per: str) -> None:
    """Raise a QueryError naming the valid options unless ``per`` is declared meaningful for the indicator."""
    if per not in PER_OPTIONS:
        raise QueryError("per", f"Unknown per-capita option {per!r}.", list(PER_OPTIONS))
    valid = list(per_options(indicator_id))
    if per not in valid:
        meta = indicator_meta(indicator_id)
        raise QueryError("per", f"per={per} is not meaningful for {indicator_id!r} (it counts "
                                f"{meta.get('counts', 'values')} in {meta['unit']}): use "
                                + (" or ".join(f"per={v}" for v in valid) + " or no per" if valid else "no per")
                                + ".", valid)


@memoize()
def indicator_values(indicator_id: str, countries: tuple[str, ...] | None = None,
                     years: tuple[int, int] | None = None, per: str | None = None,
                     sex: str = "total") -> pd.DataFrame:
    """Tidy rows: iso3, country, year, value, unit, indicator, source, licence, flag (sorted by iso3, year)."""
    meta = indicator_meta(indicator_id)
    b = bundle()
    df = b.by_indicator.get(indicator_id, b.table("country_year").iloc[0:0])
    df = df[df["sex"] == sex]
    if countries is not None:
        df = df[df["iso3"].isin(countries)]
    if years is not None:
        df = df[(df["year"] >= years[0]) & (df["year"] <= years[1])]
    unit = meta["unit"]
    values = df["value"].astype("float64")
    flag = df["flag"].astype("string")
    if per:
        check_per(indicator_id, per)
        pop = population_for(meta["source_id"])
        keys = pd.MultiIndex.from_arrays([df["iso3"].astype(str), df["year"].astype("int64")])
        denom = pd.Series(pop.reindex(keys).to_numpy(), index=df.index, dtype="float64")
        values = values / denom * PER_SCALE[per][0]  # no population figure -> NaN (missing), never 0
        unit = per_unit(unit, per)
        flag = flag.where(denom.notna(), "no_population")
    src = source_meta(meta["source_id"])
    names = country_names()
    out = pd.DataFrame({
        "iso3": df["iso3"].to_numpy(),
        "country": df["iso3"].map(names).to_numpy(),
        "year": df["year"].astype("int64").to_numpy(),
        "value": values.to_numpy(),
        "unit": unit,
        "indicator": indicator_id,
        "source": src.get("publisher", "") + ": " + src.get("title", ""),
        "licence": src.get("licence", ""),
        "flag": flag.to_numpy(),
        **period_columns(indicator_id, df["year"]),
    })
    return out.sort_values(["iso3", "year"], kind="mergesort").reset_index(drop=True)


def latest_year(indicator_id: str) -> int:
    """Latest year with at least one value."""
    years = available_years(indicator_id)
    return years[-1] if years else int(indicator_meta(indicator_id)["year_max"])


def available_years(indicator_id: str) -> list[int]:
    df = bundle().by_indicator.get(indicator_id)
    if df is None:
        return []
    return sorted(int(y) for y in df.loc[df["value"].notna(), "year"].unique())


@memoize()
def map_frame(indicator_id: str, year: int) -> pd.DataFrame:
    """One value per drawable country for a year (pseudo entities such as UNK/XXA are left out)."""
    df = indicator_values(indicator_id, years=(year, year))
    countries = bundle().table("countries")
    pseudo = set(countries.loc[countries["is_pseudo"].astype(bool), "iso3"])
    return df[~df["iso3"].isin(pseudo)].reset_index(drop=True)


# ------------------------------------------------------------------ corridor queries

CORRIDOR_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "period", "year_start", "year_end",
                    "sex", "value", "measure", "method", "source", "licence"]


def measure_meta(measure: str) -> dict:
    for m in catalog()["corridor_measures"]:
        if m["id"] == measure:
            return m
    raise QueryError("measure", f"Unknown corridor measure {measure!r}.",
                     [m["id"] for m in catalog()["corridor_measures"]])


def _corridor_mask(measure: str, origin, destination, years, method, sex) -> tuple[pd.DataFrame, np.ndarray, str]:
    """(table, boolean mask, method) of a corridor selection; validates the measure, method and sex."""
    meta = measure_meta(measure)
    methods = meta["methods"]
    if methods:
        method = method or meta["default_method"]
        if method not in methods:
            raise QueryError("method", f"Unknown method {method!r} for measure {measure!r}.", methods)
    elif method:
        raise QueryError("method", f"Measure {measure!r} has no methods.", [])
    else:
        method = ""
    if sex not in ("total", "female", "male"):
        raise QueryError("sex", f"Unknown sex {sex!r}.", ["total", "female", "male"])
    df = bundle().table(f"corridors_{measure}")
    mask = (df["method"] == method) & (df["sex"] == sex)
    if origin is not None:
        mask &= df["origin"].isin(origin)
    if destination is not None:
        mask &= df["destination"].isin(destination)
    if years is not None:
        mask &= (df["year_start"] >= years[0]) & (df["year_start"] <= years[1])
    return df, mask.to_numpy(), method


def corridor_rows(measure: str, origin: tuple[str, ...] | None = None, destination: tuple[str, ...] | None = None,
                  years: tuple[int, int] | None = None, method: str | None = None, sex: str = "total",
                  top: int | None = None) -> int:
    """How many rows ``corridors`` would return, counted on a boolean mask (no frame is built): the API checks
    its row cap with this before doing the work."""
    df, mask, _ = _corridor_mask(measure, origin, destination, years, method, sex)
    n = int(mask.sum())
    if top is not None and n:
        per_year = np.bincount(df["year_start"].to_numpy()[mask] - int(df["year_start"].min()))
        n = int(np.minimum(per_year, top).sum())
    return n


@memoize()
def corridors(measure: str, origin: tuple[str, ...] | None = None, destination: tuple[str, ...] | None = None,
              years: tuple[int, int] | None = None, method: str | None = None, sex: str = "total",
              top: int | None = None) -> pd.DataFrame:
    """Bilateral rows for one measure (one method); ``years`` matches the period's start year."""
    meta = measure_meta(measure)
    df, mask, method = _corridor_mask(measure, origin, destination, years, method, sex)
    part = df[mask]
    if top is not None:
        part = part.sort_values("value", ascending=False, kind="mergesort").groupby(
            "year_start", sort=True).head(top)
    names = country_names()
    src = source_meta(meta["source_id"])
    period = np.where(part["year_start"] == part["year_end"], part["year_start"].astype(str),
                      part["year_start"].astype(str) + "-" + part["year_end"].astype(str))
    out = pd.DataFrame({
        "origin": part["origin"].to_numpy(), "origin_name": part["origin"].map(names).to_numpy(),
        "destination": part["destination"].to_numpy(), "destination_name": part["destination"].map(names).to_numpy(),
        "period": period, "year_start": part["year_start"].astype("int64").to_numpy(),
        "year_end": part["year_end"].astype("int64").to_numpy(), "sex": sex,
        "value": part["value"].astype("float64").to_numpy(), "measure": measure, "method": method,
        "source": src.get("publisher", "") + ": " + src.get("title", ""), "licence": src.get("licence", ""),
    }, columns=CORRIDOR_COLUMNS)
    return out.sort_values(["year_start", "value", "origin", "destination"], ascending=[True, False, True, True],
                           kind="mergesort").reset_index(drop=True)
