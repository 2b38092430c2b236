"""Chart view definitions, one module per page; each module calls ``views.register`` at import."""
