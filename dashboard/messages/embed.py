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
    "actions.embed": {"en": "Embed", "bs": "Ugradi", "fr": "Intégrer"},
    "actions.cite": {"en": "Cite", "bs": "Citiraj", "fr": "Citer"},
    "actions.image": {"en": "Image (PNG)", "bs": "Slika (PNG)", "fr": "Image (PNG)"},
    "actions.non_commercial": {"en": "Non-commercial licence", "bs": "Nekomercijalna licenca",
                               "fr": "Licence non commerciale"},
}
