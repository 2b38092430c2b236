"""UI strings of the provenance panel behind every source line (layouts/provenance.py) and of the full-dataset
download link (layouts/full_download.py)."""

MESSAGES = {
    "prov.heading": {"en": "Where these numbers come from", "bs": "Odakle dolaze ovi brojevi",
                     "fr": "D'où viennent ces chiffres"},
    "prov.publisher": {"en": "Publisher", "bs": "Izdavač", "fr": "Éditeur"},
    "prov.title": {"en": "Dataset", "bs": "Skup podataka", "fr": "Jeu de données"},
    "prov.edition": {"en": "Edition", "bs": "Izdanje", "fr": "Édition"},
    "prov.licence": {"en": "Licence", "bs": "Licenca", "fr": "Licence"},
    "prov.processing": {"en": "Processing steps applied by this dashboard's ingest:",
                        "bs": "Koraci obrade koje primjenjuje unos podataka ove stranice:",
                        "fr": "Traitements appliqués par l'import de ce tableau de bord :"},
    "prov.dismiss": {"en": "Press Escape to close.", "bs": "Pritisnite Escape za zatvaranje.",
                     "fr": "Appuyez sur Échap pour fermer."},
}

MESSAGES.update({
    "actions.full_indicator": {"en": "Full indicator CSV ({rows} rows)", "bs": "Cijeli pokazatelj CSV ({rows} redova)",
                               "fr": "Indicateur complet CSV ({rows} lignes)"},
    "actions.full_measure": {"en": "Full measure CSV ({rows} rows)", "bs": "Cijela mjera CSV ({rows} redova)",
                             "fr": "Mesure complète CSV ({rows} lignes)"},
    "actions.full_table": {"en": "Full table CSV ({rows} rows)", "bs": "Cijela tabela CSV ({rows} redova)",
                           "fr": "Table complète CSV ({rows} lignes)"},
    "actions.full_title": {"en": "Every country and year of the data behind this chart, not only the selection",
                           "bs": "Sve zemlje i godine podataka iza ovog grafikona, ne samo odabir",
                           "fr": "Tous les pays et toutes les années des données de ce graphique, pas seulement la sélection"},
})
