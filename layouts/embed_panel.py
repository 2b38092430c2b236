"""The "Embed" disclosure in every chart's actions: iframe snippets (responsive, and fixed size) with Copy buttons,
static image links
(PNG 16:9, PNG 4:3, SVG), the embed page and the text citation.

A native <details>/<summary> (keyboard and screen-reader friendly, no callback). The Copy buttons are wired
by assets/embed_panel.js (clipboard API, falling back to selecting the text); nothing is fetched from
elsewhere. The server side: dashboard/share/ (``/embed/<view>``, ``/image/...``, citations).
"""
from __future__ import annotations

from dash import html
from flask import has_request_context

from dashboard import views
from dashboard.i18n import t
from dashboard.share import urls
from dashboard.share.citation import citation_text, view_citation
from dashboard.share.images import image_available


def _copy_box(label: str, text: str, rows: int, role: str, lang: str, text_lang: str | None = None) -> html.Div:
    return html.Div(className="embed-copy", **{"data-role": role}, children=[
        html.Label([html.Span(label, className="embed-copy-label"),
                    html.Textarea(text, readOnly=True, rows=rows, spellCheck="false", className="embed-copy-text",
                                  lang=text_lang)]),
        html.Button(t("embed.copy", lang), type="button", className="embed-copy-button",
                    **{"data-copied": t("embed.copied", lang), "data-failed": t("embed.copy_failed", lang),
                       "data-label": t("embed.copy", lang)}),
        html.Span(className="embed-copy-status", role="status", **{"aria-live": "polite"}),
    ])


def _citation(view_id: str, state: dict, lang: str) -> str:
    permalink = (urls.permalink_for(view_id, state) if has_request_context()
                 else urls.dashboard_path(view_id, state, True))
    return citation_text(view_citation(view_id, state, permalink, lang=lang))


def embed_panel(view_id: str, state: dict, lang: str = "en") -> html.Details:
    absolute = has_request_context()  # outside a request (unit tests, scripts) the URLs are relative
    title = views.render(view_id, state, lang)["title"]
    body = [
        html.P(t("embed.panel_intro", lang), className="embed-intro"),
        _copy_box(t("embed.snippet_label", lang), urls.iframe_snippet(view_id, state, title, absolute=absolute, lang=lang), 4,
                  "snippet", lang, text_lang="zxx"),  # zxx: code, no linguistic content
        _copy_box(t("embed.snippet_fixed_label", lang, width=urls.FIXED_SIZE[0], height=urls.FIXED_SIZE[1]),
                  urls.iframe_snippet(view_id, state, title, absolute=absolute, lang=lang, size=urls.FIXED_SIZE), 3,
                  "snippet-fixed", lang, text_lang="zxx"),
    ]
    if image_available():
        body.append(html.P(className="embed-images", children=[
            t("embed.images", lang), " ",
            html.A(t("embed.png169", lang), href=urls.image_url(view_id, state, "png", "16x9", lang), target="_blank",
                   **{"data-action": "image-png-16x9"}), " · ",
            html.A(t("embed.png43", lang), href=urls.image_url(view_id, state, "png", "4x3", lang), target="_blank",
                   **{"data-action": "image-png-4x3"}), " · ",
            html.A(t("embed.svg", lang), href=urls.image_url(view_id, state, "svg", lang=lang), target="_blank",
                   **{"data-action": "image-svg"}),
        ]))
    body.append(html.P(html.A(t("embed.open_embed", lang), href=urls.embed_url(view_id, state, absolute=False, lang=lang),
                              target="_blank", **{"data-action": "embed-open"})))
    body.append(_copy_box(t("embed.citation_label", lang), _citation(view_id, state, lang), 6, "citation", lang))
    return html.Details(className="embed-panel", **{"data-view": view_id}, children=[
        html.Summary(t("actions.embed", lang), className="action", **{"data-action": "embed"}),
        html.Div(className="embed-panel-body", children=body),
    ])
