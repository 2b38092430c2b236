"""The one card pipeline: any registered chart view, in any state and language -> the values of its card.

Every page's callbacks fill their chart cards (``components.chart_card``) with ``card(view_id, state, lang)`` and
declare the matching outputs with ``outputs(key)``; embeds and slide images draw from the same ``views.render``.
A card's values, in the order of ``PARTS``:

- figure, title, subtitle, summary: ``views.render`` (the view's pure figure builder and texts);
- source: the source line with its provenance panel (layouts/provenance.py);
- table: the view's declared ``views.Table`` (same rows as the chart and its downloads) as one HTML string;
- actions (one HTML string: ``actions_holder``): CSV (row count), full download, XLSX, zip, the embed panel
  (snippet, images, citation), Cite and Add to deck, in a "Share / Download" menu (``menu``); before them, a chart
  without rows says so (and why, where a source counts the country within another: ``empty_note``) instead of
  offering 'Download CSV (0 rows)', and a group filter whose members lack data says which (``coverage_note``); a
  time series folds a 'Change over the period' table (``change_table``).

The values are built once per (bundle version, view, state, language) and kept as the plain JSON Dash sends, in
the shared cache (flask-caching) with a per-process copy in front (a warm update then costs no unpickling; the
bundle version in the key retires it with the data). A card that cannot be built is logged with its chart id and
state and shows a short message in place of the chart; it is never cached, and the rest of the page still draws.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging

import pandas as pd

from dash import ALL, Output, State, html, no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard import charts, language, numbers, store, transfer, views
from dashboard.cache import memoize
from dashboard.i18n import t, tn
from dashboard.share import deck, urls
from layouts import components, markup
from layouts.embed_panel import embed_panel
from layouts.full_download import full_link
from layouts.provenance import from_rendered

log = logging.getLogger(__name__)
PARTS = ("figure", "title", "subtitle", "summary", "source", "table", "actions")
# chart card key -> view id where they differ (the page's callbacks say the same)
CARD_VIEWS = {
    "explorer-map": "map", "explorer-ranking": "ranking", "explorer-series": "series",
    "country-series": "profile", "country-destinations": "profile-destinations",
    "country-origins": "profile-origins", "country-displacement": "profile-displacement",
    "flows-sankey": "sankey", "flows-bars": "corridors-top", "flows-matrix": "region-matrix",
}
# the parts a page's layout already carries (``prefill``): the texts around the chart, whose arrival would otherwise
# push everything under them down (layout shift); the figure and the table come with the card's callback
PREFILLED = ("title", "subtitle", "summary", "source", "actions")


# every chart card's "shown" store on a page, as one State of a page's card callback (``card(..., shown=)``)
SHOWN = State(components.cid("shown", ALL), "data")


def outputs(key: str) -> list[Output]:
    """The Dash outputs of the card ``key`` (as laid out by ``components.chart_card(key)``), in ``PARTS`` order."""
    return components.chart_outputs(key) + [Output(components.cid("actions", key), "children")]


def wire(component) -> dict | list:
    """A component tree (or list of values) as the plain JSON Dash sends: cheap to cache and to resend."""
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def view_state(view_id: str, page_state: dict) -> dict:
    """The view's own parameters out of a page state (every parameter of the view must be there)."""
    return {p.name: page_state[p.name] for p in views.get(view_id).params}


def card_view(key: str, query: dict) -> tuple[str, dict] | None:
    """The registered view and state of the chart card ``key`` on a page with ``query`` (and path parameters)."""
    extra = {}
    if key.startswith("corridor-") and key != "corridor-series":
        view_id, extra = "corridor-series", {"measure": key.removeprefix("corridor-")}
    else:
        view_id = CARD_VIEWS.get(key, key)
    if view_id not in views.load_all():
        return None
    state, _ = views.parse(view_id, {**query, **extra})
    return view_id, state


def prefill(layout, query: dict, lang: str) -> tuple:
    """A page's layout with each chart card's texts (``PREFILLED``) already in it, from the same card pipeline the
    page's callbacks answer from a moment later: the card has its final size from its first frame, so nothing
    moves when the chart arrives (the graph's box is reserved by ``components.chart_card``). Cards whose view
    cannot be told from the URL are left to their callbacks. Returns the layout and whether every card was drawn
    (False when one failed and shows its message: such a page is not kept in a cache)."""
    complete = True
    for section in _sections(layout):
        parts = {_part_of(child): child for child in section.children or [] if _part_of(child)}
        key = parts["title"].id["key"]
        found = card_view(key, query)
        if found is None:
            continue
        drawn, ok = card_drawn(*found, lang)
        complete = complete and ok
        values = dict(zip(PARTS, drawn))
        for part in PREFILLED:
            if part in parts:
                parts[part].children = values[part]
        if ok and "shown" in parts:
            parts["shown"].data = fingerprint(drawn)
    return layout, complete


def fingerprint(values) -> str:
    """What identifies a card's texts (its ``PREFILLED`` values): the page's layout carries it with the texts, so
    the card's first answer can tell that the page already shows them."""
    texts = [v for part, v in zip(PARTS, values) if part in PREFILLED]
    return hashlib.sha256(json.dumps(texts, sort_keys=True, separators=(",", ":"), cls=PlotlyJSONEncoder).encode()
                          ).hexdigest()[:32]


def _sections(layout):
    if layout is None:
        return
    nodes = [layout] if not isinstance(layout, (list, tuple)) else list(layout)
    for node in nodes:
        if not hasattr(node, "_traverse"):
            continue
        for found in [node, *node._traverse()]:
            children = found.children if isinstance(found, html.Section) else None
            if isinstance(children, list) and any(_part_of(c) == "title" for c in children):
                yield found


def _part_of(node) -> str | None:
    ident = getattr(node, "id", None)
    if isinstance(ident, dict) and str(ident.get("type", "")).startswith("chart-"):
        return ident["type"].removeprefix("chart-")
    return None


def card(view_id: str, state: dict, lang: str = "en", shown: list | None = None) -> tuple:
    """The values of the card of ``view_id`` in ``state`` (a page state is fine: only the view's params count).

    ``shown``: the page's "shown" fingerprints (the callback's ``SHOWN`` state). When the page already shows these
    very texts (the layout brought them, ``prefill``, and the chart has not been drawn since), they are answered
    with ``no_update``: React does not build them again (on the displacement page, nine cards' texts and menus:
    ~350 ms before the charts could be drawn; bench/RESULTS.md). The figure and the table are always sent."""
    values, ok = card_drawn(view_id, state, lang)
    if ok and shown and fingerprint(values) in shown:
        return tuple(no_update if part in PREFILLED else v for part, v in zip(PARTS, values))
    return values


def card_drawn(view_id: str, state: dict, lang: str = "en") -> tuple[tuple, bool]:
    """``card``'s values and whether the chart was drawn (False: it failed, and the values are its message)."""
    key = tuple(sorted(view_state(view_id, state).items()))
    try:
        return _local_card(store.bundle().version, view_id, key, lang), True
    except Exception:  # noqa: BLE001 - logged with the chart and shown as a message; the page's other cards draw
        log.exception("chart card %r failed for state %r (lang %s)", view_id, key, lang)
        transfer.dont_keep()  # this answer carries the failure: the next request tries again
        return failed(view_id, lang), False


@functools.lru_cache(maxsize=1024)
def _local_card(version: str, view_id: str, key: tuple, lang: str) -> tuple:
    return tuple(_card(view_id, key, lang))


@memoize()
def _card(view_id: str, key: tuple, lang: str) -> list:
    state = dict(key)
    rendered = views.render(view_id, state, lang)
    notes = [n for n in (empty_note(view_id, state, rendered["rows"], lang),
                         parts_note(view_id, state, rendered.get("empty_parts"), lang) if rendered["rows"] else None,
                         coverage_note(view_id, state, views.data(view_id, state), lang),
                         selection_note(view_id, state, views.data(view_id, state), lang),
                         change_table(view_id, views.data(view_id, state), lang)) if n is not None]
    return wire([rendered["figure"], rendered["title"], rendered["subtitle"], rendered["summary"],
                 from_rendered(rendered), table(views.table(view_id, state, lang), lang),
                 actions_holder(notes + menu(actions(view_id, state, rendered["rows"], lang), lang))])


def actions_holder(children: list) -> list:
    """The notes and the "Share / Download" menu of a card as one server-built HTML string (layouts/markup.py):
    about fifty elements a card, which as Dash components the renderer would build one by one before the page's
    charts could be drawn (bench/RESULTS.md). Its links, buttons and panels work by delegation (assets/deck.js,
    assets/embed_panel.js, assets/a11y.js)."""
    return [markup.holder(markup.from_wire(wire(children)), ACTIONS_CLASS)]


ACTIONS_CLASS = "chart-actions-markup"  # display: contents (assets/style.css): its children are the row's items


def _within_note(sid: str, code: str, lang: str) -> list:
    """'UN DESA counts Kosovo within Serbia.' with a link to Serbia's profile ([] where ``sid`` counts ``code`` as
    itself)."""
    within = store.counted_within(sid, code)
    if not within:
        return []
    names = store.country_names(lang)
    return [" ", t("card.counted_within", lang, publisher=charts.publisher_short(
        store.source_meta(sid).get("publisher")), name=names.get(code, code), within=names.get(within, within)), " ",
        html.A(t("card.see_profile", lang, name=names.get(within, within)), className="chart-within-link",
               href=language.href(urls.PAGES["country"].replace("{iso3}", within), lang))]


def _within_notes(view_id: str, state: dict, codes, lang: str) -> list:
    """'UN DESA counts Kosovo within Serbia.' (with a link to Serbia's profile) for each code the view's sources count
    inside another country."""
    out = []
    for code in codes:
        for sid in views.source_ids(view_id, state):
            note = _within_note(sid, code, lang)
            if note:
                out += note
                break
    return out


def parts_note(view_id: str, state: dict, parts, lang: str = "en"):
    """Parts of a chart left out for want of data (small-multiple panels), one sentence per source, each saying why
    where the source counts the country within another: 'No data from UN DESA: International migrant stock,
    Emigrant stock. UN DESA counts Kosovo within Serbia. See Serbia'."""
    if not parts:
        return None
    by_source: dict[str, list[str]] = {}
    for label, sid in parts:
        by_source.setdefault(sid, []).append(label)
    codes = _state_countries(state)
    out = []
    for sid, labels in by_source.items():  # one line per publisher
        publisher = charts.publisher_short(store.source_meta(sid).get("publisher"))
        line = [t("card.empty_parts", lang, publisher=publisher, parts=", ".join(charts.plain_title(x) for x in labels))]
        for code in codes:
            line += _within_note(sid, code, lang)
        out.append(html.Span(line, className="chart-empty-part"))
    return html.P(out, className="chart-empty-parts", **{"data-view": view_id})


def _state_countries(state: dict) -> list[str]:
    codes = set(store.country_names("en"))
    return [v for k, v in state.items() if isinstance(v, str) and v in codes and k in COUNTRY_PARAMS]


COUNTRY_PARAMS = ("iso3", "country", "focus", "origin", "destination")


def empty_note(view_id: str, state: dict, rows: int | None, lang: str = "en"):
    """A chart with no rows says so and why where the data say why (a country counted within another); it offers
    no empty download."""
    if rows:
        return None
    return html.P([t("card.no_rows", lang), *_within_notes(view_id, state, _state_countries(state), lang)],
                  className="chart-empty", **{"data-view": view_id})


CHANGE_VIEWS = {"series": "series", "compare-series": "country"}  # time series -> the column naming each line


def change_table(view_id: str, rows, lang: str = "en"):
    """'Change over the period' under a time series: for each line its first and last value with data, the absolute
    and the relative change (the years are the reader's: the chart's own range), so 'Türkiye's refugees 2015 -> 2022:
    +40 %' is read, not hunted for by hovering."""
    name_col = CHANGE_VIEWS.get(view_id)
    if name_col is None or rows is None or rows.empty or name_col not in rows.columns:
        return None
    shown = store.display_names(rows, lang)
    out = []
    for name, r in shown[shown["value"].notna()].sort_values("year").groupby(name_col, sort=False):
        if r["year"].nunique() < 2:
            continue
        first, last = r.iloc[0], r.iloc[-1]
        a, b = float(first["value"]), float(last["value"])
        rel = numbers.percent((b - a) / abs(a) * 100, lang) if a else numbers.MISSING
        out.append({"series": name, "from": f"{numbers.exact(a, lang)} ({int(first['year'])})",
                    "to": f"{numbers.exact(b, lang)} ({int(last['year'])})",
                    "change": ("+" if b - a > 0 else "") + numbers.exact(b - a, lang),
                    "rel": ("+" if b - a > 0 and a else "") + rel})
    if not out:
        return None
    frame = pd.DataFrame(out)
    cols = {"series": t("card.change.series", lang), "from": t("card.change.from", lang),
            "to": t("card.change.to", lang), "change": t("card.change.abs", lang), "rel": t("card.change.rel", lang)}
    return html.Details(className="chart-change", **{"data-view": view_id}, children=[
        html.Summary(t("card.change.title", lang)),
        components.table_holder(components.table_markup(frame, cols, lang=lang), lang=lang)])


def coverage_note(view_id: str, state: dict, rows, lang: str = "en"):
    """A group filter whose members do not all have data says how many do and which do not:
    '5 of 6 members of Western Balkans have data; no data: Kosovo.'"""
    group = state.get("group")
    if not group or group not in set(store.group_ids()) or "iso3" not in getattr(rows, "columns", ()):
        return None
    members = list(store.group_members(group))
    if len(members) < 2:
        return None
    cut = views.get(view_id).group_missing
    if cut is not None:  # the rows are a top N: the view says which members have no data at all
        missing = [m for m in members if m in set(cut(state))]
        have = set(members) - set(missing)
    else:
        shown = rows["iso3"][rows["value"].notna()] if "value" in rows.columns else rows["iso3"]
        have = set(shown.astype(str)) & set(members)
        missing = [m for m in members if m not in have]
    if not missing or not have:
        return None
    names = store.country_names(lang)
    label = store.group_labels(lang).get(group, group)
    text = t("card.group_coverage", lang, n=numbers.whole(len(have), lang), total=numbers.whole(len(members), lang),
             group=label, missing=", ".join(names.get(m, m) for m in missing))
    return html.P([text, *_within_notes(view_id, state, missing, lang)], className="chart-coverage",
                  **{"data-view": view_id, "data-missing": ",".join(missing)})


def selection_note(view_id: str, state: dict, rows, lang: str = "en"):
    """Countries the reader chose that have no value on this chart (a new indicator without them, a country its
    source counts within another) are named, not silently left out: 'No data on this chart for: Kosovo.'"""
    chosen = state.get("countries")
    column = next((c for c in ("code", "iso3") if c in getattr(rows, "columns", ())), None)
    if not isinstance(chosen, (list, tuple)) or not chosen or column is None or rows.empty:
        return None  # nothing chosen, or nothing drawn at all (``empty_note`` says so)
    shown = rows[column][rows["value"].notna()] if "value" in rows.columns else rows[column]
    missing = [c for c in chosen if c not in set(shown.astype(str))]
    if not missing:
        return None
    names = store.country_names(lang)
    text = t("card.selection_missing", lang, missing=", ".join(names.get(m, m) for m in missing))
    return html.P([text, *_within_notes(view_id, state, missing, lang)], className="chart-coverage",
                  **{"data-view": view_id, "data-missing": ",".join(missing)})


def failed(view_id: str, lang: str = "en") -> tuple:
    """A card that could not be drawn: an empty chart with the message, no table, no actions."""
    message = t("card.failed", lang)
    figure = {"data": [], "layout": {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "height": 200,
        "annotations": [{"text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}]}}
    return (figure, message, "", message, "", None, actions_holder(
        [html.P(message, className="chart-failed", role="alert", **{"data-view": view_id})]))


def table(tbl: views.Table, lang: str = "en") -> html.Div:
    """A view's ``Table`` as one accessible HTML table (th scope=col, '–' for missing, links where declared)."""
    return components.table_holder(
        components.table_markup(tbl.frame, tbl.columns, tbl.max_rows, links=tbl.links, class_name=tbl.class_name,
                                lang=lang), lang=lang)


def menu(links: list, lang: str = "en") -> list:
    """The actions in a native <details> "Share / Download" menu: open as a row of links on wide screens, closed
    to one button on phones (assets/a11y.js closes it there; its toggle is hidden on wide screens by CSS)."""
    return [html.Details(className="chart-menu", open=True, children=[
        html.Summary(t("card.menu", lang), className="chart-menu-toggle"),
        html.Div(links, className="chart-menu-items"),
    ])]


def deck_button(view_id: str, state: dict, lang: str = "en") -> html.Span:
    """"Add to deck": assets/deck.js adds the chart's item (view and state, dashboard/share/deck.py) to the deck the
    browser collects and links to the deck page (/deck?views=...)."""
    return html.Span(className="deck-add-wrap", children=[
        html.Button(t("deck.add", lang), type="button", className="action deck-add", **{
            "data-action": "deck-add", "data-deck-item": deck.item(view_id, state), "data-max": str(deck.MAX_VIEWS),
            "data-added": t("deck.added", lang), "data-full": t("deck.full", lang, n=deck.MAX_VIEWS),
            "data-open": t("deck.open_deck", lang), "data-lang": lang}),
        html.Span(className="deck-add-status", role="status", **{"aria-live": "polite"}),
    ])


def actions(view_id: str, state: dict, rows: int | None = None, lang: str = "en") -> list:
    """Download / embed / cite links of a chart in a state (the same query as the page URL).

    The server side is dashboard/share/routes.py: it rebuilds the rows from the same view registry, so a download
    is exactly what the chart shows. The row count is shown before download; non-commercial sources are marked.
    """
    if rows == 0:  # nothing to download: the whole indicator and the citation only (empty_note says why)
        return [a for a in (full_link(view_id, state, lang),
                            html.A(t("actions.cite", lang), href=urls.cite_url(view_id, state, lang),
                                   className="action", target="_blank", **{"data-action": "cite"})) if a is not None]
    csv_label = (tn("actions.download_csv", rows, lang, rows=numbers.whole(rows, lang)) if rows is not None
                 else t("actions.download_csv_plain", lang))
    links = [
        html.A(csv_label, href=urls.download_url(view_id, state, "csv"), className="action", download="",
               **{"data-view": view_id, "data-action": "csv"}),
        full_link(view_id, state, lang),  # the whole indicator/measure/table (layouts/full_download.py)
        html.A(t("actions.xlsx", lang), href=urls.download_url(view_id, state, "xlsx"), className="action",
               download="", **{"data-action": "xlsx"}),
        html.A(t("actions.zip", lang), href=urls.download_url(view_id, state, "zip"), className="action",
               download="", **{"data-action": "zip"}),
        *([html.A(t(f"actions.{fmt}", lang), href=urls.download_url(view_id, state, fmt), className="action",
                  download="", title=t("actions.geo_title", lang), **{"data-action": fmt})
           for fmt in ("gpkg", "geojson")] if views.get(view_id).geo else []),
        embed_panel(view_id, state, lang),  # iframe snippet, image links, citation (layouts/embed_panel.py)
        html.A(t("actions.cite", lang), href=urls.cite_url(view_id, state, lang), className="action",
               target="_blank", **{"data-action": "cite"}),
        deck_button(view_id, state, lang),  # "Add to deck" (assets/deck.js, layouts/deck.py)
    ]
    links = [a for a in links if a is not None]
    nc = [m for m in (store.source_meta(s) for s in views.source_ids(view_id, state)) if m.get("non_commercial")]
    if nc:
        links.append(html.Span(t("actions.non_commercial", lang), className="action-licence",
                               title=t("actions.non_commercial_title", lang,
                                       licences="; ".join(f"{m.get('publisher')}: {m.get('licence')}" for m in nc))))
    return links
