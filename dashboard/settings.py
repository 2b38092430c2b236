"""Configuration from environment variables, with defaults that serve the committed bundle."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    cache_type: str
    cache_redis_url: str | None
    cache_dir: Path
    cache_timeout: int
    api_row_cap: int
    default_language: str
    public_url: str
    max_request_bytes: int
    rate_limits_enabled: bool
    rate_limits: dict
    image_concurrency: int
    image_queue: int
    trusted_proxies: int
    snapshots: bool = True  # chart snapshots for the pages' first view, drawn in the background (share/snapshots.py)
    prime: bool = True  # each page's default view built before serving (factory.prime)

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Settings":
        env = os.environ if env is None else env
        redis_url = env.get("CACHE_REDIS_URL") or None
        cache_type = env.get("CACHE_TYPE") or ("RedisCache" if redis_url else "SimpleCache")
        return cls(
            data_dir=Path(env.get("DATA_DIR") or REPO / "data" / "curated"),
            cache_type=cache_type,
            cache_redis_url=redis_url,
            cache_dir=Path(env.get("CACHE_DIR") or REPO / ".cache" / "flask"),
            cache_timeout=int(env.get("CACHE_TIMEOUT") or 24 * 3600),
            api_row_cap=int(env.get("API_ROW_CAP") or 500_000),
            default_language=env.get("DEFAULT_LANGUAGE") or "en",
            public_url=public_url(env.get("PUBLIC_URL")),
            max_request_bytes=int(env.get("MAX_REQUEST_BYTES") or 256 * 1024),
            rate_limits_enabled=(env.get("RATE_LIMITS") or "on").lower() not in ("off", "0", "false", "no"),
            rate_limits={
                "api": env.get("RATE_LIMIT_API") or "300 per minute",
                "downloads": env.get("RATE_LIMIT_DOWNLOADS") or "60 per minute",
                "images": env.get("RATE_LIMIT_IMAGES") or "20 per minute",
            },
            image_concurrency=int(env.get("IMAGE_CONCURRENCY") or 1),
            image_queue=int(env.get("IMAGE_QUEUE") or 1),
            trusted_proxies=int(env.get("TRUSTED_PROXIES") or 0),
            snapshots=(env.get("SNAPSHOTS") or "on").lower() not in ("off", "0", "false", "no"),
            prime=(env.get("PRIME") or "on").lower() not in ("off", "0", "false", "no"),
        )


DEFAULT_PUBLIC_URL = "http://127.0.0.1:8050"


def public_url(value: str | None) -> str:
    """The one base of every absolute link (permalinks, citations, snippets, images, zip metadata): PUBLIC_URL
    from the environment, never the request's Host header (which a client chooses and a cache would keep)."""
    url = (value or DEFAULT_PUBLIC_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"PUBLIC_URL must be an http(s) URL such as https://migration.example.org, not {value!r}")
    return url
