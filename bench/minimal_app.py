"""The floor for bench/first_render.py: a Dash app with one plotly bar chart and nothing else.

Served by gunicorn like the dashboard (`gunicorn --chdir bench minimal_app:server`), it measures what Dash 4 +
plotly.js alone cost to first draw in headless Chromium on this machine. With ``FLOOR_PARTIAL=1`` it loads the
dashboard's partial plotly.js bundle (assets/vendor) instead of the full one, as the dashboard does.
"""
import os
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, dcc, html

VENDOR = Path(__file__).resolve().parents[1] / "assets" / "vendor"
partial = os.environ.get("FLOOR_PARTIAL") == "1"
app = Dash(__name__, serve_locally=True, **({"assets_folder": str(VENDOR), "assets_path_ignore": ["^plotly-build$"]}
                                            if partial else {}))
app.layout = html.Div([dcc.Graph(figure=go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 2, 3])))])
server = app.server
