"""Issue 17 in Chromium: a young person's worksheet on a phone shows the Kindertelefoon, a
choice like "Ik voel me niet veilig thuis" brings help beside the question, and the adults'
sheet links to the young people's own sheet without losing the participant."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS
from .pages import open_worksheet, question, resume_code, tick, wait_saved
from .test_tool_pages import PHONE, screenshots

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YOUTH = "voila/render/netwerkpleegzorg/wonen-bij-familie.ipynb"
ADULTS = "voila/render/netwerkpleegzorg/veilig-in-de-familie.ipynb"


def test_a_young_person_in_kinship_care_is_pointed_to_help(server, chromium) -> None:
    page = chromium.new_context(viewport=PHONE).new_page()
    open_worksheet(page, server.url + YOUTH)
    expect(page.locator("h1")).to_contain_text("Wonen bij familie")
    block = page.locator(".pz-signpost").last  # ws.hulpwijzer(): always there
    expect(block).to_contain_text("Kindertelefoon")
    expect(block).to_contain_text("0800-0432")
    lastig = question(page, "lastig")
    expect(lastig.locator(".pz-signpost")).to_have_count(0)
    tick(page, "lastig", "Ik weet niet hoelang ik hier blijf")
    wait_saved(page, "lastig")
    expect(lastig.locator(".pz-signpost")).to_have_count(0)  # not a distress choice
    tick(page, "lastig", "Ik voel me niet veilig thuis")
    beside = lastig.locator(".pz-signpost")
    expect(beside).to_contain_text("Kindertelefoon", timeout=15_000)
    expect(beside).to_contain_text("Veilig Thuis")
    screenshots(page, "wonen-bij-familie")
    page.context.close()


def test_the_adults_sheet_links_to_the_young_peoples_own_sheet(server, chromium) -> None:
    page = chromium.new_context(viewport=PHONE).new_page()
    open_worksheet(page, server.url + ADULTS)
    code = resume_code(page)
    page.get_by_role("link", name="Wonen bij familie").click()
    page.wait_for_url("**/wonen-bij-familie.ipynb", timeout=30_000)
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=90_000)
    assert resume_code(page) == code  # the same participant on the next sheet
    expect(page.locator("h1")).to_contain_text("Wonen bij familie")
    page.context.close()


def test_a_youth_sheet_is_honest_about_sharing_helps_at_distress_and_forgets_on_closing(
    server, chromium
) -> None:
    """Issue 29 at phone size on "Wie is er voor mij?": the shared question carries "Dit
    ziet de groep", "Niemand" and a low mark bring help beside the question (a good mark
    does not), "Dit apparaat vergeten" is at the top, and the resume code lives only as long
    as the browser unless "Onthoud mij" is ticked."""
    from .pages import pick_scale

    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    open_worksheet(page, server.url + "voila/render/breakdown/wie-is-er-voor-mij.ipynb")
    expect(question(page, "volwassenen-doen").locator(".pz-shared")).to_have_text(
        "Dit ziet de groep (zonder je naam)"
    )
    expect(page.locator(".pz-code-box")).to_contain_text("Met deze code kun je later verder")
    # "Dit apparaat vergeten" comes before the worksheet itself
    expect(page.locator(".pz-device")).to_have_class(re.compile(r"\bpz-device-top\b"))
    top = page.evaluate(
        "() => [document.querySelector('.pz-device').getBoundingClientRect().top,"
        " document.querySelector('.pz-page-header').getBoundingClientRect().top]"
    )
    assert top[0] < top[1]
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "youth-sheet-top-phone.png"))

    bij_wie = question(page, "bij-wie")
    tick(page, "bij-wie", "Een vriend of vriendin")
    wait_saved(page, "bij-wie")
    expect(bij_wie.locator(".pz-signpost")).to_have_count(0)
    tick(page, "bij-wie", "Niemand")
    expect(bij_wie.locator(".pz-signpost")).to_contain_text("Kindertelefoon", timeout=15_000)
    expect(bij_wie.locator(".pz-signpost")).to_contain_text("Je jeugdbeschermer of voogd")
    bij_wie.screenshot(path=str(ARTIFACTS / "youth-sheet-niemand-phone.png"))
    gaat_het = question(page, "gaat-het")
    pick_scale(page, "gaat-het", 8)
    wait_saved(page, "gaat-het")
    expect(gaat_het.locator(".pz-signpost")).to_have_count(0)
    pick_scale(page, "gaat-het", 2)
    expect(gaat_het.locator(".pz-signpost")).to_contain_text("Kindertelefoon", timeout=15_000)
    screenshots(page, "wie-is-er-voor-mij")

    def code_cookie():
        return next((c for c in context.cookies() if c["name"] == "pz_code"), None)

    code = resume_code(page)
    for _ in range(50):  # the page hands its code to the server (device.js)
        if code_cookie() is not None:
            break
        page.wait_for_timeout(200)
    cookie = code_cookie()
    assert cookie is not None and cookie["value"] == code
    assert cookie["expires"] == -1  # a browser-session cookie: gone when the browser closes
    page.locator(".pz-remember-me input").check()
    for _ in range(50):
        cookie = code_cookie()
        if cookie is not None and cookie["expires"] > 0:
            break
        page.wait_for_timeout(200)
    assert cookie is not None and cookie["expires"] > 0  # now kept for the configured days
    context.close()
