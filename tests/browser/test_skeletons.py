"""Loading skeletons in the browser (issue 16): while a chart's update is on its way (the test holds the chart
callbacks' requests), its card shows a skeleton of the chart's kind (map, bars, lines, Sankey, matrix) in the chart's
own box, not a spinner; once the chart is drawn the skeleton is gone and the chart's box has the skeleton's height,
so nothing on the page moves. The shimmer stops for readers who prefer reduced motion."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FIRST_WAIT, settle

pytestmark = pytest.mark.browser

# page -> card key -> skeleton kind
PAGES = {
    "/": {"explorer-map": "map", "explorer-ranking": "bars", "explorer-series": "lines"},
    "/flows": {"flows-sankey": "sankey", "flows-matrix": "matrix", "flows-bars": "bars"},
}
SHIMMER = "el => getComputedStyle(el, '::after').animationName"
GRAPH = "[id*='\"chart-graph\"'][id*='\"{key}\"']"


def _card(page, key: str):
    return page.locator("section.chart").filter(has=page.locator(GRAPH.format(key=key)))


def _hold_chart_updates(page):
    """Requests of the callbacks that draw a chart are held (the page's other callbacks go through) until
    ``release`` is called: the charts stay in their loading state for as long as the test looks."""
    held, state = [], {"hold": True}

    def handle(route):
        if state["hold"] and "chart-graph" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    page.route("**/_dash-update-component*", handle)  # Dash 4 adds a query (?endId=...)

    def release():
        state["hold"] = False
        for route in held:
            route.continue_()
        held.clear()

    return held, release


@pytest.mark.parametrize("path", PAGES)
def test_skeleton_of_the_chart_kind_while_loading_then_the_chart_in_the_same_box(live_server, probe, path):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 900})
    settle_first = page.context.new_page()  # warm the server's caches: the held requests then answer at once
    settle_first.goto(live_server + path)
    settle(settle_first, FIRST_WAIT)
    settle_first.close()

    held, release = _hold_chart_updates(page)
    page.goto(live_server + path)
    expect(page.locator("[data-static]")).to_have_count(0, timeout=FIRST_WAIT)  # Dash has drawn the page
    boxes = {}
    for key, kind in PAGES[path].items():
        card = _card(page, key)
        skeleton = card.locator(f".chart-skeleton[data-skeleton='{kind}']")
        expect(skeleton).to_be_visible()
        expect(card.locator(".dash-spinner, .dash-default-spinner, .dash-dot-spinner")).to_have_count(0)
        graph = card.locator(GRAPH.format(key=key))
        boxes[key] = (skeleton.bounding_box(), graph.bounding_box())
        sk, gr = boxes[key]
        assert abs(sk["height"] - gr["height"]) <= 3 and abs(sk["width"] - gr["width"]) <= 3, (key, sk, gr)
        assert abs(sk["y"] - gr["y"]) <= 3, (key, sk, gr)
    assert held, "no chart update was held: the test would not see a loading state"
    width = path.strip("/") or "explorer"
    probe.screenshot(f"skeletons-{width}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(_card(page, next(iter(PAGES[path]))).locator(".chart-skeleton")).to_be_visible()
    probe.screenshot(f"skeletons-{width}-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    skeleton = _card(page, next(iter(PAGES[path]))).locator(".chart-skeleton")
    assert skeleton.evaluate(SHIMMER) == "chart-skeleton-shimmer"
    page.emulate_media(reduced_motion="reduce")  # no shimmer for readers who prefer reduced motion
    assert skeleton.evaluate(SHIMMER) == "none"

    release()
    settle(page)
    for key, (sk, _) in boxes.items():
        card = _card(page, key)
        expect(card.locator(".chart-skeleton")).to_have_count(0)
        drawn = card.locator(GRAPH.format(key=key)).bounding_box()
        assert abs(drawn["height"] - sk["height"]) <= 3, (key, "the page moved when the chart was drawn", sk, drawn)
    assert probe.external == [], probe.external

