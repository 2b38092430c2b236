"""The gettext catalogues (translations/<lang>/LC_MESSAGES/messages.po): complete, consistent with the code,
placeholders kept, plural forms right, and the pseudo-locale wraps every string."""
from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from dashboard import i18n, i18n_extract, language
from dashboard.i18n import LANGUAGES, PSEUDO, t, tn

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "translations"
PYBABEL = Path(sys.executable).parent / "pybabel"
KEYWORDS = {"t": None, "tn": (1, 1), "t_or": None}


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def catalogue(lang: str) -> dict:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        cat = read_po(f)
    return {_key(m): m for m in cat if m.id}


CATALOGUES = {lang: catalogue(lang) for lang in LANGUAGES}
EN = CATALOGUES["en"]


def texts(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


PLOTLY = re.compile(r"%\{[^}]*\}")  # hover templates: %{customdata[0]}


def fields(text: str) -> set[str]:
    """The str.format fields of ``text`` ({name}, {value!r}) and its plotly %{...} placeholders."""
    plotly = set(PLOTLY.findall(text))
    return plotly | {f for _, f, _, _ in string.Formatter().parse(PLOTLY.sub("", text)) if f is not None}


def code_keys() -> dict[str, bool]:
    """Every key the code passes as a literal to t, tn or t_or (what `pybabel extract` sees), -> is plural."""
    with (REPO / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    python_only = [(p, m) for p, m in method_map if p.endswith(".py")]
    out: dict[str, bool] = {}
    for _, _, message, _, _ in extract_from_dir(str(REPO), python_only, options_map, keywords=KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        out[key] = out.get(key, False) or isinstance(message, tuple)
    return out


CODE = code_keys()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(lang):
    cat = CATALOGUES[lang]
    assert set(cat) == set(EN), sorted(set(cat) ^ set(EN))
    empty = [k for k, m in cat.items() if not all(s.strip() for s in texts(m))]
    fuzzy = [k for k, m in cat.items() if m.fuzzy]
    assert not empty and not fuzzy, (empty, fuzzy)
    assert len(cat) > 450


@pytest.mark.parametrize("lang", ["bs", "fr"])
def test_placeholders_and_edges_of_each_translation_equal_the_english(lang):
    bad = []
    for key, message in CATALOGUES[lang].items():
        english = fields(texts(EN[key])[-1])
        for text in texts(message):
            if fields(text) != english:
                bad.append((key, text))
            if text[:1].isspace() != texts(EN[key])[0][:1].isspace():  # a note appended to a sentence
                bad.append((key, "leading space", text))
        if ("<br>" in texts(EN[key])[0]) != ("<br>" in texts(message)[0]):
            bad.append((key, "<br>"))
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_brace_template_is_flagged_python_brace_format(lang):
    # read from the file's text: Babel drops this flag when it reads a key-based catalogue (it looks at the msgid)
    text = (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").read_text()
    flagged = {re.search(r'^msgid "(.*)"$', entry, re.M).group(1) for entry in text.split("\n\n")
               if re.search(r"^#,.*\bpython-brace-format\b", entry, re.M)}
    expected = {k for k, m in EN.items() if any(i18n_extract.has_placeholders(s) for s in texts(m))}
    assert flagged == expected, sorted(flagged ^ expected)


def test_plural_forms_headers():
    assert CATALOGUES["bs"]["data.matches"].pluralizable
    headers = {}
    for lang in LANGUAGES:
        text = (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").read_text()
        headers[lang] = re.search(r'Plural-Forms: (.*?)\\n', text.replace('"\n"', "")).group(1)
    assert headers == {
        "en": "nplurals=2; plural=(n != 1);",
        "bs": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "fr": "nplurals=2; plural=(n > 1);",
    }
    for lang, n in (("en", 2), ("bs", 3), ("fr", 2)):
        assert all(len(texts(m)) == n for m in CATALOGUES[lang].values() if m.pluralizable), lang


def test_bosnian_has_three_plural_forms():
    one, few, many = (tn("data.matches", n, "bs") for n in (1, 2, 5))
    assert (one, few, many) == ("Odgovara 1 pokazatelj.", "Odgovaraju 2 pokazatelja.", "Odgovara 5 pokazatelja.")
    form = lambda n: tn("data.matches", n, "bs").replace(str(n), "N")  # noqa: E731
    assert form(21) == form(1) == form(31) == form(101)
    assert form(22) == form(2) == form(3) == form(4) == form(24) == form(102)
    assert form(25) == form(5) == form(11) == form(12) == form(14) == form(0) == form(111) == form(112)
    assert tn("data.download", 1, "bs", n="1") == "Preuzmi CSV (1 red)"
    assert tn("data.download", 1234, "bs", n="1.234") == "Preuzmi CSV (1.234 reda)"
    assert tn("data.download", 1235, "bs", n="1.235") == "Preuzmi CSV (1.235 redova)"


def test_french_and_english_plurals():
    assert [tn("data.matches", n, "fr") for n in (0, 1, 2)] == [
        "0 indicateur correspond.", "1 indicateur correspond.", "2 indicateurs correspondent."]
    assert [tn("data.matches", n) for n in (0, 1, 2)] == ["0 indicators match.", "1 indicator matches.",
                                                         "2 indicators match."]


def test_t_and_tn_refuse_the_wrong_kind_of_key():
    with pytest.raises(KeyError, match="plural"):
        t("data.matches", "bs")
    with pytest.raises(KeyError, match="no plural"):
        tn("data.title", 2, "bs")
    with pytest.raises(KeyError):
        t("no.such.key")


def test_unknown_language_and_missing_entry_fall_back_to_english():
    assert t("nav.flows", "de") == t("nav.flows") == "Flows"
    assert t("nav.flows", "bs") == "Tokovi" and t("nav.flows", "fr") == "Flux"
    # a key missing in a catalogue at run time reads in English (the tests above forbid it in the files)
    assert i18n._CATALOGUES["bs"]._fallback is i18n._CATALOGUES["en"]


def test_pseudo_locale_wraps_every_string_and_keeps_placeholders():
    # not offered (the switch lists LANGUAGES) but accepted in lang=, so that a browser test can render any page in it
    assert PSEUDO not in LANGUAGES and language.from_query("?lang=xx") == PSEUDO
    for key, message in EN.items():
        if message.pluralizable:
            for n in (1, 2):
                out = tn(key, n, PSEUDO, **{f: "X" for f in fields(texts(message)[-1])})
                assert out.startswith("⟦") and out.endswith("⟧"), key
        else:
            assert t(key, PSEUDO) == f"⟦{message.string}⟧", key
    assert t("footer.bundle", PSEUDO, version="v1") == "⟦Data bundle v1⟧"


def test_every_key_of_en_po_is_used_by_the_code_or_listed():
    """A key of en.po is extracted from the code (a literal passed to t, tn, t_or), or built at run time under a
    documented DYNAMIC_KEYS entry, or listed as not used yet; every key the code names exists; plural-ness
    agrees."""
    listed = {k for k in EN if i18n_extract.is_dynamic(k)}
    unused = i18n_extract.UNUSED_KEYS
    assert not (set(CODE) - set(EN)), sorted(set(CODE) - set(EN))
    orphans = set(EN) - set(CODE) - listed - unused
    assert not orphans, f"keys neither in the code nor in DYNAMIC_KEYS / UNUSED_KEYS: {sorted(orphans)}"
    assert unused <= set(EN) and not (unused & set(CODE)), sorted(unused & set(CODE))
    assert all(EN[k].pluralizable == plural for k, plural in CODE.items()), [
        k for k, p in CODE.items() if EN[k].pluralizable != p]


@pytest.mark.parametrize("entry", sorted(i18n_extract.DYNAMIC_KEYS))
def test_each_dynamic_entry_is_built_where_it_says(entry):
    where, _, fstring = (s.strip() for s in i18n_extract.DYNAMIC_KEYS[entry].partition("|"))
    path = REPO / where
    source = path.read_text()
    literals = [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    if fstring:
        assert f'f"{fstring}"' in source, f"{fstring!r} is not in {where}"
    elif entry.endswith((".", "_")):
        assert any(s.startswith(entry) for s in literals), f"{entry!r} is not built in {where}"
    else:
        assert entry in literals, f"{entry!r} is not in {where}"
    assert any(k == entry or k.startswith(entry) for k in EN), f"{entry!r} matches no key of en.po"


def test_extraction_gives_the_catalogue_keys_and_comments(tmp_path):
    """`pybabel extract -F babel.cfg` (as `make translations` runs it) yields exactly the keys of en.po with
    en.po's translator comments, so `pybabel update` loses nothing."""
    pot = tmp_path / "messages.pot"
    subprocess.run([str(PYBABEL), "extract", "-F", "babel.cfg", "--no-default-keywords", "-k", "t", "-k",
                    "tn:1,1", "-k", "t_or", "--sort-output", "--add-location=file", "-o", str(pot), "."],
                   cwd=REPO, check=True, env={"PYTHONPATH": str(REPO), "PATH": str(PYBABEL.parent)})
    with pot.open("rb") as f:
        extracted = {_key(m): m for m in read_po(f) if m.id}
    assert set(extracted) == set(EN), sorted(set(extracted) ^ set(EN))
    assert all(extracted[k].pluralizable == EN[k].pluralizable for k in EN)
    assert all(set(EN[k].auto_comments) <= set(extracted[k].auto_comments) for k in EN)


def test_short_texts_have_a_translator_comment():
    """Every key (in particular any English text under three words) says where it appears."""
    missing = [k for k, m in EN.items() if not m.auto_comments]
    assert not missing, missing


def test_catalogues_compile_without_fuzzy_or_untranslated(tmp_path):
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        out = subprocess.run([str(PYBABEL), "compile", "--statistics", "-l", lang, "-i", str(po), "-o",
                              str(tmp_path / f"{lang}.mo")], capture_output=True, text=True, check=True)
        stats = out.stderr + out.stdout
        assert f"{len(EN)} of {len(EN)} messages (100%) translated" in stats and "fuzzy" not in stats, stats


def test_compiled_catalogues_are_not_committed():
    git = subprocess.run(["git", "ls-files", "translations"], cwd=REPO, capture_output=True, text=True)
    if git.returncode:
        pytest.skip("not a git checkout")
    tracked = git.stdout
    assert ".mo" not in tracked and "messages.pot" in tracked
    assert "translations/*/LC_MESSAGES/*.mo" in (REPO / ".gitignore").read_text()
