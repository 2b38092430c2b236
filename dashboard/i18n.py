"""Every UI string goes through ``t(key, lang)``; a missing translation falls back to English.

Languages: English (en), Bosnian/Croatian/Serbian (bs, Latin script), French (fr).
"""
from __future__ import annotations

from urllib.parse import parse_qs

LANGUAGES = ("en", "bs", "fr")
DEFAULT_LANGUAGE = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"en": "Migration Trends Dashboard", "bs": "Pregled migracijskih trendova",
                  "fr": "Tableau de bord des tendances migratoires"},
    "app.tagline": {"en": "Shared facts on migration, displacement and trafficking, from the publishers' own data.",
                    "bs": "Zajedničke činjenice o migracijama, raseljavanju i trgovini ljudima, iz podataka izdavača.",
                    "fr": "Des faits partagés sur les migrations, les déplacements et la traite, tirés des données des éditeurs."},
    "control.indicator": {"en": "Indicator", "bs": "Pokazatelj", "fr": "Indicateur"},
    "control.year": {"en": "Year", "bs": "Godina", "fr": "Année"},
    "map.no_data": {"en": "No data", "bs": "Nema podataka", "fr": "Pas de données"},
    "map.title": {"en": "{label}, {year}", "bs": "{label}, {year}", "fr": "{label}, {year}"},
    "map.subtitle": {"en": "Unit: {unit}. Countries in grey: no data.",
                     "bs": "Jedinica: {unit}. Zemlje u sivoj boji: nema podataka.",
                     "fr": "Unité : {unit}. Pays en gris : pas de données."},
    "source.line": {"en": "Source: {publisher}, {title} ({edition}). Licence: {licence}.",
                    "bs": "Izvor: {publisher}, {title} ({edition}). Licenca: {licence}.",
                    "fr": "Source : {publisher}, {title} ({edition}). Licence : {licence}."},
    "source.non_commercial": {"en": "Non-commercial use only.", "bs": "Samo za nekomercijalnu upotrebu.",
                              "fr": "Usage non commercial uniquement."},
    "map.summary": {"en": "World map of {label} in {year}: {n} countries with data; highest: {top}.",
                    "bs": "Karta svijeta: {label}, {year}: {n} zemalja s podacima; najviše: {top}.",
                    "fr": "Carte du monde : {label} en {year} : {n} pays avec données ; le plus élevé : {top}."},
    "map.disclaimer": {
        "en": "The boundaries and names shown and the designations used on this map do not imply official "
              "endorsement or acceptance by the United Nations. References to Kosovo shall be understood to be in "
              "the context of UN Security Council resolution 1244 (1999).",
    },
    "notice.bad_param": {"en": "{param} {value!r} is not available; showing {fallback} instead.",
                         "bs": "{param} {value!r} nije dostupan; prikazuje se {fallback}.",
                         "fr": "{param} {value!r} n'est pas disponible ; affichage de {fallback}."},
    "footer.bundle": {"en": "Data bundle {version}", "bs": "Paket podataka {version}", "fr": "Lot de données {version}"},
    "nav.api": {"en": "API catalogue", "bs": "API katalog", "fr": "Catalogue de l'API"},
    "nav.label": {"en": "Main", "bs": "Glavni meni", "fr": "Principal"},
    "nav.explorer": {"en": "Explorer", "bs": "Istraživač", "fr": "Explorateur"},
    "nav.flows": {"en": "Flows", "bs": "Tokovi", "fr": "Flux"},
    "nav.displacement": {"en": "Displacement", "bs": "Raseljavanje", "fr": "Déplacements"},
    "nav.trafficking": {"en": "Trafficking", "bs": "Trgovina ljudima", "fr": "Traite"},
    "nav.routes": {"en": "Routes", "bs": "Rute", "fr": "Routes"},
    "nav.missing": {"en": "Missing migrants", "bs": "Nestali migranti", "fr": "Migrants disparus"},
    "nav.data": {"en": "Data", "bs": "Podaci", "fr": "Données"},
}


def _merge_page_messages() -> None:
    import importlib
    import pkgutil

    from . import messages

    for mod in sorted(pkgutil.iter_modules(messages.__path__), key=lambda m: m.name):
        extra = importlib.import_module(f"{messages.__name__}.{mod.name}").MESSAGES
        clash = set(extra) & set(MESSAGES)
        if clash:
            raise KeyError(f"UI string keys defined twice: {sorted(clash)}")
        MESSAGES.update(extra)


_merge_page_messages()


def t(key: str, lang: str | None = None, **fmt) -> str:
    """Translate ``key`` into ``lang`` (falling back to English) and format it with ``fmt``."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"no UI string {key!r}")
    text = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return text.format(**fmt) if fmt else text


def t_or(key: str, lang: str | None, fallback: str) -> str:
    """``t(key, lang)`` where the key exists, else ``fallback`` (e.g. a publisher's own label, kept as published)."""
    return t(key, lang) if key in MESSAGES else fallback


def flag_text(flag, lang: str | None = None) -> str:
    """A data flag in words ('' for none); an unknown flag reads as its code with spaces."""
    if flag is None or not isinstance(flag, str) or not flag:
        return ""
    entry = MESSAGES.get(f"flag.{flag}")
    if entry is None:
        return flag.replace("_", " ")
    return entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]


def lang_from_search(search: str | None) -> str:
    """The page language from a URL query ('?lang=bs&...'), the default when absent or unknown."""
    lang = (parse_qs((search or "").lstrip("?")).get("lang") or [DEFAULT_LANGUAGE])[0]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def with_lang(search: str, lang: str) -> str:
    """A URL query with ``lang`` kept (nothing added for the default language)."""
    if lang == DEFAULT_LANGUAGE:
        return search
    return search + ("&" if search else "?") + f"lang={lang}"
