"""The status notice at the top of a page: what in the URL was invalid and fell back to a default.

When there are notices the element also carries ``data-canonical``, the valid query the page is
showing; assets/url_canonical.js swaps it into the address bar (history.replaceState, no reload, no
new history entry), so a shared or bookmarked link never keeps the invalid values.
"""
from __future__ import annotations

from dash import html

from dashboard import ids


def notice_box(notices: list[str], canonical: str | None = None, element_id: str = ids.NOTICE) -> html.Div:
    """role=status box listing ``notices`` (hidden when empty); ``canonical`` is the valid query ('' or '?...')."""
    extra = {"data-canonical": canonical or ""} if notices and canonical is not None else {}
    return html.Div(id=element_id, role="status", className="notice" if notices else "notice notice-empty",
                    children=[html.P(n) for n in notices], **extra)
