"""World choropleth: a pure builder (frame in, figure dict out).

Counts use a sequential colour scale on a log axis (migration counts span six orders of
magnitude); signed indicators (net migration) a diverging scale centred on 0; shares a linear
scale. Countries without a value are drawn in grey and labelled "No data", never as 0.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import t

NO_DATA_GREY = "#d9d9d9"
SEQUENTIAL = "Blues"
DIVERGING = "RdBu"
GEO_LAYOUT = dict(
    projection_type="natural earth", showframe=False, showcoastlines=False, showcountries=True,
    countrycolor="#ffffff", countrywidth=0.4, showland=True, landcolor=NO_DATA_GREY, showocean=True,
    oceancolor="#f4f8fb", showlakes=False, lataxis_range=[-58, 85], resolution=50,
)


def _fmt(v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    a = abs(v)
    if a >= 1e9:
        return f"{v / 1e9:.3g}bn"
    if a >= 1e6:
        return f"{v / 1e6:.3g}M"
    if a >= 1e3:
        return f"{v / 1e3:.3g}k"
    return f"{v:.3g}"


def scale_kind(unit: str, values: pd.Series) -> str:
    """'diverging' for signed values, 'linear' for shares, else 'log'."""
    if (values < 0).any():
        return "diverging"
    if "%" in unit or "per 1,000" in unit:
        return "linear"
    return "log"


def world_map(df: pd.DataFrame, *, label: str, unit: str, year: int, shapes: list[str],
              lang: str = "en") -> dict:
    """Figure dict for ``df`` (iso3, country, value, flag). ``shapes`` are the ISO3 ids the base map can draw."""
    df = df[df["value"].notna()]
    values = df["value"].astype(float)
    kind = scale_kind(unit, values)
    fig = go.Figure()
    missing = sorted(set(shapes) - set(df["iso3"]))
    fig.add_trace(go.Choropleth(
        locations=missing, z=[0] * len(missing), locationmode="ISO-3",
        colorscale=[[0, NO_DATA_GREY], [1, NO_DATA_GREY]], showscale=False, name=t("map.no_data", lang),
        hovertemplate="%{location}: " + t("map.no_data", lang) + "<extra></extra>",
        marker_line_color="#ffffff", marker_line_width=0.4,
    ))
    hover = df["country"].fillna(df["iso3"]) + ": " + values.map(lambda v: f"{v:,.6g}") + " " + unit
    hover = hover.where(df["flag"].isna(), hover + " (" + df["flag"].astype(str) + ")")
    trace = dict(locations=df["iso3"], locationmode="ISO-3", text=hover, hovertemplate="%{text}<extra></extra>",
                 marker_line_color="#ffffff", marker_line_width=0.4, name=label)
    if kind == "log":
        positive = values.where(values > 0)
        z = np.log10(positive)
        lo, hi = (math.floor(np.nanmin(z)), math.ceil(np.nanmax(z))) if positive.notna().any() else (0, 1)
        ticks = list(range(lo, hi + 1))
        trace.update(z=z, zmin=lo, zmax=hi, colorscale=SEQUENTIAL,
                     colorbar=dict(title=dict(text=unit), tickvals=ticks, ticktext=[_fmt(10 ** k) for k in ticks]))
    elif kind == "diverging":
        bound = float(np.nanpercentile(values.abs(), 95)) or 1.0
        trace.update(z=values, zmid=0, zmin=-bound, zmax=bound, colorscale=DIVERGING,
                     colorbar=dict(title=dict(text=unit), tickformat="~s"))
    else:
        trace.update(z=values, colorscale=SEQUENTIAL, colorbar=dict(title=dict(text=unit)))
    fig.add_trace(go.Choropleth(**trace))
    fig.update_geos(**GEO_LAYOUT)
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=520, paper_bgcolor="#ffffff",
                      font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13),
                      showlegend=False, uirevision=f"{label}")
    return fig.to_dict()


def summary(df: pd.DataFrame, *, label: str, year: int, unit: str, lang: str = "en") -> str:
    """One sentence that serves as the map's alt text."""
    df = df[df["value"].notna()]
    if df.empty:
        return t("map.summary", lang, label=label, year=year, n=0, top="–")
    top = df.nlargest(3, "value")
    top_txt = ", ".join(f"{r.country} ({r.value:,.0f} {unit})" if abs(r.value) >= 100 else
                        f"{r.country} ({r.value:,.3g} {unit})" for r in top.itertuples())
    return t("map.summary", lang, label=label, year=year, n=len(df), top=top_txt)
