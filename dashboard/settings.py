"""Configuration from environment variables, with defaults that serve the committed bundle."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
        )
