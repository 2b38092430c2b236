"""Pure figure builders for /routes: frames in, plotly figure dicts out (no Dash, no I/O).

Partial years are drawn in a lighter, hatched colour and named "partial" in the hover and the axis label, so a
short year never reads as a fall.
"""
from __future__ import annotations


import pandas as pd

from .. import numbers
from ..i18n import t

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13)
BLUE = "#0b5cad"
LIGHT = "#8fb3dc"
RED = "#b2182b"
LIGHT_RED = "#e6a3aa"
AGG = "#6b4e9b"  # EU27 aggregate: its own colour, never stacked with countries


def _num(v, lang: str) -> str:
    """A count in the page language ('1.234' in bs, '1 234' in fr); missing is '–'."""
    return numbers.whole(v, lang)


def _base(height: int = 420, **kw) -> dict:
    layout = dict(font=FONT, height=height, margin=dict(l=60, r=20, t=20, b=50), plot_bgcolor="#ffffff",
                  paper_bgcolor="#ffffff", hoverlabel=dict(font=FONT), showlegend=False)
    layout.update(kw)
    return layout


def _empty(lang: str, height: int = 380) -> dict:
    return {"data": [], "layout": _base(height, xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[
        dict(text=t("map.no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
             font=dict(size=18, color="#4a5561"))])}


def monthly_bars(rows: pd.DataFrame, *, unit: str, lang: str = "en") -> dict:
    """Detections per month (x = month)."""
    if rows.empty:
        return _empty(lang)
    return {"data": [dict(
        type="bar", x=[f"{m}-01" for m in rows["month"]], y=[float(v) for v in rows["value"]],
        marker=dict(color=BLUE), name=unit,
        customdata=[[m, _num(v, lang)] for m, v in zip(rows["month"], rows["value"])],
        hovertemplate="%{customdata[0]}: %{customdata[1]} " + unit + "<extra></extra>",
    )], "layout": _base(380, xaxis=dict(type="date", showgrid=False),
                        yaxis=dict(title=dict(text=unit), gridcolor="#e5e9ef", rangemode="tozero"),
                        bargap=0.1)}


def top_bars(rows: pd.DataFrame, *, unit: str, lang: str = "en") -> dict:
    """Horizontal bars, largest on top; labels carry value and share."""
    if rows.empty:
        return _empty(lang)
    r = rows.iloc[::-1]
    text = [f"{_num(v, lang)} ({numbers.percent(s, lang)})" if s == s and s is not None else _num(v, lang)
            for v, s in zip(r["value"], r["share_pct"])]
    return {"data": [dict(
        type="bar", orientation="h", y=list(r["nationality"]), x=[float(v) for v in r["value"]],
        marker=dict(color=BLUE), text=text, textposition="auto", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )], "layout": _base(max(300, 34 * len(r) + 80), margin=dict(l=170, r=20, t=10, b=50),
                        xaxis=dict(title=dict(text=unit), gridcolor="#e5e9ef", rangemode="tozero"),
                        yaxis=dict(automargin=True))}


def asylum_bars(rows: pd.DataFrame, *, unit: str, aggregate_label: str, countries_label: str, lang: str = "en",
                top: int = 15) -> dict:
    """Reporting countries as blue bars (``countries_label``); the EU27 aggregate as a separate purple bar (a
    published total, not a sum of the bars)."""
    if rows.empty:
        return _empty(lang)
    agg = rows[rows["is_eu27_aggregate"]]
    ctry = rows[~rows["is_eu27_aggregate"]].head(top).iloc[::-1]
    data = [dict(type="bar", orientation="h", name=countries_label, y=list(ctry["destination"]),
                 x=[float(v) for v in ctry["value"]], marker=dict(color=BLUE),
                 text=[_num(v, lang) for v in ctry["value"]], textposition="auto",
                 hovertemplate="%{y}: %{text}<extra></extra>")]
    if not agg.empty:
        data.append(dict(type="bar", orientation="h", name=aggregate_label, y=list(agg["destination"]),
                         x=[float(v) for v in agg["value"]],
                         marker=dict(color=AGG, pattern=dict(shape="/", fgcolor="#ffffff", fillmode="overlay")),
                         text=[_num(v, lang) for v in agg["value"]], textposition="auto",
                         hovertemplate="%{y}: %{text}<extra></extra>"))
    n = len(ctry) + len(agg)
    return {"data": data, "layout": _base(max(300, 30 * n + 90), margin=dict(l=210, r=20, t=10, b=50),
                                          barmode="overlay", xaxis=dict(title=dict(text=unit), gridcolor="#e5e9ef"),
                                          yaxis=dict(automargin=True))}


def yearly_bars(rows: pd.DataFrame, *, unit: str, partial_label: str, lang: str = "en", color: str = BLUE,
                light: str = LIGHT) -> dict:
    """Yearly totals (x = period label); partial years hatched and lighter, with the flag in the hover."""
    if rows.empty:
        return _empty(lang)
    partial = [isinstance(f, str) and bool(f) for f in rows["flag"]]
    xs = [f"{p} ({partial_label})" if part else str(p) for p, part in zip(rows["period"], partial)]
    return {"data": [dict(
        type="bar", x=xs, y=[None if v != v else float(v) for v in rows["value"]],
        marker=dict(color=[light if p else color for p in partial],
                    pattern=dict(shape=["/" if p else "" for p in partial], fgcolor="#ffffff",
                                     fillmode="overlay")),
        text=[_num(v, lang) for v in rows["value"]], textposition="outside", cliponaxis=False,
        customdata=[[f if isinstance(f, str) else ""] for f in rows["flag"]],
        hovertemplate="%{x}: %{text} " + unit + "<br>%{customdata[0]}<extra></extra>",
    )], "layout": _base(380, xaxis=dict(type="category", showgrid=False, tickangle=-45, automargin=True),
                        yaxis=dict(title=dict(text=unit), gridcolor="#e5e9ef", rangemode="tozero"))}


def crossings_and_deaths(rows: pd.DataFrame, *, labels: dict, lang: str = "en") -> dict:
    """Two panels on one year axis: Frontex detections (top) and IOM dead and missing (bottom). Two measures of
    two publishers: drawn side by side, never on one axis or combined."""
    if rows.empty:
        return _empty(lang)
    data = []
    panels = [("Frontex detections", "y", BLUE, LIGHT, labels["detections"]),
              ("IOM dead and missing", "y2", RED, LIGHT_RED, labels["deaths"])]
    for measure, axis, col, light, name in panels:
        r = rows[rows["measure"] == measure]
        if r.empty:
            continue
        partial = [isinstance(f, str) and bool(f) for f in r["flag"]]
        data.append(dict(
            type="bar", name=name, x=[int(y) for y in r["year"]], y=[float(v) for v in r["value"]],
            yaxis=axis, xaxis="x",
            marker=dict(color=[light if p else col for p in partial],
                        pattern=dict(shape=["/" if p else "" for p in partial], fgcolor="#ffffff",
                                     fillmode="overlay")),
            customdata=[[_num(v, lang), f if isinstance(f, str) else "", lbl] for v, f, lbl in
                        zip(r["value"], r["flag"], r["route_label"])],
            hovertemplate="%{x} · %{customdata[2]}: %{customdata[0]}<br>%{customdata[1]}<extra>" + name + "</extra>",
        ))
    has_deaths = any(d["yaxis"] == "y2" for d in data)
    layout = _base(460, showlegend=True, legend=dict(orientation="h", y=1.08, x=0),
                   xaxis=dict(showgrid=False, dtick=1, tickangle=-45, anchor="y2" if has_deaths else "y"),
                   yaxis=dict(title=dict(text=labels["detections_axis"]), domain=[0.55, 1] if has_deaths else [0, 1],
                              gridcolor="#e5e9ef", rangemode="tozero"),
                   margin=dict(l=70, r=20, t=30, b=60))
    if has_deaths:
        layout["yaxis2"] = dict(title=dict(text=labels["deaths_axis"]), domain=[0, 0.42], gridcolor="#e5e9ef",
                                rangemode="tozero")
    else:
        layout["annotations"] = [dict(text=labels["no_match"], x=0.5, y=-0.25, xref="paper", yref="paper",
                                      showarrow=False, font=dict(color="#4a5561"))]
    return {"data": data, "layout": layout}
