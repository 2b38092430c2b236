"""The chart "Embed" panel in headless Chromium: open it, copy the iframe snippet, fetch the slide image link, and
load the snippet itself in a page on another origin (the embed renders inside the iframe, offline)."""
from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

pytestmark = pytest.mark.browser

PAGE = "/?indicator=refugees_hosted&year=2022"
PANEL = "details.embed-panel[data-view=map]"


def _open_panel(page, live_server):
    page.goto(f"{live_server}{PAGE}")
    summary = page.locator(f"{PANEL} > summary")
    summary.wait_for(timeout=45_000)
    area = page.locator(f"{PANEL} [data-role=snippet] textarea")
    assert not area.is_visible()  # closed until asked for
    summary.click()
    area.wait_for(state="visible", timeout=10_000)
    return area


def test_embed_panel_snippet_copy_and_image_link(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    area = _open_panel(page, live_server)
    snippet = area.input_value()
    assert snippet.startswith('<div style="position:relative;width:100%;aspect-ratio:16/9;"><iframe src="')
    assert f"{live_server}/embed/map?v=1&indicator=refugees_hosted&year=2022" in snippet and "&bundle=" in snippet
    assert area.get_attribute("readonly") is not None
    page.locator(f"{PANEL} [data-role=snippet] button").click()
    status = page.locator(f"{PANEL} [data-role=snippet] .embed-copy-status")
    page.wait_for_function("(el) => el.textContent.length > 0", arg=status.element_handle(), timeout=10_000)
    assert status.inner_text() == "Copied"
    assert page.evaluate("() => navigator.clipboard.readText()") == snippet
    citation = page.locator(f"{PANEL} [data-role=citation] textarea").input_value()
    assert "Refugees hosted, 2022" in citation and "UNHCR" in citation
    probe.screenshot("embed_panel_open")

    href = page.get_attribute(f"{PANEL} a[data-action=image-png-16x9]", "href")
    assert href.startswith("/image/map.png?") and "preset=16x9" in href
    r = page.request.get(f"{live_server}{href}", timeout=120_000)
    assert r.status == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.body())).size == (3200, 1800)
    svg = page.get_attribute(f"{PANEL} a[data-action=image-svg]", "href")
    assert svg.startswith("/image/map.svg?")
    opened = page.get_attribute(f"{PANEL} a[data-action=embed-open]", "href")
    assert opened.startswith("/embed/map?v=1&indicator=refugees_hosted&year=2022")
    assert probe.external == [] and probe.console_errors == []


@pytest.fixture()
def third_party_page():
    """A local web server on another port (another origin) serving one page: what a partner site would be."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(html: str) -> str:
        pages["/slides.html"] = html.encode()
        return f"http://127.0.0.1:{server.server_address[1]}/slides.html"

    yield publish
    server.shutdown()
    server.server_close()


def test_snippet_works_in_a_third_party_page(live_server, probe, third_party_page):
    page = probe.page
    area = _open_panel(page, live_server)
    snippet = area.input_value()
    page.wait_for_load_state("networkidle")  # let the dashboard finish its callbacks before leaving it
    # another origin holding nothing but the pasted snippet in a 900 px wide body
    url = third_party_page(f'<!DOCTYPE html><html><head><title>Slides</title></head>'
                           f'<body style="margin:0;width:900px">{snippet}</body></html>')
    page.goto(url)
    frame = page.frame_locator("iframe")
    frame.locator("#embed-title").wait_for(timeout=45_000)
    assert frame.locator("#embed-title").inner_text() == "Refugees hosted, 2022"
    embed = next(f for f in page.frames if "/embed/map" in f.url)  # another origin: drive the frame itself
    embed.wait_for_function("() => document.querySelectorAll('path.choroplethlocation').length > 150",
                            timeout=45_000)
    box = page.eval_on_selector("iframe", "el => el.getBoundingClientRect().toJSON()")
    assert box["width"] == 900 and abs(box["height"] - 900 * 9 / 16) < 2  # responsive width, fixed 16:9
    assert "UNHCR" in frame.locator("#embed-source").inner_text()
    probe.screenshot("embed_snippet_in_page")
    assert probe.external == [] and probe.failed == [] and probe.console_errors == []
