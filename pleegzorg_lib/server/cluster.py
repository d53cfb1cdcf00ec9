"""``pleegzorg cluster``: several ``pleegzorg serve`` servers behind nginx on one machine.

One Voilà server uses one core for its pages' traffic (tornado runs on one thread), while
kernels spread over all cores; a machine with more cores serves more people with one server
per core. This starts N servers on the ports after ``--port`` (bound to 127.0.0.1), all on
the same store, and Debian's nginx on ``--port`` with the repository's proxy configuration
(``share/nginx/maps.conf`` and ``proxy.conf``, the same files ``site.conf.example`` uses in
production). Every server learns how many there are (``PLEEGZORG_SERVERS``), so a session's
``--expect`` is warmed once over all of them, not once per server.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..i18n import t
from .security import is_loopback_address

NGINX_SHARE = Path(__file__).parent / "share" / "nginx"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
READY_SECONDS = 90


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


def server_count_default() -> int:
    """One server per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def nginx_config(
    *, ip: str, port: int, upstream_ports: Sequence[int], run_dir: Path, share: Path = NGINX_SHARE
) -> str:
    """A complete nginx.conf for one machine: the shared maps and proxy directives, an
    upstream of the local servers, runtime files in ``run_dir``."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstream_ports)
    temp = run_dir / "tmp"
    return f"""# Written by `pleegzorg cluster`; the proxy itself is in {share}.
worker_processes auto;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "nginx-error.log"} warn;
daemon off;

events {{
    worker_connections 4096;
}}

http {{
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    types {{ }}
    default_type application/octet-stream;

    include {share / "maps.conf"};

    upstream pleegzorg {{
        hash $pz_route consistent;
{servers}
    }}

    server {{
        listen {ip}:{port};
        access_log {run_dir / "nginx-access.log"} pleegzorg;
        location / {{
            include {share / "proxy.conf"};
        }}
    }}
}}
"""


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Cluster:
    """N servers and nginx, as child processes; ``start`` waits until all answer."""

    port: int = 8866
    ip: str = "127.0.0.1"
    servers: int = 2
    run_dir: Path | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}/"

    @property
    def server_ports(self) -> list[int]:
        return [self.port + 1 + i for i in range(self.servers)]

    def start(self) -> None:
        exposed = not is_loopback_address(self.ip)
        if exposed and not config.organizer_code():
            raise RuntimeError(t("cli.serve.organizer_required", ip=self.ip))
        nginx = find_nginx()
        if nginx is None:
            raise RuntimeError(t("cli.cluster.no_nginx"))
        run_dir = self.run_dir or Path(config.default_database_path()).parent / "cluster"
        self.run_dir = run_dir
        for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (run_dir / sub).mkdir(parents=True, exist_ok=True)
        from ..store import open_store

        open_store().close()  # create and migrate the store once, before the servers race
        env = dict(
            os.environ,
            PLEEGZORG_SERVERS=str(self.servers),
            PLEEGZORG_DATABASE_URL=config.database_url(),
            **self.extra_env,
        )
        try:
            for number, server_port in enumerate(self.server_ports, start=1):
                log = (run_dir / f"server-{number}.log").open("ab")
                self.processes.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "pleegzorg_lib",
                            "serve",
                            "--port",
                            str(server_port),
                        ],
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        env={**env, "PLEEGZORG_SERVER_NAME": f"server-{number}"},
                        start_new_session=True,
                    )
                )
            conf = run_dir / "nginx.conf"
            conf.write_text(
                nginx_config(
                    ip=self.ip, port=self.port, upstream_ports=self.server_ports, run_dir=run_dir
                )
            )
            check = subprocess.run(
                [nginx, "-t", "-q", "-c", str(conf), "-p", str(run_dir)],
                capture_output=True,
                text=True,
            )
            if check.returncode != 0:
                raise RuntimeError(t("cli.cluster.nginx_failed", error=check.stderr.strip()))
            self.processes.append(
                subprocess.Popen(
                    [nginx, "-c", str(conf), "-p", str(run_dir)],
                    stdout=subprocess.DEVNULL,
                    stderr=(run_dir / "nginx-error.log").open("ab"),
                    start_new_session=True,
                )
            )
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        pending = [f"http://127.0.0.1:{p}/" for p in self.server_ports] + [self.url]
        while pending and time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(t("cli.cluster.exited", log=str(self.run_dir)))
            pending = [url for url in pending if not _ready(url)]
            if pending:
                time.sleep(0.3)
        if pending:
            raise RuntimeError(t("cli.cluster.not_ready", seconds=READY_SECONDS))

    def stop(self) -> None:
        for process in reversed(self.processes):  # nginx first, then the servers
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes.clear()

    def wait(self) -> int:
        """Run until interrupted or until a process ends; stop everything then."""
        try:
            while all(process.poll() is None for process in self.processes):
                time.sleep(1)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()
