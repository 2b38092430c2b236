"""'Cite this view': APA and BibTeX for a dashboard view and for every source behind it, plus CITATION.cff.

The view citation carries the bundle version, the access date and the permalink (the dashboard URL of
the exact state); source citations come from the manifest (publisher, title, edition, url, and the
publisher's own suggested citation when the ingest recorded one).
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

from .. import data_i18n, store, views
from ..charts import source_year  # noqa: F401 - the one reading of a source's year (also used here)
from ..i18n import long_date, t

PROJECT = "Migration Trends Dashboard"
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in str(text or ""))


def _bib_key(*parts: str) -> str:
    return "_".join(re.sub(r"[^A-Za-z0-9]+", "", str(p)) for p in parts if p)


def _bibtex(kind: str, key: str, fields: dict) -> str:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{kind}{{{key},\n{body}\n}}"




def source_citation(source_id: str, accessed: date) -> dict:
    s = store.source_meta(source_id)
    year = source_year(s)
    url = s.get("url") or ""
    apa = (f"{s.get('publisher', '')}. ({year}). {s.get('title', '')} ({s.get('edition', '')}) [Data set]."
           + (f" {url}" if url else ""))
    bib = _bibtex("misc", _bib_key(source_id, year if year != "n.d." else ""), {
        "author": "{" + bib_escape(s.get("publisher", "")) + "}",
        "title": "{" + bib_escape(s.get("title", "")) + "}",
        "year": year if year != "n.d." else "",
        "edition": bib_escape(s.get("edition", "")),
        "howpublished": f"\\url{{{url}}}" if url else "",
        "note": bib_escape(f"Licence: {s.get('licence', '')}. Accessed {accessed.isoformat()}."),
    })
    return {"id": source_id, "publisher": s.get("publisher"), "title": s.get("title"), "edition": s.get("edition"),
            "url": url, "licence": s.get("licence"), "licence_url": s.get("licence_url"),
            "non_commercial": bool(s.get("non_commercial")), "year": year,
            "publisher_citation": s.get("citation"), "apa": apa, "bibtex": bib,
            "processing": s.get("processing") or [], "caveats": s.get("caveats") or []}


def view_citation(view_id: str, state: dict, permalink: str, accessed: date | None = None,
                  lang: str = "en") -> dict:
    """{view: {apa, bibtex}, sources: [...], bundle_version, accessed, permalink} for one chart state."""
    accessed = accessed or datetime.now(timezone.utc).date()
    rendered = views.render(view_id, state, lang)
    b = store.bundle()
    version = b.version
    built = (b.manifest.get("built_at") or "")[:4] or str(accessed.year)
    title = rendered["title"]
    apa = t("cite.apa_view", lang, project=t("app.title", lang), year=built, title=title, version=version,
            accessed=long_date(accessed, lang), url=permalink)
    bib = _bibtex("misc", _bib_key("mtd", view_id, version.replace(".", "")), {
        "author": "{" + PROJECT + "}",
        "title": "{" + bib_escape(title) + "}",
        "year": built,
        "version": bib_escape(version),
        "howpublished": f"\\url{{{permalink}}}",
        "note": bib_escape(f"Data bundle {version}. Accessed {accessed.isoformat()}."),
        "urldate": accessed.isoformat(),
    })
    sources = [source_citation(s, accessed) for s in views.source_ids(view_id, state, views.data(view_id, state))]
    return {"view": {"id": view_id, "title": title, "apa": apa, "bibtex": bib}, "sources": sources,
            "bundle_version": version, "accessed": accessed.isoformat(), "permalink": permalink, "lang": lang,
            "accessed_text": long_date(accessed, lang),
            "non_commercial": any(s["non_commercial"] for s in sources)}


def citation_text(c: dict) -> str:
    """The citation of a view as plain text, in the language it was made in (``view_citation(..., lang)``); the
    references themselves keep the publishers' own titles, and BibTeX stays BibTeX."""
    lang = c.get("lang", "en")
    lines = [t("cite.text_view", lang), c["view"]["apa"], "", "BibTeX:", c["view"]["bibtex"], ""]
    if c["sources"]:
        lines += [t("cite.text_sources", lang), ""]
        for s in c["sources"]:
            lines += [s["apa"]]
            if s["publisher_citation"]:
                lines += ["  " + t("cite.publisher_citation", lang, citation=s["publisher_citation"])]
            if s["non_commercial"]:
                lines += ["  " + t("cite.text_nc", lang, licence=s["licence"])]
            lines += [s["bibtex"], ""]
    return "\n".join(lines) + "\n"


def page_texts(c: dict) -> dict:
    """The fixed texts of the /cite page in the citation's language."""
    lang = c.get("lang", "en")
    return {"page_title": t("cite.page_title", lang, title=c["view"]["title"]), "heading": t("cite.heading", lang),
            "bundle_line": t("cite.bundle_line", lang, version=c["bundle_version"], accessed=c["accessed_text"]),
            "permalink": t("cite.permalink", lang), "non_commercial": t("cite.non_commercial", lang),
            "sources": t("cite.sources", lang), "licence": t("cite.licence", lang), "nc_only": t("cite.nc_only", lang),
            "editions": {s["id"]: t("cite.edition", lang, edition=s["edition"]) for s in c["sources"]},
            "publisher_citations": {s["id"]: t("cite.publisher_citation", lang, citation=s["publisher_citation"])
                                    for s in c["sources"] if s["publisher_citation"]},
            "processing": t("cite.processing", lang), "caveats": t("cite.caveats", lang), "embed": t("cite.embed", lang),
            # the sources' processing steps and caveats in the page's language (the data domain): [(text, lang
            # attribute)], the attribute 'en' on a step that has no translation yet; the citation itself (JSON,
            # text, BibTeX) keeps the manifest's English
            "steps": {s["id"]: {field: [data_i18n.shown(x, lang) for x in s[field]]
                                for field in ("processing", "caveats")} for s in c["sources"]},
            "embed_help": t("cite.embed_help", lang, version=c["bundle_version"]),
            "open_embed": t("cite.open_embed", lang), "static_image": t("cite.static_image", lang),
            "download": t("cite.download", lang)}


def _q(text) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def citation_cff(view_id: str, state: dict, meta: dict) -> str:
    """CITATION.cff (CFF 1.2.0) for a data extract; the sources are listed as references."""
    built = (meta.get("bundle_built_at") or meta["downloaded_at"])[:10]
    lines = [
        "cff-version: 1.2.0",
        "message: " + _q("If you use these data, please cite this extract and the original sources listed under "
                         "references."),
        "type: dataset",
        "title: " + _q(f"{meta['title']} (data extract, {PROJECT})"),
        "abstract: " + _q(meta["summary"]),
        "authors:",
        "  - name: " + _q(PROJECT),
        "version: " + _q(meta["bundle_version"]),
        "date-released: " + _q(built),
        "url: " + _q(meta["permalink"]),
        "keywords:",
        "  - migration",
        "  - " + _q(view_id),
    ]
    if meta.get("sources"):
        lines.append("references:")
        for s in meta["sources"]:
            src = store.source_meta(s["id"])
            lines += [
                "  - type: dataset",
                "    title: " + _q(s["title"] or s["id"]),
                "    authors:",
                "      - name: " + _q(s["publisher"] or s["id"]),
                "    version: " + _q(s["edition"] or ""),
                "    notes: " + _q(f"Licence: {s['licence']}" + (" (non-commercial use only)" if s["non_commercial"]
                                                                  else "")
                                   + (f". Suggested citation: {s['citation']}" if s.get("citation") else "")),
            ]
            year = source_year(src)
            if year != "n.d.":
                lines.append(f"    year: {int(year)}")
            if s.get("url"):
                lines.append("    url: " + _q(s["url"]))
    return "\n".join(lines) + "\n"
