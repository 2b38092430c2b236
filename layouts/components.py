"""Shared building blocks: the chart card every chart sits in, and an accessible data table.

A chart card has a title (what and when), a subtitle (units), the graph with a loading state, a
one-sentence summary (alt text, read by screen readers), the source line, a native <details>
"Table" toggle with the same numbers, and an actions slot (download, embed, cite).
Ids are pattern-matching dicts keyed by the card's ``key`` (unique on its page), so callbacks
use ``chart_outputs(key)`` and return ``chart_values(...)``.
"""
from __future__ import annotations

import math

import pandas as pd
from dash import Output, dcc, html

PARTS = ("title", "subtitle", "graph", "summary", "source", "table", "actions")


def cid(part: str, key: str) -> dict:
    return {"type": f"chart-{part}", "key": key}


def graph_config(geo: bool = False, filename: str = "chart") -> dict:
    cfg = {"displaylogo": False, "responsive": True,
           "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename}}
    if geo:
        cfg["topojsonURL"] = "/assets/topojson/"
    return cfg


def chart_card(key: str, *, geo: bool = False, height: int = 420, extra_note: str | None = None,
               table_label: str = "Table") -> html.Section:
    return html.Section(className="chart", **{"aria-labelledby": f"{key}-title"}, children=[
        html.H2(id=cid("title", key), className="chart-title"),
        html.P(id=cid("subtitle", key), className="chart-subtitle"),
        dcc.Loading(type="dot", delay_show=150, children=dcc.Graph(
            id=cid("graph", key), config=graph_config(geo, key), style={"height": f"{height}px"})),
        html.P(id=cid("summary", key), className="visually-hidden", **{"aria-live": "polite"}),
        html.P(id=cid("source", key), className="chart-source"),
        html.P(extra_note, className="chart-note") if extra_note else None,
        html.Details(className="chart-table", children=[
            html.Summary(table_label), html.Div(id=cid("table", key)),
        ]),
        html.Div(id=cid("actions", key), className="chart-actions"),
    ])


def chart_outputs(key: str, parts=("figure", "title", "subtitle", "summary", "source", "table")) -> list[Output]:
    out = []
    for part in parts:
        if part == "figure":
            out.append(Output(cid("graph", key), "figure"))
        else:
            out.append(Output(cid(part, key), "children"))
    return out


def chart_values(rendered: dict, table_rows: pd.DataFrame | None, columns: dict[str, str] | None = None) -> tuple:
    """Values in the order of ``chart_outputs``' default parts."""
    table = data_table(table_rows, columns) if table_rows is not None else None
    return (rendered["figure"], rendered["title"], rendered["subtitle"], rendered["summary"], rendered["source"],
            table)


def _cell(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.4g}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 else str(v)
    return str(v)


def data_table(df: pd.DataFrame, columns: dict[str, str] | None = None, max_rows: int = 500) -> html.Table:
    """An accessible HTML table (caption-less; the card's title labels it). Missing shows as '–'."""
    columns = columns or {c: c for c in df.columns}
    rows = df[list(columns)].head(max_rows)
    head = html.Thead(html.Tr([html.Th(label, scope="col") for label in columns.values()]))
    body = html.Tbody([html.Tr([html.Td(_cell(v)) for v in rec]) for rec in rows.itertuples(index=False)])
    foot = [html.Caption(f"First {max_rows:,} of {len(df):,} rows")] if len(df) > max_rows else []
    return html.Table(className="data-table", children=[*foot, head, body])
