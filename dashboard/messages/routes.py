"""UI strings of the /routes page."""

MESSAGES = {
    "routes.heading": {"en": "Irregular migration routes", "bs": "Rute neregularne migracije",
                       "fr": "Routes de migration irrégulière"},
    "routes.intro": {
        "en": "Detections, encounters and transits count EVENTS, not people: one person crossing twice, or detected by "
              "two countries, is counted twice. Partial years are hatched and labelled; nothing is filled in.",
        "bs": "Otkrivanja, susreti i tranziti broje DOGAĐAJE, a ne osobe: osoba koja pređe granicu dvaput ili je "
              "otkriju dvije zemlje broji se dvaput. Nepotpune godine su šrafirane i označene; ništa nije dopunjeno.",
        "fr": "Les détections, interpellations et transits comptent des ÉVÉNEMENTS, pas des personnes : une personne "
              "qui franchit deux fois, ou détectée par deux pays, est comptée deux fois. Les années partielles sont "
              "hachurées et signalées ; rien n'est complété.",
    },
    "routes.control.route": {"en": "Frontex route", "bs": "Frontex ruta", "fr": "Route Frontex"},
    "routes.control.year": {"en": "Year (nationalities)", "bs": "Godina (državljanstva)",
                            "fr": "Année (nationalités)"},
    "routes.control.nat": {"en": "Nationality of asylum applicants", "bs": "Državljanstvo tražilaca azila",
                           "fr": "Nationalité des demandeurs d'asile"},
    "routes.control.asylum_year": {"en": "Year (asylum)", "bs": "Godina (azil)", "fr": "Année (asile)"},
    "routes.control.americas": {"en": "Americas series", "bs": "Serija za Ameriku", "fr": "Série Amériques"},
    "routes.all_routes": {"en": "All routes", "bs": "Sve rute", "fr": "Toutes les routes"},
    "routes.section.europe": {"en": "Europe: Frontex detections and EU asylum applications",
                              "bs": "Evropa: Frontex otkrivanja i zahtjevi za azil u EU",
                              "fr": "Europe : détections Frontex et demandes d'asile dans l'UE"},
    "routes.section.americas": {"en": "The Americas: encounters, transits and returns",
                                "bs": "Amerike: susreti, tranziti i povratci",
                                "fr": "Amériques : interpellations, transits et retours"},
    "routes.partial": {"en": "partial", "bs": "nepotpuno", "fr": "partiel"},
    "routes.monthly.title": {"en": "Illegal border-crossings detected by Frontex, {route}, by month {first}-{last}",
                             "bs": "Nezakoniti prelasci granice koje je otkrio Frontex, {route}, po mjesecima {first}-{last}",
                             "fr": "Franchissements irréguliers détectés par Frontex, {route}, par mois {first}-{last}"},
    "routes.monthly.subtitle": {
        "en": "Unit: detections (events, not persons), all nationalities, land and sea. Data end {last}.",
        "bs": "Jedinica: otkrivanja (događaji, ne osobe), sva državljanstva, kopno i more. Podaci do {last}.",
        "fr": "Unité : détections (événements, pas des personnes), toutes nationalités, terre et mer. Données jusqu'à {last}."},
    "routes.monthly.summary": {"en": "Monthly Frontex detections on {route}: peak {peak} in {peak_month}; {last_value} in {last}.",
                               "bs": "Mjesečna Frontex otkrivanja, {route}: najviše {peak} u {peak_month}; {last_value} u {last}.",
                               "fr": "Détections mensuelles Frontex, {route} : pic de {peak} en {peak_month} ; {last_value} en {last}."},
    "routes.top.title": {"en": "Top nationalities detected, {route}, {year}",
                         "bs": "Najčešća državljanstva među otkrivenima, {route}, {year}",
                         "fr": "Principales nationalités détectées, {route}, {year}"},
    "routes.top.subtitle": {
        "en": "Unit: detections (events). Share of all detections on the route that year. 'Unknown' and "
              "'Sub-Saharan Africa (unidentified)' are published categories, kept as their own bars.{partial}",
        "bs": "Jedinica: otkrivanja (događaji). Udio u svim otkrivanjima na ruti te godine. 'Nepoznato' i "
              "'Subsaharska Afrika (neidentifikovano)' su objavljene kategorije.{partial}",
        "fr": "Unité : détections (événements). Part de toutes les détections sur la route cette année-là. "
              "« Inconnu » et « Afrique subsaharienne (non identifiée) » sont des catégories publiées.{partial}"},
    "routes.top.partial": {"en": " {year} is a partial year (Jan-Apr).", "bs": " {year} je nepotpuna godina (jan.-apr.).",
                           "fr": " {year} est une année partielle (janv.-avr.)."},
    "routes.top.summary": {"en": "Largest nationality among detections on {route} in {year}: {top} ({value}).",
                           "bs": "Najveće državljanstvo među otkrivanjima, {route}, {year}: {top} ({value}).",
                           "fr": "Première nationalité détectée, {route}, {year} : {top} ({value})."},
    "routes.asylum.title": {"en": "Asylum applicants from {nat} by country of application, {year}",
                            "bs": "Tražioci azila iz zemlje {nat} po zemlji podnošenja zahtjeva, {year}",
                            "fr": "Demandeurs d'asile de {nat} par pays de demande, {year}"},
    "routes.asylum.subtitle": {
        "en": "Unit: applicants (persons, rounded to 5 by Eurostat), all sexes. Purple hatched bar: the EU27 total as "
              "published by Eurostat, a separate series (it is not the sum of the blue bars, which include non-EU "
              "reporting countries).",
        "bs": "Jedinica: tražioci (osobe, Eurostat zaokružuje na 5), svi spolovi. Ljubičasta šrafirana traka: ukupno "
              "EU27 kako ga objavljuje Eurostat, zasebna serija (nije zbir plavih traka).",
        "fr": "Unité : demandeurs (personnes, arrondis à 5 par Eurostat), tous sexes. Barre violette hachurée : le total "
              "UE27 publié par Eurostat, une série distincte (ce n'est pas la somme des barres bleues)."},
    "routes.asylum.summary": {"en": "{nat} nationals applying for asylum in {year}: most in {top} ({value}); EU27 total {eu}.",
                              "bs": "Državljani {nat} koji traže azil u {year}: najviše u {top} ({value}); ukupno EU27 {eu}.",
                              "fr": "Ressortissants de {nat} demandant l'asile en {year} : surtout en {top} ({value}) ; total UE27 {eu}."},
    "routes.asylum.aggregate": {"en": "EU27 total (published aggregate)", "bs": "Ukupno EU27 (objavljeni agregat)",
                                "fr": "Total UE27 (agrégat publié)"},
    "routes.americas.us_sw_border": {"en": "US south-west border encounters (CBP), by fiscal year",
                                     "bs": "Susreti na jugozapadnoj granici SAD (CBP), po fiskalnoj godini",
                                     "fr": "Interpellations à la frontière sud-ouest des États-Unis (CBP), par exercice"},
    "routes.americas.darien": {"en": "Darién Gap transits recorded by Panama, by year",
                               "bs": "Tranziti kroz Darién koje bilježi Panama, po godini",
                               "fr": "Transits par le Darién enregistrés par le Panama, par année"},
    "routes.americas.mexico": {"en": "Irregular migrants presented to Mexico's migration authority, by year",
                               "bs": "Neregularni migranti predati migracijskim vlastima Meksika, po godini",
                               "fr": "Migrants en situation irrégulière présentés à l'autorité migratoire du Mexique, par année"},
    "routes.americas.honduras": {"en": "Irregular arrivals registered by Honduras, by year",
                                 "bs": "Neregularni dolasci koje bilježi Honduras, po godini",
                                 "fr": "Arrivées irrégulières enregistrées par le Honduras, par année"},
    "routes.americas.guatemala": {"en": "Returns of Guatemalans from Mexico and the USA, by year",
                                  "bs": "Povratci Gvatemalaca iz Meksika i SAD, po godini",
                                  "fr": "Retours de Guatémaltèques depuis le Mexique et les États-Unis, par année"},
    "routes.americas.title": {"en": "{label}, {first}-{last}", "bs": "{label}, {first}-{last}", "fr": "{label}, {first}-{last}"},
    "routes.americas.subtitle": {
        "en": "Unit: {unit}, not persons. Hatched bars are partial years.{note}",
        "bs": "Jedinica: {unit}, ne osobe. Šrafirane trake su nepotpune godine.{note}",
        "fr": "Unité : {unit}, pas des personnes. Les barres hachurées sont des années partielles.{note}"},
    "routes.americas.note.us_sw_border": {
        "en": " US fiscal year N runs from October N-1 to September N; FY2018-FY2019 have no nationality breakdown.",
        "fr": " L'exercice américain N va d'octobre N-1 à septembre N."},
    "routes.americas.note.darien": {"en": " 2010-2019 are annual totals; 2020 lacks April, May and July.",
                                    "fr": " 2010-2019 : totaux annuels ; 2020 sans avril, mai et juillet."},
    "routes.americas.note.guatemala": {
        "en": " From January 2024 the returning country is not coded for part of the returns (shown in the total only)."},
    "routes.americas.note.honduras": {"en": " Some Taiwan-coded rows are probably mainland China (flagged in the data)."},
    "routes.americas.note.mexico": {"en": ""},
    "routes.americas.summary": {"en": "{label}: highest {peak} in {peak_period}.",
                                "bs": "{label}: najviše {peak} u {peak_period}.",
                                "fr": "{label} : maximum {peak} en {peak_period}."},
    "routes.side.title": {"en": "Crossings and deaths side by side: {route}, {first}-{last}",
                          "bs": "Prelasci i smrti uporedo: {route}, {first}-{last}",
                          "fr": "Traversées et décès côte à côte : {route}, {first}-{last}"},
    "routes.side.subtitle": {
        "en": "Top: Frontex detections (events) per year. Bottom: dead and missing recorded by IOM on the matching "
              "route '{iom}' (persons, minimum estimate). Caveat: {caveat}.",
        "bs": "Gore: Frontex otkrivanja (događaji) po godini. Dolje: mrtvi i nestali koje bilježi IOM na odgovarajućoj "
              "ruti '{iom}' (osobe, minimalna procjena). Napomena: {caveat}.",
        "fr": "En haut : détections Frontex (événements) par année. En bas : morts et disparus recensés par l'OIM sur la "
              "route correspondante « {iom} » (personnes, estimation minimale). Réserve : {caveat}."},
    "routes.side.subtitle_none": {
        "en": "Frontex detections (events) per year. IOM has no matching route for this Frontex route, so no deaths are shown.",
        "bs": "Frontex otkrivanja (događaji) po godini. IOM nema odgovarajuću rutu, pa smrti nisu prikazane.",
        "fr": "Détections Frontex (événements) par année. L'OIM n'a pas de route correspondante : aucun décès affiché."},
    "routes.side.summary": {"en": "{route}: {det} detections and {dead} dead or missing in {year}.",
                            "bs": "{route}: {det} otkrivanja i {dead} mrtvih ili nestalih u {year}.",
                            "fr": "{route} : {det} détections et {dead} morts ou disparus en {year}."},
    "routes.asylum.axis": {"en": "applicants", "bs": "tražioci", "fr": "demandeurs"},
    "routes.side.subtitle_all": {
        "en": "Frontex detections (events) per year, all routes. Pick one route to see IOM dead and missing on the "
              "matching route.",
        "bs": "Frontex otkrivanja (događaji) po godini, sve rute. Odaberite jednu rutu da vidite IOM mrtve i nestale.",
        "fr": "Détections Frontex (événements) par année, toutes routes. Choisissez une route pour voir les morts et "
              "disparus recensés par l'OIM."},
    "routes.side.detections": {"en": "Frontex detections", "bs": "Frontex otkrivanja", "fr": "Détections Frontex"},
    "routes.side.deaths": {"en": "IOM dead and missing", "bs": "IOM mrtvi i nestali", "fr": "OIM morts et disparus"},
    "routes.side.detections_axis": {"en": "detections", "bs": "otkrivanja", "fr": "détections"},
    "routes.side.deaths_axis": {"en": "dead & missing", "bs": "mrtvi i nestali", "fr": "morts et disparus"},
    "routes.side.no_match": {"en": "No matching IOM route", "bs": "Nema odgovarajuće IOM rute",
                             "fr": "Pas de route OIM correspondante"},
    "routes.mapping.title": {"en": "How the routes are matched (Frontex vs IOM Missing Migrants)",
                             "bs": "Kako su rute uparene (Frontex i IOM Nestali migranti)",
                             "fr": "Correspondance des routes (Frontex et OIM Migrants disparus)"},
    "routes.mapping.caveat": {
        "en": "The two publishers define routes differently: Frontex by the section of the EU external border where "
              "a crossing is detected, IOM by the route on which a person died or went missing (incl. deaths far "
              "from any EU border). The pairs below are comparable in direction, not in coverage.",
        "bs": "Dva izdavača različito definišu rute: Frontex prema dijelu vanjske granice EU gdje je prelazak otkriven, "
              "IOM prema ruti na kojoj je osoba umrla ili nestala. Parovi ispod su uporedivi po smjeru, ne po obuhvatu.",
        "fr": "Les deux éditeurs définissent les routes différemment : Frontex selon le tronçon de frontière extérieure "
              "de l'UE où la traversée est détectée, l'OIM selon la route où la personne est morte ou disparue. Les "
              "paires ci-dessous sont comparables en direction, pas en couverture."},
    "routes.mapping.frontex": {"en": "Frontex route", "bs": "Frontex ruta", "fr": "Route Frontex"},
    "routes.mapping.iom": {"en": "IOM route (Europe-bound file)", "bs": "IOM ruta (datoteka za Evropu)",
                           "fr": "Route OIM (fichier vers l'Europe)"},
    "routes.mapping.note": {"en": "Caveat", "bs": "Napomena", "fr": "Réserve"},
    "routes.mapping.none": {"en": "none", "bs": "nema", "fr": "aucune"},
}
