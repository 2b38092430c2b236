"""Trafficking charts (page '/trafficking'): UNODC detected victims, breakdowns, prosecutions and convictions;
CTDC synthetic-record patterns (k-anonymity guarded); US TIP tiers to 2015."""
from __future__ import annotations

import pandas as pd

from .. import charts, numbers, store
from ..figures import trafficking as fig
from ..figures.displacement import PALETTE
from ..i18n import t, vocab, t_or
from ..queries import trafficking as q
from ..state import Param
from ..views import ChartView, Table, full_table, register

PAGE = "/trafficking"
TOP = 25


def _country_years(state) -> list[int]:
    return list(q.country_years(state["country"]))


COUNTRY = Param("country", "iso3", q.DEFAULT_COUNTRY, choices=lambda s: q.glotip_countries(), label="Country")
YEAR = Param("year", "int", lambda s: (_country_years(s) or [q.latest_year()])[-1], choices=_country_years, label="Year")
CTDC_BY = Param("ctdc_by", "choice", "victim_citizenship_region", choices=lambda s: tuple(q.CTDC_DIMS),
                label="CTDC patterns by")
WHO = Param("who", "choice", q.WORLD, choices=lambda s: q.who_areas(), label="Who are the victims: area")
PAGE_PARAMS = (COUNTRY, YEAR, CTDC_BY, WHO)


def _name(state, lang: str = "en") -> str:
    return store.country_names(lang).get(state["country"], state["country"])


def _vals(rows: pd.DataFrame, label: str, n: int = 4) -> str:
    return "; ".join(f"{lab} {txt}" for lab, txt in zip(rows[label].head(n), rows["value_txt"].head(n))) or "–"


# ------------------------------------------------------------------ ranking

def _rank_rows(state):
    return q.victims_by_country(state["year"])


def _rank_texts(rows, state, lang):
    shown = rows[rows["value"].notna()].head(TOP)
    return {"title": t("traf.rank.title", lang, year=state["year"]),
            "subtitle": t("traf.rank.subtitle", lang, year=state["year"], n=len(shown), total=len(rows),
                          lt5=int((rows["value_txt"] == "<5").sum())),
            "source": charts.source_line("unodc_glotip", lang),
            "summary": t("traf.rank.summary", lang, year=state["year"], top=_vals(shown, "country", 3))}


_GLOTIP = {"value_txt": "Value (as published)", "unit": "Unit", "flag": "Flag"}
TABLE_COLUMNS = {
    "traf-ranking": {"country": "Country", "year": "Year", **_GLOTIP},
    "traf-series": {"year": "Year", "indicator": "Indicator", **_GLOTIP},
    "traf-sex-age": {"sex": "Sex", "age": "Age", **_GLOTIP},
    "traf-forms": {"category": "Form of exploitation", **_GLOTIP},
    "traf-citizenship": {"category": "Citizenship (as published)", **_GLOTIP},
    "traf-ctdc": {"category": "Category", "exploitation": "Exploitation", "records_txt": "Synthetic records",
                  "share_pct": "Share of category, %", "flag": "Flag", "unit": "Unit"},
    "traf-tip": {"report_year": "Report year", "tier": "Tier", "flag": "Flag"},
    "traf-who": {"year": "Year", "part": "Victims", "value": "Detected", "members_with_data": "Countries pooled",
                 "coverage_pct": "Coverage, % of detected victims", "flag": "Flag"},
    "traf-who-forms": {"year": "Year", "form": "Form of exploitation", "sex": "Sex", "value": "Detected",
                       "members_with_data": "Countries pooled", "flag": "Flag"},
}


def card_table(view_id: str, rows: pd.DataFrame, state: dict, lang: str = "en") -> Table:
    """The card's table (the rows as published); downloads keep every column of ``data``."""
    if view_id == "traf-ctdc":  # the record counts in the page language, a withheld cell in words
        rows = rows.assign(records_txt=[t("traf.ctdc.withheld_cell", lang, k=q.K) if sup else numbers.whole(n, lang)
                                        for n, sup in zip(rows["records"], rows["suppressed"])])
    return Table(rows, TABLE_COLUMNS[view_id])


RANKING = register(ChartView(
    id="traf-ranking", table=card_table, page=PAGE, params=(COUNTRY, YEAR), data=_rank_rows,
    figure=lambda rows, s, lang: fig.bars(rows[rows["value"].notna()].head(TOP), lang=lang, label="country",
                                          unit=t("traf.unit", lang), no_data_text=t("traf.no_data", lang)),
    texts=_rank_texts, sources=lambda s: ["unodc_glotip"],
    full=full_table("unodc_glotip"),
    description="UNODC detected victims by country in a year ('<5' listed, never as numbers).",
))


# ------------------------------------------------------------------ country series

def _series_labels(lang):
    return {q.VICTIMS: t("traf.series.victims", lang), q.PROSECUTED: t("traf.series.prosecuted", lang),
            q.CONVICTED: t("traf.series.convicted", lang)}


def _series_texts(rows, state, lang):
    span = {"y0": int(rows["year"].min()), "y1": int(rows["year"].max())} if len(rows) else {"y0": "–", "y1": "–"}
    labels = _series_labels(lang)
    if len(rows):
        last = rows[rows["year"] == rows["year"].max()]
        values = "; ".join(f"{labels[i]} {v}" for i, v in zip(last["indicator"], last["value_txt"]))
        year = int(rows["year"].max())
    else:
        values, year = "–", "–"
    return {"title": t("traf.series.title", lang, country=_name(state, lang), **span),
            "subtitle": t("traf.series.subtitle", lang), "source": charts.source_line("unodc_glotip", lang),
            "summary": t("traf.series.summary", lang, country=_name(state, lang), year=year, values=values)}


SERIES = register(ChartView(
    id="traf-series", table=card_table, page=PAGE, params=(COUNTRY,),
    data=lambda s: q.country_series(s["country"]),
    figure=lambda rows, s, lang: fig.series(rows, labels=_series_labels(lang), unit=t("traf.unit", lang),
                                            no_data_text=t("traf.no_data", lang), lt5_text=t("traf.lt5", lang)),
    texts=_series_texts, sources=lambda s: ["unodc_glotip"],
    full=full_table("unodc_glotip"),
    description="Detected victims, persons prosecuted and convicted per year for one country.",
))


# ------------------------------------------------------------------ breakdowns

def _breakdown_view(view_id, kind, title_key, subtitle_key, color, label_fn):
    def rows_fn(state):
        return q.breakdown(state["country"], state["year"], kind)

    def figure(rows, state, lang):
        rows = rows.assign(label=label_fn(rows, lang))
        return fig.bars(rows, lang=lang, label="label", unit=t("traf.unit", lang), no_data_text=t("traf.no_data", lang),
                        color=color)

    def texts(rows, state, lang):
        title = t(title_key, lang, country=_name(state, lang), year=state["year"])
        return {"title": title, "subtitle": t(subtitle_key, lang),
                "source": charts.source_line("unodc_glotip", lang),
                "summary": t("traf.breakdown.summary", lang, what=title.split(":")[0], country=_name(state, lang),
                             year=state["year"], values=_vals(rows.assign(label=label_fn(rows, lang)), "label"))}

    return register(ChartView(id=view_id, table=card_table, page=PAGE, params=(COUNTRY, YEAR), data=rows_fn, figure=figure,
                              display=("sex", "age", "category", "flag"),
                              texts=texts, sources=lambda s: ["unodc_glotip"], full=full_table("unodc_glotip"),
                              description=f"UNODC detected victims by {kind} for one country-year."))


SEX_AGE = _breakdown_view("traf-sex-age", "sex_age", "traf.sexage.title", "traf.breakdown.subtitle", PALETTE[0],
                          lambda r, lang: (r["sex"] + ", " + r["age"]).str.replace(vocab("Total", lang),
                                                                                   t("traf.all", lang), regex=False))
FORMS = _breakdown_view("traf-forms", "form", "traf.form.title", "traf.breakdown.subtitle", PALETTE[1],
                        lambda r, lang: r["category"].astype("string").fillna(t("traf.not_stated", lang)))
CITIZENSHIP = _breakdown_view("traf-citizenship", "citizenship", "traf.cit.title", "traf.cit.subtitle", PALETTE[2],
                              lambda r, lang: r["category"].astype("string").fillna(t("traf.label_not_published", lang)))


# ------------------------------------------------------------------ CTDC

def _ctdc_texts(rows, state, lang):
    dim = vocab(q.CTDC_DIMS[state["ctdc_by"]], lang)
    body = rows[~rows["is_total"] & rows["share_pct"].notna()]
    top = body.sort_values("share_pct", ascending=False).head(3)
    values = "; ".join(f"{r.category}: {r.exploitation} {r.share_pct:.0f}%" for r in top.itertuples()) or "–"
    return {"title": t("traf.ctdc.title", lang, dim=dim.lower()), "subtitle": t("traf.ctdc.subtitle", lang),
            "source": charts.source_line("ctdc_vp_synthetic", lang),
            "summary": t("traf.ctdc.summary", lang, dim=dim.lower(), values=values)}


CTDC = register(ChartView(
    id="traf-ctdc", table=card_table, page=PAGE, params=(CTDC_BY,),
    data=lambda s: q.ctdc_view(s["ctdc_by"]),
    figure=lambda rows, s, lang: fig.ctdc_shares(
        rows.assign(records_txt=[t("traf.ctdc.withheld_cell", lang, k=q.K) if sup else numbers.whole(n, lang)
                                 for n, sup in zip(rows["records"], rows["suppressed"])]),
        order=tuple(vocab(e, lang) for e in q.EXPLOITATION), no_data_text=t("traf.no_data", lang),
        unit=t("traf.ctdc.unit", lang), withheld_text=t("traf.ctdc.withheld", lang),
        records=t("traf.ctdc.records", lang)),
    display=("category", "exploitation"),
    texts=_ctdc_texts, sources=lambda s: ["ctdc_vp_synthetic"],
    full=full_table("ctdc_synthetic"),
    description="CTDC synthetic records: exploitation type by one dimension, k >= 11 with complementary suppression.",
))


# ------------------------------------------------------------------ US TIP

def _tip_texts(rows, state, lang):
    nr = t("traf.tip.not_ranked", lang)
    values = ", ".join(f"{y}: {tier if isinstance(tier, str) else nr}"
                       for y, tier in zip(rows["report_year"].tail(3), rows["tier"].tail(3))) or "–"
    first, last = q.tip_span()
    return {"title": t("traf.tip.title", lang, country=_name(state, lang), first=first, last=last),
            "subtitle": t("traf.tip.subtitle", lang, last=last),
            "source": charts.source_line("us_tip_tiers", lang),
            "summary": t("traf.tip.summary", lang, country=_name(state, lang), last=last, values=values)}


TIP = register(ChartView(
    id="traf-tip", table=card_table, page=PAGE, params=(COUNTRY,),
    data=lambda s: q.tip_timeline(s["country"]),
    figure=lambda rows, s, lang: fig.tip(rows, no_data_text=t("traf.no_data", lang),
                                         not_ranked=t("traf.tip.not_ranked", lang),
                                         end_note=t("traf.tip.end", lang, last=q.tip_span()[1]),
                                         xtitle=t("traf.tip.xtitle", lang), span=q.tip_span(),
                                         tier_label=lambda tier: vocab(tier, lang)),
    texts=_tip_texts, sources=lambda s: ["us_tip_tiers"],
    full=full_table("us_tip_tiers"),
    description="US TIP report tier placements over the report years in the bundle.",
))

# ------------------------------------------------------------------ who the detected victims are

def _who_labels(lang):
    return {p: t(f"traf.who.{p}", lang) for p in q.WHO_PARTS}


def _shares(rows: pd.DataFrame) -> tuple[int | str, float | None, float | None]:
    """(latest year shown, % female, % children) of the pooled parts (same victims in both shares)."""
    shown = rows[rows["value"].notna()]
    if shown.empty:
        return "–", None, None
    year = int(shown["year"].max())
    v = shown[shown["year"] == year].set_index("part")["value"]
    total = v.sum()
    if not total:
        return year, None, None
    return year, (v["girls"] + v["women"]) / total * 100, (v["girls"] + v["boys"]) / total * 100


def _area(state, lang) -> str:
    return t("traf.who.world", lang) if state["who"] == q.WORLD else q.area_name(state["who"], lang)


def _form(label: str, lang: str) -> str:
    return t_or(f"traf.form_label.{label.lower().replace(' ', '_')}", lang, label)


def _who_texts(rows, state, lang):
    area = _area(state, lang)
    year, female, children = _shares(rows)
    return {"title": t("traf.who.title", lang, area=area),
            "subtitle": t("traf.who.subtitle", lang) + " " + t("traf.who.caveat", lang),
            "source": charts.source_line("unodc_glotip", lang),
            "summary": t("traf.who.summary", lang, area=area, year=year, female=numbers.percent(female, lang, 0),
                         children=numbers.percent(children, lang, 0))}


WHO_VIEW = register(ChartView(
    id="traf-who", table=card_table, page=PAGE, params=(WHO,),
    data=lambda s: q.victims_who(s["who"]),
    figure=lambda rows, s, lang: fig.who_stacked(rows, labels=_who_labels(lang), unit=t("traf.unit", lang),
                                                 no_data_text=t("traf.no_data", lang),
                                                 coverage_text=t("traf.who.coverage", lang),
                                                 low_text=t("traf.who.low", lang),
                                                 low_hover=t("flag.coverage_below_threshold", lang)),
    texts=_who_texts, sources=lambda s: ["unodc_glotip"],
    full=full_table("unodc_glotip"),
    description="Detected girls, boys, women and men per year for a country, a group or the world (UNODC), "
                "pooled over the members that publish all four, with coverage.",
))


def _forms_texts(rows, state, lang):
    area = _area(state, lang)
    year = int(rows["year"].iloc[0]) if len(rows) else "–"
    top = rows.groupby("form", sort=False)["value"].sum().head(1)
    return {"title": t("traf.whoforms.title", lang, area=area, year=year) if len(rows) else
            t("traf.whoforms.title_none", lang, area=area),
            "subtitle": t("traf.whoforms.subtitle", lang) + " " + t("traf.who.caveat", lang),
            "source": charts.source_line("unodc_glotip", lang),
            "summary": t("traf.whoforms.summary", lang, area=area, year=year,
                         top=_form(top.index[0], lang).lower() if len(top) else "–")}


WHO_FORMS = register(ChartView(
    id="traf-who-forms", table=card_table, page=PAGE, params=(WHO,),
    data=lambda s: q.forms_by_sex(s["who"]),
    figure=lambda rows, s, lang: fig.forms_by_sex(rows.assign(form=[_form(f, lang) for f in rows["form"]]), lang=lang,
                                                  sex_labels={"female": t("traf.who.female", lang),
                                                                    "male": t("traf.who.male", lang)},
                                                  unit=t("traf.unit", lang), no_data_text=t("traf.no_data", lang)),
    texts=_forms_texts, sources=lambda s: ["unodc_glotip"],
    full=full_table("unodc_glotip"),
    description="Detected victims by form of exploitation, female and male, in the latest year (UNODC).",
))

VIEW_IDS = ("traf-ranking", "traf-series", "traf-sex-age", "traf-forms", "traf-citizenship", "traf-ctdc", "traf-tip",
            "traf-who", "traf-who-forms")
