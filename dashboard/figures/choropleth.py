"""World choropleth: a pure builder (frame in, figure dict out).

Values are painted in binned ranges (dashboard/figures/bins.py: the declared rule, colour-vision-safe palettes):
one legend entry per range ('1K–10K'), then "No data" in the same legend. Countries without a value are drawn in
grey and labelled "No data", never as 0; a reported 0 is data (the lowest range). With a group, only its members
are coloured; the other countries are drawn as light context, not as "No data".
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import flag_text, t, tn
from ..numbers import exact, whole
from . import bins as binning

NO_DATA_GREY = binning.NO_DATA
CONTEXT = binning.CONTEXT
FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13)
BORDER = dict(marker_line_color="#ffffff", marker_line_width=0.5)
GEO_LAYOUT = dict(
    projection_type="natural earth", showframe=False, showcoastlines=False, showcountries=True,
    countrycolor="#ffffff", countrywidth=0.4, showland=True, landcolor=NO_DATA_GREY, showocean=True,
    oceancolor="#f4f8fb", showlakes=False, lataxis_range=[-58, 85], resolution=50,
)


def _flat(colour: str) -> list:
    return [[0, colour], [1, colour]]


def world_map(df: pd.DataFrame, *, label: str, unit: str, year: int, shapes: list[str],
              lang: str = "en", lon_range: tuple[float, float] | None = None,
              lat_range: tuple[float, float] | None = None, height: int = 520,
              members: tuple[str, ...] | None = None) -> dict:
    """Figure dict for ``df`` (iso3, country, value, flag). ``shapes`` are the ISO3 ids the base map can draw.

    ``members`` (a group's ISO3 codes): only they are coloured (their missing values are "No data"), the other
    shapes are light context and the view fits the members (plotly's fitbounds). ``lon_range``/``lat_range`` zoom
    a map without a group. Traces: one per range of the binned scale
    (z = the published value, a flat colour), then "No data".
    """
    if members is not None:
        df = df[df["iso3"].isin(set(members))]
    df = df[df["value"].notna()]
    values = df["value"].astype(float)
    scale = binning.make(values)
    labels = scale.labels(lang)
    index = scale.bin_index(values) if len(values) else []
    hover = df["country"].fillna(df["iso3"]) + ": " + values.map(lambda v: exact(v, lang)) + " " + unit
    words = df["flag"].map(lambda f: flag_text(f, lang) if isinstance(f, str) else "")
    hover = hover.where(words == "", hover + " (" + words + ")")
    fig = go.Figure()
    for k, (colour, text) in enumerate(zip(scale.colours, labels)):
        part = df[index == k] if len(df) else df
        fig.add_trace(go.Choropleth(
            locations=list(part["iso3"]), z=list(part["value"].astype(float)), locationmode="ISO-3",
            text=list(hover[index == k]) if len(df) else [], hovertemplate="%{text}<extra></extra>",
            colorscale=_flat(colour), zmin=scale.edges[k], zmax=scale.edges[k + 1], showscale=False,
            showlegend=True, name=text, legendgroup="bins", legendrank=k, **BORDER))
    drawn = set(df["iso3"])
    in_scope = set(shapes) if members is None else set(shapes) & set(members)
    missing = sorted(in_scope - drawn)
    no_data = t("map.no_data", lang)
    fig.add_trace(go.Choropleth(
        locations=missing, z=[0] * len(missing), locationmode="ISO-3", colorscale=_flat(NO_DATA_GREY),
        showscale=False, showlegend=True, name=no_data, legendrank=len(labels) + 1,
        hovertemplate="%{location}: " + no_data + "<extra></extra>", **BORDER))
    fit = members is not None and bool(len(df) or missing)
    geo = dict(GEO_LAYOUT)
    if fit:
        # the view fits the members drawn at the card's own shape (a phone's tall card, a desktop's wide one);
        # plotly fits only when no axis range is given
        geo.pop("lataxis_range")
        geo.update(fitbounds="locations", projection_type="mercator")
    elif lon_range and lat_range:
        geo.update(lonaxis_range=list(lon_range), lataxis_range=list(lat_range), projection_type="mercator")
    if members is not None:  # the other countries are the base map's land: light context, nothing to hover or click
        geo.update(landcolor=CONTEXT)
    fig.update_geos(**geo)
    # the legend of ranges under the map, across it: the map keeps the whole width
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=height, paper_bgcolor="#ffffff", font=FONT,
                      showlegend=True, uirevision=f"{label}|{lon_range}|{lat_range}",
                      legend=dict(orientation="h", x=0.5, xanchor="center", y=0, yanchor="top",
                                  title=dict(text=unit, side="top center"), traceorder="normal",
                                  itemclick=False, itemdoubleclick=False, font=dict(size=12)))
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
