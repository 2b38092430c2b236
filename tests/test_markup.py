"""layouts/markup.py: server-built HTML strings and the component that carries them."""
from __future__ import annotations

from dash import html

from layouts.markup import element, holder


def test_element_names_and_escapes_attributes_but_not_content():
    out = element("a", "A &amp; B", href='x"><script>', class_="prov-licence", aria_hidden="true", data_source="s")
    assert out == ('<a href="x&quot;&gt;&lt;script&gt;" class="prov-licence" aria-hidden="true" data-source="s">'
                   "A &amp; B</a>")
    assert element("td") == "<td></td>"


def test_holder_carries_the_markup_and_has_no_children():
    h = holder("<table></table>", "table-wrap", html.Span)
    assert isinstance(h, html.Span) and getattr(h, "data-html") == "<table></table>"
    assert h.className == "table-wrap" and getattr(h, "children", None) is None
