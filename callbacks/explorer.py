"""Explorer page callbacks: controls -> year/unit sync, the three registered chart views, selection and the URL.

Callbacks only wire inputs to ``dashboard.views`` / ``dashboard.queries.explorer``; every state goes through
``state.parse`` with the page's params, so a stale or impossible combination falls back to a valid one.
"""
from __future__ import annotations

from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, html, no_update

from dashboard import ids, language, store
from dashboard.i18n import t
from dashboard.queries import explorer as q
from dashboard.state import parse, serialize
from dashboard.share.urls import PAGES
from dashboard.viewdefs import explorer as ev
from layouts import cards, explorer as lx
from layouts.components import cid

MAX_COUNTRIES = 8


def _lang(settings) -> str:
    return (settings or {}).get("lang") or "en"


def page_state(indicator, year, per, group, countries, n, order, params=ev.PAGE_PARAMS) -> dict:
    """Raw control values -> a valid state for ``params`` (invalid pieces fall back to defaults)."""
    raw = {"indicator": indicator, "year": year, "per": per, "group": group,
           "countries": ",".join(list(countries or [])[:MAX_COUNTRIES]), "n": n, "order": order}
    names = {p.name for p in params}
    raw = {k: ("" if v is None else str(v)) for k, v in raw.items() if k in names}
    state, _ = parse(params, raw)
    if "countries" in names and not countries:
        state["countries"] = ()  # an emptied selection stays empty (the default only seeds a fresh page)
    return state



def render_view(view_id: str, state: dict, lang: str = "en", shown: list | None = None) -> tuple:
    """Values for ``chart_outputs(key) + [actions]`` of one view in a page state."""
    return cards.card(view_id, ev.view_state(view_id, state), lang, shown)


def _outputs(key: str) -> list:
    return cards.outputs(key)


# ------------------------------------------------------------------ indicator -> definition and unit options

@callback(
    Output(ids.EXPLORER_DEFINITION, "children"), Output(ids.EXPLORER_PER, "options"),
    Output(ids.EXPLORER_PER, "value"), Output(ids.EXPLORER_DENOMINATOR, "children"),
    Input(ids.EXPLORER_INDICATOR, "value"), Input(ids.EXPLORER_PER, "value"), State(ids.EXPLORER_MOTION, "data"),
    prevent_initial_call=True,
)
def indicator_controls(indicator, per, settings):
    lang = _lang(settings)
    if indicator not in q.indicator_ids():
        return (no_update,) * 4
    allowed = ev._pers({"indicator": indicator})
    per = per if per in allowed else "abs"
    note = ev.denominator_note(per, lang)
    return lx.definition(indicator, lang), lx.per_options(indicator, lang), per, note


# ------------------------------------------------------------------ year: slider, typed input, play ticks

@callback(
    Output(ids.EXPLORER_YEAR_SLIDER, "max"), Output(ids.EXPLORER_YEAR_SLIDER, "marks"),
    Output(ids.EXPLORER_YEAR_SLIDER, "value"), Output(ids.EXPLORER_YEAR_INPUT, "value"),
    Output(ids.EXPLORER_YEAR_INPUT, "min"), Output(ids.EXPLORER_YEAR_INPUT, "max"),
    Output(ids.EXPLORER_YEAR, "data"), Output(ids.EXPLORER_TICK, "disabled", allow_duplicate=True),
    Output(ids.EXPLORER_STATUS, "children", allow_duplicate=True), Output(ids.EXPLORER_SLIDER_WRAP, "data-a11y-values"),
    Input(ids.EXPLORER_INDICATOR, "value"), Input(ids.EXPLORER_YEAR_SLIDER, "value"),
    Input(ids.EXPLORER_YEAR_INPUT, "value"), Input(ids.EXPLORER_TICK, "n_intervals"),
    State(ids.EXPLORER_YEAR, "data"), State(ids.EXPLORER_TICK, "disabled"), State(ids.EXPLORER_MOTION, "data"),
    prevent_initial_call=True,
)
def sync_year(indicator, index, typed, _ticks, current, tick_disabled, settings):
    """One canonical year (the store) kept in step with the slider (an index into the years with data)."""
    if indicator not in q.indicator_ids():
        return (no_update,) * 10
    years = q.years(indicator)
    if not years:
        return (no_update,) * 10
    trigger = ctx.triggered_id
    message = ""
    stop = no_update
    if trigger == ids.EXPLORER_YEAR_SLIDER and index is not None:
        year = years[max(0, min(int(index), len(years) - 1))]
    elif trigger == ids.EXPLORER_YEAR_INPUT:
        if typed is None:
            return (no_update,) * 10
        year = min(years, key=lambda y: (abs(y - int(typed)), -y))
        if year != int(typed):
            message = t("explorer.year_snapped", _lang(settings), typed=int(typed), year=year)
    elif trigger == ids.EXPLORER_TICK:
        if tick_disabled:
            return (no_update,) * 10
        pos = years.index(current) if current in years else -1
        year = years[min(pos + 1, len(years) - 1)]
        if year == years[-1]:
            stop = True
    else:  # the indicator changed: keep the year if it has data, else the latest
        year = current if current in years else years[-1]
    marks = lx.year_marks(years, store.period_years(indicator))
    return (len(years) - 1, marks, years.index(year), year, years[0], years[-1], year, stop,
            message, lx.slider_values(years))


# Play/pause runs in the browser: it refuses to animate when the system asks for reduced motion.
clientside_callback(
    """
    function(n, disabled, index, max, settings) {
        const nu = window.dash_clientside.no_update;
        if (!n) { return [nu, nu, nu]; }
        const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        if (reduce) {
            const msg = (settings && settings.reduced_motion_text) ||
                'Animation is off because your system asks for reduced motion; use the slider, the arrow keys or type a year.';
            return [true, nu, msg];
        }
        if (!disabled) { return [true, nu, '']; }
        return [false, (index >= max) ? 0 : nu, ''];
    }
    """,
    Output(ids.EXPLORER_TICK, "disabled", allow_duplicate=True),
    Output(ids.EXPLORER_YEAR_SLIDER, "value", allow_duplicate=True),
    Output(ids.EXPLORER_STATUS, "children", allow_duplicate=True),
    Input(ids.EXPLORER_PLAY, "n_clicks"), State(ids.EXPLORER_TICK, "disabled"),
    State(ids.EXPLORER_YEAR_SLIDER, "value"), State(ids.EXPLORER_YEAR_SLIDER, "max"),
    State(ids.EXPLORER_MOTION, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    """
    function(disabled, settings) {
        const s = settings || {};
        return [disabled ? (s.play_text || '\u25b6 Play') : (s.pause_text || '\u275a\u275a Pause'),
                disabled ? 'false' : 'true'];
    }
    """,
    Output(ids.EXPLORER_PLAY, "children"), Output(ids.EXPLORER_PLAY, "aria-pressed"),
    Input(ids.EXPLORER_TICK, "disabled"), State(ids.EXPLORER_MOTION, "data"),
    prevent_initial_call=True,
)


# ------------------------------------------------------------------ the three charts

STATE_INPUTS = [Input(ids.EXPLORER_INDICATOR, "value"), Input(ids.EXPLORER_YEAR, "data"),
                Input(ids.EXPLORER_PER, "value"), Input(ids.EXPLORER_GROUP, "value")]


@callback(*_outputs(ids.EXPLORER_MAP), *STATE_INPUTS, State(ids.EXPLORER_MOTION, "data"), cards.SHOWN)
def update_map(indicator, year, per, group, settings, shown=None):
    state = page_state(indicator, year, per, group, None, None, None, params=ev.MAP_PARAMS)
    return render_view("map", state, _lang(settings), shown)


@callback(*_outputs(ids.EXPLORER_RANKING), *STATE_INPUTS, Input(ids.EXPLORER_COUNTRIES, "value"),
          Input(ids.EXPLORER_N, "value"), Input(ids.EXPLORER_ORDER, "value"), State(ids.EXPLORER_MOTION, "data"),
          cards.SHOWN)
def update_ranking(indicator, year, per, group, countries, n, order, settings, shown=None):
    state = page_state(indicator, year, per, group, countries, n, order)
    return render_view("ranking", state, _lang(settings), shown)


@callback(*_outputs(ids.EXPLORER_SERIES), *STATE_INPUTS, Input(ids.EXPLORER_COUNTRIES, "value"),
          State(ids.EXPLORER_MOTION, "data"), cards.SHOWN)
def update_series(indicator, year, per, group, countries, settings, shown=None):
    state = page_state(indicator, year, per, group, countries, None, None)
    return render_view("series", state, _lang(settings), shown)


@callback(Output(ids.URL, "search"), *STATE_INPUTS, Input(ids.EXPLORER_COUNTRIES, "value"),
          Input(ids.EXPLORER_N, "value"), Input(ids.EXPLORER_ORDER, "value"), State(ids.EXPLORER_MOTION, "data"),
          prevent_initial_call=True)
def update_url(indicator, year, per, group, countries, n, order, settings=None):
    state = page_state(indicator, year, per, group, countries, n, order)
    return language.set_lang(serialize(ev.PAGE_PARAMS, state), _lang(settings))


# ------------------------------------------------------------------ selection: map/ranking clicks, chips, picker

def toggle(selected: list[str], iso3: str, limit: int = MAX_COUNTRIES) -> tuple[list[str], bool]:
    """Add or remove ``iso3``; returns (new selection, refused because full)."""
    selected = list(selected or [])
    if iso3 in selected:
        return [s for s in selected if s != iso3], False
    if len(selected) >= limit:
        return selected, True
    return selected + [iso3], False


def _clicked_iso3(click) -> str | None:
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    iso3 = point.get("location") or point.get("customdata")
    if isinstance(iso3, list):
        iso3 = iso3[0] if iso3 else None
    return iso3 if iso3 in set(ev.P_COUNTRIES.choices({})) else None


@callback(
    Output(ids.EXPLORER_COUNTRIES, "value"), Output(ids.EXPLORER_STATUS, "children", allow_duplicate=True),
    Output(cid("graph", ids.EXPLORER_MAP), "clickData"), Output(cid("graph", ids.EXPLORER_RANKING), "clickData"),
    Input(cid("graph", ids.EXPLORER_MAP), "clickData"), Input(cid("graph", ids.EXPLORER_RANKING), "clickData"),
    Input({"type": ids.EXPLORER_CHIP, "iso3": ALL}, "n_clicks"),
    State(ids.EXPLORER_COUNTRIES, "value"), State(ids.EXPLORER_MOTION, "data"),
    prevent_initial_call=True,
)
def change_selection(map_click, bar_click, _chips, selected, settings):
    trigger = ctx.triggered_id
    selected = list(selected or [])
    if isinstance(trigger, dict) and trigger.get("type") == ids.EXPLORER_CHIP:
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update, no_update, no_update, no_update  # a chip was (re)drawn, not clicked
        return [s for s in selected if s != trigger["iso3"]], "", no_update, no_update
    click = map_click if trigger == cid("graph", ids.EXPLORER_MAP) else bar_click
    iso3 = _clicked_iso3(click)
    if iso3 is None:
        return no_update, no_update, no_update, no_update
    new, refused = toggle(selected, iso3)
    lang = _lang(settings)
    name = store.country_names(lang).get(iso3, iso3)
    profile = html.A(t("explorer.open_profile", lang, name=name), className="explorer-open-profile",
                     href=language.href(PAGES["country"].replace("{iso3}", iso3), lang), **{"data-iso3": iso3})
    if refused:  # the series is full: say so, and still offer the clicked country's profile
        return no_update, [t("explorer.too_many", lang, name=name), " ", profile], None, None
    said = t("explorer.added", lang, name=name) if iso3 in new else t("explorer.removed", lang, name=name)
    return new, [said, " ", profile], None, None


@callback(Output(ids.EXPLORER_CHIPS, "children"), Input(ids.EXPLORER_COUNTRIES, "value"),
          State(ids.EXPLORER_MOTION, "data"), prevent_initial_call=True)
def update_chips(selected, settings):
    return lx.chips(list(selected or [])[:MAX_COUNTRIES], _lang(settings))
