"""Shared building blocks: the chart card every chart sits in, and an accessible data table.

A chart card has a title (what and when), a subtitle (units), the graph with a loading state, a
one-sentence summary (alt text, read by screen readers), the source line, a native <details>
"Table" toggle with the same numbers, and an actions slot (download, embed, cite).
Ids are pattern-matching dicts keyed by the card's ``key`` (unique on its page), so callbacks
use ``chart_outputs(key)`` and return ``chart_values(...)``.
"""
from __future__ import annotations

import math
from html import escape

import pandas as pd
from dash import Output, dcc, html

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
    from layouts.provenance import from_rendered

    return (rendered["figure"], rendered["title"], rendered["subtitle"], rendered["summary"], from_rendered(rendered),
            table)


def _cell(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.4g}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 else str(v)
    return str(v)


def table_markup(df: pd.DataFrame, columns: dict[str, str], max_rows: int = 500) -> str:
    """An accessible HTML table (th scope=col, '–' for missing) as one escaped HTML string."""
    rows = df[list(columns)].head(max_rows)
    head = "".join(element("th", escape(str(label)), scope="col") for label in columns.values())
    body = "".join(element("tr", "".join(element("td", escape(_cell(v))) for v in rec))
                   for rec in rows.itertuples(index=False))
    cap = element("caption", f"First {max_rows:,} of {len(df):,} rows") if len(df) > max_rows else ""
    return element("table", cap + element("thead", element("tr", head)) + element("tbody", body), class_="data-table")


def table_holder(markup: str, class_name: str = "table-wrap") -> html.Div:
    """A Div that shows ``markup`` (from ``table_markup``; layouts/markup.py). Not thousands of html.Td components
    (a 230-row table built from them blocked headless Chromium for tens of seconds), and not dcc.Markdown (its
    parser and highlighter, ~470 KB of script, cost ~0.2 s of the explorer's first render)."""
    return holder(markup, class_name)


def data_table(df: pd.DataFrame, columns: dict[str, str] | None = None, max_rows: int = 500) -> html.Div:
    """The chart's numbers as an accessible table (``table_markup`` in a ``table_holder``)."""
    columns = columns or {c: c for c in df.columns}
    return table_holder(table_markup(df, columns, max_rows))


def chart_actions(view_id: str, state: dict, rows: int | None = None, lang: str = "en") -> list:
    """Download / embed / cite links for a registered chart view in a given state (same query as the page URL).

    The server side lives in dashboard/exports.py (``/download/<view>.<fmt>``), dashboard/embed.py
    (``/embed/<view>``, ``/cite/<view>``) and dashboard/images.py (``/image/<view>.png|svg``): they rebuild
    the rows from the same view registry, so a download is exactly what the chart shows. The row
    count is shown before download; non-commercial sources are marked next to the links.
    """
    from dashboard import store, views
    from dashboard.i18n import t
    from layouts.embed_panel import embed_panel
    from layouts.full_download import full_link

    views.get(view_id)  # unknown view -> QueryError
    query = views.query(view_id, state)
    csv_label = (t("actions.download_csv", lang, rows=f"{rows:,}") if rows is not None
                 else t("actions.download_csv_plain", lang))
    links = [
        html.A(csv_label, href=f"/download/{view_id}.csv{query}", className="action", download="",
               **{"data-view": view_id, "data-action": "csv"}),
        full_link(view_id, state, query, lang),  # the whole indicator/measure/table (layouts/full_download.py)
        html.A(t("actions.xlsx", lang), href=f"/download/{view_id}.xlsx{query}", className="action", download="",
               **{"data-action": "xlsx"}),
        html.A(t("actions.zip", lang), href=f"/download/{view_id}.zip{query}", className="action", download="",
               **{"data-action": "zip"}),
        embed_panel(view_id, state, lang),  # iframe snippet, image links, citation (layouts/embed_panel.py)
        html.A(t("actions.cite", lang), href=f"/cite/{view_id}{query}", className="action", target="_blank",
               **{"data-action": "cite"}),
    ]
    links = [a for a in links if a is not None]
    metas = [store.source_meta(s) for s in views.source_ids(view_id, state)]
    nc = [m for m in metas if m.get("non_commercial")]
    if nc:
        links.append(html.Span(t("actions.non_commercial", lang), className="action-licence",
                               title="; ".join(f"{m.get('publisher')}: {m.get('licence')}" for m in nc)))
    return links
