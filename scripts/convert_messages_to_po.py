"""One-off: convert the hand-written MESSAGES dicts (dashboard/i18n.py + dashboard/messages/*.py) into gettext
catalogues translations/<lang>/LC_MESSAGES/messages.po (en, bs, fr), key-based (msgid = the message key).

Fills the entries that were missing in bs/fr, turns the counted messages into plural entries and writes a
translator comment (#.) for every key. Run once, then the dicts are deleted and the .po files are the source.
"""
from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from dashboard.i18n import MESSAGES

REPO = Path(__file__).resolve().parents[1]
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "bs": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "fr": "nplurals=2; plural=(n > 1);",
}
TEAMS = {"en": "English", "bs": "Bosnian/Croatian/Serbian (Latin)", "fr": "French"}

# entries missing in bs or fr (they fell back to English)
FILL = {
    "map.disclaimer": {
        "bs": "Granice i nazivi prikazani na ovoj karti i oznake koje se na njoj koriste ne podrazumijevaju službeno "
              "odobrenje ili prihvatanje od strane Ujedinjenih nacija. Pominjanje Kosova treba shvatiti u kontekstu "
              "Rezolucije 1244 (1999) Vijeća sigurnosti UN-a.",
        "fr": "Les frontières et les noms indiqués et les désignations employées sur cette carte n'impliquent ni "
              "reconnaissance ni acceptation officielle de la part de l'Organisation des Nations Unies. Toute "
              "référence au Kosovo doit s'entendre dans le contexte de la résolution 1244 (1999) du Conseil de "
              "sécurité de l'ONU."},
    "disp.types.summary": {"bs": "Kategorije populacije UNHCR-a {where}: {year}: {top}."},
    "disp.top.summary": {"bs": "{what}, {year}: {top}."},
    "disp.pairs.subtitle": {
        "bs": "Osobe na kraju {year}. Izostavljeno: {same} osoba čija je zemlja porijekla ista kao zemlja azila, "
              "{pseudo} nepoznatog porijekla ili bez državljanstva."},
    "disp.idmc.summary": {"bs": "IDMC, {area}, {year}: {values}."},
    "disp.hazard.subtitle": {
        "bs": "Raseljavanja (događaji). Podaci IDMC-a u obradi IOM GDI (novija verzija od grafikona iznad, s podjelom "
              "po vrsti opasnosti)."},
    "disp.hazard.summary": {"bs": "Nova raseljavanja po vrsti opasnosti, {area}, {year}: {top}."},
    "disp.rec.summary": {"bs": "Interno raseljeni, {area}, {year}: {values}."},
    "disp.sol.summary": {"bs": "Trajna rješenja {where}, {year}: {values}."},
    "disp.asy.summary": {
        "bs": "Azil {where}, {year}: zahtjevi: {applied}, odluke: {decisions}, stopa priznavanja: {rate}."},
    "routes.americas.note.us_sw_border": {
        "bs": " Fiskalna godina SAD-a N traje od oktobra N-1 do septembra N; za FY2018-FY2019 nema podjele po "
              "državljanstvu.",
        "fr": " L'exercice budgétaire américain N va d'octobre N-1 à septembre N ; les exercices 2018-2019 n'ont pas "
              "de ventilation par nationalité."},
    "routes.americas.note.darien": {"bs": " 2010-2019 su godišnji zbirovi; za 2020. nedostaju april, maj i juli."},
    "routes.americas.note.guatemala": {
        "bs": " Od januara 2024. zemlja iz koje se osobe vraćaju nije šifrirana za dio povrataka (prikazani su samo u "
              "ukupnom broju).",
        "fr": " Depuis janvier 2024, le pays de renvoi n'est pas codé pour une partie des retours (comptés dans le "
              "total seulement)."},
    "routes.americas.note.honduras": {
        "bs": " Neki redovi označeni kao Tajvan vjerovatno se odnose na kontinentalnu Kinu (označeno u podacima).",
        "fr": " Certaines lignes codées Taïwan concernent probablement la Chine continentale (signalées dans les "
              "données)."},
    "traf.rank.summary": {"bs": "Otkrivene žrtve, {year}: {top}."},
    "traf.series.summary": {"bs": "{country}, {year}: {values}."},
    "traf.breakdown.summary": {"bs": "{what}, {country}, {year}: {values}."},
    "traf.ctdc.summary": {"bs": "CTDC sintetički zapisi prema: {dim}: {values}."},
    "traf.tip.summary": {"bs": "US TIP rangovi za {country} (do {last}): {values}."},
}
# the Mexico series has no note: the code asks t_or(..., "") instead of keeping an empty message
DROP = {"routes.americas.note.mexico"}

# counted messages: (the placeholder that counts, forms per language: en/fr one, other; bs one, few, many)
PLURALS = {
    "map.summary": ("n", {
        "en": ["World map of {label} in {year}: {n} country with data; highest: {top}.",
               "World map of {label} in {year}: {n} countries with data; highest: {top}."],
        "bs": ["Karta svijeta: {label}, {year}: {n} zemlja s podacima; najviše: {top}.",
               "Karta svijeta: {label}, {year}: {n} zemlje s podacima; najviše: {top}.",
               "Karta svijeta: {label}, {year}: {n} zemalja s podacima; najviše: {top}."],
        "fr": ["Carte du monde : {label} en {year} : {n} pays avec données ; le plus élevé : {top}.",
               "Carte du monde : {label} en {year} : {n} pays avec données ; le plus élevé : {top}."]}),
    "country.series_summary": ("n", {
        "en": ["Small multiples of {n} indicator for {name}; with data: {withdata}.",
               "Small multiples of {n} indicators for {name}; with data: {withdata}."],
        "bs": ["Mali grafikoni za {n} pokazatelj za {name}; s podacima: {withdata}.",
               "Mali grafikoni za {n} pokazatelja za {name}; s podacima: {withdata}.",
               "Mali grafikoni za {n} pokazatelja za {name}; s podacima: {withdata}."],
        "fr": ["Petits multiples de {n} indicateur pour {name} ; avec données : {withdata}.",
               "Petits multiples de {n} indicateurs pour {name} ; avec données : {withdata}."]}),
    "country.origins_title": ("n", {
        "en": ["Where immigrants in {name} were born: top {n} origin, {year}",
               "Where immigrants in {name} were born: top {n} origins, {year}"],
        "bs": ["Gdje su rođeni imigranti u zemlji {name}: {n} glavna zemlja porijekla, {year}",
               "Gdje su rođeni imigranti u zemlji {name}: {n} glavne zemlje porijekla, {year}",
               "Gdje su rođeni imigranti u zemlji {name}: {n} glavnih zemalja porijekla, {year}"],
        "fr": ["Où sont nés les immigrés en {name} : {n} principale origine, {year}",
               "Où sont nés les immigrés en {name} : {n} principales origines, {year}"]}),
    "country.destinations_title": ("n", {
        "en": ["Where emigrants from {name} live: top {n} destination, {year}",
               "Where emigrants from {name} live: top {n} destinations, {year}"],
        "bs": ["Gdje žive emigranti iz zemlje {name}: {n} glavno odredište, {year}",
               "Gdje žive emigranti iz zemlje {name}: {n} glavna odredišta, {year}",
               "Gdje žive emigranti iz zemlje {name}: {n} glavnih odredišta, {year}"],
        "fr": ["Où vivent les émigrés de {name} : {n} principale destination, {year}",
               "Où vivent les émigrés de {name} : {n} principales destinations, {year}"]}),
    "compare.series_summary": ("n", {
        "en": ["{label} for {n} country; latest value: {parts}.",
               "{label} for {n} countries; latest values: {parts}."],
        "bs": ["{label} za {n} zemlju; posljednja vrijednost: {parts}.",
               "{label} za {n} zemlje; posljednje vrijednosti: {parts}.",
               "{label} za {n} zemalja; posljednje vrijednosti: {parts}."],
        "fr": ["{label} pour {n} pays ; dernière valeur : {parts}.",
               "{label} pour {n} pays ; dernières valeurs : {parts}."]}),
    "data.source.option": ("n", {
        "en": ["{label} ({n} indicator)", "{label} ({n} indicators)"],
        "bs": ["{label} ({n} pokazatelj)", "{label} ({n} pokazatelja)", "{label} ({n} pokazatelja)"],
        "fr": ["{label} ({n} indicateur)", "{label} ({n} indicateurs)"]}),
    "data.matches": ("n", {
        "en": ["{n} indicator matches.", "{n} indicators match."],
        "bs": ["Odgovara {n} pokazatelj.", "Odgovaraju {n} pokazatelja.", "Odgovara {n} pokazatelja."],
        "fr": ["{n} indicateur correspond.", "{n} indicateurs correspondent."]}),
    "data.preview": ("n", {
        "en": ["Preview: first {shown} of {n} row", "Preview: first {shown} of {n} rows"],
        "bs": ["Pregled: prvih {shown} od ukupno {n} reda", "Pregled: prvih {shown} od ukupno {n} reda",
               "Pregled: prvih {shown} od ukupno {n} redova"],
        "fr": ["Aperçu : {shown} ligne sur {n}", "Aperçu : {shown} premières lignes sur {n}"]}),
    "data.download": ("n", {
        "en": ["Download CSV ({n} row)", "Download CSV ({n} rows)"],
        "bs": ["Preuzmi CSV ({n} red)", "Preuzmi CSV ({n} reda)", "Preuzmi CSV ({n} redova)"],
        "fr": ["Télécharger CSV ({n} ligne)", "Télécharger CSV ({n} lignes)"]}),
    "actions.download_csv": ("rows", {
        "en": ["Download CSV ({rows} row)", "Download CSV ({rows} rows)"],
        "bs": ["Preuzmi CSV ({rows} red)", "Preuzmi CSV ({rows} reda)", "Preuzmi CSV ({rows} redova)"],
        "fr": ["Télécharger CSV ({rows} ligne)", "Télécharger CSV ({rows} lignes)"]}),
    "actions.full_indicator": ("rows", {
        "en": ["Full indicator CSV ({rows} row)", "Full indicator CSV ({rows} rows)"],
        "bs": ["Cijeli pokazatelj CSV ({rows} red)", "Cijeli pokazatelj CSV ({rows} reda)",
               "Cijeli pokazatelj CSV ({rows} redova)"],
        "fr": ["Indicateur complet CSV ({rows} ligne)", "Indicateur complet CSV ({rows} lignes)"]}),
    "actions.full_measure": ("rows", {
        "en": ["Full measure CSV ({rows} row)", "Full measure CSV ({rows} rows)"],
        "bs": ["Cijela mjera CSV ({rows} red)", "Cijela mjera CSV ({rows} reda)", "Cijela mjera CSV ({rows} redova)"],
        "fr": ["Mesure complète CSV ({rows} ligne)", "Mesure complète CSV ({rows} lignes)"]}),
    "actions.full_table": ("rows", {
        "en": ["Full table CSV ({rows} row)", "Full table CSV ({rows} rows)"],
        "bs": ["Cijela tabela CSV ({rows} red)", "Cijela tabela CSV ({rows} reda)",
               "Cijela tabela CSV ({rows} redova)"],
        "fr": ["Table complète CSV ({rows} ligne)", "Table complète CSV ({rows} lignes)"]}),
    "flows.title.bars": ("n", {
        "en": ["Top {n} corridor {dir}: {measure}, {period} ({kind}{method})",
               "Top {n} corridors {dir}: {measure}, {period} ({kind}{method})"],
        "bs": ["{n} glavni koridor {dir}: {measure}, {period} ({kind}{method})",
               "{n} glavna koridora {dir}: {measure}, {period} ({kind}{method})",
               "{n} glavnih koridora {dir}: {measure}, {period} ({kind}{method})"],
        "fr": ["{n} principal corridor {dir} : {measure}, {period} ({kind}{method})",
               "{n} principaux corridors {dir} : {measure}, {period} ({kind}{method})"]}),
    "flows.summary": ("n", {
        "en": ["{measure} {dir}, {period}: {n} partner with data; largest {top}.",
               "{measure} {dir}, {period}: {n} partners with data; largest {top}."],
        "bs": ["{measure} {dir}, {period}: {n} partner s podacima; najveći {top}.",
               "{measure} {dir}, {period}: {n} partnera s podacima; najveći {top}.",
               "{measure} {dir}, {period}: {n} partnera s podacima; najveći {top}."],
        "fr": ["{measure} {dir}, {period} : {n} partenaire avec données ; le plus grand {top}.",
               "{measure} {dir}, {period} : {n} partenaires avec données ; le plus grand {top}."]}),
    "flows.summary.matrix": ("n", {
        "en": ["Matrix of {measure} among {n} member of {group} and the rest of the world, {period}.",
               "Matrix of {measure} among {n} members of {group} and the rest of the world, {period}."],
        "bs": ["Matrica: {measure} među {n} članicom grupe {group} i ostatkom svijeta, {period}.",
               "Matrica: {measure} među {n} članice grupe {group} i ostatkom svijeta, {period}.",
               "Matrica: {measure} među {n} članica grupe {group} i ostatkom svijeta, {period}."],
        "fr": ["Matrice : {measure} entre {n} membre de {group} et le reste du monde, {period}.",
               "Matrice : {measure} entre {n} membres de {group} et le reste du monde, {period}."]}),
    "traf.read.excluded": ("n", {
        "en": ["{n} row flagged as a source artefact (questionnaire cell IDs such as “61,102,019” published as "
               "convictions by citizenship) is excluded.",
               "{n} rows flagged as source artefacts (questionnaire cell IDs such as “61,102,019” published as "
               "convictions by citizenship) are excluded."],
        "bs": ["{n} red označen kao greška izvora (ID-ovi ćelija upitnika) je isključen.",
               "{n} reda označena kao greške izvora (ID-ovi ćelija upitnika) su isključena.",
               "{n} redova označenih kao greške izvora (ID-ovi ćelija upitnika) je isključeno."],
        "fr": ["{n} ligne signalée comme artefact de la source (identifiants de cellules du questionnaire) est "
               "exclue.",
               "{n} lignes signalées comme artefacts de la source (identifiants de cellules du questionnaire) sont "
               "exclues."]}),
    "missing.map.summary": ("incidents", {
        "en": ["Map of {incidents} incident with {total} dead or missing ({route}, {period}); largest cluster: {top}.",
               "Map of {incidents} incidents with {total} dead or missing ({route}, {period}); largest cluster: "
               "{top}."],
        "bs": ["Karta {incidents} incidenta sa {total} mrtvih ili nestalih ({route}, {period}); najveća grupa: {top}.",
               "Karta {incidents} incidenta sa {total} mrtvih ili nestalih ({route}, {period}); najveća grupa: {top}.",
               "Karta {incidents} incidenata sa {total} mrtvih ili nestalih ({route}, {period}); najveća grupa: "
               "{top}."],
        "fr": ["Carte de {incidents} incident, {total} morts ou disparus ({route}, {period}) ; groupe le plus "
               "important : {top}.",
               "Carte de {incidents} incidents, {total} morts ou disparus ({route}, {period}) ; groupe le plus "
               "important : {top}."]}),
}

WHERE = {
    "actions.": "Action links under every chart card (downloads, cite, embed, image)",
    "app.": "Page shell: site title and tagline in the header",
    "card.": "Chart card (any page)",
    "compare.": "Compare page (/compare)",
    "control.": "Generic control label (explorer and other pages)",
    "corridor.": "Corridor page (/corridor/<origin>-<destination>)",
    "country.": "Country profile page (/country/<ISO3>)",
    "data.": "Data catalogue page (/data)",
    "disp.": "Displacement page (/displacement)",
    "embed.": "Embed panel and embedded charts (/embed)",
    "explorer.": "Explorer page (/)",
    "flag.": "Data flag in words, shown in hovers, rankings, key figures and tables (any page)",
    "flows.": "Flows page (/flows)",
    "footer.": "Page footer",
    "image.": "Slide image (PNG/SVG download): stamp at the bottom",
    "map.": "World maps (explorer, flows and others)",
    "missing.": "Missing migrants page (/missing-migrants)",
    "nav.": "Main navigation in the page header",
    "notice.": "Notice shown when a URL parameter is not valid",
    "prov.": "Provenance panel of a chart (where the figures come from)",
    "routes.": "Routes page (/routes)",
    "source.": "Source line under every chart",
    "traf.": "Trafficking page (/trafficking)",
}
ROLES = [  # first match wins, on the key without its page prefix
    (r"(^|[._])col([._]|$)", "table column header"),
    (r"(^|\.)control\.", "label of a page control (dropdown, slider or buttons)"),
    (r"(^|[._])subtitle", "chart subtitle"),
    (r"(^|[._])title", "title (of a chart, section or page)"),
    (r"(^|[._])summary", "one-sentence summary of a chart, read by screen readers"),
    (r"(^|[._])heading", "heading"),
    (r"(^|[._])intro", "introductory paragraph"),
    (r"(^|[._])axis", "axis title of a chart"),
    (r"(^|[._])hover", "hover label of a chart"),
    (r"(^|[._])(no_data|empty|none)", "shown when there is nothing to draw"),
    (r"(^|[._])unit", "unit of measurement"),
    (r"(^|[._])theme\.", "theme (group of indicators) name"),
    (r"(^|[._])(pop|idmc|sol|rec|asy|who|side)\.", "series name in a chart legend, control or table"),
]


def comments(key: str, en: str) -> list[str]:
    prefix = key.split(".", 1)[0] + "."
    where = WHERE[prefix]
    rest = key[len(prefix):]
    role = next((r for pattern, r in ROLES if re.search(pattern, rest)), None)
    out = [f"{where}: {role}." if role else f"{where}."]
    if key in PLURALS:
        out.append(f"Plural: the form is chosen by the number in {{{PLURALS[key][0]}}}.")
    if en.startswith(" "):
        out.append("Starts with a space: it is appended to the sentence before it. Keep the space.")
    if "%{" in en:
        out.append("Plotly hover template: keep %{...} and <br> exactly as they are.")
    if "{value!r}" in en:
        out.append("{value!r} is the value as given in the URL, in quotes.")
    return out


def is_brace_format(text: str) -> bool:
    if "%{" in text:
        return False
    try:
        return any(f for _, f, _, _ in string.Formatter().parse(text))
    except ValueError:
        return False


def main() -> None:
    keys = sorted(k for k in MESSAGES if k not in DROP)
    for lang in ("en", "bs", "fr"):
        cat = Catalog(locale=lang, project="migration-dashboard", version="1", domain="messages",
                      language_team=f"{TEAMS[lang]}", fuzzy=False,
                      header_comment=f"# {TEAMS[lang]} UI strings of the Migration Trends Dashboard.\n"
                                     "# Key-based: each msgid is a message key; the English text is in en.po.")
        cat.mime_headers = [*[(k, v) for k, v in cat.mime_headers if k != "Plural-Forms"],
                            ("Plural-Forms", PLURAL_FORMS[lang])]
        for key in keys:
            entry = {**MESSAGES[key], **FILL.get(key, {})}
            en = entry["en"]
            if key in PLURALS:
                forms = PLURALS[key][1]
                msg_id, text = (key, key), tuple(forms[lang])
                sample = forms["en"][1]
            else:
                msg_id, text, sample = key, entry[lang], en
            assert all(text if isinstance(text, tuple) else [text]), (lang, key)
            flags = ["python-brace-format"] if is_brace_format(sample) else []
            message = cat.add(msg_id, text, auto_comments=comments(key, en))
            # Babel sets python-brace-format from the msgid, which is a key here: the flag is set by hand
            message.flags.update(flags)
        out = REPO / "translations" / lang / "LC_MESSAGES" / "messages.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            write_po(f, cat, sort_output=True)


if __name__ == "__main__":
    main()
