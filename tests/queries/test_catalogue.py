"""Data catalogue queries: filters, API URL and snippets."""
from __future__ import annotations

from dashboard.queries import catalogue


def test_search_filters_by_keyword_theme_and_licence(app):
    everything = catalogue.search()
    assert {"migrant_stock", "refugees_hosted", "idps_conflict"} <= set(everything["id"])
    refugees = catalogue.search("refugees hosted")
    assert "refugees_hosted" in set(refugees["id"]) and len(refugees) < len(everything)
    trafficking = catalogue.search(theme="trafficking")
    assert set(trafficking["theme"]) == {"trafficking"} and "trafficking_victims_detected" in set(trafficking["id"])
    nc = catalogue.search(non_commercial="yes")
    assert {"idps_conflict", "new_displacements_conflict"} <= set(nc["id"]) and nc["non_commercial"].all()
    assert not catalogue.search(non_commercial="no")["non_commercial"].any()
    assert catalogue.search("no-such-word-anywhere").empty


def test_api_url_and_snippets():
    url = catalogue.api_url("migrant_stock", "WB6", "2000-2024")
    assert url == "/api/v1/indicators/migrant_stock.csv?countries=WB6&years=2000-2024"
    assert catalogue.api_url("population") == "/api/v1/indicators/population.csv"
    code = catalogue.snippets(url)
    assert 'pd.read_csv("{host}' + url in code["python"] and 'read.csv("{host}' + url in code["r"]


def test_sources_come_from_the_manifest_with_missing_parts_left_missing(app):
    from dashboard import store

    src = catalogue.sources()
    cat = store.catalog()
    used = {i["source_id"] for i in cat["indicators"]}
    assert set(src["source_id"]) == used  # exactly the sources behind catalogue indicators
    for r in src.itertuples():
        meta = cat["sources"].get(r.source_id) or {}
        assert r.publisher == (meta.get("publisher") or None) and r.dataset == (meta.get("title") or None)
        assert r.indicators == sum(i["source_id"] == r.source_id for i in cat["indicators"])
        assert r.non_commercial == bool(meta.get("non_commercial"))
    assert list(src["publisher"]) == sorted(src["publisher"])
    idmc = src.set_index("source_id").loc["idmc"]
    assert idmc["publisher"].startswith("Internal Displacement Monitoring Centre") and idmc["non_commercial"]


def test_source_label_uses_only_what_the_manifest_gives():
    # made-up rows: a source without a dataset title, one without a publisher, one with neither
    assert catalogue.source_label({"source_id": "x", "publisher": "Pub", "dataset": "Data"}) == "Pub: Data"
    assert catalogue.source_label({"source_id": "x", "publisher": "Pub", "dataset": None}) == "Pub"
    assert catalogue.source_label({"source_id": "x", "publisher": None, "dataset": "Data"}) == "Data"
    assert catalogue.source_label({"source_id": "x", "publisher": None, "dataset": None}) == "x"


def test_search_filters_by_source_and_combines_with_the_other_filters(app):
    everything = catalogue.search()
    for sid in catalogue.sources()["source_id"]:
        rows = catalogue.search(source_id=sid)
        assert set(rows["source_id"]) == {sid}
        assert set(rows["id"]) == set(everything.loc[everything["source_id"] == sid, "id"])
    unhcr = catalogue.search(source_id="unhcr")
    assert {"refugees_hosted", "asylum_seekers_hosted"} <= set(unhcr["id"]) and "idps_conflict" not in set(unhcr["id"])
    assert set(catalogue.search("refugees", source_id="unhcr")["id"]) < set(unhcr["id"])
    assert catalogue.search(source_id="idmc", non_commercial="no").empty  # IDMC is CC BY-NC
    assert catalogue.search(source_id="unhcr", theme="trafficking").empty
    assert catalogue.search(source_id="no_such_source").empty
    # the keyword also finds the dataset title
    gidd = catalogue.search("Global Internal Displacement Database")
    assert set(gidd["source_id"]) == {"idmc"}
    assert set(gidd["dataset"]) == {"Global Internal Displacement Database (GIDD)"}
