"""Explorer charts (page '/'): the world map."""
from __future__ import annotations

import pandas as pd

from .. import charts, store
from ..figures import choropleth
from ..i18n import t
from ..state import Param
from ..views import ChartView, register

DEFAULT_INDICATOR = "migrant_stock"


def _indicators(_state) -> list[str]:
    return store.indicator_ids()


def _years(state) -> list[int]:
    return store.available_years(state["indicator"])


MAP_PARAMS = (
    Param("indicator", "choice", DEFAULT_INDICATOR, choices=_indicators, label="Indicator"),
    Param("year", "int", lambda s: store.latest_year(s["indicator"]), choices=_years, label="Year"),
)


def _map_rows(state: dict) -> pd.DataFrame:
    return store.map_frame(state["indicator"], state["year"])


def _map_figure(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = store.indicator_meta(state["indicator"])
    countries = store.bundle().table("countries")
    shapes = list(countries.loc[countries["has_shape_50m"].astype(bool), "iso3"])
    return choropleth.world_map(rows, label=meta["label"], unit=meta["unit"], year=state["year"], shapes=shapes,
                                lang=lang)


def _map_texts(rows: pd.DataFrame, state: dict, lang: str) -> dict:
    meta = store.indicator_meta(state["indicator"])
    return {
        "title": t("map.title", lang, label=meta["label"], year=state["year"]),
        "subtitle": t("map.subtitle", lang, unit=meta["unit"]),
        "source": charts.source_line(meta["source_id"], lang),
        "summary": choropleth.summary(rows, label=meta["label"], year=state["year"], unit=meta["unit"], lang=lang),
    }


MAP = register(ChartView(
    id="map", page="/", params=MAP_PARAMS, data=_map_rows, figure=_map_figure, texts=_map_texts,
    sources=lambda s: [store.indicator_meta(s["indicator"])["source_id"]], geo=True,
    description="World choropleth of one indicator in one year.",
))
