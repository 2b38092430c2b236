"""Missing Migrants charts (page '/missing-migrants'): the incident map and the yearly series per route."""
from __future__ import annotations

from .. import charts, numbers
from ..figures import missing as fig
from ..i18n import t, t_or, tn, vocab
from ..queries import missing as q
from ..state import Param
from ..views import ChartView, Table, full_table, register

PAGE = "/missing-migrants"

DATASET = Param("dataset", "choice", "global", choices=lambda s: list(q.DATASETS), label="Dataset")
ROUTE = Param("route", "choice", q.ALL, choices=lambda s: [q.ALL, *q.routes(s["dataset"])], label="Route")
YEAR = Param("year", "choice", q.ALL, choices=lambda s: [q.ALL, *map(str, q.years(s["dataset"]))], label="Year")
PAGE_PARAMS = (DATASET, ROUTE, YEAR)

COLUMNS = {
    "missing-map": {"lat": "Latitude (approx.)", "lon": "Longitude (approx.)", "cause": "Cause",
                    "incidents": "Incidents", "dead_missing": "Dead and missing", "dead": "Dead", "missing": "Missing",
                    "first_date": "First", "last_date": "Last", "flag": "Flag"},
    "missing-series": {"route": "Route", "year": "Year", "dead_missing": "Dead and missing", "dead": "Dead",
                       "missing": "Missing", "incidents": "Incidents", "flag": "Flag"},
    "missing-family": {"route": "Route (or family total)", "year": "Year", "dead_missing": "Dead and missing",
                       "incidents": "Incidents", "flag": "Flag"},
}
FAMILY = Param("family", "choice", "Mediterranean", choices=lambda s: q.families(s["dataset"]) or ["Mediterranean"],
               label="Route family")


def _route_label(route: str, lang: str) -> str:
    return t("missing.all_routes", lang) if route == q.ALL else route


def _period(state, lang) -> str:
    if state["year"] != q.ALL:
        y = int(state["year"])
        return t("missing.partial_year", lang, year=y) if q.partial_flag(state["dataset"], y) else str(y)
    ys = q.years(state["dataset"])
    return f"{ys[0]}-{ys[-1]}"


def _partial_note(state, lang) -> str:
    ds = state["dataset"]
    last = q.last_month(ds)
    ys = q.years(ds)
    if state["year"] == q.ALL or q.partial_flag(ds, int(state["year"])):
        return t("missing.partial_note", lang, year=ys[-1], last=last)
    return ""


def _map_texts(rows, state, lang):
    route = _route_label(state["route"], lang)
    top = "–"
    incidents = int(rows["incidents"].sum()) if len(rows) else 0
    if len(rows):
        r = rows.iloc[0]
        top = f"{numbers.whole(r['dead_missing'], lang)} ({vocab(fig._short(r['cause']), lang)}, {numbers.exact(round(r['lat'], 1), lang)}, {numbers.exact(round(r['lon'], 1), lang)})"
    return {
        "title": t("missing.map.title", lang, route=route, period=_period(state, lang)),
        "subtitle": t("missing.map.subtitle", lang, partial=_partial_note(state, lang)),
        "source": charts.source_line("iom_mmp", lang),
        "summary": tn("missing.map.summary", incidents, lang, incidents=numbers.whole(incidents, lang),
                      total=numbers.whole(rows['dead_missing'].sum(), lang) if len(rows) else "0", route=route,
                      period=_period(state, lang), top=top),
    }


TABLE_ROWS = {"missing-map": 40, "missing-series": 120, "missing-family": 120}  # the page's caps; downloads: every row


def card_table(view_id: str, rows, state: dict, lang: str = "en") -> Table:
    """The card's table; only the Europe-bound file splits dead from missing."""
    columns = dict(COLUMNS[view_id])
    if state["dataset"] != "europe" and "dead" in columns:
        columns.pop("dead"), columns.pop("missing")
    return Table(rows, columns, max_rows=TABLE_ROWS[view_id])


MAP = register(ChartView(
    id="missing-map", table=card_table, page=PAGE, params=PAGE_PARAMS,
    data=lambda s: q.incident_cells(s["dataset"], s["route"], s["year"]),
    figure=lambda rows, s, lang: fig.incident_map(rows, lang=lang, cause_label=lambda c: vocab(c, lang)),
    texts=_map_texts, sources=lambda s: ["iom_mmp"], geo=True,
    full=full_table("mmp_incidents"),
    description="IOM Missing Migrants incidents on a map, aggregated to 1-degree cells by cause.",
))


def _series_texts(rows, state, lang):
    route = _route_label(state["route"], lang)
    ys = q.years(state["dataset"])
    tot = rows.groupby("year")["dead_missing"].sum() if len(rows) else None
    extra = t("missing.series.top_note", lang) if state["route"] == q.ALL else ""
    return {
        "title": t("missing.series.title", lang, route=route, first=ys[0], last=ys[-1]),
        "subtitle": t("missing.series.subtitle", lang, last=ys[-1], last_month=q.last_month(state["dataset"]),
                      extra=extra),
        "source": charts.source_line("iom_mmp", lang),
        "summary": t("missing.series.summary", lang, route=route,
                     peak=numbers.whole(tot.max(), lang) if tot is not None else "–",
                     peak_year=int(tot.idxmax()) if tot is not None else "–"),
    }


SERIES = register(ChartView(
    id="missing-series", table=card_table, page=PAGE, params=(DATASET, ROUTE),
    data=lambda s: q.yearly_by_route(s["dataset"], s["route"]),
    figure=lambda rows, s, lang: fig.yearly_series(rows, lang=lang, split=s["dataset"] == "europe"),
    display=("route", "flag"),
    texts=_series_texts, sources=lambda s: ["iom_mmp"],
    full=full_table("mmp_incidents"),
    description="Dead and missing migrants per year and route (IOM Missing Migrants Project).",
))


def family_label(family: str, lang: str) -> str:
    return t_or(f"missing.family.name.{family}", lang, family)


def _family_texts(rows, state, lang):
    family = state["family"]
    label = family_label(family, lang)
    total = rows[rows["route"] == family]
    latest = total[total["flag"].isna()].tail(1) if len(total) else total
    routes = sorted(set(rows["route"]) - {family})
    return {
        "title": t("missing.family.title", lang, family=label),
        "subtitle": t("missing.family.subtitle", lang, family=label, routes=", ".join(routes) or "–"),
        "source": charts.source_line("iom_mmp", lang),
        "summary": t("missing.family.summary", lang, family=label,
                     year=int(latest["year"].iloc[0]) if len(latest) else "–",
                     total=numbers.whole(latest['dead_missing'].iloc[0], lang) if len(latest) else "–"),
    }


FAMILY_VIEW = register(ChartView(
    id="missing-family", table=card_table, page=PAGE, params=(DATASET, FAMILY),
    data=lambda s: q.yearly_by_family(s["dataset"], s["family"]),
    figure=lambda rows, s, lang: fig.family_bars(rows, family=vocab(s["family"], lang),
                                                 label=family_label(s["family"], lang), lang=lang),
    display=("route", "flag"),
    texts=_family_texts, sources=lambda s: ["iom_mmp"],
    full=full_table("mmp_incidents"),
    description="Dead and missing per year on a route family (Mediterranean = Central + Western + Eastern), "
                "its routes stacked and the family total above.",
))
