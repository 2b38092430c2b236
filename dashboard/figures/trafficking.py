"""Pure figure builders for the trafficking page.

A cell the publisher suppressed ('<5') is never drawn as a number: it has no bar or point, and its "<5" label
is written as text at the axis (paper coordinates), so the reader sees it without a height to misread.
CTDC cells withheld by the k-anonymity guard are likewise shown as text only.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..numbers import whole
from .displacement import PALETTE, as_dict, base_layout, no_data

TIER_ORDER = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3")


def series(rows: pd.DataFrame, *, labels: dict[str, str], unit: str, no_data_text: str, lt5_text: str) -> dict:
    """One line per indicator; '<5' years are marked by text labels at the bottom of the plot, not by points."""
    if rows.empty:
        return no_data(no_data_text)
    years = list(range(int(rows["year"].min()), int(rows["year"].max()) + 1))
    fig = go.Figure()
    annotations = []
    for i, (key, label) in enumerate(labels.items()):
        s = rows[rows["indicator"] == key]
        if s.empty:
            continue
        v = s.set_index("year")["value"].reindex(years)
        fig.add_trace(go.Scatter(x=years, y=v.to_list(), name=label, mode="lines+markers", connectgaps=False,
                                 line=dict(color=PALETTE[i], width=2.5), marker=dict(size=6),
                                 hovertemplate=f"{label}: %{{y:,.0f}}<extra></extra>"))
        for y in s.loc[s["value_txt"] == "<5", "year"]:
            annotations.append(dict(x=int(y), y=0.02 + 0.06 * i, xref="x", yref="paper", text="<5", showarrow=False,
                                    font=dict(color=PALETTE[i], size=12), hovertext=f"{label}: {lt5_text}"))
    base_layout(fig, yunit=unit, unified=True, annotations=annotations)
    fig.update_xaxes(dtick=1 if len(years) <= 16 else 2)
    return as_dict(fig)


def bars(rows: pd.DataFrame, *, label: str, unit: str, no_data_text: str, color: str = PALETTE[0],
         lang: str = "en") -> dict:
    """Horizontal bars of published values; '<5' categories appear with the text '<5' and no bar."""
    if rows.empty:
        return no_data(no_data_text)
    rows = rows.iloc[::-1]
    texts = [str(t) if pd.isna(v) else (whole(v, lang) if str(t).replace(",", "").isdigit() else f"{whole(v, lang)} ({t})")
             for v, t in zip(rows["value"], rows["value_txt"])]
    fig = go.Figure(go.Bar(
        x=[None if pd.isna(v) else float(v) for v in rows["value"]], y=rows[label].to_list(), orientation="h",
        marker_color=color, text=texts, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>"))
    annotations = [dict(x=0, y=lab, xref="x", yref="y", text="<5", showarrow=False, xanchor="left",
                        font=dict(color="#5c4400"))
                   for lab, v in zip(rows[label], rows["value"]) if pd.isna(v)]
    base_layout(fig, height=max(240, 26 * len(rows) + 70), legend=False, annotations=annotations)
    fig.update_layout(xaxis=dict(title=dict(text=unit), tickformat="~s", gridcolor="#e3e7ec", rangemode="tozero"),
                      yaxis=dict(title=None, automargin=True, tickformat=None, rangemode=None, type="category"),
                      margin=dict(l=10, r=60, t=10, b=10))
    return as_dict(fig)


def ctdc_shares(rows: pd.DataFrame, *, order: tuple[str, ...], no_data_text: str, unit: str,
                withheld_text: str, records: str = "records") -> dict:
    """100 % bars per category: the share of each exploitation type among that category's records.

    Only published cells are drawn; withheld cells are listed as text to the right of the bar.
    """
    body = rows[~rows["is_total"]]
    if body.empty:
        return no_data(no_data_text)
    cats = list(dict.fromkeys(body["category"]))[::-1]
    fig = go.Figure()
    for i, expl in enumerate(order):
        s = body[body["exploitation"] == expl].set_index("category").reindex(cats)
        fig.add_trace(go.Bar(
            y=cats, x=s["share_pct"].to_list(), name=expl, orientation="h", marker_color=PALETTE[i],
            customdata=s["records_txt"].to_list(),
            hovertemplate=f"{expl}: %{{x:.1f}}% (%{{customdata}} {records})<extra>%{{y}}</extra>"))
    withheld = body[body["suppressed"]].groupby("category")["exploitation"].apply(list)
    annotations = [dict(x=1.0, y=c, xref="paper", yref="y", xanchor="right", showarrow=False,
                        text=withheld_text, font=dict(size=11, color="#4a5561"), bgcolor="rgba(255,255,255,0.85)")
                   for c in withheld.index]
    base_layout(fig, height=max(280, 44 * len(cats) + 110), barmode="stack", annotations=annotations)
    fig.update_layout(xaxis=dict(title=dict(text=unit), range=[0, 100], ticksuffix="%", gridcolor="#e3e7ec"),
                      yaxis=dict(title=None, automargin=True, tickformat=None, rangemode=None, type="category"))
    return as_dict(fig)


def tip(rows: pd.DataFrame, *, no_data_text: str, not_ranked: str, end_note: str, xtitle: str,
        span: tuple[int, int], tier_label=None) -> dict:
    """Tier placement per report year (Tier 1 on top) over the report years ``span`` of the whole table;
    unranked years are marked at the bottom row; ``end_note`` sits at the last report year. ``tier_label`` names
    the publisher's tiers in the page language (as published if not given)."""
    if rows.empty:
        return no_data(no_data_text)
    tier_label = tier_label or (lambda tier: tier)
    cats = [*map(tier_label, TIER_ORDER), not_ranked]
    y = [tier_label(t) if isinstance(t, str) and t in TIER_ORDER else not_ranked for t in rows["tier"]]
    fig = go.Figure(go.Scatter(
        x=rows["report_year"].to_list(), y=y, mode="lines+markers", line=dict(shape="hv", color=PALETTE[0]),
        marker=dict(size=10, color=[PALETTE[1] if v == not_ranked else PALETTE[0] for v in y]),
        hovertemplate="%{x}: %{y}<extra></extra>"))
    base_layout(fig, height=300, legend=False, annotations=[dict(
        x=span[1], y=1.0, xref="x", yref="paper", text=end_note, showarrow=False, xanchor="right", yanchor="bottom",
        font=dict(color="#5c4400"))])
    fig.update_layout(yaxis=dict(type="category", categoryorder="array", categoryarray=cats[::-1], title=None,
                                 rangemode=None, tickformat=None, automargin=True),
                      xaxis=dict(range=[span[0] - 0.5, span[1] + 0.5], dtick=1, title=dict(text=xtitle)),
                      margin=dict(l=10, r=10, t=30, b=10))
    return as_dict(fig)


WHO_COLOURS = {"girls": "#CC79A7", "women": "#882255", "boys": "#56B4E9", "men": "#0072B2"}


def who_stacked(rows: pd.DataFrame, *, labels: dict[str, str], unit: str, no_data_text: str,
                coverage_text: str, low_text: str = "<⅔", low_hover: str = "") -> dict:
    """Detected girls, women, boys and men stacked per year; the hover says the year's coverage. A year below
    the coverage rule has no bar (a gap, never 0), marked ``low_text`` at the axis."""
    shown = rows[rows["value"].notna()]
    if shown.empty:
        return no_data(no_data_text)
    years = sorted(int(y) for y in rows["year"].unique())
    fig = go.Figure()
    for part in ("girls", "women", "boys", "men"):
        r = rows[rows["part"] == part].set_index("year").reindex(years)
        cover = [coverage_text.format(n=int(n), total=int(t), pct=f"{c:.0f}") if pd.notna(n) and pd.notna(c) else ""
                 for n, t, c in zip(r["members_with_data"], r["members_total"], r["coverage_pct"])]
        fig.add_trace(go.Bar(
            x=years, y=[None if pd.isna(v) else float(v) for v in r["value"]], name=labels[part],
            marker_color=WHO_COLOURS[part], customdata=cover,
            hovertemplate=f"{labels[part]}: %{{y:,.0f}}<br>%{{customdata}}<extra>%{{x}}</extra>"))
    low = sorted({int(y) for y in rows.loc[rows["flag"] == "coverage_below_threshold", "year"]})
    annotations = [dict(x=y, y=0, xref="x", yref="paper", yanchor="bottom", text=low_text, showarrow=False,
                        font=dict(size=9, color="#5c6670"), hovertext=low_hover or None) for y in low]
    base_layout(fig, yunit=unit, barmode="stack", annotations=annotations)
    fig.update_layout(legend=dict(traceorder="normal"))
    fig.update_xaxes(tickformat="d", nticks=min(len(years), 9))
    return as_dict(fig)


def forms_by_sex(rows: pd.DataFrame, *, sex_labels: dict[str, str], unit: str, no_data_text: str,
                 lang: str = "en") -> dict:
    """Forms of exploitation (largest first, top down), female and male side by side."""
    if rows.empty:
        return no_data(no_data_text)
    forms = list(dict.fromkeys(rows["form"]))[::-1]
    fig = go.Figure()
    for sex, colour in (("male", "#0072B2"), ("female", "#882255")):
        r = rows[rows["sex"] == sex].set_index("form").reindex(forms)
        fig.add_trace(go.Bar(
            y=forms, x=[None if pd.isna(v) else float(v) for v in r["value"]], name=sex_labels[sex],
            orientation="h", marker_color=colour, text=[None if pd.isna(v) else whole(v, lang) for v in r["value"]],
            textposition="outside", cliponaxis=False,
            hovertemplate=f"{sex_labels[sex]}: %{{x:,.0f}}<extra>%{{y}}</extra>"))
    base_layout(fig, height=max(260, 70 * len(forms) + 90), barmode="group")
    fig.update_layout(xaxis=dict(title=dict(text=unit), tickformat="~s", gridcolor="#e3e7ec", rangemode="tozero"),
                      yaxis=dict(title=None, automargin=True, tickformat=None, rangemode=None, type="category"),
                      margin=dict(l=10, r=60, t=10, b=10))
    return as_dict(fig)
