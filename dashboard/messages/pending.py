"""Texts added while the message dicts move to gettext catalogues (issue 15): merged into translations/ then."""
MESSAGES = {
    "notfound.title": {"en": "Page not found", "bs": "Stranica nije pronađena", "fr": "Page introuvable"},
    "notfound.text": {"en": "There is no page at {path}.", "bs": "Na adresi {path} nema stranice.",
                      "fr": "Il n'y a pas de page à l'adresse {path}."},
    "notfound.home": {"en": "Go to the world map", "bs": "Idi na kartu svijeta", "fr": "Aller à la carte du monde"},
    "flows.of_total": {"en": "of total", "bs": "od ukupno", "fr": "du total"},
}
