"""Loading skeletons (issue 16): every chart card on every page shows, while its chart loads, a skeleton in the
shape of that chart (map, bars, lines, Sankey, matrix) in the chart's own box; the shape named in the layout is the
shape of the figure the card then draws (layouts/components.skeleton, skeleton_kind)."""
from __future__ import annotations

import pytest

from dashboard.factory import match_route
from layouts import cards, components

PATHS = ["/", "/country/BIH", "/compare", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants",
         "/corridor/BIH-DEU"]


def _cards(node, out):
    """(card key, skeleton kind, graph height) of every chart card in a wired component tree."""
    if isinstance(node, list):
        for n in node:
            _cards(n, out)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if node.get("type") == "Loading" and isinstance(props.get("custom_spinner"), dict):
            graph = props["children"]["props"]
            out.append((graph["id"]["key"], props["custom_spinner"]["props"]["data-skeleton"], graph["style"]["height"]))
        for key in ("children", "custom_spinner"):
            _cards(props.get(key), out)
    return out


@pytest.mark.parametrize("path", PATHS)
def test_each_card_skeleton_has_the_shape_of_its_chart(app, path):
    layout, args = match_route(app.first_view_pages, path)
    found = _cards(cards.wire(layout(lang="en", **args)), [])
    assert found, path
    for key, kind, _height in found:
        view_id, state = cards.card_view(key, args)
        figure = cards.card(view_id, state, "en")[0]
        assert kind == components.skeleton_kind(figure), (path, key, kind, components.skeleton_kind(figure))


def test_skeleton_kinds():
    assert components.skeleton_kind({"data": [{"type": "choropleth"}]}) == "map"
    assert components.skeleton_kind({"data": [{"type": "sankey"}]}) == "sankey"
    assert components.skeleton_kind({"data": [{"type": "bar"}, {"type": "scatter"}]}) == "bars"
    assert components.skeleton_kind({"data": [{"mode": "lines"}]}) == "lines"
    assert components.skeleton_kind({"data": [{"type": "heatmap"}]}) == "matrix"
    with pytest.raises(ValueError):
        components.skeleton("pie")


def test_static_first_view_shows_the_skeleton_until_a_snapshot_exists(client):
    html = client.get("/flows").get_data(as_text=True)
    # the boxes without a snapshot image show the chart's skeleton behind the summary
    assert 'data-skeleton="sankey"' in html and 'data-skeleton="matrix"' in html
