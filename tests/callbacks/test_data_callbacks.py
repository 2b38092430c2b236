"""Data catalogue page as plain functions: the source filter, URL state, the layout read back from the URL."""
from __future__ import annotations

from urllib.parse import parse_qs

from callbacks import data as cb
from dashboard import ids
from dashboard.i18n import t, tn
from dashboard.queries import catalogue
from layouts import data as lx


def _find(component, cid):
    if getattr(component, "id", None) == cid:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, cid)
            if found is not None:
                return found
    return None


def test_source_filter_narrows_the_catalogue_table(app):
    with app.server.test_request_context("/data"):
        everything = cb.filter_catalogue("", None, None, "")
        unhcr = cb.filter_catalogue("", None, "unhcr", "")
    n_all, n_unhcr = len(catalogue.search()), len(catalogue.search(source_id="unhcr"))
    assert n_unhcr < n_all
    assert everything[0].children == tn("data.matches", n_all) and unhcr[0].children == tn("data.matches", n_unhcr)
    table = getattr(unhcr[1], "data-html")  # layouts.components.table_holder
    assert "refugees_hosted" in table and "idps_conflict" not in table
    assert t("data.col.dataset") in table and "Refugee Population Statistics Database" in table
    # an unknown source (only possible through a crafted request) filters nothing, never an error
    with app.server.test_request_context("/data"):
        assert cb.filter_catalogue("", None, "nope", "")[0].children == tn("data.matches", n_all)


def test_url_holds_every_filter_that_is_set_and_nothing_else():
    assert cb.page_search() == ""
    assert cb.write_url("", None, None, "", None, "", "") == ""
    url = cb.write_url("refugee camps", "displacement", "unhcr", "no", "refugees_hosted", "WB6", "2020-2022")
    assert parse_qs(url.lstrip("?")) == {"keyword": ["refugee camps"], "theme": ["displacement"],
                                         "source": ["unhcr"], "licence": ["no"], "indicator": ["refugees_hosted"],
                                         "countries": ["WB6"], "years": ["2020-2022"]}
    assert cb.write_url("", None, "idmc", "", "idps_conflict", "", "") == "?source=idmc&indicator=idps_conflict"


def test_layout_restores_the_filters_from_the_url(app):
    query = parse_qs(cb.write_url("camps", "displacement", "unhcr", "no", "refugees_hosted", "", "").lstrip("?"))
    with app.server.test_request_context("/data"):
        page = lx.layout(**{k: v[-1] for k, v in query.items()})
    assert _find(page, ids.DATA_SOURCE).value == "unhcr"
    assert _find(page, ids.DATA_KEYWORD).value == "camps"
    assert _find(page, ids.DATA_THEME).value == "displacement"
    assert _find(page, ids.DATA_LICENCE).value == "no"
    assert _find(page, ids.DATA_INDICATOR).value == "refugees_hosted"
    notice = _find(page, ids.DATA_SOURCE_NOTICE)
    assert not notice.children and "notice-empty" in notice.className
    options = _find(page, ids.DATA_SOURCE).options
    assert {o["value"] for o in options} == set(catalogue.sources()["source_id"])
    unhcr = next(o for o in options if o["value"] == "unhcr")
    n = int(catalogue.sources().set_index("source_id").loc["unhcr", "indicators"])
    assert unhcr["label"] == tn("data.source.option", n, label="UNHCR, the UN Refugee Agency: Refugee Population "
                                                               "Statistics Database")


def test_layout_bad_url_values_fall_back_with_a_clear_notice(app):
    with app.server.test_request_context("/data"):
        page = lx.layout(source="=cmd|calc", theme="weather", licence="maybe", lang="fr")
    assert _find(page, ids.DATA_SOURCE).value is None
    assert _find(page, ids.DATA_THEME).value is None and _find(page, ids.DATA_LICENCE).value == ""
    notice = _find(page, ids.DATA_SOURCE_NOTICE)
    assert notice.children == t("data.source.unknown", "fr", source="=cmd|calc") and notice.className == "notice"
    assert _find(page, ids.DATA_SOURCE).placeholder == t("data.source.any", "fr")


def test_preview_has_a_cite_link_to_the_selection(app, client):
    """/data's Cite button leads to the 'Cite this view' page of the chosen dataset with the current filter (the
    indicator, its group and countries, the last year of the range) in the page language."""
    with app.server.test_request_context("/data"):
        preview, _, _ = cb.preview("refugees_hosted", ["WB6", "HRV"], "2010-2020", "?lang=bs")
    link = _find(html_div(preview), "data-cite")
    assert link is not None and link.children == t("actions.cite", "bs") and link.title == t("data.cite_title", "bs")
    path, _, query = link.href.partition("?")
    assert path == "/cite/series"
    q = {k: v[0] for k, v in parse_qs(query).items()}
    assert q["indicator"] == "refugees_hosted" and q["group"] == "WB6" and q["countries"] == "HRV"
    assert q["year"] == "2020" and q["lang"] == "bs"
    page = client.get(link.href)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "UNHCR" in text and "HRV" in text  # the publisher and the selection are cited
    # a year the chart does not have is left out (the cite page would otherwise cite another year than asked)
    with app.server.test_request_context("/data"):
        later = _find(html_div(cb.preview("refugees_hosted", ["BIH"], "2090-2099", "")[0]), "data-cite")
    assert "year=" not in later.href and "countries=BIH" in later.href


def html_div(children):
    from dash import html

    return html.Div(children)


def test_preview_gives_its_flag_codes_in_the_words_of_the_charts(app):
    """Issue 16: '/data: the flag reads "imputed" where the profile says "(estimate)"'. The preview keeps the API's
    codes in its rows and lists each code present with the words every chart and profile uses, in the page
    language; rows without flags get no list."""
    from dashboard import store
    from dashboard.i18n import flag_text

    rows = store.indicator_values("migrant_stock", None, None)
    assert "imputed" in set(rows["flag"].dropna())  # the bundle's fact this test stands on
    with app.server.test_request_context("/data"):
        for lang, words in (("en", "estimate"), ("bs", flag_text("imputed", "bs")), ("fr", flag_text("imputed", "fr"))):
            out, _, _ = cb.preview("migrant_stock", "", "", f"?lang={lang}")
            glossary = next(c for c in out if getattr(c, "id", None) == "data-flags")
            pairs = glossary.children[1].children
            codes = [p.children.children for p in pairs[0::2]]
            texts = dict(zip(codes, [p.children for p in pairs[1::2]]))
            assert texts["imputed"] == words and words != "imputed"
        empty = cb.flag_glossary(rows.assign(flag=None), "en")
        assert empty is None
