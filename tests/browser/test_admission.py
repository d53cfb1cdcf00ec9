"""Admission control on a real server (issue 19): a bounded flood of page requests never
makes the server run more kernels than its limit; who does not fit gets a clear Dutch page
(503, Retry-After) instead of a machine that runs out of memory; an open page keeps working
through the flood; a turned-away visitor gets in once a page closes."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, VoilaServer
from .pages import open_worksheet, question, type_open, wait_saved

# serial: it measures time or fills the machine on purpose; make test runs it alone
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]

COLD = "voila/render/samenwerken/waarom-doe-ik-wat-ik-doe.ipynb"  # no warm kernel
LIMIT = 4
FLOOD = 12


def start(tmp: Path, name: str, **env: str) -> VoilaServer:
    srv = VoilaServer(tmp / f"{name}.db", tmp / f"{name}.log", env=env)
    srv.start()
    return srv


@pytest.fixture
def crowded(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[VoilaServer]:
    srv = start(tmp_path, "crowded", PLEEGZORG_MAX_KERNELS=str(LIMIT), PLEEGZORG_PREHEAT_LIMIT="2")
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / f"voila-{request.node.name}.log")


def capacity(server: VoilaServer) -> dict[str, int]:
    with urllib.request.urlopen(server.url + "voila/pleegzorg/capacity", timeout=5) as r:
        return json.loads(r.read())


def fetch(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def test_a_flood_of_visitors_never_runs_more_kernels_than_the_limit(crowded, chromium) -> None:
    server = crowded
    page = chromium.new_context().new_page()
    open_worksheet(page, server.url + COLD)  # someone is already working
    samples: list[tuple[int, int]] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            samples.append((capacity(server)["running"], server.kernel_count()))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(FLOOD) as pool:
            results = list(pool.map(fetch, [server.url + COLD] * FLOOD))
        time.sleep(1.0)
    finally:
        done.set()
        watcher.join()
    statuses = sorted(status for status, _body, _headers in results)
    assert set(statuses) <= {200, 503}, statuses
    served = [body for status, body, _ in results if status == 200]
    busy = [(body, headers) for status, body, headers in results if status == 503]
    assert served and busy, statuses
    for body in served:  # every page let in is complete, not cut off
        assert "Waarom doe ik wat ik doe?" in body and body.rstrip().endswith("</html>")
    for body, headers in busy:
        assert "<h1>Het is even druk</h1>" in body
        assert "Probeer het over een minuut opnieuw." in body
        assert headers.get("Retry-After") == "30"
        assert 'http-equiv="refresh"' in body
    assert max(running for running, _ in samples) <= LIMIT, samples
    assert server.kernel_count() <= LIMIT
    assert capacity(server)["refused"] >= len(busy)
    # the page that was open before the flood never noticed
    type_open(page, "keuze", "Ik blijf gewoon doorwerken")
    wait_saved(page, "keuze")
    print(f"flood of {FLOOD}: {len(served)} served, {len(busy)} turned away; samples {samples}")
    page.context.close()


def test_a_turned_away_visitor_sees_why_and_gets_in_when_a_page_closes(
    tmp_path: Path, chromium
) -> None:
    server = start(tmp_path, "two", PLEEGZORG_MAX_KERNELS="2", PLEEGZORG_PREHEAT_LIMIT="0")
    try:
        first = chromium.new_context().new_page()
        open_worksheet(first, server.url + COLD)
        second = chromium.new_context().new_page()
        open_worksheet(second, server.url + COLD)
        third = chromium.new_context(viewport={"width": 375, "height": 812}).new_page()
        third.goto(server.url + COLD)
        expect(third.locator("h1")).to_have_text("Het is even druk")
        expect(third.locator("main")).to_contain_text("Probeer het over een minuut opnieuw.")
        ARTIFACTS.mkdir(exist_ok=True)
        third.screenshot(path=str(ARTIFACTS / "busy-phone.png"))
        first.close(run_before_unload=True)  # its kernel is given back
        deadline = time.monotonic() + 30
        while capacity(server)["free"] < 1 and time.monotonic() < deadline:
            time.sleep(0.3)
        third.get_by_role("link", name="Nu opnieuw proberen").click()
        third.wait_for_selector(".pz-resume-code .pz-code-value", timeout=90_000)
        expect(question(third, "keuze")).to_be_visible()
        second.context.close()
        third.context.close()
    finally:
        server.stop()
        shutil.copy(server.log_path, ARTIFACTS / "voila-admission-retry.log")
