"""Entry point: ``gunicorn app:server`` in production, ``python app.py`` for development."""
from dashboard.factory import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(debug=True, host="127.0.0.1", port=8050)
