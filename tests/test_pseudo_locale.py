"""Every text a chart shows goes through a catalogue: rendered in the pseudo-locale ``xx`` (dashboard/i18n.py, every
catalogue text wrapped in ⟦ ⟧: UI strings, names, data texts, publisher labels), no chart of the registry, in its
default state, shows a word outside the brackets: not in its title, subtitle, summary or source line, not in its
figure's titles, trace names, hovers, texts or category axes, not in its table's headers, flags and labels.

Numbers, years, periods and ISO3 codes are not words; a publisher's raw label that has no catalogue entry (UNODC's
as-published citizenship labels) is shown as published, and only in the columns a view does not translate."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import views
from dashboard.i18n import PSEUDO, flag_text, vocab

REGISTRY = views.load_all()
WORD = re.compile(r"[A-Za-zÀ-ž]*[a-zà-ž][A-Za-zÀ-ž]*")  # a word has a small letter: 'IDMC', 'EU27', 'FY2025' are not words
NOT_WORDS = re.compile(r"^(FY)?\d{4}([-–]\d{2,4})?$|^[A-Z]{3}$|^Q[1-4] \d{4}$")
TEXT_KEYS = {"text", "name", "hovertemplate", "texttemplate", "ticktext", "label", "customdata"}


def outside(text: str) -> str:
    """``text`` without its bracketed parts, hover placeholders, markup and URLs."""
    while True:
        shorter = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        if shorter == text:
            break
        text = shorter
    return re.sub(r"<[^>]+>|%\{[^}]*\}|https?://\S+", " ", text)


def strings(obj, key=""):
    """(where, text) of every string the figure can show."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "title" and isinstance(v, str):
                yield k, v
            yield from strings(v, k if k in TEXT_KEYS or k in ("x", "y", "labels") else key)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from strings(v, key)
    elif isinstance(obj, str) and key:
        yield key, obj


def english_words(pairs) -> list:
    return sorted({(where, s[:90]) for where, s in pairs
                   if not NOT_WORDS.match(s.strip()) and any(len(w) > 1 for w in WORD.findall(outside(s)))})


@pytest.mark.parametrize("view_id", sorted(REGISTRY))
def test_every_chart_text_goes_through_a_catalogue(view_id):
    state, _ = views.parse(view_id, {})
    rendered = views.render(view_id, state, PSEUDO)
    texts = [(k, rendered[k]) for k in ("title", "subtitle", "summary", "source") if rendered.get(k)]
    assert english_words(texts + list(strings(rendered["figure"]))) == []


@pytest.mark.parametrize("view_id", sorted(REGISTRY))
def test_every_table_header_flag_and_label_goes_through_a_catalogue(view_id):
    state, _ = views.parse(view_id, {})
    table = views.table(view_id, state, PSEUDO)
    assert english_words(("header", h) for h in table.columns.values()) == []
    shown = [c for c in table.columns if c not in table.links and c in table.frame.columns]
    cells = [(c, v) for c in shown for v in pd.unique(table.frame[c].dropna())
             if isinstance(v, str) and (c == "flag" or vocab(v, "en") != vocab(v, "bs") or c in REGISTRY[view_id].display)]
    assert english_words(cells) == [], "a flag or a publisher label with a catalogue entry shown untranslated"


def test_pseudo_locale_brackets_names_data_texts_flags_and_labels():
    from dashboard import data_i18n, store
    assert store.country_names(PSEUDO)["DEU"] == "⟦Germany⟧"
    assert data_i18n.text("persons", PSEUDO) == "⟦persons⟧"
    assert vocab("Drowning", PSEUDO) == "⟦Drowning⟧" and vocab("Drowning", "fr") == "Noyade"
    assert flag_text("partial year (Jan-Apr 2025)", PSEUDO).startswith("⟦")
    assert flag_text("partial year (Jan-Apr 2025)", "fr") == "année partielle (janv. 2025 – avr. 2025)"
    assert flag_text("partial year (5 months, to May 2026)", "bs") == "djelimična godina (5 mjeseci), do maj 2026."
