"""Friendly 404 page body, in the page language."""
from dash import html

from dashboard import language
from dashboard.i18n import t


def layout(pathname: str | None = None, lang: str = "en"):
    return html.Main(className="page page-404", children=[
        html.H1(t("notfound.title", lang)),
        html.P(t("notfound.text", lang, path=repr(pathname or "/"))),
        html.A(t("notfound.home", lang), href=language.href("/", lang)),
    ])
