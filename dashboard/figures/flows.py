"""Pure figure builders for the flows page: great-circle arc map, Sankey, top-partner bars, region matrix.

Inputs are small tidy frames from ``dashboard.queries.flows``; outputs are plain figure dicts.
The arc map's extent is explicit (``fitbounds=False`` and axis ranges, so page, embed and image agree): by default
it fits the focus and the partners drawn (``fit_extent``), or shows Europe and the Western Balkans, or the world.
Its size legend gives three reference values for the arcs' width and the circles' size. Sankey nodes carry their
values in their labels. Every text a reader sees comes in as a parameter (already in the page language).
Missing values are never drawn as 0.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..numbers import exact as fmt, share, short

NO_DATA_GREY = "#d9d9d9"
LOW, HIGH = (198, 219, 239), (8, 48, 107)  # light to dark blue (dark end passes AA on white)
FOCUS_COLOUR = "#b35806"
OTHER_COLOUR = "#8c8c8c"
GEO = dict(
    projection=dict(type="natural earth"), showframe=False, showcoastlines=False, showcountries=True,
    countrycolor="#ffffff", countrywidth=0.4, showland=True, landcolor=NO_DATA_GREY, showocean=True,
    oceancolor="#f4f8fb", showlakes=False, resolution=50, fitbounds=False,
    lonaxis=dict(range=[-180, 180]), lataxis=dict(range=[-58, 85]),
)
# the map's extents a reader can choose (the first is the default): lon and lat ranges in degrees, None = fitted
WORLD = ((-180.0, 180.0), (-58.0, 85.0))
EXTENTS = {"fit": None, "europe": ((-13.0, 42.0), (34.0, 64.0)), "world": WORLD}
MIN_SPAN = (20.0, 10.0)  # a fitted map shows at least this many degrees of longitude and latitude
MARGIN = 0.12  # and this share of the drawn span on each side (at least 2 degrees)
ASPECT = (2.6, 3.4)  # lon span / lat span kept between these (the map card is ~2.4 times wider than tall)
WORLD_LON = 300.0  # corridors spread wider than this: the whole world
SANKEY_SEP = " · "  # between a Sankey node's name and its value



def pct(v, lang: str = "en") -> str:
    return share(v, lang)


def great_circle(lat1: float, lon1: float, lat2: float, lon2: float, n: int = 24) -> tuple[list, list]:
    """``n`` points along the great circle from (lat1, lon1) to (lat2, lon2) (spherical interpolation)."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = np.array([math.cos(p1) * math.cos(l1), math.cos(p1) * math.sin(l1), math.sin(p1)])
    b = np.array([math.cos(p2) * math.cos(l2), math.cos(p2) * math.sin(l2), math.sin(p2)])
    omega = math.acos(max(-1.0, min(1.0, float(a @ b))))
    t = np.linspace(0.0, 1.0, n)
    if omega < 1e-9:
        pts = np.outer(1 - t, a) + np.outer(t, b)
    else:
        pts = (np.outer(np.sin((1 - t) * omega), a) + np.outer(np.sin(t * omega), b)) / math.sin(omega)
    lats = np.degrees(np.arctan2(pts[:, 2], np.hypot(pts[:, 0], pts[:, 1])))
    lons = np.degrees(np.arctan2(pts[:, 1], pts[:, 0]))
    return [round(float(x), 3) for x in lats], [round(float(x), 3) for x in lons]


def _colour(frac: float) -> str:
    r, g, b = (round(lo + (hi - lo) * frac) for lo, hi in zip(LOW, HIGH))
    return f"rgb({r},{g},{b})"


def _scale(values: pd.Series) -> np.ndarray:
    """0..1 on a square-root scale of value (areas/widths read better than linear for skewed counts)."""
    v = np.sqrt(values.clip(lower=0).to_numpy(dtype=float))
    top = np.nanmax(v) if len(v) else 0
    return v / top if top else np.zeros(len(v))


def empty_figure(message: str) -> dict:
    return {"data": [], "layout": {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "annotations": [{"text": message, "showarrow": False, "font": {"size": 16}, "xref": "paper",
                         "yref": "paper", "x": 0.5, "y": 0.5}]}}


def _lon_window(lons: list[float]) -> tuple[float, float]:
    """The shortest stretch of longitude holding every ``lons`` (east end past 180 when it crosses the antimeridian):
    the complement of the widest gap between neighbouring longitudes around the globe."""
    xs = sorted({((float(x) + 180.0) % 360.0) - 180.0 for x in lons})
    if len(xs) == 1:
        return xs[0], xs[0]
    gaps = [(xs[i + 1] - xs[i], i) for i in range(len(xs) - 1)] + [(xs[0] + 360.0 - xs[-1], len(xs) - 1)]
    _, i = max(gaps)
    if i == len(xs) - 1:  # the widest gap spans the antimeridian: an ordinary window
        return xs[0], xs[-1]
    return xs[i + 1], xs[i] + 360.0


def _grow(lo: float, hi: float, span: float) -> tuple[float, float]:
    """(lo, hi) widened about its middle to at least ``span``."""
    if hi - lo >= span:
        return lo, hi
    mid = (lo + hi) / 2
    return mid - span / 2, mid + span / 2


def fit_extent(lats: list[float], lons: list[float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Lon and lat ranges that show every point (the focus, the partners and their arcs) with a margin, at least
    ``MIN_SPAN`` and in a map-like shape (``ASPECT``). A lon range that crosses the antimeridian is written
    east-to-west as plotly reads it ([170, -150]: its west end is positive, its east end negative); corridors
    spread over more than ``WORLD_LON`` degrees (or a crossing plotly cannot write) give the world's lon range."""
    lon_lo, lon_hi = _lon_window(lons)
    lat_lo, lat_hi = min(lats), max(lats)
    pad = max(MARGIN * (lon_hi - lon_lo), 2.0)
    lon_lo, lon_hi = _grow(lon_lo - pad, lon_hi + pad, MIN_SPAN[0])
    pad = max(MARGIN * (lat_hi - lat_lo), 2.0)
    lat_lo, lat_hi = _grow(lat_lo - pad, lat_hi + pad, MIN_SPAN[1])
    lon_lo, lon_hi = _grow(lon_lo, lon_hi, ASPECT[0] * (lat_hi - lat_lo))
    lat_lo, lat_hi = _grow(lat_lo, lat_hi, (lon_hi - lon_lo) / ASPECT[1])
    (w_lat_lo, w_lat_hi) = WORLD[1]
    if lat_hi - lat_lo >= w_lat_hi - w_lat_lo:
        lat_lo, lat_hi = WORLD[1]
    elif lat_lo < w_lat_lo:  # shifted back inside the drawn world, never cut
        lat_lo, lat_hi = w_lat_lo, w_lat_lo + (lat_hi - lat_lo)
    elif lat_hi > w_lat_hi:
        lat_lo, lat_hi = w_lat_hi - (lat_hi - lat_lo), w_lat_hi
    if lon_hi - lon_lo >= WORLD_LON:
        return WORLD[0], (round(lat_lo, 2), round(lat_hi, 2))
    if lon_lo < -180.0:
        lon_lo += 360.0
    if lon_hi > 180.0:
        lon_hi -= 360.0
    if lon_lo > lon_hi and not (lon_lo > 0 > lon_hi):  # a crossing plotly cannot write unambiguously
        return WORLD[0], (round(lat_lo, 2), round(lat_hi, 2))
    return (round(lon_lo, 2), round(lon_hi, 2)), (round(lat_lo, 2), round(lat_hi, 2))


def geo_layout(extent: tuple[tuple[float, float], tuple[float, float]]) -> dict:
    """The map's geo with its ranges (and the projection turned to their middle, across the antimeridian too)."""
    (lon_lo, lon_hi), (lat_lo, lat_hi) = extent
    mid = (lon_lo + (lon_hi + 360.0 if lon_lo > lon_hi else lon_hi)) / 2
    mid = ((mid + 180.0) % 360.0) - 180.0
    return {**GEO, "projection": {"type": "natural earth", "rotation": {"lon": round(mid, 2)}},
            "lonaxis": {"range": [lon_lo, lon_hi]}, "lataxis": {"range": [lat_lo, lat_hi]}}


def _nice_floor(x: float) -> float:
    """The largest of 1, 2, 5 times a power of ten not above ``x`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(x))
    for step in (5, 2, 1):
        if step * power <= x * (1 + 1e-12):
            return step * power
    return power


def legend_values(top: float) -> list[float]:
    """Three round reference values for the size legend: about the largest drawn value, a quarter and a twentieth
    of it (fewer when they coincide); none for a largest value that is not positive."""
    if not top or top <= 0 or math.isnan(top):
        return []
    out: list[float] = []
    for x in (top, top / 4, top / 20):
        v = _nice_floor(x)
        if v not in out and (v >= 1 or top < 1):  # no fractions of a person as references for whole counts
            out.append(v)
    return out


def _width(frac: float) -> float:
    return round(1 + 9 * frac, 2)


def _size(frac: float) -> float:
    return round(5 + 9 * frac, 1)


def arc_map(rows: pd.DataFrame, *, focus_label: str, focus_point: tuple[float, float] | None,
            centroids: dict[str, tuple[float, float]], role: str, unit: str, no_data: str, of_total: str = "of total",
            partners_label: str = "partners", legend_title: str = "", extent: str = "fit",
            lang: str = "en") -> dict:
    """Arcs from the focus to each partner (width and colour by value), partners shaded by value.

    ``rows`` are top-partner rows (partner, partner_name, value, share, period); the 'Other' row and
    partners without a centroid are not drawn (they are in the table). ``extent`` is a key of ``EXTENTS``: 'fit'
    (the focus, the partners and their arcs, ``fit_extent``), 'europe' or 'world'. ``partners_label`` names the
    partner layers (hovers, screen readers) and ``legend_title`` heads the size legend, both in the page language.
    """
    drawn = rows[(rows["partner"] != "OTHER") & rows["partner"].isin(list(centroids)) & rows["value"].notna()]
    data: list[dict] = []
    fixed = EXTENTS.get(extent) or WORLD
    if drawn.empty or focus_point is None:
        fig = empty_figure(no_data)
        fig["data"] = [{"type": "scattergeo", "lat": [], "lon": [], "mode": "markers", "hoverinfo": "skip",
                        "showlegend": False}]
        fig["layout"]["geo"] = geo_layout(fixed)
        return fig
    top = float(np.nanmax(drawn["value"].clip(lower=0).to_numpy(dtype=float)))
    frac = _scale(drawn["value"])
    data.append({
        "type": "choropleth", "locations": list(drawn["partner"]), "locationmode": "ISO-3",
        "z": [round(float(f), 4) for f in frac], "zmin": 0, "zmax": 1,
        "colorscale": [[0, "rgb(222,235,247)"], [1, "rgb(107,174,214)"]], "showscale": False,
        "marker": {"line": {"color": "#ffffff", "width": 0.4}}, "hoverinfo": "skip", "name": partners_label,
        "showlegend": False,
    })
    flat, flon = focus_point
    seen_lat, seen_lon = [flat], [flon]
    for (_, r), f in zip(drawn.iterrows(), frac):
        plat, plon = centroids[r["partner"]]
        a, b = ((flat, flon), (plat, plon)) if role == "origin" else ((plat, plon), (flat, flon))
        lats, lons = great_circle(a[0], a[1], b[0], b[1])
        seen_lat += lats
        seen_lon += lons
        data.append({"type": "scattergeo", "mode": "lines", "lat": lats, "lon": lons, "hoverinfo": "skip",
                     "line": {"width": _width(float(f)), "color": _colour(float(f))},
                     "opacity": 0.85, "showlegend": False})
    hover = [f"{r.partner_name}<br>{fmt(r.value, lang)} {unit}<br>{pct(r.share, lang)} {of_total}<br>{r.period}"
             for r in drawn.itertuples()]
    data.append({
        "type": "scattergeo", "mode": "markers", "lat": [centroids[p][0] for p in drawn["partner"]],
        "lon": [centroids[p][1] for p in drawn["partner"]], "text": hover, "customdata": list(drawn["partner"]),
        "hovertemplate": "%{text}<extra></extra>", "name": partners_label, "showlegend": False,
        "marker": {"size": [_size(float(f)) for f in frac], "color": [_colour(float(f)) for f in frac],
                   "line": {"color": "#ffffff", "width": 1}},
    })
    data.append({"type": "scattergeo", "mode": "markers", "lat": [flat], "lon": [flon], "text": [focus_label],
                 "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "name": focus_label,
                 "marker": {"size": 12, "color": FOCUS_COLOUR, "symbol": "diamond",
                            "line": {"color": "#ffffff", "width": 1}}})
    # the size legend: one entry per reference value, drawn as the arc width and circle size that value gets
    for v in legend_values(top):
        f = math.sqrt(v / top)
        data.append({"type": "scattergeo", "mode": "lines+markers", "lat": [None], "lon": [None],
                     "name": short(v, lang), "legendgroup": "size", "showlegend": True, "hoverinfo": "skip",
                     "line": {"width": _width(f), "color": _colour(f)},
                     "marker": {"size": _size(f), "color": _colour(f), "line": {"color": "#ffffff", "width": 1}}})
    extent_ranges = fixed if EXTENTS.get(extent) else fit_extent(seen_lat, seen_lon)
    return {"data": data, "layout": {
        "geo": geo_layout(extent_ranges), "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "showlegend": True,
        "dragmode": False,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top", "itemsizing": "trace",
                   "itemclick": False, "itemdoubleclick": False, "title": {"text": legend_title, "side": "top"},
                   "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0)", "traceorder": "normal"}}}


def sankey(rows: pd.DataFrame, *, focus: str, focus_label: str, role: str, unit: str, other_label: str,
           no_data: str, lang: str = "en") -> dict:
    """Focus -> partners (or partners -> focus); the 'Other' node holds every partner not shown.

    Node and link ``customdata`` carry the partner's ISO3 code so a click can pivot the page.
    """
    rows = rows[rows["value"].notna() & (rows["value"] > 0)]
    if rows.empty:
        return empty_figure(no_data)
    partners = list(rows["partner"])
    labels = [focus_label] + [other_label if p == "OTHER" else str(n) for p, n in zip(partners, rows["partner_name"])]
    custom = [""] + ["" if p == "OTHER" else p for p in partners]
    colours = [FOCUS_COLOUR] + [OTHER_COLOUR if p == "OTHER" else "#2171b5" for p in partners]
    idx = list(range(1, len(partners) + 1))
    src, tgt = ([0] * len(idx), idx) if role == "origin" else (idx, [0] * len(idx))
    hover = [f"{lab}: {fmt(v, lang)} {unit} ({pct(s, lang)})" for lab, v, s in zip(labels[1:], rows["value"], rows["share"])]
    # each node carries its value in its label (page, embed, slide image and presenter mode alike): the focus the
    # sum of its links, a partner its link; in the page language's short form (the hover has the exact number)
    values = [float(rows["value"].sum())] + [float(v) for v in rows["value"]]
    shown = [f"{lab}{SANKEY_SEP}{short(v, lang)}" for lab, v in zip(labels, values)]
    return {"data": [{
        "type": "sankey", "arrangement": "fixed", "valueformat": ",.0f", "meta": {"node_names": labels},
        "node": {"label": shown, "customdata": custom, "color": colours, "pad": 8, "thickness": 16,
                 "hovertemplate": "%{label}<extra></extra>", "line": {"color": "#ffffff", "width": 0.5}},
        "link": {"source": src, "target": tgt, "value": [float(v) for v in rows["value"]], "customdata": custom[1:],
                 "label": hover, "hovertemplate": "%{label}<extra></extra>",
                 "color": ["rgba(140,140,140,0.35)" if p == "OTHER" else "rgba(33,113,181,0.35)" for p in partners]},
    }], "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "font": {"size": 12}}}


def bars(rows: pd.DataFrame, *, unit: str, other_label: str, no_data: str, lang: str = "en") -> dict:
    """Horizontal bars of the top partners, largest at the top; 'Other' is left out (it is in the table)."""
    rows = rows[(rows["partner"] != "OTHER") & rows["value"].notna()]
    if rows.empty:
        return empty_figure(no_data)
    rows = rows.iloc[::-1]
    return {"data": [{
        "type": "bar", "orientation": "h", "x": [float(v) for v in rows["value"]], "y": list(rows["partner_name"]),
        "customdata": list(rows["partner"]), "marker": {"color": "#2171b5"},
        "text": [f"{fmt(v, lang)} ({pct(s, lang)})" for v, s in zip(rows["value"], rows["share"])], "textposition": "auto",
        "hovertemplate": "%{y}: %{text} " + unit + "<extra></extra>",
    }], "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 40}, "xaxis": {"title": {"text": unit},
                                                                             "tickformat": "~s"},
                   "yaxis": {"automargin": True}, "height": max(300, 24 * len(rows) + 80)}}


def matrix(rows: pd.DataFrame, *, order: list[str], names: dict[str, str], unit: str, no_data: str,
           lang: str = "en") -> dict:
    """Heat map origin (rows) x destination (columns); empty cells stay empty, never 0."""
    if rows.empty:
        return empty_figure(no_data)
    lookup = {(o, d): v for o, d, v in zip(rows["origin"], rows["destination"], rows["value"])}
    z, text = [], []
    for o in order:
        zr, tr = [], []
        for d in order:
            v = lookup.get((o, d))
            ok = v is not None and not (isinstance(v, float) and math.isnan(v))
            zr.append(math.log10(v) if ok and v > 0 else None)
            tr.append(fmt(v, lang) if ok else "")
        z.append(zr)
        text.append(tr)
    labels = [names.get(c, c) for c in order]
    return {"data": [{
        "type": "heatmap", "z": z, "x": labels, "y": labels, "text": text, "texttemplate": "%{text}",
        "colorscale": [[0, "rgb(222,235,247)"], [0.5, "rgb(107,174,214)"], [1, "rgb(8,48,107)"]],
        "showscale": False, "xgap": 1, "ygap": 1, "hoverongaps": False,
        "hovertemplate": "%{y} → %{x}: %{text} " + unit + "<extra></extra>",
    }], "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                   "xaxis": {"title": {"text": "destination"}, "side": "top", "automargin": True},
                   "yaxis": {"title": {"text": "origin"}, "autorange": "reversed", "automargin": True}}}


def series(rows: pd.DataFrame, *, labels: dict[str, str], unit: str, no_data: str) -> dict:
    """Corridor and reverse corridor over time (one measure), one line each, gaps left as gaps."""
    if rows.empty:
        return empty_figure(no_data)
    data = []
    periods = bool((rows["year_start"] != rows["year_end"]).any())
    for direction, colour, dash in (("corridor", "#08519c", "solid"), ("reverse", FOCUS_COLOUR, "dash")):
        part = rows[rows["direction"] == direction]
        if part.empty:
            continue
        x = list(part["period"]) if periods else [int(y) for y in part["year_start"]]
        data.append({"type": "scatter", "mode": "lines+markers", "x": x, "y": [float(v) for v in part["value"]],
                     "name": labels[direction], "line": {"color": colour, "dash": dash},
                     "hovertemplate": "%{x}: %{y:,.0f} " + unit + "<extra>" + labels[direction] + "</extra>"})
    return {"data": data, "layout": {"margin": {"l": 10, "r": 10, "t": 10, "b": 40},
                                     "yaxis": {"title": {"text": unit}, "tickformat": "~s", "rangemode": "tozero",
                                               "automargin": True},
                                     "xaxis": {"type": "category" if periods else "linear"},
                                     "legend": {"orientation": "h", "y": -0.2}}}
