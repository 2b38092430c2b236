"""Shared building blocks: the chart card every chart sits in, and an accessible data table.

A chart card has a title (what and when), a subtitle (units), the graph with a loading state, a
one-sentence summary (alt text, read by screen readers), the source line, a native <details>
"Table" toggle with the same numbers, and an actions slot (download, embed, cite).
Ids are pattern-matching dicts keyed by the card's ``key`` (unique on its page), so callbacks
fill the card through the one card pipeline: ``layouts.cards.outputs(key)`` and ``cards.card(view, state, lang)``.
"""
from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
from dash import Output, dcc, html

from dashboard import numbers
from dashboard.i18n import t
from layouts.markup import element, holder

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
        html.Div(id=cid("source", key), className="chart-source"),  # a Div: it holds the provenance panel
        html.P(extra_note, className="chart-note") if extra_note else None,
        html.Details(className="chart-table", children=[
            html.Summary(table_label), html.Div(id=cid("table", key)),
        ]),
        html.Div(id=cid("actions", key), className="chart-actions"),
    ])


def chart_outputs(key: str, parts=("figure", "title", "subtitle", "summary", "source", "table")) -> list[Output]:
    """The card's outputs without its actions (``layouts.cards.outputs`` adds them: use that one)."""
    out = []
    for part in parts:
        if part == "figure":
            out.append(Output(cid("graph", key), "figure"))
        else:
            out.append(Output(cid(part, key), "children"))
    return out



def _cell(v) -> str:
    """A table cell: numbers through the one formatter (years and other small whole numbers as they are)."""
    if isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, (int, np.integer)):
        return str(v) if abs(int(v)) < 10000 else numbers.whole(v)
    if isinstance(v, (float, np.floating)) or v is None or v is pd.NA:
        return numbers.exact(v)
    return str(v)


def _td(v, href=None) -> str:
    text = escape(_cell(v))
    if isinstance(href, str) and href:
        text = element("a", text, href=href, class_="table-link")
    numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
    return element("td", text, class_="num") if numeric else element("td", text)


def table_markup(df: pd.DataFrame, columns: dict[str, str], max_rows: int = 500, links: dict[str, str] | None = None,
                 class_name: str = "", lang: str = "en") -> str:
    """An accessible HTML table (th scope=col, '–' for missing, numbers right-aligned) as one escaped HTML string.
    ``links`` maps a shown column to the column holding its cells' URLs (an empty URL: plain text)."""
    links = {c: h for c, h in (links or {}).items() if c in columns and h in df.columns}
    shown = list(columns)
    rows = df[shown + [h for h in links.values() if h not in shown]].head(max_rows)
    pos = {c: i for i, c in enumerate(rows.columns)}
    head = "".join(element("th", escape(str(label)), scope="col") for label in columns.values())
    body = "".join(element("tr", "".join(_td(rec[pos[c]], rec[pos[links[c]]] if c in links else None) for c in shown))
                   for rec in rows.itertuples(index=False))
    cap = (element("caption", escape(t("table.first_rows", lang, shown=numbers.whole(max_rows, lang),
                                          n=numbers.whole(len(df), lang)))) if len(df) > max_rows else "")
    return element("table", cap + element("thead", element("tr", head)) + element("tbody", body),
                   class_=" ".join(x for x in ("data-table", class_name) if x))


def table_holder(markup: str, class_name: str = "table-wrap") -> html.Div:
    """A Div that shows ``markup`` (from ``table_markup``; layouts/markup.py). Not thousands of html.Td components
    (a 230-row table built from them blocked headless Chromium for tens of seconds), and not dcc.Markdown (its
    parser and highlighter, ~470 KB of script, cost ~0.2 s of the explorer's first render)."""
    return holder(markup, class_name)


def data_table(df: pd.DataFrame, columns: dict[str, str] | None = None, max_rows: int = 500,
               lang: str = "en") -> html.Div:
    """The chart's numbers as an accessible table (``table_markup`` in a ``table_holder``)."""
    columns = columns or {c: c for c in df.columns}
    return table_holder(table_markup(df, columns, max_rows, lang=lang))

