"""``?taal=en`` in Chromium against a real Voilà: the landing page and a (preheated) worksheet
in English, prose still Dutch, answers kept across the switch back to Dutch."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.i18n import CATALOGS

from .conftest import ARTIFACTS
from .pages import PAGE_TIMEOUT_MS, open_worksheet, pick_radio, question, resume_code, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EN, NL = CATALOGS["en"], CATALOGS["nl"]


def test_english_pages_and_back_to_dutch_with_the_same_answers(server, chromium) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "?taal=en", timeout=PAGE_TIMEOUT_MS)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text(EN["site.title"])
    expect(page.locator(".pz-facilitators h2")).to_have_text(EN["landing.fac.title"])
    # A network name translated in data/; the worksheets keep the language.
    expect(page.locator("#breakdown h2")).to_have_text("Learning network on breakdown")
    card = page.locator('.pz-card[data-worksheet="puberteit"] a')
    assert card.get_attribute("href").endswith("?taal=en")

    card.click()
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
    expect(page.locator(".pz-identity")).to_contain_text(EN["header.role"])
    expect(page.locator(".pz-footer")).to_contain_text(EN["footer.title"])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".pz-topbar > a")).to_have_text(EN["site.title"])
    # The author's prose and prompts are content: Dutch, and marked as Dutch.
    prose = page.locator(".jp-RenderedMarkdown", has_text="In de puberteit verandert").first
    expect(prose).to_have_attribute("lang", "nl")
    expect(question(page, "ruimte-ouders").locator(".pz-prompt")).to_have_attribute("lang", "nl")
    assert NL["header.role"] not in page.locator(".pz-identity").inner_text()

    pick_radio(page, "ruimte-ouders", EN["likert.4"])  # "Agree"
    wait_saved(page, "ruimte-ouders")
    code = resume_code(page)
    assert code not in page.url  # the browser keeps it in a cookie, not in the address
    for _ in range(100):
        if any(c["value"] == code for c in page.context.cookies() if c["name"] == "pz_code"):
            break
        page.wait_for_timeout(100)
    page.screenshot(path=str(ARTIFACTS / "language-en-worksheet.png"))

    # The switch keeps the participant: the same answer, now in Dutch.
    switch = page.locator(".pz-header a.pz-lang-switch")
    expect(switch).to_have_text(EN["language.other"])
    page.wait_for_function(
        "() => { const a = document.querySelector('.pz-header a.pz-lang-switch');"
        " return a && a.href.includes('taal=nl'); }"
    )
    assert code not in switch.get_attribute("href")
    switch.click()
    open_worksheet(page, page.url)
    expect(page.locator(".pz-identity")).to_contain_text(NL["header.role"])
    assert resume_code(page) == code
    expect(question(page, "ruimte-ouders").locator("input:checked")).to_have_count(1)
    label = question(page, "ruimte-ouders").locator("label:has(input:checked)")
    expect(label).to_have_text(NL["likert.4"])  # "Mee eens": one answer, two languages
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.close()
