"""Trafficking page callbacks: country/year/CTDC dimension -> every chart card and the URL."""
from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from dashboard import ids, language, state as state_mod, views
from dashboard.i18n import DEFAULT_LANGUAGE
from dashboard.queries import trafficking as q
from dashboard.viewdefs import trafficking as vd
from layouts import cards, components

OUTPUTS = [o for _vid in vd.VIEW_IDS for o in cards.outputs(_vid)]


@callback(
    Output(ids.TRAFFICKING_YEAR, "options"), Output(ids.TRAFFICKING_YEAR, "value"),
    Input(ids.TRAFFICKING_COUNTRY, "value"), Input(ids.TRAFFICKING_YEAR, "value"),
)
def sync_years(country, year):
    """Offer only the years the country reported; keep the year if it has data, else the latest."""
    years = list(q.country_years(country)) if country else []
    if not years:
        return [], None
    return [{"label": str(y), "value": y} for y in reversed(years)], (year if year in years else years[-1])


INPUT_PARAM = {ids.TRAFFICKING_COUNTRY: "country", ids.TRAFFICKING_YEAR: "year", ids.TRAFFICKING_CTDC_BY: "ctdc_by",
               ids.TRAFFICKING_WHO: "who"}


def update(country, year, ctdc_by, who=None, changed: set[str] | None = None,
           lang: str = DEFAULT_LANGUAGE, shown: list | None = None) -> tuple:
    """The main update (also used by the benchmark). Cards whose parameters did not change are not resent."""
    raw = {"country": country, "year": str(year), "ctdc_by": ctdc_by}
    if who:
        raw["who"] = who
    page_state, _ = state_mod.parse(vd.PAGE_PARAMS, raw)
    values: tuple = ()
    for vid in vd.VIEW_IDS:
        if changed is not None and not changed & {p.name for p in views.get(vid).params}:
            values += (no_update,) * len(cards.PARTS)
        else:
            values += cards.card(vid, page_state, lang, shown)
    # the language stays in the address the reader shares
    return values + (language.set_lang(state_mod.serialize(vd.PAGE_PARAMS, page_state), lang),)


@callback(
    *OUTPUTS, Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TRAFFICKING_COUNTRY, "value"), Input(ids.TRAFFICKING_YEAR, "value"),
    Input(ids.TRAFFICKING_CTDC_BY, "value"), Input(ids.TRAFFICKING_WHO, "value"),
    State(components.cid("graph", "traf-tip"), "figure"), State(ids.URL, "search"), cards.SHOWN,
    prevent_initial_call="initial_duplicate",
)
def update_page(country, year, ctdc_by, who, drawn, search, shown=None):
    if None in (country, year, ctdc_by, who):
        return (no_update,) * (len(OUTPUTS) + 1)
    return update(country, year, ctdc_by, who, _changed() if _drawn(drawn) else None, language.from_query(search),
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
