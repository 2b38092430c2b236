"""The naive baseline of `make load` (bench/load.py): the explorer's map callback as a straightforward Dash app would
write it, with no cache and no precomputation.

Per request, the one callback reads the indicator's rows from the bundle's Parquet file (``country_year``, filtered
on the indicator, the year and sex=total) and the country names, and builds the map with plotly.express
(``px.choropleth``), which Dash serialises. Served by gunicorn like the dashboard (`gunicorn --chdir bench
naive_map:server`, 2 workers x 4 threads); bench/load.py posts the same state to it and to the dashboard's own map
callback, at the same concurrency, in the same run. Not part of the app.
"""
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "data" / "curated"

app = Dash(__name__, serve_locally=True)
app.layout = html.Div([dcc.Input(id="indicator"), dcc.Input(id="year", type="number"), dcc.Graph(id="map")])
server = app.server


@app.callback(Output("map", "figure"), Input("indicator", "value"), Input("year", "value"))
def draw_map(indicator, year):
    rows = pd.read_parquet(CURATED / "country_year.parquet",
                           filters=[("indicator_id", "==", indicator), ("sex", "==", "total")])
    rows = rows[rows["year"] == int(year)]
    names = pd.read_parquet(CURATED / "countries.parquet", columns=["iso3", "name"])
    rows = rows.assign(iso3=rows["iso3"].astype(str)).merge(names.assign(iso3=names["iso3"].astype(str)), on="iso3",
                                                             how="left")
    fig = px.choropleth(rows, locations="iso3", color="value", hover_name="name", color_continuous_scale="Blues",
                        projection="natural earth", title=f"{indicator}, {year}")
    fig.update_layout(margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=520)
    return fig


def request_body(indicator: str, year: int) -> dict:
    """The body a browser posts to this app's callback for a state."""
    return {"output": "map.figure", "outputs": {"id": "map", "property": "figure"},
            "inputs": [{"id": "indicator", "property": "value", "value": indicator},
                       {"id": "year", "property": "value", "value": year}],
            "changedPropIds": ["indicator.value"], "state": []}
