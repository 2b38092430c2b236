"""UI strings of the shared chart infrastructure: embeds, chart actions (download, cite), presenter mode."""

MESSAGES = {
    "embed.updated": {
        "en": "Data updated since this embed was made: it was made with data bundle {pinned}, the server now has "
              "{version}. Figures may differ.",
        "bs": "Podaci su ažurirani otkako je ovaj prikaz ugrađen: napravljen je s paketom podataka {pinned}, "
              "server sada ima {version}. Brojke se mogu razlikovati.",
        "fr": "Données mises à jour depuis la création de cette intégration : elle a été faite avec le lot de "
              "données {pinned}, le serveur a maintenant {version}. Les chiffres peuvent différer.",
    },
    "embed.open": {"en": "Open in the dashboard", "bs": "Otvori u pregledu", "fr": "Ouvrir dans le tableau de bord"},
    "actions.download_csv": {"en": "Download CSV ({rows} rows)", "bs": "Preuzmi CSV ({rows} redova)",
                             "fr": "Télécharger CSV ({rows} lignes)"},
    "actions.download_csv_plain": {"en": "Download CSV", "bs": "Preuzmi CSV", "fr": "Télécharger CSV"},
    "actions.xlsx": {"en": "XLSX", "bs": "XLSX", "fr": "XLSX"},
    "actions.zip": {"en": "Data bundle (zip)", "bs": "Paket podataka (zip)", "fr": "Lot de données (zip)"},
    "actions.gpkg": {"en": "GeoPackage", "bs": "GeoPackage", "fr": "GeoPackage"},
    "actions.geojson": {"en": "GeoJSON", "bs": "GeoJSON", "fr": "GeoJSON"},
    "actions.geo_title": {"en": "The rows shown, with each country's outline (or each cell's point), WGS 84, for QGIS or "
                                "ArcGIS",
                          "bs": "Prikazani redovi s obrisom svake zemlje (ili tačkom svake ćelije), WGS 84, za QGIS ili "
                                "ArcGIS",
                          "fr": "Les lignes affichées avec le contour de chaque pays (ou le point de chaque cellule), "
                                "WGS 84, pour QGIS ou ArcGIS"},
    "actions.embed": {"en": "Embed", "bs": "Ugradi", "fr": "Intégrer"},
    "actions.cite": {"en": "Cite", "bs": "Citiraj", "fr": "Citer"},
    "card.failed": {"en": "This chart could not be drawn. The error has been logged; try again later.",
                    "bs": "Ovaj grafikon nije moguće prikazati. Greška je zabilježena; pokušajte ponovo kasnije.",
                    "fr": "Ce graphique n'a pas pu être dessiné. L'erreur a été consignée ; réessayez plus tard."},
    "actions.image": {"en": "Image (PNG)", "bs": "Slika (PNG)", "fr": "Image (PNG)"},
    "image.stamp": {"en": "{url} · Data bundle {version}", "bs": "{url} · Paket podataka {version}",
                    "fr": "{url} · Lot de données {version}"},
    "embed.panel_intro": {
        "en": "Paste this into a web page or slide tool that accepts HTML. The chart stays pinned to this data "
              "bundle and says so if the data change.",
        "bs": "Zalijepite ovo u web stranicu ili alat za prezentacije koji prihvata HTML. Grafikon ostaje vezan za "
              "ovaj paket podataka i to naznači ako se podaci promijene.",
        "fr": "Collez ceci dans une page web ou un outil de présentation qui accepte le HTML. Le graphique reste lié "
              "à ce lot de données et le signale si les données changent.",
    },
    "embed.snippet_label": {"en": "Embed code (iframe)", "bs": "Kod za ugradnju (iframe)",
                            "fr": "Code d'intégration (iframe)"},
    "embed.copy": {"en": "Copy", "bs": "Kopiraj", "fr": "Copier"},
    "embed.copied": {"en": "Copied", "bs": "Kopirano", "fr": "Copié"},
    "embed.copy_failed": {"en": "Select the text and copy it", "bs": "Označite tekst i kopirajte ga",
                          "fr": "Sélectionnez le texte et copiez-le"},
    "embed.images": {"en": "Static image for slides:", "bs": "Statična slika za prezentacije:",
                     "fr": "Image statique pour diapositives :"},
    "embed.png169": {"en": "PNG 16:9", "bs": "PNG 16:9", "fr": "PNG 16:9"},
    "embed.png43": {"en": "PNG 4:3", "bs": "PNG 4:3", "fr": "PNG 4:3"},
    "embed.svg": {"en": "SVG", "bs": "SVG", "fr": "SVG"},
    "embed.open_embed": {"en": "Open the embed", "bs": "Otvori ugrađeni prikaz", "fr": "Ouvrir l'intégration"},
    "embed.citation_label": {"en": "Citation", "bs": "Citat", "fr": "Citation"},
    "actions.non_commercial": {"en": "Non-commercial licence", "bs": "Nekomercijalna licenca",
                               "fr": "Licence non commerciale"},
}
