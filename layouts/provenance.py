"""Provenance of a source line: publisher, dataset, edition, licence, non-commercial mark and the ingest's
processing steps, all from the bundle manifest (``store.source_meta``), shown on hover AND keyboard focus.

One builder for every source line (chart cards, the country profile's key figures). The pattern follows
WCAG 2.2 SC 1.4.13 (content on hover or focus): the trigger is focusable (tabindex=0) and points at the
panel with ``aria-describedby``; the panel (``role=tooltip``) opens on hover or focus (CSS in
assets/style.css), stays open while the pointer is over the trigger or the panel itself (no gap between
them), and Escape hides it until the pointer or focus leaves and comes back (assets/provenance.js).
No external request is made: the licence and dataset links are plain links.

Each source line is ONE Dash component whose content travels as an escaped HTML string (layouts/markup.py):
built from Dash components, the country profile's ~40 panels were ~1,200 components and its first render took
~7 s in headless Chromium here (Dash re-selects every component's props on every store update); as strings,
~3.5 s.
"""
from __future__ import annotations

import re
from html import escape

from dash import html

from dashboard import data_i18n, store
from dashboard.i18n import t
from layouts.markup import element, holder

FIELDS = ("publisher", "title", "edition", "licence")


def tip_id(uid: str) -> str:
    return "prov-" + re.sub(r"[^A-Za-z0-9_-]+", "-", str(uid)).strip("-")


def _unique(source_ids) -> list[str]:
    return [s for s in dict.fromkeys(source_ids or []) if s]


def source_details(source_id: str, lang: str = "en") -> str:
    """One source's provenance block (manifest fields, licence link, non-commercial mark, processing steps),
    as escaped HTML."""
    m = store.source_meta(source_id)

    def row(field: str, value: str) -> str:
        label = element("span", escape(t(f"prov.{field}", lang) + ": "), class_="prov-label")
        return element("div", label + value, class_="prov-row")

    # the publisher's own names (publisher, dataset, edition, licence) are shown as published: translate="no"
    rows = [row(f, element("span", escape(m.get(f) or "–"), class_=f"prov-{f}", translate="no")) for f in FIELDS[:3]]
    licence = escape(m.get("licence") or "–")
    rows.append(row("licence", element("a", licence, href=m["licence_url"], class_="prov-licence",
                                       target="_blank", rel="license noopener", translate="no")
                    if m.get("licence_url") else element("span", licence, class_="prov-licence", translate="no")))
    if m.get("non_commercial"):
        rows.append(element("div", escape(t("source.non_commercial", lang)), class_="prov-nc"))
    steps = list(m.get("processing") or [])
    if steps:
        rows.append(element("div", escape(t("prov.processing", lang)), class_="prov-label prov-steps-label"))
        rows.append(element("ol", "".join(_step(str(st), lang) for st in steps), class_="prov-steps"))
    return element("div", "".join(rows), class_="prov-source", data_source=source_id)


def _step(text: str, lang: str) -> str:
    """One processing step in ``lang`` (the data domain, translations/<lang>/LC_MESSAGES/data.po); a step that has
    no translation yet is shown in English and marked so (lang="en": read with English pronunciation)."""
    local, marked = data_i18n.shown(text, lang)
    if marked:
        return element("li", escape(local), class_="prov-step", lang=marked)
    return element("li", escape(local), class_="prov-step")


def provenance_markup(text: str, source_ids, lang: str = "en", uid: str = "source", verbatim: bool = False) -> str:
    """The inside of a ``provenance`` box: the focusable trigger and its tooltip panel, as escaped HTML.
    ``verbatim``: the text is the publisher's own name and licence, shown as published (translate="no")."""
    tid = tip_id(uid)
    icon = element("span", class_="prov-icon", aria_hidden="true")  # the "i" is CSS: not copied with the text
    extra = {"translate": "no"} if verbatim else {}
    trigger = element("span", escape(str(text)) + icon, class_="prov-trigger", tabindex="0", aria_describedby=tid,
                      **extra)
    tip = element("div", element("div", escape(t("prov.heading", lang)), class_="prov-heading")
                  + "".join(source_details(s, lang) for s in _unique(source_ids))
                  + element("div", escape(t("prov.dismiss", lang)), class_="prov-hint", aria_hidden="true"),
                  id=tid, role="tooltip", class_="prov-tip")
    return trigger + tip


def provenance(text, source_ids, lang: str = "en", uid: str = "source", verbatim: bool = False) -> html.Span | str:
    """``text`` (the source line) as a focusable trigger with the provenance of ``source_ids`` on hover/focus.

    ``uid`` must be unique on the page (it becomes the tooltip's id). Without sources, the plain text.
    """
    if not _unique(source_ids):
        return text
    return holder(provenance_markup(text, source_ids, lang, uid, verbatim), "prov", html.Span)


def from_rendered(rendered: dict):
    """The source line of a ``views.render`` result with its provenance (plain text for an old cached render)."""
    if "source_ids" not in rendered:
        return rendered["source"]
    return provenance(rendered["source"], rendered["source_ids"], rendered.get("lang") or "en",
                      uid=rendered.get("uid") or rendered.get("view") or "source")
