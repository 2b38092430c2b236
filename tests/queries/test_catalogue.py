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
