"""Displacement page callbacks: controls -> every chart card, the corridor links and the URL."""
from __future__ import annotations

import functools

from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids, language, state as state_mod, store, views
from dashboard.viewdefs import displacement as vd
from layouts import cards, components

OUTPUTS = [o for _vid in vd.VIEW_IDS for o in cards.outputs(_vid)]


def pair_links(page_state: dict, lang: str = "en") -> list:
    """Links to the corridor profiles of the pairs in the origin x asylum chart (in the page language)."""
    st = {p.name: page_state[p.name] for p in views.get("disp-pairs").params}
    return _local_links(store.bundle().version, tuple(sorted(st.items())), lang)


@functools.lru_cache(maxsize=256)
def _local_links(version: str, key: tuple, lang: str) -> list:
    rows = store.display_names(views.data("disp-pairs", dict(key)), lang)
    links = [html.Li(html.A(f"{r.origin_name} → {r.asylum_name}", href=language.href(r.corridor, lang))) for r in rows.itertuples()]
    return cards.wire(links)


INPUT_PARAM = {ids.DISPLACEMENT_AREA: "area", ids.DISPLACEMENT_ROLE: "role", ids.DISPLACEMENT_YEAR: "year",
               ids.DISPLACEMENT_POP: "pop"}


def update(area, role, year, pop, changed: set[str] | None = None, lang: str = "en",
           shown: list | None = None) -> tuple:
    """The main update (also used by the benchmark). Cards whose parameters did not change are not resent."""
    page_state, _ = state_mod.parse(vd.PAGE_PARAMS, {"area": area, "role": role, "year": str(year), "pop": pop})
    values: tuple = ()
    for vid in vd.VIEW_IDS:
        if changed is not None and not changed & {p.name for p in views.get(vid).params}:
            values += (no_update,) * len(cards.PARTS)
        else:
            values += cards.card(vid, page_state, lang, shown)
    return values + (pair_links(page_state, lang),
                     language.set_lang(state_mod.serialize(vd.PAGE_PARAMS, page_state), lang))


@callback(
    *OUTPUTS, Output(ids.DISPLACEMENT_PAIR_LINKS, "children"), Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.DISPLACEMENT_AREA, "value"), Input(ids.DISPLACEMENT_ROLE, "value"),
    Input(ids.DISPLACEMENT_YEAR, "value"), Input(ids.DISPLACEMENT_POP, "value"),
    State(components.cid("graph", "disp-types"), "figure"), State(ids.URL, "search"), cards.SHOWN,
    prevent_initial_call="initial_duplicate",
)
def update_page(area, role, year, pop, drawn, search=None, shown=None):
    if None in (area, role, year, pop):
        return (no_update,) * (len(OUTPUTS) + 2)
    return update(area, role, year, pop, _changed() if _drawn(drawn) else None, language.from_query(search),
                  shown)


def _drawn(figure) -> bool:
    """Whether the cards have been drawn once (the first card's figure has a layout). Its title cannot tell: the
    page's layout carries the cards' texts from the start (``cards.prefill``)."""
    return isinstance(figure, dict) and bool(figure.get("layout"))


def _changed() -> set[str] | None:
    """Page parameters whose control fired this call (None: draw everything). The first call after a page
    load may be triggered by a chained control (e.g. the year set by sync_years), so the caller only uses
    this once the cards have been drawn."""
    trig = [t.split(".")[0] for t in ctx.triggered_prop_ids]
    if not trig or any(t not in INPUT_PARAM for t in trig):
        return None
    return {INPUT_PARAM[t] for t in trig}
