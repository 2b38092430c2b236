"""Chart view models: a store query composed with a figure builder, memoised on simple arguments.

Callbacks, embeds and exports call these, so a chart is built once per (arguments, bundle version)
and shared by every worker through the cache.
"""
from __future__ import annotations

from . import store
from .cache import memoize
from .figures import choropleth
from .i18n import t


def source_line(source_id: str, lang: str = "en") -> str:
    src = store.source_meta(source_id)
    line = t("source.line", lang, publisher=src.get("publisher", ""), title=src.get("title", ""),
             edition=src.get("edition", ""), licence=src.get("licence", ""))
    if src.get("non_commercial"):
        line += " " + t("source.non_commercial", lang)
    return line


@memoize()
def world_map(indicator: str, year: int, lang: str = "en") -> dict:
    """Figure dict and texts (title, subtitle, source line, one-sentence summary) for the world map."""
    meta = store.indicator_meta(indicator)
    countries = store.bundle().table("countries")
    shapes = list(countries.loc[countries["has_shape_50m"].astype(bool), "iso3"])
    df = store.map_frame(indicator, year)
    return {
        "figure": choropleth.world_map(df, label=meta["label"], unit=meta["unit"], year=year, shapes=shapes,
                                       lang=lang),
        "title": t("map.title", lang, label=meta["label"], year=year),
        "subtitle": t("map.subtitle", lang, unit=meta["unit"]),
        "source": source_line(meta["source_id"], lang),
        "summary": choropleth.summary(df, label=meta["label"], year=year, unit=meta["unit"], lang=lang),
    }
