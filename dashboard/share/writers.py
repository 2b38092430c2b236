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

from .. import data_i18n, numbers
from ..i18n import t

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


def readme_text(meta: dict, lang: str = "en") -> str:
    """The zip's README.md in ``lang`` (its column names, metadata.json and data.csv stay English and stable)."""
    lines = [f"# {meta['title']}", "", meta["summary"], "", meta["subtitle"], ""]
    if meta["non_commercial"]:
        lines += [f"**{meta['licence_notice']}**", ""]
    lines += [
        "## " + t("readme.contents", lang), "",
        "- " + t("readme.data", lang, rows=numbers.whole(meta["rows"], lang)),
        "- " + t("readme.metadata", lang),
        "- " + t("readme.cff", lang), "",
        t("readme.made_from", lang, view=meta["view"], query=meta["query"] or t("readme.defaults", lang),
          version=meta["bundle_version"], when=meta["downloaded_at"]),
        t("readme.open", lang, url=meta["permalink"]), "",
        "## " + t("readme.columns", lang), "",
        t("readme.columns_text", lang) + " " + meta["formula_neutralisation"], "",
    ]
    for word, records in ((t("readme.indicator", lang), meta["indicators"]), (t("readme.measure", lang), meta["measures"])):
        for r in records:  # the ids stay as in the files; the words are in the README's language
            r = data_i18n.localise(r, lang)
            lines += [f"- {word} `{r['id']}`: {r.get('label')} ({r.get('unit')}). "
                      f"{r.get('description') or ''}"]
    lines += ["", "## " + t("readme.sources", lang), ""]
    for s in meta["sources"]:
        lines += [f"### {s['publisher']}: {s['title']}", "",
                  "- " + t("cite.edition", lang, edition=s["edition"]),
                  "- " + t("cite.licence", lang) + f" {s['licence']}"
                  + (" — **" + t("readme.nc", lang) + "**" if s["non_commercial"] else ""),
                  "- " + t("readme.url", lang, url=s.get("url") or "-")]
        if s.get("citation"):
            lines.append("- " + t("readme.cite_as", lang, citation=s["citation"]))
        for c in s.get("caveats") or []:
            lines.append("- " + t("readme.caveat", lang, text=data_i18n.text(c, lang)))
        for p in s.get("processing") or []:
            lines.append("- " + t("readme.processing", lang, text=data_i18n.text(p, lang)))
        lines.append("")
    return "\n".join(lines) + "\n"


def zip_bytes(df: pd.DataFrame, meta: dict, cff: str, readme: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("data.csv", "w") as fh:
            for chunk in csv_chunks(df):
                fh.write(chunk.encode("utf-8"))
        zf.writestr("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2, default=str))
        zf.writestr("README.md", readme if readme is not None else readme_text(meta))
        zf.writestr("CITATION.cff", cff)
    return buf.getvalue()
