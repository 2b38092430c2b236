"""Chart snapshots in the first view (dashboard/share/snapshots.py): a chart without one shows its summary and is
queued; the background thread draws it (kaleido, WebP at the card's height); the next visit shows it as
``<img class="chart-snapshot">``, served from the cache by /snapshot/..., which never draws."""
from __future__ import annotations

import io
import re
from html import unescape

import pytest
from PIL import Image

URL = "/?indicator=refugees_hosted&year=2022&lang=fr"


@pytest.fixture(scope="module")
def snap_app():
    from dashboard.factory import create_app
    from dashboard.settings import Settings

    return create_app(Settings.from_env({"RATE_LIMITS": "off", "SNAPSHOTS": "on", "PRIME": "off"}))


def test_first_visit_queues_next_visit_shows_the_snapshots(snap_app):
    client = snap_app.server.test_client()
    first = client.get(URL).get_data(as_text=True)
    assert 'class="chart-snapshot"' not in first and first.count('class="chart-static-summary"') == 3
    assert snap_app.server.extensions["snapshots"].join(timeout=600), "snapshots not drawn within 10 minutes"
    again = client.get(URL).get_data(as_text=True)
    imgs = re.findall(r'<img class="chart-snapshot" src="([^"]+)" alt="([^"]*)" width="1200" height="(\d+)"', again)
    assert len(imgs) == 3
    src, alt, height = imgs[0]
    assert unescape(src).startswith("/snapshot/map.webp?") and "lang=fr" in src and f"h={height}" in src
    assert height == "520" and alt  # the map's box; its summary as the text alternative
    r = client.get(unescape(src))
    assert r.status_code == 200 and r.mimetype == "image/webp" and r.headers["ETag"]
    img = Image.open(io.BytesIO(r.data))
    assert img.format == "WEBP" and img.size == (1200, 520)
    assert len(set(img.convert("RGB").reduce(8).get_flattened_data())) > 20  # a drawn map, not a blank box


def test_snapshot_route_never_draws_and_checks_its_input(snap_app):
    client = snap_app.server.test_client()
    r = client.get("/snapshot/map.webp?indicator=net_migration&year=1990&h=520")
    assert r.status_code == 404  # not drawn yet: the route only serves the cache
    assert client.get("/snapshot/map.webp?h=12").status_code == 400
    assert client.get("/snapshot/map.png?h=520").status_code == 400
    assert client.get("/snapshot/nope.webp?h=520").status_code == 400


def test_with_snapshots_off_nothing_is_queued(client, app):
    html = client.get(URL).get_data(as_text=True)
    assert 'class="chart-snapshot"' not in html
    q = app.server.extensions["snapshots"]
    assert not q.enabled and q._queue.qsize() == 0
