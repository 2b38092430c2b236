"""Hardening for a public deployment, one test per finding of the probe (issue 13), in the Flask test client:
bounded cost before work, the image queue, no Host header in links, Dash set up before serving, every input
validated, honest health, headers and limits. Server-level checks (gunicorn, concurrency) are in
tests/test_hardening_server.py."""
from __future__ import annotations

import io
import json
import re
import shutil
import threading
import zipfile

import pandas as pd
import pytest

from dashboard import cache as cache_mod, store
from dashboard.share import images
from dashboard.factory import create_app
from dashboard.settings import Settings

EVIL_HOST = "attacker.example"


# ------------------------------------------------------------------ 1. cost bounded before work


def test_over_cap_corridor_query_is_refused_before_any_frame_is_built(client, monkeypatch):
    def never(*a, **k):
        raise AssertionError("the over-cap frame was built")

    monkeypatch.setattr(store, "corridors", never)
    r = client.get("/api/v1/corridors.csv?measure=flow_annual&years=2001-2019")
    assert r.status_code == 400 and r.get_json()["parameter"] == "rows"
    assert "962,452 rows" in r.get_json()["message"]


def test_corridor_row_count_equals_the_rows_returned():
    for args in (dict(years=(2000, 2000)), dict(origin=("SRB", "BIH"), top=5), dict(destination=("DEU",)),
                 dict(origin=("BIH",), years=(2024, 2024), top=10)):
        measure = "stock" if args.get("top") == 10 else "flow_annual"
        assert store.corridor_rows(measure, **args) == len(store.corridors.uncached(measure, **args))


def test_large_results_are_never_cached(app):
    big = pd.DataFrame({"x": range(cache_mod.MAX_CACHED_ROWS + 1)})
    assert not cache_mod.small_enough(big) and cache_mod.small_enough(big.head(10)) and cache_mod.small_enough({})
    backend = app.server.extensions["cache"][cache_mod.cache]

    def frames() -> int:  # cached DataFrames (memoize also keeps small version keys)
        return sum(1 for _exp, v in backend._cache.values() if b"pandas" in (v if isinstance(v, bytes) else b""))

    with app.server.app_context():
        before = frames()
        store.corridors("flow_annual", years=(2000, 2001))  # over 100,000 rows
        after_big = frames()
        store.corridors("stock", origin=("BIH",), years=(2024, 2024), top=3)
        after_small = frames()
    assert after_big == before and after_small == before + 1


# ------------------------------------------------------------------ 2. images: a bounded queue


def test_image_queue_refuses_at_once_when_full():
    q = images.ImageQueue(concurrency=1, queue=1)
    held, release = threading.Event(), threading.Event()

    def hold():
        with q.slot():
            held.set()
            release.wait(5)

    t1 = threading.Thread(target=hold)
    t1.start()
    held.wait(5)
    waiting = threading.Thread(target=lambda: q.slot(wait=5).__enter__())  # takes the one queue place
    waiting.daemon = True
    waiting.start()
    waiting.join(0.2)
    with pytest.raises(images.QueueFull):
        with q.slot(wait=5):
            pass
    release.set()
    t1.join(5)


def test_full_image_queue_answers_503_with_retry_after(app, client):
    queue = app.server.extensions["image_queue"]
    app.server.extensions["image_queue"] = images.ImageQueue(concurrency=1, queue=0)
    gate = app.server.extensions["image_queue"]
    try:
        with gate.slot():  # another render holds the only slot
            r = client.get("/image/series.svg?indicator=net_migration&countries=ALB")
        assert r.status_code == 503 and r.headers["Retry-After"] == str(images.RETRY_AFTER)
        assert r.get_json()["error"] == "busy" and r.headers["Cache-Control"] == "no-store"
    finally:
        app.server.extensions["image_queue"] = queue


# ------------------------------------------------------------------ 3. no Host header in any link


def test_the_host_header_never_reaches_a_link(client):
    public = Settings.from_env({}).public_url
    headers = {"Host": EVIL_HOST}
    pages = {
        "cite": client.get("/cite/series?indicator=net_migration", headers=headers).get_data(as_text=True),
        "cite-json": client.get("/cite/series?indicator=net_migration&format=json", headers=headers)
        .get_data(as_text=True),
        "embed": client.get("/embed/series?indicator=net_migration", headers=headers).get_data(as_text=True),
    }
    z = zipfile.ZipFile(io.BytesIO(client.get("/download/series.zip?indicator=net_migration", headers=headers).data))
    pages["zip"] = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.endswith(".xlsx"))
    for name, text in pages.items():
        assert EVIL_HOST not in text, name
    assert public in pages["cite-json"] and public in pages["zip"]


def test_slide_image_stamp_uses_the_public_url(client):
    r = client.get("/image/series.svg?indicator=net_migration&countries=SRB", headers={"Host": EVIL_HOST})
    assert r.status_code == 200 and EVIL_HOST.encode() not in r.data


def test_public_url_must_be_an_http_url():
    with pytest.raises(ValueError):
        Settings.from_env({"PUBLIC_URL": "javascript:alert(1)"})
    assert Settings.from_env({"PUBLIC_URL": "https://m.example.org/"}).public_url == "https://m.example.org"


# ------------------------------------------------------------------ 4. Dash set up before the first request


def test_the_callback_map_is_built_before_any_request(app):
    assert app._got_first_request["setup_server"] is True
    assert len(app.callback_map) > 20


# ------------------------------------------------------------------ 5. every input validated


@pytest.mark.parametrize("url,param", [
    ("/api/v1/corridors.json?measure=stock&top=%C2%B2", "top"),  # '²'.isdigit() is True
    ("/api/v1/corridors.json?measure=stock&top=%D9%A3", "top"),  # Arabic-Indic three
])
def test_unicode_digits_are_a_400(client, url, param):
    r = client.get(url)
    assert r.status_code == 400 and r.get_json()["parameter"] == param


def test_flows_measure_outside_its_options_falls_back():
    import callbacks.flows as flows

    for measure in ("nope", None, 5, ["x"]):
        out = flows.sync_measure_controls(measure, ["bad"], {}, "2020")
        assert out[4] == "total" and out[7] is not None


def _callback_body(output: str, inputs: list[dict], state: list[dict] | None = None) -> dict:
    return {"output": output, "outputs": [], "inputs": inputs, "state": state or [], "changedPropIds": []}


def test_callback_endpoint_with_values_outside_the_options_is_never_a_500(app, client):
    dep = next(c for c in client.get("/_dash-dependencies").get_json()
               if c["output"].startswith(".."))
    inputs = [{"id": i["id"], "property": i["property"], "value": v}
              for i, v in zip(dep["inputs"], [{"$evil": 1}] * len(dep["inputs"]))]
    body = {"output": dep["output"], "outputs": [], "inputs": inputs,
            "state": [{"id": s["id"], "property": s["property"], "value": None} for s in dep["state"]],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else []}
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code < 500, r.get_data(as_text=True)[:300]
    garbage = client.post("/_dash-update-component", json={"output": "nope.children", "inputs": "x"})
    assert garbage.status_code == 400 and garbage.get_json()["error"] == "bad_callback_request"


def test_unknown_component_bundle_is_a_404(client):
    r = client.get("/_dash-component-suites/foo/bar.js")
    assert r.status_code == 404


def test_request_bodies_are_limited(client):
    r = client.post("/_dash-update-component", data="x" * (300 * 1024), content_type="application/json")
    assert r.status_code == 413 and r.get_json()["error"] == "request_entity_too_large"


def test_embed_bundle_parameter_cannot_break_its_json(client):
    r = client.get("/embed/series?indicator=net_migration&bundle=%3C!--%3Cscript%3Ealert(1)%3C/script%3E")
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and "<!--<script" not in text and "alert(1)" not in text
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', text, re.S):
        json.loads(block)


def test_cite_pair_is_validated_against_the_countries(client):
    r = client.get("/cite/corridor-series?pair=%7Bevil%7D%40%22&format=bibtex")
    assert r.status_code == 200 and "evil" not in r.get_data(as_text=True)
    ok = client.get("/cite/corridor-series?pair=SRB-DEU&format=bibtex").get_data(as_text=True)
    assert "SRB-DEU" in ok


# ------------------------------------------------------------------ 6. health that tells the truth


def _copy_bundle(tmp_path):
    dst = tmp_path / "curated"
    shutil.copytree(store.bundle().path, dst)
    return dst


def test_a_truncated_table_makes_readyz_503_and_the_api_name_the_file(tmp_path):
    from dashboard.ingest.build import sha256_file

    path = _copy_bundle(tmp_path)
    f = path / "country_year.parquet"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["tables"]["country_year.parquet"]["sha256"] = sha256_file(f)  # checksum "fixed": still broken
    (path / "manifest.json").write_text(json.dumps(manifest))
    original = store.bundle().path
    try:
        app = create_app(Settings.from_env({"DATA_DIR": str(path), "RATE_LIMITS": "off", "PRIME": "off"}))
        c = app.server.test_client()
        assert c.get("/healthz").status_code == 200  # alive
        ready = c.get("/readyz")
        assert ready.status_code == 503 and "country_year.parquet" in ready.get_json()["message"]
        api = c.get("/api/v1/indicators/migrant_stock.json?countries=BIH")
        assert api.status_code == 503 and "country_year.parquet" in api.get_json()["message"]
    finally:
        store.configure(original)
        from dashboard import security
        security.READINESS.check()


@pytest.mark.parametrize("manifest,needle", [
    ("{not json", "manifest.json"),
    ('{"bundle_version": "x", "sources": {}}', "tables"),
    ("[]", "manifest.json"),
])
def test_a_broken_manifest_names_the_file(tmp_path, manifest, needle):
    path = _copy_bundle(tmp_path)
    (path / "manifest.json").write_text(manifest)
    with pytest.raises(store.BundleError, match=needle) as err:
        store.open_bundle(path)
    assert str(path) in str(err.value)


# ------------------------------------------------------------------ 7. headers, methods, paths, limits


def test_pages_and_cite_carry_a_csp_without_unsafe_eval_and_a_permissions_policy(client):
    for url in ("/", "/trafficking", "/cite/series?indicator=net_migration"):
        r = client.get(url)
        csp = r.headers["Content-Security-Policy"]
        assert "unsafe-eval" not in csp and "script-src 'self'" in csp, url
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "camera=()" in r.headers["Permissions-Policy"]
    embed = client.get("/embed/series?indicator=net_migration")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"] and "X-Frame-Options" not in embed.headers


def test_wrong_methods_and_unknown_api_paths_answer_json(client):
    r = client.post("/api/v1/catalog")
    assert r.status_code == 405 and r.is_json and "GET" in r.get_json()["allowed"]
    r = client.get("/api/v1/nope")
    assert r.status_code == 404 and r.is_json
    assert client.delete("/").status_code == 405


def test_csv_content_type_names_its_charset_once(client):
    r = client.get("/api/v1/indicators/net_migration.csv?countries=SRB")
    assert r.headers["Content-Type"].count("charset") == 1


def test_build_files_are_not_served(client):
    assert client.get("/assets/vendor/plotly-build/package.json").status_code == 404
    assert client.get("/assets/vendor/plotly-build/package-lock.json").status_code == 404


def test_rate_limits_answer_429_with_retry_after():
    app = create_app(Settings.from_env({"RATE_LIMIT_API": "3 per minute", "RATE_LIMIT_DOWNLOADS": "2 per minute", "PRIME": "off"}))
    c = app.server.test_client()
    codes = [c.get("/api/v1/indicators/net_migration.json?countries=SRB").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = c.get("/api/v1/catalog")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0 and r.is_json
    assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200  # never limited
    assert [c.get("/download/series.csv").status_code for _ in range(3)][-1] == 429


def test_behind_a_trusted_proxy_the_limits_count_the_client_address():
    app = create_app(Settings.from_env({"RATE_LIMIT_API": "2 per minute", "TRUSTED_PROXIES": "1", "PRIME": "off"}))
    c = app.server.test_client()
    url = "/api/v1/indicators/net_migration.json?countries=SRB"
    a = [c.get(url, headers={"X-Forwarded-For": "203.0.113.7"}).status_code for _ in range(3)]
    b = c.get(url, headers={"X-Forwarded-For": "203.0.113.8"}).status_code
    assert a == [200, 200, 429] and b == 200
