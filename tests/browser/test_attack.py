"""Hold under attack (issue 27), on a real server: what an attacker with curl tries."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, VoilaServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIMIT = 6
LIVE = "voila/render/facilitator/live.ipynb"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=180) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def capped(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[VoilaServer]:
    srv = VoilaServer(
        tmp_path / "capped.db",
        tmp_path / "capped.log",
        env={"PLEEGZORG_MAX_KERNELS": str(LIMIT), "PLEEGZORG_PREHEAT_LIMIT": "0"},
    )
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / f"voila-{request.node.name}.log")


class KernelWatch:
    """The most kernels the server ran while it watched."""

    def __init__(self, server: VoilaServer) -> None:
        self.server, self.most, self._stop = server, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.most = max(self.most, self.server.kernel_count())
            time.sleep(0.1)

    def __enter__(self) -> KernelWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def test_a_live_view_without_a_valid_key_starts_no_kernel(capped) -> None:
    """Hole 1: twenty keyless (or wrong-key) requests for the live view used to start twenty
    kernels beyond the limit; now they get a 403 before Voilà runs anything."""
    store = open_store(f"sqlite:///{capped.db_path}")
    session, key = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="Regio Oost"
    )
    store.close()
    urls = [capped.url + LIVE] * 10 + [capped.url + LIVE + f"?sessie={session.code}&sleutel=x"] * 10
    with KernelWatch(capped) as watch, ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(fetch, urls))
        time.sleep(2)
    assert [status for status, _ in answers] == [403] * 20
    assert all("Alleen voor de gespreksbegeleider" in body for _, body in answers)
    assert watch.most == 0
    status, body = fetch(capped.url + LIVE + f"?sessie={session.code}&sleutel={key}")
    assert status == 200 and "kernelId" in body


def test_facilitator_pages_count_against_the_limit(capped) -> None:
    """Pages any facilitator may open without a key (the intervisie clock) count against the
    limit like every page: a flood of them never takes the server beyond it."""
    urls = [capped.url + "voila/render/facilitator/intervisie.ipynb"] * 20
    with KernelWatch(capped) as watch, ThreadPoolExecutor(20) as pool:
        statuses = [status for status, _ in pool.map(fetch, urls)]
        time.sleep(2)
    assert watch.most <= LIMIT, watch.most
    assert statuses.count(200) <= LIMIT and set(statuses) <= {200, 503}


def _page(server: VoilaServer, path: str) -> tuple[str, str, str]:
    """Open a page as a browser would: its kernel id, its page token, its cookies."""
    import re

    with urllib.request.urlopen(server.url + path, timeout=120) as response:
        page = response.read().decode()
        cookie = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page).group(1)
    token = re.search(r'"pageToken":\s*"([0-9a-f]+)"', page).group(1)
    return kernel_id, token, cookie


def _attach(server: VoilaServer, kernel_id: str, cookie: str, token: str | None) -> str:
    """Connect to a kernel's channels as a raw WebSocket client and ask for its info:
    'refused', or the reply's status."""
    import asyncio
    import json
    import uuid

    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def go() -> str:
        session = uuid.uuid4().hex
        url = server.url.replace("http", "ws") + f"api/kernels/{kernel_id}/channels"
        url += f"?session_id={session}" + (f"&pz_page={token}" if token is not None else "")
        try:
            conn = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookie}))
        except HTTPClientError as exc:
            return "refused" if exc.code == 403 else f"error {exc.code}"
        msg = {
            "channel": "shell",
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": "kernel_info_request",
                "session": session,
                "username": "x",
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": {},
            "content": {},
            "buffers": [],
        }
        conn.write_message(json.dumps(msg))
        while True:
            raw = await asyncio.wait_for(conn.read_message(), 20)
            if raw is None:
                return "closed"
            reply = json.loads(raw)
            if reply["header"]["msg_type"] == "kernel_info_reply":
                conn.close()
                return reply["content"]["status"]

    return _in_a_thread(go)


def _in_a_thread(coroutine_function):  # Playwright's loop may be running in this thread
    result: list = []
    worker = threading.Thread(target=lambda: result.append(asyncio_run(coroutine_function())))
    worker.start()
    worker.join()
    return result[0]


def asyncio_run(coroutine):
    import asyncio

    return asyncio.run(coroutine)


def _post(url: str, data: bytes, cookie: str, xsrf: str, method: str = "POST") -> int:
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Cookie": cookie, "X-XSRFToken": xsrf}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_kernel_belongs_to_its_page(server) -> None:
    """Hole 3: another page's kernel id used to be enough to attach to that kernel (and read
    the participant's resume code) or to shut it down. Now only the page's token opens it,
    and the log holds no whole kernel id."""
    victim_id, victim_token, _victim_cookie = _page(
        server, "voila/render/breakdown/puberteit.ipynb"
    )
    _mine, my_token, my_cookie = _page(server, "voila/render/breakdown/informele-steun.ipynb")
    xsrf = next(c.split("=", 1)[1] for c in my_cookie.split("; ") if c.startswith("_xsrf="))
    # the attacker knows the victim's kernel id, and has cookies and _xsrf of their own
    assert _attach(server, victim_id, my_cookie, None) == "refused"
    assert _attach(server, victim_id, my_cookie, "0" * 64) == "refused"
    assert _attach(server, victim_id, my_cookie, my_token) == "refused"
    shutdown = server.url + f"voila/api/shutdown/{victim_id}"
    assert _post(shutdown, f"_xsrf={xsrf}".encode(), my_cookie, xsrf) == 403
    kernel = server.url + f"api/kernels/{victim_id}"
    assert _post(kernel, b"", my_cookie, xsrf, method="DELETE") == 403
    # the victim's own page (its token) still works: the kernel is alive and answers
    assert _attach(server, victim_id, my_cookie, victim_token) == "ok"
    log = server.log_path.read_text()
    assert victim_id not in log and victim_token not in log
    assert _post(shutdown, f"_xsrf={xsrf}&pz_page={victim_token}".encode(), my_cookie, xsrf) == 204


def test_the_log_takes_no_forged_lines_and_odd_paths_are_not_errors(server) -> None:
    """Hole 7: a newline in a CSP report's blocked-uri wrote a line of the attacker's choice
    into the log; /logout and a template folder answered 500."""
    import json

    report = {
        "csp-report": {
            "blocked-uri": "https://x.example/\n[PleegzorgVoila] Kernel started: vals",
            "violated-directive": "script-src",
            "document-uri": server.url + "voila/render/breakdown/puberteit.ipynb",
        }
    }
    request = urllib.request.Request(
        server.url + "voila/pleegzorg/csp-report",
        data=json.dumps(report).encode(),
        headers={"Content-Type": "application/csp-report"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 204
    for path in ("logout", "voila/templates/pleegzorg/static/", "voila/templates/pleegzorg/"):
        assert fetch(server.url + path)[0] == 404, path
    time.sleep(0.5)
    lines = server.log_path.read_text().splitlines()
    assert not any(line.startswith("[PleegzorgVoila] Kernel started: vals") for line in lines)
    assert any("CSP blocked https://x.example/\\n[PleegzorgVoila]" in line for line in lines)
    assert not any("Traceback" in line or "Uncaught exception" in line for line in lines)


def test_a_link_does_not_plant_someone_elses_code(server, chromium) -> None:
    """Hole 2 (login CSRF): a victim who opened ``…?code=<attacker's code>`` kept that code
    for 7 days, and what they answered later — say on the youth sheet — was filed under it.
    Now the page asks; without a yes nothing of theirs goes to the attacker."""
    from playwright.sync_api import expect

    from .pages import open_worksheet, resume_code, type_open, wait_saved

    store = open_store(f"sqlite:///{server.db_path}")
    attacker, attacker_code = store.create_participant()
    context = chromium.new_context()
    page = context.new_page()
    open_worksheet(
        page, server.url + f"voila/render/breakdown/puberteit.ipynb?code={attacker_code}"
    )
    offer = page.locator(".pz-link-offer")
    expect(offer).to_contain_text(attacker_code)
    expect(offer.locator("button.pz-link-decline")).to_have_text("Nee, begin opnieuw")
    assert resume_code(page) != attacker_code
    page.locator("button.pz-link-decline").click()
    expect(offer).not_to_contain_text(attacker_code)
    # later, on the youth sheet, in the same browser
    youth = context.new_page()
    open_worksheet(youth, server.url + "voila/render/breakdown/wie-is-er-voor-mij.ipynb")
    assert resume_code(youth) != attacker_code
    type_open(youth, "een-ding", "Ik wil hier niet meer wonen")
    wait_saved(youth, "een-ding")
    assert "pz_code" not in {c["name"]: c for c in context.cookies()} or all(
        c["value"] != attacker_code for c in context.cookies() if c["name"] == "pz_code"
    )
    context.close()
    assert store.answers_for(attacker.id, "wie-is-er-voor-mij") == {}
    assert store.answers_for(attacker.id, "puberteit") == {}
    store.close()


def _fetch_as(url: str, address: str) -> tuple[int, str]:
    """A request as if from ``address`` (our proxy on this machine says so in X-Forwarded-For)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": address})
    try:
        with urllib.request.urlopen(request, timeout=180) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_a_flood_from_one_address_leaves_room_for_others(capped) -> None:
    """Hole 6 and the flood of "done when": 50 parallel page requests from one address and
    20 keyless facilitator requests leave the server under its cap, and a participant from
    another address still gets in."""
    page = capped.url + "voila/render/breakdown/informele-steun.ipynb"
    attacker = "203.0.113.7"
    urls = [(page, attacker)] * 50 + [(capped.url + LIVE, attacker)] * 20
    with KernelWatch(capped) as watch, ThreadPoolExecutor(35) as pool:
        answers = list(pool.map(lambda job: _fetch_as(*job), urls))
        status, body = _fetch_as(page, "198.51.100.2")  # someone else, meanwhile
        time.sleep(1)
    statuses = [s for s, _ in answers]
    assert watch.most <= LIMIT, watch.most
    assert statuses[:50].count(200) <= LIMIT // 2  # one address: half the kernels at most
    assert set(statuses[:50]) <= {200, 429, 503}
    assert set(statuses[50:]) <= {403, 429}
    assert any("Even wachten" in b for s, b in answers if s == 429)
    assert status == 200 and "kernelId" in body, status
    log = capped.log_path.read_text()
    assert "further pages refused for a while" in log
    assert log.count("wrong facilitator keys from one address") == 1  # once per burst
