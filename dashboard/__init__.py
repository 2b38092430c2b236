"""Migration Trends Dashboard: the app factory is dashboard.factory.create_app (app.py calls it)."""
