"""A real proxy in front of several servers (issue 19): ``pleegzorg cluster`` starts two
``pleegzorg serve`` servers on one PostgreSQL and Debian's nginx with the repository's proxy
configuration (``pleegzorg_lib/server/share/nginx``, the files production uses). Through it,
with Chromium: a room spreads over both servers, every page's websocket reaches the server
that rendered it (nginx's own log says so), a participant resumes on the other server, and
the facilitator's live view sees everyone."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, create_database, drop_database, free_port
from .pages import accept_link_code, open_worksheet, question, resume_code, type_open, wait_saved

# serial: it measures time or fills the machine on purpose; make test runs it alone
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]

WORKSHEET_ID = "informele-steun"
SHARED = "ontmoeting-goed"
MAX_VISITORS = 12  # a fresh browser lands on either server: 12 on one only is 1 in 2048


class RunningCluster:
    def __init__(
        self, port: int, home: Path, process: subprocess.Popen[bytes], database_url: str
    ) -> None:
        self.port = port
        self.home = home
        self.process = process
        self.database_url = database_url

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def run_dir(self) -> Path:
        return self.home / "cluster"

    def access_log(self) -> list[str]:
        return (self.run_dir / "nginx-access.log").read_text().splitlines()


@pytest.fixture(scope="module")
def cluster(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningCluster]:
    """One cluster for the module (it takes half a minute to come up): the room test and
    the network home test use different worksheets, sessions and networks' items."""
    tmp_path = tmp_path_factory.mktemp("cluster")
    url = create_database(postgres_url, "pz_cluster")
    port = free_port()
    while any(_taken(port + i) for i in (1, 2)):  # the servers take the two ports after it
        port = free_port()
    env = dict(
        os.environ,
        PLEEGZORG_DATABASE_URL=url,
        PLEEGZORG_HOME=str(tmp_path),
        PLEEGZORG_PREHEAT_LIMIT="1",
    )
    log = (tmp_path / "cluster.out").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "pleegzorg_lib", "cluster", "--servers", "2", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    running = RunningCluster(port, tmp_path, process, url)
    try:
        deadline = time.monotonic() + 120
        while "servers achter nginx" not in (tmp_path / "cluster.out").read_text():
            assert process.poll() is None, (tmp_path / "cluster.out").read_text()
            assert time.monotonic() < deadline, "the cluster did not come up in 120 s"
            time.sleep(0.3)
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the command stops nginx and both servers
        process.wait(timeout=60)
        ARTIFACTS.mkdir(exist_ok=True)
        for name in ("server-1.log", "server-2.log", "nginx-access.log", "nginx-error.log"):
            if (running.run_dir / name).exists():
                shutil.copy(running.run_dir / name, ARTIFACTS / f"proxy-{name}")
    drop_database(postgres_url, "pz_cluster")
    leftovers = subprocess.run(["pgrep", "-f", f"nginx.*{tmp_path}"], capture_output=True)
    assert leftovers.stdout == b"", "nginx still runs after the cluster stopped"


def _taken(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
            return True
    except OSError:
        return False


def visit(chromium, url: str) -> tuple[Page, str]:
    """A new browser opens ``url`` through the proxy; the server that rendered the page."""
    page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    served = {}
    page.on(
        "response",
        lambda r: (
            served.setdefault("by", r.headers.get("x-served-by"))
            if "/voila/render/" in r.url and r.request.resource_type == "document"
            else None
        ),
    )
    open_worksheet(page, url)
    return page, served["by"]


def test_a_room_through_nginx_spreads_over_two_servers_and_stays_whole(cluster, chromium) -> None:
    store = open_store(cluster.database_url)
    links = create_session(
        store,
        network_id="breakdown",
        worksheet_id=WORKSHEET_ID,
        title="Regio Noord, via de proxy",
        base=cluster.url,
        expected=6,
    )
    store.close()
    assert links.participant_url.startswith(cluster.url)

    pages: list[tuple[Page, str, str]] = []  # page, server, resume code
    while len(pages) < 6 or len({by for _, by, _ in pages}) < 2:
        assert len(pages) < MAX_VISITORS, [by for _, by, _ in pages]
        page, by = visit(chromium, links.participant_url)
        n = len(pages) + 1
        expect(page.locator(".pz-message")).to_contain_text("Regio Noord")
        page.locator(".pz-role select").select_option(label="Pleegouder")
        type_open(page, SHARED, f"Samen koffie drinken, deelnemer {n}")
        wait_saved(page, SHARED)  # the kernel answered over the page's websocket
        pages.append((page, by, resume_code(page)))
    servers = {by for _, by, _ in pages}
    assert servers == {"server-1", "server-2"}

    # a participant of server 1 resumes in a browser that the proxy sends to server 2
    first, first_by, first_code = pages[0]
    other = next(p for p, by, _ in pages if by != first_by)
    route = next(c for c in other.context.cookies() if c["name"] == "pz_route")
    elsewhere = chromium.new_context()
    elsewhere.add_cookies([route])
    page = elsewhere.new_page()
    response = page.goto(links.participant_url + f"&code={first_code}", timeout=90_000)
    assert response is not None and response.headers.get("x-served-by") != first_by
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=90_000)
    accept_link_code(page, first_code)
    assert resume_code(page) == first_code
    expect(question(page, SHARED).locator("textarea")).to_have_value(
        "Samen koffie drinken, deelnemer 1"
    )
    elsewhere.close()

    # the facilitator, on whichever server the proxy picks, sees the whole room
    facilitator = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    facilitator.goto(links.facilitator_url, timeout=90_000)
    expect(facilitator.locator(".pz-join-code")).to_have_text(links.session.code, timeout=90_000)
    expect(facilitator.locator(".pz-live-roles")).to_contain_text(
        f"{len(pages)} deelnemers", timeout=15_000
    )
    shared = facilitator.locator(f".pz-result-{SHARED}")
    # beyond 5 the live view publishes in steps of two: the earliest answers (issue 27)
    from pleegzorg_lib.analysis._constants import published

    for n in range(1, published(len(pages)) + 1):
        expect(shared).to_contain_text(f"deelnemer {n}", timeout=15_000)
    facilitator.context.close()
    for page, _by, _code in pages:
        page.context.close()

    # nginx's log (a websocket is logged when it closes): every route key's page and
    # websocket went to one server
    time.sleep(1.0)
    lines = cluster.access_log()
    by_route: dict[str, set[str]] = {}
    for line in lines:
        match = re.search(r'"GET (/\S*)" (\d+) route=(\S+) upstream=(\S+)', line)
        if match and (
            match.group(1).startswith("/voila/render/") or match.group(1).endswith("/channels")
        ):
            by_route.setdefault(match.group(3), set()).add(match.group(4))
    channels = [ln for ln in lines if "/channels" in ln and '" 101 ' in ln]
    assert len(channels) >= len(pages)
    assert all(len(upstreams) == 1 for upstreams in by_route.values()), by_route
    assert "?code=" not in "\n".join(lines) and "code=" not in "\n".join(lines)


def test_a_network_home_through_nginx_is_one_home_on_two_servers(cluster, chromium) -> None:
    """The network home keeps nothing in a server. Through the proxy, on PostgreSQL: a
    moderator on one server switches pre-moderation on, a story written on the other server
    waits in that moderator's queue, is approved, read and answered there, and its writer
    sees "1 nieuwe reactie" on their own server."""
    from pleegzorg_lib.content.catalog import load_catalog
    from pleegzorg_lib.services import exchange

    from ..conftest import REPO

    store = open_store(cluster.database_url)
    key = exchange.new_moderator_key(store, load_catalog(REPO / "data"), "samenwerken", "Kerngroep")
    store.close()
    home = cluster.url + "voila/netwerk/samenwerken"

    def served(page: Page, url: str) -> str:
        response = page.goto(url, timeout=90_000)
        assert response is not None and response.ok, url
        return response.headers.get("x-served-by") or ""

    writer = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    writer_server = served(writer, home)
    for _ in range(MAX_VISITORS):  # a fresh browser lands on either server
        other = chromium.new_context(viewport={"width": 1280, "height": 900})
        moderator = other.new_page()
        if served(moderator, home + f"/moderatie?sleutel={key}") != writer_server:
            break
        other.close()
    else:
        raise AssertionError(f"every browser landed on {writer_server}")
    expect(moderator.locator("main")).to_contain_text("Kerngroep")
    moderator.get_by_role("button", name="Voormoderatie aanzetten").click()
    expect(moderator.locator(".pz-mod-log")).to_contain_text("voormoderatie aan")

    assert served(writer, home + "/verhalen/nieuw") == writer_server
    writer.fill("#titel", "Via de proxy geschreven")
    writer.fill("#situatie", "Een verhaal dat op de ene server binnenkwam.")
    writer.select_option("#rol", "pleegouder")
    writer.click("form.pz-form button[type=submit]")
    expect(writer.locator(".pz-alert-info").first).to_be_visible()  # waits for a moderator
    item = writer.url.split("/item/")[1].split("?")[0].split("#")[0]

    reader = other.new_page()  # the moderator's server
    served(reader, home)
    expect(reader.locator(f'.pz-post[data-post="{item}"]')).to_have_count(0)
    moderator.reload()
    card = moderator.locator(f'.pz-queue-item[data-post="{item}"]')
    expect(card).to_contain_text("Via de proxy geschreven")
    card.get_by_role("button", name="Goedkeuren").click()
    expect(moderator.locator(f'.pz-queue-item[data-post="{item}"]')).to_have_count(0)

    served(reader, home)
    reader.locator(f'.pz-post[data-post="{item}"] a').click()
    expect(reader.locator("h1")).to_have_text("Via de proxy geschreven")
    reader.fill("#tekst", "Gelezen op de andere server.")
    reader.click("text=Reageer")
    expect(reader.locator(".pz-reply")).to_contain_text("andere server")  # its writer sees it
    # pre-moderation holds replies too: the moderator approves it before the writer hears of it
    served(writer, home)
    expect(writer.locator(".pz-news")).to_contain_text("Niets nieuws")
    moderator.reload()
    reply = moderator.locator(".pz-queue-item", has_text="Gelezen op de andere server")
    reply.get_by_role("button", name="Goedkeuren").click()
    expect(moderator.locator(".pz-queue-item")).to_have_count(0)

    assert served(writer, home) == writer_server  # the route cookie keeps them on theirs
    expect(writer.locator(".pz-news")).to_contain_text("1 nieuwe reactie op wat jij schreef")
    writer.context.close()
    other.close()
