"""The chart text rules (dashboard/charts.py), checked on what every registered chart view actually renders (pages,
embeds and images all draw ``views.render``): plain titles without dataset edition codes, a short source line
(the full one stays in the download metadata and the provenance panel), axis numbers from the one number
formatter (no d3 SI prefixes: '500m' for 0.5, '1G' for a billion), year axes without half-year ticks, and money
without cents in the key figures."""
from __future__ import annotations

import re

import pytest

from dashboard import charts, numbers, store, views
from dashboard.share import frames

# an edition code in brackets: '(UN DESA IMS 2024)', '(UN WPP 2024)', '(UN DESA IMS 2020 revision)'
JARGON = re.compile(r"\((?:[A-Z]{2,} )+(?:19|20)\d\d|\bIMS 20\d\d|\bWPP 20\d\d")
CODE = re.compile(r"\((?:UN [A-Z ]+)(?:19|20)\d\d[^()]*\)")
SI_TICK = re.compile(r"\d(?:m|µ|G|T)$")  # d3 SI prefixes: 500m, 2µ, 1G, 3T


def _axes(figure: dict) -> dict:
    return {k: v for k, v in (figure.get("layout") or {}).items() if re.match(r"^[xy]axis\d*$", k) and isinstance(v, dict)}


def _check(view_id: str, state: dict, lang: str) -> None:
    r = views.render(view_id, state, lang)
    assert not JARGON.search(r["title"]), (view_id, lang, r["title"])
    assert not CODE.search(r["subtitle"]), (view_id, lang, r["subtitle"])  # a subtitle may name a vintage in words
    for note in r["figure"].get("layout", {}).get("annotations") or []:
        assert not JARGON.search(str(note.get("text", ""))), (view_id, note.get("text"))
    if r["source_ids"]:
        assert len(r["source"]) < 140, (view_id, r["source"])  # short: 'Source: UN DESA (2024)'
        assert r["source_full"] and r["source_full"] != r["source"], view_id
        assert not JARGON.search(r["source"]), (view_id, r["source"])
    for name, axis in _axes(r["figure"]).items():
        fmt = str(axis.get("tickformat") or "")
        assert not re.search(r"[~.\d]*s$", fmt), (view_id, name, fmt)  # no d3 SI format left
        for text in axis.get("ticktext") or []:
            assert not SI_TICK.search(str(text)), (view_id, name, text)
        if fmt == "d" and "dtick" in axis:
            assert float(axis["dtick"]).is_integer() and axis["dtick"] >= 1, (view_id, name, axis["dtick"])
        vals = axis.get("tickvals")
        if vals and axis.get("ticktext"):
            assert len(set(axis["ticktext"])) == len(axis["ticktext"]), (view_id, name, axis["ticktext"])


@pytest.mark.parametrize("lang", ["en", "bs", "fr"])
def test_every_view_in_its_default_state_follows_the_text_rules(app, lang):
    with app.server.app_context():
        for view_id in views.load_all():
            state, _ = views.parse(view_id, {})
            _check(view_id, state, lang)


@pytest.mark.parametrize("query", [
    {"indicator": "remittances_received_usd"},  # billions: '1G' before
    {"indicator": "remittances_received_pct_gdp"},  # fractions: '500m' before
    {"indicator": "migrant_stock_pct", "countries": "BIH,SRB"},
    {"indicator": "net_migration", "countries": "BIH"},
])
def test_value_axes_are_written_by_the_one_formatter(app, query):
    with app.server.app_context():
        for view_id in ("series", "ranking", "compare-series"):
            state, _ = views.parse(view_id, query)
            _check(view_id, state, "en")
            r = views.render(view_id, state, "fr")
            axis = next(a for a in _axes(r["figure"]).values()
                        if a.get("ticktext") and all(isinstance(v, (int, float)) for v in a["tickvals"]))
            assert axis["ticktext"] == [numbers.short(v, "fr") for v in axis["tickvals"]]


def test_remittances_axis_reads_in_billions_not_giga():
    fig = {"data": [{"type": "scatter", "x": [2000, 2010, 2020], "y": [1e9, 8e9, 2.1e10]}],
           "layout": {"yaxis": {"tickformat": "~s"}, "xaxis": {"tickformat": "d"}}}
    charts.tidy_axes(fig, "en")
    assert fig["layout"]["yaxis"]["ticktext"][-2:] == ["20B", "25B"] or "20B" in fig["layout"]["yaxis"]["ticktext"]
    assert not any(t.endswith("G") for t in fig["layout"]["yaxis"]["ticktext"])
    fig = {"data": [{"type": "bar", "x": [0.2, 0.5], "y": ["a", "b"], "orientation": "h"}],
           "layout": {"xaxis": {"tickformat": "~s"}}}
    charts.tidy_axes(fig, "en")
    assert "0.5" in fig["layout"]["xaxis"]["ticktext"] and "500m" not in fig["layout"]["xaxis"]["ticktext"]


def test_a_short_year_span_has_one_tick_per_year():
    fig = {"data": [{"type": "scatter", "x": [2021, 2022, 2023], "y": [1, 2, 3]}],
           "layout": {"xaxis": {"tickformat": "d"}, "yaxis": {}}}
    charts.tidy_axes(fig)
    assert fig["layout"]["xaxis"]["dtick"] == 1 and fig["layout"]["xaxis"]["tick0"] == 2021


def test_titles_lose_the_edition_code_only():
    assert charts.plain_title("International migrant stock (UN DESA IMS 2024), 2024") == \
        "International migrant stock, 2024"
    assert charts.plain_title("Net migration (UN WPP 2024)") == "Net migration"
    assert charts.plain_title("Migrant stock (UN DESA IMS 2020 revision): BIH") == "Migrant stock: BIH"
    kept = "Form of exploitation by region of citizenship (CTDC synthetic records, cases 2002–2021)"
    assert charts.plain_title(kept) == kept
    assert charts.plain_title("Remittances received (% of GDP)") == "Remittances received (% of GDP)"


def test_short_source_line_names_publisher_and_year_from_the_manifest(app):
    with app.server.app_context():
        assert charts.short_source(["undesa_ims2024"], "en") == \
            f"Source: UN DESA ({charts.source_year(store.source_meta('undesa_ims2024'))})"
        two = charts.short_source(["undesa_ims2024", "wb_remittances"], "fr")
        assert two.startswith("Sources : UN DESA (") and "; World Bank (" in two
        assert charts.publisher_short(store.source_meta("unhcr")["publisher"]) == "UNHCR"
        assert charts.publisher_short(store.source_meta("idmc")["publisher"]) == "IDMC"


def test_downloads_keep_the_full_source_line(app):
    with app.server.app_context(), app.server.test_request_context("/"):
        state, _ = views.parse("series", {})
        meta = frames.metadata("series", state, views.data("series", state), "http://x/")
        assert "Population Division" in meta["source_line"] and "Licence" in meta["source_line"]


def test_money_has_no_cents_in_the_key_figures(app):
    from layouts.country import key_figures_table
    from dashboard.queries import profile as q

    assert numbers.amount(17325982789.83, "current US$") == "17,325,982,790"
    assert numbers.amount(0.479, "% of GDP") == "0.479"
    with app.server.app_context():
        text = str(key_figures_table(q.key_figures("DEU"), "en"))
        paid = q.key_figures("DEU").set_index("indicator").loc["remittances_paid_usd", "value"]
        assert numbers.whole(paid) in text and numbers.exact(paid) not in text
        assert "IMS 2024" not in text and "UN DESA (" in text


def test_stacked_bars_are_ticked_to_their_sums_and_gaps_do_not_count():
    fig = {"data": [{"type": "bar", "x": [2020, 2021], "y": [None, 30000]},
                    {"type": "bar", "x": [2020, 2021], "y": [5000, 35000]}],
           "layout": {"barmode": "stack", "yaxis": {"tickformat": "~s"}, "xaxis": {}}}
    charts.tidy_axes(fig)
    assert max(fig["layout"]["yaxis"]["tickvals"]) >= 65000


def test_long_labels_wrap_and_a_bottom_legend_moves_above_the_plot():
    fig = {"data": [{"type": "bar", "orientation": "h", "x": [1, 2], "textposition": "outside",
                     "y": ["Democratic Republic of the Congo → Uganda", "A → B"],
                     "name": "IDMC conflict IDPs, later revision as republished by UNHCR"}],
           "layout": {"xaxis": {"title": {"text": "displacements (events) / persons at year end"}},
                      "yaxis": {}, "legend": {"orientation": "h", "y": -0.12}}}
    charts.fit_text(fig)
    assert "<br>" in fig["layout"]["xaxis"]["title"]["text"] and "<br>" in fig["data"][0]["name"]
    assert fig["layout"]["yaxis"]["ticktext"][0].count("<br>") >= 1 and fig["layout"]["yaxis"]["ticktext"][1] == "A → B"
    assert fig["layout"]["legend"]["y"] > 1 and fig["layout"]["legend"]["yanchor"] == "bottom"
    assert fig["data"][0]["textposition"] == "auto"


def _bars(labels, **layout) -> dict:
    return {"data": [{"type": "bar", "orientation": "h", "x": list(range(1, len(labels) + 1)), "y": labels}],
            "layout": {"font": {"size": 13}, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                       "xaxis": {"automargin": True, "ticklabelstandoff": 5}, "yaxis": {"automargin": True},
                       **layout}}


def test_margins_hold_the_labels_before_the_browser_measures_them():
    """plotly's automargin draws a chart twice when its labels need more room than the margins give (issue 19):
    the margins are set from the labels' estimated size, never lowered, and only where a label reaches out of the
    figure's edge."""
    fig = charts.fit_margins(_bars(["Bosnia and Herzegovina", "Serbia"]))
    m = fig["layout"]["margin"]
    # the longest category label, a px of tick gap and plotly's pad (the smallest margin, here 10)
    assert m["l"] >= charts.text_width("Bosnia and Herzegovina", 13) + 1 + 10
    assert m["l"] <= charts.text_width("Bosnia and Herzegovina", 13) + 1 + 12 + 1  # generous, not wasteful
    assert m["b"] >= 13 * charts.LINE + 5 + 10 and (m["r"], m["t"]) == (10, 10)  # nothing reaches right or up
    # an axis title takes its lines beside the labels
    two_lines = {"automargin": True, "title": {"text": "origin<br>country"}}
    titled = charts.fit_margins(_bars(["Serbia"], yaxis=two_lines))
    assert titled["layout"]["margin"]["l"] >= charts.text_width("Serbia", 13) + 2 * round(13 * 1.2) * charts.LINE
    # a margin already wider than the labels need stays as it is; without automargin nothing is touched
    assert charts.fit_margins(_bars(["A"], margin={"l": 300, "r": 10, "t": 10, "b": 60}))["layout"]["margin"] == \
        {"l": 300, "r": 10, "t": 10, "b": 60}
    plain = _bars(["Bosnia and Herzegovina"], yaxis={}, xaxis={})
    assert charts.fit_margins(plain)["layout"]["margin"]["l"] == 10


def test_margins_count_a_right_axis_its_suffix_and_a_legend_above_the_plot():
    fig = {"data": [{"type": "bar", "x": [2020, 2021], "y": [5e5, 4e6], "name": "Applications"},
                    {"type": "scatter", "x": [2020, 2021], "y": [10, 40], "yaxis": "y2",
                     "name": "Recognition rate"}],
           "layout": {"font": {"size": 13}, "height": 420, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                      "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
                      "xaxis": {"automargin": True, "tickformat": "d"}, "yaxis": {"automargin": True},
                      "yaxis2": {"automargin": True, "overlaying": "y", "side": "right", "range": [0, 100],
                                 "ticksuffix": "%"}}}
    m = charts.fit_margins(fig)["layout"]["margin"]
    assert m["r"] >= charts.text_width("100%", 13) + 10  # the range, not the data, with its suffix
    assert 13 * charts.LINE + charts.LEGEND_ROW + 10 <= m["t"] <= 2 * (13 * charts.LINE + charts.LEGEND_ROW) + 10


def test_inner_small_multiples_do_not_push_the_figure_margins():
    """Only the axes at the figure's edge reach out of it: the right column's y labels sit between the panels."""
    fig = {"data": [{"x": [2000, 2020], "y": [1, 2]}, {"x": [2000, 2020], "y": [1e6, 2e6], "xaxis": "x2",
                                                        "yaxis": "y2"}],
           "layout": {"margin": {"l": 45, "r": 15, "t": 40, "b": 30},
                      "xaxis": {"automargin": True, "domain": [0, 0.44], "anchor": "y"},
                      "xaxis2": {"automargin": True, "domain": [0.56, 1], "anchor": "y2"},
                      "yaxis": {"automargin": True, "anchor": "x", "ticktext": ["1"], "tickvals": [1]},
                      "yaxis2": {"automargin": True, "anchor": "x2",
                                 "ticktext": ["a very long label indeed"], "tickvals": [1]}}}
    assert charts.fit_margins(fig)["layout"]["margin"]["l"] == 45
