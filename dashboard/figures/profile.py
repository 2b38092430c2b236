"""Country profile and comparison figures: pure builders (tidy rows in, figure dict out).

Values are drawn as stored. Missing years are gaps (never 0); suppressed cells ('<5') are shown
as markers at the bottom of their panel with '<5' in the hover, never as a number; a panel or
chart without any value says "No data".
"""
from __future__ import annotations

import math

import pandas as pd

from ..numbers import exact
import plotly.graph_objects as go
from plotly.subplots import make_subplots

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=12, color="#1b1f24")
# Okabe-Ito-like palette with AA contrast on white for lines/markers.
# Okabe-Ito based (orange and ochre were one colour for deuteranopes; tests/test_colours.py)
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255", "#56B4E9", "#E69F00", "#4a5561")
SUPPRESSED = "suppressed_lt5"


def fmt_value(v, flag: str | None = None, lang: str = "en") -> str:
    """Display text: whole numbers as stored, fractions to 2 decimals (3 significant digits below 1); '<5' for
    suppressed cells. Only the display is shortened: tables' downloads and the API carry the stored value."""
    if isinstance(flag, str) and flag == SUPPRESSED:
        return "<5"
    return exact(v, lang, missing="")


def _empty(no_data: str, height: int) -> dict:
    fig = go.Figure()
    fig.add_annotation(text=no_data, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=16, color="#4a5561"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), paper_bgcolor="#ffffff",
                      plot_bgcolor="#ffffff", font=FONT)
    return fig.to_dict()


def empty_panels(rows: pd.DataFrame, indicators: list[str], invert: bool = False) -> list[str]:
    """The indicators with no value and no suppressed cell in ``rows`` (``invert``: those with one), in order."""
    if len(rows):
        shown = rows[rows["value"].notna() | (rows["flag"] == SUPPRESSED)]
        have = set(shown["indicator"])
    else:
        have = set()
    return [i for i in indicators if (i in have) == invert]


def multiples_height(panels: int, cols: int = 2, height_per_row: int = 190) -> int:
    """The height of ``small_multiples`` with ``panels`` panels drawn (its card's box is sized to it)."""
    return math.ceil(panels / cols) * height_per_row + 60 if panels else 120


def small_multiples(rows: pd.DataFrame, panels: list[tuple[str, str, str]], *, no_data: str,
                    cols: int = 2, height_per_row: int = 190, lang: str = "en") -> dict:
    """One panel per indicator with its own y-axis and a shared year range.

    ``rows``: tidy series rows (indicator, year, value, flag, unit). ``panels``: (indicator, title, unit).
    Panels without any value or suppressed cell are left out (the card names them and says why: ``empty_panels``);
    with none left the figure says ``no_data``.
    """
    drawn = set(empty_panels(rows, [p[0] for p in panels], invert=True))
    panels = [p for p in panels if p[0] in drawn]
    if not panels:
        return _empty(no_data, multiples_height(0, cols, height_per_row))
    n = len(panels)
    nrows = max(1, math.ceil(n / cols))
    fig = make_subplots(rows=nrows, cols=cols, subplot_titles=[p[1] for p in panels], shared_xaxes=False,
                        vertical_spacing=min(0.5 / nrows, 0.12), horizontal_spacing=0.12)
    years = rows["year"] if len(rows) else pd.Series([], dtype="int64")
    xr = [int(years.min()) - 1, int(years.max()) + 1] if len(years) else None  # no data: plotly's own range
    for k, (ind, title, unit) in enumerate(panels):
        r, c = divmod(k, cols)
        sub = rows[rows["indicator"] == ind] if len(rows) else rows
        vals = sub[sub["value"].notna()] if len(sub) else sub
        color = PALETTE[k % len(PALETTE)]
        if len(vals):
            fig.add_trace(go.Scatter(
                x=vals["year"].astype(int).tolist(), y=vals["value"].astype(float).tolist(),
                mode="lines+markers", line=dict(color=color, width=2), marker=dict(size=5, color=color),
                name=title, showlegend=False, connectgaps=False,
                customdata=[fmt_value(v, lang=lang) for v in vals["value"]],
                hovertemplate="%{x}: %{customdata} " + unit + "<extra>" + title + "</extra>",
            ), row=r + 1, col=c + 1)
        supp = sub[sub["flag"] == SUPPRESSED] if len(sub) else sub
        if len(supp):
            fig.add_trace(go.Scatter(
                x=supp["year"].astype(int).tolist(), y=[0] * len(supp), mode="markers+text",
                marker=dict(symbol="line-ew-open", size=10, color=color), text=["<5"] * len(supp),
                textposition="top center", textfont=dict(size=9, color="#4a5561"), showlegend=False,
                hovertemplate="%{x}: <5 (suppressed)<extra>" + title + "</extra>", name=title + " <5",
            ), row=r + 1, col=c + 1)
        if not len(vals) and not len(supp):
            axis = "" if k == 0 else str(k + 1)
            fig.add_annotation(text=no_data, showarrow=False, x=0.5, y=0.5, xref=f"x{axis} domain",
                               yref=f"y{axis} domain", font=dict(size=13, color="#4a5561"))
        fig.update_yaxes(row=r + 1, col=c + 1, tickformat="~s", rangemode="tozero" if (vals["value"] >= 0).all()
                         else "normal", gridcolor="#e6eaef", zerolinecolor="#9aa5b1", title=None)
        fig.update_xaxes(row=r + 1, col=c + 1, range=xr, gridcolor="#f0f2f5", tickformat="d")
    for ann in fig.layout.annotations:
        if ann.text in {p[1] for p in panels}:
            ann.font = dict(size=12, color="#1b1f24")
    fig.update_layout(height=multiples_height(n, cols, height_per_row), margin=dict(l=45, r=15, t=40, b=30),
                      paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", font=FONT, hovermode="closest")
    return fig.to_dict()


def top_bars(rows: pd.DataFrame, *, name_col: str, code_col: str, unit: str, no_data: str,
             color: str = PALETTE[0], lang: str = "en") -> dict:
    """Horizontal bars, largest on top (rows come sorted largest first)."""
    if rows.empty:
        return _empty(no_data, 360)
    rows = rows.iloc[::-1]
    names = rows[name_col].fillna(rows[code_col]).astype(str).tolist()
    values = rows["value"].astype(float).tolist()
    fig = go.Figure(go.Bar(
        x=values, y=names, orientation="h", marker_color=color,
        customdata=[[fmt_value(v, lang=lang), code] for v, code in zip(values, rows[code_col])],
        text=[fmt_value(v, lang=lang) for v in values], textposition="auto", insidetextanchor="end",
        textfont=dict(size=11), cliponaxis=False,
        hovertemplate="%{y} (%{customdata[1]}): %{customdata[0]} " + unit + "<extra></extra>",
    ))
    fig.update_layout(height=max(240, 34 * len(values) + 60), margin=dict(l=10, r=20, t=10, b=30),
                      paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", font=FONT, bargap=0.25,
                      xaxis=dict(tickformat="~s", gridcolor="#e6eaef", rangemode="tozero"),
                      yaxis=dict(automargin=True))
    return fig.to_dict()


def lines(rows: pd.DataFrame, *, by: str, labels: dict[str, str], unit: str, no_data: str,
          height: int = 380, lang: str = "en") -> dict:
    """One line per ``by`` value (in ``labels`` order) on a shared x axis; gaps stay gaps."""
    vals = rows[rows["value"].notna()] if len(rows) else rows
    supp = rows[rows["flag"] == SUPPRESSED] if len(rows) else rows
    if vals.empty and supp.empty:
        return _empty(no_data, height)
    fig = go.Figure()
    for k, (key, label) in enumerate(labels.items()):
        color = PALETTE[k % len(PALETTE)]
        sub = vals[vals[by] == key]
        if len(sub):
            fig.add_trace(go.Scatter(
                x=sub["year"].astype(int).tolist(), y=sub["value"].astype(float).tolist(), mode="lines+markers",
                name=label, line=dict(color=color, width=2), marker=dict(size=5, color=color), connectgaps=False,
                customdata=[fmt_value(v, lang=lang) for v in sub["value"]],
                hovertemplate="%{x}: %{customdata} " + unit + "<extra>" + label + "</extra>",
            ))
        s = supp[supp[by] == key]
        if len(s):
            fig.add_trace(go.Scatter(
                x=s["year"].astype(int).tolist(), y=[0] * len(s), mode="markers", name=label + " (<5)",
                marker=dict(symbol="line-ew-open", size=10, color=color), showlegend=False,
                hovertemplate="%{x}: <5 (suppressed)<extra>" + label + "</extra>",
            ))
    fig.update_layout(height=height, margin=dict(l=50, r=15, t=10, b=30), paper_bgcolor="#ffffff",
                      plot_bgcolor="#ffffff", font=FONT, hovermode="x unified",
                      legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
                      xaxis=dict(tickformat="d", gridcolor="#f0f2f5"),
                      yaxis=dict(tickformat="~s", gridcolor="#e6eaef", zerolinecolor="#9aa5b1"))
    return fig.to_dict()
