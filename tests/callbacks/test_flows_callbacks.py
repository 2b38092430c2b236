"""Flows callbacks as plain functions: measure-dependent controls, URL state, and the page update."""
from __future__ import annotations

from callbacks import corridor as cc
from callbacks import flows as cb


def test_measure_change_offers_its_methods_sexes_and_periods():
    (m_opts, method, m_style, s_opts, sex, s_style, y_opts, year) = cb.sync_measure_controls(
        "flow_5y", None, "total", 2024)
    assert method == "da_pb_closed" and len(m_opts) == 6 and m_style == {}
    assert year == 2015 and y_opts[0]["label"] == "2015-2020"
    (m_opts, method, m_style, s_opts, sex, s_style, y_opts, year) = cb.sync_measure_controls(
        "refugees", "da_pb_closed", "female", 2015)
    assert method is None and m_style == {"display": "none"} and sex == "total" and s_style == {"display": "none"}
    assert year == 2015


def test_url_holds_only_what_differs_from_defaults():
    assert cb.write_url("BIH", "origin", "stock", None, "total", 2024, 10, 0, "WB6") == ""
    url = cb.write_url("DEU", "destination", "flow_5y", "sd_rev_neg", "female", 2005, 25, 2, "EU27")
    for part in ("focus=DEU", "role=destination", "measure=flow_5y", "method=sd_rev_neg", "sex=female",
                 "year=2005", "top=25", "other=2", "group=EU27"):
        assert part in url


def test_update_fills_four_cards_and_corridor_links():
    out = cb.update_charts("BIH", "origin", "stock", None, "total", 2024, 10, 0, "WB6")
    assert len(out) == 4 * 7 + 1
    assert "Bosnia and Herzegovina" in out[1] and "2024" in out[1]
    links = out[-1]
    hrefs = [getattr(a, "href", None) for a in links]
    assert "/corridor/BIH-DEU" in hrefs and "/corridor/BIH-HRV" in hrefs


def test_bad_control_values_fall_back_to_defaults():
    state = cb.page_state("ZZZ", "sideways", "stock", None, "total", None, 500, -3, "WB6")
    assert state["focus"] == "BIH" and state["role"] == "origin" and state["top"] == 10 and state["other"] == 0


def test_corridor_page_fills_every_measure_and_shares():
    out = cc.fill_corridor("BIH-DEU")
    assert len(out) == 5 * 7 + 1 and out[-1] is not None
    titles = [out[i * 7 + 1] for i in range(5)]
    assert any("Migrant stock by origin" in x for x in titles) and any("Gaskin" in x for x in titles)
    assert cc.fill_corridor("BIH-XYZ")[-1] is None


def test_map_extent_is_page_state_in_the_url_and_hostile_values_fall_back_to_the_fitted_map():
    base = ("BIH", "origin", "stock", None, "total", 2024, 10, 0, "WB6")
    assert cb.write_url(*base, "fit") == ""  # the default
    assert cb.write_url(*base, "europe", "?lang=bs") == "?v=1&extent=europe&lang=bs"
    europe = cb.update_charts(*base, "europe")[0]["layout"]["geo"]
    assert europe["lonaxis"]["range"] == [-13.0, 42.0]
    fitted = cb.update_charts(*base, "fit")[0]["layout"]["geo"]
    for bad in ("<script>", ["world"], {"a": 1}, 7, "", None, "x" * 5000):  # what a hand-made request may send
        assert cb.page_state(*base, bad)["extent"] == "fit"
        assert cb.write_url(*base, bad) == ""
        assert cb.update_charts(*base, bad)[0]["layout"]["geo"] == fitted
    # the other cards do not depend on the extent (their cached card is reused)
    assert cb.update_charts(*base, "world")[7:-1] == cb.update_charts(*base, "fit")[7:-1]
