"""One number formatter for every chart text, hover, table, key figure, embed and slide, in the page's language.

Separators, decimal marks, percent signs and the short forms of large numbers (2.47B, 2,47 mlrd., 2,47 Md) come
from the Unicode CLDR through Babel: nothing here knows how Bosnian or French write a number. Only the display
is shortened: downloads and the API carry the stored value. Missing is shown as missing ('–'), never as 0.

- ``exact``: the value as stored, whole numbers with group separators, fractions to 2 decimals (3 significant
  digits below 1) — tables and key figures;
- ``whole``: rounded to a whole number (counts in sentences);
- ``short``: about 3 significant digits with the language's short scale (map legends, bar labels);
- ``amount``: a value in its unit: money to the whole unit (no cents: '17,325,982,790 current US$'), else ``exact``;
- ``percent``: a value already in percent (12.3 -> '12.3%'), ``share``: a fraction (0.123 -> '12.3%').
"""
from __future__ import annotations

import math

from babel import Locale
from babel import numbers as bn

MISSING = "–"
LOCALES = {"en": "en", "bs": "bs", "fr": "fr"}  # page language -> CLDR locale


def _locale(lang: str | None) -> str:
    return LOCALES.get(lang or "en", "en")


def is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def exact(v, lang: str = "en", missing: str = MISSING) -> str:
    """'1,608,324', '2,466,216,963.37', '1.08', '0.0123' (en); '1.608.324' (bs); '1 608 324' (fr)."""
    if is_missing(v):
        return missing
    v = float(v)
    if v.is_integer():
        return bn.format_decimal(v, format="#,##0", locale=_locale(lang))
    if abs(v) >= 1:
        return bn.format_decimal(v, format="#,##0.00", locale=_locale(lang))
    return bn.format_decimal(v, format="@##", locale=_locale(lang))


MONEY = ("US$", "USD", "EUR", "€", "$")


def is_money(unit: str | None) -> bool:
    """A unit of money ('current US$', 'USD', 'EUR')."""
    return any(m in str(unit or "") for m in MONEY)


def amount(v, unit: str | None, lang: str = "en", missing: str = MISSING) -> str:
    """A value in its unit: money rounded to the whole unit (no cents), anything else as ``exact``."""
    return whole(v, lang, missing) if is_money(unit) else exact(v, lang, missing)


def whole(v, lang: str = "en", missing: str = MISSING) -> str:
    """Rounded to a whole number with group separators: '52,412' (en), '52.412' (bs), '52 412' (fr)."""
    if is_missing(v):
        return missing
    return bn.format_decimal(round(float(v)), format="#,##0", locale=_locale(lang))


def short(v, lang: str = "en", missing: str = MISSING) -> str:
    """About three significant digits in the language's short scale: '45.6K', '1.23M', '2.47B' (en);
    '2,47 mlrd.' (bs); '2,47 Md' (fr). Below a thousand: '512', '0.5', '12.3'."""
    if is_missing(v):
        return missing
    v = float(v)
    a = abs(v)
    if a < 1000:
        return bn.format_decimal(v, format="@##" if a < 100 and not v.is_integer() else "#,##0",
                                 locale=_locale(lang))
    digits = 2 - int(math.floor(math.log10(a))) % 3  # 1.23M, 12.3M, 123M
    return bn.format_compact_decimal(v, format_type="short", fraction_digits=digits, locale=_locale(lang))


def percent(v, lang: str = "en", digits: int = 1, missing: str = MISSING) -> str:
    """A value in percent, in the language's percent pattern: '12.3%' (en, bs), '12,3 %' (fr)."""
    if is_missing(v):
        return missing
    pattern = bn.parse_pattern(Locale.parse(_locale(lang)).percent_formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return pattern.apply(float(v) / 100, Locale.parse(_locale(lang)))


def share(v, lang: str = "en", digits: int = 1, missing: str = MISSING) -> str:
    """A fraction as a percentage: 0.123 -> '12.3%'."""
    return missing if is_missing(v) else percent(float(v) * 100, lang, digits, missing)


def plotly_separators(lang: str = "en") -> str:
    """plotly's ``layout.separators`` for the language (decimal mark, then group separator): '.,' (en), ',.' (bs),
    ',\u202f' (fr), so ticks, hovers and d3 formats in charts read as in the page's text."""
    loc = _locale(lang)
    return bn.get_decimal_symbol(loc) + bn.get_group_symbol(loc)
