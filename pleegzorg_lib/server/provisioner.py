"""Kernels forked from a warm template (issue 32): jupyter_client's public provisioner API.

:class:`ForkProvisioner` is registered as the ``pleegzorg-fork`` kernel provisioner
(``pyproject.toml``, entry point group ``jupyter_client.kernel_provisioners``) and chosen by
configuration (``KernelProvisionerFactory.default_provisioner_name`` in
``workbooks/voila.json``): Voilà, its pools and our admission control start kernels as
before; only the way the process comes to life changes. It asks this server's
:class:`KernelTemplate` (``kernel_template.py``, one process per server) to fork a kernel
instead of starting a fresh interpreter, and watches the kernel through a pidfd.

Whatever it cannot fork — another kernel than ``ipykernel_launcher`` of this interpreter, a
template that does not come up — starts the usual way, with a warning in the log: a page
never fails because of the template. ``PLEEGZORG_FORK_KERNELS=0`` turns forking off.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from .. import config

log = logging.getLogger(__name__)

#: How long the template may take to import what a kernel needs (~1 s measured).
TEMPLATE_START_SECONDS = 60.0
#: How long one fork may take, the template's answer included.
FORK_SECONDS = 15.0
#: A template that ended is started again at most this often.
RESTART_SECONDS = 10.0


class TemplateUnavailable(RuntimeError):
    """The kernel template could not be started or did not answer."""


class ForkedProcess:
    """A forked kernel seen through its pidfd, with the part of ``subprocess.Popen`` that
    jupyter_client uses (``poll``, ``wait``, ``send_signal``, ``kill``, ``terminate``).

    The template reaps its children, so the exit status itself is not known here: a kernel
    that ended after a signal from us reports ``-signal``, one that ended by itself ``0``."""

    stdin = None
    stdout = None
    stderr = None

    def __init__(self, pid: int, pidfd: int) -> None:
        self.pid = pid
        self._pidfd: int | None = pidfd
        self.returncode: int | None = None
        self._signalled: int | None = None
        self._lock = threading.Lock()

    def _ended(self, timeout: float) -> bool:
        with self._lock:
            fd = self._pidfd
        if fd is None:
            return True
        try:
            readable, _, _ = select.select([fd], [], [], timeout)
        except (OSError, ValueError):  # closed meanwhile by another caller
            return True
        return bool(readable)

    def _finish(self) -> int:
        with self._lock:
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
            if self.returncode is None:
                self.returncode = -self._signalled if self._signalled else 0
            return self.returncode

    def poll(self) -> int | None:
        if self.returncode is not None:
            return self.returncode
        return self._finish() if self._ended(0) else None

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is not None:
            return self.returncode
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._ended(1.0 if deadline is None else max(0.0, deadline - time.monotonic())):
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(["pz-kernel"], timeout or 0)
        return self._finish()

    def send_signal(self, signum: int) -> None:
        with self._lock:
            fd = self._pidfd
            if fd is None or self.returncode is not None:
                return
            try:
                signal.pidfd_send_signal(fd, signum)
            except ProcessLookupError:
                return
            if signum in (signal.SIGKILL, signal.SIGTERM):
                self._signalled = signum

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class KernelTemplate:
    """This server's template process: started once, restarted when it died."""

    def __init__(self, executable: str = sys.executable) -> None:
        self.executable = executable
        self._dir = Path(tempfile.mkdtemp(prefix="pz-kernel-template-"))
        self.socket_path = str(self._dir / "template.sock")
        self.process: subprocess.Popen[bytes] | None = None
        self.started = 0  # how many times it was started (a restart is logged)
        self._started_at = float("-inf")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start the template (from the server's main thread: its death signal follows the
        thread that started it) and return at once; :meth:`ready` waits for it. A template
        that ended is started again, at most once per ``RESTART_SECONDS`` (one that cannot
        start does not cost every page a new interpreter)."""
        if self.alive():
            return
        now = time.monotonic()
        if self.process is not None:
            if now - self._started_at < RESTART_SECONDS:
                return
            log.warning(
                "kernel template ended (exit %s): starting a new one", self.process.returncode
            )
        self._started_at = now
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket_path)
        self.process = subprocess.Popen(
            [self.executable, "-m", "pleegzorg_lib.server.kernel_template", self.socket_path],
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C or killpg of the server is not the template's
        )
        self.started += 1

    def is_ready(self) -> bool:
        """Started and listening (its imports done)."""
        return self.alive() and os.path.exists(self.socket_path)

    async def ready(self, timeout: float = TEMPLATE_START_SECONDS) -> None:
        self.start()
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket_path):
            if not self.alive():
                raise TemplateUnavailable("the kernel template exited while starting")
            if time.monotonic() > deadline:
                raise TemplateUnavailable(f"the kernel template did not start in {timeout} s")
            await asyncio.sleep(0.05)

    async def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedProcess:
        await self.ready()
        request = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n"
        pid, pidfd = await asyncio.to_thread(self._ask, request)
        return ForkedProcess(pid, pidfd)

    def _ask(self, request: bytes) -> tuple[int, int]:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(FORK_SECONDS)
            try:
                conn.connect(self.socket_path)
                conn.sendall(request)
                data, fds, _flags, _addr = socket.recv_fds(conn, 4096, 1)
            except OSError as exc:
                raise TemplateUnavailable(f"the kernel template did not answer: {exc}") from exc
        try:
            answer = json.loads(data)
            pid = int(answer["pid"])
        except (ValueError, KeyError, TypeError) as exc:
            for fd in fds:
                os.close(fd)
            raise TemplateUnavailable(f"the kernel template answered {data[:200]!r}") from exc
        if len(fds) != 1:
            raise TemplateUnavailable("the kernel template sent no pidfd")
        return pid, fds[0]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        try:
            os.unlink(self.socket_path)
            self._dir.rmdir()
        except OSError:
            pass


_template: KernelTemplate | None = None
_template_lock = threading.Lock()


def template() -> KernelTemplate:
    """This server's template (made on first use; started by :func:`start_template`)."""
    global _template
    with _template_lock:
        if _template is None:
            _template = KernelTemplate()
            import atexit

            atexit.register(_template.stop)
        return _template


def template_pid() -> int | None:
    """The running template's process (counted once by the kernel limit), if any."""
    current = _template
    if current is None or not current.alive() or current.process is None:
        return None
    return current.process.pid


def start_template() -> None:
    """Start the template when the server starts, so the first page does not wait for it."""
    if config.fork_kernels():
        template().start()


def forkable(cmd: list[str]) -> list[str] | None:
    """The ``ipykernel_launcher`` arguments of ``cmd`` when the template can run it: the
    same interpreter, ``-m ipykernel_launcher``; else ``None``."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    try:
        same = os.path.realpath(cmd[0]) == os.path.realpath(sys.executable) or (
            os.path.basename(cmd[0]) in ("python", "python3")
        )
    except OSError:
        return None
    return cmd[3:] if same else None


class ForkProvisioner(LocalProvisioner):
    """:class:`~jupyter_client.provisioning.LocalProvisioner` that forks kernels from the
    template; everything else (connection files, ports, shutdown, signals to the process
    group) is the local provisioner's."""

    forked = False

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        argv = forkable(cmd) if config.fork_kernels() else None
        if argv is None or not kwargs.get("env"):  # (jupyter_client always passes env)
            return await super().launch_kernel(cmd, **kwargs)
        env = {str(k): str(v) for k, v in kwargs["env"].items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        current = template()
        current.start()  # (again, if it died)
        if not current.is_ready():
            # still importing (the first seconds after a start or a restart): a page never
            # waits for the template, it gets a kernel the usual way meanwhile
            log.info("kernel template not ready yet: this kernel starts the usual way")
            return await super().launch_kernel(cmd, **kwargs)
        try:
            process = await current.fork(argv, env, cwd)
        except TemplateUnavailable as exc:
            log.warning("kernel started without the template: %s", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = process  # type: ignore[assignment]  # Popen's part that is used
        self.pid = process.pid
        # the child starts a session of its own: its group is its pid (asking the system
        # could still see the template's group for a moment after the fork)
        self.pgid = process.pid
        self.cwd = cwd
        self.forked = True
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        if not self.forked:
            await super().send_signal(signum)
            return
        if self.process and self.process.poll() is None:  # never a reused pid's group
            try:
                os.killpg(self.pgid or self.process.pid, signum)  # the kernel and what it started
                return
            except OSError:
                pass  # not yet in its own session (a moment after the fork): the kernel only
            self.process.send_signal(signum)


__all__ = [
    "ForkProvisioner",
    "ForkedProcess",
    "KernelTemplate",
    "start_template",
    "template",
    "template_pid",
]
