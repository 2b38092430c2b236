"""UI strings of the trafficking page (/trafficking)."""

MESSAGES = {
    "traf.heading": {"en": "Trafficking in persons", "bs": "Trgovina ljudima", "fr": "Traite des personnes"},
    "traf.control.country": {"en": "Country", "bs": "Zemlja", "fr": "Pays"},
    "traf.control.year": {"en": "Year", "bs": "Godina", "fr": "Année"},
    "traf.control.ctdc_by": {"en": "CTDC patterns by", "bs": "CTDC obrasci prema", "fr": "Profils CTDC par"},
    "traf.no_data": {"en": "No data for this selection", "bs": "Nema podataka za ovaj izbor",
                     "fr": "Pas de données pour cette sélection"},
    "traf.read.heading": {"en": "How to read these numbers", "bs": "Kako čitati ove brojke",
                          "fr": "Comment lire ces chiffres"},
    "traf.read.detected": {
        "en": "Detected victims are the people the authorities identified and reported. They reflect each country's "
              "capacity and effort to detect and report trafficking, not how much trafficking there is: a rising "
              "number can mean better detection, and a low one weak detection.",
        "bs": "Otkrivene žrtve su osobe koje su vlasti identifikovale i prijavile. Brojke odražavaju sposobnost i "
              "napor zemlje da otkrije i prijavi trgovinu ljudima, a ne koliko je ima.",
        "fr": "Les victimes détectées sont les personnes identifiées et signalées par les autorités. Elles reflètent "
              "la capacité de chaque pays à détecter et signaler la traite, pas son ampleur réelle.",
    },
    "traf.read.lt5": {
        "en": "UNODC suppresses small counts: a cell published as “<5” (1 to 4) is shown as “<5”, never as a number, "
              "and is flagged in tables and downloads. Totals can differ from the sum of their parts for this reason.",
        "bs": "UNODC potiskuje male brojeve: ćelija objavljena kao „<5” prikazuje se kao „<5”, nikad kao broj.",
        "fr": "L'ONUDC masque les petits effectifs : une cellule publiée « <5 » est affichée « <5 », jamais comme un nombre.",
    },
    "traf.read.excluded": {
        "en": "{n} rows flagged as source artefacts (questionnaire cell IDs such as “61,102,019” published as "
              "convictions by citizenship) are excluded.",
        "bs": "{n} redova označenih kao greške izvora (ID-ovi ćelija upitnika) je isključeno.",
        "fr": "{n} lignes signalées comme artefacts de la source (identifiants de cellules du questionnaire) sont exclues.",
    },
    "traf.read.coverage": {
        "en": "The set of reporting countries changes every year, so no world trend is drawn.",
        "bs": "Skup zemalja koje izvještavaju mijenja se svake godine, pa se ne crta svjetski trend.",
        "fr": "L'ensemble des pays déclarants change chaque année : aucune tendance mondiale n'est tracée.",
    },
    "traf.unit": {"en": "persons", "bs": "osobe", "fr": "personnes"},
    "traf.lt5": {"en": "suppressed by UNODC (1 to 4)", "bs": "potisnuto (1 do 4)", "fr": "masqué par l'ONUDC (1 à 4)"},
    "traf.rank.title": {"en": "Detected victims of trafficking by country, {year}",
                        "bs": "Otkrivene žrtve trgovine ljudima po zemljama, {year}",
                        "fr": "Victimes de la traite détectées par pays, {year}"},
    "traf.rank.subtitle": {"en": "Persons detected in {year}; the {n} largest of {total} reporting countries ({lt5} reported “<5”).",
                           "bs": "Osobe otkrivene {year}; {n} najvećih od {total} zemalja ({lt5} prijavilo „<5”).",
                           "fr": "Personnes détectées en {year} ; les {n} plus grands des {total} pays déclarants ({lt5} ont déclaré « <5 »)."},
    "traf.rank.summary": {"en": "Detected victims in {year}: {top}.", "fr": "Victimes détectées en {year} : {top}."},
    "traf.series.title": {"en": "Detected victims, persons prosecuted and convicted: {country}, {y0}–{y1}",
                          "bs": "Otkrivene žrtve, gonjene i osuđene osobe: {country}, {y0}–{y1}",
                          "fr": "Victimes détectées, personnes poursuivies et condamnées : {country}, {y0}–{y1}"},
    "traf.series.subtitle": {"en": "Persons per year, as reported to UNODC. “<5” marks a suppressed count (no point is drawn).",
                             "bs": "Osobe godišnje. „<5” označava potisnut broj (tačka se ne crta).",
                             "fr": "Personnes par an. « <5 » signale un effectif masqué (aucun point tracé)."},
    "traf.series.victims": {"en": "Detected victims", "bs": "Otkrivene žrtve", "fr": "Victimes détectées"},
    "traf.series.prosecuted": {"en": "Persons prosecuted", "bs": "Gonjene osobe", "fr": "Personnes poursuivies"},
    "traf.series.convicted": {"en": "Persons convicted", "bs": "Osuđene osobe", "fr": "Personnes condamnées"},
    "traf.series.summary": {"en": "{country}, {year}: {values}.", "fr": "{country}, {year} : {values}."},
    "traf.sexage.title": {"en": "Detected victims by sex and age: {country}, {year}",
                          "bs": "Otkrivene žrtve po spolu i dobi: {country}, {year}",
                          "fr": "Victimes détectées par sexe et âge : {country}, {year}"},
    "traf.form.title": {"en": "Detected victims by form of exploitation: {country}, {year}",
                        "bs": "Otkrivene žrtve po obliku eksploatacije: {country}, {year}",
                        "fr": "Victimes détectées par forme d'exploitation : {country}, {year}"},
    "traf.cit.title": {"en": "Detected victims by citizenship: {country}, {year}",
                       "bs": "Otkrivene žrtve po državljanstvu: {country}, {year}",
                       "fr": "Victimes détectées par nationalité : {country}, {year}"},
    "traf.breakdown.subtitle": {"en": "Persons, as published; “<5” = suppressed, no bar drawn. Parts need not add up to the total.",
                                "bs": "Osobe, kako je objavljeno; „<5” = potisnuto. Dijelovi ne moraju davati ukupno.",
                                "fr": "Personnes, telles que publiées ; « <5 » = masqué. Les parties ne font pas forcément le total."},
    "traf.cit.subtitle": {"en": "Persons, as published; citizenship labels are the countries' own free text (not country codes).",
                          "bs": "Osobe; oznake državljanstva su slobodan tekst zemalja (ne kodovi).",
                          "fr": "Personnes ; les libellés de nationalité sont le texte libre des pays (pas des codes)."},
    "traf.breakdown.summary": {"en": "{what}, {country}, {year}: {values}.", "fr": "{what}, {country}, {year} : {values}."},
    "traf.ctdc.heading": {"en": "CTDC synthetic records", "bs": "CTDC sintetički zapisi", "fr": "Enregistrements synthétiques du CTDC"},
    "traf.ctdc.statement": {
        "en": "These are synthetic records that IOM's Counter Trafficking Data Collaborative generated from case data "
              "(2002–2021) to protect the privacy of victims. They show patterns, not counts of victims, and the regions "
              "and years are banded. No figure here comes from fewer than 11 records; cells that could be worked out "
              "by subtraction are withheld as well.",
        "bs": "Ovo su sintetički zapisi koje je CTDC (IOM) napravio iz podataka o slučajevima (2002–2021) radi zaštite "
              "privatnosti žrtava. Pokazuju obrasce, a ne broj žrtava. Nijedna brojka ne dolazi iz manje od 11 zapisa.",
        "fr": "Ce sont des enregistrements synthétiques produits par le CTDC de l'OIM à partir de données de cas "
              "(2002–2021) pour protéger la vie privée des victimes. Ils montrent des profils, pas un nombre de "
              "victimes. Aucun chiffre ne provient de moins de 11 enregistrements.",
    },
    "traf.ctdc.title": {"en": "Form of exploitation by {dim} (CTDC synthetic records, cases 2002–2021)",
                        "bs": "Oblik eksploatacije prema: {dim} (CTDC sintetički zapisi, 2002–2021)",
                        "fr": "Forme d'exploitation par {dim} (enregistrements synthétiques CTDC, 2002–2021)"},
    "traf.ctdc.subtitle": {"en": "Share of each category's synthetic records, %. Not victims. Cells from fewer than 11 records, and cells that would reveal them, are withheld.",
                           "bs": "Udio sintetičkih zapisa svake kategorije, %. Nisu žrtve. Ćelije s manje od 11 zapisa su uskraćene.",
                           "fr": "Part des enregistrements synthétiques de chaque catégorie, %. Pas des victimes. Les cellules de moins de 11 enregistrements sont masquées."},
    "traf.ctdc.unit": {"en": "% of the category's synthetic records", "bs": "% sintetičkih zapisa kategorije",
                       "fr": "% des enregistrements de la catégorie"},
    "traf.ctdc.withheld": {"en": "some cells withheld", "bs": "neke ćelije uskraćene", "fr": "cellules masquées"},
    "traf.ctdc.summary": {"en": "CTDC synthetic records by {dim}: {values}.", "fr": "Enregistrements CTDC par {dim} : {values}."},
    "traf.tip.title": {"en": "US TIP report tier placements: {country}, report years {first}–{last} (data end in {last})",
                       "bs": "US TIP izvještaj, rang: {country}, godine izvještaja {first}–{last} (podaci završavaju {last})",
                       "fr": "Rapport TIP des États-Unis, classement : {country}, {first}–{last} (données jusqu'en {last})"},
    "traf.tip.subtitle": {"en": "Tier assigned by the US State Department in each report year (Tier 1 = meets minimum standards). Data end in {last}.",
                          "bs": "Rang koji dodjeljuje State Department u svakoj godini izvještaja. Podaci završavaju {last}.",
                          "fr": "Niveau attribué par le Département d'État chaque année de rapport. Données jusqu'en {last}."},
    "traf.tip.not_ranked": {"en": "Not ranked / special case", "bs": "Nije rangirano / poseban slučaj",
                            "fr": "Non classé / cas spécial"},
    "traf.tip.end": {"en": "Data end in {last}", "bs": "Podaci završavaju {last}.", "fr": "Données jusqu'en {last}"},
    "traf.tip.xtitle": {"en": "Report year", "bs": "Godina izvještaja", "fr": "Année du rapport"},
    "traf.tip.summary": {"en": "US TIP tiers for {country} (to {last}): {values}.",
                         "fr": "Niveaux TIP pour {country} (jusqu'en {last}) : {values}."},
    "traf.who.heading": {"en": "Who are the detected victims?", "bs": "Ko su otkrivene žrtve?",
                         "fr": "Qui sont les victimes détectées ?"},
    "traf.control.who": {"en": "Country, region or world", "bs": "Zemlja, regija ili svijet",
                         "fr": "Pays, région ou monde"},
    "traf.who.girls": {"en": "Girls", "bs": "Djevojčice", "fr": "Filles"},
    "traf.who.boys": {"en": "Boys", "bs": "Dječaci", "fr": "Garçons"},
    "traf.who.women": {"en": "Women", "bs": "Žene", "fr": "Femmes"},
    "traf.who.men": {"en": "Men", "bs": "Muškarci", "fr": "Hommes"},
    "traf.who.female": {"en": "Women and girls", "bs": "Žene i djevojčice", "fr": "Femmes et filles"},
    "traf.who.male": {"en": "Men and boys", "bs": "Muškarci i dječaci", "fr": "Hommes et garçons"},
    "traf.who.title": {"en": "Detected victims of trafficking by sex and age, {area}",
                       "bs": "Otkrivene žrtve trgovine ljudima po spolu i dobi, {area}",
                       "fr": "Victimes détectées de la traite par sexe et âge, {area}"},
    "traf.who.subtitle": {
        "en": "Persons. A region or the world adds up the countries that publish all four groups as numbers that "
              "year; shown when they hold at least two thirds of the region's detected victims (hover for "
              "coverage; <⅔: too few countries).",
        "bs": "Osobe. Regija ili svijet sabira zemlje koje te godine objavljuju sve četiri grupe kao brojeve; "
              "prikazuje se kada one čine najmanje dvije trećine otkrivenih žrtava regije (pokrivenost je u "
              "opisu; <⅔: premalo zemalja).",
        "fr": "Personnes. Une région ou le monde additionne les pays qui publient les quatre groupes en chiffres "
              "cette année-là ; affiché lorsqu'ils représentent au moins deux tiers des victimes détectées de la "
              "région (couverture au survol ; <⅔ : trop peu de pays)."},
    "traf.who.caveat": {
        "en": "Detected victims reflect detection and reporting, not how widespread trafficking is; national "
              "definitions differ.",
        "bs": "Otkrivene žrtve odražavaju otkrivanje i izvještavanje, a ne rasprostranjenost trgovine ljudima; "
              "nacionalne definicije se razlikuju.",
        "fr": "Les victimes détectées reflètent la détection et le signalement, non l'ampleur de la traite ; les "
              "définitions nationales diffèrent."},
    "traf.who.coverage": {"en": "{n} of {total} countries, {pct}% of detected victims",
                          "bs": "{n} od {total} zemalja, {pct}% otkrivenih žrtava",
                          "fr": "{n} pays sur {total}, {pct} % des victimes détectées"},
    "traf.who.summary": {"en": "{area}, {year}: {female} of the detected victims are women and girls, {children} "
                               "are children.",
                         "bs": "{area}, {year}: {female} otkrivenih žrtava su žene i djevojčice, {children} su "
                               "djeca.",
                         "fr": "{area}, {year} : {female} des victimes détectées sont des femmes et des filles, "
                               "{children} des enfants."},
    "traf.whoforms.title": {"en": "Forms of exploitation by sex, {area}, {year}",
                            "bs": "Oblici eksploatacije po spolu, {area}, {year}",
                            "fr": "Formes d'exploitation par sexe, {area}, {year}"},
    "traf.whoforms.subtitle": {
        "en": "Persons, latest year with data. A region adds up, form by form, the countries that publish both "
              "sexes as numbers.",
        "bs": "Osobe, posljednja godina s podacima. Regija sabira, za svaki oblik, zemlje koje objavljuju oba "
              "spola kao brojeve.",
        "fr": "Personnes, dernière année disponible. Une région additionne, forme par forme, les pays qui publient "
              "les deux sexes en chiffres."},
    "traf.whoforms.summary": {"en": "{area}, {year}: the most detected form of exploitation is {top}.",
                              "bs": "{area}, {year}: najčešće otkriveni oblik eksploatacije je {top}.",
                              "fr": "{area}, {year} : la forme d'exploitation la plus détectée est {top}."},
    "traf.who.world": {"en": "World", "bs": "Svijet", "fr": "Monde"},
    "traf.form_label.sexual_exploitation": {"en": "Sexual exploitation", "bs": "Seksualna eksploatacija",
                                            "fr": "Exploitation sexuelle"},
    "traf.form_label.forced_labour": {"en": "Forced labour", "bs": "Prisilni rad", "fr": "Travail forcé"},
    "traf.form_label.other_forms_of_exploitation": {"en": "Other forms of exploitation",
                                                    "bs": "Drugi oblici eksploatacije",
                                                    "fr": "Autres formes d'exploitation"},
    "traf.who.low": {"en": "<⅔", "bs": "<⅔", "fr": "<⅔"},
    "traf.whoforms.title_none": {"en": "Forms of exploitation by sex, {area}", "bs": "Oblici eksploatacije po spolu, {area}",
                                 "fr": "Formes d'exploitation par sexe, {area}"},
}
