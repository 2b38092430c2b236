"""The chart registry: every chart on every page is one ``ChartView``.

A view declares its URL parameters (``state.Param``), a data function (state -> exactly the tidy
rows the chart shows, with units and sources), a pure figure builder (rows -> figure dict), its
texts (title, subtitle, source line, one-sentence summary) and its table (rows -> ``Table``). Pages, CSV/XLSX downloads, embeds and
image exports all go through ``render``/``data``, so what is downloaded or embedded is what is
seen. ``render`` and ``table`` show names in the page language (``store.display_names``); ``data`` and the downloads
keep the English names (CSV and API columns are stable). Results are memoised on (view id, state, language) and shared through the cache.

Register views in ``dashboard/viewdefs/<page>.py`` (imported by ``load_all``).
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import charts, numbers, state as state_mod, store
from .cache import memoize
from .i18n import by_english, flag_text, t, vocab
from .store import QueryError


@dataclass(frozen=True)
class Full:
    """The complete data behind a chart, all countries and all years: one indicator (in its published unit),
    one corridor measure (every method and sex) or one curated table. Served by ``/download/full/<view>.csv``."""
    kind: str  # 'indicator' | 'measure' | 'table'
    id: str  # indicator id, measure id or curated table name (a label when there are several parts)
    parts: tuple[str, ...] = ()  # several indicators or tables behind one chart (e.g. IDMC conflict + disaster)

    def __post_init__(self):
        if self.kind not in ("indicator", "measure", "table"):
            raise ValueError(f"unknown full-download kind {self.kind!r}")

    @property
    def members(self) -> tuple[str, ...]:
        return self.parts or (self.id,)


def full_indicator(param: str = "indicator") -> Callable[[dict], Full]:
    return lambda s: Full("indicator", s[param])


def full_indicators(label: str, ids) -> Callable[[dict], Full]:
    return lambda s: Full("indicator", label, tuple(ids))


def full_measure(measure: str | None = None, param: str = "measure") -> Callable[[dict], Full]:
    return lambda s: Full("measure", measure or s[param])


def full_table(name: str, *more: str) -> Callable[[dict], Full]:
    return lambda s: Full("table", "+".join((name,) + more), (name,) + more if more else ())


@dataclass(frozen=True)
class Table:
    """The numbers under a chart, as its card shows them: a frame, its columns (column -> label in the page's
    language), the columns that link somewhere (column -> the column holding the URL) and how many rows the page
    shows (downloads carry every row of ``data``)."""
    frame: pd.DataFrame
    columns: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)
    max_rows: int = 500
    class_name: str = "table-wrap"


def default_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str) -> Table:
    """Every column of the rows under its own name (for a view that declares no table)."""
    return Table(rows, {c: c for c in rows.columns})


@dataclass(frozen=True)
class ChartView:
    id: str  # e.g. 'map', 'series', 'ranking', 'flows-map', 'sankey', 'profile'
    page: str  # page path the chart lives on, for "Open in the dashboard", e.g. '/'
    params: tuple[state_mod.Param, ...]
    data: Callable[[dict], pd.DataFrame]  # state -> rows shown (tidy; value, unit, source, licence, flag ...)
    figure: Callable[[pd.DataFrame, dict, str], dict]  # (rows, state, lang) -> plotly figure dict
    texts: Callable[[pd.DataFrame, dict, str], dict]  # -> {title, subtitle, source, summary}
    sources: Callable[[dict], list[str]] = field(default=lambda s: [])  # source ids behind the chart
    geo: bool = False  # True for maps (needs topojsonURL config)
    full: Callable[[dict], Full] | None = None  # the whole indicator/measure/table behind the chart (see Full)
    description: str = ""
    # (view id, rows, state, lang) -> Table: the card's table view of the rows (one function may serve a page's views)
    table: Callable[[str, pd.DataFrame, dict, str], Table] = default_table
    # columns whose publisher labels ('Drowning', route names) and flags the figure and texts show in the page's
    # language (``display_values``); only columns the figure does not compare with English literals
    display: tuple[str, ...] = ()
    # state -> the chosen group's members without data, for views whose rows are a cut of them (a top-N ranking):
    # the card's coverage note cannot tell 'no data' from 'not in the top N' by the rows alone
    group_missing: Callable[[dict], tuple[str, ...]] | None = None


REGISTRY: dict[str, ChartView] = {}


def register(view: ChartView) -> ChartView:
    if view.id in REGISTRY and REGISTRY[view.id] is not view:
        raise ValueError(f"chart view {view.id!r} registered twice")
    REGISTRY[view.id] = view
    return view


_LOADED: list[bool] = []  # set once every viewdefs module is imported (listing the package costs ~0.2 ms a call)


def load_all() -> dict[str, ChartView]:
    """Import every module in dashboard.viewdefs so their views register (once per process)."""
    if _LOADED:
        return REGISTRY
    from . import viewdefs

    for mod in pkgutil.iter_modules(viewdefs.__path__):
        importlib.import_module(f"{viewdefs.__name__}.{mod.name}")
    _LOADED.append(True)
    return REGISTRY


def get(view_id: str) -> ChartView:
    load_all()
    if view_id not in REGISTRY:
        raise QueryError("view", f"Unknown chart {view_id!r}.", sorted(REGISTRY))
    return REGISTRY[view_id]


def parse(view_id: str, raw: dict | str | None) -> tuple[dict, list[str]]:
    return state_mod.parse(get(view_id).params, raw)


def _key(state: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in state.items()))


@memoize()
def _rows(view_id: str, key: tuple) -> pd.DataFrame:
    return get(view_id).data(dict(key))


@memoize()
def _rendered(view_id: str, key: tuple, lang: str) -> dict:
    view = get(view_id)
    st = dict(key)
    rows = _rows(view_id, key)
    # names and publisher labels in the page language; the downloads keep ``rows`` (English)
    shown = display_values(store.display_names(rows, lang), lang, view.display)
    out = dict(view.texts(shown, st, lang))
    figure = view.figure(shown, st, lang)
    if isinstance(figure, dict):  # every chart's numbers in the page language's decimal mark and group separator
        figure.setdefault("layout", {})["separators"] = numbers.plotly_separators(lang)
    out["figure"] = figure
    out["rows"] = len(rows)
    uid = f"{view_id}-{hashlib.sha1(repr(key).encode()).hexdigest()[:8]}"  # unique on a page (ids of the panel)
    out.update(view=view_id, uid=uid, lang=lang, source_ids=source_ids(view_id, st, rows))  # provenance panel
    return charts.apply(out, out["source_ids"], lang)  # plain title, short source line, human axis numbers


def source_ids(view_id: str, state: dict, rows: pd.DataFrame | None = None) -> list[str]:
    """Source ids behind the chart: the view's own list, plus any ``source_id`` column in the rows."""
    ids = list(get(view_id).sources(state) or [])
    if rows is not None and "source_id" in rows.columns:
        ids += [str(s) for s in pd.unique(rows["source_id"].dropna())]
    return list(dict.fromkeys(ids))


def data(view_id: str, state: dict) -> pd.DataFrame:
    """Exactly the rows the chart shows for ``state`` (a valid state from ``parse``)."""
    return _rows(view_id, _key(state))


def render(view_id: str, state: dict, lang: str = "en") -> dict:
    """{figure, title, subtitle, source, source_full, summary, rows, view, uid, lang, source_ids} for a valid state
    (the chart text rules of dashboard/charts.py applied)."""
    return _rendered(view_id, _key(state), lang)


def column_label(label: str, lang: str) -> str:
    """A table column header in ``lang``: a view declares its headers in English ('Share of total') and the
    catalogue holds them as ``col.<english in snake case>`` ('col.share_of_total'). A header that is already a
    translated text (built with t()) has no such key and is returned as it is."""
    return by_english("col.", label, lang)


def display_values(rows: pd.DataFrame, lang: str, columns) -> pd.DataFrame:
    """``rows`` with the cells of ``columns`` as the page shows them: a flag column in words (``flag_text``),
    true/false as yes/no, publisher labels through ``vocab`` (a label without an entry stays as published)."""
    columns = [c for c in columns if c in rows.columns]
    if not columns or lang == "en" and not any(c == "flag" or rows[c].dtype == bool for c in columns):
        return rows
    out = rows.copy()
    for c in columns:
        col = out[c]
        if col.dtype == bool:
            out[c] = col.map({True: t("common.yes", lang), False: t("common.no", lang)})
            continue
        if not (pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col)):
            continue
        word = flag_text if c == "flag" else vocab
        values = {v: word(v, lang) for v in pd.unique(col.dropna())}
        out[c] = col.astype("object").map(lambda v: values.get(v, v) if isinstance(v, str) else v)
    return out


def table(view_id: str, state: dict, lang: str = "en") -> Table:
    """The card's table of the chart in ``state`` (from the same rows as the chart and its downloads): names,
    column headers, flags and publisher labels in ``lang``."""
    tbl = get(view_id).table(view_id, store.display_names(data(view_id, state), lang), state, lang)
    plain = [c for c in tbl.columns if c not in tbl.links]
    return dataclasses.replace(tbl, frame=display_values(tbl.frame, lang, plain),
                               columns={c: column_label(label, lang) for c, label in tbl.columns.items()})


def query(view_id: str, state: dict) -> str:
    """The URL query string for this chart's state (defaults omitted)."""
    return state_mod.serialize(get(view_id).params, state)
