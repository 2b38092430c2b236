"""What `pybabel extract` cannot see in the code, and the two Babel extractors that babel.cfg names.

The catalogues are key-based: every msgid is a message key ("data.matches"), the English text is in en.po.
`pybabel extract` finds the literal keys passed to t(), tn() and t_or(). A key built at run time
(``t(f"nav.{key}")``), chosen by a conditional or held in a variable cannot be found: DYNAMIC_KEYS lists them,
by prefix (ending in "." or "_") or as an exact key, each with the module that builds it and, where the key is
built from an f-string, that f-string's text (a test checks that the module really holds that prefix, key or
f-string, and that every key of en.po is extracted or listed here).

en.po is the source catalogue (the monolingual base file, in Weblate's terms): its keys listed here and its
translator comments (#.) go into the template through these extractors, so `pybabel update` keeps both in every
language. To add a dynamic key: add it to en.po (msgid, English msgstr, a #. comment), list its prefix here if new,
then `make translations`.
"""
from __future__ import annotations

from pathlib import Path

import string
import sys

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
EN_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
BRACE = "python-brace-format"

DYNAMIC_KEYS: dict[str, str] = {
    # prefixes: the literal start of an f-string key
    "nav.": "dashboard/factory.py",                      # t(f"nav.{key}") for each NAV link
    "flag.": "dashboard/i18n.py",                        # flag_text(flag): f"flag.{flag}", one per data flag
    "explorer.coverage_of.": "dashboard/figures/series.py",
    "explorer.col.": "dashboard/viewdefs/explorer.py",
    "explorer.per.": "dashboard/viewdefs/explorer.py",
    "explorer.ranking.": "dashboard/viewdefs/explorer.py",
    "explorer.rule.": "dashboard/viewdefs/explorer.py",   # also the conditional "explorer.rule.sum(_complete)"
    "explorer.order.": "layouts/explorer.py",
    "explorer.theme.": "layouts/explorer.py",
    "country.col_": "dashboard/viewdefs/country.py",
    "country.origins_title": "dashboard/viewdefs/country.py | country.{direction}_title",
    "country.destinations_title": "dashboard/viewdefs/country.py | country.{direction}_title",
    "country.origins_summary": "dashboard/viewdefs/country.py | country.{direction}_summary",
    "country.destinations_summary": "dashboard/viewdefs/country.py | country.{direction}_summary",
    "data.col.": "callbacks/data.py",
    "disp.pop.": "dashboard/viewdefs/displacement.py",
    "disp.role.": "layouts/displacement.py",
    "disp.role_word.": "dashboard/viewdefs/displacement.py",
    "disp.idmc.": "dashboard/viewdefs/displacement.py",
    "disp.rec.": "dashboard/viewdefs/displacement.py",
    "disp.sol.": "dashboard/viewdefs/displacement.py",
    "disp.asy.": "dashboard/viewdefs/displacement.py",
    "disp.traps.": "layouts/displacement.py",
    "disp.top_origins.title": "dashboard/viewdefs/displacement.py | disp.{key}.title",
    "disp.top_hosts.title": "dashboard/viewdefs/displacement.py | disp.{key}.title",
    "flows.sex.": "dashboard/viewdefs/flows.py",
    "flows.dir.": "dashboard/viewdefs/flows.py",
    "flows.kind.": "dashboard/viewdefs/flows.py",         # KIND_KEY
    "flows.title.": "dashboard/viewdefs/flows.py",        # _texts("flows.title.map") etc.
    "flows.role.": "layouts/flows.py",
    "flows.extent.": "dashboard/viewdefs/flows.py",       # extent_options(): the map extents
    "missing.dataset.": "layouts/missing.py",
    "missing.family.name.": "dashboard/viewdefs/missing.py",  # t_or: a family without a key keeps IOM's name
    "missing.dead": "dashboard/figures/missing.py",       # the bar series, from a tuple
    "missing.missing": "dashboard/figures/missing.py",
    "routes.americas.": "dashboard/viewdefs/routes.py",   # series labels and routes.americas.note.* (t_or)
    "routes.side.": "dashboard/viewdefs/routes.py",
    "routes.mapping.": "layouts/routes.py",               # table header keys in a tuple
    "traf.who.": "dashboard/viewdefs/trafficking.py",
    "traf.form_label.": "dashboard/viewdefs/trafficking.py",
    "traf.sexage.title": "dashboard/viewdefs/trafficking.py",   # _breakdown_view(..., title_key, subtitle_key)
    "traf.form.title": "dashboard/viewdefs/trafficking.py",
    "traf.cit.title": "dashboard/viewdefs/trafficking.py",
    "traf.cit.subtitle": "dashboard/viewdefs/trafficking.py",
    "traf.breakdown.subtitle": "dashboard/viewdefs/trafficking.py",
    "prov.": "layouts/provenance.py",
    "col.": "dashboard/views.py",                        # column_label(): col.<english header in snake case>
    "vocab.": "dashboard/i18n.py",                       # vocab(): vocab.<publisher label in snake case>
    "param.": "dashboard/share/embed.py",                # an embed control's label: by_english("param.", Param.label)
    "routes.map_note.": "layouts/routes.py",            # by_english("routes.map_note.", note) for ROUTE_MAP notes
    "actions.gpkg": "layouts/cards.py | actions.{fmt}",   # the map downloads
    "actions.geojson": "layouts/cards.py | actions.{fmt}",
    "actions.image": "layouts/cards.py | actions.{fmt}",
    "actions.full_": "layouts/full_download.py",
    "corridor.reverse": "layouts/corridor.py",            # t() inside an f-string, which the extractor skips
}

# translated but not used by the code yet (the table headers and notices are still English literals there;
# issue 15 moves them into the catalogue): kept so that the work is not lost, removed from here when used
UNUSED_KEYS: frozenset[str] = frozenset({
    "corridor.col.emigrants", "corridor.col.immigrants", "corridor.col.share_emi", "corridor.col.share_imm",
    "corridor.col.value", "corridor.col.year", "corridor.no_measures",
    "flows.col.destination", "flows.col.direction", "flows.col.flag", "flows.col.origin", "flows.col.partner",
    "flows.col.period", "flows.col.share", "flows.col.unit", "flows.col.value",
    "map.title", "notice.bad_param", "country.compare_link",
})


def is_dynamic(key: str) -> bool:
    """Whether ``key`` is listed in DYNAMIC_KEYS (as itself or under a listed prefix)."""
    return any(key == k or (k[-1] in "._" and key.startswith(k)) for k in DYNAMIC_KEYS)


def _msg_key(message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


_COMMENTS: dict[tuple, dict[str, list[str]]] = {}


def en_comments(path: Path = EN_PO) -> dict[str, list[str]]:
    """Translator comments (#.) of en.po by key, read once per file version."""
    stamp = (str(path), path.stat().st_mtime_ns) if path.exists() else (str(path), 0)
    if stamp not in _COMMENTS:
        if not path.exists():
            return {}
        with path.open("rb") as f:
            _COMMENTS[stamp] = {_msg_key(m): list(m.auto_comments) for m in read_po(f) if m.id}
    return _COMMENTS[stamp]


def extract_ui_keys(fileobj, keywords, comment_tags, options):
    """Babel's Python extractor (the literal keys of t, tn, t_or) with en.po's translator comments added."""
    comments = en_comments()
    for lineno, funcname, messages, extra in extract_python(fileobj, keywords, comment_tags, options):
        key = messages[0] if isinstance(messages, (list, tuple)) else messages
        yield lineno, funcname, messages, [*extra, *comments.get(key, [])] if isinstance(key, str) else extra


def extract_dynamic_keys(fileobj, keywords, comment_tags, options):
    """The keys of en.po that the code builds at run time (DYNAMIC_KEYS) or does not use yet (UNUSED_KEYS)."""
    for message in read_po(fileobj):
        key = _msg_key(message)
        if key and (is_dynamic(key) or key in UNUSED_KEYS):
            funcname = "tn" if message.pluralizable else "t"
            yield message.lineno, funcname, (key,), list(message.auto_comments)


def has_placeholders(text: str) -> bool:
    """Whether ``text`` is a str.format template with at least one {field} (plotly's %{...} templates are not)."""
    if "%{" in text:
        return False
    try:
        return any(field is not None for _, field, _, _ in string.Formatter().parse(text))
    except ValueError:
        return False


def mark_brace_format(translations: Path = TRANSLATIONS) -> None:
    """Flag every entry whose English text has {placeholders} as python-brace-format, in every .po file.

    Babel decides that flag from the msgid, which is a key here, and drops it whenever it reads a catalogue
    (`pybabel update`); `make translations` runs this after the update so that Poedit and Weblate check the
    placeholders of each translation.
    """
    with EN_PO.open("rb") as f:
        english = {_msg_key(m): m.string for m in read_po(f) if m.id}
    for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            text = english.get(_msg_key(message)) if message.id else None
            texts = text if isinstance(text, (list, tuple)) else [text or ""]
            if any(has_placeholders(s) for s in texts):
                message.flags.add(BRACE)
        with po.open("wb") as f:
            write_po(f, catalog, ignore_obsolete=True)  # as `pybabel update` writes it


if __name__ == "__main__":
    if sys.argv[1:] != ["mark-brace-format"]:
        sys.exit("usage: python -m dashboard.i18n_extract mark-brace-format")
    mark_brace_format()
