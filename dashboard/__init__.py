"""Migration Trends Dashboard."""


def create_app(*args, **kwargs):
    """The app factory (imported lazily so ingest tools do not load Dash)."""
    from .factory import create_app as _create

    return _create(*args, **kwargs)
