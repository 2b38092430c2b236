"""Empty and partial states say why (layouts/cards.py empty_note / coverage_note, layouts/country.py within_note):
a chart without rows offers no 'Download CSV (0 rows)', a territory its publisher counts within another country says
so with a link to that profile, and a group filter whose members lack data says which."""
from __future__ import annotations

import json

from dashboard import store, views
from layouts import cards
from layouts.country import key_figures_table
from dashboard.queries import profile as q


def _markup(actions) -> str:
    """A card's actions part (one server-built HTML string in a holder: cards.actions_holder) as its HTML."""
    assert [a["props"]["className"] for a in actions] == [cards.ACTIONS_CLASS]
    return actions[0]["props"]["data-html"]


def _actions(view_id, query, lang="en"):
    state, _ = views.parse(view_id, query)
    return _markup(cards.card(view_id, state, lang)[6]), state


def test_counted_within_comes_from_the_bundle_rules(app):
    with app.server.app_context():
        assert store.counted_within("undesa_ims2024", "XKX") == "SRB"
        assert store.counted_within("undesa_ims2024", "SRB") is None
        assert store.counted_within("wb_population", "XKX") is None


def test_kosovo_corridors_explain_and_offer_no_empty_download(app):
    with app.server.app_context():
        for view_id in ("profile-origins", "profile-destinations"):
            actions, state = _actions(view_id, {"iso3": "XKX"})
            assert views.data(view_id, state).empty
            assert "chart-empty" in actions and "UN DESA counts Kosovo" in actions and "within Serbia" in actions
            assert "/country/SRB" in actions
            assert 'data-action="csv"' not in actions and "0 rows" not in actions and "xlsx" not in actions
        actions, _ = _actions("profile-origins", {"iso3": "XKX"}, "bs")
        assert "UN DESA računa" in actions and "/country/SRB?lang=bs" in actions


def test_a_chart_with_rows_has_no_empty_note(app):
    with app.server.app_context():
        actions, _ = _actions("profile-origins", {"iso3": "BIH"})
        assert "chart-empty" not in actions and 'data-action="csv"' in actions


def test_group_filter_says_how_many_members_have_data(app):
    with app.server.app_context():
        actions, state = _actions("ranking", {"group": "WB6"})
        members = store.group_members("WB6")
        have = set(views.data("ranking", state)["iso3"]) & set(members)
        assert len(have) < len(members)
        assert f"{len(have)} of {len(members)} members" in actions and "Kosovo" in actions
        actions, _ = _actions("ranking", {"group": "WB6", "indicator": "population"})
        assert "chart-coverage" not in actions  # every member has a population


def test_kosovo_key_figures_say_the_source_counts_it_within_serbia(app):
    with app.server.app_context():
        text = json.dumps(key_figures_table(q.key_figures("XKX"), "en").to_plotly_json(), default=str)
        assert "UN DESA counts Kosovo" in text and "UNHCR counts Kosovo" in text and "/country/SRB" in text
        text = json.dumps(key_figures_table(q.key_figures("BIH"), "en").to_plotly_json(), default=str)
        assert "kf-within" not in text


def test_flows_of_kosovo_never_say_top_0(app):
    with app.server.app_context():
        for view_id in ("corridors-top", "sankey", "flows-map"):
            state, _ = views.parse(view_id, {"focus": "XKX"})
            r = views.render(view_id, state, "en")
            assert r["rows"] == 0 and "Top 0" not in r["title"] and "Kosovo" in r["title"], r["title"]
            actions = _markup(cards.card(view_id, state, "en")[6])
            assert "UN DESA counts Kosovo" in actions and "0 rows" not in actions


def test_time_series_cards_read_the_change_over_the_period(app):
    with app.server.app_context():
        actions, state = _actions("series", {"indicator": "refugees_hosted", "countries": "TUR"})
        rows = views.data("series", state)
        tur = rows[(rows["code"] == "TUR") & rows["value"].notna()].sort_values("year")
        a, b = tur["value"].iloc[0], tur["value"].iloc[-1]
        assert "chart-change" in actions and "Change over the period" in actions
        from dashboard import numbers
        assert numbers.exact(a) in actions and numbers.exact(b) in actions
        assert numbers.percent((b - a) / a * 100) in actions
        actions, _ = _actions("compare-series", {"countries": "BIH,SRB"}, "fr")
        assert "Évolution sur la période" in actions


def test_chosen_countries_without_data_on_the_chart_are_named(app):
    """Issue 16: 'after changing the indicator the series keeps countries that have no data for it' -- silently.
    Now the card names them, in the page language, and names nobody when every chosen country is drawn."""
    with app.server.app_context():
        query = {"indicator": "refugees_hosted", "countries": "BIH,XKX,SRB"}
        state, _ = views.parse("series", query)
        drawn = set(views.data("series", state)["code"])
        assert {"BIH", "SRB"} <= drawn and "XKX" not in drawn  # the bundle's fact this test stands on
        actions, _ = _actions("series", query)
        assert "No data on this chart for: Kosovo" in actions and 'data-missing="XKX"' in actions
        actions, _ = _actions("series", query, "bs")
        assert "Nema podataka na ovom grafikonu za: Kosovo" in actions
        actions, _ = _actions("compare-series", {"countries": "BIH,XKX,SRB"}, "fr")
        assert "Pas de données dans ce graphique pour : Kosovo" in actions
        actions, _ = _actions("series", {"indicator": "refugees_hosted", "countries": "BIH,SRB"})
        assert "No data on this chart for" not in actions


def test_no_card_or_key_figure_writes_nan_or_none(app):
    """Issue 16: '327 persons (nan)' in Germany's profile. No card (any registered chart, in its default state and for
    Germany and Kosovo) and no profile's key figures write a missing value as nan/None: missing reads as missing."""
    import re

    leak = re.compile(r"\((?:nan|NaN|None|<NA>)\)|\b(?:nan|NaN|None|<NA>) (?:persons|%|US\$)|>(?:nan|NaN|None)<")
    with app.server.app_context():
        found = []
        for view_id in sorted(views.load_all()):
            for query in ({}, {"iso3": "DEU"}, {"iso3": "XKX"}):
                state, _ = views.parse(view_id, query)
                text = json.dumps(cards.card(view_id, state, "en")[1:], ensure_ascii=False)
                found += [(view_id, query, m.group(0)) for m in leak.finditer(text)]
        for iso3 in ("DEU", "XKX", "BIH"):
            text = json.dumps(key_figures_table(q.key_figures(iso3), "en").to_plotly_json(), default=str)
            found += [(iso3, m.group(0)) for m in leak.finditer(text)]
        assert found == []
        assert leak.search("327 persons (nan)")  # the finding itself is caught
def test_a_top_n_ranking_does_not_call_the_members_cut_off_by_n_missing(app):
    with app.server.app_context():
        # EU27, top 5: 22 members are below the cut, not without data; the view says which have none at all
        state, _ = views.parse("ranking", {"group": "EU27", "n": "5"})
        assert len(views.data("ranking", state)) == 5
        assert cards.coverage_note("ranking", state, views.data("ranking", state), "en") is None
        # WB6 at top 5: the one member without data is named (Kosovo), not the one below the cut
        state, _ = views.parse("ranking", {"group": "WB6", "n": "5"})
        note = cards.coverage_note("ranking", state, views.data("ranking", state), "en")
        assert note is not None and note.to_plotly_json()["props"]["data-missing"] == "XKX"


def test_kosovo_profile_draws_only_panels_with_data_and_says_why_the_others_are_missing(app):
    """No blank 'No data' panels on Kosovo's profile: the small multiples draw the panels with data; the card names
    the others by publisher and says UN DESA and UNHCR count Kosovo within Serbia, with a link to Serbia."""
    from dashboard.queries import profile as pq
    with app.server.app_context():
        state, _ = views.parse("profile", {"iso3": "XKX"})
        rows = views.data("profile", state)
        have = set(rows.loc[rows["value"].notna(), "indicator"])
        assert 0 < len(have) < len(pq.MAIN_SERIES)
        fig = views.render("profile", state)["figure"]
        drawn = {tr["name"] for tr in fig["data"]}
        titles = {a["text"] for a in fig["layout"].get("annotations", [])}
        assert "No data" not in titles and len(drawn) == len(have)  # one panel per indicator with data, no blank one
        assert fig["layout"]["height"] <= 60 + 190 * -(-len(have) // 2)
        actions = _markup(cards.card("profile", state, "en")[6])
        assert "Not drawn, no data from UN DESA: International migrant stock" in actions
        assert "(UN DESA IMS 2024)" not in actions  # plain words, not the edition code
        assert "UN DESA counts Kosovo (UNSCR 1244) within Serbia" in actions and "UNHCR counts Kosovo" in actions
        assert "/country/SRB" in actions and "(0 rows)" not in actions
        bs = _markup(cards.card("profile", state, "bs")[6])
        assert "Nije prikazano, nema podataka od UN DESA" in bs and "/country/SRB?lang=bs" in bs


def test_a_profile_with_every_panel_has_no_parts_note(app):
    with app.server.app_context():
        state, _ = views.parse("profile", {"iso3": "DEU"})
        assert "chart-empty-parts" not in _markup(cards.card("profile", state, "en")[6])
