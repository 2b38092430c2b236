"""The app factory: Dash app, cache, API blueprint, routing and callbacks, assembled in one place."""
from __future__ import annotations

import logging
from urllib.parse import parse_qs

from dash import Dash, Input, Output, State, callback, dcc, html

from . import ids, store
from .api import api
from .cache import cache, cache_config
from .i18n import t
from .settings import REPO, Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app. The bundle is opened (and its checksums verified) before anything is served."""
    settings = settings or Settings.from_env()
    bundle = store.configure(settings.data_dir)
    app = Dash(
        __name__,
        title=t("app.title"),
        assets_folder=str(REPO / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=False,
        update_title=None,
    )
    server = app.server
    server.config["API_ROW_CAP"] = settings.api_row_cap
    server.config.update(cache_config(settings, bundle.version))
    cache.init_app(server)
    server.register_blueprint(api)
    _security_headers(server)
    app.layout = _shell(bundle.version)
    _register_callbacks()
    return app


def _security_headers(server) -> None:
    @server.after_request
    def headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        return resp


def _shell(version: str):
    return html.Div(className="app", children=[
        dcc.Location(id=ids.URL, refresh=False),
        html.Header(className="site-header", children=[
            html.A(t("app.title"), href="/", className="brand"),
            html.P(t("app.tagline"), className="tagline"),
        ]),
        html.Div(id="page"),
        html.Footer(className="site-footer", children=[
            html.Span(t("footer.bundle", version=version)), " · ",
            html.A(t("nav.api"), href="/api/v1/catalog"),
        ]),
    ])


def _register_callbacks() -> None:
    # importing the modules registers their @callback functions once per process
    import callbacks.home  # noqa: F401

    from layouts import home, not_found

    routes = {"/": home.layout}

    @callback(Output("page", "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))
    def render_page(pathname, search):
        query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        page = routes.get(pathname or "/")
        if page is None:
            return not_found.layout(pathname)
        return page(**query)
