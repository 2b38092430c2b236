"""Geography: the country reference, country groups, web shapes and offline plotly base maps.

Run by ``build.py`` after every source, as ``ingest(raw_dir, used_codes=..., assets_dir=...)``, so the
country reference covers every code the bundle uses. It writes:

- ``countries``: one row per canonical code (names, UN M49 regions, World Bank income group, IOM
  region, pseudo flag, which plotly base maps can draw it, a label point for bubbles and labels);
- ``groups`` / ``group_members``: world, UN M49 regions, EU27, Schengen, Western Balkans, LDC/LLDC/SIDS,
  IOM regions and World Bank income groups;
- ``shapes_110m.geojson`` (bundle file): Natural Earth 110m outlines keyed by canonical iso3;
- ``<assets_dir>/topojson/world_110m.json``/``world_50m.json``: the plotly.js base maps, served locally
  because plotly.js otherwise fetches them from a CDN (set ``config={"topojsonURL": "/assets/topojson/"}``).
  ``world_110m`` is copied as published; ``world_50m`` (the only base map with the small states: Singapore,
  Malta, Bahrain, island states) is written with each arc simplified (``simplify_topology``: Douglas-Peucker,
  ``SIMPLIFY_50M_DEG``, shared borders kept shared, every country and island kept), which halves what the
  browser must project on every map draw.
"""
from __future__ import annotations

import gzip
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import Polygon
from shapely.ops import polylabel

from . import codes, names
from .base import IngestError, Schema, SourceInfo, SourceOutput, read_csv, validate

NE_110M = "ne_110m_admin_0_countries.geojson"
NE_50M = "ne_50m_admin_0_countries_legacy.geojson.gz"
TOPO_FILES = ("world_110m.json", "world_50m.json")  # every scope file staged (plotly asks <scope>_<res>m.json)
SIMPLIFY_50M_DEG = 0.05  # max deviation of a simplified border: ~5 km, under 1 px on a world map 2,000 px wide
LOOKUP_FILE = "iom_countrynames_m49_lookup.csv"
WB_META_FOLDER = "worldbank_wdi_remittances"  # read here, declared by worldbank.WB_REMITTANCES
WB_META_FILE = "wdi_country_metadata_region_income_2023-05.csv"
SHAPES_FILE = "shapes_110m.geojson"

UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations.\n"
    "References to Kosovo shall be understood to be in the context of UN Security Council resolution 1244 (1999)."
)

NATURAL_EARTH = SourceInfo(
    id="natural_earth",
    publisher="Natural Earth (NACIS)",
    title="Admin 0 - Countries (1:110m; 1:50m legacy edition)",
    edition="110m: Natural Earth 5.x schema (copy of 2024-11); 50m: legacy v2-3 schema (copy of 2024-04)",
    url="https://www.naturalearthdata.com/downloads/110m-cultural-vectors/110m-admin-0-countries/",
    licence="Public domain",
    licence_url="https://www.naturalearthdata.com/about/terms-of-use/",
    folder="natural_earth_admin0",
    files=(NE_110M, NE_50M),
    citation="Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
    processing=(
        "Countries are matched on ISO_A3_EH (110m) or iso_a3 (50m); Kosovo's code KOS becomes XKX.",
        "Northern Cyprus and Somaliland (no ISO code) are left out of the shapes: the data report them "
        "within Cyprus and Somalia.",
        "Web shapes: 110m outlines with coordinates snapped to a 0.001-degree grid (about 100 m; shared borders "
        "snap identically, so neighbours still meet). No other simplification.",
        "Label points: the centroid of each country's largest polygon in the Equal Earth projection (so France, "
        "Norway or the USA get a mainland point), moved to the polygon's pole of inaccessibility when the "
        "centroid falls outside it. 110m shapes first, then the 50m legacy file for small states.",
        "Channel Islands (CHI), Serbia and Montenegro (SCG) and the Netherlands Antilles (ANT) get the label point "
        "of their present-day parts (GGY+JEY, SRB+MNE+XKX, CUW+SXM+BES).",
    ),
    caveats=(
        "Natural Earth draws de facto boundaries; disputed areas follow its editorial policy, not UN positions.",
        "At 110m many small states and territories (e.g. Singapore, Bahrain, Malta) have no outline.",
    ),
    download_urls={
        NE_110M: "https://raw.githubusercontent.com/aripiz/cfa-index/1b7d212387853d32fe541e64ff752e2822a65825/"
                 "data/ne_110m_admin_0_countries.geojson",
    },
)

PLOTLY_TOPOJSON = SourceInfo(
    id="plotly_geo_topojson",
    publisher="Plotly, Inc. (plotly.js), geometry from United Nations geodata and Natural Earth",
    title="plotly.js geo base maps: world_110m and world_50m TopoJSON",
    edition="plotly.js 4.1.1 (dist/plotly-geo-assets.js)",
    url="https://github.com/plotly/plotly.js",
    licence="MIT (plotly.js); UN geodata shown with the UN map disclaimer",
    licence_url="https://github.com/plotly/plotly.js/blob/master/LICENSE",
    folder="plotly_geo_topojson",
    files=TOPO_FILES,
    citation="Plotly, Inc. (2025). plotly.js 4.1.1 geo assets (world_110m, world_50m), built from UN geodata.",
    processing=(
        "Copied unchanged into the app's assets so maps work offline.",
        "Used to record which countries each base map can draw (has_shape_110m, has_shape_50m).",
    ),
    caveats=(
        "No Kosovo outline (UN geodata draws it within Serbia); no Channel Islands, Abyei or historical entities.",
        "Disputed areas (Aksai Chin, Jammu and Kashmir, Bir Tawil, ...) have their own ids and receive no data.",
    ),
    download_urls={},
)

IOM_LOOKUP = SourceInfo(
    id="iom_m49_lookup",
    publisher="IOM Global Data Institute (gdidata R package), based on UN M49",
    title="Country names and UN M49 lookup with IOM regions and group flags (countrynames)",
    edition="gdidata 0.3.21, commit c9e4cc6 (2025-06-19)",
    url="https://github.com/iom/gdidata",
    licence="MIT (gdidata packaging); UN M49 is UN Statistics Division data",
    licence_url="https://github.com/iom/gdidata/blob/main/LICENSE",
    folder="iom_gdidata_irregular_migration",
    files=(LOOKUP_FILE,),
    citation="IOM Global Data Institute (2025). gdidata: countrynames lookup, version 0.3.21.",
    processing=(
        "Country names, M49 codes, M49 regions and map fallback coordinates come from the UN M49 standard as "
        "packaged in hdx-python-country's offline taxonomy; this lookup adds IOM regions and the EU, Schengen, "
        "LDC, LLDC and SIDS flags.",
        "Display name: the UN M49 English name, or its shortest UN short form when it exceeds 40 characters "
        "(United Kingdom, Hong Kong, Macao).",
        "Codes without any Natural Earth shape take the taxonomy's latitude/longitude (longitudes east of 180 "
        "degrees wrapped to the -180..180 range).",
        "Lookup codes XCX, STL and OOO are read as CHI, XXA and UNK; pseudo entities are never group members.",
        "EU27 is checked against the official list of 27 member states; the Western Balkans group is fixed "
        "(ALB, BIH, MNE, MKD, SRB, XKX) because the lookup's 'balkans' flag also marks Tibet.",
        "World Bank income groups are the FY2024 classification shipped with WDI 2023-05-10 (Venezuela unclassified).",
        "Names in Bosnian and French (name_bs, name_fr; group label_bs, label_fr): pycountry's ISO 3166-1 "
        "translations (bs, else hr, else sr@latin), the UN M49 French names, CLDR region names (Babel) and a small "
        "cited table in dashboard/ingest/names.py; name_*_source / label_*_source say which, and 'english' marks "
        "an entity no source names (the English name is kept).",
    ),
    caveats=(
        "The Schengen flag includes Monaco, San Marino and the Holy See (open borders, not formal members).",
        "The lookup flags the Abyei Area as an LDC and LLDC; it is kept as published.",
    ),
    download_urls={},
)
SOURCES = (NATURAL_EARTH, PLOTLY_TOPOJSON, IOM_LOOKUP)

# EU member states since 1 February 2020, as listed by the EU:
# https://european-union.europa.eu/principles-countries-history/eu-countries_en
EU27 = frozenset({
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
    "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
})
WESTERN_BALKANS = frozenset({"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"})
# Historical or composite entities whose label point is taken from their present-day parts.
COMPOSITES: dict[str, tuple[str, ...]] = {
    "CHI": ("GGY", "JEY"), "SCG": ("SRB", "MNE", "XKX"), "ANT": ("CUW", "SXM", "BES"),
}
# French names the UN M49 French list lacks.
EXTRA_NAMES_FR = {
    "XKX": "Kosovo (RCSNU 1244)", "CHI": "Îles Anglo-Normandes", "SCG": "Serbie-et-Monténégro (ancienne)",
    "AB9": "Zone d'Abyei", "ANT": "Antilles néerlandaises (anciennes)", "TIB": "Tibétains",
    "UNK": "Origine inconnue ou autre", "XXA": "Apatrides", "OOS": "Afrique subsaharienne (non identifié)",
    "TWN": "Taïwan (province de Chine)",
}
NAME_MAX = 40
INCOME_GROUPS = {"High income": "HIC", "Upper middle income": "UMC", "Lower middle income": "LMC",
                 "Low income": "LIC"}
EQUAL_AREA = "EPSG:8857"  # Equal Earth

LOOKUP_SCHEMA = Schema(
    "iom_countrynames",
    {"iso3": "str", "m49": "number", "region_code": "number", "subregion_code": "number",
     "intregion_code": "number", "iom_region": "str",
     "ldc": "int", "lldc": "int", "sids": "int", "eu": "int", "schengen": "int"},
    key=("iso3",),
    nullable=frozenset({"m49", "region_code", "subregion_code", "intregion_code", "iom_region"}),
    allowed={c: frozenset({0, 1}) for c in ("ldc", "lldc", "sids", "eu", "schengen")},
)
WB_META_SCHEMA = Schema(
    "wb_country_metadata",
    {"iso3": "str", "wb_region": "str", "wb_income_group": "str"},
    key=("iso3",),
    nullable=frozenset({"wb_region", "wb_income_group"}),
    allowed={"wb_income_group": frozenset(INCOME_GROUPS)},
)
COUNTRIES_SCHEMA = Schema(
    "countries",
    {"iso3": "str", "name": "str", "name_bs": "str", "name_bs_source": "str", "name_fr": "str",
     "name_fr_source": "str", "m49": "int", "is_pseudo": "bool", "has_shape_110m": "bool",
     "has_shape_50m": "bool", "has_ne_shape_110m": "bool", "lat": "float", "lon": "float"},
    key=("iso3",),
    nullable=frozenset({"m49", "lat", "lon"}),
    ranges={"lat": (-90, 90), "lon": (-180, 180)},
    allowed={"name_bs_source": frozenset({f"pycountry:{lang}" for lang in names.BS_CHAIN} | {"override", "english"}),
             "name_fr_source": frozenset({"un_m49", "pycountry:fr", "override", "english"})},
)

GROUPS_SCHEMA = Schema(
    "groups", {"group_id": "str", "label": "str", "label_bs": "str", "label_bs_source": "str", "label_fr": "str",
               "label_fr_source": "str", "kind": "str", "m49": "int", "description": "str"},
    key=("group_id",), nullable=frozenset({"m49"}),
    allowed={"kind": frozenset({"world", "m49_region", "m49_subregion", "m49_intregion", "named"}),
             **{f"label_{lang}_source": frozenset({"cldr", "table", "english"}) for lang in names.LANGS}},
)


# ---------------------------------------------------------------- reading the raw files

def _load_json(path: Path) -> dict:
    """Parse a (optionally gzipped) JSON file; any failure names the file."""
    if not path.exists():
        raise IngestError(path, "file not found (set RAW_DIR or run `make data DOWNLOAD=1`)")
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(path, f"cannot be parsed as JSON ({type(exc).__name__}: {exc})") from exc


def _read_geo(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """A (optionally gzipped) GeoJSON or TopoJSON file as a GeoDataFrame (GDAL via pyogrio); failures name the file."""
    if not path.exists():
        raise IngestError(path, "file not found (set RAW_DIR or run `make data DOWNLOAD=1`)")
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as fh:
            payload = fh.read()
    except (OSError, EOFError) as exc:
        raise IngestError(path, f"cannot be read ({type(exc).__name__}: {exc})") from exc
    try:
        return gpd.read_file(io.BytesIO(payload), layer=layer)
    except pyogrio.errors.DataLayerError as exc:
        raise IngestError(path, f"no layer {layer!r} ({exc})") from exc
    except (pyogrio.errors.DataSourceError, ValueError) as exc:
        raise IngestError(path, f"cannot be parsed as GeoJSON/TopoJSON ({type(exc).__name__}: {exc})") from exc


def _ne_shapes(path: Path, code_props: tuple[str, str]) -> tuple[gpd.GeoSeries, set[str]]:
    """Canonical iso3 -> geometry (a GeoSeries sorted by code) from a Natural Earth GeoJSON, plus the ADM0 codes
    left unmatched.

    ``code_props`` = (ISO property, ADM0 property). The ISO code is used unless it is -99; then only
    Kosovo (ADM0 KOS -> XKX) is kept. Pieces with the same code are dissolved (countries in one piece are
    kept as read: a union would re-order their rings).
    """
    iso_prop, adm_prop = code_props
    gdf = _read_geo(path)
    if gdf.empty:
        raise IngestError(path, "no features in this GeoJSON")
    for prop in (iso_prop, adm_prop):
        ok = gdf[prop].map(lambda v: isinstance(v, str)) if prop in gdf.columns else pd.Series(False, gdf.index)
        if not ok.all():
            raise IngestError(path, "missing or non-text country code", prop, int(ok.to_numpy().argmin()) + 1)
    iso, adm = (gdf[p].str.strip().str.upper() for p in code_props)
    code = iso.map(lambda c: codes.CODE_FIXES.get(c, c)).where(iso != "-99", adm.map(codes.CODE_FIXES))
    dropped = set(adm[code.isna()])
    kept = gpd.GeoDataFrame({"code": code}, geometry=gdf.geometry)[code.notna()]
    kinds = kept.geom_type.where(~kept.is_empty, "empty")
    bad = ~kinds.isin(["Polygon", "MultiPolygon"])
    if bad.any():
        i = bad.idxmax()
        raise IngestError(path, f"expected a Polygon or MultiPolygon, found {kinds[i]}", "geometry", int(i) + 1)
    codes.check_known(pd.Series(sorted(set(kept["code"]))), path, iso_prop)
    several = kept["code"].duplicated(keep=False)
    shapes = pd.concat([kept[~several].set_index("code").geometry,
                        kept[several].dissolve(by="code").geometry])
    return shapes.sort_index(), dropped


def _topojson_ids(path: Path) -> frozenset[str]:
    """Country ids of a plotly TopoJSON base map (checks it is the expected kind of file)."""
    countries = _read_geo(path, layer="countries")
    if "id" not in countries.columns or countries["id"].isna().all():
        raise IngestError(path, "not a plotly TopoJSON: no country ids in objects.countries")
    return frozenset(str(i) for i in countries["id"].dropna() if i)


def _read_lookup(raw_dir: Path) -> pd.DataFrame:
    path = raw_dir / IOM_LOOKUP.folder / LOOKUP_FILE
    df = validate(read_csv(path), LOOKUP_SCHEMA, path)
    df["iso3"] = codes.normalise(df["iso3"])
    codes.check_known(df["iso3"], path, "iso3")
    if df["iso3"].duplicated().any():
        clash = df.loc[df["iso3"].duplicated(), "iso3"].tolist()
        raise IngestError(path, f"two lookup codes normalise to the same code {clash}", "iso3")
    return df.set_index("iso3")


def _read_income(raw_dir: Path) -> pd.Series:
    """iso3 -> World Bank income group label (aggregates and unclassified economies left out)."""
    path = raw_dir / WB_META_FOLDER / WB_META_FILE
    df = validate(read_csv(path), WB_META_SCHEMA, path)
    df = df[df["wb_region"].notna() & df["wb_income_group"].notna()].copy()  # aggregates have no region
    df["iso3"] = codes.normalise(df["iso3"])
    codes.check_known(df["iso3"], path, "iso3")
    return df.set_index("iso3")["wb_income_group"]


# ---------------------------------------------------------------- label points

def label_points(shapes: gpd.GeoSeries) -> dict[str, tuple[float, float]]:
    """{code: (lat, lon)}: the centroid of each shape's largest polygon (by true area, in the Equal Earth
    projection), kept inside that polygon.

    The largest piece puts France, Norway or the USA on their mainland; the centroid is replaced by the
    pole of inaccessibility when it falls outside a concave polygon.
    """
    pieces = shapes.to_crs(EQUAL_AREA).explode(index_parts=True)
    largest = pieces.loc[pieces.area.groupby(level=0, sort=False).idxmax()]  # idxmax keeps the first on ties
    largest.index = largest.index.droplevel(1)
    points = largest.centroid
    outside = ~largest.contains(points)
    points[outside] = [polylabel(p, tolerance=1000.0) for p in largest[outside]]  # metres
    lonlat = points.to_crs("EPSG:4326")
    return {code: (round(p.y, 3), round(p.x, 3)) for code, p in lonlat.items()}


def _label_points(shapes_110: gpd.GeoSeries, shapes_50: gpd.GeoSeries) -> dict[str, tuple[float, float]]:
    best = pd.concat([shapes_50[~shapes_50.index.isin(shapes_110.index)], shapes_110]).sort_index()  # 110m wins
    composites = {code: shapely.union_all([best[p] for p in parts if p in best.index])
                  for code, parts in COMPOSITES.items() if code not in best.index and best.index.isin(parts).any()}
    extra = gpd.GeoSeries(composites, crs=best.crs, dtype="geometry")
    return label_points(pd.concat([best, extra]))


# ---------------------------------------------------------------- web shapes

def _ring_coords(ring) -> list:
    return [[round(x, 3), round(y, 3)] for x, y in ring.coords]


def _polygon_coords(poly: Polygon) -> list:
    return [_ring_coords(poly.exterior)] + [_ring_coords(r) for r in poly.interiors]


def _web_geometry(geom) -> dict | None:
    """Snap to a 0.001-degree grid and wind exterior rings clockwise (the d3-geo/plotly.js convention:
    plotly fills the whole globe with counter-clockwise RFC 7946 rings)."""
    snapped = shapely.set_precision(geom, 0.001)
    polys = [p for p in getattr(snapped, "geoms", [snapped]) if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return None
    polys = [shapely.orient_polygons(p, exterior_cw=True) for p in polys]
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": _polygon_coords(polys[0])}
    return {"type": "MultiPolygon", "coordinates": [_polygon_coords(p) for p in polys]}


def shapes_geojson(shapes) -> bytes:
    """Compact, deterministic GeoJSON: features sorted by iso3, id = properties.iso3.

    Written here rather than by GDAL/geopandas: the bundle file keeps its exact bytes (3-decimal coordinates,
    clockwise exterior rings for plotly.js, no name/crs members)."""
    features = []
    for code, geom in sorted(shapes.items()):
        geometry = _web_geometry(geom)
        if geometry is not None:
            features.append({"type": "Feature", "id": code, "properties": {"iso3": code}, "geometry": geometry})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")


# ---------------------------------------------------------------- countries

def _display_name(info: dict) -> str:
    """UN M49 English name, or its shortest UN short form when longer than NAME_MAX characters."""
    name = info.get("M49 English") or info.get("English Short") or info.get("Preferred Term")
    if len(name) > NAME_MAX:
        alternatives = [a for a in (info.get("English Short"), info.get("HPC Tools Alt Term")) if a]
        name = min([name, *alternatives], key=lambda s: (len(s), s))
    return name


def _hdx_rows() -> pd.DataFrame:
    """hdx taxonomy rows (codes.hdx_countries) with the display name and the taxonomy's lat/lon."""
    from hdx.location.country import Country

    raw = Country.countriesdata(use_live=False)["countries"]
    hdx = codes.hdx_countries().set_index("iso3")
    hdx["name"] = [_display_name(raw[c]) for c in hdx.index]
    hdx["name_official"] = [raw[c].get("M49 English") or raw[c].get("English Short") for c in hdx.index]
    hdx["hdx_lat"] = [_float_or_none(raw[c].get("Latitude")) for c in hdx.index]
    hdx["hdx_lon"] = [_float_or_none(raw[c].get("Longitude")) for c in hdx.index]
    return hdx


def _float_or_none(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=1)
def _m49_names() -> dict[int, str]:
    from hdx.location.country import Country

    return {int(k): v for k, v in Country.countriesdata(use_live=False)["regioncodes2names"].items()}


def build_countries(universe: list[str], lookup: pd.DataFrame, income: pd.Series, points: dict,
                    ids_110: frozenset, ids_50: frozenset, ne_110: frozenset) -> pd.DataFrame:
    hdx = _hdx_rows()
    m49_names = _m49_names()
    rows = []
    for code in universe:
        row = {"iso3": code}
        if code in hdx.index:
            h = hdx.loc[code]
            row.update(name=h["name"], name_official=h["name_official"], name_fr=h["name_fr"], m49=h["m49"],
                       region_code=h["region_code"], subregion_code=h["subregion_code"],
                       intregion_code=h["intregion_code"], hdx_lat=h["hdx_lat"], hdx_lon=h["hdx_lon"])
        else:
            name, m49, _ = codes.EXTRA_ENTITIES[code]
            region, subregion = codes.EXTRA_REGIONS.get(code, (None, None))
            intregion = lookup.at[code, "intregion_code"] if code in lookup.index else None
            row.update(name=name, name_official=name, name_fr=None, m49=m49, region_code=region,
                       subregion_code=subregion, intregion_code=intregion, hdx_lat=None, hdx_lon=None)
        un_fr = row.get("name_fr") if row.get("name_fr") and not pd.isna(row["name_fr"]) else None
        row["name_fr"], row["name_fr_source"] = names.name_fr(code, un_fr, EXTRA_NAMES_FR.get(code), row["name"])
        row["name_bs"], row["name_bs_source"] = names.name_bs(code, row["name"])
        row["is_pseudo"] = code in codes.PSEUDO_CODES
        if row["is_pseudo"]:
            row.update(region_code=None, subregion_code=None, intregion_code=None)
        row["income_group"] = income.get(code)
        row["iom_region"] = lookup.at[code, "iom_region"] if code in lookup.index and not row["is_pseudo"] else None
        row["has_shape_110m"], row["has_shape_50m"] = code in ids_110, code in ids_50
        row["has_ne_shape_110m"] = code in ne_110
        if code in points:
            row["lat"], row["lon"] = points[code]
            row["centroid_source"] = "natural_earth"
        elif pd.notna(row["hdx_lat"]) and pd.notna(row["hdx_lon"]):
            lon = (float(row["hdx_lon"]) + 180.0) % 360.0 - 180.0  # hdx gives TUV 181.09, FJI 195.34
            row["lat"], row["lon"] = round(float(row["hdx_lat"]), 3), round(lon, 3)
            row["centroid_source"] = "hdx"
        else:
            row["lat"] = row["lon"] = row["centroid_source"] = None
        rows.append(row)
    df = pd.DataFrame(rows)
    for level in ("region", "subregion", "intregion"):
        col = f"{level}_code"
        df[col] = pd.array([None if pd.isna(v) else int(v) for v in df[col]], dtype="Int64")
        df[level] = pd.array([None if pd.isna(v) else m49_names.get(int(v)) for v in df[col]], dtype="string")
    df["m49"] = pd.array([None if pd.isna(v) else int(v) for v in df["m49"]], dtype="Int64")
    for col in ("lat", "lon"):
        df[col] = pd.to_numeric(df[col], errors="raise").astype("float64")
    for col in ("name", "name_official", "name_bs", "name_bs_source", "name_fr", "name_fr_source", "income_group",
                "iom_region", "centroid_source"):
        df[col] = pd.array([None if pd.isna(v) else str(v) for v in df[col]], dtype="string")
    cols = ["iso3", "name", "name_official", "name_bs", "name_bs_source", "name_fr", "name_fr_source", "m49", "region_code", "region", "subregion_code",
            "subregion", "intregion_code", "intregion", "income_group", "iom_region", "is_pseudo",
            "has_shape_110m", "has_shape_50m", "has_ne_shape_110m", "lat", "lon", "centroid_source"]
    return validate(df[cols].sort_values("iso3").reset_index(drop=True), COUNTRIES_SCHEMA, "countries")


# ---------------------------------------------------------------- groups

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_groups(countries: pd.DataFrame, lookup: pd.DataFrame, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    real = countries[~countries["is_pseudo"]]
    members_of = set(real["iso3"])
    groups, members = [], []

    def add(gid, label, kind, m49, description, codes_in):
        kept = sorted(set(codes_in) & members_of)
        groups.append({"group_id": gid, "label": label, "kind": kind, "m49": m49, "description": description})
        members.extend({"group_id": gid, "iso3": c} for c in kept)

    add("WLD", "World", "world", 1, "All countries and territories in the reference (unknown/stateless excluded).",
        real["iso3"])
    for level, kind in (("region", "m49_region"), ("subregion", "m49_subregion"), ("intregion", "m49_intregion")):
        col = f"{level}_code"
        for code, part in real.dropna(subset=[col]).groupby(col, sort=True):
            label = part[level].iloc[0]
            level_name = level.replace("intregion", "intermediate region")
            add(f"M49-{int(code)}", label, kind, int(code), f"UN M49 {level_name} {label} ({int(code)}).", part["iso3"])

    flagged = lambda col: set(lookup.index[lookup[col] == 1])  # noqa: E731
    eu = flagged("eu")
    if eu != EU27:
        notes.append(f"IOM lookup 'eu' flag differs from the official EU27 ({sorted(eu ^ EU27)}): official list used")
    add("EU27", "European Union (27)", "named", None, "EU member states since 1 February 2020.", EU27)
    add("SCHENGEN", "Schengen area", "named", None, "Schengen area as flagged by IOM (incl. Monaco, San Marino "
        "and the Holy See, which have open borders with it).", flagged("schengen"))
    add("WB6", "Western Balkans (WB6)", "named", None, "Albania, Bosnia and Herzegovina, Kosovo, Montenegro, "
        "North Macedonia, Serbia.", WESTERN_BALKANS)
    add("LDC", "Least developed countries", "named", None, "UN least developed countries, as flagged by IOM.",
        flagged("ldc"))
    add("LLDC", "Landlocked developing countries", "named", None, "UN landlocked developing countries, as flagged "
        "by IOM.", flagged("lldc"))
    add("SIDS", "Small island developing states", "named", None, "UN small island developing states, as flagged "
        "by IOM.", flagged("sids"))
    iom = real.dropna(subset=["iom_region"])
    for region, part in iom.groupby("iom_region", sort=True):
        add(f"IOM-{_slug(region)}", f"IOM: {region}", "named", None, f"IOM regional office area {region}.",
            part["iso3"])
    for label, code in INCOME_GROUPS.items():
        add(f"WB-{code}", label, "named", None, f"World Bank {label.lower()} economies (FY2024 classification).",
            real.loc[real["income_group"] == label, "iso3"])

    g = pd.DataFrame(groups)
    for lang in names.LANGS:
        pairs = [names.group_label(r.group_id, r.kind, None if pd.isna(r.m49) else int(r.m49), lang, r.label)
                 for r in g.itertuples()]
        g.insert(g.columns.get_loc("kind"), f"label_{lang}", [p[0] for p in pairs])
        g.insert(g.columns.get_loc("kind"), f"label_{lang}_source", [p[1] for p in pairs])
    for lang in names.LANGS:
        notes.append(f"group labels in {lang}: " + ", ".join(
            f"{k} {v}" for k, v in sorted(g[f"label_{lang}_source"].value_counts().items())))
    g["m49"] = pd.array(g["m49"], dtype="Int64")
    for col in ("group_id", "label", "label_bs", "label_bs_source", "label_fr", "label_fr_source", "kind",
                "description"):
        g[col] = g[col].astype("string")
    g = validate(g.sort_values("group_id").reset_index(drop=True), GROUPS_SCHEMA, "groups")
    m = pd.DataFrame(members, columns=["group_id", "iso3"]).astype("string")
    m = validate(m.sort_values(["group_id", "iso3"]).reset_index(drop=True),
                 Schema("group_members", {"group_id": "str", "iso3": "str"}, key=("group_id", "iso3")), "group_members")
    return g, m


# ---------------------------------------------------------------- base maps

def _decode_arcs(doc: dict) -> list[np.ndarray]:
    """Absolute vertex positions of every arc (delta-decoded when the topology is quantized)."""
    quantized = "transform" in doc
    out = []
    for arc in doc["arcs"]:
        a = np.asarray(arc, dtype=np.int64 if quantized else float).reshape(-1, 2)
        out.append(np.cumsum(a, axis=0) if quantized else a)
    return out


def _rings(geom: dict):
    """Every polygon ring (a list of arc indexes) of a TopoJSON geometry."""
    kind, arcs = geom.get("type"), geom.get("arcs")
    if kind == "Polygon":
        yield from arcs
    elif kind == "MultiPolygon":
        for polygon in arcs:
            yield from polygon
    elif kind == "GeometryCollection":
        for g in geom.get("geometries", []):
            yield from _rings(g)


def simplify_topology(doc: dict, tolerance: float) -> tuple[dict, int, int]:
    """``doc`` with every arc simplified (Douglas-Peucker via shapely, ``tolerance`` in degrees).

    Arcs are simplified one by one with their end points kept, so a border shared by two countries stays
    shared (no gaps or overlaps). Nothing disappears: a closed arc (an island) keeps at least 4 vertices and a
    ring that would fall under 4 vertices gets its original arcs back. Returns (doc, vertices before, after).
    """
    scale = np.asarray(doc.get("transform", {}).get("scale", [1.0, 1.0]), dtype=float)
    original = _decode_arcs(doc)

    def simplified(a: np.ndarray, tol: float) -> np.ndarray:
        if len(a) <= 2:
            return a
        kept = np.asarray(shapely.simplify(shapely.LineString(a * scale), tol).coords) / scale
        return np.rint(kept).astype(a.dtype) if a.dtype.kind == "i" else kept

    arcs = []
    for a in original:
        s = simplified(a, tolerance)
        if len(a) >= 4 and (a[0] == a[-1]).all() and len(s) < 4:
            s = simplified(a, tolerance / 8)
            s = s if len(s) >= 4 else a
        arcs.append(s)
    for obj in doc["objects"].values():
        for ring in _rings(obj):
            used = [i if i >= 0 else ~i for i in ring]
            if sum(len(arcs[i]) - 1 for i in used) < 3 <= sum(len(original[i]) - 1 for i in used):
                for i in used:
                    arcs[i] = original[i]
    encoded = [np.vstack([a[:1], np.diff(a, axis=0)]) if "transform" in doc else a for a in arcs]
    out = dict(doc, arcs=[a.tolist() for a in encoded])
    return out, sum(len(a) for a in original), sum(len(a) for a in arcs)


def write_base_maps(raw_dir: Path, assets_dir: Path) -> list[str]:
    """Write the plotly TopoJSON base maps into assets_dir/topojson (rewritten only when they changed):
    world_110m as published, world_50m simplified (``simplify_topology``). Returns one note per file."""
    target = Path(assets_dir) / "topojson"
    target.mkdir(parents=True, exist_ok=True)
    notes = []
    for name in TOPO_FILES:
        src, dst = raw_dir / PLOTLY_TOPOJSON.folder / name, target / name
        if name == "world_50m.json":
            try:
                doc, before, after = simplify_topology(_load_json(src), SIMPLIFY_50M_DEG)
            except (KeyError, TypeError, ValueError, IndexError, shapely.errors.GEOSException) as exc:
                raise IngestError(src, f"malformed TopoJSON arcs ({type(exc).__name__}: {exc})", "arcs") from exc
            payload = json.dumps(doc, separators=(",", ":")).encode()
            notes.append(f"{name} simplified ({SIMPLIFY_50M_DEG} degrees, shared borders and every ring kept): "
                         f"{before:,} -> {after:,} vertices")
        else:
            payload = src.read_bytes()
            notes.append(f"{name} copied as published")
        if not dst.exists() or dst.read_bytes() != payload:
            dst.write_bytes(payload)
    return notes


# ---------------------------------------------------------------- entry point

def ingest(raw_dir: Path, used_codes: frozenset[str] = frozenset(), assets_dir: Path | None = None) -> SourceOutput:
    raw_dir = Path(raw_dir)
    codes.check_known(pd.Series(sorted(used_codes), dtype="string"), "used codes (bundle)", "iso3")
    ne_dir, topo_dir = raw_dir / NATURAL_EARTH.folder, raw_dir / PLOTLY_TOPOJSON.folder
    shapes_110, dropped_110 = _ne_shapes(ne_dir / NE_110M, ("ISO_A3_EH", "ADM0_A3"))
    shapes_50, dropped_50 = _ne_shapes(ne_dir / NE_50M, ("iso_a3", "adm0_a3"))
    ids_110, ids_50 = (_topojson_ids(topo_dir / f) for f in TOPO_FILES)
    lookup, income = _read_lookup(raw_dir), _read_income(raw_dir)

    non_pseudo_extra = {c for c, (_, _, pseudo) in codes.EXTRA_ENTITIES.items() if not pseudo}
    universe = sorted(set(used_codes) | set(codes.hdx_countries()["iso3"]) | non_pseudo_extra)
    points = _label_points(shapes_110, shapes_50)
    countries = build_countries(universe, lookup, income, points, ids_110, ids_50, frozenset(shapes_110.index))
    source = countries["centroid_source"]
    notes = [
        f"Natural Earth 110m: {len(shapes_110)} shapes; unmatched features left out: {sorted(dropped_110)}",
        f"Natural Earth 50m legacy: {len(shapes_50)} shapes; unmatched features left out: {sorted(dropped_50)}",
        f"countries: {len(countries)} codes; label point from Natural Earth {int((source == 'natural_earth').sum())}, "
        f"from hdx {int((source == 'hdx').sum())}, none {int(source.isna().sum())}",
        f"no plotly 110m shape: {int((~countries['has_shape_110m']).sum())} codes; no 50m shape: "
        f"{int((~countries['has_shape_50m']).sum())}",
        *(f"country names in {lang} ({names.versions()}): " + ", ".join(
            f"{k} {v}" for k, v in sorted(countries[f"name_{lang}_source"].value_counts().items()))
          + "; English kept for " + (", ".join(countries.loc[countries[f"name_{lang}_source"] == "english", "iso3"])
                                     or "none")
          for lang in names.LANGS),
    ]
    groups, members = build_groups(countries, lookup, notes)
    if assets_dir is not None:
        notes.append(f"plotly base maps in assets/topojson: {'; '.join(write_base_maps(raw_dir, assets_dir))}")
    return SourceOutput(
        tables={"countries": countries, "groups": groups, "group_members": members},
        files={SHAPES_FILE: shapes_geojson(shapes_110)},
        notes=notes,
    )
