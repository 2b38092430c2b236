"""The public base URL of every absolute link the app writes (configured as PUBLIC_URL, see settings)."""
from __future__ import annotations

from flask import current_app, has_app_context

from .settings import DEFAULT_PUBLIC_URL


def public_base() -> str:
    """'https://migration.example.org' (no trailing slash): the app's PUBLIC_URL, the default outside an app."""
    if has_app_context():
        return current_app.config.get("PUBLIC_URL") or DEFAULT_PUBLIC_URL
    return DEFAULT_PUBLIC_URL
