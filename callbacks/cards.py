"""Chart-card values (figure, texts, table, actions) built once per state and kept as plain JSON.

Shared by pages whose viewdefs module provides ``table_frame(view_id, rows, lang) -> (frame, columns)``.
The shared cache holds the JSON; a per-process copy in front of it makes a warm update cost no unpickling.
"""
from __future__ import annotations

import functools
import importlib
import json

from plotly.utils import PlotlyJSONEncoder

from dashboard import store, views
from dashboard.cache import memoize
from layouts import components


def wire(component) -> dict | list:
    """A component tree (or list of values) as the plain JSON Dash sends: cheap to cache and to resend."""
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def render_card(view_id: str, page_state: dict, viewdefs_module: str, lang: str = "en") -> tuple:
    """The chart_outputs values + actions of one card for the page state (only the view's own params)."""
    st = {p.name: page_state[p.name] for p in views.get(view_id).params}
    return _local_card(store.bundle().version, viewdefs_module, view_id, tuple(sorted(st.items())), lang)


@functools.lru_cache(maxsize=1024)
def _local_card(version: str, viewdefs_module: str, view_id: str, key: tuple, lang: str) -> tuple:
    return tuple(_card(viewdefs_module, view_id, key, lang))


@memoize()
def _card(viewdefs_module: str, view_id: str, key: tuple, lang: str) -> list:
    st = dict(key)
    rendered = views.render(view_id, st, lang)
    rows = views.data(view_id, st)
    frame, columns = importlib.import_module(viewdefs_module).table_frame(view_id, rows, lang)
    values = components.chart_values(rendered, frame, columns) + (
        components.chart_actions(view_id, st, rendered["rows"]),)
    return wire(list(values))
