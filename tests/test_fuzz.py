"""Hostile input, generated: every page's URL parameters, every callback of the callback endpoint with values
outside its options (wrong types, None, odd text), and every chart's download, embed and citation with random
parameters. No answer may be a server error."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dashboard import views
from tests.conftest import router_body

FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
PAGES = ["/", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants", "/data", "/compare",
         "/country/BIH", "/corridor/BIH-DEU", "/nope"]
PARAMS = ["indicator", "year", "per", "group", "countries", "n", "order", "focus", "role", "measure", "method",
          "sex", "top", "area", "country", "who", "ctdc_by", "dataset", "route", "lang", "v", "pair", "iso3"]
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
odd = st.one_of(text, st.sampled_from(["", "-1", "0", "99999", "²", "WLD", "BIH,SRB,XXX", "1e9", "null", "[]",
                                       "<script>", "%00", "..", "2020-1990", "a" * 300]))
values = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), text,
                   st.lists(text, max_size=3), st.dictionaries(text, text, max_size=2))


def _query(params: dict) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(params)


@FAST
@given(path=st.sampled_from(PAGES), params=st.dictionaries(st.sampled_from(PARAMS), odd, max_size=5))
def test_every_page_renders_with_any_url_parameters(client, path, params):
    body = router_body(path, _query(params))
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200, (path, params, r.get_data(as_text=True)[:300])


@pytest.fixture(scope="module")
def dependencies(app):
    return app.server.test_client().get("/_dash-dependencies").get_json()


def _body(dep: dict, inputs: list, states: list) -> dict:
    def spec(item, value):
        return {"id": item["id"] if not item["id"].startswith("{") else json.loads(item["id"]),
                "property": item["property"], "value": value}

    def target(part: str) -> dict:
        cid, prop = part.rsplit(".", 1)
        return {"id": json.loads(cid) if cid.startswith("{") else cid, "property": prop}

    out = dep["output"]
    if out.startswith(".."):  # several outputs: '..a.children...b.figure..'
        outputs = [target(part) for part in out.strip(".").split("...")]
    else:
        outputs = target(out)
    return {"output": out, "outputs": outputs,
            "inputs": [spec(i, v) for i, v in zip(dep["inputs"], inputs)],
            "state": [spec(s, v) for s, v in zip(dep["state"], states)],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"] if dep["inputs"] else []}


def test_every_callback_survives_values_outside_its_options(app, dependencies):
    client = app.server.test_client()
    server_side = [d for d in dependencies if not d.get("clientside_function")]
    assert len(server_side) > 15

    codes = []

    @settings(FAST, max_examples=120)
    @given(data=st.data())
    def run(data):
        dep = data.draw(st.sampled_from(server_side))
        inputs = [data.draw(values) for _ in dep["inputs"]]
        states = [data.draw(values) for _ in dep["state"]]
        r = client.post("/_dash-update-component", json=_body(dep, inputs, states))
        codes.append(r.status_code)
        assert r.status_code < 500, (dep["output"][:80], inputs, r.get_data(as_text=True)[:300])

    run()
    # the requests are well formed: they reach the callbacks (which answer 200 or 204 with no update)
    assert sum(c in (200, 204) for c in codes) > 0.8 * len(codes), sorted(set(codes))
    for dep in server_side:  # and each callback once with every value None
        r = client.post("/_dash-update-component", json=_body(dep, [None] * len(dep["inputs"]),
                                                             [None] * len(dep["state"])))
        assert r.status_code in (200, 204), (dep["output"][:80], r.status_code, r.get_data(as_text=True)[:200])


@FAST
@given(view=st.sampled_from(sorted(views.load_all())), kind=st.sampled_from(["download", "embed", "cite", "full"]),
       params=st.dictionaries(st.sampled_from(PARAMS + ["controls", "bundle", "format", "preset"]), odd, max_size=4))
def test_every_chart_export_survives_any_parameters(client, view, kind, params):
    url = {"download": f"/download/{view}.csv", "embed": f"/embed/{view}", "cite": f"/cite/{view}",
           "full": f"/download/full/{view}.csv"}[kind] + _query(params)
    r = client.get(url)
    assert r.status_code < 500, (url, r.get_data(as_text=True)[:300])
    if kind == "full" and r.status_code == 200:
        r.close()  # streamed: do not read a whole indicator table per example
