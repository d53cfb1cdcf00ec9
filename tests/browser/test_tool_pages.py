"""The reflection tools in Chromium against one real Voilà: Kennisagenda (submit, vote, come
back with the resume code, the facilitator's tab), Kennisdossier search, the year plan, the
intervisie timer, and screenshots of every tool page at desktop and phone width."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from pleegzorg_lib import config
from pleegzorg_lib.content.dossier import load_dossier
from pleegzorg_lib.content.yearplan import load_plan
from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, VoilaServer
from .pages import (
    PAGE_TIMEOUT_MS,
    full_screenshot,
    open_worksheet,
    pick_radio,
    resume_code,
    wait_saved,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KENNIS = "voila/render/kennis-en-ontwikkeling/"
AGENDA = KENNIS + "kennisagenda.ipynb"
DOSSIER = KENNIS + "kennisdossier.ipynb"
WIE = KENNIS + "wie-weet-wat.ipynb"
JAARPLAN = "voila/render/breakdown/jaarplan-breakdown.ipynb"
INTERVISIE = "voila/render/facilitator/intervisie.ipynb"
HOSTILE = '<img src=x onerror="window.__pwned=1">'
QUESTION = f"Wat helpt pleegouders om contact met ouders vol te houden? {HOSTILE}"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# Visible elements whose right edge passes the viewport: on a phone that is text or a
# button cut off (the body hides horizontal overflow, so nothing scrolls to show it).
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= limit) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    let clipped = false;  // inside a box that scrolls or clips on purpose (tab bars)
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll' || o === 'hidden')
          && p.getBoundingClientRect().right <= limit) { clipped = true; break; }
    }
    if (!clipped) found.push((el.className && el.className.toString() || el.tagName)
                             + ' right=' + Math.round(r.right));
  }
  return found.slice(0, 10);
}"""

# Buttons and tabs whose words do not fit ("V…" for Vernieuwen, "Kennisagen" for a tab).
TRUNCATED = """() => [...document.querySelectorAll('button, .lm-TabBar-tabLabel')]
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim())"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """One server for the whole file: every tool page on the same database."""
    folder = tmp_path_factory.mktemp("voila-tools")
    srv = VoilaServer(folder / "pleegzorg.db", folder / "voila.log")
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / "voila-tool-pages.log")


def screenshots(page: Page, name: str) -> None:
    """``tools-<name>-desktop.png`` and ``tools-<name>-phone.png``; no button or tab has its
    words cut short, and the phone needs no horizontal scrolling nor cuts anything off."""
    ARTIFACTS.mkdir(exist_ok=True)
    start = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(300)
    truncated = page.evaluate(TRUNCATED)
    full_screenshot(page, str(ARTIFACTS / f"tools-{name}-desktop.png"))
    assert truncated == [], f"{name}: words cut short on a desktop: {truncated}"
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)
    overflowing = page.evaluate(OVERFLOWING)
    truncated = page.evaluate(TRUNCATED)
    width = page.evaluate("document.documentElement.scrollWidth")
    full_screenshot(page, str(ARTIFACTS / f"tools-{name}-phone.png"))
    if start is not None:
        page.set_viewport_size(start)
    assert width <= PHONE["width"], f"{name}: the phone page scrolls sideways ({width}px)"
    assert overflowing == [], f"{name}: cut off on a phone: {overflowing}"
    assert truncated == [], f"{name}: words cut short on a phone: {truncated}"


def agenda_row(page: Page, text: str):
    return page.locator(".pz-agenda-row", has_text=text)


def test_a_research_question_gets_a_vote_that_survives_a_reload(server, chromium) -> None:
    asker = chromium.new_context(viewport=DESKTOP).new_page()
    open_worksheet(asker, server.url + AGENDA)
    expect(asker.locator(".pz-agenda")).to_contain_text("Er staan nog geen vragen")
    asker.locator(".pz-agenda textarea").fill(QUESTION)
    asker.locator(".pz-agenda-submit").click()
    expect(asker.locator(".pz-agenda .pz-status")).to_contain_text(
        "Je vraag staat op de kennisagenda", timeout=15_000
    )
    mine = agenda_row(asker, "vol te houden")
    expect(mine).to_contain_text(HOSTILE)  # shown as the text it is
    expect(mine).to_contain_text("jouw vraag")
    expect(mine.locator(".pz-agenda-vote")).to_be_disabled()  # no vote on your own question
    expect(asker.locator(".pz-agenda textarea")).to_have_value("")

    voter = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    open_worksheet(voter, server.url + AGENDA)
    code = resume_code(voter)
    row = agenda_row(voter, "vol te houden")
    expect(row).to_contain_text("0 stemmen")
    row.locator(".pz-agenda-vote").click()  # before answering anything on the page: no vote
    expect(voter.locator(".pz-agenda")).to_contain_text("Beantwoord eerst een vraag")
    expect(row).to_contain_text("0 stemmen")
    pick_radio(voter, "vindbaar", "Mee eens")
    wait_saved(voter, "vindbaar")
    row.locator(".pz-agenda-vote").click()
    expect(row.locator(".pz-agenda-vote")).to_have_text("✓ Gestemd", timeout=15_000)
    expect(row).to_contain_text("1 stem")

    voter.goto(server.url + AGENDA + f"?code={code}", timeout=PAGE_TIMEOUT_MS)
    row = agenda_row(voter, "vol te houden")
    expect(row.locator(".pz-agenda-vote")).to_have_text("✓ Gestemd", timeout=PAGE_TIMEOUT_MS)
    expect(row).to_contain_text("1 stem")
    assert resume_code(voter) == code
    for page in (asker, voter):
        assert page.evaluate("window.__pwned") is None
        assert page.locator(".pz-agenda-items img").count() == 0
    screenshots(voter, "kennisagenda")
    asker.context.close()
    voter.context.close()

    # The facilitator of a session of this network sees the question in the live view.
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store,
        network_id="kennis-en-ontwikkeling",
        worksheet_id="kennisagenda",
        title="Kennisavond",
        base=server.url,
    )
    store.close()
    live = chromium.new_context(viewport=DESKTOP).new_page()
    live.goto(links.facilitator_url, timeout=PAGE_TIMEOUT_MS)
    expect(live.locator(".pz-join-code")).to_have_text(links.session.code, timeout=PAGE_TIMEOUT_MS)
    live.locator(".lm-TabBar-tab", has_text="Per rol").click()
    expect(live.locator(".pz-byrole")).to_contain_text("Vergelijken per rol kan pas vanaf")
    screenshots(live, "live-per-rol")
    live.locator(".lm-TabBar-tab", has_text="Kennisagenda").click()
    overview = live.locator(".pz-agenda-overview")
    expect(overview).to_contain_text(HOSTILE, timeout=15_000)
    expect(live.locator(".pz-agenda-admin .pz-download")).to_contain_text("CSV")
    assert live.evaluate("window.__pwned") is None
    screenshots(live, "live-kennisagenda")
    live.context.close()


def test_the_kennisdossier_narrows_while_typing(server, chromium) -> None:
    everything = len(load_dossier(config.data_dir()).resources)
    page = chromium.new_context(viewport=DESKTOP).new_page()
    open_worksheet(page, server.url + DOSSIER)
    results = page.locator(".pz-dossier-result")
    expect(page.locator(".pz-dossier-count")).to_contain_text(f"{everything} bronnen gevonden")
    query = page.locator(".pz-dossier-query input")
    query.fill("jeugdwet")
    expect(page.locator(".pz-dossier-count")).to_contain_text("1 bron gevonden")
    expect(results).to_have_count(1)
    expect(results.locator(".pz-dossier-title")).to_have_text("Jeugdwet")
    link = results.locator(".pz-dossier-title a")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("href", re.compile(r"^https://"))
    query.fill("xyzzyplof")
    expect(page.locator(".pz-dossier-none")).to_contain_text("Geen resultaten")
    expect(results).to_have_count(0)
    query.fill("")
    expect(results).to_have_count(everything)
    screenshots(page, "kennisdossier")
    page.context.close()


def test_the_year_plan_lists_the_meetings_and_offers_the_calendar(server, chromium) -> None:
    plan = load_plan(config.data_dir(), "breakdown")
    past = [m.id for m in plan.meetings if m.has_begun(date.today())]
    page = chromium.new_context(viewport=DESKTOP).new_page()
    open_worksheet(page, server.url + JAARPLAN)
    panel = page.locator(".pz-yearplan")
    expect(panel.locator(".pz-yearplan-title")).to_have_text(
        f"Leernetwerk breakdown: jaarplan {plan.year}"
    )
    meetings = panel.locator(".pz-meeting")
    total = len(plan.meetings)
    expect(meetings).to_have_count(total)
    expect(meetings.first).to_contain_text(f"Bijeenkomst 1 van {total}")
    expect(meetings.first).to_contain_text(plan.meetings[0].title)
    # Only a meeting that took place can be ticked; one still to come says so instead.
    future = panel.locator(".pz-meeting-future")
    expect(future).to_have_count(total - len(past))
    expect(future.locator(".pz-attended")).to_have_count(0)
    if total > len(past):
        expect(future.first).to_contain_text("Deze bijeenkomst komt nog.")
    if past:  # from February 2027 on: tick the first meeting
        first = panel.locator(f".pz-meeting-past:has([data-meeting='{past[0]}'])")
        first.locator(".pz-attended input").check()
        expect(first.locator(".pz-status")).to_contain_text("opgeslagen", timeout=15_000)
    # (Attendance is also tested with a fixed date in tests/widgets/test_dossier_yearplan.py.)
    ics = panel.locator("a.pz-ics-link")
    expect(ics).to_have_text("Zet alle bijeenkomsten in je agenda (.ics)")
    expect(ics).to_have_attribute("download", f"jaarplan-breakdown-{plan.year}.ics")
    expect(ics).to_have_attribute("href", re.compile(r"^data:text/calendar;"))
    worksheet_link = panel.locator("a.pz-meeting-worksheet[data-worksheet=kennisdossier]").first
    expect(worksheet_link).to_have_attribute(
        "href", "../kennis-en-ontwikkeling/kennisdossier.ipynb"
    )
    screenshots(page, "jaarplan")
    page.context.close()


def test_the_intervisie_timer_counts_down_and_moves_on(server, chromium) -> None:
    page = chromium.new_context(viewport=DESKTOP).new_page()
    page.goto(server.url, timeout=PAGE_TIMEOUT_MS)
    facilitators = page.locator(".pz-facilitators")
    expect(facilitators).to_contain_text("Voor gespreksbegeleiders")
    expect(facilitators.locator(".pz-card-link")).to_have_text(
        ["Nieuwe bijeenkomst", "Intervisie met de incidentmethode"]
    )
    screenshots(page, "landing")

    facilitators.locator(".pz-card-link", has_text="Intervisie").click()
    expect(page).to_have_url(server.url + INTERVISIE)
    current = page.locator(".pz-timer-current")
    expect(current).to_contain_text("Ronde 1 van", timeout=PAGE_TIMEOUT_MS)
    expect(current).to_contain_text("Keuze van het incident")
    clock = page.locator(".pz-timer-time")
    expect(clock).to_have_text("5:00")
    start = page.locator(".pz-timer-start")
    start.click()
    expect(start).to_have_text("Pauze", timeout=5_000)
    expect(clock).not_to_have_text("5:00", timeout=3_000)
    expect(clock).to_have_text(re.compile(r"^4:5\d$"))
    page.locator("button", has_text="Volgende ronde").click()
    expect(current).to_contain_text("Ronde 2 van", timeout=5_000)
    expect(current).to_contain_text("Schets van het incident")
    expect(page.locator(".pz-timer-now")).to_contain_text("Schets van het incident")
    start.click()  # pause, so the screenshots hold still
    expect(start).to_have_text("Start", timeout=5_000)
    screenshots(page, "intervisie")
    page.context.close()


def test_wie_weet_wat_suggests_after_choosing_what_you_look_for(server, chromium) -> None:
    page = chromium.new_context(viewport=DESKTOP).new_page()
    open_worksheet(page, server.url + WIE)
    panel = page.locator(".pz-wieweetwat")
    expect(panel).to_contain_text("Wie kun je benaderen?")
    expect(panel.locator(".pz-wieweetwat-results")).to_contain_text("Kies hierboven")
    zoekt = page.locator(".pz-question.pz-q-wie-weet-wat-zoekt .widget-checkbox input")
    zoekt.first.check()
    expect(panel.locator(".pz-wieweetwat-theme")).to_have_count(1, timeout=15_000)
    expect(panel).to_contain_text("Nog niemand gevonden")
    screenshots(page, "wie-weet-wat")
    page.context.close()
