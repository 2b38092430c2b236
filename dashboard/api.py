"""HTTP API v1 (a stable contract for researchers and other pages) and /healthz.

Bad input answers 400 with JSON naming the parameter and listing valid values; never a 500.
CSV responses stream in chunks from the downloads' writer (share/writers.py: Arrow does the quoting).
"""
from __future__ import annotations

import json
import math
import re

import pandas as pd
from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from . import aggregate, store
from .openapi import document
from .queries import missing as mq
from .share.writers import csv_chunks
from .store import QueryError

api = Blueprint("api", __name__)
CHUNK_ROWS = 20_000
FORMATS = ("csv", "json")


@api.errorhandler(QueryError)
def _bad_query(exc: QueryError):
    return jsonify(exc.as_dict()), 400


def healthz():
    """Liveness (cheap, never rate limited: registered on the server by the factory, outside the API's limits)."""
    b = store.bundle()
    return jsonify({"status": "ok", "bundle_version": b.version,
                    "sources": sorted(b.manifest["sources"].keys())})


@api.route("/api/v1/openapi.json")
def openapi():
    return jsonify(document())


@api.route("/api/v1/catalog")
def catalog():
    return jsonify(store.catalog())


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError("format", f"Unknown format {fmt!r}: use .csv or .json.", list(FORMATS))
    return fmt


def _only_params(allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise QueryError(unknown[0], f"Unknown query parameter {unknown[0]!r}.", list(allowed))


def _cap(df_or_rows) -> None:
    """Refuse a selection over the row cap (given its rows, or a count made before any frame is built)."""
    n = df_or_rows if isinstance(df_or_rows, int) else len(df_or_rows)
    cap = current_app.config.get("API_ROW_CAP", 500_000)
    if n > cap:
        raise QueryError("rows", f"The selection has {n:,} rows, more than the {cap:,} allowed per request. "
                                 f"Narrow it (countries, years, top) or download the full dataset from /data.", [])


@api.route("/api/v1/indicators/<indicator_id>.<fmt>")
def indicator(indicator_id: str, fmt: str):
    fmt = _format(fmt)
    _only_params(("countries", "years", "per", "sex"))
    store.indicator_meta(indicator_id)
    countries = store.resolve_countries(request.args.get("countries"))
    years = store.parse_years(request.args.get("years"))
    per = request.args.get("per") or None
    sex = request.args.get("sex") or "total"
    if sex not in ("total", "female", "male"):
        raise QueryError("sex", f"Unknown sex {sex!r}.", ["total", "female", "male"])
    df = store.indicator_values(indicator_id, countries, years, per, sex)
    _cap(df)
    return _respond(df, fmt, download_name(indicator_id, request.args.get("countries"), years, per, sex))


def download_name(indicator_id: str, countries: str | None, years: tuple[int, int] | None, per: str | None = None,
                  sex: str = "total") -> str:
    """A file name that says what the file holds: 'migrant_stock_WB6_2000-2024', 'refugees_hosted_BIH-SRB_2022',
    'migrant_stock_12-countries_capita1000'. Only characters safe in every file system."""
    parts = [indicator_id]
    codes = [c.strip().upper() for c in (countries or "").split(",") if c.strip()]
    if codes:
        parts.append("-".join(codes) if len(codes) <= 3 else f"{len(codes)}-countries")
    if years:
        parts.append(str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}")
    if per:
        parts.append(per)
    if sex and sex != "total":
        parts.append(sex)
    return re.sub(r"[^A-Za-z0-9_.-]+", "", "_".join(parts))


@api.route("/api/v1/corridors.<fmt>")
def corridors(fmt: str):
    fmt = _format(fmt)
    _only_params(("measure", "origin", "destination", "years", "method", "top", "sex"))
    measure = request.args.get("measure") or "stock"
    top = request.args.get("top")
    if top is not None:
        # ASCII digits only: '²'.isdigit() is True but int('²') fails
        if not (top.isascii() and top.isdigit()) or not 1 <= int(top) <= 1000:
            raise QueryError("top", f"Bad top {top!r}: a whole number from 1 to 1000.", ["10", "50"])
        top = int(top)
    selection = dict(
        origin=store.resolve_countries(request.args.get("origin"), "origin"),
        destination=store.resolve_countries(request.args.get("destination"), "destination"),
        years=store.parse_years(request.args.get("years")),
        method=request.args.get("method") or None,
        sex=request.args.get("sex") or "total",
        top=top,
    )
    _cap(store.corridor_rows(measure, **selection))  # counted on a mask: an over-cap query builds nothing
    df = store.corridors(measure, **selection)
    return _respond(df, fmt, f"corridors_{measure}")


@api.route("/api/v1/missing-migrants/route-families.<fmt>")
def missing_route_families(fmt: str):
    """Dead and missing per route family and year (Mediterranean = Central + Western + Eastern), one IOM file."""
    fmt = _format(fmt)
    _only_params(("dataset",))
    dataset = request.args.get("dataset") or "global"
    if dataset not in mq.DATASETS:
        raise QueryError("dataset", f"Unknown dataset {dataset!r}.", list(mq.DATASETS))
    return _respond(mq.family_totals(dataset), fmt, f"missing_migrants_route_families_{dataset}")


@api.route("/api/v1/aggregates/<indicator_id>.<fmt>")
def aggregates(indicator_id: str, fmt: str):
    """Group and World values by the indicator's declared rule, with coverage (the explorer's group line)."""
    fmt = _format(fmt)
    _only_params(("groups", "years", "per"))
    store.indicator_meta(indicator_id)
    groups = [g.strip() for g in (request.args.get("groups") or "WLD").split(",") if g.strip()]
    known = set(store.group_ids())
    for g in groups:
        if g not in known:
            raise QueryError("groups", f"Unknown group {g!r}.", sorted(known))
    if len(groups) > 50:
        raise QueryError("groups", "At most 50 groups per request.", [])
    years = store.parse_years(request.args.get("years"))
    per = request.args.get("per") or None
    if per:
        store.check_per(indicator_id, per)
    frames = []
    for g in groups:
        part = aggregate.aggregate(indicator_id, g, per)
        if years is not None:
            part = part[(part["year"] >= years[0]) & (part["year"] <= years[1])]
        frames.append(part.assign(group=g, indicator=indicator_id))
    cols = ["group", "indicator", *aggregate.COLUMNS]
    df = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    df["rule"] = store.indicator_meta(indicator_id).get("aggregation")
    return _respond(df, fmt, f"{indicator_id}_aggregates")


def _respond(df: pd.DataFrame, fmt: str, name: str) -> Response:
    version = store.bundle().version
    headers = {"X-Bundle-Version": version, "X-Row-Count": str(len(df))}
    if fmt == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return Response(stream_with_context(csv_chunks(df, CHUNK_ROWS)), content_type="text/csv; charset=utf-8", headers=headers)
    return Response(stream_with_context(_json_chunks(df, version)), mimetype="application/json", headers=headers)


def _json_value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _json_chunks(df: pd.DataFrame, version: str):
    yield '{"bundle_version": %s, "rows": %d, "data": [' % (json.dumps(version), len(df))
    cols = list(df.columns)
    first = True
    for start in range(0, len(df), CHUNK_ROWS):
        part = df.iloc[start:start + CHUNK_ROWS]
        rows = []
        for rec in part.itertuples(index=False, name=None):
            rows.append(json.dumps({c: _json_value(v) for c, v in zip(cols, rec)}, ensure_ascii=False))
        if rows:
            yield ("" if first else ",") + ",".join(rows)
            first = False
    yield "]}"
