"""The "Full indicator/measure/table" link next to a chart's filtered CSV download.

It downloads the complete data behind the chart (all countries, all years) from
``/download/full/<view>.csv?<query>`` (dashboard/share/routes.py), with its row count shown before download.
"""
from __future__ import annotations

from dash import html

from dashboard import numbers, views
from dashboard.i18n import t, tn
from dashboard.share import frames, urls


def full_link(view_id: str, state: dict, lang: str = "en") -> html.A | None:
    """The link, or None for a view without a full download."""
    if not views.get(view_id).full:
        return None
    spec = frames.full_spec(view_id, state)
    n = frames.full_count(spec)
    return html.A(tn(f"actions.full_{spec.kind}", n, lang, rows=numbers.whole(n, lang), id=spec.id),
                  href=urls.full_download_url(view_id, state), className="action", download="",
                  title=t("actions.full_title", lang),
                  **{"data-action": "full-csv", "data-rows": str(n), "data-full": f"{spec.kind}:{spec.id}"})
