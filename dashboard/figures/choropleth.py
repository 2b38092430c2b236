"""World choropleth: a pure builder (frame in, figure dict out).

Counts use a sequential colour scale on a log axis (migration counts span six orders of
magnitude); signed indicators (net migration) a diverging scale centred on 0; shares a linear
scale. Countries without a value are drawn in grey and labelled "No data", never as 0.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..numbers import exact, short as fmt, whole
import plotly.graph_objects as go

from ..i18n import flag_text, t, tn

NO_DATA_GREY = "#d9d9d9"
FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13)
SEQUENTIAL = "Blues"
DIVERGING = "RdBu"
GEO_LAYOUT = dict(
    projection_type="natural earth", showframe=False, showcoastlines=False, showcountries=True,
    countrycolor="#ffffff", countrywidth=0.4, showland=True, landcolor=NO_DATA_GREY, showocean=True,
    oceancolor="#f4f8fb", showlakes=False, lataxis_range=[-58, 85], resolution=50,
)


def scale_kind(unit: str, values: pd.Series) -> str:
    """'diverging' for signed values, 'linear' for shares, else 'log'."""
    if (values < 0).any():
        return "diverging"
    if "%" in unit or "per 1,000" in unit:
        return "linear"
    return "log"


def world_map(df: pd.DataFrame, *, label: str, unit: str, year: int, shapes: list[str],
              lang: str = "en", lon_range: tuple[float, float] | None = None,
              lat_range: tuple[float, float] | None = None, height: int = 520) -> dict:
    """Figure dict for ``df`` (iso3, country, value, flag). ``shapes`` are the ISO3 ids the base map can draw.

    ``lon_range``/``lat_range`` zoom the map (a region or group); the legend (colour bar) carries the unit and a
    grey "No data" key sits under it.
    """
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
    hover = df["country"].fillna(df["iso3"]) + ": " + values.map(exact) + " " + unit
    words = df["flag"].map(lambda f: flag_text(f, lang) if isinstance(f, str) else "")
    hover = hover.where(words == "", hover + " (" + words + ")")
    trace = dict(locations=df["iso3"], locationmode="ISO-3", text=hover, hovertemplate="%{text}<extra></extra>",
                 marker_line_color="#ffffff", marker_line_width=0.4, name=label)
    if kind == "log":
        positive = values.where(values > 0)
        z = np.log10(positive)
        lo, hi = (math.floor(np.nanmin(z)), math.ceil(np.nanmax(z))) if positive.notna().any() else (0, 1)
        hi = max(hi, lo + 1)
        ticks = list(range(lo, hi + 1))
        ticktext = [fmt(10 ** k, lang) for k in ticks]
        if (values == 0).any():  # reported zeros are data: lowest colour, never the grey of "No data"
            z = z.where(values != 0, float(lo))
            ticktext[0] = "0–" + ticktext[0]
        trace.update(z=z, zmin=lo, zmax=hi, colorscale=SEQUENTIAL,
                     colorbar=dict(title=dict(text=unit), tickvals=ticks, ticktext=ticktext))
    elif kind == "diverging":
        bound = float(np.nanpercentile(values.abs(), 95)) or 1.0
        trace.update(z=values, zmid=0, zmin=-bound, zmax=bound, colorscale=DIVERGING,
                     colorbar=dict(title=dict(text=unit), tickformat="~s"))
    else:
        trace.update(z=values, colorscale=SEQUENTIAL, colorbar=dict(title=dict(text=unit)))
    # the colour bar under the map, across it: the map keeps the whole width (beside it, on a phone, the world was
    # 290 px wide and 120 px tall next to a full-height bar)
    trace["colorbar"].update(orientation="h", x=0.5, xanchor="center", y=0, yanchor="top", len=0.7, thickness=12,
                             outlinewidth=0, title_side="top")
    fig.add_trace(go.Choropleth(**trace))
    fig.update_geos(**GEO_LAYOUT)
    if lon_range and lat_range:
        fig.update_geos(lonaxis_range=list(lon_range), lataxis_range=list(lat_range), projection_type="mercator")
    fig.add_annotation(text=f"<span style='color:{NO_DATA_GREY}'>■</span> " + t("map.no_data", lang),
                       showarrow=False, xref="paper", yref="paper", x=1.0, y=0.0, xanchor="right", yanchor="bottom",
                       font=dict(size=12, color="#4a5561"), bgcolor="rgba(255,255,255,0.85)")
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=height, paper_bgcolor="#ffffff", font=FONT,
                      showlegend=False, uirevision=f"{label}|{lon_range}|{lat_range}")
    return fig.to_dict()


def summary(df: pd.DataFrame, *, label: str, year: int, unit: str, lang: str = "en") -> str:
    """One sentence that serves as the map's alt text."""
    df = df[df["value"].notna()]
    if df.empty:
        return tn("map.summary", 0, lang, label=label, year=year, top="–")
    top = df.nlargest(3, "value")
    top_txt = ", ".join(f"{r.country} ({whole(r.value, lang)} {unit})" if abs(r.value) >= 100 else
                        f"{r.country} ({exact(r.value, lang)} {unit})" for r in top.itertuples())
    return tn("map.summary", len(df), lang, label=label, year=year, top=top_txt)
