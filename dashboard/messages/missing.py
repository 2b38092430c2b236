"""UI strings of the /missing-migrants page."""

MESSAGES = {
    "missing.heading": {"en": "Missing migrants", "bs": "Nestali migranti", "fr": "Migrants disparus"},
    "missing.intro": {
        "en": "IOM's Missing Migrants Project records people who died or went missing in the process of migration. "
              "These are MINIMUM estimates: many deaths are never found or reported. Locations are approximate.",
        "bs": "IOM-ov projekat Nestali migranti bilježi osobe koje su umrle ili nestale tokom migracije. Ovo su "
              "MINIMALNE procjene: mnoge smrti nikada nisu pronađene niti prijavljene. Lokacije su približne.",
        "fr": "Le projet Migrants disparus de l'OIM recense les personnes mortes ou disparues au cours de la migration. "
              "Ce sont des estimations MINIMALES : beaucoup de décès ne sont jamais retrouvés ni signalés. Les lieux "
              "sont approximatifs."},
    "missing.control.dataset": {"en": "Dataset", "bs": "Skup podataka", "fr": "Jeu de données"},
    "missing.control.route": {"en": "Route", "bs": "Ruta", "fr": "Route"},
    "missing.control.year": {"en": "Year (map)", "bs": "Godina (karta)", "fr": "Année (carte)"},
    "missing.dataset.global": {"en": "Global, Jan 2014 - Apr 2025", "bs": "Globalno, jan. 2014 - apr. 2025",
                               "fr": "Mondial, janv. 2014 - avr. 2025"},
    "missing.dataset.europe": {"en": "Europe-bound routes, Jan 2014 - May 2026 (dead and missing separately)",
                               "bs": "Rute prema Evropi, jan. 2014 - maj 2026 (mrtvi i nestali odvojeno)",
                               "fr": "Routes vers l'Europe, janv. 2014 - mai 2026 (morts et disparus séparés)"},
    "missing.all_routes": {"en": "All routes", "bs": "Sve rute", "fr": "Toutes les routes"},
    "missing.all_years": {"en": "All years", "bs": "Sve godine", "fr": "Toutes les années"},
    "missing.partial_year": {"en": "{year} (partial)", "bs": "{year} (nepotpuno)", "fr": "{year} (partiel)"},
    "missing.map.title": {"en": "Dead and missing migrants by place of incident, {route}, {period}",
                          "bs": "Mrtvi i nestali migranti po mjestu incidenta, {route}, {period}",
                          "fr": "Migrants morts et disparus par lieu de l'incident, {route}, {period}"},
    "missing.map.subtitle": {
        "en": "Unit: persons dead or missing (minimum estimate). Circle area ∝ dead and missing; incidents within "
              "the same 1° cell and cause are drawn as one circle. Locations are approximate.{partial}",
        "bs": "Jedinica: mrtve ili nestale osobe (minimalna procjena). Površina kruga ∝ broju mrtvih i nestalih; "
              "incidenti u istoj ćeliji od 1° i s istim uzrokom crtaju se kao jedan krug. Lokacije su približne.{partial}",
        "fr": "Unité : personnes mortes ou disparues (estimation minimale). Aire du cercle ∝ morts et disparus ; les "
              "incidents d'une même cellule de 1° et de même cause forment un cercle. Lieux approximatifs.{partial}"},
    "missing.partial_note": {"en": " {year} is a partial year (to {last}).", "bs": " {year} je nepotpuna godina (do {last}).",
                             "fr": " {year} est une année partielle (jusqu'à {last})."},
    "missing.map.summary": {"en": "Map of {incidents} incidents with {total} dead or missing ({route}, {period}); "
                                  "largest cluster: {top}.",
                            "bs": "Karta {incidents} incidenata sa {total} mrtvih ili nestalih ({route}, {period}); "
                                  "najveća grupa: {top}.",
                            "fr": "Carte de {incidents} incidents, {total} morts ou disparus ({route}, {period}) ; "
                                  "groupe le plus important : {top}."},
    "missing.hover": {"en": "%{customdata[0]} dead or missing<br>%{customdata[1]} incident(s), %{customdata[2]} to %{customdata[3]}",
                      "bs": "%{customdata[0]} mrtvih ili nestalih<br>%{customdata[1]} incident(a), %{customdata[2]} do %{customdata[3]}",
                      "fr": "%{customdata[0]} morts ou disparus<br>%{customdata[1]} incident(s), %{customdata[2]} à %{customdata[3]}"},
    "missing.axis": {"en": "dead and missing (persons)", "bs": "mrtvi i nestali (osobe)",
                     "fr": "morts et disparus (personnes)"},
    "missing.dead": {"en": "Dead", "bs": "Mrtvi", "fr": "Morts"},
    "missing.missing": {"en": "Missing", "bs": "Nestali", "fr": "Disparus"},
    "missing.series.title": {"en": "Dead and missing migrants per year, {route}, {first}-{last}",
                             "bs": "Mrtvi i nestali migranti po godini, {route}, {first}-{last}",
                             "fr": "Migrants morts et disparus par année, {route}, {first}-{last}"},
    "missing.series.subtitle": {
        "en": "Unit: persons (minimum estimate). {last} is partial (to {last_month}): open markers / hatched bars.{extra}",
        "bs": "Jedinica: osobe (minimalna procjena). {last} je nepotpuna (do {last_month}): prazni markeri / šrafirane trake.{extra}",
        "fr": "Unité : personnes (estimation minimale). {last} est partielle (jusqu'à {last_month}) : marqueurs vides / barres hachurées.{extra}"},
    "missing.series.top_note": {"en": " Six routes with most dead and missing; the others are grouped.",
                                "bs": " Šest ruta s najviše mrtvih i nestalih; ostale su grupisane.",
                                "fr": " Les six routes les plus meurtrières ; les autres sont regroupées."},
    "missing.series.summary": {"en": "Dead and missing per year on {route}: highest {peak} in {peak_year}.",
                               "bs": "Mrtvi i nestali po godini, {route}: najviše {peak} u {peak_year}.",
                               "fr": "Morts et disparus par année, {route} : maximum {peak} en {peak_year}."},
    "missing.files_note": {
        "en": "The global file (Jan 2014 - Apr 2025) is used for global views; the Europe-bound file (to May 2026) "
              "overlaps it and is the one that splits dead from missing. The two files are never added together. "
              "The 2026 global export (64 further incidents) is not shown: it is not a complete year.",
        "bs": "Globalna datoteka (jan. 2014 - apr. 2025) koristi se za globalne prikaze; datoteka za rute prema Evropi "
              "(do maja 2026) se s njom preklapa i odvaja mrtve od nestalih. Dvije datoteke se nikada ne sabiraju.",
        "fr": "Le fichier mondial (janv. 2014 - avr. 2025) sert aux vues mondiales ; le fichier des routes vers "
              "l'Europe (jusqu'à mai 2026) le recoupe et sépare morts et disparus. Les deux fichiers ne sont jamais "
              "additionnés."},
    "missing.family.title": {"en": "Dead and missing migrants in the {family}, per year",
                             "bs": "Mrtvi i nestali migranti: {family}, po godinama",
                             "fr": "Migrants morts et disparus : {family}, par année"},
    "missing.family.subtitle": {
        "en": "The {family} total is the sum of its routes ({routes}), as IOM reports it; written above each bar. "
              "Minimum estimates; hatched bars are partial years.",
        "bs": "Ukupno za {family} je zbir njegovih ruta ({routes}), kako ga objavljuje IOM; upisano iznad svakog "
              "stupca. Minimalne procjene; šrafirani stupci su nepotpune godine.",
        "fr": "Le total {family} est la somme de ses routes ({routes}), comme l'OIM le publie ; inscrit au-dessus "
              "de chaque barre. Estimations minimales ; les barres hachurées sont des années partielles."},
    "missing.family.summary": {"en": "{family}: {total} dead and missing in {year} (latest full year).",
                               "bs": "{family}: {total} mrtvih i nestalih u {year} (posljednja puna godina).",
                               "fr": "{family} : {total} morts et disparus en {year} (dernière année complète)."},
    "missing.family.total": {"en": "{family} total", "bs": "{family} ukupno", "fr": "Total {family}"},
    "missing.family.name.Mediterranean": {"en": "Mediterranean", "bs": "Mediteran", "fr": "Méditerranée"},
}
