"""GeoPackage and GeoJSON of a map view's rows, for researchers who work in QGIS, ArcGIS, R or geopandas.

Pure functions (no Flask): rows in (the CSV export frame, ``share.frames.export_frame``), bytes out. The rows keep
every column and value of the CSV; a geometry and a ``shape_source`` column are added. CRS: EPSG:4326
(WGS 84 longitude/latitude), stated in both files (GeoJSON is RFC 7946, WGS 84 by definition).

Country shapes come from what the app already ships, so serving needs no raw file:

1. the bundle's ``shapes_110m.geojson`` (Natural Earth 1:110m, public domain; checksummed with the bundle);
2. for countries Natural Earth 110m does not draw (Singapore, Malta, Bahrain, most island states, ...): the
   plotly.js ``world_50m`` base map in ``assets/topojson/`` (UN geodata, simplified to 0.05 degrees), the outline
   the dashboard's maps draw for them. Rows using it carry the UN map disclaimer in the file's metadata.

Rows with no shape in either (pseudo codes such as UNK or XXA, group or historical codes such as SCG, CHI, AB9)
are **kept, with an empty (null) geometry**, so the file has exactly the CSV's rows and totals; their codes are
listed in the metadata (``rows_without_shape``). Rows located by coordinates (IOM Missing Migrants cells) become
points.

Every polygon is written with counter-clockwise exterior rings (RFC 7946; the bundle's web shapes are wound
clockwise for plotly.js).
"""
from __future__ import annotations

import functools
import io
import json
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # geopandas, shapely and pyogrio (GDAL) are imported where a geo export is written, not when a
    import geopandas as gpd  # worker starts: together ~45 MiB of every worker's memory (bench/memory.py)

from .. import store
from ..settings import REPO

CRS = "EPSG:4326"
SHAPES_FILE = "shapes_110m.geojson"  # written by dashboard/ingest/geography.py into the bundle
BASE_MAP_50M = REPO / "assets" / "topojson" / "world_50m.json"  # the base map the pages draw (committed)
NATURAL_EARTH = "Natural Earth 1:110m (public domain)"
PLOTLY_50M = "plotly.js world_50m base map (UN geodata, simplified 0.05 deg)"
UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
METADATA_LAYER = "metadata"
SHORT_KEYS = ("title", "subtitle", "source_line", "licence_notice", "citation", "permalink", "bundle_version",
              "downloaded_at", "view", "query")


# ------------------------------------------------------------------ country shapes

def read_shapes(shapes_geojson: bytes, base_map_50m: bytes | None = None) -> gpd.GeoDataFrame:
    """{iso3, shape_source, geometry} in EPSG:4326, one row per code: Natural Earth 110m first, then the
    plotly world_50m outline of codes Natural Earth lacks. Exterior rings counter-clockwise."""
    import geopandas as gpd
    import shapely

    ne = gpd.read_file(io.BytesIO(shapes_geojson))[["iso3", "geometry"]].assign(shape_source=NATURAL_EARTH)
    parts = [ne.set_crs(CRS, allow_override=True)]
    if base_map_50m is not None:
        topo = gpd.read_file(io.BytesIO(base_map_50m), layer="countries")
        topo = topo[topo["id"].notna() & ~topo["id"].isin(ne["iso3"]) & topo.geometry.notna()]
        topo = topo.rename(columns={"id": "iso3"})[["iso3", "geometry"]].assign(shape_source=PLOTLY_50M)
        parts.append(topo.set_crs(CRS, allow_override=True).dissolve(by="iso3", as_index=False)
                     if topo["iso3"].duplicated().any() else topo)
    shapes = pd.concat(parts, ignore_index=True)
    shapes["geometry"] = shapely.orient_polygons(shapes.geometry.to_numpy(), exterior_cw=False)
    return gpd.GeoDataFrame(shapes[["iso3", "shape_source", "geometry"]], geometry="geometry", crs=CRS)


@functools.lru_cache(maxsize=2)
def _bundle_shapes(version: str, path: str) -> gpd.GeoDataFrame:
    return read_shapes((Path(path) / SHAPES_FILE).read_bytes(), BASE_MAP_50M.read_bytes())


def country_shapes() -> gpd.GeoDataFrame:
    """The shapes of the bundle being served (parsed once per process and bundle version: an lru_cache, not
    flask-caching, because a GeoDataFrame of every country is process-local derived data, like the store's
    tables, and would be pickled through Redis on every download)."""
    b = store.bundle()
    return _bundle_shapes(b.version, str(b.path)).copy()


# ------------------------------------------------------------------ rows -> GeoDataFrame

def geo_frame(rows: pd.DataFrame, iso3_column: str = "iso3",
              shapes: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """The rows (every column, same order) joined to country shapes on ``iso3_column``, in EPSG:4326.

    Adds ``shape_source`` (which outline was used). Rows without a shape keep a null geometry and a null
    ``shape_source``. ``shapes`` defaults to ``country_shapes()`` (the bundle's)."""
    import geopandas as gpd

    shapes = country_shapes() if shapes is None else shapes
    lookup = shapes.drop_duplicates("iso3").set_index("iso3")
    codes = rows[iso3_column].astype("string")
    found = codes.isin(lookup.index).fillna(False).to_numpy(dtype=bool)
    geometry = [lookup.geometry.at[c] if ok else None for c, ok in zip(codes, found)]
    source = [lookup["shape_source"].at[c] if ok else None for c, ok in zip(codes, found)]
    out = rows.reset_index(drop=True).copy()
    out["shape_source"] = pd.array(source, dtype="string")
    gdf = gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)
    no_shape = sorted({str(c) for c, ok in zip(codes, found) if not ok and pd.notna(c)})
    gdf.attrs["geo_export"] = {"join": f"{iso3_column} (ISO 3166-1 alpha-3) to country shapes",
                               "rows_without_shape": no_shape,
                               "shape_sources": sorted({s for s in source if s})}
    return gdf


def points_frame(rows: pd.DataFrame, lon: str = "lon", lat: str = "lat") -> gpd.GeoDataFrame:
    """Rows located by coordinates (degrees, WGS 84) as points; a row without both coordinates gets a null
    geometry."""
    import geopandas as gpd
    import shapely

    out = rows.reset_index(drop=True).copy()
    x, y = pd.to_numeric(out[lon]).to_numpy(float), pd.to_numeric(out[lat]).to_numpy(float)
    pts = shapely.points(x, y)
    pts[pd.isna(x) | pd.isna(y)] = None
    gdf = gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(pts, crs=CRS), crs=CRS)
    gdf.attrs["geo_export"] = {"join": f"points at ({lon}, {lat})",
                               "rows_without_shape": [] if gdf.geometry.notna().all() else
                               [f"{int(gdf.geometry.isna().sum())} rows without coordinates"],
                               "shape_sources": ["the rows' own coordinates"]}
    return gdf


def map_frame(rows: pd.DataFrame, shapes: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """A map view's rows as a GeoDataFrame, chosen by their columns: ``iso3`` (country maps) or ``partner``
    (the flow map: each row is one partner of the focus country) joined to country shapes; ``lat``/``lon``
    (located incidents) as points."""
    if "iso3" in rows.columns:
        return geo_frame(rows, "iso3", shapes)
    if "partner" in rows.columns:
        return geo_frame(rows, "partner", shapes)
    if {"lat", "lon"} <= set(rows.columns):
        return points_frame(rows)
    raise ValueError(f"no geometry for these rows: no iso3, partner or lat/lon column ({list(rows.columns)})")


# ------------------------------------------------------------------ writers

def _metadata(gdf: gpd.GeoDataFrame, meta: dict) -> dict:
    """The caller's metadata plus what this module knows: CRS, shape sources, rows without a shape."""
    info = dict(gdf.attrs.get("geo_export") or {})
    out = {**meta, "crs": CRS, "geometry": info}
    if PLOTLY_50M in info.get("shape_sources", []):
        out["map_disclaimer"] = UN_MAP_DISCLAIMER
    return out


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _layer_name(layer: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", layer).strip("_") or "data"


def _description(meta: dict) -> str:
    return " | ".join(str(meta[k]) for k in ("title", "source_line", "licence_notice", "permalink") if meta.get(k))


def gpkg_bytes(gdf: gpd.GeoDataFrame, layer: str, meta: dict) -> bytes:
    """A GeoPackage with the rows as layer ``layer`` (EPSG:4326) and a ``metadata`` attribute table (field,
    value: title, source, licence, citation, permalink, bundle version, CRS, ...; the full metadata as JSON in
    the row ``metadata_json``). The same key/values are the layer's GDAL metadata (GeoPackage ``gpkg_metadata``
    table) and a one-line summary is its ``gpkg_contents`` description."""
    import pyogrio

    full = _metadata(gdf, meta)
    name = _layer_name(layer)
    short = {k: _text(full[k]) for k in (*SHORT_KEYS, "crs", "map_disclaimer") if full.get(k) not in (None, "")}
    table = pd.DataFrame([*short.items(), ("metadata_json", _text(full))], columns=["field", "value"])
    with tempfile.TemporaryDirectory(prefix="geo-export-") as tmp:
        path = Path(tmp) / "export.gpkg"
        gdf.to_file(path, driver="GPKG", layer=name, engine="pyogrio", layer_metadata=short,
                    layer_options={"DESCRIPTION": _description(full)})
        pyogrio.write_dataframe(table, path, layer=METADATA_LAYER if name != METADATA_LAYER else "metadata_table",
                                driver="GPKG")  # a second layer in the same file: an attribute (non-spatial) table
        return path.read_bytes()


def geojson_bytes(gdf: gpd.GeoDataFrame, meta: dict) -> bytes:
    """RFC 7946 GeoJSON (UTF-8; WGS 84 longitude/latitude, counter-clockwise exterior rings, null geometry for
    rows without a shape) with the metadata as a top-level ``metadata`` member (a foreign member, which readers
    ignore or keep)."""
    buf = io.BytesIO()
    gdf.to_crs(CRS).to_file(buf, driver="GeoJSON", engine="pyogrio", layer=_layer_name(str(meta.get("view") or "data")),
                            layer_options={"RFC7946": "YES"})
    doc = json.loads(buf.getvalue())
    doc["metadata"] = _metadata(gdf, meta)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
