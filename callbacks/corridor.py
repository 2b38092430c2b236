"""Corridor profile callbacks: the pair (from the path) -> one registered series chart per measure, plus shares."""
from __future__ import annotations

from dash import Input, Output, callback

from dashboard import ids, views
from dashboard.queries import flows as q
from layouts import components
from layouts.components import cid

OUTPUTS = []
for _m in q.MEASURES:
    OUTPUTS += components.chart_outputs(f"corridor-{_m}") + [Output(cid("actions", f"corridor-{_m}"), "children")]

COLUMNS = {"origin_name": "Origin", "destination_name": "Destination", "period": "Period", "value": "Value",
           "unit": "Unit", "method": "Method", "licence": "Licence"}
SHARE_COLUMNS = {"year": "Year", "value": "Corridor stock", "emigrant_stock": "Origin's emigrants",
                 "share_of_emigrants": "Share of emigrants", "migrant_stock": "Destination's immigrants",
                 "share_of_immigrants": "Share of immigrants"}


def _pct(v) -> str:
    return "–" if v != v else f"{v * 100:.2f}%"


@callback(*OUTPUTS, Output(ids.CORRIDOR_SHARES, "children"), Input(ids.CORRIDOR_PAIR, "data"))
def fill_corridor(pair):
    out = []
    for m in q.MEASURES:
        state, _ = views.parse("corridor-series", {"pair": pair or "", "measure": m})
        rendered = views.render("corridor-series", state)
        rows = views.data("corridor-series", state)
        out += [*components.chart_values(rendered, rows, COLUMNS),
                components.chart_actions("corridor-series", state, rendered["rows"])]
    parsed = q.parse_pair(pair or "")
    shares = q.corridor_shares(*parsed) if parsed else None
    if shares is not None:
        shares = shares.assign(share_of_emigrants=shares["share_of_emigrants"].map(_pct),
                               share_of_immigrants=shares["share_of_immigrants"].map(_pct))
        table = components.data_table(shares, SHARE_COLUMNS)
    else:
        table = None
    return (*out, table)
