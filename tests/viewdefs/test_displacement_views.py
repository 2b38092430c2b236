"""Displacement and trafficking chart views: registered, URL state round-trips, texts say what/when/units/source."""
from __future__ import annotations

import pytest

from dashboard import state, views
from dashboard.viewdefs import displacement as vd
from dashboard.viewdefs import trafficking as vt


@pytest.mark.parametrize("view_id", vd.VIEW_IDS + vt.VIEW_IDS)
def test_every_view_renders_with_texts_and_rows(view_id):
    st, notices = views.parse(view_id, {})
    assert notices == []
    out = views.render(view_id, st)
    assert out["title"] and out["subtitle"] and out["summary"] and out["source"].startswith("Source")
    assert out["figure"]["data"] or out["figure"]["layout"].get("annotations")
    rows = views.data(view_id, st)
    assert out["rows"] == len(rows)


def test_top_origins_2022_title_and_first_row():
    st, _ = views.parse("disp-top-origins", "?year=2022")
    out = views.render("disp-top-origins", st)
    assert "2022" in out["title"] and "Syrian Arab Republic" in out["summary"]


def test_idmc_source_is_non_commercial():
    st, _ = views.parse("disp-idmc", {"area": "UKR"})
    out = views.render("disp-idmc", st)
    assert "CC BY-NC" in out["source_full"] and "Non-commercial" in out["source_full"] and "Ukraine" in out["title"]


def test_page_state_round_trip_and_bad_values_fall_back():
    st, notices = state.parse(vd.PAGE_PARAMS, "?area=SYR&role=origin&year=2022&pop=refugees")
    assert notices == [] and st == {"area": "SYR", "role": "origin", "year": 2022, "pop": "refugees"}
    assert state.parse(vd.PAGE_PARAMS, state.serialize(vd.PAGE_PARAMS, st))[0] == st
    st, notices = state.parse(vd.PAGE_PARAMS, "?area=XYZ&year=1800")
    assert st["area"] == "WLD" and len(notices) == 2
    st, notices = state.parse(vt.PAGE_PARAMS, "?country=ALB&year=2017&ctdc_by=victim_gender")
    assert notices == [] and st["year"] == 2017
    st, notices = state.parse(vt.PAGE_PARAMS, "?country=ALB&year=1990&ctdc_by=nope")
    assert st["year"] == max(vt._country_years(st)) and len(notices) == 2


def test_trafficking_rows_keep_lt5_as_text():
    st, _ = views.parse("traf-forms", {"country": "ALB", "year": "2017"})
    rows = views.data("traf-forms", st)
    fl = rows[rows["category"] == "Forced labour"].iloc[0]
    assert fl["value_txt"] == "<5" and fl["flag"] == "suppressed_lt5"
    tip = views.render("traf-tip", {"country": "BIH"})
    assert "data end in 2015" in tip["title"]


def test_ctdc_view_rows_never_show_small_numbers():
    for dim in vt.q.CTDC_DIMS:
        rows = views.data("traf-ctdc", {"ctdc_by": dim})
        assert (rows["records"].dropna() >= 11).all()


def test_layouts_build_and_callbacks_return_every_output():
    from callbacks import displacement as cd
    from callbacks import trafficking as ct
    from layouts import displacement as ld
    from layouts import trafficking as lt

    assert ld.layout(area="SYR", role="origin", year="2022") is not None
    assert lt.layout(country="ALB", year="2017") is not None
    out = cd.update("SYR", "origin", 2022, "refugees")
    assert len(out) == len(cd.OUTPUTS) + 2 and out[-1] == "?v=1&area=SYR&role=origin&year=2022"
    out = ct.update("ALB", 2017, "victim_gender")
    assert len(out) == len(ct.OUTPUTS) + 1 and "country=ALB" in out[-1]
    partial = cd.update("SYR", "origin", 2021, "refugees", changed={"year"})
    from dash import no_update
    assert partial[0] is no_update  # the types chart does not depend on the year
