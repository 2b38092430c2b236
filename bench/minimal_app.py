"""The floors for bench/first_render.py: Dash apps with nothing but plotly charts.

Served by gunicorn like the dashboard (`gunicorn --chdir bench minimal_app:server`), they measure what Dash 4 +
plotly.js alone cost to first draw in headless Chromium on this machine. Environment:

- ``FLOOR_PARTIAL=1``: load the dashboard's partial plotly.js bundle (assets/vendor) instead of the full one;
- ``FLOOR_EXPLORER=1``: instead of one bar chart, the explorer's own three figures at its default state (world
  map, ranking, series; from ``dashboard.views``, base map from assets/topojson), put in the layout as they are:
  no callbacks, controls, texts or tables. ``FLOOR_ONLY=map`` (or ranking, series) keeps one of them.
"""
import os
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, dcc, html

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "assets" / "vendor"
partial = os.environ.get("FLOOR_PARTIAL") == "1"
app = Dash(__name__, serve_locally=True, **({"assets_folder": str(VENDOR), "assets_path_ignore": ["^plotly-build$"]}
                                            if partial else {}))
app.layout = html.Div([dcc.Graph(figure=go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 2, 3])))])
server = app.server

if os.environ.get("FLOOR_EXPLORER") == "1":
    import sys

    from flask import send_from_directory

    sys.path.insert(0, str(REPO))
    from dashboard import views  # noqa: E402

    server.add_url_rule("/assets/topojson/<path:name>", "topojson",
                        lambda name: send_from_directory(REPO / "assets" / "topojson", name))
    only = os.environ.get("FLOOR_ONLY")
    app.layout = html.Div([
        dcc.Graph(figure=views.render(vid, views.parse(vid, {})[0])["figure"], config={"topojsonURL": "/assets/topojson/"})
        for vid in ("map", "ranking", "series") if not only or vid == only
    ])
