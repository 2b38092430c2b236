"""The data's own texts (indicator and corridor-measure labels, definitions, units; the sources' processing steps
and caveats) in the reader's language.

The bundle holds these texts in English, as the ingest writes them; the API and CSV downloads keep them English.
For the pages they are translated through a second gettext domain, ``data``, beside the UI's own catalogue::

    translations/data.pot                      the texts the current bundle needs (written by `extract`)
    translations/<lang>/LC_MESSAGES/data.po    the translations (Poedit, Weblate; committed)

The msgid is the English text exactly as in the bundle, so a new edition whose label changes ("... IMS 2024)" ->
"... IMS 2026)") simply shows English until a translator has done the new entry, and the catalogue test names it.

API
  ``text(english, lang)``       the translation, or the English text when there is none ('en' returns it unchanged)
  ``shown(english, lang)``      (text, lang attribute): the translation and None, or the English text and 'en'
                                when it stays English on a page in another language (mark it lang="en")
  ``localise(record, lang)``    a copy of a catalogue record (indicator or measure) with its texts translated
  ``pot_entries()``             the (msgid, translator comment) pairs the bundle currently needs
  ``untranslated(lang)``        the texts the bundle needs that lang's data.po lacks, leaves empty or marks fuzzy
  ``python -m dashboard.data_i18n extract [--check]``
                                rewrites translations/data.pot from the bundle and merges new msgids into every
                                data.po (``Catalog.update``: a changed text becomes a fuzzy entry with the old
                                translation as a hint; fuzzy entries are never shown). ``--check`` writes nothing
                                and exits 1 when a file would change.

Loading: each language's ``data.po`` is read with ``babel.messages.pofile.read_po`` on first use, compiled in
memory (``write_mo`` into a buffer, fuzzy and empty entries left out, as ``msgfmt`` does) and wrapped in
``babel.support.Translations``; it is kept for the life of the process. Why not a compiled ``data.mo`` on disk:
the texts are about 310 short entries (parsing takes milliseconds, once per worker), so a build step buys nothing, and
without one there is no stale ``.mo`` to serve after an edited ``.po`` and nothing to write into the source tree
at run time (a read-only container works). ``reload()`` forgets what was loaded (tests, a translator's preview).

The loaded catalogues are kept in a small dict, not an ``lru_cache``: they do not derive from the bundle, so the
bundle-version key of dashboard/cache.py does not apply; the dict holds at most one entry per language that has
a ``data.po`` (other languages are answered in English and never stored).
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

from . import store
from .i18n import PSEUDO, pseudo

DOMAIN = "data"
SOURCE_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
# the texts of a catalogue record that a reader sees; ids, codes, flags and licences are not translated here
TEXT_FIELDS = ("label", "unit", "description")
# the texts of a manifest source that a reader sees (provenance panel, /cite page, the zip's README); its publisher,
# title, edition, licence and citation are the publisher's own and shown as published
SOURCE_FIELDS = {"processing": "processing", "caveats": "caveat"}
PROJECT = "Migration Trends Dashboard"
VERSION = "data bundle texts"
BUGS = "the project's issue tracker"
HEADER = """\
# {what}: the data bundle's own texts (labels, definitions
# and units of indicators and corridor measures; processing steps
# and caveats of the sources in the manifest); each msgid is the
# English text exactly as the ingest wrote it into the bundle.
# Written and merged by `python -m dashboard.data_i18n extract`.
# {hint}
# Keep publishers' names, titles and edition strings in parentheses
# as published ("(UN DESA IMS 2024)") and every number, %, US$ and
# code (BX.TRF.PWKR.CD.DT, migr_asyappctza, da_pb_closed), and
# quoted column names, flags and published labels ('partial_year').
#"""
_POT_HINT = "Do not edit by hand: the texts come from the bundle."
_PO_HINT = "Translate here (Poedit, Weblate); empty or fuzzy shows English."
_LANG = re.compile(r"[a-z]{2,3}")

_LOADED: dict[str, NullTranslations] = {}
_LOCK = threading.Lock()


# ------------------------------------------------------------------ translating

def _normal(lang: str | None) -> str:
    """'fr', 'fr-FR', 'fr_FR' -> 'fr' (the catalogues are per language, not per region)."""
    return re.split(r"[-_]", str(lang or SOURCE_LANGUAGE), maxsplit=1)[0].lower()


def po_path(lang: str, root: Path | None = None) -> Path:
    return (root or TRANSLATIONS) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pot_path(root: Path | None = None) -> Path:
    return (root or TRANSLATIONS) / f"{DOMAIN}.pot"


def _compile(po: Path, lang: str) -> Translations:
    """read_po, then compile in memory (fuzzy and untranslated entries left out) into gettext Translations."""
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def translations(lang: str | None) -> NullTranslations | None:
    """The loaded catalogue of ``lang``, or None for English and for a language without a data.po."""
    lang = _normal(lang)
    if lang == SOURCE_LANGUAGE or not _LANG.fullmatch(lang):
        return None
    found = _LOADED.get(lang)
    if found is not None:
        return found
    po = po_path(lang)
    if not po.is_file():
        return None
    with _LOCK:
        if lang not in _LOADED:
            _LOADED[lang] = _compile(po, lang)
        return _LOADED[lang]


def reload() -> None:
    """Forget the loaded catalogues; the next ``text`` call reads the .po files again."""
    with _LOCK:
        _LOADED.clear()


def text(english: str, lang: str | None) -> str:
    """The bundle text ``english`` in ``lang``: its translation, or the English text itself when the catalogue has
    none (no entry, an empty or a fuzzy one, or no catalogue for the language). 'en' returns it unchanged."""
    if not english or not isinstance(english, str):
        return english
    if lang == PSEUDO:
        return pseudo(english)
    tr = translations(lang)
    return tr.gettext(english) if tr is not None else english


def shown(english: str, lang: str | None) -> tuple[str, str | None]:
    """The bundle text ``english`` as a page in ``lang`` shows it: (text, lang attribute), where the attribute is
    None when the text is in the page's language and 'en' when it has no translation yet and stays English (so
    screen readers pronounce it as English). English and the pseudo-locale never need the attribute."""
    local = text(english, lang)
    if local == english and _normal(lang) != SOURCE_LANGUAGE and lang != PSEUDO:
        return english, SOURCE_LANGUAGE
    return local, None


def localise(record: dict, lang: str | None, fields: tuple[str, ...] = TEXT_FIELDS) -> dict:
    """A copy of an indicator or corridor-measure record (``store.indicator_meta``, ``store.measure_meta``, an entry
    of ``store.catalog()``) with its reader-visible texts in ``lang``; ids and every other field unchanged."""
    return {**record, **{f: text(record[f], lang) for f in fields if isinstance(record.get(f), str)}}


# ------------------------------------------------------------------ what the bundle needs

def _where(kind: str, ids: list[str], field: str) -> str:
    return f"{kind} {', '.join(ids)}: {field}"


def pot_entries(catalog: dict | None = None, sources: dict | None = None) -> list[tuple[str, str]]:
    """(English text, translator comment) for every reader-visible text of the bundle's indicators and corridor
    measures, in catalogue order, then of its sources (manifest order), each text once. The comment says where the
    text is used, e.g. 'indicator migrant_stock: label' or 'source unhcr: caveat'; a text used in several places
    names them all ('indicator a, b: unit').

    Also the units of population-relative views as ``store.per_unit`` composes them ('persons per 1,000
    population'), so that ``text(store.per_unit(unit, per), lang)`` finds a translation.

    ``sources`` is the manifest's {id: source} (``store.bundle().manifest["sources"]``); each source's
    ``processing`` steps and ``caveats`` are lists of texts."""
    catalog = catalog if catalog is not None else store.catalog()
    sources = sources if sources is not None else (store.bundle().manifest.get("sources") or {})
    uses: dict[str, dict[tuple[str, str], list[str]]] = {}

    def add(msgid, kind, ident, field):
        if isinstance(msgid, str) and msgid.strip():
            uses.setdefault(msgid, {}).setdefault((kind, field), []).append(ident)

    for ind in catalog["indicators"]:
        for field in TEXT_FIELDS:
            add(ind.get(field), "indicator", ind["id"], field)
    for m in catalog["corridor_measures"]:
        for field in TEXT_FIELDS:
            add(m.get(field), "corridor measure", m["id"], field)
    for ind in catalog["indicators"]:
        declared = [p for p in str(ind.get("per") or "").split(",") if p]
        for per in (p for p in store.PER_OPTIONS if p in declared):
            add(store.per_unit(ind["unit"], per), "indicator", ind["id"], f"unit {per} (store.per_unit)")
    for sid, src in sources.items():
        for field, name in SOURCE_FIELDS.items():
            for step in src.get(field) or []:
                add(step, "source", sid, name)
    return [(msgid, "\n".join(_where(kind, ids, field) for (kind, field), ids in places.items()))
            for msgid, places in uses.items()]


def untranslated(lang: str, root: Path | None = None, entries: list[tuple[str, str]] | None = None) -> list[str]:
    """The texts the bundle needs that ``lang``'s data.po does not translate usably: no entry, an empty msgstr or a
    fuzzy one (all three are shown in English). The catalogue test fails on any of them and names them."""
    entries = entries if entries is not None else pot_entries()
    catalog = _read(po_path(lang, root), locale=lang)
    if catalog is None:
        return [msgid for msgid, _ in entries]
    out = []
    for msgid, _ in entries:
        message = catalog.get(msgid)
        if message is None or not message.string or message.fuzzy:
            out.append(msgid)
    return out


# ------------------------------------------------------------------ extract and merge

def _plain(message) -> None:
    """These texts are never %-formatted: '% of population' must not be read as a '% o' placeholder (babel flags
    it python-format, and msgfmt -c or Poedit would then reject '% de la population')."""
    if message.id and message.flags & {"python-format"}:
        message.flags.discard("python-format")
        message.flags.add("no-python-format")


def _render(catalog: Catalog, **kw) -> str:
    for message in catalog:
        _plain(message)
    for message in catalog.obsolete.values():
        _plain(message)
    buf = io.BytesIO()
    write_po(buf, catalog, width=79, **kw)
    return buf.getvalue().decode("utf-8")


def template(entries: list[tuple[str, str]], creation_date: datetime | None = None) -> Catalog:
    pot = Catalog(domain=DOMAIN, project=PROJECT, version=VERSION, msgid_bugs_address=BUGS,
                  header_comment=HEADER.format(what="Template", hint=_POT_HINT),
                  creation_date=creation_date or datetime.now(timezone.utc), fuzzy=False)
    for msgid, comment in entries:
        pot.add(msgid, auto_comments=comment.splitlines())
    return pot


def _read(path: Path, **kw) -> Catalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        catalog = read_po(fh, domain=DOMAIN, **kw)
    for message in [*catalog, *catalog.obsolete.values()]:
        # '#| msgid "old text"' lines (msgmerge, Poedit) come back from read_po as user comments and write_po would
        # turn them into '# | msgid ...' notes; drop them: a fuzzy entry keeps the old translation as the hint
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


def plan(root: Path | None = None, entries: list[tuple[str, str]] | None = None) -> dict[Path, str]:
    """The files ``extract`` would write, as {path: new content}, for the .pot and every existing data.po.

    The template keeps its POT-Creation-Date when its entries are unchanged, so an up-to-date checkout gives no
    diff; a .po is merged with ``Catalog.update`` (new texts untranslated; a changed one fuzzy, keeping
    the translation of the text it most resembles as a hint; gone ones obsolete, as #~ lines)."""
    root = root or TRANSLATIONS
    entries = entries if entries is not None else pot_entries()
    old = _read(pot_path(root))
    pot = template(entries, old.creation_date if old is not None else None)
    pot_text = _render(pot)
    if old is not None and pot_path(root).read_text(encoding="utf-8") != pot_text:
        pot = template(entries)  # the entries changed: a new creation date
        pot_text = _render(pot)
    out = {pot_path(root): pot_text}
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        catalog = _read(po, locale=lang)
        catalog.update(pot, update_header_comment=False)
        out[po] = _render(catalog)
    return out


def extract(root: Path | None = None, check: bool = False) -> list[Path]:
    """Write the template and merge it into the .po files; returns the files that changed (or would change)."""
    changed = []
    for path, content in plan(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            changed.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    return changed


def init(lang: str, root: Path | None = None) -> Path:
    """Start the catalogue of a new language from the template (the README: how to add a language)."""
    root = root or TRANSLATIONS
    path = po_path(lang, root)
    if path.exists():
        raise FileExistsError(f"{path} exists; run `extract` to merge new texts into it")
    pot = _read(pot_path(root))
    catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, version=VERSION, msgid_bugs_address=BUGS,
                      header_comment=HEADER.format(what=f"{lang} translation", hint=_PO_HINT),
                      creation_date=pot.creation_date, language_team=Locale.parse(lang).english_name, fuzzy=False)
    catalog.update(pot)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_render(catalog), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.data_i18n", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="rewrite translations/data.pot from the bundle, merge it into every data.po")
    ex.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    new = sub.add_parser("init", help="start translations/<lang>/LC_MESSAGES/data.po from the template")
    new.add_argument("lang")
    args = parser.parse_args(argv)
    if args.command == "init":
        print(f"created {init(args.lang)}")
        return 0
    changed = extract(check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(TRANSLATIONS.parent)}")
    if not changed:
        print("translations/data.pot and every data.po are up to date with the bundle")
    if not args.check:
        total = len(pot_entries())
        for po in sorted(TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            lang = po.parent.parent.name
            print(f"{lang}: {total - len(untranslated(lang))} of {total} texts translated")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
