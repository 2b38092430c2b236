"""Chart snapshots for the static first view of a page: a WebP of the chart alone (no slide frame), 1200 px wide at
the card's height, drawn by the slide-image engine (kaleido) and kept in the shared cache per (bundle version, view,
state, language, height).

A page's first view (layouts/first_view.py) shows a cached snapshot in each chart's box (``<img class=
"chart-snapshot">``); a chart without one yet shows its text summary in a box of the chart's shape and is queued
here. The queue is per worker, bounded (``MAX_PENDING``; beyond that a request is dropped, the next visit asks
again), drained by one background thread that draws one snapshot at a time under the slide images' render lock, so
snapshots never run beside a slide image or each other. ``SNAPSHOTS=off`` switches the whole thing off (the tests'
servers do). ``/snapshot/<view>.webp?<page query>&lang=&h=`` serves a cached snapshot and never draws one (404
until it is there), so it needs no rate limit.
"""
from __future__ import annotations

import logging
import queue
import threading

from flask import Blueprint, Response, current_app, request

from .. import language, store, views
from ..cache import cache
from . import images
from .urls import with_query

log = logging.getLogger(__name__)
snapshots = Blueprint("snapshots", __name__)

WIDTH = 1200
FORMAT = "webp"
MIME = "image/webp"
HEIGHTS = range(200, 1201)  # a card's chart height in CSS px (layouts/components.chart_card)
MAX_PENDING = 64


def cache_key(view_id: str, state: dict, lang: str, height: int) -> str:
    return images.cache_key(view_id, state, f"snapshot{int(height)}", FORMAT, lang)


def url(view_id: str, state: dict, lang: str, height: int) -> str:
    return with_query(f"/snapshot/{view_id}.{FORMAT}", views.query(view_id, state),
                      lang=None if lang == "en" else lang, h=int(height))


def cached(view_id: str, state: dict, lang: str, height: int) -> bool:
    return cache.get(cache_key(view_id, state, lang, height)) is not None


def draw(view_id: str, state: dict, lang: str, height: int) -> bytes:
    """The chart of ``view_id`` in ``state`` as WebP bytes, WIDTH x height, the page's own figure and type sizes."""
    import kaleido

    rendered = views.render(view_id, state, lang)
    figure = images.chart_figure(rendered, {"width": WIDTH, "chart_h": int(height)})
    figure["layout"]["font"]["size"] = 13  # the page's type, not the projector's
    topojson = images.TOPOJSON_DIR.resolve().as_uri() if views.get(view_id).geo else None

    async def job():
        async with kaleido.Kaleido(n=1, mathjax=False, timeout=images.RENDER_TIMEOUT) as k:
            return await k.calc_fig(figure, opts={"format": FORMAT, "width": WIDTH, "height": int(height),
                                                  "scale": 1}, topojson=topojson)

    with images._render_lock:
        return images._run(job)


class SnapshotQueue:
    """One background thread per worker drawing the snapshots pages asked for, in order, one at a time."""

    def __init__(self, app, enabled: bool = True):
        self.app, self.enabled = app, enabled and images.image_available()
        self._queue: queue.Queue = queue.Queue(maxsize=MAX_PENDING)
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def ask(self, view_id: str, state: dict, lang: str, height: int) -> bool:
        """Queue a snapshot; False when snapshots are off (none will come), True when one is queued or will be asked
        for again (already queued, or the queue is full)."""
        if not self.enabled:
            return False
        key = cache_key(view_id, state, lang, height)
        with self._lock:
            if key in self._pending:
                return True
            try:
                self._queue.put_nowait((key, view_id, dict(state), lang, int(height)))
            except queue.Full:
                return True  # asked again on the next visit
            self._pending.add(key)
            if self._thread is None or not self._thread.is_alive():  # started lazily: after gunicorn's fork
                self._thread = threading.Thread(target=self._run, name="snapshots", daemon=True)
                self._thread.start()
        return True

    def join(self, timeout: float) -> bool:
        """Wait until every queued snapshot is drawn (tests, `bench/`); True when the queue is empty."""
        done = threading.Event()

        def waiter():
            self._queue.join()
            done.set()

        threading.Thread(target=waiter, daemon=True).start()
        return done.wait(timeout)

    def _run(self) -> None:
        while True:
            key, view_id, state, lang, height = self._queue.get()
            try:
                with self.app.app_context():
                    if cache.get(key) is None:
                        cache.set(key, draw(view_id, state, lang, height))
            except Exception:  # noqa: BLE001 - logged; the page keeps its summary box, the next visit asks again
                log.exception("snapshot of %s %r (%s, %s px) failed", view_id, state, lang, height)
            finally:
                with self._lock:
                    self._pending.discard(key)
                self._queue.task_done()


def ask(view_id: str, state: dict, lang: str, height: int) -> bool:
    """Queue a snapshot in this worker; True when one is on its way."""
    q = current_app.extensions.get("snapshots")
    return q is not None and q.ask(view_id, state, lang, height)


@snapshots.route("/snapshot/<view_spec>")
def snapshot(view_spec: str):
    view_id, _, fmt = view_spec.rpartition(".")
    if fmt != FORMAT:
        raise store.QueryError("format", f"Snapshots are {FORMAT}.", [FORMAT])
    views.get(view_id)
    state, _ = views.parse(view_id, request.args)
    lang = language.from_query(request.args)
    h = request.args.get("h") or ""
    if not (h.isascii() and h.isdigit()) or int(h) not in HEIGHTS:
        raise store.QueryError("h", "h is the chart's height in pixels, 200 to 1200.", ["420"])
    body = cache.get(cache_key(view_id, state, lang, int(h)))
    if body is None:
        return Response(status=404, headers={"Cache-Control": "no-store"})
    return Response(body, mimetype=MIME, headers={"Cache-Control": "public, max-age=3600",
                                                  "X-Bundle-Version": store.bundle().version})


snapshots.register_error_handler(store.QueryError, lambda exc: (exc.as_dict(), 400))
