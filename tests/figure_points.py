"""Read the numbers a plotly figure dict draws, per figure type, keyed so they can be matched to data rows.

Used by tests/test_downloads_match_figures.py (downloaded CSV == figure, row for row). Each extractor returns
``{key: value}``; a point that is drawn with no value (a gap) is left out, so "missing" is simply absent.
Numeric arrays may come as lists, numpy arrays or plotly's typed-array dicts ({"dtype", "bdata"[, "shape"]}).
"""
from __future__ import annotations

import base64
import math

import numpy as np


def arr(v) -> list:
    """A trace array as a plain list (decodes plotly typed arrays and numpy arrays)."""
    if v is None:
        return []
    if isinstance(v, dict) and "bdata" in v:
        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
        if v.get("shape"):
            a = a.reshape([int(s) for s in str(v["shape"]).split(",")])
        return a.tolist()
    if isinstance(v, np.ndarray):
        return v.tolist()
    return list(v)


def num(v):
    """A drawn number as float, or None for a gap (None / NaN)."""
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


def same(a, b, rel: float = 1e-9) -> bool:
    """Both missing, or equal up to float representation (1e-9 relative)."""
    a, b = num(a), num(b)
    if a is None or b is None:
        return a is None and b is None
    return a == b or math.isclose(a, b, rel_tol=rel, abs_tol=0.0)


def assert_same_points(expected: dict, drawn: dict, what: str = "") -> None:
    """Same keys, and the same number at each key (see ``same``)."""
    missing_in_fig = sorted(set(expected) - set(drawn), key=str)
    extra_in_fig = sorted(set(drawn) - set(expected), key=str)
    assert not missing_in_fig and not extra_in_fig, (
        f"{what}: rows not drawn {missing_in_fig[:10]}; points not in the download {extra_in_fig[:10]}")
    diff = [(k, expected[k], drawn[k]) for k in expected if not same(expected[k], drawn[k])]
    assert not diff, f"{what}: values differ (key, download, figure): {diff[:10]}"


def traces(fig: dict, type_: str | None = None) -> list[dict]:
    """The figure's traces (of one type), their names as the data name them: a long legend entry is drawn on
    several lines ('<br>', dashboard/charts.py fit_text), which is display only."""
    return [({**tr, "name": tr["name"].replace("<br>", " ")} if "<br>" in str(tr.get("name", "")) else tr)
            for tr in fig.get("data", []) if type_ is None or tr.get("type", "scatter") == type_]


def choropleth(trace: dict) -> dict:
    """{location: z}."""
    return {loc: num(z) for loc, z in zip(arr(trace.get("locations")), arr(trace.get("z"))) if num(z) is not None}


def xy(trace: dict, *, horizontal: bool | None = None, name: bool = False) -> dict:
    """{category: value} for a bar or scatter trace (horizontal bars: y is the category, x the value).

    ``name=True`` keys by (trace name, category) so several traces can be merged.
    """
    if horizontal is None:
        horizontal = trace.get("orientation") == "h"
    x, y = arr(trace.get("x")), arr(trace.get("y"))
    cats, vals = (y, x) if horizontal else (x, y)
    out = {}
    for c, v in zip(cats, vals):
        if num(v) is None:
            continue
        k = (trace.get("name"), c) if name else c
        assert k not in out, f"category {k!r} drawn twice"
        out[k] = num(v)
    return out


def xy_all(fig: dict, type_: str | None = None, skip=lambda tr: False) -> dict:
    """{(trace name, x): y} over every trace of ``type_`` (vertical bars and lines)."""
    out: dict = {}
    for tr in traces(fig, type_):
        if skip(tr):
            continue
        out.update(xy(tr, name=True))
    return out


def by_customdata(trace: dict, *, value: str = "x", index: int | None = None) -> dict:
    """{customdata (or customdata[index]): value axis} for bars/markers that carry their row key in customdata."""
    out = {}
    for cd, v in zip(arr(trace.get("customdata")), arr(trace.get(value))):
        k = cd[index] if index is not None else cd
        if num(v) is None:
            continue
        assert k not in out, f"key {k!r} drawn twice"
        out[k] = num(v)
    return out


def sankey(trace: dict) -> dict:
    """{(source node name, target node name): link value} (the names without the values the labels carry:
    ``meta.node_names``)."""
    labels = arr((trace.get("meta") or {}).get("node_names") or trace["node"]["label"])
    link = trace["link"]
    return {(labels[s], labels[t]): num(v) for s, t, v in zip(arr(link["source"]), arr(link["target"]),
                                                                 arr(link["value"]))}


def sankey_by_customdata(trace: dict) -> dict:
    """{link customdata (the partner code; '' for the 'Other' link): link value}."""
    link = trace["link"]
    return {cd: num(v) for cd, v in zip(arr(link["customdata"]), arr(link["value"]))}


def heatmap(trace: dict) -> tuple[dict, dict]:
    """({(y label, x label): z}, {(y label, x label): text}) for non-empty cells."""
    xs, ys = arr(trace["x"]), arr(trace["y"])
    z, text = trace["z"], trace.get("text") or [[""] * len(xs) for _ in ys]
    zs, ts = {}, {}
    for i, yl in enumerate(ys):
        zrow, trow = arr(z[i]) if not isinstance(z, dict) else arr(z)[i], text[i]
        for j, xl in enumerate(xs):
            if num(zrow[j]) is not None:
                zs[(yl, xl)] = num(zrow[j])
            if trow[j] not in ("", None):
                ts[(yl, xl)] = trow[j]
    return zs, ts


def scattergeo_points(trace: dict, value_of=lambda marker, i: marker["size"][i]) -> dict:
    """{(lat, lon): value} for a scattergeo marker trace (value read from the marker by ``value_of``)."""
    lats, lons = arr(trace["lat"]), arr(trace["lon"])
    marker = dict(trace.get("marker") or {})
    if "size" in marker and not isinstance(marker["size"], (int, float)):
        marker["size"] = arr(marker["size"])
    return {(float(la), float(lo)): num(value_of(marker, i)) for i, (la, lo) in enumerate(zip(lats, lons))}
