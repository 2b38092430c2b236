"""UI strings of the data catalogue page."""

MESSAGES = {
    "data.title": {"en": "Data catalogue", "bs": "Katalog podataka", "fr": "Catalogue des données"},
    "data.intro": {"en": "Every indicator in the dashboard, with its source and licence. Preview a selection, download it "
                         "as CSV, or fetch the same rows from the API.",
                   "bs": "Svi pokazatelji s izvorom i licencom. Pregledajte izbor, preuzmite ga kao CSV ili ga "
                         "dohvatite putem API-ja.",
                   "fr": "Tous les indicateurs, avec leur source et leur licence. Prévisualisez une sélection, "
                         "téléchargez-la en CSV ou obtenez les mêmes lignes par l'API."},
    "data.keyword": {"en": "Search", "bs": "Pretraga", "fr": "Rechercher"},
    "data.theme": {"en": "Theme", "bs": "Tema", "fr": "Thème"},
    "data.licence": {"en": "Licence", "bs": "Licenca", "fr": "Licence"},
    "data.licence.any": {"en": "Any licence", "bs": "Bilo koja licenca", "fr": "Toute licence"},
    "data.licence.open": {"en": "Commercial use allowed", "bs": "Dozvoljena komercijalna upotreba",
                          "fr": "Usage commercial autorisé"},
    "data.licence.nc": {"en": "Non-commercial only", "bs": "Samo nekomercijalno", "fr": "Non commercial uniquement"},
    "data.indicator": {"en": "Indicator", "bs": "Pokazatelj", "fr": "Indicateur"},
    "data.countries": {"en": "Countries or group (ISO3 codes or a group id such as WB6; empty = all)",
                       "bs": "Zemlje ili grupa (ISO3 kodovi ili grupa kao WB6; prazno = sve)",
                       "fr": "Pays ou groupe (codes ISO3 ou un groupe comme WB6 ; vide = tous)"},
    "data.years": {"en": "Years (e.g. 2020 or 2000-2020; empty = all)", "bs": "Godine (npr. 2020 ili 2000-2020)",
                   "fr": "Années (p. ex. 2020 ou 2000-2020)"},
    "data.matches": {"en": "{n} indicators match.", "bs": "Odgovara {n} pokazatelja.", "fr": "{n} indicateurs correspondent."},
    "data.preview": {"en": "Preview: first {shown} of {n} rows", "bs": "Pregled: prvih {shown} od {n} redova",
                     "fr": "Aperçu : {shown} premières lignes sur {n}"},
    "data.download": {"en": "Download CSV ({n} rows)", "bs": "Preuzmi CSV ({n} redova)", "fr": "Télécharger CSV ({n} lignes)"},
    "data.api": {"en": "The same rows from the API", "bs": "Isti redovi iz API-ja", "fr": "Les mêmes lignes via l'API"},
}
