"""Accessibility in Chromium against one real Voilà: axe-core on the landing page, every
worksheet on it and the facilitator pages (no serious or critical violations, every control
named by a label), and a worksheet answered from the first question to the last with the
keyboard alone, with a focus ring that shows where the keyboard is."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pleegzorg_lib import config
from pleegzorg_lib.content import notebook_paths
from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, VoilaServer
from .pages import (
    PAGE_TIMEOUT_MS,
    full_screenshot,
    open_worksheet,
    question,
    ranking_order,
    resume_code,
    wait_saved,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 900}
BLOCKING = {"serious", "critical"}

#: Violations in markup we cannot change from our template or widgets, as (rule id, CSS
#: selector of the node as axe reports it), each with the reason. Empty: none so far.
NOT_OURS: dict[tuple[str, str], str] = {}

#: Pages loading at once in the sweep. Measured on 2 cores (27 pages): one at a time 76-82 s,
#: two 46-50 s; with three a kernel once failed to start (jupyter_client: "Address already
#: in use", five restarts on the same port) and its page never came.
AT_ONCE = 2

#: What shows that a facilitator page has drawn its widgets (worksheets: their questions).
FACILITATOR_READY = {
    "facilitator/nieuwe-bijeenkomst.ipynb": ".pz-create-session",
    "facilitator/intervisie.ipynb": ".pz-timer-start",
    "facilitator/live.ipynb": ".pz-live .pz-join-code",
}

# Form controls shown on the page whose name does not come from a label: a <label> element,
# aria-labelledby pointing at text or aria-label. A placeholder (gone once you type) or a
# tooltip does not count, although axe accepts both.
UNLABELLED = """() => {
  const text = el => (el && el.textContent || '').trim();
  const named = c => {
    if ((c.getAttribute('aria-label') || '').trim()) return true;
    const by = (c.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (by.some(id => text(document.getElementById(id)))) return true;
    return [...(c.labels || [])].some(l => text(l));
  };
  return [...document.querySelectorAll('input, select, textarea')]
    .filter(c => c.type !== 'hidden' && c.getClientRects().length > 0 && !named(c))
    .map(c => {
      const q = c.closest('.pz-question, .pz-field, .widget-box');
      return c.outerHTML.slice(0, 120) + (q ? ' in .' + [...q.classList].join('.') : '');
    });
}"""

# Boxes that Chromium puts in the Tab order although they hold no control: a box that scrolls
# (overflow: auto) without anything focusable inside. ipywidgets' boxes scroll as soon as
# their children's 2px margins stick out; such a stop is empty.
EMPTY_STOPS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const s = getComputedStyle(e);
  const scrolls = (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth)
    || (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight);
  return scrolls && e.getClientRects().length > 0
    && !e.querySelector('a[href], button, input, select, textarea, summary, [tabindex]');
}).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' scrolls '
  + (e.scrollWidth - e.clientWidth) + 'x' + (e.scrollHeight - e.clientHeight) + 'px')"""

# The focused element, whether a focus ring shows on it (an outline of 2px or more that no
# box around the control cuts off) and whether it is a control (not a box that only takes
# the focus because it scrolls).
FOCUS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  let ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const grow = parseFloat(s.outlineWidth) + Math.max(0, parseFloat(s.outlineOffset) || 0) - 1;
  const r = el.getBoundingClientRect();
  const stop = el.closest('.jp-OutputArea');  // the widgets' own boxes, not the page's
  for (let p = el.parentElement; ring && p && p !== stop; p = p.parentElement) {
    const ps = getComputedStyle(p);
    if (ps.display === 'contents') continue;  // no box of its own: clips nothing
    const b = p.getBoundingClientRect();
    const left = b.left + p.clientLeft, top = b.top + p.clientTop;
    if ((ps.overflowX !== 'visible'
         && (r.left - grow < left || r.right + grow > left + p.clientWidth))
        || (ps.overflowY !== 'visible'
            && (r.top - grow < top || r.bottom + grow > top + p.clientHeight))) ring = false;
  }
  const where = el.closest('.pz-question');
  const q = where ? [...where.classList].find(c => c.startsWith('pz-q-')) : '';
  const what = el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '')
    + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30) + '"';
  return {what: what + (q ? ' in .' + q : ''), ring: ring,
          control: el.matches('a, button, input, select, textarea, summary')};
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """One server for the file. No warm kernels: the sweep opens every worksheet once, and a
    warm pool refills itself behind each page, which would take the cores from the test."""
    folder = tmp_path_factory.mktemp("voila-a11y")
    srv = VoilaServer(
        folder / "pleegzorg.db", folder / "voila.log", env={"PLEEGZORG_PREHEAT_LIMIT": "0"}
    )
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / "voila-accessibility.log")


def audit(page: Page, where: str) -> list[str]:
    """axe-core's serious and critical violations, the unlabelled controls and the empty Tab
    stops, one a line."""
    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [
            " ".join(map(str, node["target"]))
            for node in violation["nodes"]
            if (violation["id"], " ".join(map(str, node["target"]))) not in NOT_OURS
        ]
        if targets:
            found.append(
                f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}; "
                f"{len(targets)}x, e.g. {', '.join(targets[:3])}"
            )
    found += [f"{where}: no label for {c}" for c in page.evaluate(UNLABELLED)]
    found += [f"{where}: an empty Tab stop, {box}" for box in page.evaluate(EMPTY_STOPS)]
    return found


def wait_ready(page: Page, path: str) -> None:
    ready = FACILITATOR_READY.get(path.split("?")[0])
    try:
        if ready is None:
            page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_selector(".pz-question", timeout=PAGE_TIMEOUT_MS)
        else:
            page.wait_for_selector(ready, timeout=PAGE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "accessibility-not-ready.png"))
        pytest.fail(f"{path} did not show its widgets in {PAGE_TIMEOUT_MS // 1000} s")


def test_the_landing_page_every_worksheet_and_the_facilitator_pages_pass_axe(
    server, chromium
) -> None:
    context = chromium.new_context(viewport=DESKTOP)
    landing = context.new_page()
    landing.goto(server.url, timeout=PAGE_TIMEOUT_MS)
    problems = audit(landing, "/")
    hrefs = landing.locator("a.pz-card-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    landing.close()
    paths = [re.sub(r"^/voila/render/", "", h) for h in hrefs if h.startswith("/voila/render/")]
    worksheets = {p for p in paths if not p.startswith("facilitator/")}
    root = config.workbooks_dir()
    expected = {p.relative_to(root).as_posix() for p in notebook_paths(root)}
    assert worksheets == expected != set(), "the landing page should list every worksheet"
    assert set(FACILITATOR_READY) - set(paths) == {"facilitator/live.ipynb"}

    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store, network_id="breakdown", worksheet_id="informele-steun", title="Toegankelijk"
    )
    # an open network poll: every worksheet of that network shows it at its foot
    from datetime import UTC, datetime, timedelta

    store.add_network_poll(
        "breakdown", "Toegankelijk?", ["Ja", "Nee"], "test", datetime.now(UTC) + timedelta(days=7)
    )
    store.close()
    live = links.facilitator_url.split("/voila/render/", 1)[1]

    todo = [*paths, live]
    loading: list[tuple[Page, str]] = []
    try:
        while todo or loading:
            while todo and len(loading) < AT_ONCE:  # the browser loads these side by side
                path = todo.pop(0)
                page = context.new_page()
                page.goto(server.url + "voila/render/" + path, wait_until="commit")
                loading.append((page, path))
            page, path = loading.pop(0)
            wait_ready(page, path)
            if path.startswith("breakdown/"):
                page.wait_for_selector(".pz-network-polls .pz-npoll-vote", timeout=15_000)
            problems += audit(page, path.split("?")[0])  # no key in the report
            page.close()
    finally:
        context.close()
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


def test_the_networks_homes_pass_axe_at_desktop_and_phone_size(server, chromium) -> None:
    """Every network's home, its lists, a story with a reply, the forms and the moderators'
    page: no serious axe violation, every control labelled, at both sizes."""
    from pleegzorg_lib.content.catalog import load_catalog
    from pleegzorg_lib.services import exchange

    store = open_store(f"sqlite:///{server.db_path}")
    catalog = load_catalog(config.data_dir())
    writer, _ = store.create_participant(role_id="pleegouder")
    story = exchange.write(
        store,
        catalog,
        participant_id=writer.id,
        role_id="pleegouder",
        network_id="breakdown",
        kind="story",
        form={"titel": "Een toegankelijk verhaal", "situatie": "Zo ging het."},
    )
    exchange.write(
        store,
        catalog,
        participant_id=writer.id,
        role_id="pleegouder",
        network_id="breakdown",
        kind="question",
        form={"titel": "Een vraag?"},
    )
    key = exchange.new_moderator_key(store, catalog, "breakdown", "Toegankelijkheid")
    store.close()
    problems: list[str] = []
    for viewport in (DESKTOP, {"width": 390, "height": 844}):
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        paths = [f"voila/netwerk/{n.id}" for n in catalog.networks] + [
            "voila/netwerk/breakdown/verhalen",
            "voila/netwerk/breakdown/vragen?volgorde=stemmen",
            "voila/netwerk/breakdown/verhalen/nieuw",
            "voila/netwerk/breakdown/vragen/nieuw",
            f"voila/netwerk/breakdown/item/{story.id}",
            f"voila/netwerk/breakdown/moderatie?sleutel={key}",
            "voila/netwerk/mijn-gegevens",
            "?voor=pleegjongere",
        ]
        for path in paths:
            page.goto(server.url + path)
            problems += audit(page, f"{viewport['width']}px {path.split('?sleutel')[0]}")
        context.close()
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"
KINDS = {"open", "likert", "single_choice", "multiple_choice", "scale_0_10", "ranking"}
TEXTS = {
    "steun-wie": "Mijn zus en de buurvrouw",
    "ontmoeting-goed": "Dat ik niets hoefde uit te leggen",
    "ontmoeting-nodig": "Een vaste avond per maand",
    "stap": "De praatgroep bellen",
}
RANKING_AFTER = [
    "Praktische tips",
    "Even stoom afblazen",
    "Herkenning: zij snappen het zonder uitleg",
    "Oppas of praktische hulp",
    "Informatie over regels en rechten",
]


class Keyboard:
    """Moves through a page with Tab and Shift+Tab only, noting every stop without a
    visible focus ring and every stop that is no control."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stops: list[str] = []
        self.no_ring: list[str] = []
        self.not_control: list[str] = []

    def _note(self) -> str:
        focus = self.page.evaluate(FOCUS)
        self.stops.append(focus["what"])
        if not focus["ring"]:
            self.no_ring.append(focus["what"])
        if not focus["control"]:
            self.not_control.append(focus["what"])
        return focus["what"]

    def tab_to(self, selector: str, limit: int = 30) -> None:
        """Press Tab until the focus is on ``selector``: it must be reachable, in order."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self._note()
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        pytest.fail(f"Tab never reached {selector}; last stops: {self.stops[-limit:]}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        if key in ("Tab", "Shift+Tab"):
            self._note()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def answer_with_the_keyboard(page: Page) -> Keyboard:
    keys = Keyboard(page)
    keys.tab_to(".pz-role select")
    keys.press("ArrowDown")  # the first role: Pleegouder
    keys.tab_to(".pz-name input")
    keys.type("Kim")
    keys.tab_to(".pz-q-steun-wie textarea")
    keys.type(TEXTS["steun-wie"])
    keys.tab_to(".pz-q-steun-genoeg input[type=radio]")  # the group: its first button
    for _ in range(4):
        keys.press("ArrowDown")  # … to the fifth: Helemaal mee eens
    keys.tab_to('.pz-q-steun-cijfer button[data-value="7"]')
    keys.press("Enter")
    keys.tab_to(".pz-q-contact-vaak input[type=radio]")
    keys.press("ArrowDown")  # Maandelijks
    keys.tab_to(".pz-q-contact-vorm input[type=checkbox]")
    keys.press("Tab")
    keys.press("Space")  # Een praatgroep of lotgenotengroep
    keys.press("Tab")
    keys.press("Space")  # Online
    keys.tab_to(".pz-q-contact-waarde .pz-rank-row button:not([disabled])")  # first item down
    keys.press("Enter")
    keys.press("Tab")  # second row: up
    keys.press("Tab")  # second row: down, to follow the item that just came there
    keys.press("Enter")
    keys.tab_to(".pz-q-ontmoeting-drempel input[type=radio]")
    keys.press("Space")  # the first: Helemaal mee oneens
    keys.tab_to(".pz-q-ontmoeting-goed textarea")
    keys.type(TEXTS["ontmoeting-goed"])
    keys.press("Shift+Tab")  # back to the group just answered, then on
    keys.tab_to(".pz-q-ontmoeting-nodig textarea")
    keys.type(TEXTS["ontmoeting-nodig"])
    keys.tab_to('.pz-q-volhouden button[data-value="4"]')
    keys.press("Shift+Tab")  # one back: 3
    keys.press("Space")
    keys.tab_to(".pz-q-stap textarea")
    keys.type(TEXTS["stap"])
    keys.press("Tab")  # leave the last field: its text is saved
    return keys


def assert_keyboard_answers(page: Page) -> None:
    for qid, text in TEXTS.items():
        expect(question(page, qid).locator("textarea")).to_have_value(text)
    for qid, label in (
        ("steun-genoeg", "Helemaal mee eens"),
        ("contact-vaak", "Maandelijks"),
        ("ontmoeting-drempel", "Helemaal mee oneens"),
    ):
        checked = question(page, qid).locator("label", has=page.locator("input:checked"))
        expect(checked).to_have_text(label)
    expect(question(page, "steun-cijfer").locator("button.mod-active")).to_have_text("7")
    expect(question(page, "volhouden").locator("button.mod-active")).to_have_text("3")
    expect(question(page, "steun-cijfer").locator('button[aria-pressed="true"]')).to_have_text("7")
    ticked = question(page, "contact-vorm").locator(
        ".widget-checkbox", has=page.locator("input:checked")
    )
    expect(ticked).to_have_text([re.compile("Een praatgroep"), re.compile("Online")])
    assert ranking_order(page, "contact-waarde") == RANKING_AFTER
    expect(page.locator(".pz-role select option:checked")).to_have_text("Pleegouder")
    expect(page.locator(".pz-name input")).to_have_value("Kim")
    expect(page.locator(".pz-progress-text")).to_have_text("11 van 11 beantwoord")


def test_a_worksheet_can_be_answered_with_the_keyboard_alone(server, chromium) -> None:
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_worksheet(page, server.url + WORKSHEET)
    kinds = page.locator(".pz-question").evaluate_all(
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('pz-kind-')))"
    )
    assert {k.removeprefix("pz-kind-") for k in kinds} >= KINDS, kinds
    qids = page.locator(".pz-question").evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('pz-q-')).slice(5))"
    )

    keys = answer_with_the_keyboard(page)
    for qid in qids:
        wait_saved(page, qid)
    assert keys.no_ring == [], f"no visible focus ring on {keys.no_ring}"
    assert keys.not_control == [], f"Tab stops on what is no control: {keys.not_control}"
    assert_keyboard_answers(page)
    problems = audit(page, "answered " + WORKSHEET)

    code = resume_code(page)
    page.goto(server.url + WORKSHEET + f"?code={code}", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(".pz-question", timeout=PAGE_TIMEOUT_MS)
    expect(page.locator(".pz-resume-code .pz-code-value")).to_have_text(code)
    for qid in qids:
        wait_saved(page, qid)
    assert_keyboard_answers(page)
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, str(ARTIFACTS / "accessibility-keyboard.png"))
    context.close()
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


def test_a_story_is_written_on_a_networks_home_with_the_keyboard_alone(server, chromium) -> None:
    """On a network's home: Tab to "Schrijf een praktijkverhaal", fill in the form, post it
    with Enter; every stop shows a focus ring and is a control."""
    page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(server.url + "voila/netwerk/vakmanschap")
    keys = Keyboard(page)
    keys.tab_to('a.pz-button[href$="verhalen/nieuw"]', limit=60)
    keys.press("Enter")
    page.wait_for_url("**/verhalen/nieuw")
    keys.tab_to("#titel", limit=10)
    keys.type("Met het toetsenbord geschreven")
    keys.tab_to("#situatie", limit=5)
    keys.type("Zonder muis, op een telefoon.")
    keys.tab_to("#rol", limit=10)
    page.keyboard.press("ArrowDown")  # the first role
    keys.tab_to("form.pz-form button[type=submit]", limit=10)
    keys.press("Enter")
    expect(page.locator("h1")).to_have_text("Met het toetsenbord geschreven")
    assert keys.no_ring == [], f"no visible focus on: {keys.no_ring}"
    assert keys.not_control == [], f"Tab stops on what is no control: {keys.not_control}"
