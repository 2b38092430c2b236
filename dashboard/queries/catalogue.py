"""The data catalogue: indicators filtered by keyword, theme, source and licence (pure, on the catalogue)."""
from __future__ import annotations

import pandas as pd

from .. import store
from ..cache import memoize


@memoize()
def sources() -> pd.DataFrame:
    """The sources behind the catalogue's indicators, from the bundle manifest, for the source filter.

    source_id, publisher, dataset (the manifest's title), edition, non_commercial, indicators (how many).
    A publisher or dataset the manifest does not give stays missing (None); sorted by publisher, dataset.
    """
    cat = store.catalog()
    counts = pd.Series([i["source_id"] for i in cat["indicators"]], dtype="object").value_counts()
    rows = []
    for sid, n in counts.items():
        meta = cat["sources"].get(sid) or {}
        rows.append({"source_id": sid, "publisher": meta.get("publisher") or None, "dataset": meta.get("title") or None,
                     "edition": meta.get("edition") or None, "non_commercial": bool(meta.get("non_commercial")),
                     "indicators": int(n)})
    out = pd.DataFrame(rows, columns=["source_id", "publisher", "dataset", "edition", "non_commercial", "indicators"])
    return out.sort_values(["publisher", "dataset", "source_id"], na_position="last").reset_index(drop=True)


def source_label(row) -> str:
    """'Publisher: dataset' for a row of ``sources()``; only the parts the manifest gives (else the source id)."""
    parts = [str(v) for v in (row["publisher"], row["dataset"]) if isinstance(v, str) and v]
    return ": ".join(parts) or str(row["source_id"])


@memoize()
def search(keyword: str = "", theme: str = "", source_id: str = "", non_commercial: str = "") -> pd.DataFrame:
    """Catalogue rows (id, label, theme, unit, source, dataset, licence, years, description) matching every filter.

    ``source_id`` is a source id of ``sources()`` (the publisher's dataset); the keyword also matches the
    publisher and the dataset title.
    """
    cat = store.catalog()
    rows = pd.DataFrame(cat["indicators"])
    rows["source"] = rows["source_id"].map(lambda s: cat["sources"].get(s, {}).get("publisher", s))
    rows["dataset"] = rows["source_id"].map(lambda s: cat["sources"].get(s, {}).get("title") or None).astype("object")
    rows["years"] = rows["year_min"].astype(str) + "-" + rows["year_max"].astype(str)
    if keyword.strip():
        text = (rows["id"] + " " + rows["label"] + " " + rows["description"] + " " + rows["source"] + " "
                + rows["dataset"].fillna("")).str.lower()
        for word in keyword.lower().split():
            rows = rows[text.loc[rows.index].str.contains(word, regex=False)]
    if theme:
        rows = rows[rows["theme"] == theme]
    if source_id:
        rows = rows[rows["source_id"] == source_id]
    if non_commercial in ("yes", "no"):
        rows = rows[rows["non_commercial"] == (non_commercial == "yes")]
    return rows[["id", "label", "theme", "unit", "source", "dataset", "source_id", "licence", "non_commercial",
                 "years", "description"]].sort_values(["theme", "label"]).reset_index(drop=True)


def api_url(indicator: str, countries: str = "", years: str = "") -> str:
    query = "&".join(f"{k}={v}" for k, v in (("countries", countries), ("years", years)) if v)
    return f"/api/v1/indicators/{indicator}.csv" + (f"?{query}" if query else "")


def snippets(url: str) -> dict[str, str]:
    """Python and R code that fetch the same rows (the host is filled in by the page)."""
    return {
        "python": f'import pandas as pd\ndf = pd.read_csv("{{host}}{url}", keep_default_na=False, na_values=[""])',
        "r": f'df <- read.csv("{{host}}{url}", na.strings = "")',
    }
