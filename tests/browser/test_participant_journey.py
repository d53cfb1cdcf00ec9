"""A participant in Chromium: landing page, every question kind, resume elsewhere, restart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS
from .pages import (
    accept_link_code,
    full_screenshot,
    move_down,
    open_worksheet,
    pick_radio,
    pick_scale,
    question,
    ranking_order,
    resume_code,
    tick,
    type_open,
    wait_saved,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"
OPEN_TEXT = (
    "Mijn zus, en Ellen van de pleegouder-appgroep <b>niet vet</b> & 'aanhalingstekens' "
    '<img src=x onerror="window.__pz_pwned=1"> $x^2$'
)
RANKING_AFTER_MOVE = [
    "Praktische tips",
    "Herkenning: zij snappen het zonder uitleg",
    "Even stoom afblazen",
    "Oppas of praktische hulp",
    "Informatie over regels en rechten",
]


def answer_every_kind(page: Page) -> None:
    page.locator(".pz-role select").select_option(label="Pleegouder")
    type_open(page, "steun-wie", OPEN_TEXT)
    pick_radio(page, "steun-genoeg", "Helemaal mee eens")
    pick_scale(page, "steun-cijfer", 7)
    pick_radio(page, "contact-vaak", "Maandelijks")
    tick(page, "contact-vorm", "Een praatgroep")
    tick(page, "contact-vorm", "Online")
    move_down(page, "contact-waarde", 0)
    for qid in (
        "steun-wie",
        "steun-genoeg",
        "steun-cijfer",
        "contact-vaak",
        "contact-vorm",
        "contact-waarde",
    ):
        wait_saved(page, qid)


def assert_answers_shown(page: Page) -> None:
    expect(question(page, "steun-wie").locator("textarea")).to_have_value(OPEN_TEXT)
    expect(question(page, "steun-genoeg").locator("input:checked")).to_have_count(1)
    assert (
        question(page, "steun-genoeg")
        .locator("label", has_text="Helemaal mee eens")
        .locator("input")
        .is_checked()
    )
    assert (
        question(page, "contact-vaak")
        .locator("label", has_text="Maandelijks")
        .locator("input")
        .is_checked()
    )
    expect(question(page, "steun-cijfer").locator("button.mod-active")).to_have_text("7")
    checked = question(page, "contact-vorm").locator(
        ".widget-checkbox", has=page.locator("input:checked")
    )
    expect(checked).to_have_count(2)
    assert ranking_order(page, "contact-waarde") == RANKING_AFTER_MOVE
    expect(page.locator(".pz-role select")).to_have_value(re.compile(".+"))
    expect(page.locator(".pz-progress-text")).to_have_text("6 van 11 beantwoord")
    for qid in (
        "steun-wie",
        "steun-genoeg",
        "steun-cijfer",
        "contact-vaak",
        "contact-vorm",
        "contact-waarde",
    ):
        wait_saved(page, qid)


def test_landing_page_lists_worksheets_by_network(server, chromium) -> None:
    page = chromium.new_page()
    page.goto(server.url)
    expect(page).to_have_title("Pleegzorg werkboeken")
    for name in (
        "Leernetwerk breakdown",
        "Leernetwerk netwerkpleegzorg",
        "Leernetwerk gedeeld opvoederschap",
        "Leernetwerk kennis en ontwikkeling voor pleegouders",
    ):
        expect(page.locator("h2", has_text=name)).to_be_visible()
    links = page.locator("a.pz-card-link")
    assert links.count() >= 4
    for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        # a worksheet, or a network's home
        assert re.fullmatch(
            r"/voila/(render/[a-z0-9-]+/[a-z0-9-]+\.ipynb|netwerk/[a-z0-9-]+)", href
        )
    expect(page.locator(".pz-card", has_text="Steun van andere pleegouders")).to_contain_text(
        "20 minuten"
    )
    page.locator("a.pz-card-link", has_text="Steun van andere pleegouders").click()
    page.wait_for_selector(".pz-q-steun-wie textarea", timeout=90_000)
    expect(page.locator(".pz-network")).to_have_text("Leernetwerk breakdown")
    page.close()


def test_answers_come_back_in_another_browser_and_after_a_restart(server, chromium) -> None:
    first = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = first.new_page()
    ready = open_worksheet(page, server.url + WORKSHEET)
    print(f"worksheet usable after {ready:.2f} s")
    code = resume_code(page)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    expect(page.locator(".pz-progress-text")).to_have_text("0 van 11 beantwoord")
    answer_every_kind(page)
    expect(page.locator(".pz-progress-text")).to_have_text("6 van 11 beantwoord")
    expect(question(page, "steun-wie").locator(".pz-status")).to_contain_text("opgeslagen")
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, str(ARTIFACTS / "worksheet-desktop.png"))
    first.close()  # the browser is closed

    store = open_store(f"sqlite:///{server.db_path}")
    person = store.participant_by_code(code)
    assert person is not None and person.role_id == "pleegouder"
    assert store.answers_for(person.id, "informele-steun") == {
        "steun-wie": OPEN_TEXT,
        "steun-genoeg": "Helemaal mee eens",
        "steun-cijfer": 7,
        "contact-vaak": "Maandelijks",
        "contact-vorm": [
            "Een praatgroep of lotgenotengroep",
            "Online (appgroep, forum, sociale media)",
        ],
        "contact-waarde": RANKING_AFTER_MOVE,
    }
    store.close()

    other = chromium.new_context()  # another browser: no cookies, no storage
    page = other.new_page()
    open_worksheet(page, server.url + WORKSHEET + f"?code={code}")
    accept_link_code(page, code)
    assert resume_code(page) == code
    expect(page.locator(".pz-message")).to_contain_text("Welkom terug")
    assert_answers_shown(page)
    other.close()

    server.restart()
    again = chromium.new_context()
    page = again.new_page()
    open_worksheet(page, server.url + WORKSHEET)
    page.locator(".pz-resume-input input").fill(code.lower())
    # The page hands the code it now shows to the server, which keeps it in a cookie.
    with page.expect_response(lambda r: r.url.endswith("/pleegzorg/device")) as told:
        page.locator(".pz-resume-button").click()
    assert told.value.status == 200
    expect(page.locator(".pz-message")).to_contain_text("Welkom terug", timeout=15_000)
    assert resume_code(page) == code
    assert_answers_shown(page)
    assert "code=" not in page.url  # never in the address; a reload keeps the same answers
    page.reload()
    page.wait_for_selector(".pz-q-steun-wie textarea", timeout=90_000)
    assert_answers_shown(page)
    again.close()


def test_unknown_code_gets_a_dutch_message_not_a_traceback(server, chromium) -> None:
    page = chromium.new_page()
    open_worksheet(page, server.url + WORKSHEET + "?code=ABCD-EFGH-JKMN")
    accept_link_code(page)
    expect(page.locator(".pz-message")).to_contain_text("Deze hervatcode kennen we niet")
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error" not in body
    assert resume_code(page) != "ABCD-EFGH-JKMN"
    page.close()


def test_phone_journey_has_no_horizontal_scrolling(server, chromium) -> None:
    phone = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    store = open_store(f"sqlite:///{server.db_path}")
    session, _key = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="Utrecht"
    )
    store.close()
    open_worksheet(page, server.url + WORKSHEET + f"?sessie={session.code.lower()}")
    expect(page.locator(".pz-message")).to_contain_text("Utrecht")
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    controls = page.locator(
        ".pz-question textarea, .pz-question input, .pz-question button, .pz-role select, "
        ".pz-name input, .pz-resume-input input, .pz-resume-button"
    )
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, index
    answer_every_kind(page)
    expect(page.locator(".pz-progress-text")).to_have_text("6 van 11 beantwoord")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, str(ARTIFACTS / "worksheet-phone.png"))
    code = resume_code(page)
    phone.close()

    store = open_store(f"sqlite:///{server.db_path}")
    person = store.participant_by_code(code)
    assert store.latest_session(person.id, "informele-steun") == session.code
    answers = store.answers_for(person.id, "informele-steun", session_code=session.code)
    assert answers["steun-cijfer"] == 7
    store.close()


def test_pages_load_nothing_from_outside_the_server(server, chromium) -> None:
    context = chromium.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(server.url)
    open_worksheet(page, server.url + WORKSHEET)
    page.wait_for_timeout(1000)
    context.close()
    outside = [
        url
        for url in requested
        if not url.startswith((server.url, "data:", "blob:", "ws://127.0.0.1"))
    ]
    assert requested and outside == []
