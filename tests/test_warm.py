"""Warming (dashboard/warm.py, `make warm`): after the snapshots of a page's default view are drawn into the shared
cache, the initial HTML of the page, from any worker, holds an ``<img class="chart-snapshot">`` in every chart box."""
from __future__ import annotations

import re

import pytest

from dashboard import warm


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return {"RATE_LIMITS": "off", "CACHE_TYPE": "FileSystemCache",
            "CACHE_DIR": str(tmp_path_factory.mktemp("warm-cache"))}


def _boxes(html: str) -> tuple[int, int, int]:
    """(chart boxes, snapshot images, boxes still showing their summary) in a page's first view."""
    return (html.count('class="chart-static-graph'), len(re.findall(r'<img class="chart-snapshot" src="/snapshot/',
                                                                      html)),
            html.count('class="chart-static-summary"'))


def test_after_warming_the_first_html_has_a_snapshot_per_chart_and_the_preview_tags(shared_cache):
    from dashboard.factory import create_app
    from dashboard.settings import Settings

    warmer = create_app(Settings.from_env({**shared_cache, "SNAPSHOTS": "on", "PRIME": "off"}))
    paths = ["/", "/country/BIH", "/flows"]  # the pages issue 19's acceptance names
    result = warm.warm_app(warmer, paths=paths, langs=["en"], timeout=900, log=lambda *_: None)
    assert result["cold"] == [] and result["errors"] == {}, result
    # another worker (snapshots off: it draws nothing itself) reads the warmed shared cache
    worker = create_app(Settings.from_env({**shared_cache, "SNAPSHOTS": "off", "PRIME": "off"}))
    explorer_charts = None
    for path in paths:
        html = worker.server.test_client().get(path).get_data(as_text=True)
        charts, images, waiting = _boxes(html)
        explorer_charts = explorer_charts or charts
        assert charts >= 3 and images == charts and waiting == 0, (path, charts, images, waiting)
        # and the link-preview tags with the view's 1200x630 image
        assert re.search(r'<meta property="og:image" content="http[^"]+preset=og', html), path
        assert re.search(r'<meta property="og:title" content="[^"]+"', html), path
    # not warmed: another language's first view still shows the summaries
    charts_bs, images_bs, waiting_bs = _boxes(worker.server.test_client().get("/?lang=bs").get_data(as_text=True))
    assert images_bs == 0 and waiting_bs == charts_bs == explorer_charts


def test_warm_urls_cover_every_language_once():
    urls = warm.page_urls(["/", "/compare?countries=BIH,SRB&lang=fr"], ["en", "bs", "fr"])
    assert urls == ["/", "/?lang=bs", "/?lang=fr", "/compare?countries=BIH%2CSRB",
                    "/compare?countries=BIH%2CSRB&lang=bs", "/compare?countries=BIH%2CSRB&lang=fr"]


def test_in_process_warming_refuses_a_per_process_cache(monkeypatch, capsys):
    monkeypatch.delenv("CACHE_REDIS_URL", raising=False)
    monkeypatch.setenv("CACHE_TYPE", "SimpleCache")
    assert warm.main(["--paths", "/"]) == 2
    assert "each worker has its own cache" in capsys.readouterr().err
