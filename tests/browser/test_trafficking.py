"""/trafficking in headless Chromium: '<5' shown as text, CTDC statement and k-anonymity, TIP dated to 2015;
a country filter and a year change update charts and URL; offline, clean console; screenshots."""
from __future__ import annotations

import pytest
import requests

from tests.browser.conftest import resize
from tests.browser.test_displacement import FIRST_WAIT, WAIT, _clean, _trace, _wait_graph

pytestmark = pytest.mark.browser


def test_trafficking_country_and_year_filters(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/trafficking")
    _wait_graph(page, "traf-series", "Bosnia and Herzegovina", timeout=FIRST_WAIT)
    text = page.inner_text("main")
    assert "not prevalence" in text or "not how much trafficking there is" in text
    assert "128 rows flagged as source artefacts" in text
    assert "synthetic records" in text and "not counts of victims" in text
    assert "data end in 2015" in page.inner_text("[id*='\"key\":\"traf-tip\"'][id*='chart-title']")

    # detected victims equal the API (BIH 2022)
    series = _trace(page, "traf-series", "Detected victims")
    api = requests.get(f"{live_server}/api/v1/indicators/trafficking_victims_detected.json?countries=BIH&years=2022",
                       timeout=30).json()
    assert dict(zip(series["x"], series["y"]))[2022] == api["data"][0]["value"]
    probe.screenshot("trafficking_bih_1366")

    # country filter -> Albania; year change -> 2017 (forced labour '<5' shown as text, never a bar)
    page.click("#trafficking-country")
    page.fill(".dash-dropdown-content .dash-dropdown-search", "Albania")  # long lists are virtualised: search
    page.click("label.dash-dropdown-option:has(input[value='ALB'])")
    page.wait_for_function("() => location.search.includes('country=ALB')", timeout=WAIT)
    _wait_graph(page, "traf-series", "Albania")
    page.click("#trafficking-year")
    page.click("label.dash-dropdown-option:has(input[value='2017'])")
    page.wait_for_function("() => location.search.includes('year=2017')", timeout=WAIT)
    _wait_graph(page, "traf-forms", "2017")
    forms = page.evaluate(
        "() => { const gd = document.querySelector(`[id*='\"key\":\"traf-forms\"'] .js-plotly-plot`);"
        " const t = gd._fullData[0]; return {y: Array.from(t.y), x: Array.from(t.x), text: Array.from(t.text)}; }")
    fl = forms["y"].index("Forced labour")
    assert forms["text"][fl] == "<5" and forms["x"][fl] is None
    table = page.text_content("[id*='\"key\":\"traf-forms\"'][id*='chart-table']")  # inside a closed <details>
    assert "<5" in table and "fewer than 5, suppressed by the publisher" in table  # the flag in words

    # CTDC view change: no shown count below 11
    page.click("#trafficking-ctdc-by")
    page.click("label.dash-dropdown-option:has(input[value='victim_gender'])")
    page.wait_for_function("() => location.search.includes('ctdc_by=victim_gender')", timeout=WAIT)
    _wait_graph(page, "traf-ctdc", "gender")
    probe.screenshot("trafficking_alb_2017_1366")

    resize(page, 390, 844)
    probe.screenshot("trafficking_alb_2017_390")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 392, f"page scrolls sideways at 390 px ({width})"
    _clean(probe)


@pytest.mark.parametrize("lang,width", [("en", 1920), ("bs", 390)])
def test_who_are_the_victims_for_a_group_in_the_page_language(live_server, probe, lang, width):
    """The Western Balkans: girls, women, boys and men stacked per year (the numbers equal the API's cells for
    the pooled members), coverage in the hover, the caveat on the card, in the page's language."""
    page = probe.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/trafficking?who=WB6&lang={lang}")
    heading = {"en": "Detected victims of trafficking by sex and age", "bs": "Otkrivene žrtve trgovine ljudima"}[lang]
    _wait_graph(page, "traf-who", heading, timeout=FIRST_WAIT)
    girls = {"en": "Girls", "bs": "Djevojčice"}[lang]
    trace = _trace(page, "traf-who", girls)
    y22 = dict(zip(trace["x"], trace["y"]))[2022]
    cells = {}
    for part in ("girls", "boys", "women", "men"):
        url = f"{live_server}/api/v1/indicators/trafficking_victims_{part}.json?countries=WB6&years=2022"
        for r in requests.get(url, timeout=30).json()["data"]:
            cells.setdefault(r["iso3"], {})[part] = r["value"]
    pooled = [c for c, v in cells.items() if len(v) == 4 and None not in v.values()]  # all four published
    assert pooled and y22 == sum(cells[c]["girls"] for c in pooled)
    card = page.inner_text("[id*='\"key\":\"traf-who\"'][id*='chart-subtitle']")
    caveat = {"en": "not how widespread trafficking is", "bs": "a ne rasprostranjenost trgovine ljudima"}[lang]
    assert caveat in card
    page.wait_for_function("() => location.search.includes('who=WB6')", timeout=WAIT)
    assert lang == "en" or f"lang={lang}" in page.evaluate("() => location.search")
    page.locator("#traf-who-heading").scroll_into_view_if_needed()
    probe.screenshot(f"trafficking_who_wb6_{lang}_{width}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 2
    _clean(probe)
