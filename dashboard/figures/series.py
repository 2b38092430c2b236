"""Time series: a pure builder for the selected countries and the group aggregate (rows in, figure dict out).

Countries are solid lines; a group value is a thick dashed dark line whose hover says its coverage that year
(members with data, share of the group's population); a year below the coverage rule is a gap. Gaps stay gaps (no interpolation across missing years).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import flag_text, t
from ..numbers import exact, whole
from ..rules import estimate_or_partial
from .choropleth import FONT

# Okabe-Ito colours (colour-blind safe), dark enough on white
# Okabe-Ito, with Tol's wine for the dark yellow (close to vermillion for protanopes; tests/test_colours.py)
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#000000"]
GROUP_COLOUR = "#3b3b3b"


def _estimate_key(lang: str) -> go.Scatter:
    """A legend entry (no data) for the hollow markers: 'Estimate or partial year'."""
    return go.Scatter(x=[None], y=[None], mode="markers", name=t("chart.estimate_key", lang), hoverinfo="skip",
                      meta="legend-key",
                      marker=dict(symbol="circle-open", size=8, color="#4a5561", line=dict(width=1.6)))


def _of(row) -> str:
    of = getattr(row, "coverage_of", None)
    return "victims" if isinstance(of, str) and of.startswith("trafficking_victims") else "population"


def lines(rows: pd.DataFrame, *, unit: str, years: list[int] | None = None, year: int | None = None,
          lang: str = "en", period_years: int = 1) -> dict:
    """Figure dict: one trace per series code, in the order the codes first appear in ``rows``.

    ``years`` (all years of the indicator) lets gaps break the line: a missing year is None, never 0.
    ``year``, if given, is marked with a vertical line. With ``period_years`` > 1 (5-year flows) each value is
    drawn as a flat step over its whole period (a value at 2015 covers 2015-2020), not as a point at a year.
    """
    fig = go.Figure()
    codes = list(dict.fromkeys(rows["code"]))
    estimated = False
    for i, code in enumerate(codes):
        part = rows[rows["code"] == code].sort_values("year")
        name = str(part["series"].iloc[0])
        is_group = part["kind"].iloc[0] == "group"
        by_year = {y: v for y, v in zip(part["year"].astype(int), part["value"].astype(float)) if v == v}
        xs = sorted(set(years or []) | set(by_year))
        ys = [by_year.get(y) for y in xs]
        if is_group:
            cover = {int(r.year): t("explorer.series.members", lang, n=int(r.members_with_data),
                                    total=int(r.members_total), pct=whole(r.coverage_pct, lang, missing="?"),
                                    of=t(f"explorer.coverage_of.{_of(r)}", lang))
                     for r in part.itertuples()}
            notes = [cover.get(y, "") for y in xs]
            hollow = [False] * len(xs)
        else:
            flags = dict(zip(part["year"].astype(int), part["flag"]))
            notes = [flag_text(flags.get(y), lang) if y in flags and pd.notna(flags[y]) else "" for y in xs]
            # estimates and partial periods: hollow markers, explained by a legend entry (``_estimate_key``)
            hollow = [by_year.get(y) is not None and estimate_or_partial(flags.get(y)) for y in xs]
        label = (lambda x: f"{x}-{x + period_years}") if period_years > 1 else str  # noqa: E731
        hover = [f"{name}, {label(x)}: {exact(v, lang)} {unit}" + (f" ({n})" if n else "") if v is not None else ""
                 for x, v, n in zip(xs, ys, notes)]
        shape = {}
        if period_years > 1 and xs:
            xs, ys, hover = xs + [xs[-1] + period_years], ys + [ys[-1]], hover + [hover[-1]]
            shape = dict(shape="hv")
        colour = GROUP_COLOUR if is_group else PALETTE[i % len(PALETTE)]
        marker = dict(size=4 if len(xs) > 30 else 6)
        if any(hollow) and period_years <= 1:
            estimated = True
            marker.update(size=[7 if h else marker["size"] for h in hollow],
                          symbol=["circle-open" if h else "circle" for h in hollow],
                          line=dict(width=[1.6 if h else 0 for h in hollow], color=colour))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers" if period_years <= 1 else "lines", name=name + (t("explorer.series.group_suffix", lang) if is_group else ""),
            line=dict(color=colour, width=3.5 if is_group else 2, dash="dash" if is_group else "solid", **shape),
            marker=marker, connectgaps=False, customdata=[code] * len(xs),
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    if estimated:
        fig.add_trace(_estimate_key(lang))
    if year is not None and codes:
        fig.add_vline(x=year, line_width=1, line_dash="dot", line_color="#4a5561")
    fig.update_layout(
        height=420, margin=dict(l=10, r=10, t=10, b=10), paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", font=FONT,
        hovermode="closest", legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left"),
        xaxis=dict(gridcolor="#e6e9ee", automargin=True, tickformat="d"),
        yaxis=dict(title=dict(text=unit), tickformat="~s", gridcolor="#e6e9ee", zerolinecolor="#9aa5b1",
                   automargin=True),
    )
    if not codes:
        fig.add_annotation(text=t("explorer.series.prompt", lang), showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5, font=dict(size=15, color="#4a5561"))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig.to_dict()
