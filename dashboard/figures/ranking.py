"""Ranking: a pure builder for a horizontal bar chart of the top/bottom N countries (rows in, figure dict out).

Bars are drawn in rank order (first row on top); flags (estimate, partial year, ...) are shown next to the value.
Selected countries are drawn in a darker colour so the link with the series chart is visible.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import flag_text, t
from ..numbers import exact, short as fmt
from .choropleth import FONT

BAR = "#6b9bd1"
BAR_SELECTED = "#0b3d75"
NEGATIVE = "#c0504d"


def bars(rows: pd.DataFrame, *, unit: str, selected: tuple[str, ...] = (), height: int | None = None,
         lang: str = "en") -> dict:
    """Figure dict for ``rows`` (rank, iso3, country, value, flag), in the given order from top to bottom."""
    rows = rows[rows["value"].notna()]
    names = rows["country"].fillna(rows["iso3"]).astype(str)
    labels = [f"{r}. {n}" for r, n in zip(rows["rank"], names)]
    values = rows["value"].astype(float)
    flags = [flag_text(f, lang) for f in rows["flag"].astype("object").where(rows["flag"].notna(), None)]
    marks = ["*" if f else "" for f in flags]  # the bar label stays short; the hover says the flag in words
    text = [fmt(v, lang) + m for v, m in zip(values, marks)]
    colours = [BAR_SELECTED if iso in selected else (NEGATIVE if v < 0 else BAR)
               for iso, v in zip(rows["iso3"], values)]
    hover = [f"{n}: {exact(v, lang)} {unit}" + (f" ({f})" if f else "") for n, v, f in zip(names, values, flags)]
    fig = go.Figure(go.Bar(
        x=list(values), y=labels, orientation="h", marker_color=colours, text=text, textposition="outside",
        cliponaxis=False, customdata=list(rows["iso3"]), hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        name="",
    ))
    n = len(rows)
    fig.update_layout(
        height=height or max(260, 60 + 28 * n), margin=dict(l=10, r=70, t=10, b=40), paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff", font=FONT, showlegend=False, bargap=0.25,
        yaxis=dict(autorange="reversed", automargin=True, categoryorder="array", categoryarray=labels),
        xaxis=dict(title=dict(text=unit), tickformat="~s", gridcolor="#e6e9ee", zerolinecolor="#9aa5b1",
                   automargin=True),
    )
    if n == 0:
        fig.add_annotation(text=t("map.no_data", lang), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                           font=dict(size=16, color="#4a5561"))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig.to_dict()
