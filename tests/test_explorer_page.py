"""Explorer page helpers: grouped indicator picker, year marks, selection toggling, state from controls."""
from __future__ import annotations

from callbacks import explorer as cx
from layouts import explorer as lx


def test_indicator_picker_is_grouped_by_theme_with_disabled_headings():
    opts = lx.indicator_options()
    headings = [o["label"] for o in opts if o.get("disabled")]
    assert headings[:4] == ["— Flows and stocks —", "— Displacement —", "— Trafficking —", "— Context —"]
    values = [o["value"] for o in opts if not o.get("disabled")]
    assert "migrant_stock" in values and "refugees_hosted" in values and len(values) == len(set(values))


def test_year_marks_label_first_and_last_year():
    years = list(range(1951, 2026))
    marks = lx.year_marks(years)
    assert marks[0] == "1951" and marks[len(years) - 1] == "2025"
    assert 6 <= len(marks) <= 11


def test_toggle_adds_removes_and_refuses_a_ninth_country():
    assert cx.toggle(["BIH"], "SRB") == (["BIH", "SRB"], False)
    assert cx.toggle(["BIH", "SRB"], "BIH") == (["SRB"], False)
    full = ["A%02d" % i for i in range(8)]
    assert cx.toggle(full, "BIH") == (full, True)


def test_page_state_from_controls_falls_back_and_keeps_an_empty_selection():
    state = cx.page_state("migrant_stock_pct", 2020, "capita1000", "WB6", [], 10, "top")
    assert state["per"] == "abs" and state["countries"] == () and state["group"] == "WB6"
    state = cx.page_state("migrant_stock", 1991, "abs", None, ["BIH"], 10, "top")
    assert state["year"] == 2024 and state["countries"] == ("BIH",)


def test_layout_parses_the_url_and_shows_notices():
    page = lx.layout(indicator="nonsense", countries="BIH,SRB", group="WB6")
    assert "Bosnia and Herzegovina" in str(page) and "Serbia" in str(page)  # selection chips from the URL
    notice = next(c for c in page.children if getattr(c, "id", None) == "notice")
    assert "nonsense" in str(notice.children)


def test_every_ranking_shade_is_explained_in_its_subtitle(app):
    """Issue 16: 'continuous scales with unexplained shades (dark and light ranking bars)'. A dark bar (a country
    also drawn in the chart over time) and a red bar (a negative value) are said in the subtitle when, and only
    when, the chart draws one."""
    from dashboard import views
    from dashboard.figures.ranking import BAR, BAR_SELECTED, NEGATIVE
    from dashboard.i18n import t

    with app.server.app_context():
        cases = [({"indicator": "migrant_stock", "countries": "DEU"}, {BAR, BAR_SELECTED}),
                 ({"indicator": "migrant_stock", "countries": "BIH"}, {BAR}),
                 ({"indicator": "net_migration", "order": "bottom", "countries": ""}, {NEGATIVE})]
        for query, colours in cases:
            state, _ = views.parse("ranking", query)
            rendered = views.render("ranking", state, "fr")
            drawn = set(rendered["figure"]["data"][0]["marker"]["color"])
            assert drawn == colours, (query, drawn)
            subtitle = rendered["subtitle"]
            assert (t("explorer.ranking.shade_selected", "fr") in subtitle) == (BAR_SELECTED in drawn), query
            assert (t("explorer.ranking.shade_negative", "fr") in subtitle) == (NEGATIVE in drawn), query
