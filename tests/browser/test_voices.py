"""Issue 17 in Chromium: a young person's worksheet on a phone shows the Kindertelefoon, a
choice like "Ik voel me niet veilig thuis" brings help beside the question, and the adults'
sheet links to the young people's own sheet without losing the participant."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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
