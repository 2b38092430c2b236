"""Server-built HTML: escaped strings that travel in a ``data-html`` attribute and that assets/inner_html.js puts
in place. Used where a Dash component tree would be large (data tables, provenance panels, a chart card's
"Share / Download" menu): the Dash renderer builds, and re-selects on each store update, every component; a string
is one component.

- ``element``: one element from text and attributes;
- ``from_wire``: a tree of Dash html components, as Dash sends it (``layouts.cards.wire``), written out as the
  same elements with the same attributes (what the Dash renderer would make of it, without React); the static
  first view (layouts/first_view.py) uses it for a whole page, with its own writer for the other libraries'
  components;
- ``holder``: the Dash component that shows such a string.
"""
from __future__ import annotations

import re
from html import escape
from typing import Callable

from dash import html

VOID = {"img", "br", "hr", "input", "meta", "link", "source", "track", "wbr", "col", "area"}
# React prop -> HTML attribute, where they differ
ATTRS = {"className": "class", "htmlFor": "for", "hrefLang": "hreflang", "tabIndex": "tabindex",
         "colSpan": "colspan", "rowSpan": "rowspan", "dateTime": "datetime", "accessKey": "accesskey",
         "readOnly": "readonly", "spellCheck": "spellcheck"}
PLAIN_ATTRS = {"id", "href", "title", "role", "lang", "rel", "target", "download", "src", "alt", "width", "height",
               "scope", "name", "type", "value", "open", "hidden", "dir", "headers", "start", "reversed", "rows",
               "cols"}
TAGS = {"MapEl": "map", "ObjectEl": "object"}
HTML_NS = "dash_html_components"


def element(tag: str, content: str = "", **attrs) -> str:
    """``<tag attrs>content</tag>``. Attribute values are escaped here; ``content`` must already be HTML (text
    through ``escape``, or other ``element`` output). ``class_`` -> class, ``aria_hidden`` -> aria-hidden."""
    attrs_html = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f"<{tag}{attrs_html}>{content}</{tag}>"


def from_wire(node, other: Callable[[dict], str | None] | None = None) -> str:
    """``node`` (a component, text or a list of them, as plain JSON) as HTML. Text and attribute values are
    escaped; the only markup taken as it is is a ``data-html`` holder's own (built here or by ``element``).

    ``other(node)``: the HTML of a component this writer should not write itself (it gets every component first;
    ``None`` from it: write it here). Without it, components of other libraries than dash.html are left out."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (str, int, float)):
        return escape(str(node))
    if isinstance(node, list):
        return "".join(from_wire(n, other) for n in node)
    if not isinstance(node, dict) or "type" not in node:
        return ""
    if other is not None:
        written = other(node)
        if written is not None:
            return written
    if node.get("namespace") != HTML_NS:
        return ""
    props = node.get("props") or {}
    tag = TAGS.get(node["type"], node["type"].lower())
    attrs = attributes(props)
    if tag in VOID:
        return f"<{tag}{attrs}>"
    if props.get("data-html") and not props.get("children"):
        inner = str(props["data-html"])  # a holder: server-built, escaped markup
    else:
        inner = from_wire(props.get("children"), other)
    return f"<{tag}{attrs}>{inner}</{tag}>"


def attributes(props: dict) -> str:
    """A component's props as HTML attributes (style as CSS; pattern-matching ids, which are Dash's own, and props
    that are not attributes are left out)."""
    out = []
    for key, value in props.items():
        if key == "children" or value is None or value is False:
            continue
        if key == "style" and isinstance(value, dict):
            css = ";".join(f"{re.sub(r'[A-Z]', lambda m: '-' + m.group(0).lower(), k)}:{v}" for k, v in value.items())
            out.append(f' style="{escape(css)}"')
            continue
        if key == "id" and not isinstance(value, str):
            continue
        name = ATTRS.get(key) or (key if key in PLAIN_ATTRS or key.startswith(("aria-", "data-")) else None)
        if name is None or name == "data-html":
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def holder(markup: str, class_name: str, component=html.Div, **attrs):
    """The Dash component that shows ``markup`` (no React children: React never touches what is put inside);
    ``attrs``: more props of the component (tabIndex, role, aria-*)."""
    return component(className=class_name, **{"data-html": markup}, **attrs)
