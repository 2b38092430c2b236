"""Full indicator/measure/table downloads (``/download/full/<view>.csv``): for a sample of views on every page,
the full CSV's rows for the chart's filters are the filtered CSV's rows; the row count on the link is the
download's; bad input is a 400; the download is streamed in chunks and not capped."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from dashboard import store, views
from dashboard.share import frames
from layouts.cards import actions as chart_actions


def csv(client, url: str) -> tuple[pd.DataFrame, dict, int]:
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    chunks = [c for c in r.response]
    body = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
    df = pd.read_csv(io.BytesIO(body), keep_default_na=False, na_values=[""], low_memory=False)
    return df, dict(r.headers), len(chunks)


def full_link(view_id: str, query: dict):
    st, _ = views.parse(view_id, query)
    links = [a for a in chart_actions(view_id, st, 0) if getattr(a, "download", None) is not None
             and getattr(a, "href", "").startswith("/download/full/")]
    assert len(links) == 1, f"{view_id}: expected one full-download link"
    return links[0]


def fetch_both(client, view_id: str, query: dict):
    link = full_link(view_id, query)
    q = views.query(view_id, views.parse(view_id, query)[0])
    filtered, _, _ = csv(client, f"/download/{view_id}.csv{q}")
    full, headers, _ = csv(client, link.href)
    n = int(link.to_plotly_json()["props"]["data-rows"])
    assert n == int(headers["X-Row-Count"]) == len(full)
    assert f"{n:,}" in link.children
    return filtered, full


def text(s: pd.Series) -> pd.Series:
    """A column as text with missing as '' (an all-empty CSV column reads as float NaN)."""
    return s.astype("string").fillna("")


def same_rows(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> None:
    key = [c for c in cols if c != "value"]
    a = a[cols].sort_values(key, kind="mergesort").reset_index(drop=True)
    b = b[cols].sort_values(key, kind="mergesort").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_map_full_indicator_rows_for_the_year_are_the_map_rows(client):
    filtered, full = fetch_both(client, "map", {"indicator": "refugees_hosted", "year": "2022"})
    assert set(full["indicator"]) == {"refugees_hosted"} and full["year"].nunique() > 10
    assert set(full.columns) >= set(filtered.columns)
    countries = store.bundle().table("countries")
    pseudo = set(countries.loc[countries["is_pseudo"].astype(bool), "iso3"])
    sel = full[(full["year"] == 2022) & ~full["iso3"].isin(pseudo)]
    same_rows(filtered, sel, list(filtered.columns))


def test_corridor_series_full_measure_rows_for_the_pair_are_the_chart_rows(client):
    filtered, full = fetch_both(client, "corridor-series", {"pair": "BIH-DEU", "measure": "flow_annual"})
    assert set(full["measure"]) == {"flow_annual"}
    assert len(full) == store.bundle().manifest["tables"]["corridors_flow_annual.parquet"]["rows"]
    pairs = {("BIH", "DEU"), ("DEU", "BIH")}
    hit = full[[p in pairs for p in zip(full["origin"], full["destination"])]]
    hit = hit[hit["sex"].isin(set(filtered["sex"])) & (text(hit["method"]) == "")]
    cols = [c for c in filtered.columns if c in full.columns]
    assert {"origin", "origin_m49", "destination_name", "period", "year_start", "value", "edition"} <= set(cols)
    same_rows(filtered.assign(method=text(filtered["method"])), hit.assign(method=text(hit["method"])), cols)


def test_flows_top_corridors_are_the_largest_rows_of_the_full_measure(client):
    filtered, full = fetch_both(client, "corridors-top", {"focus": "BIH", "measure": "stock", "year": "2020"})
    from dashboard.queries import flows as fq

    shown = filtered[filtered["partner"] != fq.OTHER].rename(columns={"partner_name": "destination_name"})
    assert len(shown) == 10
    sel = full[(full["origin"] == "BIH") & (full["year_start"] == 2020) & (full["sex"] == "total")]
    sel = sel.sort_values("value", ascending=False, kind="mergesort").head(len(shown))
    cols = ["origin", "destination", "destination_name", "period", "year_start", "sex", "value", "source", "licence",
            "edition"]
    same_rows(shown, sel, cols)


def _in_full(filtered: pd.DataFrame, full: pd.DataFrame, keys: list[str], cols: list[str]) -> None:
    merged = filtered[keys + cols].merge(full[keys + cols], on=keys, how="left", suffixes=("", "_full"),
                                         indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert len(merged) == len(filtered)  # keys are unique in the full table
    for c in cols:
        pd.testing.assert_series_equal(merged[c], merged[f"{c}_full"], check_names=False, check_dtype=False)


def test_displacement_pairs_are_rows_of_the_full_unhcr_table(client):
    filtered, full = fetch_both(client, "disp-pairs", {"year": "2022", "pop": "refugees"})
    assert len(filtered) > 5
    _in_full(filtered, full, ["year", "origin", "asylum", "pop_type"],
             ["value", "origin_m49", "origin_name", "asylum_name", "source", "licence", "edition"])


def test_trafficking_series_rows_are_rows_of_the_full_glotip_table(client):
    filtered, full = fetch_both(client, "traf-series", {"country": "BIH"})
    assert len(filtered) > 5
    sel = full[full["iso3"] == "BIH"]
    _in_full(filtered, sel, ["iso3", "year", "indicator", "dimension", "category", "sex", "age"],
             ["value", "m49", "country", "source", "licence", "edition"])


def test_every_chart_has_a_full_link_whose_count_is_the_row_count():
    for view_id in views.load_all():
        link = full_link(view_id, {})
        spec = frames.full_spec(view_id, views.parse(view_id, {})[0])
        assert int(link.to_plotly_json()["props"]["data-rows"]) == frames.full_count(spec)


def test_full_table_of_several_tables_has_one_header_and_a_table_column(client):
    full, headers, _ = csv(client, "/download/full/routes-side.csv")
    assert set(full["table"]) == {"irregular_frontex", "mmp_incidents"} and len(full) == int(headers["X-Row-Count"])


def test_bad_view_and_format_are_400_with_a_message(client):
    for url in ("/download/full/no-such-chart.csv", "/download/full/map.xlsx", "/download/full/map"):
        r = client.get(url)
        assert r.status_code == 400, url
        body = json.loads(r.get_data(as_text=True))
        assert body["error"] == "bad_parameter" and body["message"]


def test_full_download_is_streamed_in_chunks_and_not_capped(app, client):
    old = app.server.config.get("API_ROW_CAP")
    app.server.config["API_ROW_CAP"] = 1000
    try:
        capped = client.get("/download/missing-map.csv")  # 3,641 rows: over the cap
        assert capped.status_code == 400 and "/download/full/" in capped.get_json()["message"]
        full, headers, chunks = csv(client, "/download/full/disp-types.csv")
    finally:
        app.server.config["API_ROW_CAP"] = old
    n = store.bundle().manifest["tables"]["unhcr_population.parquet"]["rows"]
    assert len(full) == n == int(headers["X-Row-Count"]) and n > 1000
    assert chunks >= -(-n // frames.FULL_CHUNK_ROWS)
    assert "attachment" in headers["Content-Disposition"] and headers["Content-Disposition"].endswith('_full.csv"')


def test_formula_like_text_is_neutralised_in_full_frames(monkeypatch):
    real = store.bundle().table

    def fake(name):  # made-up rows: a table whose text cell would run as a spreadsheet formula
        if name == "us_tip_tiers":
            return pd.DataFrame({"iso3": ["BIH"], "year": [2020], "tier": ["=1+1"], "source_id": ["us_tip_tiers"]})
        return real(name)

    monkeypatch.setattr(store.bundle(), "table", fake)
    (frame,) = list(frames.full_frames(views.Full("table", "us_tip_tiers")))
    assert frame["tier"].tolist() == ["'=1+1"] and frame["m49"].tolist() == [70]
