"""One option builder (layouts/options.py) behind every country, group and place picker."""
from __future__ import annotations

from dash import dcc

from dashboard import ids, store
from layouts import compare, country, displacement, explorer, flows, options, routes, trafficking


def _dropdown(layout, cid):
    stack = [layout]
    while stack:
        c = stack.pop()
        if isinstance(c, dcc.Dropdown) and c.id == cid:
            return c
        children = getattr(c, "children", None)
        stack += children if isinstance(children, list) else [children] if children is not None else []
    raise AssertionError(f"no dropdown {cid}")


def test_countries_are_sorted_by_name_and_found_by_code(app):
    opts = options.countries(["SRB", "BIH", "ALB", "XXX"], code_in_label=True)
    assert [o["value"] for o in opts] == ["ALB", "BIH", "SRB", "XXX"]
    assert opts[1] == {"label": "Bosnia and Herzegovina (BIH)", "value": "BIH", "search": "Bosnia and Herzegovina BIH"}
    assert opts[3]["label"] == "XXX"  # a code the bundle does not name shows as itself, never invented


def test_groups_come_in_one_order_everywhere(app):
    kinds = store.bundle().table("groups").set_index("group_id")["kind"]
    order = [options.GROUP_ORDER[kinds[o["value"]]] for o in options.groups()]
    assert order == sorted(order) and options.groups()[0]["value"] != "WLD"
    assert "WLD" not in {o["value"] for o in options.groups(world=False)}


def test_every_picker_uses_the_builder(app):
    """The pickers of five pages offer exactly what the builder makes (labels included)."""
    names = store.country_names()
    bih = {"label": names["BIH"], "value": "BIH", "search": f"{names['BIH']} BIH"}
    assert bih in _dropdown(explorer.layout(), ids.EXPLORER_COUNTRIES).options
    assert _dropdown(explorer.layout(), ids.EXPLORER_GROUP).options == options.groups()
    coded = {**bih, "label": f"{names['BIH']} (BIH)"}
    assert coded in _dropdown(compare.layout(countries="BIH,SRB"), ids.COMPARE_COUNTRIES).options
    assert coded in _dropdown(country.layout(iso3="BIH"), ids.COUNTRY_SEARCH).options
    focus = _dropdown(flows.layout(), ids.FLOWS_FOCUS).options
    assert coded in focus and {o["value"] for o in focus} >= {"BIH", "WB6"}
    area = _dropdown(displacement.layout(), ids.DISPLACEMENT_AREA).options
    assert area[0]["value"] == "WLD" and bih in area
    who = _dropdown(trafficking.layout(), ids.TRAFFICKING_WHO).options
    assert who[0]["value"] == "WLD" and [o["value"] for o in who].count("WLD") == 1
    nat = _dropdown(routes.layout(), ids.ROUTES_NAT).options
    assert coded in nat
