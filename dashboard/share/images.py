"""Slide-ready images (PNG/SVG) of a registered chart: title, subtitle, source, URL and bundle version baked in.

``slide_figure`` is pure: it takes what ``views.render`` returns and lays it out for a slide preset
(16:9 = 1600x900, 4:3 = 1200x900 CSS pixels; PNGs are drawn at 2x), with projector-sized type (no text under
``MIN_TEXT`` of the preset: long titles wrap and step down at most to it), the long texts wrapped so nothing is
clipped, Sankey nodes labelled with their values and, on maps, the UN map disclaimer under the source line (all in
the slide's language). One render gives the framed slide and the chart alone (``to_images``; decks put the chart
alone on a PowerPoint slide that writes its own texts, share/deck.py); ``cached_images`` serves both from the cache. ``to_image`` draws it with kaleido in the system
Chromium, fully offline: maps read the committed base maps in ``assets/topojson`` (never the CDN)
and MathJax is switched off (kaleido would otherwise load it from a CDN).

``/image/<view>.png|svg?preset=16x9|4x3&<page query>`` (blueprint ``images``) caches the bytes under
(bundle version, view, state, preset, format, language). No kaleido or no Chromium -> 503 with a
message. Renders go through a bounded queue per process (``ImageQueue``: IMAGE_CONCURRENCY renders at a time,
IMAGE_QUEUE waiting, beyond that 503 with Retry-After at once), so image requests never take every thread and
pages, the API and /healthz keep answering while slides render. Within the queue one Chromium render runs at a
time (a lock): kaleido's one-shot renderer is not meant to be driven from several threads at once.
"""
from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import logging
import threading
from contextlib import contextmanager

from .. import store, views
from ..cache import cache
from ..i18n import t
from ..settings import REPO
from ..store import QueryError
from ..text_metrics import text_width

log = logging.getLogger(__name__)

# og: the link-preview card (Open Graph, Twitter) at the 1200x630 those sites ask for, drawn at 1x, with fewer
# lines of text so the chart keeps most of the height
PRESETS = {"16x9": (1600, 900), "4x3": (1200, 900), "og": (1200, 630)}
DEFAULT_PRESET = "16x9"
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SCALE = 2  # PNG pixels per CSS pixel
PRESET_SCALE = {"og": 1}
RENDER_TIMEOUT = 45  # seconds per figure: a stuck Chromium must not hold the render lock for long
TOPOJSON_DIR = REPO / "assets" / "topojson"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

# projector type sizes (CSS px on a 900 px high slide)
TITLE_SIZE, SUBTITLE_SIZE, BODY_SIZE, FOOTER_SIZE = 32, 21, 18, 16
# no text on a slide is smaller than this (CSS px; 16 px of 900 is 1.8 % of the slide's height, about 19 px on a
# 1080p projector): long titles wrap, and step down at most to the minimum, never below it
MIN_TEXT = {"16x9": 16, "4x3": 16, "og": 14}
LINE = 1.3  # line height, in font sizes
PAD = 28  # outer padding
MAX_LINES = {"title": 3, "subtitle": 4, "source": 10, "disclaimer": 3}
PRESET_LINES = {"og": {"title": 2, "subtitle": 2, "source": 2, "disclaimer": 2}}

_render_lock = threading.Lock()


class ImageUnavailable(RuntimeError):
    """No static image engine here (kaleido not installed, or no Chromium it can start)."""


def image_available() -> bool:
    """True when a static image engine (kaleido) is installed."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return True


def _wrap(text: str, width_px: float, size: int, max_lines: int, bold: bool = False) -> list[str]:
    """Lines of ``text`` that fit ``width_px`` at font ``size``; past ``max_lines`` the last line ends in '…'."""
    lines: list[str] = []
    for word in str(text or "").split():
        if lines and text_width(lines[-1] + " " + word, size, bold) <= width_px:
            lines[-1] += " " + word
            continue
        while text_width(word, size, bold) > width_px and len(word) > 1:  # a URL longer than the line: cut it
            cut = max(1, int(len(word) * width_px / text_width(word, size, bold)) - 1)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + " …", size, bold) > width_px:
            last = last[:-1]
        lines[-1] = last.rstrip() + " …"
    return lines


def _fit(text: str, width_px: float, size: int, max_lines: int, bold: bool = False,
         minimum: int = 0) -> tuple[list[str], int]:
    """Wrap ``text``; when it needs more than ``max_lines`` at ``size``, step the type down (to at most 4 px
    smaller, never below ``minimum``) before anything is cut. Returns (lines, size)."""
    sizes = [s for s in dict.fromkeys((size, size - 2, size - 4, max(size - 4, minimum))) if s >= minimum] or [size]
    for s in sizes:
        lines = _wrap(text, width_px, s, 10_000, bold)
        if len(lines) <= max_lines:
            return lines, s
    return _wrap(text, width_px, sizes[-1], max_lines, bold), sizes[-1]


def _esc(text: str) -> str:
    """Plotly's text is a small HTML subset: escape what would be read as markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slide_box(rendered: dict, url: str, version: str, preset: str, lang: str, disclaimer: str = "") -> dict:
    """Wrapped header/footer lines and the pixel boxes of a slide (header, chart, footer). ``disclaimer`` (the UN
    map disclaimer of a map view) goes under the source line."""
    if preset not in PRESETS:
        raise QueryError("preset", f"Unknown image preset {preset!r}: use 16x9, 4x3 or og.", list(PRESETS))
    width, height = PRESETS[preset]
    low = MIN_TEXT[preset]
    text_w = width - 2 * PAD
    most = {**MAX_LINES, **PRESET_LINES.get(preset, {})}
    title, title_size = _fit(rendered.get("title") or "", text_w, TITLE_SIZE, most["title"], bold=True,
                             minimum=low)
    subtitle, subtitle_size = _fit(rendered.get("subtitle") or "", text_w, SUBTITLE_SIZE, most["subtitle"],
                                   minimum=low)
    source, footer_size = _fit(rendered.get("source") or "", text_w, FOOTER_SIZE, most["source"], minimum=low)
    source += _wrap(disclaimer, text_w, footer_size, most["disclaimer"]) if disclaimer else []
    stamp = _wrap(t("image.stamp", lang, url=url, version=version), text_w, footer_size, 3)
    subtitle_top = PAD + len(title) * title_size * LINE + 6
    header_h = subtitle_top + len(subtitle) * subtitle_size * LINE + 10
    footer_h = (len(source) + len(stamp)) * footer_size * LINE + PAD * 0.8
    chart_h = int(height - header_h - footer_h)
    return {"width": width, "height": height, "scale": PRESET_SCALE.get(preset, SCALE), "title": title, "subtitle": subtitle, "source": source,
            "stamp": stamp, "title_size": title_size, "subtitle_size": subtitle_size, "footer_size": footer_size,
            "subtitle_top": subtitle_top, "header_h": int(header_h), "chart_h": chart_h,
            "footer_top": int(height - footer_h + PAD * 0.3), "min_text": low}


def _raise_fonts(node, low: int, inside_font: bool = False) -> None:
    """Every font size set anywhere in a figure (layout, axes, legend, colour bars, traces' text) raised to at
    least ``low`` px, in place; the sizes plotly derives from ``layout.font`` follow it."""
    if isinstance(node, dict):
        size = node.get("size") if inside_font else None
        if isinstance(size, (int, float)) and size < low:
            node["size"] = low
        elif isinstance(size, list):  # a size per point
            node["size"] = [max(x, low) if isinstance(x, (int, float)) else x for x in size]
        for key, value in node.items():
            _raise_fonts(value, low, inside_font=isinstance(key, str) and key.endswith("font"))
    elif isinstance(node, list):
        for item in node:
            _raise_fonts(item, low, inside_font)


def chart_figure(rendered: dict, box: dict) -> dict:
    """The chart itself for the slide's chart box: fixed size, projector type (nothing under the preset's minimum),
    its own title removed (Sankey nodes carry their values in their labels: the figure builder writes them)."""
    fig = copy.deepcopy(rendered["figure"])
    low = box.get("min_text") or min(MIN_TEXT.values())
    layout = fig.setdefault("layout", {})
    for k in ("height", "width", "autosize", "title"):
        layout.pop(k, None)
    old = layout.get("margin") or {}
    layout.update(width=box["width"], height=box["chart_h"], paper_bgcolor="white")
    layout["margin"] = {"l": max(int(old.get("l") or 0), PAD), "r": max(int(old.get("r") or 0), PAD),
                        "t": max(int(old.get("t") or 0), 8), "b": max(int(old.get("b") or 0), 8)}
    font = dict(layout.get("font") or {})
    font.update(family=FONT, size=BODY_SIZE, color=font.get("color") or "#1b1f24")
    layout["font"] = font
    if (layout.get("legend") or {}).get("font"):
        layout["legend"] = {**layout["legend"], "font": {**layout["legend"]["font"], "size": BODY_SIZE - 2}}
    for trace in fig.get("data") or []:
        if isinstance(trace, dict) and trace.get("type") == "sankey":
            trace["textfont"] = {**(trace.get("textfont") or {}), "size": BODY_SIZE, "color": "#111111"}
    _raise_fonts(fig, low)
    return fig


def frame_figure(box: dict, chart_uri: str) -> dict:
    """The slide: title and subtitle above, the chart image (a data URI) in the middle, source, URL and bundle
    version below. No axes and no margins, so 'paper' coordinates are the whole slide."""
    w, h = box["width"], box["height"]

    def text(lines, top, size, color, bold=False):
        body = "<br>".join((f"<b>{_esc(x)}</b>" if bold else _esc(x)) for x in lines)
        return {"text": body, "showarrow": False, "align": "left", "xref": "paper", "yref": "paper",
                "x": PAD / w, "xanchor": "left", "y": 1 - top / h, "yanchor": "top",
                "font": {"size": size, "family": FONT, "color": color}}

    fs = box["footer_size"]
    annotations = [text(box["title"], PAD, box["title_size"], "#111111", bold=True)]
    if box["subtitle"]:
        annotations.append(text(box["subtitle"], box["subtitle_top"], box["subtitle_size"], "#3a3a3a"))
    annotations.append(text(box["source"], box["footer_top"], fs, "#333333"))
    annotations.append(text(box["stamp"], box["footer_top"] + len(box["source"]) * fs * LINE, fs, "#0b57a4"))
    return {"data": [], "layout": {
        "width": w, "height": h, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0, "autoexpand": False},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "showlegend": False,
        "xaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        "yaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        "annotations": annotations,
        "images": [{"source": chart_uri, "xref": "paper", "yref": "paper", "x": 0, "y": 1 - box["header_h"] / h,
                    "sizex": 1, "sizey": box["chart_h"] / h, "xanchor": "left", "yanchor": "top",
                    "sizing": "stretch", "layer": "below"}],
    }}


def _run(coro_fn):
    """Run an async kaleido job to completion in its own thread and event loop (safe from any caller)."""
    out: dict = {}

    def target():
        try:
            out["value"] = asyncio.run(coro_fn())
        except BaseException as exc:  # noqa: BLE001 -- handed back to the caller
            out["error"] = exc

    th = threading.Thread(target=target, name="kaleido-render", daemon=True)
    th.start()
    th.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def to_image(rendered: dict, box: dict, fmt: str, geo: bool = False) -> bytes:
    """Draw the slide with kaleido in one Chromium session: the chart first, then the frame around it (PNG at
    2x, or SVG). Raises ImageUnavailable when there is no engine."""
    return to_images(rendered, box, fmt, geo)[0]


def to_images(rendered: dict, box: dict, fmt: str, geo: bool = False) -> tuple[bytes, bytes]:
    """(slide, chart): the framed slide and the chart alone (the slide's chart box, for a PowerPoint slide that
    writes its texts itself), from one render."""
    if fmt not in FORMATS:
        raise QueryError("format", f"Unknown image format {fmt!r}: use .png or .svg.", list(FORMATS))
    try:
        import kaleido
    except ImportError as exc:
        raise ImageUnavailable("Image export needs the kaleido package, which is not installed here.") from exc
    scale = box.get("scale", SCALE) if fmt == "png" else 1
    chart = chart_figure(rendered, box)
    topojson = TOPOJSON_DIR.resolve().as_uri() if geo else None

    async def job():
        async with kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT) as k:
            inner = await k.calc_fig(chart, opts={"format": fmt, "width": box["width"], "height": box["chart_h"],
                                                  "scale": scale}, topojson=topojson)
            mime = FORMATS[fmt]
            uri = f"data:{mime};base64," + base64.b64encode(inner).decode("ascii")
            slide = await k.calc_fig(frame_figure(box, uri), opts={"format": fmt, "width": box["width"],
                                                                   "height": box["height"], "scale": scale})
            return slide, inner

    with _render_lock:
        try:
            return _run(job)
        except Exception as exc:  # no Chromium, Chromium failed to start or crashed, render timed out
            if type(exc).__name__ == "ChromeNotFoundError":
                log.warning("static images unavailable: %s", exc)
            else:
                log.exception("static image render failed")
            raise ImageUnavailable(
                "The image engine (kaleido with Chromium) is not available on this server "
                f"({type(exc).__name__}). Try the chart's CSV download or the embed instead.") from exc


def render_image(view_id: str, state: dict, fmt: str, preset: str, url: str, lang: str = "en") -> bytes:
    """PNG or SVG bytes of a registered chart view in a valid state."""
    return render_images(view_id, state, fmt, preset, url, lang)[0]


def render_images(view_id: str, state: dict, fmt: str, preset: str, url: str,
                  lang: str = "en") -> tuple[bytes, bytes]:
    """(slide, chart alone) bytes of a registered chart view in a valid state. Map slides carry the UN map
    disclaimer in the page language under the source line."""
    rendered = views.render(view_id, state, lang)
    geo = views.get(view_id).geo
    box = slide_box(rendered, url, store.bundle().version, preset, lang,
                    disclaimer=t("map.disclaimer", lang) if geo else "")
    return to_images(rendered, box, fmt, geo=geo)


# ------------------------------------------------------------------ the bounded render queue


class QueueFull(Exception):
    """Every render slot and queue place is taken: answer 503 with Retry-After instead of waiting."""


RETRY_AFTER = 15  # seconds a client is asked to wait when the queue is full


class ImageQueue:
    """At most ``concurrency`` renders at a time in this process and at most ``queue`` more waiting (each for no
    longer than a render may take); any further request is refused at once."""

    def __init__(self, concurrency: int = 1, queue: int = 2):
        self.concurrency, self.queue = max(1, concurrency), max(0, queue)
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._places = threading.BoundedSemaphore(self.concurrency + self.queue)

    @contextmanager
    def slot(self, wait: float = RENDER_TIMEOUT):
        if not self._places.acquire(blocking=False):
            raise QueueFull()
        try:
            if not self._slots.acquire(timeout=wait):
                raise QueueFull()
            try:
                yield
            finally:
                self._slots.release()
        finally:
            self._places.release()


def cache_key(view_id: str, state: dict, preset: str, fmt: str, lang: str) -> str:
    """The shared cache's key of one image: bundle version, view, state, preset, format and language."""
    q = views.query(view_id, state)
    digest = hashlib.sha256(q.encode()).hexdigest()[:24]
    return f"image:{store.bundle().version}:{view_id}:{digest}:{preset}:{fmt}:{lang}"


def cached_images(view_id: str, state: dict, fmt: str, preset: str, url: str, lang: str, queue: "ImageQueue",
                  chart: bool = False) -> tuple[bytes, bytes | None]:
    """(slide, chart alone or None) from the shared cache, else drawn through ``queue`` (QueueFull when it is
    full) and cached, both parts from one render. ``chart=True`` asks for the chart alone too."""
    key = cache_key(view_id, state, preset, fmt, lang)
    keys = (key, key + ":chart") if chart else (key,)
    found = [cache.get(k) for k in keys]
    if all(b is not None for b in found):
        return found[0], (found[1] if chart else None)
    with queue.slot():
        found = [cache.get(k) for k in keys]  # drawn by another request while this one waited
        if any(b is None for b in found):
            found = list(render_images(view_id, state, fmt, preset, url, lang))
            cache.set(key, found[0])
            cache.set(key + ":chart", found[1])
    return found[0], (found[1] if chart else None)
