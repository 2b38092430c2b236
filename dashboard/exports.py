"""Downloads of exactly what a chart shows: CSV, XLSX and a zip bundle (data, metadata, README, CITATION.cff).

Generic over the chart registry: ``/download/<view>.<fmt>?<the page's query>`` parses the query with
``views.parse`` and takes the rows from ``views.data`` — the same function the chart is drawn from — so
a download is the chart's numbers, unrounded. The export adds provenance columns (M49 codes, edition,
non-commercial marker) and neutralises text cells that a spreadsheet would run as a formula.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from . import store, views
from .store import QueryError
from .urls import public_base

downloads = Blueprint("downloads", __name__)

FORMATS = ("csv", "xlsx", "zip")
CHUNK_ROWS = 20_000
XLSX_ROW_CAP = 200_000  # openpyxl writes ~20k rows/s; beyond this the CSV/zip is the right tool
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
CODE_COLUMNS = (("iso3", "m49"), ("origin", "origin_m49"), ("destination", "destination_m49"))
NON_COMMERCIAL_NOTE = ("NON-COMMERCIAL LICENCE: some of these data are licensed for non-commercial use only "
                       "({sources}). Check the licence before any commercial use.")


# ------------------------------------------------------------------ the export frame

def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells starting with = + - @ tab or CR with an apostrophe (OWASP CSV injection advice).

    Only text columns are touched: numbers stay numbers, so a negative net migration is still -1234.
    Columns are checked on their distinct values (corridor extracts repeat the same few strings).
    """
    out = df.copy(deep=False)
    for col in out.columns:
        s = out[col]
        if not (pd.api.types.is_object_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype)
                or isinstance(s.dtype, pd.CategoricalDtype)):
            continue
        uniq = s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype) else pd.unique(s.dropna())
        bad = {u for u in uniq if isinstance(u, str) and FORMULA_START.match(u)}
        if not bad:
            continue
        s = s.astype("object")
        out[col] = s.where(~s.isin(bad), "'" + s.astype("string")).astype("object")
    return out


def _countries_m49() -> dict[str, int]:
    c = store.bundle().table("countries")
    m = c.dropna(subset=["m49"])
    return {str(k): int(v) for k, v in zip(m["iso3"], m["m49"])}


def source_ids(view_id: str, state: dict, rows: pd.DataFrame | None = None) -> list[str]:
    """Source ids behind the chart: the view's own list, plus any ``source_id`` column in the rows."""
    ids = list(views.get(view_id).sources(state) or [])
    if rows is not None and "source_id" in rows.columns:
        ids += [str(s) for s in pd.unique(rows["source_id"].dropna())]
    return list(dict.fromkeys(ids))


def export_frame(view_id: str, state: dict) -> pd.DataFrame:
    """The rows the chart shows, with M49 codes, edition and a non-commercial marker added, neutralised."""
    rows = views.data(view_id, state)
    return decorate(rows, source_ids(view_id, state, rows))


def decorate(rows: pd.DataFrame, sids: list[str], m49: dict[str, int] | None = None,
             code_columns=CODE_COLUMNS) -> pd.DataFrame:
    """Export conventions on any rows: M49 next to each code column, edition, non-commercial marker, neutralised."""
    df = rows.copy(deep=False)
    m49 = _countries_m49() if m49 is None else m49
    for code_col, m49_col in code_columns:
        if code_col in df.columns and m49_col not in df.columns:
            codes = df[code_col].astype("string")
            df.insert(df.columns.get_loc(code_col) + 1, m49_col,
                      pd.array(codes.map(m49).tolist(), dtype="Int64"))
    metas = {s: store.source_meta(s) for s in sids}
    if "source_id" in df.columns:
        sid = df["source_id"].astype("string")
        if "edition" not in df.columns:
            df["edition"] = sid.map({s: m.get("edition", "") for s, m in metas.items()}).astype("object")
        nc = sid.map({s: bool(m.get("non_commercial")) for s, m in metas.items()}).fillna(False).astype(bool)
    else:
        if "edition" not in df.columns:
            df["edition"] = "; ".join(m.get("edition", "") for m in metas.values() if m.get("edition"))
        nc = pd.Series(any(m.get("non_commercial") for m in metas.values()), index=df.index, dtype=bool)
    if "non_commercial" not in df.columns:
        df["non_commercial"] = nc.to_numpy()
    return neutralise(df)


def _jsonable(v):
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


def metadata(view_id: str, state: dict, df: pd.DataFrame, permalink: str, now: datetime | None = None) -> dict:
    """Everything a researcher needs to reuse the rows: definitions, units, sources, licences, query, versions."""
    now = now or datetime.now(timezone.utc)
    view = views.get(view_id)
    rendered = views.render(view_id, state)
    b = store.bundle()
    indicators = []
    if "indicator" in df.columns:
        for iid in pd.unique(df["indicator"].dropna()):
            try:
                indicators.append(store.indicator_meta(str(iid)))
            except QueryError:
                continue
    measures = []
    if "measure" in df.columns:
        for mid in pd.unique(df["measure"].dropna()):
            try:
                measures.append(store.measure_meta(str(mid)))
            except QueryError:
                continue
    sources = []
    for sid in source_ids(view_id, state, df):
        s = store.source_meta(sid)
        sources.append({"id": sid, **{k: s.get(k) for k in ("publisher", "title", "edition", "url", "licence",
                                                                "licence_url", "citation", "processing", "caveats")},
                        "non_commercial": bool(s.get("non_commercial"))})
    nc = [s["id"] for s in sources if s["non_commercial"]]
    units = sorted({str(u) for u in df["unit"].dropna()}) if "unit" in df.columns else []
    return {
        "title": rendered["title"], "subtitle": rendered["subtitle"], "summary": rendered["summary"],
        "source_line": rendered["source"],
        "view": view_id, "view_description": view.description,
        "query": views.query(view_id, state), "state": {k: _jsonable(v) for k, v in state.items()},
        "permalink": permalink,
        "bundle_version": b.version, "bundle_built_at": b.manifest.get("built_at"),
        "downloaded_at": now.isoformat(timespec="seconds"),
        "rows": int(len(df)), "columns": list(df.columns), "units": units,
        "indicators": indicators, "measures": measures, "sources": sources,
        "non_commercial": bool(nc),
        "licence_notice": NON_COMMERCIAL_NOTE.format(sources=", ".join(nc)) if nc else
        "All sources allow reuse with attribution; see each source's licence.",
        "formula_neutralisation": "Text cells starting with = + - @ tab or CR are prefixed with an apostrophe.",
    }


# ------------------------------------------------------------------ writers

def csv_chunks(df: pd.DataFrame, chunk_rows: int = CHUNK_ROWS, header: bool = True, encoded: bool = False):
    """UTF-8 CSV in chunks (header once, no index, missing = empty cell).

    Arrow's CSV writer does the quoting (RFC 4180; every text cell quoted) about ten times faster than
    pandas on 100k-row corridor extracts; a frame Arrow cannot type (mixed objects) falls back to pandas.
    """
    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError):
        table = None
    for start in range(0, max(len(df), 1), chunk_rows):
        if table is not None:
            buf = io.BytesIO()
            pacsv.write_csv(table.slice(start, chunk_rows), buf,
                            pacsv.WriteOptions(include_header=header and start == 0, quoting_style="needed"))
            yield buf.getvalue() if encoded else buf.getvalue().decode("utf-8")
        else:
            buf = io.StringIO()
            df.iloc[start:start + chunk_rows].to_csv(buf, index=False, header=header and start == 0,
                                                     lineterminator="\n")
            yield buf.getvalue().encode("utf-8") if encoded else buf.getvalue()


def csv_text(df: pd.DataFrame) -> str:
    return "".join(csv_chunks(df))


def xlsx_bytes(df: pd.DataFrame, meta: dict) -> bytes:
    """A workbook with a 'data' sheet (the CSV's rows) and a 'metadata' sheet (key/value, then sources)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, sheet_name="data", index=False)
        kv = [(k, meta[k]) for k in ("title", "subtitle", "source_line", "licence_notice", "view", "query",
                                     "permalink", "bundle_version", "downloaded_at", "rows",
                                     "formula_neutralisation")]
        kv.append(("units", "; ".join(meta["units"])))
        for ind in meta["indicators"]:
            kv.append((f"indicator {ind['id']}", f"{ind.get('label')} ({ind.get('unit')}): {ind.get('description')}"))
        for m in meta["measures"]:
            kv.append((f"measure {m['id']}", f"{m.get('label')} ({m.get('unit')}): {m.get('description')}"))
        for s in meta["sources"]:
            nc = " NON-COMMERCIAL USE ONLY." if s["non_commercial"] else ""
            kv.append((f"source {s['id']}", f"{s['publisher']}, {s['title']} ({s['edition']}). Licence: "
                                            f"{s['licence']}.{nc} {s.get('url') or ''}"))
            if s.get("citation"):
                kv.append((f"cite {s['id']}", s["citation"]))
        mdf = neutralise(pd.DataFrame([(k, str(v)) for k, v in kv], columns=["field", "value"]))
        mdf.to_excel(xw, sheet_name="metadata", index=False)
    return buf.getvalue()


def readme_text(meta: dict) -> str:
    lines = [f"# {meta['title']}", "", meta["summary"], "", meta["subtitle"], ""]
    if meta["non_commercial"]:
        lines += [f"**{meta['licence_notice']}**", ""]
    lines += [
        "## What is in this bundle", "",
        f"- `data.csv`: {meta['rows']:,} rows, exactly the numbers the chart shows (unrounded), UTF-8, one header row.",
        "- `metadata.json`: definitions, units, sources, editions, licences, the query, bundle version and "
        "download time.",
        "- `CITATION.cff`: how to cite this extract (cite the original sources too).", "",
        f"Made from the dashboard view `{meta['view']}` with the query `{meta['query'] or '(defaults)'}` "
        f"on data bundle {meta['bundle_version']}, downloaded {meta['downloaded_at']}.",
        f"Open the same view: {meta['permalink']}", "",
        "## Columns", "",
        "`value` is the published figure in `unit`. An empty `value` means no data (never zero). "
        "`flag` marks special values (e.g. suppressed small counts, estimates, projections, breaks in series). "
        "`m49` is the UN M49 numeric code. `non_commercial` is true where the row's source forbids commercial use. "
        + meta["formula_neutralisation"], "",
    ]
    for ind in meta["indicators"]:
        lines += [f"- indicator `{ind['id']}`: {ind.get('label')} ({ind.get('unit')}). {ind.get('description') or ''}"]
    for m in meta["measures"]:
        lines += [f"- measure `{m['id']}`: {m.get('label')} ({m.get('unit')}). {m.get('description') or ''}"]
    lines += ["", "## Sources and caveats", ""]
    for s in meta["sources"]:
        lines += [f"### {s['publisher']}: {s['title']}", "",
                  f"- Edition: {s['edition']}", f"- Licence: {s['licence']}"
                  + (" — **non-commercial use only**" if s["non_commercial"] else ""),
                  f"- URL: {s.get('url') or '-'}"]
        if s.get("citation"):
            lines.append(f"- Cite as: {s['citation']}")
        for c in s.get("caveats") or []:
            lines.append(f"- Caveat: {c}")
        for p in s.get("processing") or []:
            lines.append(f"- Processing: {p}")
        lines.append("")
    return "\n".join(lines) + "\n"


def zip_bytes(df: pd.DataFrame, meta: dict, cff: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("data.csv", "w") as fh:
            for chunk in csv_chunks(df):
                fh.write(chunk.encode("utf-8"))
        zf.writestr("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2, default=str))
        zf.writestr("README.md", readme_text(meta))
        zf.writestr("CITATION.cff", cff)
    return buf.getvalue()


# ------------------------------------------------------------------ full indicator / measure / table

FULL_CHUNK_ROWS = 50_000
NAME_COLUMNS = (("iso3", "country"), ("origin", "origin_name"), ("destination", "destination_name"),
                ("asylum", "asylum_name"))
FULL_CODE_COLUMNS = CODE_COLUMNS + (("asylum", "asylum_m49"),)


def full_spec(view_id: str, state: dict) -> views.Full:
    """What the chart's full download is (the view's ``full``); a view without one is a QueryError (400)."""
    view = views.get(view_id)
    spec = view.full(state) if view.full else None
    if spec is None:
        with_full = sorted(v for v, cv in views.REGISTRY.items() if cv.full)
        raise QueryError("view", f"Chart {view_id!r} has no full-dataset download.", with_full)
    return spec


def _table_name(spec: views.Full, part: str) -> str:
    if spec.kind == "measure":
        store.measure_meta(part)  # unknown measure -> QueryError
        return f"corridors_{part}"
    return part


def full_count(spec: views.Full) -> int:
    """Rows of the full download, without loading anything big (tables: from the manifest)."""
    if spec.kind == "indicator":
        return sum(int(len(store.indicator_values(i))) for i in spec.members)
    tables = store.bundle().manifest["tables"]
    n = 0
    for part in spec.members:
        fname = f"{_table_name(spec, part)}.parquet"
        if fname not in tables:
            raise QueryError("view", f"Table {part!r} is not in the data bundle.", [])
        n += int(tables[fname]["rows"])
    return n


def full_source_ids(spec: views.Full) -> list[str]:
    ids: list[str] = []
    for part in spec.members:
        if spec.kind == "indicator":
            ids.append(store.indicator_meta(part)["source_id"])
        elif spec.kind == "measure":
            ids.append(store.measure_meta(part)["source_id"])
        else:
            df = store.bundle().table(part)
            if "source_id" in df.columns:
                ids += [str(s) for s in pd.unique(df["source_id"].dropna())]
    return list(dict.fromkeys(ids))


def _codes(s: pd.Series) -> tuple[np.ndarray, list]:
    """Integer codes (-1 = missing) and the distinct values of a column: categories are used as they are."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy(), list(s.cat.categories)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    return codes, list(uniques)


def _lookup(s: pd.Series, mapping: dict) -> pd.Categorical:
    """``s.map(mapping)`` computed once per distinct value (a 1.7M-row table has a few hundred codes)."""
    codes, cats = _codes(s)
    mapped = [mapping.get(str(c)) for c in cats]
    uniq = list(dict.fromkeys(m for m in mapped if m is not None))
    pos = {u: i for i, u in enumerate(uniq)}
    lut = np.array([pos[m] if m is not None else -1 for m in mapped] + [-1], dtype="int64")
    return pd.Categorical.from_codes(lut[codes], categories=pd.Index(uniq, dtype="object"))


def _lookup_int(s: pd.Series, mapping: dict) -> pd.arrays.IntegerArray:
    codes, cats = _codes(s)
    vals = [mapping.get(str(c)) for c in cats] + [None]
    lut = np.array([0 if v is None else int(v) for v in vals], dtype="int64")
    mask = np.array([v is None for v in vals], dtype=bool)
    return pd.arrays.IntegerArray(lut[codes], mask[codes])


def _lookup_bool(s: pd.Series, mapping: dict) -> np.ndarray:
    codes, cats = _codes(s)
    return np.array([bool(mapping.get(str(c))) for c in cats] + [False], dtype=bool)[codes]


def _provenance_columns(out: pd.DataFrame, sid: pd.Series, metas: dict, source: bool = True) -> None:
    """source, licence (if asked and missing), edition and non_commercial from each row's source id."""
    if source and "source" not in out.columns:
        out["source"] = _lookup(sid, {k: f"{m.get('publisher', '')}: {m.get('title', '')}" for k, m in metas.items()})
    if source and "licence" not in out.columns:
        out["licence"] = _lookup(sid, {k: m.get("licence", "") for k, m in metas.items()})
    if "edition" not in out.columns:
        out["edition"] = _lookup(sid, {k: m.get("edition", "") for k, m in metas.items()})
    if "non_commercial" not in out.columns:
        out["non_commercial"] = _lookup_bool(sid, {k: m.get("non_commercial") for k, m in metas.items()})


def _corridor_chunk(part: pd.DataFrame, names: dict, m49: dict, metas: dict) -> pd.DataFrame:
    """Raw corridor rows -> the columns of ``store.corridors`` (+ M49, source id, edition, non-commercial),
    for any method and sex. Built on category codes: a 50,000-row slice costs milliseconds."""
    ys, ye = part["year_start"].to_numpy("int64"), part["year_end"].to_numpy("int64")
    keys, inv = np.unique(ys * 10_000 + ye, return_inverse=True)
    labels = [str(k // 10_000) if k // 10_000 == k % 10_000 else f"{k // 10_000}-{k % 10_000}" for k in keys]
    out = pd.DataFrame({
        "origin": part["origin"].array, "origin_m49": _lookup_int(part["origin"], m49),
        "origin_name": _lookup(part["origin"], names),
        "destination": part["destination"].array, "destination_m49": _lookup_int(part["destination"], m49),
        "destination_name": _lookup(part["destination"], names),
        "period": pd.Categorical.from_codes(inv.reshape(-1), categories=labels), "year_start": ys, "year_end": ye,
        "sex": part["sex"].array, "value": part["value"].to_numpy("float64"),
        "measure": part["measure"].array, "method": part["method"].array,
    })
    _provenance_columns(out, part["source_id"], metas)
    out["source_id"] = part["source_id"].array
    out.insert(out.columns.get_loc("licence") + 1, "edition", out.pop("edition"))
    return out


def _table_chunk(part: pd.DataFrame, names: dict, m49: dict, metas: dict) -> pd.DataFrame:
    """A curated table's rows as stored, plus M49 codes and names next to country codes, source, licence,
    edition and non-commercial marker."""
    out = part.copy(deep=False)
    for code_col, name_col in NAME_COLUMNS:
        if code_col in out.columns:
            m49_col = dict(FULL_CODE_COLUMNS)[code_col]
            pos = out.columns.get_loc(code_col) + 1
            if name_col not in out.columns:
                out.insert(pos, name_col, _lookup(out[code_col], names))
            if m49_col not in out.columns:
                out.insert(pos, m49_col, _lookup_int(out[code_col], m49))
    if "source_id" in out.columns:
        _provenance_columns(out, out["source_id"], metas)
    return out


def full_frames(spec: views.Full, chunk_rows: int = FULL_CHUNK_ROWS):
    """The full download as export-convention frames of at most ``chunk_rows`` rows, all with the same columns.

    Slices of the in-memory bundle table are converted one at a time, so a 1.7M-row corridor measure never
    exists as one export frame or one string. Several tables behind one chart are stacked under the union
    of their columns, with a ``table`` column naming each row's table.
    """
    sids = full_source_ids(spec)
    m49 = _countries_m49()
    if spec.kind == "indicator":
        for ind in spec.members:
            df = store.indicator_values(ind)
            for start in range(0, len(df), chunk_rows):
                yield decorate(df.iloc[start:start + chunk_rows], sids, m49)
        return
    names = store.country_names()
    metas = {s: store.source_meta(s) for s in sids}
    convert = _corridor_chunk if spec.kind == "measure" else _table_chunk
    tables = {p: store.bundle().table(_table_name(spec, p)) for p in spec.members}
    several = len(tables) > 1

    def chunk(part, name):
        out = decorate(convert(part, names, m49, metas), sids, m49, FULL_CODE_COLUMNS)  # neutralises
        return out.assign(table=name) if several else out

    columns: list[str] = []
    for name, table in tables.items():  # the column set, from an empty slice of each table
        columns += [c for c in chunk(table.iloc[0:0], name).columns if c not in columns]
    for name, table in tables.items():
        for start in range(0, len(table), chunk_rows):
            yield chunk(table.iloc[start:start + chunk_rows], name).reindex(columns=columns)


def full_csv_chunks(spec: views.Full, chunk_rows: int = FULL_CHUNK_ROWS):
    """UTF-8 CSV bytes of the full download, one header row, streamed chunk by chunk."""
    first = True
    for frame in full_frames(spec, chunk_rows):
        yield from csv_chunks(frame, chunk_rows, header=first, encoded=True)
        first = False
    if first:  # an indicator without rows: an empty file
        yield b""


def full_filename(spec: views.Full) -> str:
    return f"{spec.kind}_{re.sub(r'[^A-Za-z0-9]+', '_', spec.id)}_full"


# ------------------------------------------------------------------ HTTP

@downloads.errorhandler(QueryError)
def _bad_query(exc: QueryError):
    return jsonify(exc.as_dict()), 400


def full_query(view_id: str, state: dict) -> str:
    """The view's query with every parameter written out (defaults too), so it does not drift."""
    from .state import serialize

    return serialize(views.get(view_id).params, state, full=True)


def permalink_for(view_id: str, state: dict) -> str:
    """Absolute dashboard URL of the view: its page + the full query (pinned, e.g. the year is explicit)."""
    from .embed import dashboard_path  # the country/corridor pages carry their key in the path

    return public_base() + dashboard_path(view_id, state, full=True)


def parse_request(view_id: str) -> tuple[dict, list[str]]:
    """Parse the page query for a view; unknown views are a 400 (QueryError)."""
    views.get(view_id)
    return views.parse(view_id, request.args)


def _filename(view_id: str, state: dict) -> str:
    q = views.query(view_id, state).lstrip("?")
    q = re.sub(r"(^|&)v=\d+", "", q)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", q).strip("_")[:80]
    return f"{view_id}_{slug}" if slug else view_id


def _cap(n: int, fmt: str) -> None:
    cap = current_app.config.get("API_ROW_CAP", 500_000)
    if fmt == "xlsx":
        cap = min(cap, XLSX_ROW_CAP)
    if n > cap:
        raise QueryError("rows", f"This selection has {n:,} rows, more than the {cap:,} allowed per {fmt.upper()} "
                                 f"download. Narrow the selection, use CSV, or take the full dataset (not capped, "
                                 f"streamed) from the chart's full-download link (/download/full/<chart>.csv), "
                                 f"/data or the API (/api/v1/catalog).", [])


@downloads.route("/download/<view_id>.<fmt>")
def download(view_id: str, fmt: str):
    if fmt not in FORMATS:
        raise QueryError("format", f"Unknown download format {fmt!r}: use .csv, .xlsx or .zip.", list(FORMATS))
    state, notices = parse_request(view_id)
    df = export_frame(view_id, state)
    _cap(len(df), fmt)
    version = store.bundle().version
    name = _filename(view_id, state)
    headers = {"X-Bundle-Version": version, "X-Row-Count": str(len(df)),
               "Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if notices:
        headers["X-Notice"] = " ".join(notices).encode("ascii", "replace").decode()[:500]
    nc = [s for s in source_ids(view_id, state, df) if store.source_meta(s).get("non_commercial")]
    if nc:
        headers["X-Licence-Notice"] = NON_COMMERCIAL_NOTE.format(sources=", ".join(nc))
    if fmt == "csv":
        return Response(stream_with_context(csv_chunks(df)), content_type="text/csv; charset=utf-8", headers=headers)
    meta = metadata(view_id, state, df, permalink_for(view_id, state))
    if fmt == "xlsx":
        return Response(xlsx_bytes(df, meta), headers=headers,
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    from .citation import citation_cff

    return Response(zip_bytes(df, meta, citation_cff(view_id, state, meta)), mimetype="application/zip",
                    headers=headers)


@downloads.route("/download/full/<view_id>.<fmt>")
def download_full(view_id: str, fmt: str):
    """The whole indicator/measure/table behind a chart, all countries and years, as CSV.

    The escape hatch from ``API_ROW_CAP``: never capped, always streamed in chunks (flat memory)."""
    if fmt != "csv":
        raise QueryError("format", f"Full downloads are CSV only, not {fmt!r}.", ["csv"])
    state, _ = parse_request(view_id)
    spec = full_spec(view_id, state)
    n = full_count(spec)
    headers = {"X-Bundle-Version": store.bundle().version, "X-Row-Count": str(n),
               "Content-Disposition": f'attachment; filename="{full_filename(spec)}.csv"'}
    nc = [s for s in full_source_ids(spec) if store.source_meta(s).get("non_commercial")]
    if nc:
        headers["X-Licence-Notice"] = NON_COMMERCIAL_NOTE.format(sources=", ".join(nc))
    return Response(stream_with_context(full_csv_chunks(spec)), content_type="text/csv; charset=utf-8", headers=headers)


@downloads.route("/download/full/<view_id>")
def download_full_no_format(view_id: str):
    raise QueryError("format", "Add the format to the full-download URL: .csv", ["csv"])


@downloads.route("/download/<view_id>")
def download_no_format(view_id: str):
    raise QueryError("format", "Add a format to the download URL: .csv, .xlsx or .zip.", list(FORMATS))
