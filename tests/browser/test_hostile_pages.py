"""Naughty strings typed in the page come back intact; none runs in the participant's page,
the facilitator's live view or presenter mode."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.export import collect_session, report_html
from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from ..conftest import REPO
from .pages import accept_link_code, open_worksheet, question, resume_code, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WS = "informele-steun"
OPEN_QUESTIONS = ["steun-wie", "ontmoeting-goed", "ontmoeting-nodig", "stap"]
MARKER_JS = "window.__pz_pwned = 1"


def sample() -> list[str]:
    strings = json.loads((REPO / "tests/data/corpora/blns.json").read_text(encoding="utf-8"))
    usable = [
        s
        for s in strings
        if s.strip()
        and "\r" not in s
        and "\x00" not in s
        and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
    ]
    markup = [s for s in usable if "<" in s and ("script" in s.lower() or "onerror" in s.lower())]
    other = [s for s in usable if any(ord(c) > 0x2000 for c in s)]
    picked = markup[:4] + other[:3] + [f'<img src=x onerror="{MARKER_JS}">']
    return picked


def test_naughty_strings_round_trip_and_never_run(server, chromium) -> None:
    strings = sample()
    assert len(strings) == 8
    dialogs: list[str] = []
    context = chromium.new_context()
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = context.new_page()
    open_worksheet(page, server.url + f"voila/render/breakdown/{WS}.ipynb")
    code = resume_code(page)
    typed = {}
    for round_ in range(2):
        for index, qid in enumerate(OPEN_QUESTIONS):
            text = strings[round_ * 4 + index]
            type_open(page, qid, text)
            wait_saved(page, qid)
            typed[qid] = text
            expect(question(page, qid).locator("textarea")).to_have_value(text)
    context.close()

    again = chromium.new_context()
    again.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = again.new_page()
    open_worksheet(page, server.url + f"voila/render/breakdown/{WS}.ipynb?code={code}")
    accept_link_code(page, code)
    for qid, text in typed.items():
        expect(question(page, qid).locator("textarea")).to_have_value(text)
    assert page.evaluate("window.__pz_pwned") is None
    again.close()
    assert dialogs == []


def test_live_view_and_presenter_mode_show_hostile_text_as_text(server, chromium, tmp_path) -> None:
    strings = sample()
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store, network_id="breakdown", worksheet_id=WS, title="Veilig?", base=server.url
    )
    for text in strings[:4] + strings[-1:]:
        person, _ = store.create_participant(display_name=text[:60])
        store.enrol(person.id, WS, links.session.code)
        store.save_answer(person.id, WS, "ontmoeting-goed", text, session_code=links.session.code)
    store.close()
    dialogs: list[str] = []
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(links.facilitator_url, timeout=90_000)
    shared = page.locator(".pz-result-ontmoeting-goed")
    expect(shared).to_contain_text("5 antwoorden", timeout=90_000)
    for text in strings[:4] + strings[-1:]:
        expect(shared.locator(".pz-texts")).to_contain_text(" ".join(text.split())[:20])
    page.locator(".lm-TabBar-tab", has_text="Presentatie").click()
    for _ in range(7):
        page.locator("button", has_text="Volgende").click()
    expect(page.locator(".pz-present")).to_contain_text("Denk aan een ontmoeting")
    expect(page.locator(".pz-present .pz-texts li")).to_have_count(5)
    assert page.evaluate("window.__pz_pwned") is None
    assert dialogs == []
    page.close()

    # The exported report, opened in the browser, runs nothing either.
    store = open_store(f"sqlite:///{server.db_path}")
    data = collect_session(store, links.session.code)
    store.close()
    for name, content in (("verslag.html", report_html(data)),):
        target = tmp_path / name
        target.write_text(content, encoding="utf-8")
        report = chromium.new_page()
        report.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        report.goto(target.as_uri())
        expect(report.locator(".pz-texts li")).to_have_count(5)
        assert report.evaluate("window.__pz_pwned") is None
        report.close()
    assert dialogs == []
