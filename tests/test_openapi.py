"""The API against its own OpenAPI document (schemathesis, fast settings): no answer is a server error, every
status and content type is one the document declares, JSON bodies match their schemas."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dashboard.factory import create_app
from dashboard.settings import Settings

# a small row cap keeps generated extracts quick: over it the API answers its documented 400
APP = create_app(Settings.from_env({"RATE_LIMITS": "off", "API_ROW_CAP": "20000", "PRIME": "off"}))
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP.server)


def test_the_document_lists_every_api_route():
    paths = set(schema.raw_schema["paths"])
    rules = {r.rule.replace("<indicator_id>", "{indicator_id}").replace("<fmt>", "json")
             for r in APP.server.url_map.iter_rules() if r.rule.startswith("/api/v1/") and "openapi" not in r.rule}
    assert rules <= paths, rules - paths


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    # a request can match the document and still be refused on the data (per=percent where the indicator has
    # no % of population, an unknown country code, a start year after the end): those are documented 400s
    # (the WSGI test transport does not decode brotli/gzip: ask for the body as it is; compression has its own
    # tests in tests/test_transfer.py)
    case.call_and_validate(excluded_checks=[positive_data_acceptance], headers={"Accept-Encoding": "identity"})
