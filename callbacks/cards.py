"""Every chart card: its "shown" fingerprint (``layouts.cards.prefill``) is cleared in the browser once its chart has
been drawn, so only the card's first answer after the page's layout may leave the texts as the layout brought them
(``layouts.cards.card(..., shown=)``); every later answer sends them."""
from __future__ import annotations

from dash import MATCH, Input, Output, clientside_callback

from layouts.components import cid

clientside_callback(
    "function(figure) { return null; }",
    Output(cid("shown", MATCH), "data"), Input(cid("graph", MATCH), "figure"), prevent_initial_call=True)
