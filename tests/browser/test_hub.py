"""JupyterHub, run for real (issue 19): the hub (from PyPI) with its configurable-http-proxy
(from npm) starts ``pleegzorg serve`` as a managed service under ``/services/pleegzorg/``.
Facilitators log in through the hub before any facilitator page shows (and may then create
sessions from anywhere); participants stay anonymous with their resume code."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, free_port
from .pages import accept_link_code, open_worksheet, resume_code, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / ".cache" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "hub-test-geheim"
PREFIX = "services/pleegzorg/"

CONFIG = """
import sys
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.JupyterHub.db_url = "sqlite:///{home}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{home}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{home}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {{"begeleider", "buitenstaander"}}
c.JupyterHub.services = [
    {{
        "name": "pleegzorg",
        "url": "http://127.0.0.1:{service_port}",
        "command": [sys.executable, "-m", "pleegzorg_lib", "serve"],
        "environment": {environment!r},
        "oauth_no_confirm": True,
        "display": True,
    }}
]
c.JupyterHub.load_roles = [
    {{
        "name": "gespreksbegeleiders",
        "users": ["begeleider"],
        "scopes": ["access:services!service=pleegzorg"],
    }}
]
"""


class Hub:
    def __init__(self, port: int, home: Path, process: subprocess.Popen[bytes]) -> None:
        self.port, self.home, self.process = port, home, process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def service(self) -> str:
        return self.url + PREFIX


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


@pytest.fixture
def hub(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Hub]:
    assert CHP.exists(), f"{CHP} is missing: `make test` installs it (npm)"
    port = free_port()
    environment = {
        "PLEEGZORG_DATABASE_URL": f"sqlite:///{tmp_path}/pleegzorg.db",
        "PLEEGZORG_PREHEAT_LIMIT": "1",
        "PATH": os.environ["PATH"],
    }
    (tmp_path / "jupyterhub_config.py").write_text(
        CONFIG.format(
            port=port,
            hub_port=free_port(),
            proxy_api_port=free_port(),
            service_port=free_port(),
            chp=str(CHP),
            home=tmp_path,
            password=PASSWORD,
            environment=environment,
        )
    )
    log = (tmp_path / "jupyterhub.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(tmp_path / "jupyterhub_config.py")],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    running = Hub(port, tmp_path, process)
    try:
        deadline = time.monotonic() + 120
        while not _answers(running.service):  # the landing page, through the hub's proxy
            assert process.poll() is None, (tmp_path / "jupyterhub.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (tmp_path / "jupyterhub.log").read_text()[-3000:]
            time.sleep(0.5)
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the hub stops its proxy and its services
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(tmp_path / "jupyterhub.log", ARTIFACTS / f"hub-{request.node.name}.log")


def log_in(page, name: str) -> None:
    expect(page.locator("input[name=username]")).to_be_visible(timeout=30_000)
    page.locator("input[name=username]").fill(name)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#login_submit, input[type=submit], button[type=submit]").first.click()


def test_facilitators_log_in_through_the_hub_participants_stay_anonymous(hub, chromium) -> None:
    # Someone without a hub login asks for the page that creates sessions: to the hub's login.
    facilitator = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    new_session = hub.service + "voila/render/facilitator/nieuwe-bijeenkomst.ipynb"
    facilitator.goto(new_session, timeout=90_000)
    assert "/hub/login" in facilitator.url
    log_in(facilitator, "begeleider")
    # after the login (OAuth, no confirmation), back on the page that was asked for
    facilitator.wait_for_url(f"**/{PREFIX}voila/render/facilitator/nieuwe-bijeenkomst.ipynb*")
    facilitator.wait_for_selector(".pz-create-session", timeout=90_000)
    facilitator.locator(".pz-new-session select").first.select_option(label="Leernetwerk breakdown")
    facilitator.locator(".pz-new-session select").nth(1).select_option(
        label="Steun van andere pleegouders"
    )
    facilitator.locator(".pz-create-session").click()
    link = facilitator.locator(".pz-participant-link")
    expect(link).to_be_visible(timeout=30_000)
    code = facilitator.locator(".pz-join-code").inner_text().strip()
    participant_url = link.get_attribute("href")
    assert participant_url
    participant_url = facilitator.evaluate("(h) => new URL(h, location.href).href", participant_url)
    assert participant_url.startswith(hub.service)

    # A participant: no hub login, no account; the worksheet and the resume code work.
    participant = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    open_worksheet(participant, participant_url)
    assert "/hub/login" not in participant.url
    resume = resume_code(participant)
    type_open(participant, "ontmoeting-goed", "Samen wandelen op zaterdag")
    wait_saved(participant, "ontmoeting-goed")
    participant.context.close()
    again = chromium.new_context().new_page()
    open_worksheet(again, participant_url + f"&code={resume}")
    accept_link_code(again, resume)
    expect(again.locator(".pz-q-ontmoeting-goed textarea")).to_have_value(
        "Samen wandelen op zaterdag"
    )
    again.context.close()

    # The facilitator's live view (logged in) shows the session.
    facilitator.locator(".pz-facilitator-link").click()
    expect(facilitator.locator(".pz-join-code")).to_have_text(code, timeout=90_000)

    # The same hub login opens a network's moderators' page (no key link needed), and the
    # log names the hub user; a key link means nothing here.
    facilitator.goto(hub.service + "voila/netwerk/breakdown/moderatie")
    expect(facilitator.locator("main")).to_contain_text("begeleider (hub)")
    facilitator.get_by_role("button", name="Voormoderatie aanzetten").click()
    expect(facilitator.locator(".pz-mod-log")).to_contain_text("begeleider (hub)")
    expect(facilitator.locator(".pz-mod-log")).to_contain_text("voormoderatie aan")
    facilitator.context.close()
    stranger = chromium.new_context().new_page()
    stranger.goto(hub.service + "voila/netwerk/breakdown/moderatie?sleutel=geraden")
    assert "/hub/login" in stranger.url  # no login: to the hub, whatever the address holds
    stranger.context.close()

    # A hub user without the facilitators' role: logged in, but no access.
    outsider = chromium.new_context().new_page()
    outsider.goto(new_session, timeout=90_000)
    log_in(outsider, "buitenstaander")
    # the hub itself refuses the service's OAuth to a user without access (403)
    expect(outsider.locator("body")).to_contain_text("403", timeout=30_000)
    expect(outsider.locator(".pz-create-session")).to_have_count(0)
    outsider.goto(hub.service + "voila/netwerk/breakdown/moderatie", timeout=90_000)
    expect(outsider.locator("body")).to_contain_text("403", timeout=30_000)
    expect(outsider.locator(".pz-mod-log")).to_have_count(0)
    outsider.context.close()
