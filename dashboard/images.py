"""Slide-ready images (PNG/SVG) of a registered chart: see image_available()."""
from __future__ import annotations


def image_available() -> bool:
    """True when a static image engine (kaleido) is installed."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return True
