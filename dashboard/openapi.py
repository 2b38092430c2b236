"""The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json: every endpoint, its parameters (valid ids
taken from the bundle's catalogue), its answers (CSV or JSON rows, 400 naming the parameter, 404, 405, 429, 503).
A schemathesis run against it is part of `make test` (tests/test_openapi.py)."""
from __future__ import annotations

from . import store

ERROR = {"$ref": "#/components/schemas/Error"}
ROWS = {"$ref": "#/components/schemas/Rows"}
YEARS = {"type": "string", "pattern": r"^(\d{4}(-\d{4})?)?$", "examples": ["2020", "2000-2020"],
         "description": "A year or a range (start <= end, 1900-2100); empty = every year"}
COUNTRIES = {"type": "string", "description": "ISO 3166-1 alpha-3 codes or a group id, comma-separated",
             "examples": ["BIH,SRB", "WB6"]}


def _enum(values, default: str = "") -> dict:
    """A choice; the empty value means the default (as every page and API parameter does)."""
    return {"type": "string", "enum": ["", *values],
            "description": f"empty = {default}" if default else "empty = not set"}


def _param(name: str, schema: dict, description: str = "", where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema,
            "description": description}


def _responses(fmt: str) -> dict:
    body = ({"text/csv": {"schema": {"type": "string"}}} if fmt == "csv"
            else {"application/json": {"schema": ROWS}})
    err = {"application/json": {"schema": ERROR}}
    return {"200": {"description": "The rows", "content": body},
            "400": {"description": "A parameter is not valid: the answer names it and lists the valid values",
                    "content": err},
            "404": {"description": "Unknown path", "content": err},
            "429": {"description": "Rate limit reached (Retry-After says when to try again)", "content": err},
            "503": {"description": "The data bundle cannot be read", "content": err}}


def _both(path: str, summary: str, params: list[dict]) -> dict:
    out = {}
    for fmt in ("json", "csv"):
        out[f"{path}.{fmt}"] = {"get": {"summary": f"{summary} ({fmt.upper()})", "parameters": params,
                                        "responses": _responses(fmt)}}
    return out


def document() -> dict:
    cat = store.catalog()
    indicators = sorted(i["id"] for i in cat["indicators"])
    measures = [m["id"] for m in cat["corridor_measures"]]
    methods = sorted({x for m in cat["corridor_measures"] for x in m["methods"]})
    groups = sorted(g["group_id"] for g in cat["groups"])
    ind = _param("indicator_id", {"type": "string", "enum": indicators}, "Indicator id (see /api/v1/catalog)",
                 where="path")
    paths = {
        "/api/v1/catalog": {"get": {"summary": "Indicators, corridor measures, sources, countries and groups",
                                    "responses": {"200": {"description": "The catalogue", "content": {
                                        "application/json": {"schema": {"type": "object"}}}}}}},
        **_both("/api/v1/indicators/{indicator_id}", "One indicator, countries by year", [
            ind, _param("countries", COUNTRIES), _param("years", YEARS),
            _param("per", _enum(["capita1000", "percent"]),
                   "Per 1,000 population or % of population, where the indicator declares it"),
            _param("sex", _enum(["total", "female", "male"], "total"))]),
        **_both("/api/v1/aggregates/{indicator_id}", "Group and World values by the declared rule, with coverage", [
            ind, _param("groups", {"type": "string", "examples": ["WLD,EU27"]},
                        f"Group ids, comma-separated (e.g. {', '.join(groups[:4])})"),
            _param("years", YEARS), _param("per", _enum(["capita1000", "percent"]))]),
        **_both("/api/v1/corridors", "Bilateral rows of one corridor measure", [
            _param("measure", _enum(measures, "stock")), _param("origin", COUNTRIES),
            _param("destination", COUNTRIES), _param("years", YEARS),
            _param("method", _enum(methods, "the measure's default method")),
            _param("top", {"type": "integer", "minimum": 1, "maximum": 1000}),
            _param("sex", _enum(["total", "female", "male"], "total"))]),
        **_both("/api/v1/missing-migrants/route-families", "Dead and missing per route family and year", [
            _param("dataset", _enum(["global", "europe"], "global"))]),
        "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "Alive", "content": {
            "application/json": {"schema": {"type": "object"}}}}}}},
        "/readyz": {"get": {"summary": "Readiness: every table of the bundle read and verified", "responses": {
            "200": {"description": "Ready", "content": {"application/json": {"schema": {"type": "object"}}}},
            "503": {"description": "Not ready: the answer names the file", "content": {
                "application/json": {"schema": ERROR}}}}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Migration Trends Dashboard API", "version": "1",
                 "description": "Every figure with its source, licence and flags; data bundle "
                                f"{cat['bundle_version']}."},
        "paths": paths,
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["message"], "properties": {
                "error": {"type": "string"}, "message": {"type": "string"}, "parameter": {"type": "string"},
                "valid": {"type": "array"}, "status": {"type": "integer"}}},
            "Rows": {"type": "object", "required": ["bundle_version", "rows", "data"], "properties": {
                "bundle_version": {"type": "string"}, "rows": {"type": "integer", "minimum": 0},
                "data": {"type": "array", "items": {"type": "object"}}}},
        }},
    }
