"""The word cloud (issue 30): on the live view and the presenter view a word appears only when
five people wrote it, counted per person, and what people typed stays text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS
from .pages import open_worksheet, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHARED = "ontmoeting-goed"


def test_a_word_is_in_the_cloud_only_when_five_people_wrote_it(server, chromium) -> None:
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store, network_id="breakdown", worksheet_id="informele-steun", title="Wolk", base=server.url
    )
    store.close()
    answers = [
        "Koffie met de buurvrouw",
        "koffie, koffie en nog eens KOFFIE",
        "Samen koffie drinken",
        "Een kop koffie <b>bij</b> Jansen",
        "Een wandeling in het bos",
    ]
    pages = []
    for text in answers:
        page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
        open_worksheet(page, links.participant_url)
        type_open(page, SHARED, text)
        wait_saved(page, SHARED)
        pages.append(page)

    screen = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    screen.goto(links.facilitator_url, timeout=90_000)
    result = screen.locator(f".pz-result-{SHARED}")
    expect(result).to_contain_text("5 antwoorden", timeout=90_000)
    expect(result).to_contain_text("Een wandeling in het bos")
    assert result.locator(".pz-cloud").count() == 0  # "koffie": four people, however often

    type_open(pages[4], SHARED, "Een wandeling en koffie")  # the fifth person writes it too
    wait_saved(pages[4], SHARED)
    cloud = result.locator("svg.pz-cloud")
    expect(cloud).to_have_count(1, timeout=15_000)
    expect(cloud.locator("text")).to_have_text(["koffie"])
    assert "Jansen" not in cloud.inner_html() and "<b>" not in cloud.inner_html()
    expect(result.locator(".pz-words")).to_contain_text("koffie 5")
    expect(result.locator(".pz-texts")).to_contain_text("Een kop koffie <b>bij</b> Jansen")
    screen.get_by_role("tab", name="Presentatie").click()
    present = screen.locator(".pz-present")
    expect(present.locator(".pz-result")).to_have_count(1, timeout=15_000)
    for _ in range(20):  # step to the shared question, one render at a time
        if present.locator(f".pz-result-{SHARED}").count():
            break
        shown = present.locator(".pz-result").get_attribute("data-question")
        screen.get_by_role("button", name="Volgende →").click()
        expect(present.locator(".pz-result")).not_to_have_attribute(
            "data-question", shown or "", timeout=10_000
        )
    expect(present.locator("svg.pz-cloud text")).to_have_text(["koffie"])
    ARTIFACTS.mkdir(exist_ok=True)
    present.screenshot(path=str(ARTIFACTS / "presenter-word-cloud.png"))
    for page in pages:
        page.context.close()
    screen.context.close()
