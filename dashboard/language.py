"""The page language as part of the view state: ``lang=`` in the URL, negotiated once from Accept-Language.

- A page URL without ``lang`` is answered, for a browser that prefers Bosnian/Croatian/Serbian or French, with a
  redirect to the same URL plus ``lang=bs|fr`` (``Vary: Accept-Language``): from then on the language is in the
  address, kept by every link and callback, and a shared link opens in the language it was shared in. English is
  the default and is never written (``lang`` absent = English).
- ``switch_href`` is the language switch's link: the same page and state, another language.
- ``href`` adds the page language to a link the app writes (navigation, profile links, tables).
The pseudo-locale ``xx`` (dashboard/i18n.py) is accepted in ``lang=`` for tests but never offered or negotiated.
Language names in the switch are each language's own name, from the Unicode CLDR (Babel), not from code.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from babel import Locale
from flask import Request

from .i18n import ACCEPTED, DEFAULT_LANGUAGE


def from_query(query: str | dict | None) -> str:
    """The language of a URL query ('?lang=bs&...' or a dict), English when absent or unknown."""
    if isinstance(query, dict):
        lang = query.get("lang")
    else:
        lang = dict(parse_qsl((query or "").lstrip("?"))).get("lang")
    return lang if lang in ACCEPTED else DEFAULT_LANGUAGE


def negotiate(request: Request) -> str:
    """The language of a request: ``lang`` in its query, else the best of Accept-Language, else English."""
    lang = request.args.get("lang")
    if lang in ACCEPTED:
        return lang
    best = request.accept_languages.best_match(_ACCEPT)
    return _ACCEPT.get(best, DEFAULT_LANGUAGE) if best else DEFAULT_LANGUAGE


# Accept-Language tags that mean one of our languages (BCS: Bosnian, Croatian, Serbian in Latin script; Montenegrin)
_ACCEPT = {"en": "en", "bs": "bs", "hr": "bs", "sr": "bs", "sr-Latn": "bs", "cnr": "bs", "sh": "bs", "fr": "fr"}


def set_lang(search: str | None, lang: str) -> str:
    """``search`` with its ``lang`` replaced (removed for English); every other parameter kept, in order."""
    pairs = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"), keep_blank_values=True) if k != "lang"]
    if lang != DEFAULT_LANGUAGE:
        pairs.append(("lang", lang))
    return ("?" + urlencode(pairs, safe=",")) if pairs else ""


def href(path: str, lang: str) -> str:
    """A link the app writes, in the page language ('/country/BIH' -> '/country/BIH?lang=bs')."""
    base, _, query = path.partition("?")
    return base + set_lang(query, lang)


def switch_href(pathname: str | None, search: str | None, lang: str) -> str:
    """The language switch's link: the same page and state in ``lang``."""
    return (pathname or "/") + set_lang(search, lang)


def name(lang: str) -> str:
    """The language's own name ('English', 'bosanski', 'français'), from CLDR."""
    return Locale.parse(lang).get_display_name(lang)
