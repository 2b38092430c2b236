"""Every UI string goes through ``t(key, lang)`` (or ``tn(key, n, lang)`` for a counted one).

Languages: English (en), Bosnian/Croatian/Serbian (bs, Latin script), French (fr). The strings live in gettext
catalogues, translations/<lang>/LC_MESSAGES/messages.po, keyed by message key (msgid "data.matches"; the English
text is in en.po). The app reads the compiled .mo files, built by `make translations` (or `pybabel compile -d
translations`); `make run` and `make test` build them first. They are loaded once, when this module is imported;
a missing or out-of-date .mo is an error that says what to run.

At run time a key missing in bs or fr falls back to English (tests/test_i18n_catalogues.py fails on any missing or
fuzzy entry, so this only happens between a new key and its translation). The pseudo-locale ``PSEUDO`` ("xx") is
made from English at load time, every text wrapped as ``⟦...⟧``; it is accepted by t and tn but not offered to
users (LANGUAGES, dashboard/language.py), so that a test can find UI text that does not go through the catalogue.
"""
from __future__ import annotations

import gettext
import io
import re
from datetime import date
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo

LANGUAGES = ("en", "bs", "fr")
DEFAULT_LANGUAGE = "en"
PSEUDO = "xx"
ACCEPTED = LANGUAGES + (PSEUDO,)  # what ``lang=`` may say: the three languages, and the pseudo-locale for tests


def pseudo(text: str) -> str:
    """``text`` as the pseudo-locale shows it: wrapped in ⟦ ⟧ (names and data texts too, so a test can tell them
    from text that bypasses every catalogue)."""
    return f"⟦{text}⟧"
DOMAIN = "messages"
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"


def mo_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _read_mo(lang: str) -> Catalog:
    mo, po = mo_path(lang), mo_path(lang).with_suffix(".po")
    if not mo.exists() or (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
        state = "is missing" if not mo.exists() else f"is older than {po.name}"
        raise RuntimeError(f"{mo} {state}: compile the catalogues with `make translations` "
                           "(or `pybabel compile -d translations`)")
    with mo.open("rb") as f:
        return read_mo(f)


def _pseudo(english: Catalog) -> Catalog:
    """The pseudo-locale: every English text wrapped in ⟦ ⟧, placeholders untouched."""
    out = Catalog(locale="en", domain=DOMAIN)
    out.mime_headers = english.mime_headers
    for message in english:
        if not message.id:
            continue
        text = message.string
        out.add(message.id, tuple(pseudo(s) for s in text) if isinstance(text, (list, tuple)) else pseudo(text))
    return out


def _translations(catalog: Catalog) -> gettext.GNUTranslations:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _load() -> tuple[dict[str, gettext.GNUTranslations], frozenset[str], frozenset[str]]:
    catalogs = {lang: _read_mo(lang) for lang in LANGUAGES}
    catalogs[PSEUDO] = _pseudo(catalogs[DEFAULT_LANGUAGE])
    english = catalogs[DEFAULT_LANGUAGE]
    keys = frozenset(m.id[0] if m.pluralizable else m.id for m in english if m.id)
    plural = frozenset(m.id[0] for m in english if m.id and m.pluralizable)
    found = {lang: _translations(c) for lang, c in catalogs.items()}
    for lang, tr in found.items():
        if lang != DEFAULT_LANGUAGE:
            tr.add_fallback(found[DEFAULT_LANGUAGE])  # a key missing in bs/fr reads in English
    return found, keys, plural


_CATALOGUES, KEYS, PLURAL_KEYS = _load()


def _catalogue(lang: str | None) -> gettext.GNUTranslations:
    return _CATALOGUES.get(lang or DEFAULT_LANGUAGE) or _CATALOGUES[DEFAULT_LANGUAGE]


def t(key: str, lang: str | None = None, **fmt) -> str:
    """Translate ``key`` into ``lang`` (falling back to English) and format it with ``fmt``."""
    if key not in KEYS:
        raise KeyError(f"no UI string {key!r}")
    if key in PLURAL_KEYS:
        raise KeyError(f"UI string {key!r} has plural forms: use tn(key, n, lang)")
    text = _catalogue(lang).gettext(key)
    return text.format(**fmt) if fmt else text


def tn(key: str, n: int, lang: str | None = None, /, **fmt) -> str:
    """The plural form of ``key`` for the count ``n`` in ``lang``, formatted with ``n`` and ``fmt``.

    ``{n}`` in the text is ``n`` unless ``fmt`` gives ``n`` already formatted (``tn(key, 1234, lang, n="1,234")``:
    the parameters are positional-only for that).
    """
    if key not in PLURAL_KEYS:
        raise KeyError(f"no UI string {key!r} with plural forms" if key not in KEYS else
                       f"UI string {key!r} has no plural forms: use t(key, lang)")
    return _catalogue(lang).ngettext(key, key, int(n)).format(**{"n": n, **fmt})


def t_or(key: str, lang: str | None, fallback: str) -> str:
    """``t(key, lang)`` where the key exists, else ``fallback`` (e.g. a publisher's own label, kept as published)."""
    return t(key, lang) if key in KEYS else fallback


def _snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def by_english(prefix: str, text: str, lang: str | None) -> str:
    """``text`` (an English label written in code or data) in ``lang`` through the key ``<prefix><text in snake
    case>`` ('param.' + 'Route family' -> 'param.route_family'); a text without an entry is returned as it is."""
    key = prefix + _snake(text)
    return t_or(key, lang, text)


def long_date(day: date, lang: str | None) -> str:
    """'3 December 2026' / '3. decembra 2026.' / '3 décembre 2026' (CLDR's long date of the language)."""
    return format_date(day, format="long", locale=_babel_locale(lang))


def vocab(value, lang: str | None = None):
    """A publisher's category label ('Drowning', 'Tier 2 Watch List', 'Central Mediterranean Route') in ``lang``:
    the catalogue holds it as ``vocab.<english in snake case>``; a label without an entry (the raw, as-published
    citizenship labels of UNODC's national returns, for instance) is shown as published. Not a string: unchanged."""
    if not isinstance(value, str) or not value:
        return value
    return by_english("vocab.", value, lang)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_M = "(" + "|".join(_MONTHS) + ")"
# the partial-period flags the queries write (English, stable in downloads): their words and dates per language
_PARTIAL = (
    ("flag.partial_months", re.compile(rf"partial year \({_M}-{_M} (\d{{4}})\)")),
    ("flag.partial_fiscal", re.compile(rf"partial fiscal year \({_M} (\d{{4}}) - {_M} (\d{{4}})\)")),
    ("flag.partial_count", re.compile(rf"partial year \((\d+) months(?:, to {_M} (\d{{4}}))?\)")),
    ("flag.sum_of_partners", re.compile(r"sum of (\d+) partners")),
)


def month_year(month: str | int, year: str | int, lang: str | None) -> str:
    """'Apr 2025' in ``lang`` ('tra 2025', 'avr. 2025'), from the CLDR (Babel)."""
    m = month if isinstance(month, int) else _MONTHS.index(month) + 1
    return format_skeleton("yMMM", date(int(year), m, 1), locale=_babel_locale(lang))


def _babel_locale(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _partial_text(flag: str, lang: str | None) -> str | None:
    for key, pattern in _PARTIAL:
        m = pattern.fullmatch(flag)
        if not m:
            continue
        g = m.groups()
        if key == "flag.partial_months":
            return t(key, lang, start=month_year(g[0], g[2], lang), end=month_year(g[1], g[2], lang))
        if key == "flag.partial_fiscal":
            return t(key, lang, start=month_year(g[0], g[1], lang), end=month_year(g[2], g[3], lang))
        if key == "flag.sum_of_partners":
            return tn(key, int(g[0]), lang)
        months = tn(key, int(g[0]), lang)
        return t("flag.partial_to", lang, months=months, end=month_year(g[1], g[2], lang)) if g[1] else months
    return None


def flag_text(flag, lang: str | None = None) -> str:
    """A data flag in words ('' for none): a flag code ('estimate'), or one of the partial-period flags the queries
    write ('partial year (Jan-Apr 2025)'), with its dates in ``lang``; an unknown flag reads as its code with
    spaces."""
    if flag is None or not isinstance(flag, str) or not flag:
        return ""
    return _partial_text(flag, lang) or t_or(f"flag.{_snake(flag)}", lang, flag.replace("_", " "))

