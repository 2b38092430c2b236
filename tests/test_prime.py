"""The router's answer for a page is built once per worker and bundle (factory.page_wire), each page's default view
before anything is served (factory.prime, on unless PRIME=off), and a page whose chart card failed is never kept:
neither the router's answer nor the page's first-view HTML."""
from __future__ import annotations

import json

import pytest
from markupsafe import escape

from dashboard import factory
from dashboard.factory import DEFAULT_PATHS, create_app
from dashboard.i18n import LANGUAGES, t
from dashboard.settings import Settings
from layouts import cards
from tests.conftest import router_body


def _router(client, pathname: str, search: str = "") -> dict:
    body = router_body(pathname, search)
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()["response"]


def test_a_primed_app_answers_every_default_page_from_what_it_built_before_serving():
    factory._page_wire.cache_clear()
    app = create_app(Settings.from_env({"RATE_LIMITS": "off", "SNAPSHOTS": "off", "PRIME": "on"}))
    info = factory._page_wire.cache_info()
    assert info.currsize == len(DEFAULT_PATHS) * len(LANGUAGES) and info.misses == info.currsize
    client = app.server.test_client()
    answer = _router(client, "/flows", "?lang=bs")
    assert factory._page_wire.cache_info().misses == info.misses  # nothing built on the request
    assert factory._page_wire.cache_info().hits == info.hits + 1
    # the kept answer is the page as it would be built now, in its language
    layout, args = factory.match_route(app.first_view_pages, "/flows")
    with app.server.test_request_context("/flows?lang=bs"):
        fresh, complete = factory.page_layout(layout, {**args, "lang": "bs"}, "bs")
        assert complete
        assert answer["page"]["children"] == cards.wire(fresh)


def test_an_unprimed_app_builds_a_page_on_its_first_visit_and_keeps_it(app, client):
    factory._page_wire.cache_clear()
    first = _router(client, "/compare", "?countries=BIH,SRB,HRV")
    info = factory._page_wire.cache_info()
    assert info.misses == 1 and info.currsize == 1
    assert _router(client, "/compare", "?countries=BIH,SRB,HRV") == first
    assert factory._page_wire.cache_info().hits == info.hits + 1
    assert "Bosnia and Herzegovina" in json.dumps(first["page"]["children"])  # the key-figures table's column


@pytest.fixture()
def failing_card(monkeypatch):
    """The explorer's map card fails (as a query that raises would); the page's other cards draw."""
    real = cards._local_card

    def local_card(version, view_id, key, lang):
        if view_id == "map":
            raise RuntimeError("the map's query failed (test)")
        return real(version, view_id, key, lang)

    monkeypatch.setattr(cards, "_local_card", local_card)
    return real


def test_a_page_with_a_failed_card_is_sent_with_its_message_but_not_kept(app, client, failing_card, monkeypatch):
    factory._page_wire.cache_clear()
    failed = _router(client, "/", "?indicator=refugees_hosted&year=2021")
    assert "chart-failed" in json.dumps(failed["page"]["children"])
    assert factory._page_wire.cache_info().currsize == 0  # not kept
    monkeypatch.setattr(cards, "_local_card", failing_card)  # the query works again: the page is whole, and kept
    whole = _router(client, "/", "?indicator=refugees_hosted&year=2021")
    assert "chart-failed" not in json.dumps(whole["page"]["children"])
    assert factory._page_wire.cache_info().currsize == 1


def test_a_first_view_with_a_failed_card_is_not_kept(app, client, failing_card, monkeypatch):
    url = "/?indicator=refugees_hosted&year=2019"
    message = escape(t("card.failed"))
    assert message in client.get(url).get_data(as_text=True)
    monkeypatch.setattr(cards, "_local_card", failing_card)
    assert message not in client.get(url).get_data(as_text=True)  # built again, not served from the cache
