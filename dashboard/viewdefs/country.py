"""Country profile (/country/<ISO3>) and comparison (/compare) charts.

'profile' small multiples of the main series; 'profile-origins' / 'profile-destinations' the top 10
UN DESA stock corridors; 'profile-displacement' the displacement trend; 'compare-series' one
indicator for 2 to 8 countries on a shared x axis.
"""
from __future__ import annotations

import pandas as pd

from .. import charts, data_i18n, language, store
from ..figures import profile as fig
from ..i18n import t, tn
from ..queries import profile as q
from ..state import Param
from ..views import ChartView, Table, full_indicator, full_indicators, full_measure, register

DEFAULT_COUNTRY = "BIH"
DEFAULT_COMPARE = ("BIH", "HRV", "SRB")
DEFAULT_INDICATOR = "migrant_stock"


def _codes(_state) -> list[str]:
    return q.navigable_codes()


def _indicators(_state) -> list[str]:
    return store.indicator_ids()


ISO3 = (Param("iso3", "iso3", DEFAULT_COUNTRY, choices=_codes, label="Country"),)
COMPARE_PARAMS = (
    Param("countries", "iso3list", DEFAULT_COMPARE, choices=_codes, max_items=8, label="Countries"),
    Param("indicator", "choice", DEFAULT_INDICATOR, choices=_indicators, label="Indicator"),
)


def _name(iso3: str, lang: str = "en") -> str:
    return store.country_names(lang).get(iso3, iso3)


def _sources_line(source_ids, lang: str) -> str:
    seen = []
    for s in source_ids:
        if s not in seen:
            seen.append(s)
    return " ".join(charts.source_line(s, lang) for s in seen)


def _span(rows: pd.DataFrame) -> tuple[int, int] | None:
    if rows.empty:
        return None
    return int(rows["year"].min()), int(rows["year"].max())


# ------------------------------------------------------------------ small multiples

def _profile_rows(state: dict) -> pd.DataFrame:
    return q.series((state["iso3"],), q.MAIN_SERIES)


def _panels(lang: str) -> list[tuple[str, str, str]]:
    out = []
    for ind in q.MAIN_SERIES:
        meta = data_i18n.localise(store.indicator_meta(ind), lang)
        out.append((ind, meta["label"], meta["unit"]))
    return out


def _profile_figure(rows, state, lang):
    return fig.small_multiples(rows, _panels(lang), no_data=t("country.no_data", lang), lang=lang)


def _profile_texts(rows, state, lang):
    name = _name(state["iso3"], lang)
    span = _span(rows) or ("–", "–")
    empty = set(fig.empty_panels(rows, list(q.MAIN_SERIES)))
    units = "; ".join(f"{label}: {unit}" for ind, label, unit in _panels(lang) if ind not in empty)
    withdata = rows.loc[rows["value"].notna(), "indicator"].nunique() if len(rows) else 0
    return {
        "title": t("country.series_title", lang, name=name, start=span[0], end=span[1]),
        "subtitle": t("country.series_subtitle", lang, units=units),
        "source": _sources_line([store.indicator_meta(i)["source_id"] for i in q.MAIN_SERIES], lang),
        "summary": tn("country.series_summary", len(q.MAIN_SERIES), lang, name=name, withdata=withdata),
        # the panels left out for want of data, by source: the card names them and says why (layouts/cards.py)
        "empty_parts": [(label, store.indicator_meta(ind)["source_id"]) for ind, label, _ in _panels(lang)
                        if ind in empty],
    }


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table. Under a top-corridors chart, each partner links to its own profile (pseudo codes do not)."""
    c = lambda k: t(f"country.col_{k}", lang)  # noqa: E731
    if view_id in ("profile-origins", "profile-destinations"):
        code, name = (("origin", "origin_name") if view_id == "profile-origins"
                      else ("destination", "destination_name"))
        linkable = set(q.navigable_codes())
        frame = pd.DataFrame({
            "rank": range(1, len(rows) + 1), "name": rows[name].fillna(rows[code]).tolist(),
            "code": rows[code].tolist(), "value": rows["value"].tolist(), "period": rows["period"].astype(str).tolist(),
            "href": [language.href(f"/country/{x}", lang) if x in linkable else "" for x in rows[code]]})
        return Table(frame, {"rank": c("rank"), "name": c("country"), "code": c("code"), "value": c("value"),
                             "period": c("year")}, links={"name": "href"}, class_name="corridor-table")
    if view_id == "compare-series":
        return Table(rows, {"country": c("country"), "iso3": c("code"), "year": c("year"), "value": c("value"),
                            "unit": c("unit"), "flag": c("flag"), "source": c("source")})
    labels = {i["id"]: data_i18n.text(i["label"], lang) for i in store.catalog()["indicators"]}
    shown = rows.assign(indicator=rows["indicator"].map(lambda i: labels.get(i, i))) if "indicator" in rows else rows
    if "unit" in shown:
        shown = shown.assign(unit=shown["unit"].map(lambda u: data_i18n.text(u, lang) if isinstance(u, str) else u))
    return Table(shown, {"indicator": c("indicator"), "year": c("year"), "value": c("value"), "unit": c("unit"),
                         "flag": c("flag"), "source": c("source")})


PROFILE = register(ChartView(
    id="profile", table=card_table, page="/country", params=ISO3, data=_profile_rows, figure=_profile_figure, texts=_profile_texts,
    sources=lambda s: sorted({store.indicator_meta(i)["source_id"] for i in q.MAIN_SERIES}),
    full=full_indicators("profile-series", q.MAIN_SERIES),
    description="Small multiples of a country's main migration series, one panel per indicator.",
))


# ------------------------------------------------------------------ top corridors

def _corridor_view(direction: str) -> ChartView:
    code_col, name_col = ("origin", "origin_name") if direction == "origins" else ("destination", "destination_name")

    def data(state):
        return q.top_corridors(state["iso3"], direction)

    def figure(rows, state, lang):
        return fig.top_bars(rows, name_col=name_col, code_col=code_col, unit=data_i18n.text("persons", lang),
                            no_data=t("country.no_data", lang),
                            color=fig.PALETTE[0] if direction == "destinations" else fig.PALETTE[2], lang=lang)

    def texts(rows, state, lang):
        name = _name(state["iso3"], lang)
        src = store.measure_meta(q.CORRIDOR_MEASURE)["source_id"]
        if rows.empty:
            return {"title": t("country.corridors_title_none", lang, name=name),
                    "subtitle": t("country.no_data", lang), "source": charts.source_line(src, lang),
                    "summary": t("country.corridors_title_none", lang, name=name)}
        year = int(rows["year_start"].iloc[0])
        top = ", ".join(f"{r[name_col] or r[code_col]} ({fig.fmt_value(r['value'], lang=lang)})"
                        for _, r in rows.head(3).iterrows())
        return {
            "title": tn(f"country.{direction}_title", len(rows), lang, name=name, year=year),
            "subtitle": t("country.corridors_subtitle", lang, year=year),
            "source": charts.source_line(src, lang),
            "summary": t(f"country.{direction}_summary", lang, name=name, year=year, top=top),
        }

    return register(ChartView(
        id=f"profile-{direction}", table=card_table, page="/country", params=ISO3, data=data, figure=figure, texts=texts,
        sources=lambda s: [store.measure_meta(q.CORRIDOR_MEASURE)["source_id"]], full=full_measure(q.CORRIDOR_MEASURE),
        description=f"Top 10 {direction} of a country's migrant stock (UN DESA IMS 2024), latest year.",
    ))


ORIGINS = _corridor_view("origins")
DESTINATIONS = _corridor_view("destinations")


# ------------------------------------------------------------------ displacement trend

def _displacement_rows(state):
    return q.series((state["iso3"],), q.DISPLACEMENT_SERIES)


def _displacement_labels(lang: str = "en") -> dict[str, str]:
    return {i: data_i18n.text(store.indicator_meta(i)["label"], lang) for i in q.DISPLACEMENT_SERIES}


def _displacement_figure(rows, state, lang):
    return fig.lines(rows, by="indicator", labels=_displacement_labels(lang), unit=data_i18n.text("persons", lang),
                     no_data=t("country.no_data", lang), lang=lang)


def _displacement_texts(rows, state, lang):
    name = _name(state["iso3"], lang)
    span = _span(rows)
    parts = []
    for ind, label in _displacement_labels(lang).items():
        sub = rows[(rows["indicator"] == ind) & rows["value"].notna()] if len(rows) else rows
        if len(sub):
            last = sub.iloc[-1]
            parts.append(t("country.latest", lang, label=label, value=fig.fmt_value(last["value"], lang=lang),
                           year=int(last["year"])))
        else:
            parts.append(f"{label}: {t('country.no_data', lang)}")
    title = (t("country.displacement_title", lang, name=name, start=span[0], end=span[1]) if span
             else t("country.displacement_title_none", lang, name=name))
    return {
        "title": title,
        "subtitle": t("country.displacement_subtitle", lang),
        "source": _sources_line([store.indicator_meta(i)["source_id"] for i in q.DISPLACEMENT_SERIES], lang),
        "summary": t("country.displacement_summary", lang, name=name, parts="; ".join(parts)),
    }


DISPLACEMENT = register(ChartView(
    id="profile-displacement", table=card_table, page="/country", params=ISO3, data=_displacement_rows,
    figure=_displacement_figure, texts=_displacement_texts,
    sources=lambda s: sorted({store.indicator_meta(i)["source_id"] for i in q.DISPLACEMENT_SERIES}),
    full=full_indicators("profile-displacement", q.DISPLACEMENT_SERIES),
    description="Refugees (originating and hosted), asylum-seekers and IDPs of one country over time.",
))


# ------------------------------------------------------------------ comparison series

def _compare_rows(state):
    return q.series(tuple(state["countries"]), (state["indicator"],))


def _compare_figure(rows, state, lang):
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    labels = {c: _name(c, lang) for c in state["countries"]}
    return fig.lines(rows, by="iso3", labels=labels, unit=meta["unit"], no_data=t("country.no_data", lang),
                     height=420, lang=lang)


def _compare_texts(rows, state, lang):
    meta = data_i18n.localise(store.indicator_meta(state["indicator"]), lang)
    names = ", ".join(_name(c, lang) for c in state["countries"])
    span = _span(rows)
    parts = []
    for c in state["countries"]:
        sub = rows[(rows["iso3"] == c) & (rows["value"].notna() | (rows["flag"] == q.SUPPRESSED))] if len(rows) \
            else rows
        if len(sub):
            last = sub.iloc[-1]
            parts.append(f"{_name(c, lang)} {fig.fmt_value(last['value'], last['flag'], lang)} ({int(last['year'])})")
        else:
            parts.append(f"{_name(c, lang)}: {t('country.no_data', lang)}")
    title = (t("compare.series_title", lang, label=meta["label"], names=names, start=span[0], end=span[1]) if span
             else t("compare.series_title_none", lang, label=meta["label"], names=names))
    return {
        "title": title,
        "subtitle": t("compare.series_subtitle", lang, unit=meta["unit"]),
        "source": charts.source_line(meta["source_id"], lang),
        "summary": tn("compare.series_summary", len(state["countries"]), lang, label=meta["label"],
                      parts="; ".join(parts)),
    }


COMPARE_SERIES = register(ChartView(
    id="compare-series", table=card_table, page="/compare", params=COMPARE_PARAMS, data=_compare_rows, figure=_compare_figure,
    texts=_compare_texts, sources=lambda s: [store.indicator_meta(s["indicator"])["source_id"]],
    full=full_indicator(),
    description="One indicator for 2 to 8 countries over time, on a shared x axis.",
))
