"""A facilitator runs a session with five participants, in Chromium against a real Voilà."""

from __future__ import annotations

import base64
import re
import time

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS
from .pages import full_screenshot, open_worksheet, pick_scale, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = '<img src=x onerror="window.__pz_pwned=1">'


def test_live_results_polls_and_report(server, chromium) -> None:
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store,
        network_id="breakdown",
        worksheet_id="informele-steun",
        title="Regio Noord",
        base=server.url,
    )
    store.close()
    code = links.session.code

    # Without the key the live view shows a message and no data.
    nosy = chromium.new_page()
    refused = nosy.goto(
        server.url + f"voila/render/facilitator/live.ipynb?sessie={code}", timeout=90_000
    )
    assert refused is not None and refused.status == 403  # no kernel is started for it
    expect(nosy.locator("body")).to_contain_text("alleen voor de gespreksbegeleider")
    assert nosy.locator(".pz-result").count() == 0
    nosy.close()

    facilitator = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    facilitator.goto(links.facilitator_url, timeout=90_000)
    expect(facilitator.locator(".pz-join-code")).to_have_text(code, timeout=90_000)

    participants = []
    for i in range(5):
        page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
        open_worksheet(page, links.participant_url)
        expect(page.locator(".pz-message")).to_contain_text("Regio Noord")
        page.locator(".pz-name input").fill(f"Geheimenaam{i}")
        pick_scale(page, "steun-cijfer", 5 + i)
        type_open(page, "ontmoeting-goed", HOSTILE if i == 0 else f"Samen koffie drinken {i}")
        wait_saved(page, "steun-cijfer")
        wait_saved(page, "ontmoeting-goed")
        participants.append(page)
    last_saved = time.monotonic()

    result = facilitator.locator(".pz-result-steun-cijfer")
    expect(result).to_contain_text("5 antwoorden", timeout=5_000)
    latency = time.monotonic() - last_saved
    print(f"answer reached the live view after {latency:.2f} s")
    expect(facilitator.locator(".pz-live-roles")).to_contain_text("5 deelnemers")
    shared = facilitator.locator(".pz-result-ontmoeting-goed")
    expect(shared).to_contain_text("Samen koffie drinken 3")
    expect(shared).to_contain_text(HOSTILE)  # shown as text, not as markup
    assert facilitator.evaluate("window.__pz_pwned") is None
    assert "Geheimenaam" not in facilitator.locator("body").inner_text()
    # the facilitator's page speaks of its session key, not of a participant's resume code
    device = facilitator.locator(".pz-device")
    expect(device).to_contain_text("sleutel van je bijeenkomst")
    assert "hervatcode" not in device.inner_text()
    # the participant link is whole: it can be pasted into a chat as it is
    link = facilitator.locator(".pz-live-header a").first.get_attribute("href") or ""
    assert link.startswith(server.url) and "?sessie=" in link, link
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(facilitator, str(ARTIFACTS / "live-view.png"))

    # A quick poll appears on every participant's page without a reload.
    facilitator.locator(".lm-TabBar-tab", has_text="Peiling").click()
    facilitator.locator(".pz-live-poll input[type=text]").fill("Hoe gaat het nu met je?")
    facilitator.locator(".pz-live-poll textarea").fill("Goed\nWisselend\nZwaar")
    launched = time.monotonic()
    facilitator.locator(".pz-poll-launch").click()
    for i, page in enumerate(participants):
        expect(page.locator(".pz-poll")).to_contain_text("Hoe gaat het nu met je?", timeout=5_000)
        if i == 0:
            print(f"poll appeared after {time.monotonic() - launched:.2f} s")
        page.locator(".pz-poll label", has_text="Goed" if i < 3 else "Zwaar").click()
        page.locator(".pz-poll-send").click()
        expect(page.locator(".pz-poll")).to_contain_text("verstuurd")
    expect(facilitator.locator(".pz-live-poll")).to_contain_text("5 antwoorden", timeout=5_000)

    # Presenter mode: one question, large type.
    facilitator.locator(".lm-TabBar-tab", has_text="Presentatie").click()
    facilitator.locator("button", has_text="Volgende").click()
    facilitator.locator("button", has_text="Volgende").click()
    expect(facilitator.locator(".pz-present")).to_contain_text("Hoe tevreden ben je")
    size = facilitator.locator(".pz-present .pz-prompt").evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert size >= 30

    # The report: aggregates, the poll, escaped text, no display names.
    facilitator.locator(".lm-TabBar-tab", has_text="Verslag").click()
    href = facilitator.locator("a.pz-download", has_text="HTML").get_attribute(
        "href", timeout=10_000
    )
    report = base64.b64decode(href.split("base64,", 1)[1]).decode("utf-8")
    assert "Regio Noord" in report and "5 antwoorden" in report
    assert "Hoe gaat het nu met je?" in report
    assert "Geheimenaam" not in report
    assert "&lt;img src=x" in report and "<img src=x" not in report
    assert re.search(r"Gemiddeld: 7,0", report)
    # the research data as Excel and SPSS, as a researcher opens them (issue 30)
    import io
    import tempfile
    from pathlib import Path

    import pyreadstat
    from openpyxl import load_workbook

    def downloaded(label: str) -> bytes:
        link = facilitator.locator("a.pz-download", has_text=label)
        return base64.b64decode((link.get_attribute("href") or "").split("base64,", 1)[1])

    book = load_workbook(io.BytesIO(downloaded("Excel")))
    cells = [c.value for row in book["informele-steun"].iter_rows() for c in row]
    assert HOSTILE in cells and "Geheimenaam0" not in cells  # the text as typed, no names
    with tempfile.TemporaryDirectory() as tmp:
        sav = Path(tmp) / "a.sav"
        sav.write_bytes(downloaded("SPSS"))
        frame, meta = pyreadstat.read_sav(str(sav))
    assert len(frame) == 5 and meta.column_names_to_labels["steun_cijfer"].startswith("Hoe")
    for page in participants:
        page.context.close()
    facilitator.context.close()


def test_a_session_created_on_the_page_opens_its_live_view(server, chromium) -> None:
    page = chromium.new_page(viewport={"width": 1100, "height": 900})
    page.goto(server.url + "voila/render/facilitator/nieuwe-bijeenkomst.ipynb", timeout=90_000)
    page.wait_for_selector(".pz-create-session", timeout=90_000)
    page.locator(".pz-new-session select").first.select_option(
        label="Leernetwerk gedeeld opvoederschap"
    )
    worksheet = page.locator(".pz-new-session select").nth(1)
    expect(worksheet.locator("option", has_text="Samen opvoeden met ouders")).to_have_count(1)
    expect(worksheet.locator("option", has_text="Puberteit")).to_have_count(0)  # other network
    page.locator(".pz-new-session input[type=text]").fill("Ouders en pleegouders, Den Bosch")
    page.locator(".pz-create-session").click()
    link = page.locator(".pz-facilitator-link")
    expect(link).to_contain_text("sleutel=", timeout=10_000)
    code = page.locator(".pz-join-code").inner_text().strip()
    expect(page.locator(".pz-participant-link")).to_have_text(
        re.compile(rf"^http://127\.0\.0\.1:\d+/voila/render/gedeeld-opvoederschap/.+sessie={code}$")
    )
    link.click()
    page.wait_for_url(re.compile("live.ipynb"), timeout=10_000)
    expect(page.locator(".pz-join-code")).to_have_text(code, timeout=90_000)
    expect(page.locator(".pz-live-header")).to_contain_text("Den Bosch")
    page.close()
