"""Slide images: PNG (2x) and SVG drawn offline by kaleido in the system Chromium, both slide presets, the texts
baked in, bad input -> 400, no engine -> 503, and the bytes cached."""
from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageStat

from dashboard import store, views
from dashboard.share import images
from dashboard.settings import DEFAULT_PUBLIC_URL

MAP_Q = "indicator=refugees_hosted&year=2022"
# (view, query, format, preset): a map, a series, a sankey and a displacement chart, both presets, both formats
CASES = [
    ("map", MAP_Q, "png", "16x9"),
    ("map", MAP_Q, "png", "4x3"),
    ("map", MAP_Q, "png", "og"),  # the link-preview card: 1200x630 at 1x
    ("map", MAP_Q, "svg", "16x9"),
    ("series", "", "png", "4x3"),
    ("series", "", "svg", "16x9"),
    ("sankey", "", "png", "16x9"),
    ("sankey", "", "svg", "4x3"),
    ("disp-top-hosts", "", "png", "4x3"),
    ("disp-top-hosts", "", "svg", "16x9"),
    ("routes-side", "", "png", "4x3"),  # a two-line bold title, a seven-line source
]


@pytest.fixture(scope="module")
def rendered_images(app):
    client = app.server.test_client()
    out = {}
    for view, q, fmt, preset in CASES:
        r = client.get(f"/image/{view}.{fmt}?{q}&preset={preset}")
        out[(view, fmt, preset)] = r
    return out


def _texts(view: str, q: str) -> dict:
    state = views.parse(view, dict(x.split("=") for x in q.split("&") if x))[0]
    return views.render(view, state)


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)  # well-formed XML or this raises
    assert root.tag.endswith("svg")
    return " ".join(" ".join(root.itertext()).split())


def test_png_sizes_and_content(rendered_images):
    for (view, fmt, preset), r in rendered_images.items():
        if fmt != "png":
            continue
        assert r.status_code == 200, (view, preset, r.data[:300])
        assert r.mimetype == "image/png" and r.headers["X-Bundle-Version"] == store.bundle().version
        img = Image.open(io.BytesIO(r.data)).convert("RGB")
        w, h = images.PRESETS[preset]
        scale = 1 if preset == "og" else 2  # slides at 2x: 3200x1800 or 2400x1800; link previews 1200x630
        assert img.size == (scale * w, scale * h), (view, preset, img.size)
        stat = ImageStat.Stat(img.convert("L"))
        assert stat.var[0] > 500, (view, preset, stat.var)  # not a blank page
        # dark title text in the top band, the blue URL line in the bottom band
        top = img.crop((0, 0, img.width, int(img.height * 0.12))).convert("L")
        assert top.getextrema()[0] < 60, (view, preset)
        # nothing runs into the right padding: no text pixels in the outer half of it, top to bottom of the header
        edge = img.crop((img.width - images.PAD, 0, img.width, int(img.height * 0.2))).convert("L")
        assert edge.getextrema()[0] > 200, (view, preset, "header text clipped at the right edge")
        bottom = img.crop((0, int(img.height * 0.85), img.width, img.height))
        assert any(b > 120 and r_ < 60 and g < 120 for r_, g, b in bottom.get_flattened_data()), (view, preset)


def test_map_png_draws_the_countries(rendered_images):
    for preset in ("16x9", "4x3", "og"):
        img = Image.open(io.BytesIO(rendered_images[("map", "png", preset)].data)).convert("RGB")
        middle = img.crop((0, int(img.height * 0.2), img.width, int(img.height * 0.8))).reduce(4)
        px = list(middle.get_flattened_data())
        # the map's binned colour ranges: countries filled in clearly coloured pixels (not the white page, the grey
        # of 'No data' or the ocean's faint tint)
        coloured = sum(1 for c in px if max(c) - min(c) > 60)
        assert coloured > 0.1 * len(px), (preset, coloured, len(px))


def test_svg_is_xml_with_title_source_url_and_bundle(rendered_images):
    for (view, fmt, preset), r in rendered_images.items():
        if fmt != "svg":
            continue
        assert r.status_code == 200, (view, preset, r.data[:300])
        assert r.mimetype == "image/svg+xml"
        text = _svg_text(r.data)
        q = next(c[1] for c in CASES if c[0] == view)
        rendered = _texts(view, q)
        assert " ".join(rendered["title"].split()) in text, (view, text[:400])
        assert " ".join(rendered["source"].split())[:120] in text, view
        state = views.parse(view, dict(x.split("=") for x in q.split("&") if x))[0]
        from dashboard.share.urls import dashboard_path

        assert DEFAULT_PUBLIC_URL + dashboard_path(view, state, full=True) in text, (view, text[-400:])
        assert f"Data bundle {store.bundle().version}" in text
        w, h = images.PRESETS[preset]
        root = ET.fromstring(r.data)
        assert (float(root.get("width")), float(root.get("height"))) == (w, h)


def test_map_reads_the_local_base_maps_not_a_cdn(app, monkeypatch, tmp_path):
    """Pointing the engine at an empty folder loses the map: the base map comes from assets/topojson."""
    assert images.TOPOJSON_DIR.is_dir() and (images.TOPOJSON_DIR / "world_50m.json").is_file()
    monkeypatch.setattr(images, "TOPOJSON_DIR", tmp_path)
    client = app.server.test_client()
    r = client.get(f"/image/map.png?{MAP_Q}&preset=4x3&lang=fr")
    assert r.status_code == 503 and r.json["error"] == "image_unavailable"


def test_slide_box_wraps_long_texts_within_the_slide():
    long_title = "A very long chart title about international migrant stocks and flows " * 4
    rendered = {"title": long_title, "subtitle": "Unit: persons. " * 30, "source": "Source: Publisher. " * 60,
                "figure": {"data": [], "layout": {"height": 420, "margin": {"l": 10}}}}
    for preset, (w, h) in images.PRESETS.items():
        box = images.slide_box(rendered, "https://example.org/?v=1&indicator=x", "2026.01.01-test", preset, "en")
        assert box["chart_h"] > h * 0.3, box["chart_h"]
        for key, size in (("title", "title_size"), ("subtitle", "subtitle_size"), ("source", "footer_size")):
            assert box[key], key
            for line in box[key]:  # every line fits between the paddings at the conservative glyph width
                assert images.text_width(line, box[size], bold=key == "title") <= w - 2 * images.PAD, (key, line)
        assert len(box["title"]) <= images.MAX_LINES["title"]
        assert preset != "og" or (len(box["subtitle"]), len(box["source"])) == (2, 2)
        assert box["footer_top"] + (len(box["source"]) + len(box["stamp"])) * box["footer_size"] * images.LINE <= h
        fig = images.chart_figure(rendered, box)
        assert fig["layout"]["width"] == w and fig["layout"]["height"] == box["chart_h"]
        assert "title" not in fig["layout"] and fig["layout"]["font"]["size"] == images.BODY_SIZE
        frame = images.frame_figure(box, "data:image/png;base64,AAAA")
        assert frame["layout"]["images"][0]["sizey"] == pytest.approx(box["chart_h"] / h)
    # the figure given is not changed
    assert rendered["figure"]["layout"] == {"height": 420, "margin": {"l": 10}}


def test_bad_preset_view_and_format_are_400(client):
    r = client.get(f"/image/map.png?{MAP_Q}&preset=21x9")
    assert r.status_code == 400 and r.json["parameter"] == "preset" and "16x9" in r.json["message"]
    r = client.get("/image/nope.png")
    assert r.status_code == 400 and r.json["parameter"] == "view"
    r = client.get("/image/map.gif")
    assert r.status_code == 400 and r.json["parameter"] == "format"
    r = client.get("/image/map")
    assert r.status_code == 400 and r.json["parameter"] == "format"


def test_no_chromium_is_503_with_a_message(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    r = client.get("/image/ranking.png?preset=4x3&n=5")
    assert r.status_code == 503
    assert r.json["error"] == "image_unavailable" and "Chromium" in r.json["message"]
    assert "Traceback" not in r.get_data(as_text=True)


def test_no_kaleido_is_503_and_no_image_links(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "kaleido", None)  # import kaleido -> ImportError
    assert not images.image_available()
    r = client.get("/image/ranking.svg?n=5")
    assert r.status_code == 503 and "kaleido" in r.json["message"]


def test_images_are_cached_per_view_state_preset_format_and_language(app, monkeypatch, rendered_images):
    client = app.server.test_client()

    def boom(*a, **k):
        raise AssertionError("rendered again instead of served from the cache")

    monkeypatch.setattr(images, "to_image", boom)
    again = client.get(f"/image/map.png?{MAP_Q}&preset=16x9")
    assert again.status_code == 200 and again.data == rendered_images[("map", "png", "16x9")].data
    with app.server.test_request_context():
        state = views.parse("map", {"indicator": "refugees_hosted", "year": "2022"})[0]
        keys = {images.cache_key("map", state, p, f, lang)
                for p in images.PRESETS for f in images.FORMATS for lang in ("en", "fr")}
        assert len(keys) == 2 * 2 * len(images.PRESETS) and all(store.bundle().version in k for k in keys)
        other = views.parse("map", {"indicator": "refugees_hosted", "year": "2010"})[0]
        assert images.cache_key("map", other, "16x9", "png", "en") not in keys
    assert re.fullmatch(r"image:[^:]+:map:[0-9a-f]{24}:16x9:png:en",
                        images.cache_key("map", state, "16x9", "png", "en").replace(store.bundle().version, "V"))


def test_concurrent_requests_render_one_at_a_time(app, monkeypatch):
    """gunicorn threads: two requests at once both get their image; Chromium renders never overlap."""
    import threading

    active, peak, lock = [0], [0], threading.Lock()
    real_run = images._run

    def counting_run(job):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            return real_run(job)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(images, "_run", counting_run)
    results = {}

    def fetch(path):
        results[path] = app.server.test_client().get(path)

    paths = ["/image/ranking.png?n=5&preset=4x3", "/image/series.svg?preset=4x3"]
    threads = [threading.Thread(target=fetch, args=(p,)) for p in paths]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert [results[p].status_code for p in paths] == [200, 200]
    assert Image.open(io.BytesIO(results[paths[0]].data)).size == (2400, 1800)
    assert ET.fromstring(results[paths[1]].data).get("width") == "1200"
    assert peak[0] == 1
