"""The first view of a page, in the HTML the server sends: readable before any script runs, and what a link
preview shows.

- ``static_html``: a Dash component tree (the page frame and the page's own layout, in the page language) written
  out as plain HTML with the same elements and classes, so it reads and looks like the page: headings, texts,
  controls showing their current value, each chart card with its title, subtitle, a box of the chart's height
  holding its snapshot (dashboard/share/snapshots.py) or, until one is drawn, its one-sentence summary over the
  skeleton of the chart's shape (the one Dash shows while the chart loads: components.skeleton), and its
  source line, from the card pipeline (``cards.card``: the very values
  the page's callbacks send a moment later, and now already in the worker's cache). Dash's renderer replaces it
  when it draws the page (React renders into the same ``#react-entry-point``). Without JavaScript it stays.
- ``preview``: the page's ``<title>``, description and Open Graph / Twitter card tags, from the page's lead chart
  (its title and summary in the page language; its slide image at the 1200x630 ``og`` preset).

Everything a reader or a URL supplies is escaped (markupsafe); the only markup taken as it is comes from the
server's own ``data-html`` holders (tables, provenance panels), which layouts/markup.py builds escaped.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from markupsafe import escape

from dashboard import store, views
from dashboard.i18n import t
from dashboard.share import snapshots, urls
from layouts import cards, markup

log = logging.getLogger(__name__)

# page (urls.PAGES name) -> the chart a link to it is previewed with
LEAD = {"explorer": "map", "flows": "flows-map", "displacement": "disp-types", "trafficking": "traf-series",
        "routes": "routes-monthly", "missing": "missing-map", "compare": "compare-series", "country": "profile",
        "corridor": "corridor-series"}
HEADINGS = {"data": "data.title"}
PAGE_PATTERNS = tuple((name, re.compile("^" + urls.page_route(name).rstrip("/") + "/?$")) for name in urls.PAGES)
DESCRIPTION_CHARS = 300

SILENT = {"Store", "Location", "Interval", "Clipboard", "Download", "ConfirmDialog", "ConfirmDialogProvider",
          "Tooltip", "Upload", "Geolocation"}


def page_name(path: str) -> tuple[str | None, dict]:
    """The route table's page for a path, with its path parameter ('/country/BIH' -> ('country', {'iso3': ...}))."""
    for name, pattern in PAGE_PATTERNS:
        m = pattern.match(path or "/")
        if m:
            return name, m.groupdict()
    return None, {}


# ------------------------------------------------------------------ the static page

def static_html(tree, query: dict, lang: str) -> tuple[str, bool]:
    """The component tree as HTML; chart cards filled from the card pipeline for ``query`` (the page's URL query
    and path parameters). Also whether it is final: False while a chart waits for its snapshot."""
    waiting: list = []
    ctx = {"query": query, "lang": lang, "card": None, "waiting": waiting, "images": []}
    return _html(cards.wire(tree), ctx), not waiting


def _html(node, ctx: dict) -> str:
    return markup.from_wire(node, lambda n: _other(n, ctx))


def _other(node: dict, ctx: dict) -> str | None:
    """What the page's HTML has for a component that is not a plain html element: the controls, graphs and chart
    cards (None: a plain element, written by markup.from_wire)."""
    ns, props = node.get("namespace"), node.get("props") or {}
    if ns == "dash_core_components":
        return _dcc(node["type"], props, ctx)
    if ns != markup.HTML_NS:
        return ""  # another library's component: drawn by Dash only
    if node["type"] == "Section" and _card_key(props.get("children")):  # a chart card (components.chart_card)
        return _card(props, ctx)
    return None


def _dcc(kind: str, props: dict, ctx: dict) -> str:
    if kind in SILENT:
        return ""
    if kind == "Loading":  # its skeleton (components.skeleton) goes into the chart's box while there is no snapshot
        spinner = props.get("custom_spinner")
        return _html(props.get("children"), {**ctx, "skeleton": spinner if isinstance(spinner, dict) else None})
    if kind == "Graph":
        return _graph(props, ctx)
    if kind in ("RadioItems", "Checklist"):
        return _choices(kind, props, ctx)
    if kind == "Dropdown":
        chosen = props.get("value")
        chosen = chosen if isinstance(chosen, list) else [chosen]
        labels = [o.get("label") if isinstance(o, dict) else o for o in _options(props.get("options"))
                  if (o.get("value") if isinstance(o, dict) else o) in chosen]
        text = ", ".join(str(x) for x in labels if isinstance(x, (str, int, float)))
        if not text and kind == "Dropdown":
            text = props.get("placeholder") or ""
        return f'<div class="static-control static-{kind.lower()}">{escape(text)}</div>'
    if kind == "Input":
        return (f'<input class="{escape(props.get("className") or "")}" type="{escape(props.get("type") or "text")}"'
                f' value="{escape(props.get("value") if props.get("value") is not None else "")}" disabled>')
    if kind in ("Slider", "RangeSlider"):
        return '<div class="static-control static-slider"></div>'
    if kind == "Markdown":
        return f"<div>{escape(props.get('children') or '')}</div>"
    return ""


def _choices(kind: str, props: dict, ctx: dict) -> str:
    """Radio items or a checklist in the markup Dash renders for them (the same elements and classes, so the same
    box: the page does not move when React swaps them; Dash's own rules for them, which its scripts bring, are
    repeated for the static copy in assets/first_view.css), every choice shown and the current one(s) checked;
    disabled, since nothing answers them before the scripts run."""
    name = kind.lower()
    chosen = props.get("value")
    chosen = chosen if isinstance(chosen, list) else [chosen]
    option_cls = " ".join(filter(None, ["dash-options-list-option", props.get("labelClassName"),
                                        f"dash-{name}-inline" if props.get("inline") else None]))
    input_cls = " ".join(filter(None, ["dash-options-list-option-checkbox", props.get("inputClassName")]))
    kind_attr = "radio" if kind == "RadioItems" else "checkbox"
    items = []
    for o in _options(props.get("options")):
        value, label = (o.get("value"), o.get("label")) if isinstance(o, dict) else (o, o)
        on = value in chosen
        text = escape(label) if isinstance(label, (str, int, float)) else (_html(label, ctx) or escape(value))
        items.append(f'<label class="{escape(option_cls)}{" selected" if on else ""}">'
                     f'<span class="dash-options-list-option-wrapper"><input type="{kind_attr}" '
                     f'class="{escape(input_cls)}" disabled{" checked" if on else ""}></span>'
                     f'<span class="dash-options-list-option-text"><span>{text}</span></span></label>')
    cls = " ".join(filter(None, [f"static-control static-{name} dash-options-list dash-{name}", props.get("className")]))
    ident = props.get("id")
    attrs = f' id="{escape(ident)}"' if isinstance(ident, str) else ""
    role = ' role="radiogroup"' if kind == "RadioItems" else ""
    return f'<div{attrs} class="{escape(cls)}"{role}>{"".join(items)}</div>'


def _graph(props: dict, ctx: dict) -> str:
    """A chart's box at the chart's height: its snapshot when one is cached, else its summary (and a snapshot is
    queued for the next visit)."""
    height = str((props.get("style") or {}).get("height") or "420px")
    summary = escape((ctx.get("card") or {}).get("summary") or "")
    px = int(height[:-2]) if height.endswith("px") and height[:-2].isdigit() else None
    view = ctx.get("view")
    if view and px in snapshots.HEIGHTS:
        view_id, state = view
        if snapshots.cached(view_id, state, ctx["lang"], px):
            src = escape(snapshots.url(view_id, state, ctx["lang"], px))
            # the first chart's image is asked for with the page; the others once the browser has laid the page
            # out (those near the screen at once, the rest when scrolled to), after the page's scripts
            ctx["images"].append(view_id)  # (a list: each card's context is a copy, the list is shared)
            lazy = ' loading="lazy"' if len(ctx["images"]) > 1 else ""
            return (f'<div class="chart-static-graph chart-static-image" style="height:{escape(height)}">'
                    f'<img class="chart-snapshot" src="{src}" alt="{summary}" width="{snapshots.WIDTH}" '
                    f'height="{px}" decoding="async"{lazy}></div>')
        if snapshots.ask(view_id, state, ctx["lang"], px):
            ctx["waiting"].append(view_id)
    skeleton = _html(ctx.get("skeleton"), ctx)
    return (f'<div class="chart-static-graph" style="height:{escape(height)}">{skeleton}'
            f'<p class="chart-static-summary">{summary}</p></div>')


def _options(options) -> list:
    if isinstance(options, dict):
        return [{"value": k, "label": v} for k, v in options.items()]
    return list(options or [])


def _card(props: dict, ctx: dict) -> str:
    """A chart card: its title, subtitle, a box of the chart's size with the summary, its source and its actions."""
    found = cards.card_view(_card_key(props.get("children")), ctx["query"])
    values = None
    if found:
        values = dict(zip(cards.PARTS, cards.card(found[0], found[1], ctx["lang"])))
    sub = {**ctx, "card": values, "view": found}
    out = []
    for child in props.get("children") or []:
        part = _part(child)
        if values and part in ("title", "subtitle"):
            child = {**child, "props": {**child["props"], "children": values[part]}}
        elif values and part in ("source", "actions"):  # the actions: the same menu as the live card's (its
            # download links work without JavaScript), so the cards under this one do not move when React swaps it
            child = {**child, "props": {**child["props"], "children": cards.wire(values[part])}}
        elif part in ("summary", "table"):
            continue  # the summary is in the chart's box; the table comes with the page's callbacks
        out.append(_html(child, sub))
    attrs = markup.attributes({k: v for k, v in props.items() if k != "children"})
    return f'<section{attrs} data-static="1">{"".join(out)}</section>'


def _part(node) -> str | None:
    ident = (node or {}).get("props", {}).get("id") if isinstance(node, dict) else None
    if isinstance(ident, dict) and str(ident.get("type", "")).startswith("chart-"):
        return ident["type"].removeprefix("chart-")
    return None


def _card_key(children) -> str | None:
    for child in children or []:
        ident = child.get("props", {}).get("id") if isinstance(child, dict) else None
        if isinstance(ident, dict) and ident.get("type") == "chart-title":
            return ident.get("key")
    return None


# ------------------------------------------------------------------ link previews

def preview(path: str, query: dict, lang: str) -> dict:
    """{title, description, image, url} of a page URL, in the page language."""
    name, args = page_name(path)
    site = t("app.title", lang)
    out = {"site": site, "title": site, "description": t("app.tagline", lang), "image": None,
           "url": urls.public_base() + path + _query_string(query)}
    if name is None:
        return out
    heading = None
    if name in HEADINGS:
        heading = t(HEADINGS[name], lang)
    if name == "country":
        code = (args.get("iso3") or "").upper()
        heading = store.country_names(lang).get(code)
        if heading is None:
            return out  # not a country: the not-found page keeps the site's title
    lead = LEAD.get(name)
    if lead:
        state, _ = views.parse(lead, {**query, **args})
        values = dict(zip(cards.PARTS, cards.card(lead, state, lang)))
        heading = heading or values["title"]
        if values["summary"]:
            out["description"] = _clip(values["summary"])
        out["image"] = urls.public_base() + urls.image_url(lead, state, "png", "og", lang)
    if heading:
        out["title"] = f"{heading} · {site}"
    return out


def head_html(p: dict, lang: str) -> str:
    """The ``<meta>`` tags of a preview (the ``<title>`` is Dash's, set from ``p['title']``)."""
    tags = [("name", "description", p["description"]), ("property", "og:type", "website"),
            ("property", "og:site_name", p["site"]), ("property", "og:title", p["title"]),
            ("property", "og:description", p["description"]), ("property", "og:url", p["url"]),
            ("property", "og:locale", {"en": "en_GB", "bs": "bs_BA", "fr": "fr_FR"}.get(lang, lang)),
            ("name", "twitter:card", "summary_large_image" if p["image"] else "summary"),
            ("name", "twitter:title", p["title"]), ("name", "twitter:description", p["description"])]
    if p["image"]:
        tags += [("property", "og:image", p["image"]), ("property", "og:image:width", "1200"),
                 ("property", "og:image:height", "630"), ("property", "og:image:alt", p["title"]),
                 ("name", "twitter:image", p["image"])]
    return "\n".join(f'<meta {a}="{escape(k)}" content="{escape(v)}">' for a, k, v in tags)


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _query_string(query: dict) -> str:
    return ("?" + urlencode(query, safe=",")) if query else ""

