"""Callbacks: wire inputs to store queries and figure builders. Registered with ``dash.callback``."""
