"""Corridor profile callbacks: the pair (from the path) -> one registered series chart per measure, plus shares."""
from __future__ import annotations

from dash import Input, Output, State, callback

from dashboard import ids, language, numbers, views
from dashboard.queries import flows as q
from layouts import cards, components

OUTPUTS = [o for _m in q.MEASURES for o in cards.outputs(f"corridor-{_m}")]

SHARE_COLUMNS = {"year": "Year", "value": "Corridor stock", "emigrant_stock": "Origin's emigrants",
                 "share_of_emigrants": "Share of emigrants", "migrant_stock": "Destination's immigrants",
                 "share_of_immigrants": "Share of immigrants"}


@callback(*OUTPUTS, Output(ids.CORRIDOR_SHARES, "children"), Input(ids.CORRIDOR_PAIR, "data"),
          State(ids.URL, "search"), cards.SHOWN)
def fill_corridor(pair, search=None, shown=None):
    out, lang = [], language.from_query(search)
    for m in q.MEASURES:
        state, _ = views.parse("corridor-series", {"pair": pair or "", "measure": m})
        out += cards.card("corridor-series", state, lang, shown)
    parsed = q.parse_pair(pair or "")
    shares = q.corridor_shares(*parsed) if parsed else None
    if shares is not None:
        shares = shares.assign(share_of_emigrants=[numbers.share(v, lang, 2) for v in shares["share_of_emigrants"]],
                               share_of_immigrants=[numbers.share(v, lang, 2) for v in shares["share_of_immigrants"]])
        table = components.data_table(shares, {c: views.column_label(label, lang) for c, label in SHARE_COLUMNS.items()},
                                      lang=lang)
    else:
        table = None
    return (*out, table)
