"""The app factory: Dash app, cache, API blueprint, routing and callbacks, assembled in one place."""
from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from urllib.parse import parse_qs

from dash import Dash, Input, Output, State, callback, ctx, dcc, html

from . import ids, store, views
from . import security
from .api import api, healthz as api_health
from .share.images import ImageQueue
from .share.routes import downloads, embeds, images
from .share.urls import PAGES
from .cache import cache, cache_config
from .i18n import t
from .settings import REPO, Settings

log = logging.getLogger(__name__)
URL_POPSTATE = "url-popstate"
NAV = tuple((name, PAGES[name]) for name in ("explorer", "flows", "displacement", "trafficking", "routes", "missing",
                                              "data"))


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app. The bundle is opened (and its checksums verified) before anything is served."""
    settings = settings or Settings.from_env()
    bundle = store.configure(settings.data_dir)
    app = Dash(
        __name__,
        title=t("app.title"),
        assets_folder=str(REPO / "assets"),
        assets_path_ignore=["^plotly-build$"],  # the recipe of assets/vendor/plotly-custom.min.js, not served as a page asset
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=False,
        update_title=None,
        on_error=security.callback_error,  # out-of-option or malformed callback inputs: no update, never a 500
    )
    server = app.server
    server.config["API_ROW_CAP"] = settings.api_row_cap
    server.config["PUBLIC_URL"] = settings.public_url
    server.config.update(cache_config(settings, bundle.version))
    cache.init_app(server)
    server.register_blueprint(api)
    server.register_blueprint(downloads)
    server.register_blueprint(embeds)
    server.register_blueprint(images)
    server.add_url_rule("/healthz", "healthz", api_health)
    server.add_url_rule("/readyz", "readyz", security.readyz)
    security.READINESS.check()
    limiter = security.install(app, settings)
    security.limit_blueprints(limiter, settings, {"api": api, "downloads": downloads, "images": images})
    server.extensions["image_queue"] = ImageQueue(settings.image_concurrency, settings.image_queue)
    app.layout = _shell(bundle.version)
    _register_callbacks()
    # Dash builds its callback map lazily on the first request, and concurrent first requests race (plotly/dash
    # #3971): build it now, so a worker is fully set up before it serves anything.
    _setup_now(app)
    return app


def _setup_now(app: Dash) -> None:
    """Build the callback map before serving. Dash moves the module-level callbacks (``dash.callback``) into the
    first app it sets up; they are put back afterwards so another app in the same process (tests, benchmarks)
    gets them too."""
    from dash import _callback

    saved = (dict(_callback.GLOBAL_CALLBACK_MAP), list(_callback.GLOBAL_CALLBACK_LIST),
             list(_callback.GLOBAL_INLINE_SCRIPTS))
    with app.server.test_request_context("/"):
        app._setup_server()
        app.csp_hashes()  # also takes the inline scripts of the clientside callbacks
    _callback.GLOBAL_CALLBACK_MAP.update(saved[0])
    _callback.GLOBAL_CALLBACK_LIST[:] = saved[1]
    _callback.GLOBAL_INLINE_SCRIPTS[:] = saved[2]


def _shell(version: str):
    return html.Div(className="app", children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=URL_POPSTATE),  # written by assets/url_history.js on browser back/forward
        html.Header(className="site-header", children=[
            html.A(t("app.title"), href="/", className="brand"),
            html.P(t("app.tagline"), className="tagline"),
            html.Nav(className="site-nav", **{"aria-label": t("nav.label")}, children=[
                html.A(t(f"nav.{key}"), href=href) for key, href in NAV
            ]),
        ]),
        html.Div(id="page"),
        html.Footer(className="site-footer", children=[
            html.Span(t("footer.bundle", version=version)), " · ",
            html.A(t("nav.api"), href="/api/v1/catalog"),
        ]),
    ])


def discover_pages() -> list[tuple[re.Pattern, object]]:
    """Every ``layouts/<name>.py`` with a ``ROUTE`` is a page; ``callbacks/<name>.py`` (if any) is imported.

    ROUTE is a path such as '/' or '/flows', or a pattern with named groups such as
    '/country/(?P<iso3>[^/]+)'; the groups and the query parameters are passed to ``layout``.
    """
    import callbacks
    import layouts

    pages = []
    callback_modules = {m.name for m in pkgutil.iter_modules(callbacks.__path__)}
    for mod in sorted(pkgutil.iter_modules(layouts.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"layouts.{mod.name}")
        route = getattr(module, "ROUTE", None)
        if route is None:
            continue
        if mod.name in callback_modules:
            importlib.import_module(f"callbacks.{mod.name}")
        pages.append((re.compile("^" + route.rstrip("/") + "/?$"), module.layout))
    # literal routes before patterns, so '/compare' is never taken by a pattern
    pages.sort(key=lambda p: ("(" in p[0].pattern, p[0].pattern))
    return pages


def match_route(pages, pathname: str | None):
    path = pathname or "/"
    for pattern, layout in pages:
        m = pattern.match(path)
        if m:
            return layout, m.groupdict()
    return None, {}


def _register_callbacks() -> None:
    from layouts import not_found

    views.load_all()
    pages = discover_pages()

    @callback(Output("page", "children"), Input(ids.URL, "pathname"), Input(URL_POPSTATE, "data"),
              State(ids.URL, "search"))
    def render_page(pathname, popped, search):
        # Back/Forward: url_history.js stores the location it moved to; a callback's own URL write does not
        # pass through here (search is State), so pages keep their controls while the user works.
        if ctx.triggered_id == URL_POPSTATE and isinstance(popped, dict):
            pathname, search = popped.get("pathname") or pathname, popped.get("search") or ""
        query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        layout, path_args = match_route(pages, pathname)
        if layout is None:
            return not_found.layout(pathname)
        return layout(**{**query, **path_args})
