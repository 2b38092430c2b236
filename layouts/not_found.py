"""Friendly 404 page body."""
from dash import html


def layout(pathname: str | None = None):
    return html.Main(className="page page-404", children=[
        html.H1("Page not found"),
        html.P(f"There is no page at {pathname!r}."),
        html.A("Go to the world map", href="/"),
    ])
