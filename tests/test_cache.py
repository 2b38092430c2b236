"""Cache backends: keys carry the bundle version; Redis shared by workers; a dead Redis never breaks a request."""
from __future__ import annotations

import logging

import pytest
import redis
import requests

from dashboard.cache import ResilientRedisCache, cache_config
from dashboard.settings import Settings
from tests.conftest import free_port, start_gunicorn, start_redis, stop, stop_redis


def test_cache_config_backends():
    s = Settings.from_env({})
    assert cache_config(s, "v1")["CACHE_TYPE"] == "SimpleCache"
    assert cache_config(s, "v1")["CACHE_KEY_PREFIX"] == "mtd:v1:"
    r = Settings.from_env({"CACHE_REDIS_URL": "redis://127.0.0.1:1/0"})
    assert cache_config(r, "v1")["CACHE_TYPE"] == "dashboard.cache.ResilientRedisCache"
    fs = Settings.from_env({"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": "/tmp/x"})
    assert cache_config(fs, "v1")["CACHE_DIR"] == "/tmp/x"
    with pytest.raises(ValueError, match="CACHE_TYPE"):
        cache_config(Settings.from_env({"CACHE_TYPE": "Bogus"}), "v1")


def test_unreachable_redis_degrades_with_one_warning(caplog):
    client = redis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.2)
    c = ResilientRedisCache(host=client, key_prefix="t:")
    c.RETRY_AFTER = 0.0
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert c.get("a") is None
        assert c.set("a", 1) is False
        assert c.get_many("a", "b") == [None, None]
    warnings = [r for r in caplog.records if "unreachable" in r.message]
    assert len(warnings) == 1


@pytest.fixture()
def redis_server(tmp_path):
    port, pidfile = start_redis(tmp_path)
    yield port
    stop_redis(pidfile)


@pytest.mark.redis
def test_workers_share_the_redis_cache_and_survive_its_loss(redis_server):
    port = free_port()
    url = f"redis://127.0.0.1:{redis_server}/0"
    proc = start_gunicorn(port, env={"CACHE_REDIS_URL": url}, workers=2)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(4):
            assert requests.get(f"{base}/api/v1/indicators/migrant_stock.json?countries=BIH", timeout=30).ok
        keys = redis.Redis(port=redis_server).keys("mtd:*")
        assert keys, "query results are stored in Redis under the bundle-version prefix"
        try:
            redis.Redis(port=redis_server).shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it stops
        r = requests.get(f"{base}/api/v1/indicators/migrant_stock.json?countries=SRB", timeout=30)
        assert r.status_code == 200 and r.json()["rows"] > 0
        assert requests.get(f"{base}/healthz", timeout=10).status_code == 200
    finally:
        log = stop(proc)
    assert "Traceback" not in log
    assert "Redis cache unreachable" in log
