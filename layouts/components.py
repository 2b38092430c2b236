"""Shared building blocks: the chart card every chart sits in, and an accessible data table.

A chart card has a title (what and when), a subtitle (units), the graph with a loading state, a
one-sentence summary (alt text, read by screen readers), the source line, a native <details>
"Table" toggle with the same numbers, and an actions slot (download, embed, cite).
Ids are pattern-matching dicts keyed by the card's ``key`` (unique on its page), so callbacks
fill the card through the one card pipeline: ``layouts.cards.outputs(key)`` and ``cards.card(view, state, lang)``.
"""
from __future__ import annotations

import json
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


def dom_id(part: str, key: str) -> str:
    """The HTML id Dash gives the element of ``cid(part, key)`` (its keys sorted, compact JSON), for aria-*."""
    return json.dumps(cid(part, key), sort_keys=True, separators=(",", ":"))


def graph_config(geo: bool = False, filename: str = "chart") -> dict:
    # no plotly toolbar: its eight buttons per chart sat in the tab order and covered the top of charts and
    # tooltips on phones; what it offered is in the card's "Share / Download" menu (PNG and SVG images, the
    # data) and the mouse still zooms and pans (double click resets)
    cfg = {"displaylogo": False, "displayModeBar": False, "responsive": True,
           "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename}}
    if geo:
        cfg["topojsonURL"] = "/assets/topojson/"
    return cfg


# the shapes a chart's loading skeleton takes (assets/skeleton.css), by the kind of chart it stands for
SKELETON_PARTS = {"map": 5, "bars": 6, "lines": 3, "sankey": 7, "matrix": 16}


def skeleton_kind(figure: dict) -> str:
    """The skeleton shape of a figure: a map (geo traces), a Sankey, a matrix (heatmap), bars (any bar trace) or
    lines."""
    types = {d.get("type") or "scatter" for d in (figure or {}).get("data") or []}
    if types & {"choropleth", "scattergeo", "choroplethmap", "scattermap"}:
        return "map"
    if "sankey" in types:
        return "sankey"
    if "heatmap" in types:
        return "matrix"
    return "bars" if "bar" in types or not types else "lines"


def skeleton(kind: str) -> html.Div:
    """A grey outline of a chart of ``kind`` (bars, lines, a map, a Sankey, a matrix) shown in the chart's box while
    it loads: the box keeps the chart's size, so nothing moves when the chart is drawn. Decorative (aria-hidden);
    its shimmer stops for readers who prefer reduced motion (assets/skeleton.css)."""
    if kind not in SKELETON_PARTS:
        raise ValueError(f"unknown skeleton kind {kind!r}: one of {sorted(SKELETON_PARTS)}")
    return html.Div(className=f"chart-skeleton chart-skeleton-{kind}", **{"data-skeleton": kind, "aria-hidden": "true"},
                    children=[html.Span(className="sk") for _ in range(SKELETON_PARTS[kind])])


def chart_card(key: str, *, geo: bool = False, height: int = 420, extra_note: str | None = None,
               table_label: str | None = None, kind: str | None = None) -> html.Section:
    """A chart card; ``kind`` is the shape of its loading skeleton (``skeleton``): a map when ``geo``, else bars
    unless said (tests/test_skeletons.py checks each card's kind against its drawn figure)."""
    # the section and the chart are named by the chart's title and the chart described by its one-sentence
    # summary (read by screen readers; the "Table" below has the same numbers); changes are announced once, by
    # the page's live region (assets/a11y.js), not by every card
    title = dom_id("title", key)
    return html.Section(className="chart", **{"aria-labelledby": title}, children=[
        html.H2(id=cid("title", key), className="chart-title"),
        html.P(id=cid("subtitle", key), className="chart-subtitle"),
        # the chart's box is held at its height before the chart is drawn (--chart-h, style.css): nothing under it
        # moves when it arrives
        html.Div(className="chart-figure", role="figure", style={"--chart-h": f"{height}px"},
                 **{"aria-labelledby": title, "aria-describedby": dom_id("summary", key)},
                 children=dcc.Loading(
                     custom_spinner=skeleton(kind or ("map" if geo else "bars")), delay_show=150,
                     children=dcc.Graph(id=cid("graph", key), config=graph_config(geo, key),
                                        style={"height": f"{height}px"}))),
        html.P(id=cid("summary", key), className="visually-hidden"),
        html.Div(id=cid("source", key), className="chart-source"),  # a Div: it holds the provenance panel
        html.P(extra_note, className="chart-note") if extra_note else None,
        html.Details(className="chart-table", children=[
            html.Summary(table_label, className="chart-table-label"), html.Div(id=cid("table", key)),
        ]),
        html.Div(id=cid("actions", key), className="chart-actions"),
        # the fingerprint of the texts the page's layout brought (``cards.prefill``): the card's first answer leaves
        # them as they are instead of drawing them again (``cards.card(..., shown=)``); cleared once the chart is drawn
        dcc.Store(id=cid("shown", key)),
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


def _td(v, href=None, verbatim: bool = False) -> str:
    text = escape(_cell(v))
    if isinstance(href, str) and href:
        text = element("a", text, href=href, class_="table-link")
    numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
    if numeric:
        return element("td", text, class_="num")
    # a publisher's own name for its source or licence, as published: the HTML translate attribute says so
    return element("td", text, translate="no") if verbatim else element("td", text)


def table_markup(df: pd.DataFrame, columns: dict[str, str], max_rows: int = 500, links: dict[str, str] | None = None,
                 class_name: str = "", lang: str = "en", verbatim=("source", "licence")) -> str:
    """An accessible HTML table (th scope=col, '–' for missing, numbers right-aligned) as one escaped HTML string.
    ``links`` maps a shown column to the column holding its cells' URLs (an empty URL: plain text)."""
    links = {c: h for c, h in (links or {}).items() if c in columns and h in df.columns}
    shown = list(columns)
    rows = df[shown + [h for h in links.values() if h not in shown]].head(max_rows)
    pos = {c: i for i, c in enumerate(rows.columns)}
    head = "".join(element("th", escape(str(label)), scope="col") for label in columns.values())
    body = "".join(element("tr", "".join(_td(rec[pos[c]], rec[pos[links[c]]] if c in links else None, c in verbatim)
                                         for c in shown))
                   for rec in rows.itertuples(index=False))
    cap = (element("caption", escape(t("table.first_rows", lang, shown=numbers.whole(max_rows, lang),
                                          n=numbers.whole(len(df), lang)))) if len(df) > max_rows else "")
    return element("table", cap + element("thead", element("tr", head)) + element("tbody", body),
                   class_=" ".join(x for x in ("data-table", class_name) if x))


def table_holder(markup: str, class_name: str = "table-wrap", lang: str = "en") -> html.Div:
    """A Div that shows ``markup`` (from ``table_markup``; layouts/markup.py). Not thousands of html.Td components
    (a 230-row table built from them blocked headless Chromium for tens of seconds), and not dcc.Markdown (its
    parser and highlighter, ~470 KB of script, cost ~0.2 s of the explorer's first render).

    The Div scrolls sideways on narrow screens (its first column stays in place), so it is a named group in the
    tab order: a keyboard user can scroll it with the arrow keys."""
    return holder(markup, class_name, tabIndex="0", role="group", **{"aria-label": t("a11y.table_region", lang)})


def data_table(df: pd.DataFrame, columns: dict[str, str] | None = None, max_rows: int = 500, lang: str = "en",
               verbatim=("source", "licence")) -> html.Div:
    """The chart's numbers as an accessible table (``table_markup`` in a ``table_holder``)."""
    columns = columns or {c: c for c in df.columns}
    return table_holder(table_markup(df, columns, max_rows, lang=lang, verbatim=verbatim), lang=lang)


def dropdown_labels(lang: str) -> dict:
    """The texts Dash's own dropdown shows (Dash 4 ``Dropdown.labels``) in the page language."""
    return {"select_all": t("dropdown.select_all", lang), "deselect_all": t("dropdown.deselect_all", lang),
            "selected_count": t("dropdown.selected_count", lang), "search": t("dropdown.search", lang),
            "clear_search": t("dropdown.clear_search", lang), "clear_selection": t("dropdown.clear_selection", lang),
            "no_options_found": t("dropdown.no_options", lang)}


def localise_dash_texts(tree, lang: str):
    """Every dropdown of a page layout with Dash's own texts in ``lang``, and every chart card's table toggle
    labelled (one pass over the tree the router returns, so no page can forget it); a dropdown that sets its own
    ``labels`` keeps them."""
    nodes = [tree] if isinstance(tree, dcc.Dropdown) else []
    if hasattr(tree, "_traverse"):
        nodes += [n for n in tree._traverse() if isinstance(n, dcc.Dropdown)]
    labels = dropdown_labels(lang)
    for node in nodes:
        if getattr(node, "labels", None) is None:
            node.labels = labels
    # a chart card's "Table" toggle (components.chart_card) that its page did not label
    for node in (tree._traverse() if hasattr(tree, "_traverse") else ()):
        if isinstance(node, html.Summary) and getattr(node, "className", "") == "chart-table-label" \
                and node.children is None:
            node.children = t("explorer.table", lang)
    return tree
