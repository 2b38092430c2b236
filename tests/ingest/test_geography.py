"""Tests for dashboard.ingest.geography: country reference, groups, web shapes and base maps.

The made-up raw files are written into tmp_path by `_write_fixture_raw` (a few features and rows each);
the real-data tests run on the staged files, which are small.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from dashboard.ingest import geography as geo
from dashboard.ingest.base import IngestError

REPO = Path(__file__).resolve().parents[2]
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")

LOOKUP_COLUMNS = ["m49", "iso2", "iso3", "name", "name_sort", "name_text", "with_the", "region_code", "region",
                  "subregion_code", "subregion", "intregion_code", "intregion", "iom_region", "rdh", "ldc", "lldc",
                  "sids", "eu", "schengen", "balkans", "snapshot"]


# ---------------------------------------------------------------- made-up raw files

def _square(x0, y0, size):
    """Clockwise ring (the Natural Earth / d3 winding)."""
    return [[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]]


def _feature(props, polygons):
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in polygons]}}


def _write_fixture_raw(root: Path) -> Path:
    ne = root / "natural_earth_admin0"
    ne.mkdir(parents=True)
    u_shape = [[10, 60], [10, 64], [11, 64], [11, 61], [13, 61], [13, 64], [14, 64], [14, 60], [10, 60]]
    ne110 = [
        # France: ISO_A3 is -99 in NE 5.x; a mainland square plus a small overseas square far away
        _feature({"ISO_A3": "-99", "ISO_A3_EH": "FRA", "ADM0_A3": "FRA"},
                 [_square(0.0001234, 44, 4), _square(-54, 3, 1)]),
        _feature({"ISO_A3": "-99", "ISO_A3_EH": "-99", "ADM0_A3": "KOS"}, [_square(20.5, 42.2, 0.5)]),
        _feature({"ISO_A3": "-99", "ISO_A3_EH": "-99", "ADM0_A3": "CYN"}, [_square(33, 35, 0.5)]),
        # Germany in two features: dissolved into one
        _feature({"ISO_A3": "DEU", "ISO_A3_EH": "DEU", "ADM0_A3": "DEU"}, [_square(6, 48, 2)]),
        _feature({"ISO_A3": "DEU", "ISO_A3_EH": "DEU", "ADM0_A3": "DEU"}, [_square(8, 48, 2)]),
        # Norway as a U: its centroid falls outside the polygon
        _feature({"ISO_A3": "-99", "ISO_A3_EH": "NOR", "ADM0_A3": "NOR"}, [u_shape]),
    ]
    (ne / geo.NE_110M).write_text(json.dumps({"type": "FeatureCollection", "features": ne110}))
    ne50 = [
        _feature({"iso_a3": "SGP", "adm0_a3": "SGP"}, [_square(103.6, 1.2, 0.4)]),
        _feature({"iso_a3": "FRA", "adm0_a3": "FRA"}, [_square(-5, 40, 1)]),  # 110m wins for FRA
        _feature({"iso_a3": "-99", "adm0_a3": "SOL"}, [_square(45, 9, 1)]),
        _feature({"iso_a3": "GGY", "adm0_a3": "GGY"}, [_square(-2.7, 49.4, 0.1)]),
        _feature({"iso_a3": "JEY", "adm0_a3": "JEY"}, [_square(-2.25, 49.15, 0.2)]),
    ]
    with gzip.open(ne / geo.NE_50M, "wt") as fh:
        json.dump({"type": "FeatureCollection", "features": ne50}, fh)

    topo = root / "plotly_geo_topojson"
    topo.mkdir()
    for name, ids in (("world_110m.json", ["FRA", "DEU", "NOR", "FRA"]), ("world_50m.json", ["FRA", "DEU", "SGP"])):
        geoms = [{"type": "Polygon", "arcs": [[0]], "id": i, "properties": {"ct": [0, 0]}} for i in ids]
        (topo / name).write_text(json.dumps({"type": "Topology", "objects": {"countries": {
            "type": "GeometryCollection", "geometries": geoms}}, "arcs": [[[0, 0], [1, 1]]]}))

    iom = root / "iom_gdidata_irregular_migration"
    iom.mkdir()
    rows = [
        # m49, iso2, iso3, name, region, subregion, intregion, iom_region, ldc, lldc, sids, eu, schengen, balkans
        ("250", "FR", "FRA", "France", 150, 155, "", "Europe and Central Asia", 0, 0, 0, 1, 1, 0),
        ("276", "DE", "DEU", "Germany", 150, 155, "", "Europe and Central Asia", 0, 0, 0, 1, 1, 0),
        ("516", "NA", "NAM", "Namibia", 2, 202, 18, "East, Horn and Southern Africa", 0, 0, 0, 0, 0, 0),
        ("", "XK", "XKX", "Kosovo (SCR 1244)", 150, 39, "", "Europe and Central Asia", 0, 0, 0, 0, 0, 1),
        ("830", "XC", "XCX", "Channel Islands", 150, 154, "", "Europe and Central Asia", 0, 0, 0, 0, 0, 0),
        ("", "", "STL", "Stateless", "", "", "", "", 0, 0, 0, 0, 0, 0),
        ("", "", "TIB", "Tibet", 142, 30, "", "Asia and the Pacific", 0, 0, 0, 0, 0, 1),
        ("798", "TV", "TUV", "Tuvalu", 9, 61, "", "Asia and the Pacific", 1, 0, 1, 0, 0, 0),
    ]
    with open(iom / geo.LOOKUP_FILE, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(LOOKUP_COLUMNS)
        for m49, iso2, iso3, name, reg, sub, inter, iomr, ldc, lldc, sids, eu, sch, balk in rows:
            w.writerow([m49, iso2, iso3, name, name, name, 0, reg, "", sub, "", inter, "", iomr, "",
                        ldc, lldc, sids, eu, sch, balk, 1])

    wb = root / geo.WB_META_FOLDER
    wb.mkdir()
    (wb / geo.WB_META_FILE).write_text(
        "iso3,wb_region,wb_income_group\n"
        "FRA,Europe & Central Asia,High income\n"
        "NAM,Sub-Saharan Africa,Upper middle income\n"
        "XKX,Europe & Central Asia,Upper middle income\n"
        "CHI,Europe & Central Asia,High income\n"
        "VEN,Latin America & Caribbean,\n"
        "WLD,,\n"
    )
    return root


@pytest.fixture(scope="module")
def fixture_raw(tmp_path_factory) -> Path:
    return _write_fixture_raw(tmp_path_factory.mktemp("raw"))


@pytest.fixture(scope="module")
def fixture_out(fixture_raw, tmp_path_factory):
    assets = tmp_path_factory.mktemp("assets")
    return geo.ingest(fixture_raw, used_codes=frozenset({"UNK", "FRA"}), assets_dir=assets), assets


def _row(countries: pd.DataFrame, code: str) -> dict:
    return countries.set_index("iso3").loc[code].to_dict()


def test_fixture_countries_rows(fixture_out):
    out, _ = fixture_out
    c = out.tables["countries"]
    assert c["iso3"].is_unique
    # 249 ISO codes + 5 non-pseudo extras + UNK (used)
    assert len(c) == 255
    assert "XXA" not in set(c["iso3"]) and "UNK" in set(c["iso3"])
    fra = _row(c, "FRA")
    assert (fra["name"], fra["m49"], fra["region"], fra["subregion"]) == ("France", 250, "Europe", "Western Europe")
    assert fra["income_group"] == "High income" and fra["iom_region"] == "Europe and Central Asia"
    assert (fra["has_shape_110m"], fra["has_shape_50m"], fra["has_ne_shape_110m"]) == (True, True, True)
    # mainland square 0..4 E, 44..48 N, not the overseas square nor the 50m copy
    assert fra["centroid_source"] == "natural_earth"
    assert 45.9 < fra["lat"] < 46.1 and 1.9 < fra["lon"] < 2.1
    xkx = _row(c, "XKX")
    assert (xkx["name"], xkx["region_code"], xkx["subregion_code"]) == ("Kosovo (UNSCR 1244)", 150, 39)
    assert pd.isna(xkx["m49"]) and xkx["income_group"] == "Upper middle income"
    assert (xkx["has_shape_110m"], xkx["has_ne_shape_110m"]) == (False, True)
    assert 42.2 < xkx["lat"] < 42.7 and 20.5 < xkx["lon"] < 21.0
    # U-shaped Norway: the label point is moved inside the polygon
    nor = _row(c, "NOR")
    u_shape = shape({"type": "Polygon", "coordinates": [[[10, 60], [10, 64], [11, 64], [11, 61], [13, 61], [13, 64],
                                                          [14, 64], [14, 60], [10, 60]]]})
    assert u_shape.contains(Point(nor["lon"], nor["lat"]))
    # 50m fallback, composite, hdx fallback (longitude 181.09 wrapped), nothing
    sgp = _row(c, "SGP")
    assert (sgp["has_shape_110m"], sgp["has_shape_50m"], sgp["centroid_source"]) == (False, True, "natural_earth")
    chi = _row(c, "CHI")
    assert chi["iom_region"] == "Europe and Central Asia" and chi["income_group"] == "High income"
    assert 49.15 < chi["lat"] < 49.35 and -2.25 < chi["lon"] < -2.05  # on Jersey, the larger part
    tuv = _row(c, "TUV")
    assert (tuv["centroid_source"], tuv["lat"], tuv["lon"]) == ("hdx", -10.461, -178.912)
    unk = _row(c, "UNK")
    assert unk["is_pseudo"] and pd.isna(unk["lat"]) and pd.isna(unk["centroid_source"])
    assert pd.isna(_row(c, "VEN")["income_group"])  # unclassified stays missing
    assert _row(c, "NAM")["iom_region"] == "East, Horn and Southern Africa"  # iso2 'NA' read as text
    assert _row(c, "GBR")["name"] == "United Kingdom"  # M49 name longer than 40 characters


def test_fixture_groups(fixture_out):
    out, _ = fixture_out
    g, m = out.tables["groups"], out.tables["group_members"]
    members = m.groupby("group_id")["iso3"].apply(set).to_dict()
    # the lookup flags only FRA and DEU as EU: the official list is used and the difference noted
    assert members["EU27"] == geo.EU27 and any("official list used" in n for n in out.notes)
    assert members["WB6"] == {"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"}  # TIB's 'balkans' flag ignored
    assert members["SCHENGEN"] == {"FRA", "DEU"}
    assert members["LDC"] == {"TUV"} and members["SIDS"] == {"TUV"}
    assert members["IOM-europe-and-central-asia"] == {"FRA", "DEU", "XKX", "CHI"}
    assert members["WB-HIC"] == {"FRA", "CHI"} and members["WB-UMC"] == {"NAM", "XKX"}
    assert "UNK" not in members["WLD"] and {"XKX", "CHI", "SCG"} <= members["WLD"]
    assert {"BIH", "XKX"} <= members["M49-150"] and "XKX" in members["M49-39"]
    row = g.set_index("group_id").loc["M49-39"]
    assert (row["label"], row["kind"], row["m49"]) == ("Southern Europe", "m49_subregion", 39)
    assert set(m["iso3"]) <= set(out.tables["countries"]["iso3"])


def test_fixture_shapes_and_base_maps(fixture_out, fixture_raw):
    out, assets = fixture_out
    doc = json.loads(out.files[geo.SHAPES_FILE])
    ids = [f["id"] for f in doc["features"]]
    assert ids == ["DEU", "FRA", "NOR", "XKX"]  # sorted, CYN left out, KOS -> XKX, DEU dissolved once
    assert all(f["properties"] == {"iso3": f["id"]} for f in doc["features"])
    deu = shape(doc["features"][0]["geometry"])
    assert deu.geom_type == "Polygon" and deu.area == pytest.approx(8.0)  # the two squares merged
    fra = doc["features"][1]["geometry"]
    mainland = fra["coordinates"][0][0]
    assert [0.0, 44.0] in mainland and len(mainland) == 5  # 0.0001234 snapped to the 0.001 grid
    assert all(not p.exterior.is_ccw for p in shape(fra).geoms)  # clockwise, as plotly.js expects
    assert any("['CYN']" in n for n in out.notes)
    raw_topo = fixture_raw / "plotly_geo_topojson"
    assert (assets / "topojson" / "world_110m.json").read_bytes() == (raw_topo / "world_110m.json").read_bytes()
    # world_50m goes through simplify_topology; the made-up one has nothing to simplify: same content
    assert json.loads((assets / "topojson" / "world_50m.json").read_text()) == json.loads(
        (raw_topo / "world_50m.json").read_text())


# ---------------------------------------------------------------- malformed raw files

def _fresh_raw(tmp_path: Path) -> Path:
    """A private copy of the made-up raw files, safe to break."""
    return _write_fixture_raw(tmp_path / "raw")


def _rewrite_lookup(raw: Path, edit) -> None:
    path = raw / "iom_gdidata_irregular_migration" / geo.LOOKUP_FILE
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(df).to_csv(path, index=False)


@pytest.mark.parametrize("edit, column", [
    (lambda d: d.assign(m49=d["m49"].where(d["iso3"] != "DEU", "2x6")), "m49"),
    (lambda d: d.drop(columns=["eu"]), "eu"),
    (lambda d: pd.concat([d, d[d["iso3"] == "FRA"]]), "iso3"),
    (lambda d: d.assign(iso3=d["iso3"].where(d["iso3"] != "DEU", "QQQ")), "iso3"),
])
def test_malformed_lookup(tmp_path, edit, column):
    raw = _fresh_raw(tmp_path)
    _rewrite_lookup(raw, edit)
    with pytest.raises(IngestError) as err:
        geo.ingest(raw)
    assert geo.LOOKUP_FILE in str(err.value) and repr(column) in str(err.value)


def test_malformed_geojson_and_topojson(tmp_path):
    raw = _fresh_raw(tmp_path)
    path = raw / "natural_earth_admin0" / geo.NE_110M
    doc = json.loads(path.read_text())
    del doc["features"][3]["properties"]["ISO_A3_EH"]
    path.write_text(json.dumps(doc))
    with pytest.raises(IngestError) as err:
        geo.ingest(raw)
    assert geo.NE_110M in str(err.value) and "'ISO_A3_EH'" in str(err.value) and "row 4" in str(err.value)

    raw = _write_fixture_raw(tmp_path / "raw2")
    (raw / "plotly_geo_topojson" / "world_50m.json").write_text('{"type": "FeatureCollection"')
    with pytest.raises(IngestError, match="world_50m.json.*JSON"):
        geo.ingest(raw)


def test_unknown_used_code_fails(fixture_raw):
    with pytest.raises(IngestError, match="'ZZZ'"):
        geo.ingest(fixture_raw, used_codes=frozenset({"FRA", "ZZZ"}))


# ---------------------------------------------------------------- real staged data

# Codes of the country reference that plotly's world_110m cannot draw. A new unmatched code fails here.
EXPECTED_NO_PLOTLY_110M = frozenset({
    "AB9", "ABW", "AIA", "AND", "ANT", "ASM", "ATG", "BES", "BHR", "BLM", "BMU", "BRB", "BVT", "CCK", "CHI", "COK",
    "CUW", "CXR", "CYM", "FRO", "FSM", "GGY", "GIB", "GRD", "HKG", "HMD", "IMN", "IOT", "JEY", "KIR", "KNA", "LCA",
    "LIE", "MAC", "MAF", "MCO", "MDV", "MHL", "MLT", "MNP", "MSR", "MYT", "NFK", "NIU", "NRU", "PCN", "PLW", "SCG",
    "SGP", "SHN", "SMR", "SPM", "SXM", "SYC", "TCA", "TKL", "TON", "TUV", "UMI", "VAT", "VCT", "VGB", "VIR", "WLF",
    "XKX",
})
EXPECTED_NO_PLOTLY_50M = frozenset({"AB9", "ANT", "CHI", "IOT", "SCG", "SMR", "UMI", "VAT", "WLF", "XKX"})
# ... and with no Natural Earth shape at all (label point from the hdx taxonomy, or none)
EXPECTED_HDX_POINT = frozenset({"BES", "BVT", "CCK", "CXR", "GIB", "GLP", "GUF", "MTQ", "MYT", "REU", "SJM", "TKL",
                                "TUV"})
USED = frozenset({"UNK", "XXA", "TIB", "OOS", "FRA", "XKX"})


@pytest.fixture(scope="module")
def real_out(tmp_path_factory):
    assets = tmp_path_factory.mktemp("assets_real")
    return geo.ingest(RAW_DIR, used_codes=USED, assets_dir=assets), assets


def test_real_countries(real_out):
    out, _ = real_out
    c = out.tables["countries"]
    assert c["iso3"].is_unique and USED <= set(c["iso3"])
    assert len(c) == 249 + 5 + 4  # ISO + non-pseudo extras + the four pseudo codes used
    boxes = {"FRA": (42, 51, -5, 8), "NOR": (58, 71, 4, 31), "XKX": (41.8, 43.3, 20, 21.8),
             "SSD": (3.5, 12.3, 24, 36), "PSE": (31.2, 32.6, 34.2, 35.6), "ESH": (20.7, 27.7, -17.2, -8.6),
             "USA": (25, 49, -125, -67)}
    for code, (la0, la1, lo0, lo1) in boxes.items():
        r = _row(c, code)
        assert r["centroid_source"] == "natural_earth", code
        assert la0 < r["lat"] < la1 and lo0 < r["lon"] < lo1, (code, r["lat"], r["lon"])
    assert set(c.loc[~c["has_shape_110m"], "iso3"]) - geo.codes.PSEUDO_CODES == EXPECTED_NO_PLOTLY_110M
    assert set(c.loc[~c["has_shape_50m"], "iso3"]) - geo.codes.PSEUDO_CODES == EXPECTED_NO_PLOTLY_50M
    assert set(c.loc[c["centroid_source"] == "hdx", "iso3"]) == EXPECTED_HDX_POINT
    assert set(c.loc[c["centroid_source"].isna(), "iso3"]) == {"AB9", "UMI"} | (USED & geo.codes.PSEUDO_CODES)
    # World Bank May 2023: Taiwan has no income group; Kosovo upper middle; Venezuela unclassified
    assert pd.isna(_row(c, "TWN")["income_group"]) and pd.isna(_row(c, "VEN")["income_group"])
    assert _row(c, "XKX")["income_group"] == "Upper middle income"
    assert int(c["income_group"].value_counts()["Low income"]) == 28
    assert _row(c, "CIV")["name"] == "Côte d’Ivoire" and _row(c, "HKG")["name"] == "Hong Kong"
    assert _row(c, "PSE")["region"] == "Asia" and _row(c, "PSE")["iom_region"] == "Middle East and North Africa"


def test_real_groups(real_out):
    out, _ = real_out
    members = out.tables["group_members"].groupby("group_id")["iso3"].apply(set).to_dict()
    assert members["WB6"] == {"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"}
    assert len(members["EU27"]) == 27 and "HRV" in members["EU27"] and "GBR" not in members["EU27"]
    assert not any("official list used" in n for n in out.notes)  # the IOM flag matches the EU list
    assert {"BIH", "XKX"} <= members["M49-150"] and "XKX" in members["M49-39"]
    assert len(members["SCHENGEN"]) == 32 and "IRL" not in members["SCHENGEN"]
    assert len(members["WB-HIC"]) == 80 and len(members["WB-LIC"]) == 28
    assert not (set().union(*members.values()) & geo.codes.PSEUDO_CODES)
    g = out.tables["groups"].set_index("group_id")
    assert g.loc["M49-150", "label"] == "Europe" and g.loc["WLD", "kind"] == "world"
    assert set(g["kind"]) == {"world", "m49_region", "m49_subregion", "m49_intregion", "named"}
    assert len(g) == len(members)


def test_real_shapes_deterministic_and_base_maps(real_out):
    out, assets = real_out
    payload = out.files[geo.SHAPES_FILE]
    assert len(payload) < 600_000
    doc = json.loads(payload)
    ids = [f["id"] for f in doc["features"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 175
    assert {"FRA", "NOR", "XKX", "SSD", "PSE", "ESH"} <= set(ids) and not {"CYN", "SOL", "-99"} & set(ids)
    # Natural Earth features with no ISO code (N. Cyprus, Somaliland, Ashmore, Indian Ocean Ter., Siachen)
    assert "Natural Earth 110m: 175 shapes; unmatched features left out: ['CYN', 'SOL']" in out.notes
    assert ("Natural Earth 50m legacy: 236 shapes; unmatched features left out: "
            "['ATC', 'CYN', 'IOA', 'KAS', 'SOL']") in out.notes
    again = geo.ingest(RAW_DIR, used_codes=USED)
    assert hashlib.sha256(again.files[geo.SHAPES_FILE]).hexdigest() == hashlib.sha256(payload).hexdigest()
    pd.testing.assert_frame_equal(again.tables["countries"], out.tables["countries"])
    raw_topo = RAW_DIR / "plotly_geo_topojson"
    assert (assets / "topojson" / "world_110m.json").read_bytes() == (raw_topo / "world_110m.json").read_bytes()
    assert any("world_50m.json simplified" in n for n in out.notes)


def _polygons(doc: dict, geom: dict, arcs: list) -> list:
    """Shapely polygons of one TopoJSON Polygon/MultiPolygon geometry (stitched from its ``arcs``, the document's
    decoded arcs: ``geo._decode_arcs(doc)``, decoded once per document by the caller)."""
    from shapely.geometry import Polygon

    scale = doc.get("transform", {}).get("scale", [1, 1])
    shift = doc.get("transform", {}).get("translate", [0, 0])

    def ring(indexes):
        pts = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a.tolist()[1 if pts else 0:])
        return [(x * scale[0] + shift[0], y * scale[1] + shift[1]) for x, y in pts]

    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    return [Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys]


def test_real_world_50m_is_simplified_and_keeps_every_country(real_out):
    """The served 50m base map: half the vertices or fewer, the same countries and ids, every island still a
    polygon with an area, each country's outline within a few km of the published one."""
    _, assets = real_out
    raw = json.loads((RAW_DIR / "plotly_geo_topojson" / "world_50m.json").read_text())
    served_bytes = (assets / "topojson" / "world_50m.json").read_bytes()
    served = json.loads(served_bytes)
    assert served_bytes == (REPO / "assets" / "topojson" / "world_50m.json").read_bytes()  # the committed file
    assert len(served_bytes) < 0.6 * len(json.dumps(raw, separators=(",", ":")))
    assert {k: v for k, v in served.items() if k != "arcs"} == {k: v for k, v in raw.items() if k != "arcs"}
    assert len(served["arcs"]) == len(raw["arcs"])
    before, after = geo._decode_arcs(raw), geo._decode_arcs(served)
    assert sum(map(len, after)) <= 0.5 * sum(map(len, before))
    for a, b in zip(before, after):  # end points kept: borders shared by two countries stay shared
        assert (a[0] == b[0]).all() and (a[-1] == b[-1]).all()
    countries = {g["id"]: g for g in raw["objects"]["countries"]["geometries"] if g.get("id")}
    simplified = {g["id"]: g for g in served["objects"]["countries"]["geometries"] if g.get("id")}
    assert simplified.keys() == countries.keys() and {"SGP", "MLT", "BHR", "TUV", "NRU", "MCO"} <= simplified.keys()
    for iso3, g in simplified.items():
        if g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        new, old = _polygons(served, g, after), _polygons(raw, countries[iso3], before)
        assert len(new) == len(old), iso3  # no island lost
        assert all(p.area > 0 for p in new), iso3
        for p, q in zip(new, old):
            assert p.exterior.hausdorff_distance(q.exterior) <= geo.SIMPLIFY_50M_DEG * 1.01, iso3


def test_simplify_topology_made_up():
    """Made-up topology: two squares sharing a zig-zag border, and a tiny island (one closed arc)."""
    zigzag = [[1, 0]] + [[1 + (0.001 if i % 2 else 0), i / 10] for i in range(1, 10)] + [[1, 1]]
    doc = {"type": "Topology", "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "AAA"},
        {"type": "Polygon", "arcs": [[~0, 2]], "id": "BBB"},
        {"type": "Polygon", "arcs": [[3]], "id": "CCC"}]}},
        "arcs": [zigzag, [[1, 1], [0, 1], [0, 0], [1, 0]], [[1, 1], [2, 1], [2, 0], [1, 0]],
                 [[5, 5], [5.01, 5], [5.01, 5.01], [5, 5.01], [5, 5]]]}
    out, before, after = geo.simplify_topology(doc, 0.05)
    assert out["objects"] == doc["objects"] and before == 24
    assert out["arcs"][0] == [[1, 0], [1, 1]]  # the zig-zag (0.001 wide) collapses to its end points, once
    assert out["arcs"][1:3] == doc["arcs"][1:3]  # corners kept
    assert out["arcs"][3] == doc["arcs"][3]  # the island (smaller than the tolerance) is kept whole
    assert after == 2 + 4 + 4 + 5
    quantized = {"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [0, 0]},
                 "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                     {"type": "Polygon", "arcs": [[0]], "id": "DDD"}]}},
                 "arcs": [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]]}
    q, _, _ = geo.simplify_topology(quantized, 0.5)  # delta-encoded arcs decode, simplify and re-encode
    assert q["arcs"] == quantized["arcs"]  # a 0.1-degree closed ring keeps its 4 corners


def test_malformed_topojson_arcs(tmp_path):
    raw = _fresh_raw(tmp_path)
    topo = raw / "plotly_geo_topojson" / "world_50m.json"
    doc = json.loads(topo.read_text())
    doc["arcs"] = [[["a", "b"], [1]]]
    topo.write_text(json.dumps(doc))
    with pytest.raises(IngestError, match="world_50m.json.*arcs"):
        geo.ingest(raw, assets_dir=tmp_path / "assets")


def test_disclaimer_and_sources():
    assert geo.UN_MAP_DISCLAIMER.startswith("The boundaries and names shown")
    assert "resolution 1244 (1999)" in geo.UN_MAP_DISCLAIMER
    for info in geo.SOURCES:
        assert all((RAW_DIR / info.folder / f).exists() for f in info.files), info.id
