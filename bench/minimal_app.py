"""The floor for bench/first_render.py: a Dash app with one plotly bar chart and nothing else.

Served by gunicorn like the dashboard (`gunicorn --chdir bench minimal_app:server`), it measures what Dash 4 +
plotly.js alone cost to first draw in headless Chromium on this machine.
"""
import plotly.graph_objects as go
from dash import Dash, dcc, html

app = Dash(__name__, serve_locally=True)
app.layout = html.Div([dcc.Graph(figure=go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 2, 3])))])
server = app.server
