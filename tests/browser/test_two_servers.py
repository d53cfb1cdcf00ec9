"""Two Voilà servers share one PostgreSQL store (issue 7, "beyond one machine").

A participant answers on server A; the facilitator's live view on server B shows the answer;
the participant continues on server B with the resume code from A and finds every answer.
Nothing of this may live in a kernel or a server's memory: only the store connects them.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, VoilaServer
from .pages import (
    accept_link_code,
    open_worksheet,
    pick_scale,
    question,
    resume_code,
    type_open,
    wait_saved,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET_ID = "informele-steun"
WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"
SHARED_TEXT = "Koffie bij Ans thuis, zonder agenda & zonder <b>haast</b>"
PERSONAL_TEXT = "Mijn buurvrouw en de appgroep van de pleegzorgorganisatie"
MEE_EENS = re.compile(r"^\s*Mee eens\s*$")
SEEDED = 4  # other respondents, so the shared question reaches k = 5 with ours


@pytest.fixture
def shared_database(fresh_database) -> str:
    return fresh_database("pz_two_servers")


@pytest.fixture
def two_servers(
    shared_database: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[tuple[VoilaServer, VoilaServer]]:
    folder = tmp_path_factory.mktemp("two-voila")
    open_store(shared_database).close()  # create the schema once, before both servers start
    servers = tuple(
        VoilaServer(None, folder / f"voila-{name}.log", database_url=shared_database)
        for name in ("a", "b")
    )
    try:
        for srv in servers:  # side by side: both come up in the time of one
            srv.launch()
        for srv in servers:
            srv.wait_ready()
        yield servers
    finally:
        with ThreadPoolExecutor() as pool:  # each takes ~4 s to stop its kernels: in parallel
            list(pool.map(VoilaServer.stop, servers))
        ARTIFACTS.mkdir(exist_ok=True)
        for name, srv in zip("ab", servers, strict=True):
            if srv.log_path.exists():
                shutil.copy(srv.log_path, ARTIFACTS / f"voila-{request.node.name}-{name}.log")


def test_answers_on_server_a_show_on_server_b(two_servers, shared_database, chromium) -> None:
    server_a, server_b = two_servers
    assert server_a.port != server_b.port

    store = open_store(shared_database)
    links = create_session(
        store,
        network_id="breakdown",
        worksheet_id=WORKSHEET_ID,
        title="Regio Oost, twee servers",
        base=server_a.url,
    )
    code = links.session.code
    for i in range(SEEDED):  # other participants of the session, as their kernels would write
        other, _ = store.create_participant(role_id="pleegouder")
        store.enrol(other.id, WORKSHEET_ID, code)
        store.save_answer(
            other.id, WORKSHEET_ID, "ontmoeting-goed", f"Samen wandelen {i}", session_code=code
        )
    store.close()
    assert links.participant_url.startswith(server_a.url)
    facilitator_url = links.facilitator_url.replace(
        server_a.url.rstrip("/"), server_b.url.rstrip("/"), 1
    )
    assert facilitator_url.startswith(server_b.url + "voila/render/facilitator/live.ipynb?")

    # The facilitator's page (no preheated kernel) loads on B while the participant opens A.
    facilitator = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    facilitator.goto(facilitator_url, wait_until="commit", timeout=90_000)

    on_a = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    open_worksheet(on_a, links.participant_url)
    expect(on_a.locator(".pz-message")).to_contain_text("Regio Oost")
    resume = resume_code(on_a)
    on_a.locator(".pz-role select").select_option(label="Pleegouder")
    type_open(on_a, "steun-wie", PERSONAL_TEXT)
    question(on_a, "steun-genoeg").locator("label", has_text=MEE_EENS).click()
    pick_scale(on_a, "steun-cijfer", 8)
    type_open(on_a, "ontmoeting-goed", SHARED_TEXT)
    for qid in ("steun-wie", "steun-genoeg", "steun-cijfer", "ontmoeting-goed"):
        wait_saved(on_a, qid)
    saved = time.monotonic()
    on_a.context.close()

    # Server B's live view reads the store that server A's kernel wrote to.
    expect(facilitator.locator(".pz-join-code")).to_have_text(code, timeout=90_000)
    shared = facilitator.locator(".pz-result-ontmoeting-goed")
    expect(shared).to_contain_text(SHARED_TEXT, timeout=15_000)
    print(f"answer from server A on server B's live view after {time.monotonic() - saved:.2f} s")
    expect(shared).to_contain_text("Samen wandelen 3")
    expect(facilitator.locator(".pz-live-roles")).to_contain_text(f"{SEEDED + 1} deelnemers")
    assert PERSONAL_TEXT not in facilitator.locator("body").inner_text()  # not shared
    facilitator.context.close()

    # The participant continues on server B in another browser, with the code from A.
    on_b = chromium.new_context().new_page()
    open_worksheet(on_b, server_b.url + WORKSHEET + f"?code={resume}")
    accept_link_code(on_b, resume)
    assert resume_code(on_b) == resume
    expect(on_b.locator(".pz-message")).to_contain_text("Welkom terug")
    expect(question(on_b, "steun-wie").locator("textarea")).to_have_value(PERSONAL_TEXT)
    expect(question(on_b, "ontmoeting-goed").locator("textarea")).to_have_value(SHARED_TEXT)
    expect(question(on_b, "steun-cijfer").locator("button.mod-active")).to_have_text("8")
    assert (
        question(on_b, "steun-genoeg")
        .locator("label", has_text=MEE_EENS)
        .locator("input")
        .is_checked()
    )
    expect(on_b.locator(".pz-role select option:checked")).to_have_text("Pleegouder")
    expect(on_b.locator(".pz-progress-text")).to_have_text("4 van 11 beantwoord")
    on_b.context.close()

    store = open_store(shared_database)
    person = store.participant_by_code(resume)
    assert person is not None
    assert store.latest_session(person.id, WORKSHEET_ID) == code  # still filed under the session
    store.close()


def test_a_story_posted_on_server_a_is_read_replied_and_moderated_on_server_b(
    two_servers, shared_database, chromium
) -> None:
    """The network's home keeps nothing in a server: a story written through A shows on B,
    a reply on B reaches its writer's "nieuw sinds je vorige bezoek" on A, and a moderator on
    B hides it for everyone."""
    from pleegzorg_lib.content.catalog import load_catalog
    from pleegzorg_lib.services import exchange

    from ..conftest import REPO

    server_a, server_b = two_servers
    store = open_store(shared_database)
    key = exchange.new_moderator_key(store, load_catalog(REPO / "data"), "breakdown", "Mod B")
    store.close()
    writer = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    writer.goto(server_a.url + "voila/netwerk/breakdown/verhalen/nieuw")
    writer.fill("#titel", "Twee servers, één netwerk")
    writer.fill("#situatie", "Geschreven via server A.")
    writer.select_option("#rol", "pleegouder")
    writer.click("form.pz-form button[type=submit]")
    expect(writer.locator(".pz-alert-success")).to_contain_text("Geplaatst")
    item = writer.url.split("/item/")[1].split("?")[0]

    reader = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(server_b.url + "voila/netwerk/breakdown")
    reader.locator(f'.pz-post[data-post="{item}"] a').click()
    expect(reader.locator("h1")).to_have_text("Twee servers, één netwerk")
    reader.fill("#tekst", "Gelezen en beantwoord via server B.")
    reader.click("text=Reageer")
    expect(reader.locator(".pz-reply")).to_contain_text("via server B")

    writer.goto(server_a.url + "voila/netwerk/breakdown")
    expect(writer.locator(".pz-news")).to_contain_text("1 nieuwe reactie op wat jij schreef")

    moderator = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    moderator.goto(server_b.url + f"voila/netwerk/breakdown/moderatie?sleutel={key}")
    # three readers report it through server A; the moderator on B sees it in the queue
    for n in range(3):
        page = chromium.new_context().new_page()
        page.goto(server_a.url + f"voila/netwerk/breakdown/item/{item}")
        page.locator("details.pz-report summary").first.click()
        page.fill(f"#reden-{item}", f"melding {n}")
        page.locator("details.pz-report").first.get_by_role("button").click()
    moderator.reload()
    expect(moderator.locator(f'.pz-queue-item[data-post="{item}"]')).to_contain_text("melding 2")
    reader.goto(server_b.url + "voila/netwerk/breakdown")
    expect(reader.locator(f'.pz-post[data-post="{item}"]')).to_have_count(0)
