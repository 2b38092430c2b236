"""Warming (`make warm`): draw ahead of time the chart snapshots of each page's default view and prime the page-HTML
(first view) and query caches, so a reader's first visit gets the snapshots and a cached page.

A page's first view (layouts/first_view.py) shows a cached snapshot in each chart box, or the chart's summary while
one is queued (dashboard/share/snapshots.py: one background thread per worker, one drawing at a time, through the
slide images' render lock); its HTML is cached once every chart box holds a snapshot. Warming asks for each page,
waits for its snapshots, and asks again, until every chart box of every page holds one.

Two ways, the same check:

- ``python -m dashboard.warm --url http://127.0.0.1:8050`` warms a running server over HTTP. Each worker keeps its
  own queue (and, with the default SimpleCache, its own cache): a page counts as warm after ``--confirm``
  consecutive answers show a snapshot in every chart box (the answers go to whichever worker accepts them).
- ``python -m dashboard.warm`` (no ``--url``) warms in this process, into the configured shared cache
  (``CACHE_REDIS_URL`` or ``CACHE_TYPE=FileSystemCache`` with ``CACHE_DIR``), which every worker then reads.
  With the default per-process SimpleCache there is nothing to share: it says so and stops.

bench/load.py calls :func:`warm_server` before its warm run.
"""
from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .factory import DEFAULT_PATHS, create_app
from .i18n import LANGUAGES
from .settings import Settings

SNAPSHOT = 'class="chart-snapshot"'
WAITING = 'class="chart-static-summary"'  # a chart box still showing its summary (no snapshot yet)


@dataclass
class PageState:
    url: str
    snapshots: int = 0
    waiting: int = 0
    streak: int = 0  # consecutive answers with a snapshot in every chart box
    answers: int = 0
    errors: list = field(default_factory=list)

    def read(self, status: int, html: str) -> None:
        self.answers += 1
        if status != 200:
            self.errors.append(status)
            self.streak = 0
            return
        self.snapshots, self.waiting = html.count(SNAPSHOT), html.count(WAITING)
        self.streak = self.streak + 1 if self.waiting == 0 else 0


def page_urls(paths=DEFAULT_PATHS, langs=LANGUAGES) -> list[str]:
    """Every path in every language (``lang=`` added to the path's own query; English has none); ``langs=None``:
    the paths as they are."""
    if langs is None:
        return list(dict.fromkeys(paths))
    out = []
    for path in paths:
        parts = urlsplit(path)
        for lang in langs:
            query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"] + ([("lang", lang)] if lang != "en"
                                                                                   else [])
            out.append(urlunsplit(("", "", parts.path, urlencode(query), "")))
    return list(dict.fromkeys(out))


def _warm(fetch, urls: list[str], confirm: int, timeout: float, pause: float, wait=None, log=print) -> dict:
    """Ask for every page until each shows a snapshot in every chart box ``confirm`` times in a row."""
    pages = {u: PageState(u) for u in urls}
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        todo = [p for p in pages.values() if p.streak < confirm]
        if not todo or time.monotonic() > deadline:
            break
        for p in todo:
            p.read(*fetch(p.url))
        if wait is not None:
            wait(max(0.0, deadline - time.monotonic()))
        if any(p.streak < confirm for p in pages.values()):
            time.sleep(pause)
    cold = [p.url for p in pages.values() if p.streak < confirm]
    result = {"seconds": round(time.monotonic() - started, 1), "pages": len(pages), "cold": cold,
              "snapshots": sum(p.snapshots for p in pages.values()), "answers": sum(p.answers for p in pages.values()),
              "errors": {p.url: p.errors for p in pages.values() if p.errors}}
    log(f"warmed {len(pages) - len(cold)} of {len(pages)} page views ({result['snapshots']} chart snapshots) in "
        f"{result['seconds']} s" + (f"; not warm yet: {', '.join(cold)}" if cold else ""))
    return result


def warm_server(base_url: str, paths=DEFAULT_PATHS, langs=LANGUAGES, confirm: int = 3, timeout: float = 1200,
                pause: float = 2.0, log=print) -> dict:
    """Warm a running server over HTTP (see the module's docstring)."""
    base = base_url.rstrip("/")

    def fetch(url: str) -> tuple[int, str]:
        req = urllib.request.Request(base + url, headers={"Accept-Language": "en"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            log(f"{url}: {exc}")
            return 0, ""

    return _warm(fetch, page_urls(paths, langs), confirm, timeout, pause, log=log)


def warm_app(app, paths=DEFAULT_PATHS, langs=LANGUAGES, timeout: float = 1200, log=print) -> dict:
    """Warm in this process: the app's snapshot queue draws, its cache (shared, when configured) keeps."""
    client = app.server.test_client()
    queue = app.server.extensions["snapshots"]
    if not queue.enabled:  # SNAPSHOTS=off, or no kaleido/Chromium here: no snapshot would ever come
        raise RuntimeError("snapshots are off in this app (SNAPSHOTS=off, or kaleido/Chromium missing)")

    def fetch(url: str) -> tuple[int, str]:
        r = client.get(url, headers={"Accept-Language": "en"})
        return r.status_code, r.get_data(as_text=True)

    return _warm(fetch, page_urls(paths, langs), 1, timeout, 0.0, wait=lambda left: queue.join(timeout=left),
                 log=log)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.warm", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server to warm over HTTP (default: warm the shared cache in-process)")
    ap.add_argument("--paths", nargs="*", default=list(DEFAULT_PATHS), help="page paths (with their query)")
    ap.add_argument("--langs", nargs="*", default=list(LANGUAGES), choices=list(LANGUAGES))
    ap.add_argument("--confirm", type=int, default=3, help="over HTTP: consecutive warm answers per page")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds before giving up")
    args = ap.parse_args(argv)
    if args.url:
        result = warm_server(args.url, args.paths, args.langs, args.confirm, args.timeout)
    else:
        settings = Settings.from_env()
        if settings.cache_type not in ("RedisCache", "FileSystemCache"):
            print(f"CACHE_TYPE is {settings.cache_type}: each worker has its own cache, so warming this process "
                  f"would help nobody. Warm the running server instead (make warm URL=http://127.0.0.1:8050), or "
                  f"share a cache (CACHE_REDIS_URL, or CACHE_TYPE=FileSystemCache with CACHE_DIR).", file=sys.stderr)
            return 2
        if not settings.snapshots:
            print("SNAPSHOTS is off: there is nothing to draw.", file=sys.stderr)
            return 2
        result = warm_app(create_app(settings), args.paths, args.langs, args.timeout)
    return 1 if result["cold"] or result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
