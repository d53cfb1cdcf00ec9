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

from .conftest import ARTIFACTS, free_port
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


@pytest.fixture
def cluster(
    fresh_database, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[RunningCluster]:
    url = fresh_database("pz_cluster")
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
