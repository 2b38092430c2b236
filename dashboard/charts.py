"""Small helpers shared by chart views: the source line under every chart."""
from __future__ import annotations

from . import store
from .i18n import t


def source_line(source_id: str, lang: str = "en") -> str:
    src = store.source_meta(source_id)
    line = t("source.line", lang, publisher=src.get("publisher", ""), title=src.get("title", ""),
             edition=src.get("edition", ""), licence=src.get("licence", ""))
    if src.get("non_commercial"):
        line += " " + t("source.non_commercial", lang)
    return line
