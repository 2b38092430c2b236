"""Everything a public deployment needs around the app: headers, request limits, errors as JSON where a program is
the client, readiness, rate limits, and a Dash app that is fully set up before its worker serves.

- Headers: a Content-Security-Policy on every page (Dash's inline scripts by hash: no 'unsafe-inline' scripts, no
  'unsafe-eval'), Permissions-Policy, nosniff, frame rules (pages SAMEORIGIN; embeds keep their own nonce CSP with
  ``frame-ancestors *`` from ``dashboard.embed``). Hand-written rather than Flask-Talisman: Talisman sets one
  CSP and X-Frame-Options for every response and would overwrite the embeds' per-response nonce policy.
- Limits: request bodies over ``MAX_CONTENT_LENGTH`` answer 413; rate limits (Flask-Limiter) on the API,
  downloads and images answer 429 with Retry-After; the store is Redis when ``CACHE_REDIS_URL`` is set, so
  every worker on every host counts together.
- Errors: under /api, /download and /image, and for every 404/405/413/429, a JSON body; an unknown /api path
  is a JSON 404 (not the page shell); a request for an unknown Dash component bundle is a 404.
- ``/readyz`` answers 200 only once every table of the bundle has been read and verified (``/healthz`` stays a
  cheap liveness check).
"""
from __future__ import annotations

import logging

import pyarrow.parquet as pq
from dash.exceptions import DependencyException
from flask import jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from . import store, transfer

log = logging.getLogger(__name__)

PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
                      "payment=(), usb=(), interest-cohort=()")
JSON_PREFIXES = ("/api/", "/download/", "/image/", "/healthz", "/readyz")
NOT_SERVED = ("/assets/vendor/plotly-build",)  # the recipe of the plotly.js bundle: not a page asset
CALLBACK_PATH = "/_dash-update-component"


def page_csp(script_hashes: list[str]) -> str:
    scripts = " ".join(h if h.startswith("'") else f"'{h}'" for h in script_hashes)
    return ("default-src 'self'; "
            f"script-src 'self' {scripts}; "
            "style-src 'self' 'unsafe-inline'; "  # plotly.js and Dash components set inline styles
            "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def _json_error(status: int, error: str, message: str, **extra):
    resp = jsonify({"error": error, "status": status, "message": message, **extra})
    resp.status_code = status
    return resp


def _wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.path == CALLBACK_PATH


def install(app, settings) -> Limiter:
    """Wire headers, limits, error handlers, /readyz and rate limits into the Dash app's server."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    if settings.trusted_proxies:  # behind N reverse proxies: the client address and scheme come from them
        n = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=0)
    csp = {"value": None}

    @server.before_request
    def _refuse_early():
        path = request.path
        if path.startswith(NOT_SERVED):
            raise NotFound()
        if path.startswith("/api/") and request.routing_exception is None and "<path:path>" in request.url_rule.rule:
            raise NotFound()  # not one of the API's routes: never the page shell

    @server.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith("/embed/"):
            # embeds may be framed by any site (CSP frame-ancestors *, set by dashboard.embed); no cookies
            resp.headers.pop("X-Frame-Options", None)
            resp.headers.pop("Set-Cookie", None)
        else:
            resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
            if resp.mimetype == "text/html" and "Content-Security-Policy" not in resp.headers:
                if csp["value"] is None:
                    csp["value"] = page_csp(app.csp_hashes())
                resp.headers["Content-Security-Policy"] = csp["value"]
        return resp

    @server.errorhandler(DependencyException)
    def _unknown_bundle(exc):
        return _json_error(404, "not_found", "No such component bundle.")

    @server.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code in (404, 405, 413, 429) or _wants_json():
            extra = {}
            if exc.code == 405:
                extra["allowed"] = sorted(getattr(exc, "valid_methods", None) or [])
            resp = _json_error(exc.code, exc.name.lower().replace(" ", "_"), exc.description or exc.name, **extra)
            for key in ("Retry-After", "Allow"):
                value = exc.get_response().headers.get(key) if hasattr(exc, "get_response") else None
                if value:
                    resp.headers[key] = value
            return resp
        return exc

    @server.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        log.exception("unhandled %s on %s %s", type(exc).__name__, request.method, request.path)
        if request.path == CALLBACK_PATH:  # the callbacks themselves are guarded (on_error): the request is bad
            return _json_error(400, "bad_callback_request", "The callback request could not be processed.")
        return _json_error(500, "internal_error", "Something went wrong on our side; it has been logged.")

    @server.errorhandler(store.BundleError)
    def _bundle_error(exc):
        log.error("bundle error: %s", exc)
        return _json_error(503, "bundle_unavailable", str(exc))

    if settings.cache_redis_url:
        storage = settings.cache_redis_url
    else:
        storage = "memory://"
    limiter = Limiter(get_remote_address, app=server, storage_uri=storage, headers_enabled=True,
                      enabled=settings.rate_limits_enabled, swallow_errors=True, key_prefix="migration-limits",
                      in_memory_fallback_enabled=True)
    return limiter


def limit_blueprints(limiter: Limiter, settings, blueprints: dict) -> None:
    """Rate limits per client address on the API, downloads and images (settings: RATE_LIMIT_*), each shared by
    every route of its blueprint (so 300 per minute is 300 API requests, whichever endpoints they hit)."""
    for name, bp in blueprints.items():
        value = settings.rate_limits.get(name)
        if value:
            limiter.shared_limit(value, scope=name)(bp)


# ------------------------------------------------------------------ readiness


class Readiness:
    """Every table of the bundle read once in full (pyarrow, then let go: ~1 s) when the app is created; the first
    failure is remembered, naming the file. The checksums were verified when the bundle was opened."""

    def __init__(self):
        self.state: dict = {"ready": False, "error": "The bundle has not been read yet."}

    def check(self) -> dict:
        b = store.bundle()
        try:
            for fname in sorted(b.manifest["tables"]):
                if fname.endswith(".parquet"):
                    try:
                        pq.read_table(b.path / fname)
                    except Exception as exc:  # truncated or not Parquet: named, reported by /readyz
                        raise store.BundleError(f"Bundle file {fname} in {b.path} could not be read "
                                                f"({type(exc).__name__}: {exc}).") from exc
            self.state = {"ready": True, "error": None}
        except store.BundleError as exc:
            log.error("bundle not ready: %s", exc)
            self.state = {"ready": False, "error": str(exc)}
        return dict(self.state)


READINESS = Readiness()


def readyz():
    state = READINESS.state
    b = store.bundle()
    if state["ready"]:
        return jsonify({"status": "ready", "bundle_version": b.version, "tables": len(b.manifest["tables"])})
    return _json_error(503, "not_ready", state["error"] or "The bundle has not been read yet.")


def callback_error(exc: Exception):
    """Dash's global callback error handler: a callback given values outside its options, wrong types or None
    keeps what is on the page (no update) instead of answering 500; the error is logged with its traceback."""
    log.warning("callback failed on its inputs (%s: %s)", type(exc).__name__, exc, exc_info=exc)
    transfer.dont_keep()
    return None
