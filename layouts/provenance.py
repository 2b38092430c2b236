"""Provenance of a source line: publisher, dataset, edition, licence, non-commercial mark and the ingest's
processing steps, all from the bundle manifest (``store.source_meta``), shown on hover AND keyboard focus.

One builder for every source line (chart cards, the country profile's key figures). The pattern follows
WCAG 2.2 SC 1.4.13 (content on hover or focus): the trigger is focusable (tabindex=0) and points at the
panel with ``aria-describedby``; the panel (``role=tooltip``) opens on hover or focus (CSS in
assets/style.css), stays open while the pointer is over the trigger or the panel itself (no gap between
them), and Escape hides it until the pointer or focus leaves and comes back (assets/provenance.js).
No external request is made: the licence and dataset links are plain links.
"""
from __future__ import annotations

import re

from dash import html

from dashboard import store
from dashboard.i18n import t

FIELDS = ("publisher", "title", "edition", "licence")


def tip_id(uid: str) -> str:
    return "prov-" + re.sub(r"[^A-Za-z0-9_-]+", "-", str(uid)).strip("-")


def source_details(source_id: str, lang: str = "en") -> html.Div:
    """One source's provenance block (manifest fields, licence link, non-commercial mark, processing steps)."""
    m = store.source_meta(source_id)
    rows = [html.Div(className="prov-row", children=[
        html.Span(t(f"prov.{f}", lang) + ": ", className="prov-label"),
        html.Span(m.get(f) or "–", className=f"prov-{f}")]) for f in FIELDS[:3]]
    licence = m.get("licence") or "–"
    rows.append(html.Div(className="prov-row", children=[
        html.Span(t("prov.licence", lang) + ": ", className="prov-label"),
        html.A(licence, href=m["licence_url"], className="prov-licence", target="_blank", rel="license noopener")
        if m.get("licence_url") else html.Span(licence, className="prov-licence")]))
    if m.get("non_commercial"):
        rows.append(html.Div(t("source.non_commercial", lang), className="prov-nc"))
    steps = list(m.get("processing") or [])
    if steps:
        rows.append(html.Div(t("prov.processing", lang), className="prov-label prov-steps-label"))
        rows.append(html.Ol([html.Li(s, className="prov-step") for s in steps], className="prov-steps"))
    return html.Div(className="prov-source", children=rows, **{"data-source": source_id})


def provenance(text, source_ids, lang: str = "en", uid: str = "source") -> html.Span | str:
    """``text`` (the source line) as a focusable trigger with the provenance of ``source_ids`` on hover/focus.

    ``uid`` must be unique on the page (it becomes the tooltip's id). Without sources, the plain text.
    """
    sids = [s for s in dict.fromkeys(source_ids or []) if s]
    if not sids:
        return text
    tid = tip_id(uid)
    return html.Span(className="prov", children=[
        html.Span(className="prov-trigger", tabIndex=0, **{"aria-describedby": tid}, children=[
            text, html.Span(className="prov-icon", **{"aria-hidden": "true"})]),  # the "i" is CSS: not copied
        html.Div(id=tid, role="tooltip", className="prov-tip", children=[
            html.Div(t("prov.heading", lang), className="prov-heading"),
            *[source_details(s, lang) for s in sids],
            html.Div(t("prov.dismiss", lang), className="prov-hint", **{"aria-hidden": "true"}),
        ]),
    ])


def from_rendered(rendered: dict):
    """The source line of a ``views.render`` result with its provenance (plain text for an old cached render)."""
    if "source_ids" not in rendered:
        return rendered["source"]
    return provenance(rendered["source"], rendered["source_ids"], rendered.get("lang") or "en",
                      uid=rendered.get("uid") or rendered.get("view") or "source")
