"""Every URL the app writes, from one route table.

``PAGES`` is the route table: page name -> path, with at most one path parameter in braces
('/country/{iso3}'). The Dash router (``factory.discover_pages`` via each layout's ``ROUTE = page_route(...)``),
permalinks, embeds, images, downloads and citations all derive their paths from it, so a page moves in one place.
Absolute links start with the configured PUBLIC_URL (``public_base``).
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import current_app, has_app_context

from .. import store, views
from ..settings import DEFAULT_PUBLIC_URL
from ..state import serialize

PAGES = {
    "explorer": "/",
    "flows": "/flows",
    "displacement": "/displacement",
    "trafficking": "/trafficking",
    "routes": "/routes",
    "missing": "/missing-migrants",
    "data": "/data",
    "compare": "/compare",
    "country": "/country/{iso3}",
    "corridor": "/corridor/{pair}",
    "deck": "/deck",
}
_PARAM = re.compile(r"\{(\w+)\}")


def page_route(name: str) -> str:
    """The Dash router's pattern of a page: '/flows', '/country/(?P<iso3>[^/]+)'."""
    return _PARAM.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", PAGES[name])


def _path_params() -> dict[str, str]:
    """'/country' -> 'iso3' for every page whose path carries a parameter."""
    out = {}
    for path in PAGES.values():
        m = _PARAM.search(path)
        if m:
            out[path[:m.start()].rstrip("/")] = m.group(1)
    return out


PATH_PARAMS = _path_params()


def public_base() -> str:
    """'https://migration.example.org' (no trailing slash): the app's PUBLIC_URL, the default outside an app."""
    if has_app_context():
        return current_app.config.get("PUBLIC_URL") or DEFAULT_PUBLIC_URL
    return DEFAULT_PUBLIC_URL


def full_query(view_id: str, state: dict) -> str:
    """The view's query with every parameter written out (defaults too), so it does not drift."""
    return serialize(views.get(view_id).params, state, full=True)


def dashboard_path(view_id: str, state: dict, full: bool = False) -> str:
    """Path and query of the dashboard page that shows this view in this state: '/?v=1&indicator=...',
    '/country/BIH' (the country is in the path, not the query), '/corridor/BIH-DEU?v=1&measure=...'.
    ``full=True`` writes every parameter (a permalink that does not drift)."""
    view = views.get(view_id)
    page, params = view.page or "/", view.params
    name = PATH_PARAMS.get(page.rstrip("/"))
    if name and state.get(name):
        page = f"{page.rstrip('/')}/{state[name]}"
        params = tuple(p for p in params if p.name != name)
    return page + serialize(params, state, full=full)


def permalink_for(view_id: str, state: dict) -> str:
    """Absolute dashboard URL of the view: its page + the full query (pinned, e.g. the year is explicit)."""
    return public_base() + dashboard_path(view_id, state, full=True)


def with_query(path: str, query: str, **extra) -> str:
    """``path`` + ``query`` ('?a=1' or '') + more parameters (None values left out)."""
    more = urlencode({k: v for k, v in extra.items() if v is not None})
    if not more:
        return path + query
    return path + query + ("&" if query else "?") + more


def download_url(view_id: str, state: dict, fmt: str) -> str:
    return f"/download/{view_id}.{fmt}{views.query(view_id, state)}"


def full_download_url(view_id: str, state: dict) -> str:
    return f"/download/full/{view_id}.csv{views.query(view_id, state)}"


def image_url(view_id: str, state: dict, fmt: str = "png", preset: str | None = None, lang: str = "en") -> str:
    return with_query(f"/image/{view_id}.{fmt}", views.query(view_id, state), preset=preset,
                      lang=None if lang == "en" else lang)


def cite_url(view_id: str, state: dict, lang: str = "en") -> str:
    return with_query(f"/cite/{view_id}", views.query(view_id, state), lang=None if lang == "en" else lang)


def embed_url(view_id: str, state: dict, absolute: bool = True, lang: str = "en") -> str:
    """The embed pinned to this data bundle (it says so if the data change)."""
    q = full_query(view_id, state)
    url = with_query(f"/embed/{view_id}", q, bundle=store.bundle().version, lang=None if lang == "en" else lang)
    return (public_base() if absolute else "") + url


FIXED_SIZE = (960, 540)  # the fixed-size snippet's iframe, CSS px (16:9)


def iframe_snippet(view_id: str, state: dict, title: str, absolute: bool = True, lang: str = "en",
                   size: tuple[int, int] | None = None) -> str:
    """The HTML to paste, holding the pinned embed: responsive (full width, 16:9 aspect kept) by default, or at a
    fixed ``size`` (width, height in px) for pages and tools that want one."""
    src = embed_url(view_id, state, absolute=absolute, lang=lang)
    title = title.replace('"', "&quot;")
    if size:
        w, h = size
        return (f'<iframe src="{src}" title="{title}" width="{w}" height="{h}" loading="lazy" '
                f'style="width:{w}px;height:{h}px;max-width:100%;border:0;"></iframe>')
    return (f'<div style="position:relative;width:100%;aspect-ratio:16/9;">'
            f'<iframe src="{src}" title="{title}" loading="lazy" '
            f'style="position:absolute;inset:0;width:100%;height:100%;border:0;"></iframe></div>')
