"""Bytes on the wire: compression, long-lived caching of fingerprinted assets, ETags and 304s.

- **Compression** (flask-compress, switched on by Dash's ``compress=True``): brotli, else gzip, for pages, scripts,
  styles, JSON (callbacks, the API) and CSV; streamed bodies (downloads, API CSV/JSON, files under /assets) are
  compressed as they stream, with brotli (flask-compress does not stream gzip). Dash's own switch would leave the
  library's default list (zstd first), so the server it is given already carries this configuration (Dash then
  writes ``COMPRESS_ALGORITHM = ["gzip"]`` into the config, after flask-compress has read it: not what is used).
- **Immutable assets**: Dash writes every script and style it links with a fingerprint, the component suites in
  the file name (``dash_renderer.v4_4_1m<mtime>.min.js``) and the files under /assets with ``?m=<mtime>``. Those
  URLs change whenever the file does, so their responses may be kept for a year without asking again
  (``Cache-Control: public, max-age=31536000, immutable``). An /assets URL whose ``m`` is not the file's current
  one (or has none: the base maps plotly.js fetches by name) keeps Flask's revalidation (ETag, 304). Dash's
  favicon is linked with ``?v=<Dash version>``, so it is immutable too.
- **Callback answers kept compressed**: a chart card's answer is a function of the callback request's body (its
  inputs and state) and the bundle, and is 100-330 KB of JSON that costs 3-13 ms to build from the cached card
  values and 2-12 ms to compress. Its compressed bytes are kept in the app's cache (flask-caching: per worker, or
  the shared Redis) under a hash of the body and the encoding, and a request with the same body is answered from
  them before Dash is asked. Not kept: answers under COMPRESS_MIN_SIZE or over ``MAX_KEPT_ANSWER`` bytes, answers to
  clients that take no compression, and any answer during which a chart card failed or Dash's error handler ran
  (``dont_keep``): the next request tries again.
- **ETags on the API, downloads and slide images**: the answer is a function of the bundle version, the path and
  the query, so the tag is a hash of those (weak: the bytes differ by content encoding). A request whose
  ``If-None-Match`` holds it is answered 304 by werkzeug's ``make_conditional`` before any data is read (``*``
  is not taken: it would answer 304 to a query that has no answer).
"""
from __future__ import annotations

import hashlib
import os

import dash
import flask
from dash.fingerprint import check_fingerprint
from flask import g, has_request_context, request
from flask_compress.flask_compress import _choose_algorithm
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

from . import store
from .cache import cache

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # may be stored, but asked again (with If-None-Match) each time
ETAG_BLUEPRINTS = ("api", "downloads", "images", "snapshots")  # the blueprint names whose GET answers carry an ETag
ASSETS_ENDPOINT = "_dash_assets.static"  # Dash's blueprint for assets_folder (routes prefix "/")

COMPRESS = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_ALGORITHM_STREAMING": ["br"],
    "COMPRESS_BR_LEVEL": 5,  # plotly.js: 1.69 MB -> 508 KB in ~0.1 s (level 4: 554 KB; 11: 452 KB in 12 s)
    "COMPRESS_LEVEL": 6,
    "COMPRESS_MIN_SIZE": 500,
    "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/plain", "text/csv", "text/javascript",
                           "application/javascript", "application/json", "application/geo+json",
                           "application/x-bibtex", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon"],
    # files under /assets are streamed: let flask-compress answer their If-None-Match against the tag it writes
    # (``"<tag>:br"``), or a revalidation would send the whole file again
    "COMPRESS_STREAMING_ENDPOINT_CONDITIONAL": ["static", ASSETS_ENDPOINT],
}
IMMUTABLE_KEY = "immutable:"
ANSWER_KEY = "answer:"
MAX_KEPT_ANSWER = 256 * 1024  # compressed bytes; the largest chart card answers are ~60 KB


class ImmutableCache:
    """flask-compress's cache of compressed bodies. Fingerprinted assets (their bytes never change for a URL) are
    kept in the worker: each is compressed once per worker and algorithm, not on every first visit (plotly.js:
    ~0.1 s of CPU idle, seconds on a loaded machine). Callback answers that may be kept go to the app's cache
    (module docstring). Every other answer is compressed as it goes (never looked up: the key flask-compress builds
    for them does not name their body)."""

    def __init__(self):
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        if ANSWER_KEY in key:
            return cache.get(key)
        return self.data.get(key) if IMMUTABLE_KEY in key else None

    def set(self, key: str, value: bytes) -> None:
        if ANSWER_KEY in key:
            if len(value) <= MAX_KEPT_ANSWER:
                cache.set(key, value)
        elif IMMUTABLE_KEY in key and len(self.data) < 500:
            self.data[key] = value


def _compress_key(req) -> str:
    if getattr(req, "_immutable", False):
        return IMMUTABLE_KEY + req.full_path
    answer = getattr(req, "_answer_key", None)
    return answer if answer and g.get("keep_answer", True) else "-"


def dont_keep() -> None:
    """This request's answer is not to be kept (a chart card failed, or a callback's inputs were refused)."""
    if has_request_context():
        g.keep_answer = False


COMPRESS.update(COMPRESS_CACHE_BACKEND=ImmutableCache, COMPRESS_CACHE_KEY=_compress_key)


def flask_server(import_name: str) -> flask.Flask:
    """The Flask server to hand to Dash (with ``compress=True``): flask-compress reads its settings when Dash
    attaches it, so they are in the config before."""
    server = flask.Flask(import_name)
    server.config.update(COMPRESS)
    return server


def install(app) -> None:
    """Cache headers for fingerprinted assets and ETags/304s for the API, downloads and images."""
    server = app.server
    assets_folder = app.config.assets_folder
    assets_prefix = app.config.routes_pathname_prefix + app.config.assets_url_path.strip("/") + "/"
    suites_prefix = app.config.routes_pathname_prefix + "_dash-component-suites/"
    favicon = app.config.routes_pathname_prefix + "_favicon.ico"  # Dash's own, linked with ?v=<dash version>

    callback_path = app.config.routes_pathname_prefix + "_dash-update-component"
    algorithms = tuple(COMPRESS["COMPRESS_ALGORITHM"])

    @server.before_request
    def _kept_answer():
        if request.method != "POST" or request.path != callback_path:
            return None
        algorithm = _choose_algorithm(algorithms, request.headers.get("Accept-Encoding", ""))
        if algorithm is None:
            return None
        request._answer_key = ANSWER_KEY + hashlib.sha256(request.get_data()).hexdigest()
        kept = cache.get(f"{algorithm};{request._answer_key}")
        if kept is None:
            return None
        return Response(kept, mimetype="application/json",
                        headers={"Content-Encoding": algorithm, "Vary": "Accept-Encoding"})

    @server.before_request
    def _not_modified():
        inm = request.if_none_match
        if request.method in ("GET", "HEAD") and request.blueprint in ETAG_BLUEPRINTS and inm and not inm.star_tag:
            resp = Response(status=200)
            resp.set_etag(etag(), weak=True)
            resp = resp.make_conditional(request)
            if resp.status_code == 304:
                resp.headers["Cache-Control"] = _cache_control_for(request.blueprint)
                return resp
        return None

    @server.after_request
    def _cache_headers(resp):
        path = request.path
        if request.method not in ("GET", "HEAD") or resp.status_code not in (200, 304):
            return resp
        if ((path.startswith(suites_prefix) and check_fingerprint(path)[1])
                or (path == favicon and request.args.get("v") == dash.__version__)
                or (path.startswith(assets_prefix) and _fingerprint_current(assets_folder, path[len(assets_prefix):]))):
            resp.headers["Cache-Control"] = IMMUTABLE
            if resp.status_code == 200 and resp.is_streamed:  # a file: read it, so its compressed form is kept
                resp.direct_passthrough = False
                resp.set_data(resp.get_data())
            request._immutable = True  # flask-compress keeps its compressed body (ImmutableCache)
        elif request.blueprint in ETAG_BLUEPRINTS and resp.status_code == 200 and not resp.get_etag()[0]:
            resp.set_etag(etag(), weak=True)
            resp.headers.setdefault("Cache-Control", _cache_control_for(request.blueprint))
        return resp


def _cache_control_for(blueprint: str | None) -> str:
    return "public, max-age=3600" if blueprint in ("images", "snapshots") else REVALIDATE


def etag() -> str:
    """The request's answer, named: bundle version, path and the query (parameters in a fixed order)."""
    query = sorted(request.args.items(multi=True))
    raw = "\n".join([store.bundle().version, request.path, *(f"{k}={v}" for k, v in query)])
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _fingerprint_current(folder: str, rel: str) -> bool:
    """``?m=`` is the file's current modification time, as Dash wrote it into the page."""
    stamp = request.args.get("m")
    if not stamp:
        return False
    path = safe_join(folder, rel)
    if path is None:
        return False
    try:
        return stamp == str(os.stat(path).st_mtime)
    except OSError:
        return False
