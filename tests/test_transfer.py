"""Bytes on the wire (dashboard/transfer.py): compressed answers, year-long caching of fingerprinted assets only,
ETags and 304s on the API and downloads. Against the app's Flask server, and once against gunicorn."""
from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest
import requests

from dashboard import transfer
from tests.conftest import router_body

BR = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends
GZIP = {"Accept-Encoding": "gzip"}
API = "/api/v1/indicators/migrant_stock.json?years=2020"
DOWNLOAD = "/download/map.csv?indicator=migrant_stock&year=2020"


def _page(body: bytes) -> bytes:
    """The page without Dash's per-response id (``end_id`` in its config)."""
    return re.sub(rb'"end_id":"[^"]*"', b"", body)


def _linked(client) -> list[str]:
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', html)


def test_page_is_compressed_with_brotli_else_gzip_else_not(client):
    plain = _page(client.get("/").get_data())
    r = client.get("/", headers=BR)
    assert r.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in r.headers["Vary"]
    assert _page(brotli.decompress(r.get_data())) == plain
    r = client.get("/", headers=GZIP)
    assert r.headers["Content-Encoding"] == "gzip"
    assert _page(gzip.decompress(r.get_data())) == plain
    r = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in r.headers
    assert b'id="react-entry-point"' in r.get_data()


def test_every_linked_script_and_style_is_fingerprinted_immutable_and_compressed(client):
    urls = _linked(client)
    assert any("plotly-custom.min.js" in u for u in urls) and any("dash_renderer" in u for u in urls)
    for url in urls:
        r = client.get(url, headers=BR)
        assert r.status_code == 200, url
        assert r.headers["Cache-Control"] == transfer.IMMUTABLE, url
        if len(r.get_data()) > 1000 or r.headers.get("Content-Encoding"):
            assert r.headers["Content-Encoding"] == "br", url


def test_plotly_bundle_is_sent_brotli_compressed_under_a_third_of_its_size(client):
    url = next(u for u in _linked(client) if "plotly-custom.min.js" in u)
    raw = client.get(url).get_data()
    body = client.get(url, headers=BR).get_data()
    assert len(body) < len(raw) / 3
    assert brotli.decompress(body) == raw


def test_an_asset_without_its_current_fingerprint_is_revalidated_not_kept(client):
    for url in ("/assets/style.css", "/assets/style.css?m=1", "/assets/topojson/world_50m.json"):
        r = client.get(url, headers=BR)
        assert r.status_code == 200
        assert "immutable" not in r.headers.get("Cache-Control", ""), url
        assert "no-cache" in r.headers["Cache-Control"], url


def test_base_map_revalidates_to_304_through_compression(client):
    r = client.get("/assets/topojson/world_50m.json", headers=BR)
    assert r.headers["Content-Encoding"] == "br" and r.headers["ETag"].endswith(':br"')
    again = client.get("/assets/topojson/world_50m.json", headers={**BR, "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""


@pytest.mark.parametrize("url", [API, DOWNLOAD, "/api/v1/catalog", "/download/full/map.csv?indicator=population"])
def test_api_and_downloads_carry_an_etag_and_answer_304(client, url):
    r = client.get(url, headers=BR)
    assert r.status_code == 200
    tag = r.headers["ETag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', tag)
    assert r.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={**BR, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == tag
    # a tag of another answer is not this one
    other = client.get(url, headers={**BR, "If-None-Match": 'W/"0123456789abcdef0123456789abcdef"'})
    assert other.status_code == 200 and other.get_data()


def test_etag_follows_the_query_and_the_bundle_version(client, monkeypatch):
    a = client.get(API).headers["ETag"]
    assert client.get(API).headers["ETag"] == a
    assert client.get("/api/v1/indicators/migrant_stock.json?years=2019").headers["ETag"] != a
    # the same parameters in another order are the same answer
    x = client.get("/api/v1/indicators/population.json?years=2020&countries=BIH,SRB").headers["ETag"]
    assert client.get("/api/v1/indicators/population.json?countries=BIH,SRB&years=2020").headers["ETag"] == x

    from dashboard import store

    real = store.bundle()

    class NextEdition:
        def __getattr__(self, name):
            return getattr(real, name)

        version = real.version + "-next"

    monkeypatch.setattr(store, "bundle", lambda: NextEdition())
    assert client.get(API).headers["ETag"] != a
    # a client holding the old edition's tag gets the new answer, not a 304
    assert client.get(API, headers={"If-None-Match": a}).status_code == 200


def test_compressed_download_is_the_same_csv(client):
    plain = client.get(DOWNLOAD).get_data()
    r = client.get(DOWNLOAD, headers=BR)
    assert r.headers["Content-Encoding"] == "br"
    assert brotli.decompress(r.get_data()) == plain
    assert plain.startswith(b'"iso3",') and b"BIH" in plain


def test_errors_carry_no_etag(client):
    r = client.get("/api/v1/indicators/no_such_indicator.json")
    assert r.status_code == 400
    assert "ETag" not in r.headers
    # 'any representation' is not taken as a match: a bad query still says what is wrong
    r = client.get("/api/v1/indicators/migrant_stock.json?years=20x0", headers={"If-None-Match": "*"})
    assert r.status_code == 400 and b"years" in r.get_data()


def test_callback_answers_are_compressed(client):
    layout = client.get("/_dash-layout", headers=BR)
    assert layout.status_code == 200 and layout.headers["Content-Encoding"] == "br"
    deps = client.get("/_dash-dependencies", headers=BR)
    assert deps.headers["Content-Encoding"] == "br"


def test_gunicorn_serves_brotli_streams_and_304s(live_server):
    s = requests.Session()
    r = s.get(live_server + DOWNLOAD, headers=BR, stream=True)
    raw = r.raw.read(decode_content=False)
    assert r.headers["Content-Encoding"] == "br"
    assert brotli.decompress(raw) == requests.get(live_server + DOWNLOAD, headers={"Accept-Encoding": "identity"}).content
    tag = r.headers["ETag"]
    assert s.get(live_server + DOWNLOAD, headers={**BR, "If-None-Match": tag}).status_code == 304
    page = s.get(live_server + "/", headers=BR)
    assert page.headers["Content-Encoding"] == "br"
    url = re.search(r'src="(/assets/vendor/plotly-custom\.min\.js\?m=[^"]+)"', page.text).group(1)
    js = s.get(live_server + url, headers=BR)
    assert js.headers["Cache-Control"] == transfer.IMMUTABLE and js.headers["Content-Encoding"] == "br"


def test_only_fingerprinted_assets_are_kept_compressed(client, app):
    from flask_compress import Compress

    compress = next(f.__self__ for f in app.server.after_request_funcs[None]
                    if isinstance(getattr(f, "__self__", None), Compress))
    url = next(u for u in _linked(client) if "plotly-custom.min.js" in u)
    first = client.get(url, headers=BR).get_data()
    assert client.get(url, headers=BR).get_data() == first
    client.get("/", headers=BR)
    client.get(API, headers=BR)
    keys = list(compress.cache.data)
    assert any(url in k for k in keys) and all(transfer.IMMUTABLE_KEY in k for k in keys)
    assert not any(k.endswith(("/", API)) for k in keys)


def _router_body(pathname: str, search: str = "") -> dict:
    return router_body(pathname, search)


def _answer(r) -> dict:
    assert r.status_code == 200
    enc = r.headers.get("Content-Encoding")
    data = r.get_data()
    return json.loads(brotli.decompress(data) if enc == "br" else gzip.decompress(data) if enc == "gzip" else data)


def test_a_callback_answer_is_kept_compressed_and_resent_without_asking_dash(client):
    """The second request with the same body is answered from the kept bytes (Dash's router is not called: its
    page cache sees no second lookup), in each encoding, and is the answer Dash gives uncompressed."""
    from dashboard import factory

    body = _router_body("/flows", "?lang=fr&v=kept-answer")  # a URL no other test asks for
    first = client.post("/_dash-update-component", json=body, headers=BR)
    assert first.headers["Content-Encoding"] == "br" and "Accept-Encoding" in first.headers["Vary"]
    lookups = factory._page_wire.cache_info()
    again = client.post("/_dash-update-component", json=body, headers=BR)
    assert again.get_data() == first.get_data() and again.headers["Content-Encoding"] == "br"
    assert factory._page_wire.cache_info() == lookups  # answered before Dash was asked
    gz = client.post("/_dash-update-component", json=body, headers=GZIP)
    assert gz.headers["Content-Encoding"] == "gzip"
    plain = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert factory._page_wire.cache_info().hits > lookups.hits  # not kept without compression: Dash answered
    assert _answer(first) == _answer(gz) == plain.get_json()
    other = client.post("/_dash-update-component", json=_router_body("/flows", "?lang=bs&v=kept-answer"), headers=BR)
    assert _answer(other) != _answer(first)  # another body, another answer


def test_an_answer_with_a_failed_card_is_not_kept(client, monkeypatch):
    from layouts import cards

    real = cards._local_card

    def failing(version, view_id, key, lang):
        if view_id == "flows-map":
            raise RuntimeError("the flows query failed (test)")
        return real(version, view_id, key, lang)

    body = _router_body("/flows", "?v=failed-card&lang=bs")
    monkeypatch.setattr(cards, "_local_card", failing)
    assert "chart-failed" in json.dumps(_answer(client.post("/_dash-update-component", json=body, headers=BR)))
    monkeypatch.setattr(cards, "_local_card", real)
    assert "chart-failed" not in json.dumps(_answer(client.post("/_dash-update-component", json=body, headers=BR)))


def test_an_answer_to_refused_inputs_is_not_kept(client, monkeypatch):
    from dashboard import security

    refused = []
    monkeypatch.setattr(security.log, "warning", lambda *a, **k: refused.append(a))
    body = _router_body("/flows", "?v=refused")
    body["inputs"][0]["value"] = {"not": "a path"}  # a hostile value the router cannot take
    for _ in range(2):
        r = client.post("/_dash-update-component", json=body, headers=BR)
        assert r.status_code in (200, 204)
    assert len(refused) == 2  # Dash was asked both times: the first answer was not kept
