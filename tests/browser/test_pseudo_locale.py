"""Zero English UI strings (issue 15): every page, an embed and a citation page rendered in the pseudo-locale ``xx``
(dashboard/i18n.py: every catalogue text, name, data text and publisher label wrapped in ⟦ ⟧) show no word outside
the brackets: not in the page text, not in chart SVG text (titles, axes, legends, labels), not in tables, and not in
the attributes a reader meets (title, aria-label, placeholder, alt).

Not words: numbers, dates, years, codes without small letters (ISO3, 'EU27', 'IDMC', 'CSV'). Left out, by the markup
that says so: what is code or a publisher's own name (``translate="no"``, ``lang="zxx"``: the iframe snippet, API
URL and Python/R snippets, BibTeX, dataset titles and licence names as published; in the citation box, the sources'
references, which are bibliographic data), and text marked as English
(``lang="en"``: the ingest's processing notes that data.po does not translate yet, and the /data preview, which shows
the rows exactly as the API gives them). The language switch names each language in that language, on purpose.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import settle, wait_js

pytestmark = pytest.mark.browser

PAGES = ["/", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants", "/data",
         "/compare?countries=BIH,SRB", "/country/BIH", "/corridor/BIH-DEU", "/no-such-page",
         "/deck?views=map,sankey", "/embed/map", "/embed/series?countries=BIH,SRB&controls=all", "/cite/map"]

# text nodes and reader-facing attributes, with what kind of node they are in; skips what is hidden (except SVG
# text, which plotly may draw while its graph div animates in), scripts, the language switch and the subtrees
# marked as code / as published / as English
TEXTS = r"""() => {
  const out = [];
  const skip = (el) => el.closest('script, style, noscript, #lang-switch, .lang-switch, [translate="no"], [lang="zxx"], [lang="en"]');
  const walk = (n) => {
    if (n.nodeType === 3) {
      const el = n.parentElement;
      const s = n.textContent.trim();
      if (s && !skip(el)) { out.push([el.closest('svg') ? 'svg' : el.tagName.toLowerCase(), s]); }
      return;
    }
    if (n.nodeType !== 1 || skip(n)) { return; }
    // one SVG <text> is one label, drawn by plotly as one <tspan> per wrapped line: read it whole
    if (n.tagName === 'text' && n.closest('svg')) {
      const s = n.textContent.trim();
      if (s) { out.push(['svg', s]); }
      return;
    }
    if (!n.closest('svg')) {
      const st = getComputedStyle(n);
      if (st.display === 'none') { return; }
    }
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = n.getAttribute(a);
      if (v && v.trim()) { out.push(['@' + a, v.trim()]); }
    }
    if (n.tagName === 'TEXTAREA') { out.push(['textarea', n.value]); }
    for (const c of n.childNodes) { walk(c); }
  };
  walk(document.body);
  return out;
}"""
WORD = re.compile(r"[A-Za-zÀ-ž]*[a-zà-ž][A-Za-zÀ-ž]*")  # a word has a small letter
BIBTEX_LINE = re.compile(r"^\s*(@\w+\{.*|\w+ = \{.*|\}|BibTeX:?)\s*$")  # the citation box's BibTeX part is code
# a source's reference in the citation box ("Publisher. (2024). Title (edition) [Data set]. URL"): bibliographic data,
# the publisher's own names as published (the view's own reference is in the page language, so it is bracketed)
REFERENCE = re.compile(r"^\s*[^⟦\s].*\. \((\d{4}|n\.d\.)\)\. ")


def outside(text: str) -> str:
    while True:
        shorter = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        if shorter == text:
            return re.sub(r"https?://\S+|(?<!\w)/[\w\-/.?=&,%]+", " ", text)
        text = shorter


def english(texts) -> list:
    found = set()
    for where, text in texts:
        for line in text.splitlines():
            if BIBTEX_LINE.match(line) or (where == "textarea" and REFERENCE.match(line)):
                continue
            if any(len(w) > 1 for w in WORD.findall(outside(line))):
                found.add((where, line.strip()[:100]))
    return sorted(found)


def _open(page, base, path):
    page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang=xx")
    if path.startswith("/cite/"):
        page.wait_for_selector("h1")
        return
    if path.startswith("/embed/"):
        wait_js(page, "() => document.querySelector('#chart .main-svg')")
        return
    page.wait_for_selector("#page main, #page .page", timeout=45_000)
    settle(page, timeout=60_000)
    # every chart card has answered: its title is in place (the cards draw after the page's callbacks)
    wait_js(page, "() => [...document.querySelectorAll('.js-plotly-plot')].every(g => g._fullData)", timeout=60_000)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", PAGES)
def test_no_english_ui_text_in_the_pseudo_locale(live_server, probe, path):
    page = probe.page
    _open(page, live_server, path)
    texts = page.evaluate(TEXTS)
    assert len(texts) > 5, "the page did not render"
    assert any("⟦" in s for _, s in texts), "nothing went through the catalogue: was lang=xx accepted?"
    assert english(texts) == []
    assert page.evaluate("document.documentElement.lang") == "xx"
    assert probe.console_errors == [], probe.console_errors
