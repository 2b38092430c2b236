"""Pure figure builders for the displacement page (frames in, plotly figure dicts out; no Dash, no I/O).

Missing values are never drawn as 0: lines break at gaps and an empty frame gives a "No data" figure.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..numbers import whole

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13)
# Okabe-Ito palette (colour-blind safe); dark enough for lines on white
# Okabe-Ito, with Tol's wine for the dark yellow (close to vermillion for protanopes; tests/test_colours.py)
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255", "#56B4E9", "#000000", "#E69F00", "#7f7f7f")


def as_dict(fig: go.Figure) -> dict:
    """Figure dict without plotly.py's default template (plotly.js draws the same defaults; ~6 KB less a chart)."""
    out = fig.to_dict()
    out.get("layout", {}).pop("template", None)
    return out


def base_layout(fig: go.Figure, *, height: int = 420, yunit: str = "", legend: bool = True, **extra) -> None:
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=10, b=10), paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
        font=FONT, showlegend=legend, hovermode="x unified" if extra.pop("unified", False) else "closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left"),
        yaxis=dict(title=dict(text=yunit), gridcolor="#e3e7ec", rangemode="tozero", separatethousands=True,
                   tickformat="~s", automargin=True),
        xaxis=dict(gridcolor="#f0f2f5", automargin=True), **extra)


def no_data(message: str, height: int = 300) -> dict:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color="#4a5561"))
    base_layout(fig, height=height, legend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return as_dict(fig)


def lines(rows: pd.DataFrame, *, series: str, labels: dict[str, str], unit: str, no_data_text: str,
          x: str = "year", y: str = "value", height: int = 420, dash: dict[str, str] | None = None) -> dict:
    """One line per series in the order of ``labels``; a missing year is a gap, never a 0."""
    if rows.empty:
        return no_data(no_data_text)
    fig = go.Figure()
    years = sorted(rows[x].unique())
    for i, (key, label) in enumerate(labels.items()):
        s = rows[rows[series] == key]
        if s.empty:
            continue
        s = s.set_index(x)[y].reindex(years)  # gaps stay gaps
        fig.add_trace(go.Scatter(
            x=years, y=s.to_list(), name=label, mode="lines+markers" if len(years) < 25 else "lines",
            connectgaps=False, line=dict(color=PALETTE[i % len(PALETTE)], width=2.5,
                                          dash=(dash or {}).get(key, "solid")),
            marker=dict(size=5), hovertemplate=f"{label}: %{{y:,.0f}}<extra></extra>"))
    base_layout(fig, height=height, yunit=unit, unified=True)
    return as_dict(fig)


def hbar(rows: pd.DataFrame, *, label: str, value: str, unit: str, no_data_text: str, color: str = PALETTE[0],
         height: int | None = None, hover_extra: str | None = None, lang: str = "en") -> dict:
    """Horizontal bars, largest on top; values printed at the bar end (in the page language's number format)."""
    rows = rows[rows[value].notna()]
    if rows.empty:
        return no_data(no_data_text)
    rows = rows.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=rows[value].to_list(), y=rows[label].to_list(), orientation="h", marker_color=color,
        text=[whole(v, lang) for v in rows[value]], textposition="auto", cliponaxis=False,
        customdata=rows[hover_extra].to_list() if hover_extra else None,
        hovertemplate="%{y}: %{x:,.0f}" + (" (%{customdata})" if hover_extra else "") + "<extra></extra>"))
    base_layout(fig, height=height or max(260, 26 * len(rows) + 60), legend=False)
    fig.update_layout(xaxis=dict(title=dict(text=unit), tickformat="~s", gridcolor="#e3e7ec"),
                      yaxis=dict(title=None, automargin=True, tickformat=None, rangemode=None))
    return as_dict(fig)


def idmc(rows: pd.DataFrame, *, labels: dict[str, str], no_data_text: str, new_unit: str, stock_unit: str) -> dict:
    """Bars: new displacements by cause (events); lines: year-end IDP stocks (persons). Never stacked together."""
    if rows.empty:
        return no_data(no_data_text)
    years = sorted(rows["year"].unique())
    fig = go.Figure()
    for i, key in enumerate(("new_conflict", "new_disaster")):
        s = rows[rows["measure"] == key].set_index("year")["value"].reindex(years)
        if s.notna().any():
            fig.add_trace(go.Bar(x=years, y=s.to_list(), name=labels[key], marker_color=PALETTE[i],
                                 hovertemplate=f"{labels[key]}: %{{y:,.0f}}<extra></extra>"))
    for i, key in enumerate(("stock_conflict", "stock_disaster")):
        s = rows[rows["measure"] == key].set_index("year")["value"].reindex(years)
        if s.notna().any():
            fig.add_trace(go.Scatter(x=years, y=s.to_list(), name=labels[key], mode="lines+markers",
                                     connectgaps=False, line=dict(color=PALETTE[i], dash="dot", width=2.5),
                                     hovertemplate=f"{labels[key]}: %{{y:,.0f}}<extra></extra>"))
    base_layout(fig, yunit=f"{new_unit} / {stock_unit}", unified=True, barmode="group")
    return as_dict(fig)


def asylum(rows: pd.DataFrame, *, labels: dict[str, str], no_data_text: str, count_unit: str,
           rate_unit: str) -> dict:
    """Bars: applications and decisions as published; line (right axis): recognition rate in %."""
    if rows.empty:
        return no_data(no_data_text)
    years = sorted(rows["year"].unique())
    fig = go.Figure()
    for i, key in enumerate(("applied", "dec_total")):
        s = rows[rows["measure"] == key].set_index("year")["value"].reindex(years)
        fig.add_trace(go.Bar(x=years, y=s.to_list(), name=labels[key], marker_color=PALETTE[i + 5 if i else 0],
                             hovertemplate=f"{labels[key]}: %{{y:,.0f}}<extra></extra>"))
    s = rows[rows["measure"] == "recognition_rate"].set_index("year")["value"].reindex(years)
    fig.add_trace(go.Scatter(x=years, y=s.to_list(), name=labels["recognition_rate"], yaxis="y2",
                             mode="lines+markers", connectgaps=False, line=dict(color=PALETTE[1], width=2.5),
                             hovertemplate=f"{labels['recognition_rate']}: %{{y:.1f}}%<extra></extra>"))
    base_layout(fig, yunit=count_unit, unified=True, barmode="group")
    fig.update_layout(yaxis2=dict(title=dict(text=rate_unit), overlaying="y", side="right", range=[0, 100],
                                  showgrid=False, ticksuffix="%"))
    return as_dict(fig)
