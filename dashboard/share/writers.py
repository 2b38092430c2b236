"""Byte formats of a download: CSV (streamed in chunks), XLSX, and the zip bundle (data, metadata, README,
CITATION.cff). Pure: frames and metadata in, bytes out; used by the downloads and the API alike."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

CHUNK_ROWS = 20_000
XLSX_ROW_CAP = 200_000  # openpyxl writes ~20k rows/s; beyond this the CSV/zip is the right tool
FORMULA_START = re.compile(r"^[=+\-@\t\r]")


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
