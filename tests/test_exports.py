"""Downloads of exactly what a chart shows: CSV/XLSX/zip, provenance columns, formula injection, caps, licences."""
from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
import yaml
from jsonschema import Draft7Validator

from dashboard import store, views
from dashboard.share import writers
from dashboard.state import Param
from dashboard.views import ChartView

# The key required fields and formats of CFF 1.2.0 (https://citation-file-format.github.io/1.2.0/schema.json),
# written out by hand so tests stay offline.
_PERSON_OR_ENTITY = {"type": "object", "anyOf": [
    {"required": ["name"], "properties": {"name": {"type": "string", "minLength": 1}}},
    {"required": ["family-names"], "properties": {"family-names": {"type": "string", "minLength": 1}}},
]}
CFF_SCHEMA = {
    "type": "object",
    "required": ["cff-version", "message", "title", "authors"],
    "properties": {
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "type": {"enum": ["dataset", "software"]},
        "authors": {"type": "array", "minItems": 1, "items": _PERSON_OR_ENTITY},
        "version": {"type": ["string", "number"], "minLength": 1},
        "date-released": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "url": {"type": "string", "pattern": r"^(https|http|ftp|sftp)://.+"},
        "abstract": {"type": "string", "minLength": 1},
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "references": {"type": "array", "items": {
            "type": "object", "required": ["type", "title", "authors"],
            "properties": {"type": {"type": "string"}, "title": {"type": "string", "minLength": 1},
                           "authors": {"type": "array", "minItems": 1, "items": _PERSON_OR_ENTITY},
                           "year": {"type": "integer"},
                           "url": {"type": "string", "pattern": r"^(https|http|ftp|sftp)://.+"}}}},
    },
}


def _csv(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r, pd.read_csv(io.StringIO(r.get_data(as_text=True)), keep_default_na=False, na_values=[""])


def test_map_csv_is_exactly_the_rows_shown_with_provenance_columns(client):
    state, _ = views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})
    shown = views.data("map", state)
    r, df = _csv(client, "/download/map.csv?indicator=refugees_hosted&year=2022")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    assert int(r.headers["X-Row-Count"]) == len(shown) == len(df)
    for col in ("iso3", "m49", "country", "year", "value", "unit", "indicator", "source", "edition", "licence",
                "flag", "non_commercial"):
        assert col in df.columns
    assert list(df["iso3"]) == list(shown["iso3"])
    assert df["value"].tolist() == shown["value"].tolist()  # unrounded, same order
    countries = store.bundle().table("countries").set_index("iso3")["m49"]
    assert df.loc[df.iso3 == "BIH", "m49"].item() == countries["BIH"] == 70
    assert set(df["edition"]) == {store.source_meta("unhcr")["edition"]}
    assert not df["non_commercial"].any()
    assert not df.columns.str.startswith("Unnamed").any()  # no index column


def test_map_csv_numbers_equal_the_api(client):
    _, df = _csv(client, "/download/map.csv?indicator=migrant_stock&year=2020")
    _, api = _csv(client, "/api/v1/indicators/migrant_stock.csv?years=2020")
    api = api.set_index("iso3")["value"]
    assert len(df) > 200
    for iso3, value in zip(df["iso3"], df["value"]):
        assert api[iso3] == value


SAMPLE_VIEWS = ("map", "ranking", "series")  # the explorer's charts; other pages' views are sampled in their tests


def test_sample_views_download_their_rows(client):
    for view_id in SAMPLE_VIEWS:
        state, _ = views.parse(view_id, {})
        r = client.get(f"/download/{view_id}.csv")
        body = r.get_data(as_text=True)
        assert r.status_code == 200, (view_id, body[:300])
        assert body.count("\n") >= len(views.data(view_id, state)) + 1, view_id
        assert int(r.headers["X-Row-Count"]) == len(views.data(view_id, state)), view_id


def test_neutralise_prefixes_formula_text_and_leaves_numbers():
    df = pd.DataFrame({
        "text": ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "Bosnia", None, "a=b"],
        "value": [-1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, float("nan"), -9.0],
    })
    out = writers.neutralise(df)
    assert out["text"].tolist()[:7] == ["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd",
                                        "Bosnia"]
    assert pd.isna(out["text"].iloc[7]) and out["text"].iloc[8] == "a=b"
    assert out["value"].tolist()[:7] == df["value"].tolist()[:7]
    assert out["value"].dtype == "float64"


@pytest.fixture()
def evil_view():
    """A throwaway registered view whose rows carry formula-like text (as a hostile source might)."""
    rows = pd.DataFrame({"iso3": ["BIH", "SRB"], "country": ["=cmd|'/c calc'!A0", "@evil"], "year": [2020, 2020],
                         "value": [-5.0, 12.5], "unit": ["persons", "persons"], "indicator": ["x", "x"],
                         "source": ["+source", "ok"], "licence": ["CC BY 4.0"] * 2, "flag": ["-", None]})
    view = ChartView(id="test-evil", page="/", params=(Param("year", "int", 2020, lo=1900, hi=2100),),
                     data=lambda s: rows, figure=lambda r, s, lang: {"data": [], "layout": {}},
                     texts=lambda r, s, lang: {"title": "Evil", "subtitle": "u", "source": "s", "summary": "x"},
                     sources=lambda s: ["idmc"])
    views.register(view)
    yield view
    views.REGISTRY.pop("test-evil", None)


def test_csv_formula_injection_end_to_end(client, evil_view):
    r = client.get("/download/test-evil.csv")
    text = r.get_data(as_text=True)
    df = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    assert df["country"].tolist() == ["'=cmd|'/c calc'!A0", "'@evil"]
    assert df["source"].tolist() == ["'+source", "ok"]
    assert df["flag"].iloc[0] == "'-"
    assert df["value"].tolist() == [-5.0, 12.5]  # numbers stay numbers, sign intact
    assert text.splitlines()[1].startswith('"BIH",70,') and ",-5," in text
    # and the licence of the (declared) non-commercial source is marked
    assert df["non_commercial"].all() and "NON-COMMERCIAL" in r.headers["X-Licence-Notice"]


def _norm(v):
    """A cell as a comparable value: numbers as float, missing as None, text as text."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) or hasattr(v, "item"):
        return float(v)
    return str(v)


def test_xlsx_opens_and_matches_the_csv(client, evil_view):
    for url in ("/download/map.xlsx?indicator=idps_conflict&year=2022", "/download/test-evil.xlsx"):
        r = client.get(url)
        assert r.status_code == 200
        wb = openpyxl.load_workbook(io.BytesIO(r.data))
        assert wb.sheetnames == ["data", "metadata"]
        ws = wb["data"]
        cells = [[c.value for c in row] for row in ws.iter_rows()]
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formulas
        xdf = pd.DataFrame(cells[1:], columns=cells[0])
        _, cdf = _csv(client, url.replace(".xlsx", ".csv"))
        assert list(xdf.columns) == list(cdf.columns)
        assert [[_norm(v) for v in rec] for rec in xdf.itertuples(index=False)] == \
            [[_norm(v) for v in rec] for rec in cdf.itertuples(index=False)]
        meta = {row[0].value: row[1].value for row in wb["metadata"].iter_rows(min_row=2)}
        assert meta["bundle_version"] == store.bundle().version
    assert "NON-COMMERCIAL" in meta["licence_notice"]


def test_zip_bundle_has_four_files_with_correct_content(client):
    r = client.get("/download/map.zip?indicator=idps_conflict&year=2022")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.data))
    assert sorted(z.namelist()) == ["CITATION.cff", "README.md", "data.csv", "metadata.json"]
    _, csv_df = _csv(client, "/download/map.csv?indicator=idps_conflict&year=2022")
    zdf = pd.read_csv(io.BytesIO(z.read("data.csv")), keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(zdf, csv_df)
    meta = json.loads(z.read("metadata.json"))
    assert meta["bundle_version"] == store.bundle().version
    assert meta["query"] == "?v=1&indicator=idps_conflict"  # defaults (latest year) omitted in the query...
    assert "year=2022" in meta["permalink"]  # ...but the permalink pins every parameter
    assert meta["rows"] == len(zdf) and meta["units"] == ["persons"]
    assert meta["indicators"][0]["id"] == "idps_conflict" and meta["indicators"][0]["description"]
    src = meta["sources"][0]
    assert src["id"] == "idmc" and src["licence"].startswith("CC BY-NC") and src["non_commercial"] is True
    assert meta["non_commercial"] is True and re.match(r"\d{4}-\d\d-\d\dT", meta["downloaded_at"])
    readme = z.read("README.md").decode()
    assert "NON-COMMERCIAL" in readme and store.source_meta("idmc")["caveats"][0] in readme
    cff = yaml.safe_load(z.read("CITATION.cff").decode())
    errors = list(Draft7Validator(CFF_SCHEMA).iter_errors(cff))
    assert errors == []
    assert cff["version"] == store.bundle().version and cff["references"][0]["title"]


def test_zip_readme_has_the_caveats_and_processing_steps_in_its_language(client):
    """README.md in bs: every caveat and processing step of the source in Bosnian (data domain), none in English;
    metadata.json keeps the manifest's English texts."""
    from dashboard import data_i18n

    idmc = store.source_meta("idmc")
    z = zipfile.ZipFile(io.BytesIO(client.get("/download/map.zip?indicator=idps_conflict&year=2022&lang=bs").data))
    readme = z.read("README.md").decode()
    for english in [*idmc["caveats"], *idmc["processing"]]:
        local = data_i18n.text(english, "bs")
        assert local != english and local in readme and english not in readme, english
    assert json.loads(z.read("metadata.json"))["sources"][0]["caveats"] == idmc["caveats"]
    # the indicator's label and unit too (its id stays as in the files); metadata.json keeps them in English
    meta = store.indicator_meta("idps_conflict")
    line = next(x for x in readme.splitlines() if "`idps_conflict`" in x)
    assert line.startswith("- indikator `idps_conflict`: " + data_i18n.text(meta["label"], "bs")), line
    assert data_i18n.text(meta["label"], "bs") != meta["label"] and meta["label"] not in line
    assert json.loads(z.read("metadata.json"))["indicators"][0]["label"] == meta["label"]


def test_cff_schema_rejects_bad_files():
    v = Draft7Validator(CFF_SCHEMA)
    assert list(v.iter_errors({"cff-version": "1.2.0", "message": "m", "title": "t", "authors": []}))
    assert list(v.iter_errors({"cff-version": "1.2.0", "message": "m", "title": "t", "authors": [{"name": "a"}],
                               "date-released": "27/11/2026"}))
    assert not list(v.iter_errors({"cff-version": "1.2.0", "message": "m", "title": "t",
                                   "authors": [{"name": "a"}], "date-released": "2026-11-27"}))


def test_bad_view_format_and_params(client):
    r = client.get("/download/nope.csv")
    assert r.status_code == 400 and r.json["parameter"] == "view" and "map" in r.json["valid"]
    r = client.get("/download/map.pdf")
    assert r.status_code == 400 and r.json["parameter"] == "format"
    r = client.get("/download/map")
    assert r.status_code == 400
    r = client.get("/download/map.csv?indicator=nonsense&year=1800")  # invalid values fall back, with a notice
    assert r.status_code == 200 and "nonsense" in r.headers["X-Notice"]


def test_row_cap_has_a_clear_message(app, client):
    old = app.server.config["API_ROW_CAP"]
    app.server.config["API_ROW_CAP"] = 10
    try:
        r = client.get("/download/map.csv?indicator=migrant_stock&year=2020")
    finally:
        app.server.config["API_ROW_CAP"] = old
    assert r.status_code == 400 and r.json["parameter"] == "rows"
    assert "more than the 10 allowed" in r.json["message"] and "/data" in r.json["message"]


def test_non_commercial_sources_marked_in_every_export(client):
    url = "/download/map.{}?indicator=new_displacements_conflict&year=2020"
    r, df = _csv(client, url.format("csv"))
    assert df["non_commercial"].all() and "NON-COMMERCIAL" in r.headers["X-Licence-Notice"]
    z = zipfile.ZipFile(io.BytesIO(client.get(url.format("zip")).data))
    assert json.loads(z.read("metadata.json"))["non_commercial"] is True
    assert "non-commercial use only" in z.read("CITATION.cff").decode()
    wb = openpyxl.load_workbook(io.BytesIO(client.get(url.format("xlsx")).data))
    assert any("NON-COMMERCIAL" in str(c.value) for row in wb["metadata"].iter_rows() for c in row)
