"""The rows a download carries: exactly what a chart shows, with the export conventions added.

``export_frame`` takes the rows from ``views.data`` (the function the chart is drawn from), so a download is the
chart's numbers, unrounded, plus M49 codes, edition and a non-commercial marker, with text cells a spreadsheet
would run as a formula neutralised. ``metadata`` describes them (definitions, units, sources, licences, query,
versions). ``full_frames`` is the whole indicator, corridor measure or table behind a chart, in bounded chunks.
Pure of Flask: the HTTP side is ``share/routes.py``; the byte formats are ``share/writers.py``.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from .. import store, views
from ..store import QueryError
from .writers import csv_chunks, neutralise

CODE_COLUMNS = (("iso3", "m49"), ("origin", "origin_m49"), ("destination", "destination_m49"))
NON_COMMERCIAL_NOTE = ("NON-COMMERCIAL LICENCE: some of these data are licensed for non-commercial use only "
                       "({sources}). Check the licence before any commercial use.")


# ------------------------------------------------------------------ the export frame

def _countries_m49() -> dict[str, int]:
    c = store.bundle().table("countries")
    m = c.dropna(subset=["m49"])
    return {str(k): int(v) for k, v in zip(m["iso3"], m["m49"])}


def export_frame(view_id: str, state: dict) -> pd.DataFrame:
    """The rows the chart shows, with M49 codes, edition and a non-commercial marker added, neutralised."""
    rows = views.data(view_id, state)
    return decorate(rows, views.source_ids(view_id, state, rows))


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
    for sid in views.source_ids(view_id, state, df):
        s = store.source_meta(sid)
        sources.append({"id": sid, **{k: s.get(k) for k in ("publisher", "title", "edition", "url", "licence",
                                                                "licence_url", "citation", "processing", "caveats")},
                        "non_commercial": bool(s.get("non_commercial"))})
    nc = [s["id"] for s in sources if s["non_commercial"]]
    units = sorted({str(u) for u in df["unit"].dropna()}) if "unit" in df.columns else []
    return {
        "title": rendered["title"], "subtitle": rendered["subtitle"], "summary": rendered["summary"],
        "source_line": rendered.get("source_full") or rendered["source"],
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


