"""Build the curated bundle: run every source's ingest, validate, write Parquet + manifest atomically.

    python -m dashboard.ingest.build [--raw-dir DIR] [--out DIR] [--download] [--only SOURCE ...]

The new bundle is written to a temporary folder beside the output and swapped in only when every
source succeeded, so a malformed raw file leaves the previous bundle untouched.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import base, codes, semantics
from .base import COUNTRY_YEAR, CORRIDORS, IngestError, SourceOutput
from .download import download_all
from .sources import GEOGRAPHY_MODULE, SOURCE_MODULES, infos_of, load_source

# Staged files deliberately not read, with the reason (listed in data/README.md).
LEFT_OUT: dict[str, str] = {
    "abel_bilateral_flows/original_json/": "the same estimates as the tidy long CSV that is ingested (chord-diagram JSON).",
    "undesa_ims2020_bilateral_stock/original_json/": "the same matrices as the tidy long CSV (chord-diagram JSON).",
    "undesa_ims2020_bilateral_stock/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx":
        "the official workbook; its Tables 1-4 and 6 are ingested from the tidy long CSV made from it "
        "(checked equal to the workbook in SOURCE.md).",
}

REPO = Path(__file__).resolve().parents[2]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "data" / "curated"
ASSETS = REPO / "assets"
BUNDLE_SCHEMA_VERSION = 1


def raw_dir_from_env() -> Path:
    return Path(os.environ.get("RAW_DIR") or DEFAULT_RAW)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Deterministic Parquet: no index, zstd, strings as categoricals where they repeat."""
    df = df.reset_index(drop=True).copy()
    for col in df.columns:
        s = df[col]
        if (pd.api.types.is_string_dtype(s) or s.dtype == object) and not isinstance(s.dtype, pd.CategoricalDtype):
            if len(s) > 1000 and s.nunique(dropna=True) < len(s) / 4:
                df[col] = s.astype("string").astype(pd.CategoricalDtype(sorted(s.dropna().astype(str).unique())))
            else:
                df[col] = s.astype("string")
    df.to_parquet(path, index=False, compression="zstd", engine="pyarrow")


def _sorted(df: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    return df.sort_values(list(keys), kind="mergesort").reset_index(drop=True)


def run_sources(raw_dir: Path, only: tuple[str, ...] | None = None) -> tuple[dict, dict[str, SourceOutput]]:
    """Run the selected source modules; return ({source_id: SourceInfo}, {source_id: output})."""
    infos, outputs = {}, {}
    for name in SOURCE_MODULES:
        if only and name not in only:
            continue
        mod = load_source(name)
        sources = infos_of(mod)
        t0 = time.perf_counter()
        _log(f"[{name}] reading {raw_dir / sources[0].folder} ...")
        out = mod.ingest(raw_dir)
        for info in sources:
            infos[info.id] = info
        outputs[name] = out
        n_cy = 0 if out.country_year is None else len(out.country_year)
        n_co = 0 if out.corridors is None else len(out.corridors)
        n_tab = sum(len(t) for t in out.tables.values())
        _log(f"[{name}] ok in {time.perf_counter() - t0:.1f}s: {n_cy:,} country-year rows, "
             f"{n_co:,} corridor rows, {len(out.tables)} detail tables ({n_tab:,} rows)")
    return infos, outputs


def assemble(infos: dict, outputs: dict[str, SourceOutput]) -> dict[str, pd.DataFrame]:
    """Concatenate and validate the shared tables; return {table name: frame}."""
    tables: dict[str, pd.DataFrame] = {}
    cy = [o.country_year for o in outputs.values() if o.country_year is not None and len(o.country_year)]
    if cy:
        frame = pd.concat(cy, ignore_index=True)
        frame["flag"] = frame["flag"].astype("string")
        base.validate(frame, COUNTRY_YEAR, "country_year (assembled)")
        codes.check_known(frame["iso3"], "country_year (assembled)", "iso3")
        tables["country_year"] = _sorted(frame, COUNTRY_YEAR.key)
    co = [o.corridors for o in outputs.values() if o.corridors is not None and len(o.corridors)]
    if co:
        frame = pd.concat(co, ignore_index=True)
        base.validate(frame, CORRIDORS, "corridors (assembled)")
        for col in ("origin", "destination"):
            codes.check_known(frame[col], "corridors (assembled)", col)
        for measure, part in frame.groupby("measure", sort=True, observed=True):
            tables[f"corridors_{measure}"] = _sorted(part, CORRIDORS.key)
    for out in outputs.values():
        for name, frame in out.tables.items():
            if name in tables:
                raise IngestError(name, "two sources write the same detail table")
            tables[name] = frame.reset_index(drop=True)
    indicators = [semantics.declare(e) for o in outputs.values() for e in o.indicators]
    measures = [dict(e) for o in outputs.values() for e in o.measures]
    _check_catalogue(indicators, measures, tables, infos)
    if indicators:
        years = tables["country_year"].groupby("indicator_id", observed=True)["year"].agg(["min", "max"])
        for e in indicators:
            e["year_min"], e["year_max"] = (int(v) for v in years.loc[e["id"]])
        tables["indicators"] = pd.DataFrame(indicators)
    if measures:
        tables["measures"] = pd.DataFrame([{**m, "methods": ",".join(m.get("methods") or [])} for m in measures])
    return tables


def _check_catalogue(indicators, measures, tables, infos) -> None:
    ids = [e["id"] for e in indicators]
    if len(ids) != len(set(ids)):
        raise IngestError("indicators", f"duplicate indicator ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    for e in indicators:
        missing = [k for k in base.INDICATOR_KEYS if k not in e]
        if missing or e["theme"] not in base.THEMES or e["source_id"] not in infos:
            raise IngestError("indicators", f"bad catalogue entry {e.get('id')}: missing {missing} or unknown theme/source")
    problems = semantics.check(indicators)
    if problems:
        raise IngestError("indicators", "declared semantics: " + "; ".join(problems))
    written = set(tables["country_year"]["indicator_id"].unique()) if "country_year" in tables else set()
    if written != set(ids):
        raise IngestError("indicators", f"catalogue and data disagree: only data {sorted(written - set(ids))}, "
                                        f"only catalogue {sorted(set(ids) - written)}")
    for m in measures:
        missing = [k for k in base.MEASURE_KEYS if k not in m]
        if missing:
            raise IngestError("measures", f"bad measure entry {m.get('id')}: missing {missing}")


def build(raw_dir: Path, out_dir: Path = DEFAULT_OUT, only: tuple[str, ...] | None = None,
          assets_dir: Path = ASSETS) -> dict:
    """Build the bundle into a temp dir and swap it into ``out_dir``. Returns the manifest."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise IngestError(raw_dir, "raw data folder not found (set RAW_DIR, or use DOWNLOAD=1)")
    infos, outputs = run_sources(raw_dir, only)
    tables = assemble(infos, outputs)
    geo = load_source(GEOGRAPHY_MODULE)
    _log(f"[{GEOGRAPHY_MODULE}] building countries, groups and shapes ...")
    used = set(tables["country_year"]["iso3"].astype(str).unique()) if "country_year" in tables else set()
    for name in [n for n in tables if n.startswith("corridors_")]:
        used |= set(tables[name]["origin"].astype(str)) | set(tables[name]["destination"].astype(str))
    geo_out = geo.ingest(raw_dir, used_codes=frozenset(used), assets_dir=assets_dir)
    infos.update({i.id: i for i in geo.SOURCES})
    for name, frame in geo_out.tables.items():
        tables[name] = frame.reset_index(drop=True)
    extra_files: dict[str, bytes] = dict(geo_out.files)
    outputs = {**outputs, GEOGRAPHY_MODULE: geo_out}

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".curated-", dir=out_dir.parent))
    try:
        outputs_meta = {}
        for name in sorted(tables):
            path = tmp / f"{name}.parquet"
            write_parquet(tables[name], path)
            outputs_meta[path.name] = {"rows": int(len(tables[name])), "sha256": sha256_file(path)}
        for fname, payload in sorted(extra_files.items()):
            (tmp / fname).write_bytes(payload)
            outputs_meta[fname] = {"rows": None, "sha256": sha256_file(tmp / fname)}
        manifest = _manifest(raw_dir, infos, outputs, tables, outputs_meta)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        _swap(tmp, out_dir)
        if out_dir.resolve() == DEFAULT_OUT.resolve():
            (out_dir.parent / "README.md").write_text(data_dictionary(manifest, tables))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _summary(manifest)
    return manifest


def _swap(tmp: Path, out_dir: Path) -> None:
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _manifest(raw_dir, infos, outputs, tables, outputs_meta) -> dict:
    content = hashlib.sha256(json.dumps({k: v["sha256"] for k, v in outputs_meta.items()}, sort_keys=True).encode())
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    sources = {}
    cy = tables.get("country_year")
    for sid, info in sorted(infos.items()):
        entry = info.as_dict()
        folder = raw_dir / info.folder
        entry["inputs"] = {f: sha256_file(folder / f) for f in info.files if (folder / f).exists()}
        rows, years = 0, None
        if cy is not None:
            part = cy[cy["source_id"] == sid]
            rows += len(part)
            if len(part):
                years = [int(part["year"].min()), int(part["year"].max())]
        for name, frame in tables.items():
            if name.startswith("corridors_"):
                part = frame[frame["source_id"] == sid]
                rows += len(part)
                if len(part):
                    lo, hi = int(part["year_start"].min()), int(part["year_end"].max())
                    years = [min(lo, years[0]), max(hi, years[1])] if years else [lo, hi]
            elif "source_id" in frame.columns and name not in ("country_year", "indicators", "measures"):
                part = frame[frame["source_id"] == sid]
                rows += len(part)
                if len(part) and "year" in part.columns and pd.api.types.is_numeric_dtype(part["year"]):
                    lo, hi = part["year"].min(), part["year"].max()
                    if pd.notna(lo):
                        years = [min(int(lo), years[0]), max(int(hi), years[1])] if years else [int(lo), int(hi)]
        entry["rows"] = rows
        entry["years"] = years
        sources[sid] = entry
    notes = {name: out.notes for name, out in outputs.items() if out.notes}
    return {
        "bundle_schema": BUNDLE_SCHEMA_VERSION,
        "bundle_version": f"{built:%Y.%m.%d}-{content.hexdigest()[:8]}",
        "content_sha256": content.hexdigest(),
        "built_at": built.isoformat(timespec="seconds"),
        "sources": sources,
        "tables": outputs_meta,
        "notes": notes,
        "aggregation": semantics.manifest_rules(),
    }


def data_dictionary(manifest: dict, tables: dict[str, pd.DataFrame]) -> str:
    """data/README.md: the bundle's tables, columns, sources and what was left out (generated by make data)."""
    lines = ["# Curated data bundle: data dictionary", "",
             "Generated by `make data` (`dashboard/ingest/build.py`); do not edit by hand.", "",
             f"Bundle version `{manifest['bundle_version']}`, built {manifest['built_at']}. Every file's sha256 is in "
             "`curated/manifest.json` and is checked when the app starts.", "",
             "Country codes are ISO 3166-1 alpha-3, plus: XKX Kosovo (UNSCR 1244), CHI Channel Islands, "
             "SCG Serbia and Montenegro (former), AB9 Abyei, ANT Netherlands Antilles (former), and the pseudo "
             "entities UNK (unknown origin), XXA (stateless), TIB (Tibetan), OOS (unidentified Sub-Saharan Africa), "
             "which count in totals but are never drawn or ranked.", "",
             "Names per language: `countries.name` is the UN short name in English; `name_bs` (Bosnian) and `name_fr` "
             "(French) are what the dashboard shows in those languages, and `name_bs_source` / `name_fr_source` say "
             "where each came from: `pycountry:bs`, `pycountry:hr`, `pycountry:sr@latin`, `pycountry:fr` (ISO 3166-1 "
             "translations shipped with pycountry), `un_m49` (UN M49 French name), `override` (a cited entry in "
             "`dashboard/ingest/names.py` or `geography.EXTRA_NAMES_FR`) or `english` (no source names it; the English "
             "name is kept). `groups.label_bs` / `label_fr` likewise, with `label_*_source` `cldr` (CLDR region names "
             "via Babel), `table` (`names.GROUP_LABELS` / `names.M49_LABELS`) or `english`. CSV and API columns stay "
             "English.", "",
             "## Sources", "", "| source | publisher | edition | licence | rows | years |", "|---|---|---|---|---|---|"]
    for sid, s in manifest["sources"].items():
        yrs = f"{s['years'][0]}-{s['years'][1]}" if s.get("years") else "-"
        lic = s["licence"] + (" (non-commercial)" if s.get("non_commercial") else "")
        lines.append(f"| `{sid}` | {s['publisher']} | {s['edition']} | {lic} | {s['rows']:,} | {yrs} |")
    if "indicators" in tables:
        lines += ["", "## Indicators (`country_year.parquet`)", "", "| id | label | unit | theme | source | years |",
                  "|---|---|---|---|---|---|"]
        for r in tables["indicators"].sort_values(["theme", "id"]).itertuples():
            lines.append(f"| `{r.id}` | {r.label} | {r.unit} | {r.theme} | `{r.source_id}` | {r.year_min}-{r.year_max} |")
        lines += ["", "### What each indicator counts and how it is combined", "",
                  "Declared in `dashboard/ingest/semantics.py`. `counts`: stock = people present at a date; flow = "
                  "people moving during the period; count = people counted during the year; events = movements, "
                  "offences or detections (not people); money; share = a ratio of two declared quantities. A group "
                  "or World value follows `aggregation`: `sum` over the members with a value; `ratio` = sum of the "
                  "numerator / sum of the denominator x scale over the members that have both; `none` = no group "
                  "value. `per` lists the population-relative views that mean something. Rows of a 5-year period "
                  "sit at the period's first year (`period_years`).", "",
                  "| id | counts | aggregation | numerator / denominator | per | complete | period | coverage in |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in tables["indicators"].sort_values(["theme", "id"]).itertuples():
            ratio = f"`{r.numerator}` / `{r.denominator}` x {r.scale:g}" if r.aggregation == "ratio" else "-"
            lines.append(f"| `{r.id}` | {r.counts} | {r.aggregation} | {ratio} | {r.per or '-'} | "
                         f"{'yes' if r.complete else 'no'} | {r.period_years} y | {r.coverage_weight} |")
        rules = manifest.get("aggregation", {})
        lines += ["", "### Aggregation rules", "",
                  f"- **Coverage.** A group or World value is shown only when the members with data hold at least "
                  f"{rules.get('coverage_min', 0):.1%} of the group's population (the World Bank's two-thirds rule "
                  "for WDI aggregates); otherwise the point is missing with a note. Weights are World Bank "
                  "population of the year (the latest earlier year where the year has none), or, where "
                  "`coverage in` names an indicator, that indicator (the victims' shares: the share of the group's "
                  "detected victims held by the countries that report both parts). Every aggregate row carries "
                  "`members_with_data`, `members_total` and `coverage_pct`.",
                  "- **Complete sources** (`complete` = yes): the publisher lists every country with something to "
                  "report, so the sum over all rows is the publisher's own total; for the World it includes the "
                  "pseudo codes (unknown origin, stateless, Tibetan), which are never drawn or ranked. The coverage "
                  "rule is not applied to them.",
                  "- **Country definitions.** A population denominator follows its numerator's country definition: "]
        for sid, mapping in sorted(rules.get("country_definitions", {}).items()):
            lines.append(f"  - `{sid}`: " + ", ".join(f"{k} = {' + '.join(v)} (World Bank)" for k, v in mapping.items()))
    if "measures" in tables:
        lines += ["", "## Corridor measures (`corridors_<measure>.parquet`)", "",
                  "| id | label | unit | methods | source |", "|---|---|---|---|---|"]
        for r in tables["measures"].itertuples():
            lines.append(f"| `{r.id}` | {r.label} | {r.unit} | {r.methods or '-'} | `{r.source_id}` |")
    lines += ["", "## Tables", ""]
    for name in sorted(tables):
        t = tables[name]
        cols = ", ".join(f"`{c}` ({t[c].dtype})" for c in t.columns)
        lines.append(f"- **{name}.parquet** ({len(t):,} rows): {cols}")
    lines += ["", "## Processing notes", ""]
    for module, notes in manifest["notes"].items():
        for n in notes:
            lines.append(f"- {module}: {n}")
    lines += ["", "## Staged files not ingested", ""]
    lines += [f"- `{path}`: {why}" for path, why in LEFT_OUT.items()]
    return "\n".join(lines) + "\n"


def _summary(manifest: dict) -> None:
    _log("")
    _log(f"bundle {manifest['bundle_version']}  ({len(manifest['tables'])} files)")
    _log(f"{'source':<22} {'rows':>10}  {'years':<11} licence")
    for sid, s in manifest["sources"].items():
        yrs = f"{s['years'][0]}-{s['years'][1]}" if s["years"] else "-"
        _log(f"{sid:<22} {s['rows']:>10,}  {yrs:<11} {s['licence']}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default $RAW_DIR or ../shared/data/raw)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--download", action="store_true", help="download the raw files from the publishers first")
    p.add_argument("--only", nargs="*", help="build only these source modules (testing)")
    args = p.parse_args(argv)
    raw = args.raw_dir or raw_dir_from_env()
    try:
        if args.download:
            raw = download_all(raw)
        build(raw, args.out, tuple(args.only) if args.only else None)
    except IngestError as exc:
        _log(f"\nmake data failed: {exc}\nThe previous bundle in {args.out} was left untouched.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
