"""URL state: parse(serialize(state)) == state for random valid states of every registered view; migrations."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from dashboard import state as state_mod
from dashboard import views
from dashboard.state import Param, parse, serialize

ALL_VIEWS = sorted(views.load_all())
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s != "")


def _value(draw, p: Param, partial: dict):
    """A valid value for one parameter given the earlier ones (choices may depend on them)."""
    choices = list(p.choices(partial)) if p.choices is not None else None
    if p.kind == "bool":
        return draw(st.booleans())
    if p.kind in ("choice", "iso3"):
        return draw(st.sampled_from(choices))
    if p.kind == "int":
        if choices is not None:
            lo = p.lo(partial) if callable(p.lo) else p.lo
            hi = p.hi(partial) if callable(p.hi) else p.hi
            ok = [int(c) for c in choices if (lo is None or c >= lo) and (hi is None or c <= hi)]
            return draw(st.sampled_from(ok))
        lo = p.lo(partial) if callable(p.lo) else p.lo
        hi = p.hi(partial) if callable(p.hi) else p.hi
        return draw(st.integers(min_value=-10**6 if lo is None else lo, max_value=10**6 if hi is None else hi))
    if p.kind == "iso3list":
        # a non-empty list: an empty list serialises as "default" (documented in state.serialize)
        return tuple(draw(st.lists(st.sampled_from(sorted(choices)), min_size=1, max_size=p.max_items,
                                   unique=True)))
    if p.kind == "str":
        if p.check is not None:  # validated free text (e.g. a corridor 'BIH-DEU'): only valid values round-trip
            return draw(st.sampled_from(["BIH-DEU", "SRB-AUT", "ALB-ITA", "syr-tur"]).filter(p.check))
        return draw(SAFE_TEXT)
    raise AssertionError(f"unknown kind {p.kind}")


@st.composite
def view_states(draw, view_id: str):
    partial: dict = {}
    for p in views.get(view_id).params:
        partial[p.name] = _value(draw, p, partial)
    return partial


@pytest.mark.parametrize("view_id", ALL_VIEWS)
def test_parse_serialize_round_trip(view_id):
    params = views.get(view_id).params

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(view_states(view_id))
    def check(state):
        q = serialize(params, state)
        parsed, notices = parse(params, q)
        assert notices == [], (q, notices)
        assert parsed == state, q
        # the full (pinned) form parses to the same state, and the short form omits defaults
        assert parse(params, serialize(params, state, full=True))[0] == state
        defaults, _ = parse(params, {})
        assert all(f"{p.name}=" not in q for p in params if state[p.name] == defaults.get(p.name)
                   and state[p.name] == p.default_for(state))

    check()


def test_defaults_are_omitted_and_v_is_written():
    params = views.get("map").params
    state, _ = parse(params, {})
    assert serialize(params, state) == ""
    assert serialize(params, {**state, "indicator": "refugees_hosted", "year": 2020}) == \
        "?v=1&indicator=refugees_hosted&year=2020"


def test_request_args_multidict_and_unknown_params():
    params = views.get("map").params
    state, notices = parse(params, MultiDict([("indicator", "refugees_hosted"), ("year", "2020"), ("utm", "x")]))
    assert (state["indicator"], state["year"]) == ("refugees_hosted", 2020) and notices == []
    state, _ = parse(params, {"indicator": ["migrant_stock", "refugees_hosted"], "year": ["2020"]})
    assert state["indicator"] == "refugees_hosted"


def test_invalid_values_fall_back_with_a_short_notice():
    params = views.get("map").params
    state, notices = parse(params, "?indicator=" + "x" * 500 + "&year=1066&v=abc")
    assert state == parse(params, {})[0]
    assert len(notices) == 2 and len(notices[0]) < 150 and "…" in notices[0] and "1066" in notices[1]
    state, notices = parse(params, "?indicator=refugees_hosted&year=1066")
    assert state["indicator"] == "refugees_hosted" and "1066" in notices[0]


def test_schema_migration_v0_to_v1(monkeypatch):
    """An old (v=0) link used ``ind`` and ``y``; a migration rewrites it so the link keeps working."""
    def v0_to_v1(raw: dict) -> dict:
        raw = dict(raw)
        if "ind" in raw:
            raw["indicator"] = raw.pop("ind")
        if "y" in raw:
            raw["year"] = raw.pop("y")
        raw["v"] = "1"
        return raw

    monkeypatch.setitem(state_mod.MIGRATIONS, 0, v0_to_v1)
    params = views.get("map").params
    state, notices = parse(params, "?v=0&ind=refugees_hosted&y=2020")
    assert (state["indicator"], state["year"]) == ("refugees_hosted", 2020) and notices == []
    # current links are untouched by the migration
    assert parse(params, "?v=1&ind=refugees_hosted&y=2020")[0] == parse(params, {})[0]
    # and a link from the future (v=2) is read as the current version rather than failing
    assert parse(params, "?v=2&indicator=refugees_hosted&year=2020")[0]["year"] == 2020
