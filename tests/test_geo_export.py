"""GeoPackage and GeoJSON of every map view: read back with geopandas, they hold the CSV export's rows and
values, in EPSG:4326, with a shape for every real country that has one."""
from __future__ import annotations

import io
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from dashboard import store, views
from dashboard.share import frames as exports, geo as geo_export

views.load_all()
MAP_VIEWS = sorted(v.id for v in views.REGISTRY.values() if v.geo)
META = {"title": "A made-up title", "source_line": "Source: made up", "licence_notice": "CC BY 4.0",
        "citation": "Someone (2025). Something.", "permalink": "http://127.0.0.1:8050/?v=1",
        "sources": [{"id": "x", "licence": "CC BY 4.0"}]}


def _meta() -> dict:
    return {**META, "bundle_version": store.bundle().version}


@pytest.fixture(scope="module", params=MAP_VIEWS)
def exported(request):
    view_id = request.param
    frame = exports.export_frame(view_id, views.parse(view_id, {})[0])
    return view_id, frame, geo_export.map_frame(frame)


def _key_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in ("iso3", "partner", "origin", "destination", "year", "year_start", "cause", "lat", "lon")
            if c in frame.columns]


def _assert_same_rows(read: pd.DataFrame, frame: pd.DataFrame) -> None:
    """Every CSV column with the same values, row for row (missing stays missing; numbers within 1e-9)."""
    assert len(read) == len(frame)
    for col in frame.columns:
        assert col in read.columns, col
        a, b = read[col].reset_index(drop=True), frame[col].reset_index(drop=True)
        if pd.api.types.is_datetime64_any_dtype(a.dtype):  # GDAL's GeoJSON reader types '2015-10-05' as a date
            a = a.dt.strftime("%Y-%m-%d")
        if pd.api.types.is_numeric_dtype(b.dtype) and not pd.api.types.is_bool_dtype(b.dtype):
            x, y = pd.to_numeric(a).astype("float64").to_numpy(), b.astype("Float64").to_numpy("float64", na_value=np.nan)
            assert np.array_equal(np.isnan(x), np.isnan(y)), col
            np.testing.assert_allclose(x[~np.isnan(x)], y[~np.isnan(y)], rtol=1e-9, err_msg=col)
        else:
            assert [None if pd.isna(v) else str(v) for v in a] == [None if pd.isna(v) else str(v) for v in b], col


def _value_column(frame: pd.DataFrame) -> str:
    return "value" if "value" in frame.columns else "dead_missing"


def test_every_map_view_has_a_geometry_kind():
    assert MAP_VIEWS == ["flows-map", "map", "missing-map"]


def test_geo_frame_keeps_the_rows_and_states_the_crs(exported):
    view_id, frame, gdf = exported
    assert gdf.crs.to_epsg() == 4326
    _assert_same_rows(gdf, frame)
    info = gdf.attrs["geo_export"]
    real = _real_country_rows(frame)
    if real is not None:
        codes = frame[real.name].astype(str)
        assert gdf.geometry[real.to_numpy()].notna().all() and not gdf.geometry[real.to_numpy()].is_empty.any()
        assert set(codes[gdf.geometry.isna().to_numpy()]) == set(info["rows_without_shape"])
    else:
        assert gdf.geom_type.eq("Point").all()


def _real_country_rows(frame: pd.DataFrame) -> pd.Series | None:
    """Rows of real countries that ship a shape (the bundle's Natural Earth 110m or the plotly 50m base map)."""
    col = "iso3" if "iso3" in frame.columns else "partner" if "partner" in frame.columns else None
    if col is None:
        return None
    c = store.bundle().table("countries").set_index("iso3")
    drawable = set(c.index[~c["is_pseudo"] & (c["has_ne_shape_110m"] | c["has_shape_50m"])])
    return frame[col].isin(drawable).rename(col)


@pytest.mark.parametrize("fmt", ["gpkg", "geojson"])
def test_file_reads_back_with_the_csv_values(exported, fmt, tmp_path):
    view_id, frame, gdf = exported
    payload = (geo_export.gpkg_bytes(gdf, view_id, _meta()) if fmt == "gpkg"
               else geo_export.geojson_bytes(gdf, _meta()))
    path = tmp_path / f"{view_id}.{fmt}"
    path.write_bytes(payload)
    layer = view_id.replace("-", "_") if fmt == "gpkg" else None
    read = gpd.read_file(path, layer=layer)
    assert read.crs is not None and read.crs.to_epsg() == 4326
    _assert_same_rows(read, frame)  # every column, so value, iso3/partner, year and the provenance columns
    cols = [_value_column(frame), *_key_columns(frame)]
    pd.testing.assert_frame_equal(read[cols].astype(str).reset_index(drop=True),
                                  frame[cols].astype(str).reset_index(drop=True), check_dtype=False)
    real = _real_country_rows(frame)
    if real is not None:
        geoms = read.geometry[real.to_numpy()]
        area = geoms.to_crs("EPSG:8857").area  # Equal Earth, m2
        assert geoms.notna().all() and not geoms.is_empty.any() and (area > 0).all()
        # exterior rings counter-clockwise (RFC 7946), same outlines as the in-memory frame
        polys = [p for g in geoms for p in getattr(g, "geoms", [g])]
        assert all(shapely.is_ccw(p.exterior) for p in polys)
        expected = gdf.geometry[real.to_numpy()].to_crs("EPSG:8857").area
        np.testing.assert_allclose(area.to_numpy(), expected.to_numpy(), rtol=1e-4)
    else:
        assert read.geom_type.eq("Point").all()
        assert np.allclose(read.geometry.x, frame["lon"]) and np.allclose(read.geometry.y, frame["lat"])


def test_gpkg_carries_the_metadata(tmp_path):
    frame = exports.export_frame("map", views.parse("map", {})[0])
    path = tmp_path / "map.gpkg"
    path.write_bytes(geo_export.gpkg_bytes(geo_export.map_frame(frame), "map", _meta()))
    assert {tuple(r) for r in pyogrio.list_layers(path)} >= {("map", "MultiPolygon"), ("metadata", None)}
    table = gpd.read_file(path, layer="metadata").set_index("field")["value"]
    assert table["title"] == META["title"] and table["citation"] == META["citation"]
    assert table["permalink"] == META["permalink"] and table["bundle_version"] == store.bundle().version
    assert table["crs"] == "EPSG:4326" and "United Nations" in table["map_disclaimer"]
    full = json.loads(table["metadata_json"])
    assert full["sources"] == META["sources"] and "SMR" in full["geometry"]["rows_without_shape"]
    info = pyogrio.read_info(path, layer="map")
    assert info["layer_metadata"]["licence_notice"] == META["licence_notice"]
    assert META["title"] in info["layer_metadata"]["DESCRIPTION"]


def test_geojson_carries_the_metadata_as_a_top_level_member():
    frame = exports.export_frame("flows-map", views.parse("flows-map", {})[0])
    doc = json.loads(geo_export.geojson_bytes(geo_export.map_frame(frame), _meta()))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc  # RFC 7946: WGS 84 implied
    meta = doc["metadata"]
    assert meta["title"] == META["title"] and meta["crs"] == "EPSG:4326"
    assert meta["bundle_version"] == store.bundle().version and meta["licence_notice"] == META["licence_notice"]
    without = [f for f in doc["features"] if f["geometry"] is None]
    assert [f["properties"]["partner"] for f in without] == meta["geometry"]["rows_without_shape"]


def test_made_up_rows_and_shapes():
    """A pseudo code and an unknown code keep their rows with a null geometry; the winding is made CCW."""
    cw = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    shapes = gpd.GeoDataFrame({"iso3": ["AAA"], "shape_source": ["made up"]}, geometry=[cw], crs="EPSG:4326")
    rows = pd.DataFrame({"iso3": ["AAA", "UNK", None], "year": [2020, 2020, 2020], "value": [1.5, np.nan, 3.0]})
    gdf = geo_export.geo_frame(rows, shapes=shapes)
    assert gdf.geometry.isna().tolist() == [False, True, True]
    assert gdf.attrs["geo_export"]["rows_without_shape"] == ["UNK"]
    doc = json.loads(geo_export.geojson_bytes(gdf, {"title": "t"}))
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    assert shapely.is_ccw(shapely.LinearRing(ring)) and doc["features"][1]["properties"]["value"] is None


def test_map_views_download_as_geopackage_and_geojson_with_the_shown_values(client, tmp_path):
    """/download/<map>.gpkg and .geojson: what geopandas reads back is the chart's rows, value for value, and the
    card offers both links on maps only."""
    from layouts import cards

    for view_id, query in (("map", "?indicator=refugees_hosted&year=2022"), ("flows-map", "?focus=BIH&role=origin"),
                           ("missing-map", "")):
        state, _ = views.parse(view_id, dict(p.split("=") for p in query.lstrip("?").split("&") if p))
        shown = views.data(view_id, state)
        csv = pd.read_csv(io.StringIO(client.get(f"/download/{view_id}.csv{query}").get_data(as_text=True)))
        for fmt, mime in (("gpkg", "application/geopackage+sqlite3"), ("geojson", "application/geo+json")):
            r = client.get(f"/download/{view_id}.{fmt}{query}")
            assert r.status_code == 200 and r.mimetype == mime, (view_id, fmt, r.data[:200])
            assert r.headers["X-Row-Count"] == str(len(shown))
            path = tmp_path / f"{view_id}.{fmt}"
            path.write_bytes(r.data)
            back = gpd.read_file(path)
            assert back.crs.to_epsg() == 4326 and len(back) == len(shown) == len(csv)
            value = "value" if "value" in shown else "dead_missing"  # the incident map's measure
            assert back[value].tolist() == pytest.approx(shown[value].tolist(), nan_ok=True)
            assert back[value].tolist() == pytest.approx(csv[value].tolist(), nan_ok=True)
            key = "iso3" if "iso3" in shown else "partner" if "partner" in shown else None
            if key:
                assert back[key].tolist() == shown[key].tolist()
            assert back.geometry.notna().sum() >= 0.9 * len(back)
        actions = str(cards.actions(view_id, state))
        assert f"/download/{view_id}.gpkg" in actions and f"/download/{view_id}.geojson" in actions
    assert "/download/series.gpkg" not in str(cards.actions("series", views.parse("series", {})[0]))
    bad = client.get("/download/series.geojson")
    assert bad.status_code == 400 and "not a map" in bad.get_json()["message"]
