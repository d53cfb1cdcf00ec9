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
