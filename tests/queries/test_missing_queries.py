"""Missing Migrants queries: one source file at a time, yearly totals equal the API, cells add up."""
from __future__ import annotations

import pandas as pd

from dashboard import store
from dashboard.queries import missing as q


def test_global_yearly_totals_equal_the_api(client):
    api = client.get("/api/v1/indicators/missing_migrants.json").get_json()
    by_year = pd.DataFrame(api["data"]).groupby("year")["value"].sum()
    mine = q.yearly_totals("global").set_index("year")["dead_missing"]
    assert list(mine.index) == list(by_year.index)
    for year in mine.index:
        assert mine[year] == by_year[year], year
    assert mine[2024] == 9191 and mine[2023] == 8755


def test_series_per_route_adds_up_to_the_api_totals(client):
    api = client.get("/api/v1/indicators/missing_migrants.json").get_json()
    by_year = pd.DataFrame(api["data"]).groupby("year")["value"].sum()
    series = q.yearly_by_route("global").groupby("year")["dead_missing"].sum()
    assert (series == by_year.loc[series.index]).all()


def test_map_cells_add_up_to_the_file_and_never_mix_files():
    m = store.bundle().table("mmp_incidents")
    glob = m[m["source_file"] == "global_2014_2025apr"]
    cells = q.incident_cells("global")
    assert cells["incidents"].sum() == len(glob) == 19669
    assert cells["dead_missing"].sum() == glob["dead_missing"].sum()
    assert len(cells) < len(glob) / 3  # aggregation keeps the map light
    eu = q.incident_cells("europe", "Central Mediterranean", "2025")
    eb = m[(m["source_file"] == "europe_bound_2014_2026may") & (m["route"] == "Central Mediterranean")
           & (m["year"] == 2025)]
    assert eu["dead_missing"].sum() == eb["dead_missing"].sum() == 1286
    assert eu["dead"].sum() + eu["missing"].sum() == 1286


def test_partial_years_are_flagged():
    assert q.partial_flag("global", 2025) and not q.partial_flag("global", 2024)
    assert q.partial_flag("europe", 2026) and not q.partial_flag("europe", 2025)
    assert "partial" in q.incident_cells("global", q.ALL, "2025")["flag"].iloc[0]
    ser = q.yearly_by_route("europe", "Central Mediterranean").set_index("year")
    assert ser.loc[2026, "flag"].startswith("partial") and pd.isna(ser.loc[2025, "flag"])
    assert ser.loc[2025, "dead"] == 512 and ser.loc[2025, "missing"] == 774


def test_global_view_does_not_show_a_dead_missing_split():
    ser = q.yearly_by_route("global")
    assert ser["dead"].isna().all() and ser["missing"].isna().all()
    assert "Other routes" in set(ser["route"]) and ser["route"].nunique() == 7


def test_cause_groups_and_filters():
    cells = q.incident_cells("global")
    causes = set(cells["cause"])
    assert causes == set(q.CAUSE_ORDER)
    m = store.bundle().table("mmp_incidents")
    glob = m[m["source_file"] == "global_2014_2025apr"]
    harsh = "Harsh environmental conditions / lack of adequate shelter, food, water"  # has commas, one cause
    assert cells.loc[cells["cause"] == harsh, "incidents"].sum() == (glob["cause"] == harsh).sum()
    assert cells.loc[cells["cause"] == "More than one cause", "incidents"].sum() == \
        glob["cause"].str.contains(",").sum() - (glob["cause"] == harsh).sum()
    assert q.incident_cells("global", "Central Mediterranean Route", "2016")["dead_missing"].sum() == 4574
    assert q.incident_cells("global", "Central Mediterranean Route", "2016").shape[0] > 0
    assert "Central Mediterranean Route" in q.routes("global")
    assert "Western Balkans" in q.routes("europe")
    assert q.years("europe")[-1] == 2026 and q.years("global")[-1] == 2025


def test_mediterranean_total_is_the_sum_of_its_three_routes_as_iom_reports_it():
    rows = q.yearly_by_family("global", "Mediterranean")
    total = rows[rows["route"] == "Mediterranean"].set_index("year")["dead_missing"]
    parts = rows[rows["route"] != "Mediterranean"]
    assert set(parts["route"]) == {"Central Mediterranean Route", "Western Mediterranean Route",
                                   "Eastern Mediterranean Route"}
    assert (parts.groupby("year")["dead_missing"].sum() == total).all()
    # SOURCE.md verification figures (IOM Missing Migrants, Mediterranean, global file)
    assert total[[2014, 2015, 2016, 2023]].tolist() == [3289, 4057, 5097, 3198]
    assert rows.loc[rows["year"] == 2025, "flag"].str.startswith("partial").all()
    europe = q.yearly_by_family("europe", "Mediterranean")
    assert set(europe["route"]) == {"Central Mediterranean", "Western Mediterranean", "Eastern Mediterranean",
                                    "Mediterranean"}


def test_route_families_add_up_to_the_file_total():
    fam = q.family_totals("global")
    by_year = fam.groupby("year")["dead_missing"].sum()
    totals = q.yearly_totals("global").set_index("year")["dead_missing"]
    # incidents without a route label are in no family: the families are never more than the file's total
    assert (by_year <= totals.reindex(by_year.index) + 1e-9).all()
    assert (totals.reindex(by_year.index) - by_year).max() < 0.01 * totals.max() + 1000
    med = fam[fam["family"] == "Mediterranean"]
    assert med["routes"].iloc[0] == "Central Mediterranean Route + Eastern Mediterranean Route + " \
                                    "Western Mediterranean Route"
