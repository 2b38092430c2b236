"""Server-built HTML: escaped strings that travel in a ``data-html`` attribute and that assets/inner_html.js puts
in place. Used where a Dash component tree would be large (data tables, provenance panels): the Dash renderer
re-selects every component on each store update, a string is one component."""
from __future__ import annotations

from html import escape

from dash import html


def element(tag: str, content: str = "", **attrs) -> str:
    """``<tag attrs>content</tag>``. Attribute values are escaped here; ``content`` must already be HTML (text
    through ``escape``, or other ``element`` output). ``class_`` -> class, ``aria_hidden`` -> aria-hidden."""
    attrs_html = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f"<{tag}{attrs_html}>{content}</{tag}>"


def holder(markup: str, class_name: str, component=html.Div, **attrs):
    """The Dash component that shows ``markup`` (no React children: React never touches what is put inside);
    ``attrs``: more props of the component (tabIndex, role, aria-*)."""
    return component(className=class_name, **{"data-html": markup}, **attrs)
