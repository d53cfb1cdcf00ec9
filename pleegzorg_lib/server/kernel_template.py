"""The kernel template: one process per server that has imported what a worksheet kernel
needs and forks a new kernel from itself on request (issue 32).

A kernel started the usual way is a fresh interpreter that imports ipykernel, ipywidgets,
SQLAlchemy and pleegzorg's page modules again: ~60 MiB of the same memory per open page, and
close to a second of CPU before it can run the notebook. A kernel forked from this template
shares those pages with the template and with every other kernel, copy-on-write, and is
ready in milliseconds.

Run as ``python -m pleegzorg_lib.server.kernel_template <socket>`` by
:mod:`.provisioner` (never imported by the server). The protocol on the Unix socket is one
JSON request per connection — ``{"argv": [...], "env": {...}, "cwd": "..."}``, where
``argv`` are the arguments ``ipykernel_launcher`` would get — answered by one JSON line
``{"pid": N}`` that carries a pidfd of the new kernel (``SCM_RIGHTS``): the server watches
and signals the kernel through it, so a reused pid can never be mistaken for it.

Rules that keep the kernels independent and the template clean:

- The template imports modules only: no store, no engine, no socket of ipykernel, no thread
  (a fork copies only the forking thread; locks held by another would stay locked). It never
  runs a page, so a forked kernel holds no one's state.
- The child starts a session of its own (the server signals its process group, as for a
  usual kernel), takes the environment, working folder and arguments of the request,
  reseeds what Python reseeds at a fork (``random``; secrets come from ``os.urandom``), and
  dies with the template (``PR_SET_PDEATHSIG``), which dies with the server.
- Children are reaped by the kernel (``SIGCHLD`` ignored in the template); their exit is seen
  by the server through the pidfd.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import importlib
import json
import os
import signal
import socket
import sys
from typing import Any

#: What a worksheet kernel imports (measured: ~60 MiB and ~0.9 s of a kernel's start).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.comm",
    "ipywidgets",
    "sqlalchemy",
    "sqlalchemy.dialects.sqlite",
    "yaml",
    "jinja2",
    "pleegzorg_lib.pages",
    "pleegzorg_lib.pages.worksheet",
    "pleegzorg_lib.pages.facilitator",
    "pleegzorg_lib.store",
    # what ipykernel and IPython import while a kernel starts (measured in a forked kernel)
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.completerlib",
    "IPython.core.oinspect",
    "IPython.core.logger",
    "IPython.extensions.storemagic",
    "tornado.platform.asyncio",
    "tornado.queues",
    "sqlite3",
    "pydoc",
    "http.server",
    "xmlrpc.client",
    "encodings.idna",
)
#: Imported when installed (a PostgreSQL store; not needed with SQLite).
OPTIONAL_PRELOAD = ("psycopg", "sqlalchemy.dialects.postgresql.psycopg")

PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1
MAX_REQUEST = 1 << 20
#: How often the template checks that the server that started it is still there.
PARENT_CHECK_SECONDS = 1.0


def _prctl(option: int, value: int | bytes) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent check below still holds
        pass


def _read_request(conn: socket.socket) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_REQUEST:
            raise ValueError("request too large")
    request = json.loads(data)
    if not isinstance(request, dict):
        raise ValueError("request is not an object")
    return request


def _become_kernel(request: dict[str, Any]) -> None:
    """In the forked child: turn into the kernel the request asks for. Never returns."""
    code = 1
    try:
        os.setsid()
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the template died between fork and prctl
            os._exit(1)
        _prctl(PR_SET_NAME, b"pz-kernel")
        # as a fresh interpreter has them (SIGPIPE stays ignored, as Python sets it: a
        # write to a closed pipe raises instead of killing the kernel)
        for sig in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        cwd = request.get("cwd") or os.getcwd()
        os.chdir(cwd)
        env = {str(k): str(v) for k, v in (request.get("env") or {}).items()}
        env["JPY_PARENT_PID"] = str(os.getppid())  # ipykernel's own watch on its parent
        os.environ.clear()
        os.environ.update(env)
        # what `python -m ipykernel_launcher` in that folder would have as sys.path[0]
        sys.path[0] = os.path.abspath(cwd)
        argv = [str(a) for a in request.get("argv") or []]
        # ipykernel read JPY_PARENT_PID when the template imported it: say it again
        sys.argv = ["ipykernel_launcher", *argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
        gc.enable()
        from ipykernel import kernelapp

        app = kernelapp.IPKernelApp.instance()
        app.initialize()
        # ipywidgets registers its comm targets when it is imported inside a running kernel;
        # here it was imported before there was one (the page's front end asks for every
        # widget state through 'jupyter.widget.control')
        import ipywidgets

        ipywidgets.register_comm_target()
        app.start()
        code = 0
        # a kernel that was asked to shut down exits as Python does: its exit functions run
        # (the page's autosave flushes what was typed last, widgets/_autosave.py); os._exit
        # below would skip them, and a SystemExit would unwind into the template's loop
        atexit._run_exitfuncs()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # the kernel failed to start: say why in the server's log
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _serve_one(listener: socket.socket, conn: socket.socket) -> None:
    try:
        conn.settimeout(10)
        request = _read_request(conn)
    except (OSError, ValueError) as exc:
        try:
            conn.sendall(json.dumps({"error": str(exc)}).encode() + b"\n")
        finally:
            conn.close()
        return
    pid = os.fork()
    if pid == 0:
        listener.close()
        conn.close()
        _become_kernel(request)
    pidfd = os.pidfd_open(pid)  # before any reaping: the pid cannot be reused yet
    try:
        socket.send_fds(conn, [json.dumps({"pid": pid}).encode() + b"\n"], [pidfd])
    except OSError:
        os.kill(pid, signal.SIGKILL)  # the server went away while asking: nobody owns it
    finally:
        os.close(pidfd)
        conn.close()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print("usage: python -m pleegzorg_lib.server.kernel_template SOCKET", file=sys.stderr)
        return 2
    path = args[0]
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    _prctl(PR_SET_NAME, b"pz-kernel-tmpl")
    if os.getppid() != parent:
        return 1
    # debugpy (imported by ipykernel) warns about frozen modules on every import otherwise
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    gc.disable()  # no collection while importing: fewer pages touched before the freeze
    for name in PRELOAD:
        importlib.import_module(name)
    for name in OPTIONAL_PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    # no collection before the freeze: it would leave holes that every child's first
    # allocations fill, copying those pages (the advice of gc.freeze's documentation)
    gc.freeze()  # what was imported stays out of every child's collections: shared pages
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if os.path.exists(path):
        os.unlink(path)
    old = os.umask(0o077)  # only this user may ask for kernels
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(64)
    listener.settimeout(PARENT_CHECK_SECONDS)
    try:
        while os.getppid() == parent:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except InterruptedError:
                continue
            conn.setblocking(True)
            _serve_one(listener, conn)
    finally:
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
