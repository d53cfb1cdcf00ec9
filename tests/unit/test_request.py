"""A preheated kernel learns its request over Voilà's query socket without importing Voilà."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
from websockets.sync.server import serve

from pleegzorg_lib.pages import _voila_request as request


@pytest.fixture
def query_socket(monkeypatch):
    """A stand-in for Voilà's ``/voila/query/<kernel id>`` handler on a free port."""
    seen: list[str] = []

    def handler(connection) -> None:
        seen.append(connection.request.path)
        connection.send(json.dumps({"QUERY_STRING": "code=ABCD-EFGH-JKLM&taal=en"}))

    with serve(handler, "127.0.0.1", 0) as server:
        port = server.socket.getsockname()[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_APP_PORT", str(port))
        monkeypatch.setenv("VOILA_SERVER_URL", "/base/")
        monkeypatch.setenv("VOILA_KERNEL_ID", "k-123")
        monkeypatch.delenv("QUERY_STRING", raising=False)
        yield seen
        server.shutdown()


def test_preheated_kernel_waits_for_its_request(query_socket) -> None:
    assert request.query_string() == "code=ABCD-EFGH-JKLM&taal=en"
    assert query_socket == ["/base/voila/query/k-123"]  # the path Voilà 0.5 serves


def test_outside_voila_there_is_no_query(monkeypatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert request.query_string() is None
    monkeypatch.setenv("QUERY_STRING", "sessie=AB12")  # Voilà without preheating sets it
    assert request.query_string() == "sessie=AB12"


def test_server_gone_binds_without_a_query(monkeypatch) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", "1")  # nothing listens there
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert request.query_string() is None


def test_a_worksheet_kernel_does_not_import_voila(tmp_path) -> None:
    """Importing voila costs ~40 MiB and ~0.5 CPU-s per kernel (jupyter_server and more)."""
    code = (
        "import sys\n"
        "from pleegzorg_lib import worksheet\n"
        "ws = worksheet('puberteit')\n"
        "ws.open_question('x', 'Hoe gaat het?')\n"
        "ws.finish()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('voila', 'jupyter_server', 'nbconvert', 'pandas', 'matplotlib', 'networkx'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "PLEEGZORG_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}",
        },
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_a_dropped_query_socket_is_opened_again(monkeypatch) -> None:
    """The server closed the waiting kernel's socket (a restart of the handler, a proxy's idle
    timeout): the kernel connects again and still gets its request; the cell does not fail."""
    attempts: list[int] = []

    def handler(connection) -> None:
        attempts.append(1)
        if len(attempts) < 3:
            connection.close(code=1011)  # dropped twice while waiting
            return
        connection.send(json.dumps({"QUERY_STRING": "sessie=AB12"}))

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_APP_PORT", str(server.socket.getsockname()[1]))
        monkeypatch.setenv("VOILA_KERNEL_ID", "k-9")
        monkeypatch.delenv("QUERY_STRING", raising=False)
        assert request.query_string() == "sessie=AB12"
        server.shutdown()
    assert len(attempts) == 3


def test_a_busy_server_does_not_drop_the_waiting_kernel(monkeypatch) -> None:
    """No keepalive ping: a server that answers nothing for longer than a ping timeout (a
    long pause of its event loop) still hands the request over afterwards."""
    import time

    def handler(connection) -> None:
        time.sleep(3)
        connection.send(json.dumps({"QUERY_STRING": "taal=en"}))

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_APP_PORT", str(server.socket.getsockname()[1]))
        monkeypatch.setenv("VOILA_KERNEL_ID", "k-10")
        monkeypatch.delenv("QUERY_STRING", raising=False)
        from websockets.sync import client

        real = client.connect
        seen: dict = {}

        def spy(*args, **kwargs):
            seen.update(kwargs)
            return real(*args, **kwargs)

        monkeypatch.setattr(client, "connect", spy)
        assert request.query_string() == "taal=en"
        server.shutdown()
    assert seen.get("ping_interval", "default") is None
