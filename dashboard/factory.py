"""The app factory: Dash app, cache, API blueprint, routing and callbacks, assembled in one place."""
from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import pkgutil
import re
import time
from urllib.parse import parse_qs, urlsplit

import flask
from markupsafe import escape
from dash import Dash, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from . import ids, language, store, views
from . import security, transfer
from .api import api, healthz as api_health
from .share.images import ImageQueue
from .share.routes import downloads, embeds, images
from .share.snapshots import SnapshotQueue, snapshots
from .share.urls import PAGES, page_route
from .cache import cache, cache_config
from .i18n import LANGUAGES, t
from .settings import REPO, Settings

log = logging.getLogger(__name__)
URL_POPSTATE = "url-popstate"
PAGE_TITLE = "page-title"
PAGE_SHOWN = "page-shown"  # the URL whose page Dash's layout already carries (``_layout``), until render_page answers
NAV = tuple((name, PAGES[name]) for name in ("explorer", "compare", "flows", "displacement", "trafficking", "routes",
                                              "missing", "data"))
# what ``shell`` returns, in order: (component id, property)
_SHELL_PROPS = (("brand", "children"), ("brand", "href"), ("tagline", "children"), ("site-nav", "children"),
                ("site-nav", "aria-label"), ("lang-switch", "children"), ("footer-bundle", "children"),
                ("footer-api", "children"), ("skip-link", "children"), ("a11y-live", "data-prefix"))
SHELL = ("brand", "tagline", "site-nav", "lang-switch", "footer-bundle", "footer-api", "skip-link",
         "a11y-live")  # ids the language fills
PAGE_PATTERNS = tuple(re.compile("^" + page_route(name).rstrip("/") + "/?$") for name in PAGES)
# Scripts Dash links on every page that this app does not need, left out of its pages:
# - babel's polyfill (core-js 2 and regenerator-runtime; 99 KB that took 60-130 ms of the browser's main thread before
#   anything else could run, bench/RESULTS.md): the browsers Dash 4 supports (it runs React 18) have every feature
#   core-js adds. The one global Dash's renderer and dcc still use, ``regeneratorRuntime`` (their lazy-loaded chunks),
#   comes from assets/vendor/regenerator-runtime.js, the same library alone (``make plotly-js``), loaded before them.
# - dash_table's bundle: the deprecated DataTable is not used (tables are server-built HTML; tests/test_architecture).
UNNEEDED_SCRIPTS = re.compile(r'<script src="[^"]*/(?:deps/polyfill@|dash_table/bundle\.)[^"]*"></script>\s*')


class _App(Dash):
    first_view_pages = None  # the discovered pages, once the callbacks are registered (see _first_view)

    def interpolate_index(self, **kwargs):
        """The page's HTML with ``<html lang>`` set to the request's language (screen readers, hyphenation), without
        the scripts it does not need (``UNNEEDED_SCRIPTS``), and Dash's script holder a <div>, not a second <footer>
        (a contentinfo landmark beside the site's footer)."""
        lang = language.negotiate(flask.request) if flask.has_request_context() else "en"
        if flask.has_request_context() and self.first_view_pages is not None:
            kwargs = _first_view(self, flask.request, lang, kwargs)
        kwargs["scripts"] = UNNEEDED_SCRIPTS.sub("", kwargs["scripts"])
        page = super().interpolate_index(**kwargs).replace("<html>", f'<html lang="{lang}">', 1)
        # Dash's script container is a <footer> (a second contentinfo landmark): the last one on the page, after the
        # app entry (which may hold the static first view's own site footer)
        head, found, tail = page.rpartition("<footer>")
        if not found:
            return page
        return head + '<div class="dash-scripts">' + tail.replace("</footer>", "</div>", 1)


def _first_view(app: "_App", req: flask.Request, lang: str, kwargs: dict) -> dict:
    """The page's own ``<title>``, description and link-preview tags, and a static first view of the page (the
    frame and the page's layout in its language, chart cards filled) in the app entry: layouts/first_view.py.
    A page whose first view cannot be built is logged and served as Dash's plain shell."""
    from layouts import first_view, not_found

    query = {k: v[-1] for k, v in req.args.lists()}
    search = req.query_string.decode("latin-1")
    version = store.bundle().version
    key = "firstview:" + hashlib.sha256(repr((version, req.path, sorted(query.items()), lang)).encode()).hexdigest()
    parts = cache.get(key)  # the same URL answers the same first view until the bundle changes
    if parts is None:
        try:
            preview = first_view.preview(req.path, query, lang)
            tree = frame(version, req.path, "?" + search if search else "")
            layout, path_args = match_route(app.first_view_pages, req.path)
            complete = True
            if layout is not None:
                tree["page"].children, complete = page_layout(layout, {**query, **path_args}, lang)
            else:
                tree["page"].children = not_found.layout(req.path, lang)
            entry, final = first_view.static_html(tree, {**query, **path_args}, lang)
        except Exception:  # noqa: BLE001 - logged; the page is still served (Dash draws it)
            log.exception("first view of %s could not be built", req.full_path)
            return kwargs
        parts = {"title": str(escape(preview["title"])), "metas": first_view.head_html(preview, lang),
                 "app_entry": f'<div id="react-entry-point">{entry}</div>'}
        if final and complete:  # not while a chart waits for its snapshot, nor with a card that failed
            cache.set(key, parts)
    return {**kwargs, "title": parts["title"], "metas": kwargs.get("metas", "") + parts["metas"],
            "app_entry": parts["app_entry"]}


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app. The bundle is opened (and its checksums verified) before anything is served."""
    settings = settings or Settings.from_env()
    bundle = store.configure(settings.data_dir)
    app = _App(
        __name__,
        server=transfer.flask_server(__name__),
        title=t("app.title"),
        assets_folder=str(REPO / "assets"),
        assets_path_ignore=["^plotly-build$"],  # the recipe of assets/vendor/plotly-custom.min.js, not served as a page asset
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=True,  # brotli/gzip (flask-compress; settings in dashboard/transfer.py)
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
    server.register_blueprint(snapshots)
    server.add_url_rule("/healthz", "healthz", api_health)
    server.add_url_rule("/readyz", "readyz", security.readyz)
    security.READINESS.check()
    limiter = security.install(app, settings)
    security.limit_blueprints(limiter, settings, {"api": api, "downloads": downloads, "images": images})
    transfer.install(app)
    server.extensions["snapshots"] = SnapshotQueue(server, settings.snapshots)
    server.extensions["image_queue"] = ImageQueue(settings.image_concurrency, settings.image_queue)
    server.before_request(_language_redirect)
    app.layout = functools.partial(_layout, app, bundle.version)
    app.first_view_pages = _register_callbacks()
    # Dash builds its callback map lazily on the first request, and concurrent first requests race (plotly/dash
    # #3971): build it now, so a worker is fully set up before it serves anything.
    _setup_now(app)
    if settings.prime:
        prime(app)
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


def _shell(version: str, lang: str = "en"):
    """The page frame; its texts and links follow the page language (``render_shell``; the country search's own
    callback). ``lang``: the language its country search starts in; ``frame`` fills the rest."""
    from layouts import site_search

    return html.Div(className="app", children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=URL_POPSTATE),  # written by assets/url_history.js on browser back/forward
        dcc.Store(id="bundle-version", data=version),
        dcc.Store(id=PAGE_TITLE),  # the page's <title> after a move inside the app (render_page; set client-side)
        dcc.Store(id=PAGE_SHOWN),  # see _layout
        # keyboard: the first tab stop skips the header (assets/a11y.js moves focus to the page's <main>)
        html.A(t("a11y.skip"), id="skip-link", href="#page", className="skip-link"),
        # what changed after a control is used, announced politely (assets/a11y.js fills it)
        html.Div(id="a11y-live", role="status", className="visually-hidden", **{"aria-live": "polite",
                                                                                 "data-prefix": t("a11y.updated")}),
        html.Header(className="site-header", children=[
            html.A(id="brand", href="/", className="brand", children=t("app.title")),
            html.P(id="tagline", className="tagline", children=t("app.tagline")),
            html.Nav(id="lang-switch", className="lang-switch", **{"aria-label": "Language / Jezik / Langue"},
                     children=_switch("/", "", "en")),
            html.Nav(id="site-nav", className="site-nav", **{"aria-label": t("nav.label")}, children=_nav("en")),
            site_search.box(lang),  # the country search (layouts/site_search.py, callbacks/site_search.py)
        ]),
        html.Div(id="page"),
        html.Footer(className="site-footer", children=[
            html.Span(id="footer-bundle", children=t("footer.bundle", version=version)), " · ",
            html.A(id="footer-api", href="/api/v1/catalog", children=t("nav.api")),
        ]),
    ])


def frame(version: str, pathname: str = "/", search: str = ""):
    """The page frame for a page URL, in its language with its texts and links filled (``shell``): what the static
    first view and Dash's layout both start from."""
    tree = _shell(version, language.from_query(search))
    for (ident, prop), value in zip(_SHELL_PROPS, shell(pathname, search, version)):
        setattr(tree[ident], prop, value)
    return tree


def _layout(app: Dash, version: str):
    """Dash's layout (``/_dash-layout``, asked once per page load) for the page that asks, read from the request's
    Referer (same-origin, so the page's full URL: ``security`` sets Referrer-Policy same-origin): the frame in the
    page's language and the page itself (the router's answer, ``page``), so React draws the whole page over the
    static first view at once and the chart cards' callbacks start with Dash's first requests, not a round trip
    later (``render_page`` and ``render_shell`` then answer nothing for that URL: ``PAGE_SHOWN``). Without a
    Referer: the English frame, which the callbacks fill a moment later."""
    ref = urlsplit(flask.request.referrer or "") if flask.has_request_context() else None
    if ref is None or ref.netloc != flask.request.host or app.first_view_pages is None:
        return frame(version)
    pathname, search = ref.path or "/", "?" + ref.query if ref.query else ""
    tree = frame(version, pathname, search)
    tree["page"].children = page(app.first_view_pages, pathname, search)[0]
    tree[PAGE_SHOWN].data = pathname + search
    return tree


def page(pages, pathname: str | None, search: str | None) -> tuple:
    """The router's answer for a URL: the page's layout (as the plain JSON Dash sends) and its ``<title>``."""
    from layouts import first_view, not_found

    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
    layout, path_args = match_route(pages, pathname)
    lang = language.from_query(query)
    title = first_view.preview(pathname or "/", query, lang)["title"]
    if layout is None:
        return not_found.layout(pathname, lang), title
    return page_wire(layout, {**query, **path_args}, lang), title


def _nav(lang: str) -> list:
    return [html.A(t(f"nav.{key}", lang), href=language.href(href, lang)) for key, href in NAV]


def _switch(pathname: str, search: str, lang: str) -> list:
    """One link per language: the same page and state in that language; the current one marked."""
    return [html.A(code.upper(), href=language.switch_href(pathname, search, code), lang=code, hrefLang=code,
                   title=language.name(code), className="lang-current" if code == lang else "lang-other",
                   **({"aria-current": "true"} if code == lang else {}))
            for code in LANGUAGES]


def shell(pathname: str | None, search: str | None, version: str) -> tuple:
    """The frame in the page language (title, home link, tagline, navigation, its label, the language switch, the
    footer, the skip link, the live region's prefix); the switch keeps the page and its whole state."""
    lang = language.from_query(search)
    return (t("app.title", lang), language.href("/", lang), t("app.tagline", lang), _nav(lang),
            t("nav.label", lang), _switch(pathname, search, lang), t("footer.bundle", lang, version=version),
            t("nav.api", lang), t("a11y.skip", lang), t("a11y.updated", lang))


def _language_redirect():
    """A page asked for without ``lang`` by a browser that prefers bs/fr: the same URL with ``lang`` (see
    dashboard/language.py). Only page GETs; assets, the API, downloads, embeds and Dash's own routes are never
    redirected."""
    req = flask.request
    if req.method != "GET" or "lang" in req.args or not any(p.match(req.path) for p in PAGE_PATTERNS):
        return None
    lang = language.negotiate(req)
    if lang == "en":
        return None
    query = language.set_lang(req.query_string.decode("latin-1"), lang)
    resp = flask.redirect(req.path + query, code=302)
    resp.headers["Vary"] = "Accept-Language"
    return resp


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


def page_layout(layout, args: dict, lang: str) -> tuple:
    """A page's layout for its URL's query and path parameters, in the page language, its chart cards' texts
    already in it (``cards.prefill``: the page does not move when its charts arrive), and whether every card was
    drawn (a page with a failed card is never cached)."""
    from layouts import cards, components

    return cards.prefill(components.localise_dash_texts(layout(**args), lang), args, lang)


class _Incomplete(Exception):
    """A page layout with a failed card: sent, but not kept (the next request tries again)."""

    def __init__(self, wired):
        super().__init__("a chart card of the page failed")
        self.wired = wired


@functools.lru_cache(maxsize=128)
def _page_wire(version: str, layout, args: tuple, lang: str):
    """The router's answer for a page (its layout as the plain JSON Dash sends), kept per worker and bundle: every
    visit to a page asks for it, and building it (the layout, its controls' options, its cards' texts) costs
    15-250 ms of CPU; sending the kept JSON costs well under 1 ms. Bounded: 128 URLs x 10-60 KB."""
    from layouts import cards

    tree, complete = page_layout(layout, dict(args), lang)
    wired = cards.wire(tree)
    if not complete:
        raise _Incomplete(wired)
    return wired


# each page's default view: the pages without a path parameter, and the country profile's default country
DEFAULT_PATHS = ("/", "/country/BIH", "/compare", "/flows", "/displacement", "/trafficking", "/routes",
                 "/missing-migrants", "/data")


def prime(app: Dash, paths=DEFAULT_PATHS, langs=LANGUAGES) -> dict:
    """Build the router's answer for each page's default view in every language before anything is served: its
    layout, and every chart card's values (query results, figures, texts) in the worker's caches. With gunicorn's
    ``--preload`` (Procfile, ``make run``) this runs once in the master and every worker is forked with it;
    otherwise each worker's first visitor to each page waits for it (0.3-1.6 s of CPU on an idle machine, seconds
    under load, during which the worker's other requests wait for the GIL). Nothing is drawn as an image here
    (the snapshot threads start in the workers, after the fork)."""
    started, built, failed = time.monotonic(), 0, []
    with app.server.test_request_context("/"):
        for path in paths:
            layout, path_args = match_route(app.first_view_pages, path)
            for lang in langs:
                args = {**path_args, **({"lang": lang} if lang != "en" else {})}
                try:
                    page_wire(layout, args, lang)
                    built += 1
                except Exception:  # noqa: BLE001 - logged; that page is built on its first visit instead
                    log.exception("priming %s (%s) failed", path, lang)
                    failed.append(f"{path} ({lang})")
    result = {"pages": built, "failed": failed, "seconds": round(time.monotonic() - started, 1)}
    log.info("primed %d page views in %.1f s%s", built, result["seconds"],
             f"; failed: {', '.join(failed)}" if failed else "")
    return result


def page_wire(layout, args: dict, lang: str):
    try:
        return _page_wire(store.bundle().version, layout, tuple(sorted(args.items())), lang)
    except _Incomplete as incomplete:
        return incomplete.wired


def _register_callbacks() -> list:
    import callbacks.site_search  # noqa: F401 - the header's country search (registers its callbacks)
    import callbacks.cards  # noqa: F401 - every chart card's "shown" fingerprint, cleared once drawn

    views.load_all()
    pages = discover_pages()

    @callback(Output("brand", "children"), Output("brand", "href"), Output("tagline", "children"),
              Output("site-nav", "children"), Output("site-nav", "aria-label"), Output("lang-switch", "children"),
              Output("footer-bundle", "children"), Output("footer-api", "children"),
              Output("skip-link", "children"), Output("a11y-live", "data-prefix"),
              Input(ids.URL, "pathname"), Input(ids.URL, "search"), State("bundle-version", "data"),
              State(PAGE_SHOWN, "data"))
    def render_shell(pathname, search, version, shown):
        if shown is not None and shown == (pathname or "/") + (search or ""):
            return (no_update,) * len(_SHELL_PROPS)  # Dash's layout brought this page's frame (``_layout``)
        return shell(pathname, search, version)

    clientside_callback(
        """function(search) {  // <html lang> follows the page language (screen readers, hyphenation)
            var m = /[?&]lang=(bs|fr|xx)(&|$)/.exec(search || "");
            document.documentElement.lang = m ? m[1] : "en";
            return window.dash_clientside.no_update;
        }""",
        Output("lang-switch", "data-lang"), Input(ids.URL, "search"))

    clientside_callback(
        """function(title) {  // the same <title> as the server's first view of that URL (WCAG 2.4.2)
            if (title) { document.title = title; }
            return window.dash_clientside.no_update;
        }""",
        Output("brand", "data-title"), Input(PAGE_TITLE, "data"), prevent_initial_call=True)

    @callback(Output("page", "children"), Output(PAGE_TITLE, "data"), Output(PAGE_SHOWN, "data"),
              Input(ids.URL, "pathname"), Input(URL_POPSTATE, "data"), State(ids.URL, "search"),
              State(PAGE_SHOWN, "data"))
    def render_page(pathname, popped, search, shown):
        # Back/Forward: url_history.js stores the location it moved to; a callback's own URL write does not
        # pass through here (search is State), so pages keep their controls while the user works.
        if ctx.triggered_id == URL_POPSTATE and isinstance(popped, dict):
            pathname, search = popped.get("pathname") or pathname, popped.get("search") or ""
        elif shown is not None and urlsplit(shown).path == (pathname or "/"):
            # the first call after Dash's layout brought this page (``_layout``): the query may differ only by what
            # the page's own scripts wrote since (url_canonical.js: the valid query of the state it shows)
            return no_update, no_update, None
        return *page(pages, pathname, search), None

    return pages
