"""/routes chart views: every view renders with texts, tidy rows carry unit/source/flag, bad URLs fall back."""
from __future__ import annotations

import json

import pytest

from dashboard import state as state_mod, views
from dashboard.viewdefs import routes as vd

VIEW_STATES = [
    ("routes-monthly", {"route": "Western Balkan Route"}),
    ("routes-top", {"route": "Eastern Mediterranean Route", "year": "2023"}),
    ("routes-side", {"route": "Western Mediterranean Route"}),
    ("routes-side", {"route": "all"}),
    ("routes-asylum", {"nat": "SRB", "ayear": "2023"}),
    ("routes-americas", {"series": "mexico"}),
]


@pytest.mark.parametrize("view_id,raw", VIEW_STATES)
def test_views_render_with_texts_and_tidy_rows(view_id, raw):
    st, notices = views.parse(view_id, raw)
    assert notices == []
    out = views.render(view_id, st)
    for key in ("title", "subtitle", "source", "summary"):
        assert out[key] and "{" not in out[key], (key, out[key])
    assert "Licence" in out["source_full"]
    rows = views.data(view_id, st)
    assert {"unit", "source", "flag"} <= set(rows.columns)
    assert out["rows"] == len(rows) > 0
    json.dumps(out["figure"])
    assert set(vd.COLUMNS[view_id]) <= set(rows.columns)


def test_events_not_persons_in_subtitles():
    st, _ = views.parse("routes-americas", {"series": "us_sw_border"})
    out = views.render("routes-americas", st)
    assert "not persons" in out["subtitle"] and "FY2023" in json.dumps(out["figure"])
    assert "2,475,669" in json.dumps(out["figure"])
    st, _ = views.parse("routes-monthly", {})
    assert "not persons" in views.render("routes-monthly", st)["subtitle"]


def test_side_by_side_states_the_caveat():
    st, _ = views.parse("routes-side", {"route": "Eastern Borders Route"})
    out = views.render("routes-side", st)
    assert "Belarus-EU border" in out["subtitle"] and "Caveat" in out["subtitle"]
    assert "IOM" in out["source"] and "Frontex" in out["source"]


def test_bad_page_parameters_fall_back_with_notices():
    st, notices = state_mod.parse(vd.PAGE_PARAMS, {"route": "Atlantis", "year": "1900", "nat": "ZZZ"})
    assert st["route"] == vd.DEFAULT_ROUTE and st["year"] == 2024 and st["nat"] == "BIH"
    assert len(notices) == 3 and "Atlantis" in notices[0]
    from layouts import routes as layout_mod

    page = layout_mod.layout(route="Atlantis")
    assert "Atlantis" in json.dumps(page.to_plotly_json(), default=str)


def test_page_state_round_trips_through_the_url():
    st, _ = state_mod.parse(vd.PAGE_PARAMS, {"route": "Western Balkan Route", "nat": "ALB"})
    query = state_mod.serialize(vd.PAGE_PARAMS, st)
    assert "route=Western+Balkan+Route" in query and "nat=ALB" in query and "year" not in query
    again, _ = state_mod.parse(vd.PAGE_PARAMS, query)
    assert again == st
