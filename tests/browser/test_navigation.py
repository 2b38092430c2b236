"""Navigation in headless Chromium: Compare in the header, the header's country search on every page (by name in
the page language, keeping lang=), a map or ranking click in the explorer that offers the clicked country's profile,
and the explorer's links to the chosen countries' profiles and their comparison."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FIRST_WAIT, expect_url, settle

pytestmark = pytest.mark.browser
GD = "(key) => document.getElementById(JSON.stringify({key: key, type: 'chart-graph'})).querySelector('.js-plotly-plot')"


def _pick_country(page, typed: str, iso3: str) -> None:
    page.click("#site-country-search")
    page.keyboard.type(typed)
    option = page.locator(f"label.dash-dropdown-option:has(input[value='{iso3}'])")
    expect(option).to_be_visible()
    # Enter picks the highlighted option: only once every option shown matches the typed name (the options
    # arrive with the page's callbacks; the placeholder is in the page language before them, so seeing it is not
    # enough: under load Enter once picked 'Bocvana' from a list that was still being replaced)
    shown = page.locator("label.dash-dropdown-option")
    expect(shown.filter(has_not_text=typed)).to_have_count(0)
    page.keyboard.press("Enter") if shown.count() == 1 else option.first.click()


def test_header_has_compare_and_a_country_search_that_keeps_the_language(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/trafficking?lang=bs")
    settle(page, FIRST_WAIT)
    compare = page.locator("#site-nav a[href^='/compare']")
    expect(compare).to_have_text("Poređenje")
    assert compare.get_attribute("href") == "/compare?lang=bs"
    expect(page.locator("#site-country-search")).to_contain_text("Profil države")
    _pick_country(page, "Bosna", "BIH")  # the Bosnian name: 'Bosna i Hercegovina'
    expect_url(page, r"/country/BIH\?lang=bs$")
    expect(page.locator("#country-header h1")).to_contain_text("Bosna i Hercegovina")
    expect(page).to_have_title(re.compile(r"^Bosna i Hercegovina · "))  # the <title> follows a move inside the app
    # from a profile, on to another one; then the compare link of the header
    _pick_country(page, "Srbija", "SRB")
    expect_url(page, r"/country/SRB\?lang=bs$")
    expect(page.locator("#country-header h1")).to_contain_text("Srbija")
    expect(page).to_have_title(re.compile(r"^Srbija · "))
    page.locator("#site-nav a[href^='/compare']").click()
    expect_url(page, r"/compare\?lang=bs$")
    expect(page.locator("#compare-table")).to_be_visible()
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)


def test_a_click_in_the_explorer_offers_the_country_profile(live_server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/?lang=fr&countries=DEU,FRA")
    settle(page, FIRST_WAIT)
    # the chosen countries' profiles and their comparison, under the chips
    links = page.locator(".explorer-profiles a.explorer-profile-link")
    expect(links).to_have_count(2)
    assert links.first.get_attribute("href") == "/country/DEU?lang=fr"
    compare = page.locator(".explorer-profiles a.explorer-compare-link")
    assert compare.get_attribute("href") == "/compare?countries=DEU,FRA&lang=fr"
    # a click on Bosnia and Herzegovina on the map adds it and offers its profile
    page.wait_for_function(f"() => {{ const gd = ({GD})('explorer-map'); return gd && gd._fullData; }}")
    page.evaluate(f"() => ({GD})('explorer-map').emit('plotly_click', "
                  "{points: [{location: 'BIH', curveNumber: 1, pointNumber: 0}]})")
    offer = page.locator("#explorer-status a.explorer-open-profile[data-iso3='BIH']")
    expect(offer).to_contain_text("Bosnie")
    expect(page.locator(".explorer-profiles a.explorer-profile-link")).to_have_count(3)
    offer.click()
    expect_url(page, r"/country/BIH\?lang=fr$")
    expect(page.locator("#country-header h1")).to_contain_text("Bosnie-Herzégovine")
    assert probe.external == [] and probe.console_errors == [], (probe.external, probe.console_errors)
