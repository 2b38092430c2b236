"""Country names and group labels per language (bs, fr), with where each name came from.

English stays the UN M49 display name (``geography._display_name``). The other languages come from maintained
sources shipped with pinned packages, so a rebuild is deterministic:

- **Countries, bs**: the ISO 3166-1 translations in pycountry's gettext catalogues (Debian iso-codes), looked up
  by the ISO short name; where the Bosnian catalogue has no entry, the Croatian one, then Serbian (Latin script),
  in that order (``BS_CHAIN``). ``name_bs_source`` records which: ``pycountry:bs``, ``pycountry:hr``,
  ``pycountry:sr@latin``, ``override`` (``BS_OVERRIDES``) or ``english`` (no source: the English name is kept).
- **Countries, fr**: the UN M49 French name that the bundle already carried (hdx taxonomy, ``un_m49``); when it is
  longer than ``NAME_MAX`` characters the shorter pycountry French short name is used, the same rule as the
  English display name (``pycountry:fr``); the ingest's own table for the codes M49 lacks (``override``,
  ``geography.EXTRA_NAMES_FR``); else ``english``.
- **Groups**: UN M49 region names from CLDR territory names (Babel, pinned; CLDR keys regions by their M49 code),
  except the few whose CLDR name is not the UN one (``M49_LABELS``), and the ingest's table for named groups
  (``GROUP_LABELS``). ``label_bs_source``/``label_fr_source`` record ``cldr``, ``table`` or ``english``.

Nothing is invented for entities the sources lack (Channel Islands, Abyei, the pseudo codes UNK/XXA/TIB/OOS in
bs): they keep the English name and say so in the source column.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.metadata import version

import pycountry
from babel import Locale

LANGS = ("bs", "fr")
NAME_MAX = 40  # same limit as the English display name (geography.NAME_MAX)

# Bosnian, then Croatian, then Serbian (Latin script): the three standard languages share the Latin alphabet and
# most country names; Bosnian is what the dashboard labels 'bs'.
BS_CHAIN = ("bs", "hr", "sr@latin")

# Catalogue entries not used for bs (the next language in BS_CHAIN is used instead), each with the reason.
BS_SKIP: dict[str, str] = {
    "CXR": "pycountry 26.2.16 bs has 'Uskršnje ostrvo' (that is Easter Island, not Christmas Island)",
    "UMI": "pycountry 26.2.16 bs leaves the English name untranslated",
    "ZAF": "bs 'Južna Afrika' is also the CLDR bs name of the UN M49 region Southern Africa (M49-18); hr gives "
           "the country's official name 'Južnoafrička Republika', which keeps the two apart",
}

# Codes pycountry does not have (not ISO 3166-1). Each name is cited; everything else falls back to English.
BS_OVERRIDES: dict[str, str] = {
    # "Kosovo" is the same word in Bosnian (CLDR territory XK, bs: "Kosovo"); the UN qualifier is kept as in the
    # English UN designation, as the map disclaimer refers to the same resolution.
    "XKX": "Kosovo (UNSCR 1244)",
    # The state union's own Latin-script name, "Srbija i Crna Gora" (Ustavna povelja državne zajednice Srbija i
    # Crna Gora, 2003); "(bivša)" = "(former)", as in the English name.
    "SCG": "Srbija i Crna Gora (bivša)",
}

# UN M49 areas whose CLDR name differs from the UN name (CLDR: "Australasia", "Latin America",
# "Micronesian Region") or which CLDR lacks (830 Channel Islands). French: the UN M49 French names (UNSD,
# "Méthodologie: codes standard des pays et des zones à usage statistique (M49)", French version); Bosnian:
# composed from the CLDR/pycountry bs names of the parts (Australija + Novi Zeland; CLDR 419 "Latinska Amerika"
# + CLDR 029 "Karibi"; the region's own name "Mikronezija").
M49_LABELS: dict[int, dict[str, str | None]] = {
    53: {"bs": "Australija i Novi Zeland", "fr": "Australie et Nouvelle-Zélande"},
    419: {"bs": "Latinska Amerika i Karibi", "fr": "Amérique latine et Caraïbes"},
    57: {"bs": "Mikronezija", "fr": "Micronésie"},
    830: {"bs": None, "fr": "Îles Anglo-Normandes"},  # bs: no source at hand, English kept
}

# Named groups (no maintained multilingual source covers them). French: the UN's French names of LDC/LLDC/SIDS
# ("pays les moins avancés", "pays en développement sans littoral", "petits États insulaires en développement"),
# "Union européenne" (CLDR EU) and "espace Schengen" / "Balkans occidentaux" (EU usage, IATE), the World Bank's
# French income-group wording; the IOM regions are plain translations. Bosnian: "Evropska unija" (CLDR EU, bs),
# "Šengenski prostor" and "Zapadni Balkan" (usual EU/BiH usage), plain translations for the rest. The plain
# translations are this table's own and should be reviewed by a native speaker.
GROUP_LABELS: dict[str, dict[str, str]] = {
    "WLD": {"bs": "Svijet", "fr": "Monde"},
    "EU27": {"bs": "Evropska unija (27)", "fr": "Union européenne (27)"},
    "SCHENGEN": {"bs": "Šengenski prostor", "fr": "Espace Schengen"},
    "WB6": {"bs": "Zapadni Balkan (WB6)", "fr": "Balkans occidentaux (WB6)"},
    "LDC": {"bs": "Najmanje razvijene zemlje", "fr": "Pays les moins avancés"},
    "LLDC": {"bs": "Zemlje u razvoju bez izlaza na more", "fr": "Pays en développement sans littoral"},
    "SIDS": {"bs": "Male ostrvske države u razvoju", "fr": "Petits États insulaires en développement"},
    "WB-HIC": {"bs": "Visok dohodak", "fr": "Revenu élevé"},
    "WB-UMC": {"bs": "Viši srednji dohodak", "fr": "Revenu intermédiaire, tranche supérieure"},
    "WB-LMC": {"bs": "Niži srednji dohodak", "fr": "Revenu intermédiaire, tranche inférieure"},
    "WB-LIC": {"bs": "Nizak dohodak", "fr": "Faible revenu"},
    "IOM-americas-and-caribbean": {"bs": "IOM: Amerika i Karibi", "fr": "OIM : Amériques et Caraïbes"},
    "IOM-asia-and-the-pacific": {"bs": "IOM: Azija i Pacifik", "fr": "OIM : Asie et Pacifique"},
    "IOM-east-horn-and-southern-africa": {"bs": "IOM: Istočna Afrika, Rog Afrike i Južna Afrika",
                                          "fr": "OIM : Afrique de l'Est, Corne de l'Afrique et Afrique australe"},
    "IOM-europe-and-central-asia": {"bs": "IOM: Evropa i Srednja Azija", "fr": "OIM : Europe et Asie centrale"},
    "IOM-middle-east-and-north-africa": {"bs": "IOM: Bliski istok i Sjeverna Afrika",
                                         "fr": "OIM : Moyen-Orient et Afrique du Nord"},
    "IOM-west-and-central-africa": {"bs": "IOM: Zapadna i Centralna Afrika",
                                    "fr": "OIM : Afrique de l'Ouest et du Centre"},
}


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of pycountry's ISO 3166-1 catalogue for ``lang`` (empty translations left out)."""
    cat = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])._catalog  # noqa: SLF001
    return {k: v for k, v in cat.items() if isinstance(k, str) and k and v}


def _iso_name(iso3: str) -> str | None:
    hit = pycountry.countries.get(alpha_3=iso3)
    return hit.name if hit is not None else None


def name_bs(iso3: str, english: str) -> tuple[str, str]:
    """(Bosnian name, source) for a canonical code."""
    if iso3 in BS_OVERRIDES:
        return BS_OVERRIDES[iso3], "override"
    msgid = _iso_name(iso3)
    if msgid is not None:
        for lang in BS_CHAIN:
            if lang == "bs" and iso3 in BS_SKIP:
                continue
            hit = _catalogue(lang).get(msgid)
            if hit:
                return hit, f"pycountry:{lang}"
    return english, "english"


def name_fr(iso3: str, un_m49_fr: str | None, override: str | None, english: str) -> tuple[str, str]:
    """(French name, source): UN M49 French (shortened like the English name), the ingest's table, else English."""
    if un_m49_fr:
        msgid = _iso_name(iso3)
        short = _catalogue("fr").get(msgid) if msgid else None
        if len(un_m49_fr) > NAME_MAX and short and len(short) < len(un_m49_fr):
            return short, "pycountry:fr"
        return un_m49_fr, "un_m49"
    if override:
        return override, "override"
    return english, "english"


def m49_label(code: int, lang: str, english: str) -> tuple[str, str]:
    """(label, source) of a UN M49 area in ``lang``."""
    if code in M49_LABELS:
        hit = M49_LABELS[code].get(lang)
        return (hit, "table") if hit else (english, "english")
    hit = Locale.parse(lang).territories.get(f"{code:03d}")
    return (hit, "cldr") if hit else (english, "english")


def group_label(group_id: str, kind: str, m49: int | None, lang: str, english: str) -> tuple[str, str]:
    """(label, source) of a group in ``lang``."""
    if group_id in GROUP_LABELS and GROUP_LABELS[group_id].get(lang):
        return GROUP_LABELS[group_id][lang], "table"
    if kind.startswith("m49_") and m49 is not None:
        return m49_label(int(m49), lang, english)
    return english, "english"


def versions() -> str:
    """The pinned sources, for the build notes."""
    return f"pycountry {version('pycountry')}, Babel {version('babel')} (CLDR)"
