"""The data's own texts in bs and fr (dashboard/data_i18n.py, translations/*/LC_MESSAGES/data.po).

Every label, definition and unit the bundle's indicators and corridor measures show, and every processing step and
caveat of its sources, has a usable translation (not missing, empty or fuzzy); translations keep numbers, %, US$, codes and the publishers' source tags; the
template is what `python -m dashboard.data_i18n extract` writes from the current bundle; a new edition's changed
label merges in as an entry to translate and is shown in English until then.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from dashboard import data_i18n as d
from dashboard import store

LANGS = ("bs", "fr")


@pytest.fixture(scope="module")
def entries():
    return d.pot_entries()


def _catalog(lang):
    with d.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=d.DOMAIN)


# ------------------------------------------------------------------ what the bundle needs

def test_the_template_lists_every_text_of_the_catalogue_with_where_it_comes_from(entries):
    cat = store.catalog()
    texts = dict(entries)
    for kind, records in (("indicator", cat["indicators"]), ("corridor measure", cat["corridor_measures"])):
        for rec in records:
            for field in d.TEXT_FIELDS:
                assert rec[field] in texts, (kind, rec["id"], field)
                assert re.search(rf"^{kind} (.*, )?{re.escape(rec['id'])}(, .*)?: {field}$", texts[rec[field]], re.M), \
                    (rec[field], texts[rec[field]])
    # the per-1,000 units composed by store.per_unit are there too
    assert "persons per 1,000 population" in texts and "% of population" in texts
    assert len(texts) == len(entries), "each text once"
    pot = d._read(d.pot_path())
    for msgid, comment in entries:
        assert " ".join(pot[msgid].auto_comments) == " ".join(comment.splitlines()), msgid  # (wrapped at 79)


def test_the_template_lists_every_processing_step_and_caveat_of_the_sources(entries):
    """The manifest's per-source texts (provenance panel, /cite page, the zip's README) are in the template, with
    'source <id>: processing' or 'source <id>: caveat'; a step several sources share is listed once, naming all."""
    texts = dict(entries)
    sources = store.bundle().manifest["sources"]
    n = 0
    for sid, src in sources.items():
        for field, name in (("processing", "processing"), ("caveats", "caveat")):
            for msgid in src.get(field) or []:
                n += 1
                assert msgid in texts, (sid, field, msgid)
                assert re.search(rf"^source (.*, )?{re.escape(sid)}(, .*)?: {name}$", texts[msgid], re.M), \
                    (msgid, texts[msgid])
    assert n > len({m for s in sources.values() for f in ("processing", "caveats") for m in s.get(f) or []}), \
        "some steps are shared (the gdidata packaging note)"
    shared = next(m for m, c in entries if c.startswith("source ") and ", " in c.split(":")[0])
    assert all(sid in texts[shared] for sid, s in sources.items() if shared in (s.get("processing") or []))


def test_the_template_is_up_to_date_with_the_bundle():
    """`python -m dashboard.data_i18n extract` would change nothing: not the .pot, not a .po."""
    stale = d.extract(check=True)
    assert not stale, f"run `python -m dashboard.data_i18n extract`: out of date {[str(p) for p in stale]}"


# ------------------------------------------------------------------ complete catalogues

@pytest.mark.parametrize("lang", LANGS)
def test_every_text_the_bundle_needs_is_translated(lang, entries):
    missing = d.untranslated(lang, entries=entries)
    assert not missing, f"{lang}: {len(missing)} bundle texts lack a (non-fuzzy) translation in " \
                        f"{d.po_path(lang)}: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_fuzzy_or_empty_entry_and_no_stray_ones(lang, entries):
    catalog = _catalog(lang)
    needed = {m for m, _ in entries}
    live = [m for m in catalog if m.id]
    assert not [m.id for m in live if m.fuzzy or not m.string]
    assert {m.id for m in live} == needed, "extract drops texts the bundle no longer has (they go obsolete)"


# ------------------------------------------------------------------ what a translation must keep

# a parenthesised group naming a source: publishers' acronyms or names joined by '&', no lowercase word but the
# edition's own ('revision'); e.g. (UN DESA IMS 2024), (IDMC GIDD), (Abel & Cohen), (BX.TRF.PWKR.CD.DT), but not
# (% of GDP), (not all IDPs) or (female, 0-17 years), which are prose
EDITION_WORDS = {"revision"}


def source_tags(s: str) -> list[str]:
    tags = []
    for inner in re.findall(r"\(([^()]*)\)", s):
        words = re.findall(r"[^\s,;]+", inner)
        prose = [w for w in words if w[0].islower() and w not in EDITION_WORDS]
        if words and not prose and not inner.startswith("%") and (re.search(r"[A-Z]{2,}", inner) or "&" in inner):
            tags.append(f"({inner})")
    return tags


def numbers(s: str) -> Counter:
    """Whole numbers, with any thousands separator (1,000 / 1.000 / 1 000) removed."""
    return Counter(re.sub(r"[,.\u00a0\u202f ]", "", n) for n in re.findall(r"\d+(?:[,.\u00a0\u202f ]\d{3})*(?!\d)", s))


def codes(s: str) -> list[str]:
    """Series and method codes: BX.TRF.PWKR.CD.DT, migr_asyappctza, da_pb_closed."""
    return re.findall(r"[A-Z]{2,}(?:\.[A-Z]{2,})+|\b[a-z]+(?:_[a-z0-9]+)+\b", s)


def test_the_rules_find_what_they_should():
    assert source_tags("International migrants, % of population (UN DESA IMS 2020 revision)") == \
        ["(UN DESA IMS 2020 revision)"]
    assert source_tags("Remittances received (% of GDP)") == []
    assert source_tags("Emigration over 5 years (Abel & Cohen)") == ["(Abel & Cohen)"]
    assert source_tags("... end of year (not all IDPs).") == []
    assert source_tags("(UN DESA, UNHCR, UNRWA).") == ["(UN DESA, UNHCR, UNRWA)"]
    assert numbers("persons per 1,000 population, 0-17 years") == numbers("pour 1\u202f000 habitants, 0-17 ans")
    assert numbers("na 1.000 stanovnika; za 2024. projekcija") == Counter({"1000": 1, "2024": 1})
    assert codes("current US$ (BX.TRF.PWKR.CD.DT), Eurostat migr_asyappctza.") == ["BX.TRF.PWKR.CD.DT",
                                                                                   "migr_asyappctza"]


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_source_tags_numbers_percent_currency_codes_and_placeholders(lang, entries):
    catalog = _catalog(lang)
    bad = []
    for msgid, _ in entries:
        tr = catalog[msgid].string
        checks = {
            "source tag": [t for t in source_tags(msgid) if t not in tr],
            "numbers": numbers(msgid) != numbers(tr),
            "%": msgid.count("%") != tr.count("%"),
            "US$": msgid.count("US$") != tr.count("US$"),
            "code": [c for c in codes(msgid) if c not in tr],
            "placeholder": sorted(re.findall(r"\{[^{}]*\}", msgid)) != sorted(re.findall(r"\{[^{}]*\}", tr)),
        }
        bad += [(what, msgid, tr) for what, wrong in checks.items() if wrong]
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_percent_texts_are_marked_as_no_format_strings(lang):
    """'% of population' is not a '% o' placeholder: the entry says no-python-format, so msgfmt -c and Poedit
    accept '% de la population'; msgfmt itself checks the file when it is installed."""
    catalog = _catalog(lang)
    pct = [m for m in catalog if m.id and "%" in m.id]
    assert pct
    text = d.po_path(lang).read_text(encoding="utf-8")
    assert "#, python-format" not in text and text.count("#, no-python-format") == len(pct)
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(d.po_path(lang))], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


# ------------------------------------------------------------------ text()

def test_text_translates_a_label_and_keeps_the_source_tag():
    fr = d.text("International migrant stock (UN DESA IMS 2024)", "fr")
    assert fr == "Stock de migrants internationaux (UN DESA IMS 2024)"
    assert "(UN DESA IMS 2024)" in fr
    assert d.text("International migrant stock (UN DESA IMS 2024)", "bs") == \
        "Broj međunarodnih migranata (UN DESA IMS 2024)"
    assert d.text("Refugees hosted", "fr") == "Réfugiés accueillis"
    assert d.text("persons", "bs") == "osobe"
    assert d.text("persons", "fr-FR") == "personnes", "a regional tag uses the language's catalogue"


def test_english_unknown_texts_and_unknown_languages_are_returned_unchanged(entries):
    for msgid, _ in entries:
        assert d.text(msgid, "en") == msgid
        assert d.text(msgid, None) == msgid
        assert d.text(msgid, "de") == msgid, "no catalogue: English"
    assert d.text("A label no edition has had yet", "fr") == "A label no edition has had yet"
    assert d.text("", "fr") == "" and d.text(None, "bs") is None
    assert d.text("persons", "../../etc") == "persons"


def test_localise_translates_the_texts_of_a_record_and_nothing_else():
    meta = store.indicator_meta("refugees_hosted")
    fr = d.localise(meta, "fr")
    assert (fr["label"], fr["unit"]) == ("Réfugiés accueillis", "personnes")
    assert fr["description"].startswith("Réfugiés relevant du mandat du HCR")
    assert {k: v for k, v in fr.items() if k not in d.TEXT_FIELDS} == \
        {k: v for k, v in meta.items() if k not in d.TEXT_FIELDS}
    assert d.localise(meta, "en") == meta and store.indicator_meta("refugees_hosted")["label"] == "Refugees hosted"
    measure = d.localise(store.measure_meta("refugees"), "bs")
    assert (measure["label"], measure["id"]) == ("Izbjeglice (UNHCR)", "refugees")


def test_a_source_caveat_translates():
    caveat = next(c for c in store.source_meta("unhcr")["caveats"] if c.startswith("Refugees are those"))
    assert d.text(caveat, "fr").startswith("Les réfugiés sont ceux relevant du mandat du HCR")
    assert d.text(caveat, "bs").startswith("Izbjeglice su one pod mandatom UNHCR-a")
    assert d.shown(caveat, "bs") == (d.text(caveat, "bs"), None)
    assert d.shown(caveat, "en") == (caveat, None) and d.shown(caveat, "xx")[1] is None
    assert d.shown("A caveat no edition has had yet.", "fr") == ("A caveat no edition has had yet.", "en")


def test_composed_per_capita_units_translate():
    unit = store.per_unit(store.indicator_meta("refugees_hosted")["unit"], "capita1000")
    assert d.text(unit, "fr") == "personnes pour 1\u202f000 habitants"
    assert d.text(unit, "bs") == "osobe na 1.000 stanovnika"


# ------------------------------------------------------------------ a new edition

def test_a_new_editions_label_merges_in_untranslated_and_shows_english_until_translated(tmp_path, entries):
    """The bundle's label changes with a new edition: extract adds it for translators (fuzzy, with the old
    translation as a hint), the catalogue test names it, and the page shows the English label meanwhile; the old
    text is kept as an obsolete (#~) entry once nothing resembles it."""
    shutil.copytree(d.TRANSLATIONS, tmp_path / "translations", ignore=shutil.ignore_patterns("*.mo"))
    root = tmp_path / "translations"
    old, new = "International migrant stock (UN DESA IMS 2024)", "International migrant stock (UN DESA IMS 2026)"
    brand_new = "Migrants in transit (IOM DTM 2026)"
    old_def = next(m for m, _ in entries if m.startswith("Migrant stock (UN DESA IMS 2024) divided by"))
    new_def = old_def.replace("of the same year", "of the same calendar year")
    gone = "Remittances paid"
    renamed = {old: new, old_def: new_def}
    edition = [(renamed.get(m, m), c) for m, c in entries if m != gone] + \
        [(brand_new, "indicator migrants_in_transit: label")]
    for path, content in d.plan(root, edition).items():
        path.write_text(content, encoding="utf-8")

    assert new in (root / "data.pot").read_text(encoding="utf-8")
    for lang in LANGS:
        assert d.untranslated(lang, root, edition) == [new, new_def, brand_new]
        catalog = d._read(d.po_path(lang, root), locale=lang)
        for was, now in renamed.items():
            assert catalog[now].fuzzy and catalog[now].string == _catalog(lang)[was].string, "old translation as hint"
            assert was not in catalog
        assert not catalog[brand_new].string
        assert gone not in catalog and gone in catalog.obsolete
        shown = d._compile(d.po_path(lang, root), lang)
        assert shown.gettext(new) == new and shown.gettext(brand_new) == brand_new, "English until translated"
        assert shown.gettext("Refugees hosted") != "Refugees hosted", "the rest stays translated"
    # a second run with the same edition changes nothing (the template keeps its date)
    assert all(path.read_text(encoding="utf-8") == content for path, content in d.plan(root, edition).items())


def test_no_compiled_catalogue_is_committed():
    tracked = subprocess.run(["git", "ls-files", "translations"], cwd=d.TRANSLATIONS.parent, capture_output=True,
                             text=True).stdout.split()
    assert not [p for p in tracked if p.endswith(".mo")]
    assert {"translations/data.pot", "translations/bs/LC_MESSAGES/data.po",
            "translations/fr/LC_MESSAGES/data.po"} <= set(tracked)
