"""One flask-caching Cache, created unbound and attached by the factory.

``memoize`` wraps pure query and figure functions: keys come from their simple arguments, the
bundle version is in the key prefix, and outside an app (unit tests, scripts) they run uncached.
A Redis backend that is down never breaks a request: ``ResilientRedisCache`` logs one warning,
serves uncached and retries the server after a pause.

This is the one caching tier. A ``functools.lru_cache`` remains only in front of it or beside it for
process-local derived objects — parsed indexes, lookup tables, DataFrames of the loaded bundle, a card's
ready-to-send JSON — which are cheap to keep in the worker and costly to pickle through Redis on every use.
Each such function takes the bundle version as its first argument (``_x(store.bundle().version, ...)``), so a
new bundle never meets an old entry, and has a bounded size. tests/test_architecture.py checks the rule.
"""
from __future__ import annotations

import functools
import logging
import time

from flask import current_app, has_app_context
from flask_caching import Cache
from flask_caching.backends.rediscache import RedisCache

log = logging.getLogger(__name__)
cache = Cache()


# A result bigger than this is returned but never cached (large extracts are streamed, not kept): one oversized
# query must not fill a worker's memory or the shared Redis.
MAX_CACHED_ROWS = 100_000


def small_enough(result) -> bool:
    """Cache only results under MAX_CACHED_ROWS rows (frames, sequences); scalars and dicts always."""
    n = getattr(result, "shape", None)
    rows = n[0] if n else (len(result) if isinstance(result, (list, tuple)) else 0)
    return rows <= MAX_CACHED_ROWS


def memoize(timeout: int | None = None):
    """Memoise through the app's cache when one is bound, else call straight through. Results over
    ``MAX_CACHED_ROWS`` rows are not cached."""

    def deco(fn):
        cached_fn = cache.memoize(timeout=timeout, response_filter=small_enough)(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if has_app_context() and cache in current_app.extensions.get("cache", {}):
                return cached_fn(*args, **kwargs)
            return fn(*args, **kwargs)

        wrapper.uncached = fn
        wrapper.cached = cached_fn
        return wrapper

    return deco


class ResilientRedisCache(RedisCache):
    """RedisCache that degrades to 'no cache' while the server is unreachable (one warning per outage)."""

    RETRY_AFTER = 30.0  # seconds before trying an unreachable server again

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._down_until = 0.0
        self._warned = False

    @classmethod
    def factory(cls, app, config, args, kwargs):
        kwargs.update(
            host=config.get("CACHE_REDIS_HOST", "localhost"),
            port=config.get("CACHE_REDIS_PORT", 6379),
            db=config.get("CACHE_REDIS_DB", 0),
            password=config.get("CACHE_REDIS_PASSWORD"),
            key_prefix=config.get("CACHE_KEY_PREFIX"),
        )
        redis_url = config.get("CACHE_REDIS_URL")
        if redis_url:
            import redis

            kwargs["host"] = redis.from_url(redis_url, db=kwargs.pop("db", None),
                                            socket_connect_timeout=0.25, socket_timeout=1.0)
        return cls(*args, **kwargs)

    def _guard(self, default, op, *args, **kwargs):
        import redis

        if time.monotonic() < self._down_until:
            return default
        try:
            result = op(*args, **kwargs)
        except (redis.exceptions.RedisError, OSError) as exc:
            self._down_until = time.monotonic() + self.RETRY_AFTER
            if not self._warned:
                log.warning("Redis cache unreachable (%s); serving uncached and retrying every %.0fs",
                            exc, self.RETRY_AFTER)
                self._warned = True
            return default
        if self._warned:
            log.warning("Redis cache reachable again")
            self._warned = False
        return result

    def get(self, key):
        return self._guard(None, super().get, key)

    def get_many(self, *keys):
        return self._guard([None] * len(keys), super().get_many, *keys)

    def set(self, key, value, timeout=None):
        return self._guard(False, super().set, key, value, timeout)

    def add(self, key, value, timeout=None):
        return self._guard(False, super().add, key, value, timeout)

    def set_many(self, mapping, timeout=None):
        return self._guard([], super().set_many, mapping, timeout)

    def delete(self, key):
        return self._guard(False, super().delete, key)

    def delete_many(self, *keys):
        return self._guard([], super().delete_many, *keys)

    def has(self, key):
        return self._guard(False, super().has, key)

    def clear(self):
        return self._guard(False, super().clear)


def cache_config(settings, bundle_version: str) -> dict:
    """flask-caching config for the configured backend; the bundle version scopes every key."""
    prefix = f"mtd:{bundle_version}:"
    cfg = {"CACHE_DEFAULT_TIMEOUT": settings.cache_timeout, "CACHE_KEY_PREFIX": prefix}
    kind = settings.cache_type
    if kind == "RedisCache":
        cfg.update(CACHE_TYPE="dashboard.cache.ResilientRedisCache", CACHE_REDIS_URL=settings.cache_redis_url)
    elif kind == "FileSystemCache":
        cfg.update(CACHE_TYPE="FileSystemCache", CACHE_DIR=str(settings.cache_dir), CACHE_THRESHOLD=5000)
    elif kind in ("SimpleCache", "NullCache"):
        cfg.update(CACHE_TYPE=kind, CACHE_THRESHOLD=2000)
    else:
        raise ValueError(f"CACHE_TYPE must be SimpleCache, FileSystemCache, RedisCache or NullCache, not {kind!r}")
    return cfg
