"""Pure figure builders for /missing-migrants: the incident map and the yearly series per route.

The map draws one circle per 1-degree cell and cause group (aggregated in the data layer), area proportional to
the dead and missing, one trace per cause so the legend doubles as a filter. ~3.6k circles for all 19,669 global incidents stays
responsive in scattergeo, which ~20k raw points does not.
"""
from __future__ import annotations


import pandas as pd

from ..i18n import t
from ..numbers import whole

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13)
# Okabe-Ito (colour-blind safe), one per cause group, fixed so colours do not move between filters
CAUSE_COLOURS = {
    "Drowning": "#0072B2",
    "Vehicle accident / death linked to hazardous transport": "#E69F00",
    "Harsh environmental conditions / lack of adequate shelter, food, water": "#D55E00",
    "Sickness / lack of access to adequate healthcare": "#009E73",
    "Violence": "#CC79A7",
    "Accidental death": "#56B4E9",
    "Mixed or unknown": "#7f7f7f",
    "More than one cause": "#000000",
}
ROUTE_COLOURS = ("#0b5cad", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f7f7f", "#000000")
MAX_PX = 38  # diameter of the largest circle


def _num(v, lang: str) -> str:
    """A count in the page language ("1.234" in bs, "1 234" in fr); missing is "–"."""
    return whole(v, lang)


def _short(cause: str) -> str:
    return cause.split(" / ")[0]


def incident_map(cells: pd.DataFrame, *, lang: str = "en", max_value: float | None = None,
                 cause_label=None) -> dict:
    """Scattergeo circles (cells: lat, lon, cause, incidents, dead_missing, first_date, last_date), one trace per
    cause, named by ``cause_label`` (IOM's short cause name -> its words in the page language; as published if
    not given)."""
    cause_label = cause_label or (lambda name: name)
    geo = dict(projection_type="natural earth", showframe=False, showcoastlines=True, coastlinecolor="#9aa5b1",
               coastlinewidth=0.5, showcountries=True, countrycolor="#ffffff", countrywidth=0.4, showland=True,
               landcolor="#e4e7eb", showocean=True, oceancolor="#f4f8fb", showlakes=False, resolution=110,
               lataxis_range=[-58, 85])
    # no fixed height: the card sets it (520 px, less on phones via assets/routes.css) and plotly follows
    layout = dict(font=FONT, autosize=True, margin=dict(l=0, r=0, t=10, b=0), paper_bgcolor="#ffffff", geo=geo,
                  showlegend=True, legend=dict(orientation="h", y=-0.02, x=0, font=dict(size=11),
                                               itemsizing="constant"),
                  hoverlabel=dict(font=FONT))
    if cells.empty:
        layout["annotations"] = [dict(text=t("map.no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                                      showarrow=False, font=dict(size=18, color="#4a5561"))]
        return {"data": [], "layout": layout}
    peak = float(max_value or cells["dead_missing"].max() or 1)
    sizeref = 2.0 * peak / MAX_PX ** 2  # plotly sizemode 'area': diameter = sqrt(value / sizeref)
    data = []
    for cause, colour in CAUSE_COLOURS.items():
        c = cells[cells["cause"] == cause]
        if c.empty:
            continue
        data.append(dict(
            type="scattergeo", mode="markers", name=cause_label(_short(cause)),
            lat=[float(v) for v in c["lat"]], lon=[float(v) for v in c["lon"]],
            marker=dict(size=[float(v) for v in c["dead_missing"]], sizemode="area", sizeref=sizeref, sizemin=2.5,
                        color=colour, opacity=0.65, line=dict(width=0.5, color="#ffffff")),
            customdata=[[_num(d, lang), int(n), f, l] for d, n, f, l in
                        zip(c["dead_missing"], c["incidents"], c["first_date"], c["last_date"])],
            hovertemplate=(f"<b>{cause_label(_short(cause))}</b><br>" + t("missing.hover", lang) + "<extra></extra>"),
        ))
    return {"data": data, "layout": layout}


def _year_layout(lang: str, top: int = 10, **extra) -> dict:
    """The layout of the per-year charts: one tick a year, dead and missing on the y axis."""
    return dict(font=FONT, height=400, margin=dict(l=60, r=20, t=top, b=50), plot_bgcolor="#ffffff",
                paper_bgcolor="#ffffff", hoverlabel=dict(font=FONT), showlegend=True,
                legend=dict(orientation="h", y=-0.15, x=0, font=dict(size=11)),
                xaxis=dict(dtick=1, showgrid=False, tickangle=-45),
                yaxis=dict(title=dict(text=t("missing.axis", lang)), gridcolor="#e5e9ef", rangemode="tozero"), **extra)


def _no_data(layout: dict, lang: str) -> dict:
    layout["annotations"] = [dict(text=t("map.no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                                  showarrow=False, font=dict(size=18, color="#4a5561"))]
    return {"data": [], "layout": layout}


def yearly_series(rows: pd.DataFrame, *, lang: str = "en", split: bool = False) -> dict:
    """One line per route (dead and missing per year); for one route with ``split``, dead and missing stacked.

    Partial years get an open marker and 'partial' in the hover."""
    layout = _year_layout(lang)
    if rows.empty:
        return _no_data(layout, lang)
    partial = [isinstance(f, str) and bool(f) for f in rows["flag"]]
    rows = rows.assign(_partial=partial)
    if split and rows["route"].nunique() == 1 and rows["dead"].notna().any():
        data = []
        for col, colour, key in (("dead", "#4a5561", "missing.dead"), ("missing", "#d55e00", "missing.missing")):
            data.append(dict(
                type="bar", name=t(key, lang), x=[int(y) for y in rows["year"]],
                y=[None if v != v else float(v) for v in rows[col]], marker=dict(
                    color=colour, pattern=dict(shape=["/" if p else "" for p in rows["_partial"]],
                                               fgcolor="#ffffff", fillmode="overlay")),
                customdata=[[_num(v, lang), f if isinstance(f, str) else ""] for v, f in zip(rows[col], rows["flag"])],
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + t(key, lang) + "</extra>"))
        layout["barmode"] = "stack"
        return {"data": data, "layout": layout}
    data = []
    for i, (route, r) in enumerate(rows.groupby("route", sort=False)):
        colour = ROUTE_COLOURS[i % len(ROUTE_COLOURS)]
        done, part = r[~r["_partial"]], r[r["_partial"]]
        # a partial year is drawn apart, on a dashed line from the last full year: a solid line into it read as a
        # collapse; its points stay the route's (same name, one legend entry)
        pieces = [(done, "solid", True)]
        if not part.empty:
            pieces.append((pd.concat([done.tail(1), part]) if not done.empty else part, "dot", done.empty))
        for piece, dash, legend in pieces:
            if piece.empty:
                continue
            data.append(dict(
                type="scatter", mode="lines+markers", name=route, legendgroup=route, showlegend=legend,
                x=[int(y) for y in piece["year"]], y=[float(v) for v in piece["dead_missing"]],
                line=dict(color=colour, width=2, dash=dash),
                marker=dict(color=["#ffffff" if p else colour for p in piece["_partial"]], size=8,
                            line=dict(color=colour, width=2)),
                customdata=[[_num(v, lang), f if isinstance(f, str) else ""]
                            for v, f in zip(piece["dead_missing"], piece["flag"])],
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + route + "</extra>"))
    return {"data": data, "layout": layout}


def family_bars(rows: pd.DataFrame, *, family: str, label: str | None = None, lang: str = "en") -> dict:
    """The routes of a family stacked per year, the family total written above each bar (partial years hatched)."""
    layout = _year_layout(lang, top=30, barmode="stack")
    if rows.empty:
        return _no_data(layout, lang)
    parts = rows[rows["route"] != family]
    total = rows[rows["route"] == family]
    data = []
    for i, (route, r) in enumerate(parts.groupby("route", sort=True)):
        colour = ROUTE_COLOURS[i % len(ROUTE_COLOURS)]
        partial = [isinstance(f, str) and bool(f) for f in r["flag"]]
        data.append(dict(
            type="bar", name=route, x=[int(y) for y in r["year"]], y=[float(v) for v in r["dead_missing"]],
            marker=dict(color=colour, pattern=dict(shape=["/" if p else "" for p in partial], fgcolor="#ffffff",
                                                   fillmode="overlay")),
            customdata=[[_num(v, lang), f if isinstance(f, str) else ""] for v, f in zip(r["dead_missing"], r["flag"])],
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + route + "</extra>"))
    data.append(dict(
        type="scatter", mode="text", name=t("missing.family.total", lang, family=label or family),
        x=[int(y) for y in total["year"]], y=[float(v) for v in total["dead_missing"]],
        text=[_num(v, lang) for v in total["dead_missing"]], textposition="top center",
        textfont=dict(size=11, color="#1f2933"), showlegend=False,
        hovertemplate="%{x}: %{text}<extra>" + t("missing.family.total", lang, family=label or family) + "</extra>"))
    return {"data": data, "layout": layout}
