"""The data catalogue: indicators filtered by keyword, theme, source and licence (pure, on the catalogue)."""
from __future__ import annotations

import pandas as pd

from .. import store
from ..cache import memoize


@memoize()
def search(keyword: str = "", theme: str = "", source_id: str = "", non_commercial: str = "") -> pd.DataFrame:
    """Catalogue rows (id, label, theme, unit, source, licence, years, description) matching every filter."""
    cat = store.catalog()
    rows = pd.DataFrame(cat["indicators"])
    rows["source"] = rows["source_id"].map(lambda s: cat["sources"].get(s, {}).get("publisher", s))
    rows["years"] = rows["year_min"].astype(str) + "-" + rows["year_max"].astype(str)
    if keyword.strip():
        text = (rows["id"] + " " + rows["label"] + " " + rows["description"] + " " + rows["source"]).str.lower()
        for word in keyword.lower().split():
            rows = rows[text.loc[rows.index].str.contains(word, regex=False)]
    if theme:
        rows = rows[rows["theme"] == theme]
    if source_id:
        rows = rows[rows["source_id"] == source_id]
    if non_commercial in ("yes", "no"):
        rows = rows[rows["non_commercial"] == (non_commercial == "yes")]
    return rows[["id", "label", "theme", "unit", "source", "source_id", "licence", "non_commercial", "years",
                 "description"]].sort_values(["theme", "label"]).reset_index(drop=True)


def api_url(indicator: str, countries: str = "", years: str = "") -> str:
    query = "&".join(f"{k}={v}" for k, v in (("countries", countries), ("years", years)) if v)
    return f"/api/v1/indicators/{indicator}.csv" + (f"?{query}" if query else "")


def snippets(url: str) -> dict[str, str]:
    """Python and R code that fetch the same rows (the host is filled in by the page)."""
    return {
        "python": f'import pandas as pd\ndf = pd.read_csv("{{host}}{url}", keep_default_na=False, na_values=[""])',
        "r": f'df <- read.csv("{{host}}{url}", na.strings = "")',
    }
