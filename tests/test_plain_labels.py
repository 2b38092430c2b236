"""Publishers' labels read in plain words in the page language (issue 16: 'a route is labelled "Undefined"'): IOM's
route "Undefined" means an incident on none of IOM's defined routes, and the charts, tables and route picker of the
missing-migrants page say so; the downloads keep the publisher's own label."""
from __future__ import annotations

import json

import pytest

from dashboard import views
from dashboard.queries import missing as q


def _routes(dataset: str) -> list[str]:
    return list(q.routes(dataset))


@pytest.mark.parametrize("lang, words", [("en", "Outside IOM's defined routes"), ("bs", "Izvan ruta koje IOM definiše"),
                                         ("fr", "Hors des routes définies par l’OIM")])
def test_the_undefined_route_says_what_the_publisher_means(app, lang, words):
    from layouts.missing import route_options

    dataset = next(d for d in q.DATASETS if "Undefined" in _routes(d))
    labels = {o["value"]: o["label"] for o in route_options(dataset, lang)}
    assert labels["Undefined"] == words
    state, _ = views.parse("missing-series", {"dataset": dataset})
    figure = json.dumps(views.render("missing-series", state, lang)["figure"], ensure_ascii=False)
    assert words in figure and "Undefined" not in figure
    table = views.table("missing-series", state, lang).frame.astype(str).to_numpy().ravel().tolist()
    assert "Undefined" not in table
    assert "Undefined" in set(views.data("missing-series", state)["route"])  # the download keeps the publisher's label


def test_changing_the_file_keeps_the_route_picker_in_the_page_language(app):
    from callbacks.missing import sync_filters

    dataset = next(d for d in q.DATASETS if "Undefined" in _routes(d))
    routes, _, years, _ = sync_filters(dataset, "all", "all", "?lang=fr")
    assert routes[0]["label"] == "Toutes les routes"
    assert "Hors des routes définies par l’OIM" in [o["label"] for o in routes]
    assert years[0]["label"] != "All years"
