"""A real ``pleegzorg serve`` (Voilà) on a free port, and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: Worksheets that keep a warm kernel in test servers (the first ones on the landing page).
PREHEAT_LIMIT = 2


class VoilaServer:
    """``pleegzorg serve`` in a subprocess; restartable on the same port and database."""

    def __init__(
        self,
        db_path: Path | None,
        log_path: Path,
        *,
        database_url: str | None = None,
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
    ) -> None:
        """A server on ``db_path`` (SQLite), or on ``database_url`` (e.g. PostgreSQL, shared
        by several servers); ``env`` adds environment variables for the server process,
        ``args`` Voilà options (``--VoilaExecutor.timeout=5``)."""
        if database_url is None and db_path is None:
            raise ValueError("give db_path or database_url")
        self.db_path = db_path
        self.database_url = database_url or f"sqlite:///{db_path}"
        self.log_path = log_path
        self.extra_env = dict(env or {})
        self.args = list(args or [])
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the process without waiting: several servers can come up side by side."""
        env = dict(os.environ, PLEEGZORG_DATABASE_URL=self.database_url)
        # Warm kernels for the first worksheets only: each test starts its own server, and
        # heating one per worksheet (20+) would take the cores from the test itself.
        env.setdefault("PLEEGZORG_PREHEAT_LIMIT", str(PREHEAT_LIMIT))
        env.update(self.extra_env)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "pleegzorg_lib", "serve", "--port", str(self.port)),
                    *(["--", *self.args] if self.args else []),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )

    def wait_ready(self) -> None:
        """Wait until the landing page answers (60 s at most)."""
        assert self.proc is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("server did not come up in 60 s")

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def kernel_count(self) -> int:
        """Kernels this server is running: its ipykernel processes, started the usual way
        (a child running ``ipykernel_launcher``) or forked from its kernel template (a
        grandchild named ``pz-kernel``)."""
        assert self.proc is not None
        return len(kernel_pids(self.proc.pid))

    def restart(self) -> None:
        self.stop()
        self.start()


def kernel_pids(server_pid: int) -> list[int]:
    """The kernels below ``server_pid`` (see :meth:`VoilaServer.kernel_count`)."""
    parent: dict[int, int] = {}
    kernel: dict[int, bool] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        pid = int(stat.parent.name)
        parent[pid] = int(text.rsplit(")", 1)[1].split()[1])
        kernel[pid] = b"ipykernel_launcher" in cmdline or name == "pz-kernel"
    found = []
    for pid, is_kernel in kernel.items():
        ancestor, depth = parent.get(pid), 0
        while is_kernel and ancestor and ancestor != server_pid and depth < 3:
            ancestor, depth = parent.get(ancestor), depth + 1
        if is_kernel and ancestor == server_pid:
            found.append(pid)
    return found


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[VoilaServer]:
    folder = tmp_path_factory.mktemp("voila")
    srv = VoilaServer(folder / "pleegzorg.db", folder / "voila.log")
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / f"voila-{request.node.name}.log")


def create_database(postgres_url: str, name: str) -> str:
    """A new, empty database ``name`` on the session's PostgreSQL server; its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    admin = f"host={url.host} port={url.port} user={url.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(postgres_url: str, name: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    admin = f"host={url.host} port={url.port} user={url.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def fresh_database(postgres_url: str) -> Iterator[Callable[[str], str]]:
    """``fresh_database(name)``: a new, empty database on the session's PostgreSQL server
    (its URL); dropped after the test."""
    made: list[str] = []

    def make(name: str) -> str:
        made.append(name)
        return create_database(postgres_url, name)

    yield make
    for name in made:
        drop_database(postgres_url, name)
