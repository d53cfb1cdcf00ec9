"""N participants open a worksheet at the same moment, measured at the protocol level.

Each simulated participant does what the browser does, without a browser sharing the CPU:
GET the page (Voilà renders it in a kernel), open the kernel WebSocket, ask for the kernel info
and, over ipywidgets' control comm, for every widget's state in one message (the messages
Chromium sends on Voilà's page). A participant is done when it holds every state.
Run once cold (pool of one per worksheet) and once warmed by a session created with
``expected=N`` (session-aware warm-up). Also prints memory per kernel and CPU per participant.

    .venv/bin/python benchmarks/arrivals.py --counts 5 10 20 40
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_ready import free_port, start  # noqa: E402

WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"


def _msg(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "channel": "shell",
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "bench",
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "buffers": [],
        }
    )


#: Kernel ids that served a participant in this wave (to see whether they are gone later).
SERVED: list[str] = []
#: How each open page closes; the participants stay (their socket open) until the wave is over.
CLOSERS: list = []
#: Widget states each participant received (all of the page's models, ~146).
STATES: list[int] = []
#: Fewer states than this means the page is incomplete (informele-steun has ~146 models).
MIN_MODELS = 100


async def participant(base: str, query: str) -> float:
    started = time.monotonic()
    response = await AsyncHTTPClient().fetch(base + WORKSHEET + query, request_timeout=600)
    page = response.body.decode()
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page).group(1)
    token = re.search(r'"pageToken":\s*"([0-9a-f]+)"', page).group(1)
    SERVED.append(kernel_id)
    cookies = [c.split(";", 1)[0] for c in response.headers.get_list("Set-Cookie")]
    cookie = "; ".join(cookies)
    xsrf = next((c.split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")), "")
    session = uuid.uuid4().hex
    url = (
        base.replace("http", "ws")
        + f"api/kernels/{kernel_id}/channels?session_id={session}&pz_page={token}"
    )
    conn = await websocket_connect(
        HTTPRequest(url, headers={"Cookie": cookie}, request_timeout=600)
    )
    # What Voilà's page sends (recorded from Chromium's WebSocket frames): kernel_info_request,
    # then ipywidgets 8's control comm asks for every widget state in one message.
    conn.write_message(_msg("kernel_info_request", {}, session))
    while True:
        if json.loads(await conn.read_message())["header"]["msg_type"] == "kernel_info_reply":
            break
    control = uuid.uuid4().hex
    conn.write_message(
        _msg(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            session,
            {"version": "1.0.0"},  # ipywidgets 8's control protocol
        )
    )
    conn.write_message(
        _msg("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}, session)
    )
    states: dict = {}
    while not states:
        msg = json.loads(await conn.read_message())
        data = msg["content"].get("data", {}) if msg["header"]["msg_type"] == "comm_msg" else {}
        if data.get("method") == "update_states":
            states = data["states"]
    if len(states) < MIN_MODELS:
        raise RuntimeError(f"only {len(states)} widget states")
    STATES.append(len(states))
    conn.write_message(_msg("comm_close", {"comm_id": control, "data": {}}, session))
    elapsed = time.monotonic() - started

    async def close() -> None:
        # The page closes: Voilà's page asks the server to shut its kernel down, as here.
        conn.close()
        await AsyncHTTPClient().fetch(
            base + f"api/kernels/{kernel_id}?pz_page={token}",
            method="DELETE",
            raise_error=False,
            headers={"Cookie": cookie, "X-XSRFToken": xsrf},
            request_timeout=60,
        )

    CLOSERS.append(close)
    return elapsed


def kernels_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and b"ipykernel" in (stat.parent / "cmdline").read_bytes():
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def kernel_alive(kernel_id: str) -> bool:
    """Whether a kernel process with this id (its connection file) still runs."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"kernel-{kernel_id}".encode() in cmdline.read_bytes():
                return True
        except OSError:
            continue
    return False


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_cpu() -> float:
    """CPU-seconds the whole machine has been busy (all cores, from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int, children: bool) -> float:
    """utime + stime of a process; with ``children`` also cutime + cstime (its children that
    have exited and were reaped)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    used = sum(int(f) for f in fields[11 : 15 if children else 13])
    return used / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int) -> float:
    """CPU of the server process alone (no kernels)."""
    return _process_cpu(pid, children=False)


def cpu_seconds(pids: list[int]) -> float:
    """CPU of these processes; for the first (the server) also that of its children that have
    exited (kernels shut down during a wave end up in the server's cutime/cstime)."""
    total = 0.0
    for index, pid in enumerate(pids):
        try:
            total += _process_cpu(pid, children=index == 0)
        except OSError:
            continue
    return total


PARTICIPANT_TIMEOUT = 300.0


async def _bounded(base: str, query: str) -> float:
    try:
        return await asyncio.wait_for(participant(base, query), PARTICIPANT_TIMEOUT)
    except (TimeoutError, OSError, TypeError, AttributeError, RuntimeError):
        return float("inf")  # never got every widget state: counted, not hidden


async def wave(base: str, n: int, query: str, arrived: Callable[[], dict]) -> tuple[list, dict]:
    """N participants arrive at once and stay on their page; when every one has arrived (or
    timed out), ``arrived()`` takes its measurements, then every page is closed. Returns the
    times and what ``arrived()`` measured."""
    CLOSERS.clear()
    times = list(await asyncio.gather(*(_bounded(base, query) for _ in range(n))))
    seen = arrived()
    await asyncio.gather(*(close() for close in CLOSERS), return_exceptions=True)
    return times, seen


def wait_idle(
    pid: int, timeout: float = 900, processes: Callable[[], list[int]] | None = None
) -> None:
    """Wait until the server and its kernels stop using CPU (every pooled kernel has run
    its notebook up to ``ws.finish()`` and waits for its visitor). ``processes``: which
    processes to watch (default: the server and its kernels)."""
    watched = processes or (lambda: [pid, *kernels_of(pid)])
    deadline = time.monotonic() + timeout
    quiet = 0
    last = cpu_seconds(watched())
    while quiet < 3 and time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(watched())
        quiet = quiet + 1 if now - last < 0.15 else 0
        last = now


def _snapshot(pid: int, before: list[int], cpu0: float, server0: float, spy: Any) -> dict:
    """Everyone is on their page: CPU of the arrivals, RSS of the bound kernels."""
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)
    now = kernels_of(pid)
    return {
        "server": server_cpu_seconds(pid) - server0,
        "cpu": cpu_seconds([pid, *set(before) | set(now)]) - cpu0,
        "rss": statistics.median(rss_mib(k) for k in now) if now else 0,
        "kernels": set(now),
        "base": cpu_seconds([pid, *now]),
    }


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def warmed_server(tmp: Path, n: int, mode: str) -> tuple[subprocess.Popen[bytes], str, str]:
    """A server with its baseline pool up and idle; for "warm" also a session expecting ``n``
    whose kernels are preheated. Returns the process, base URL and the page's query."""
    port = free_port()
    db = tmp / f"{port}.db"
    proc = start(port, db, [])
    base = f"http://127.0.0.1:{port}/"
    query = ""
    deadline = time.monotonic() + 120
    while len(kernels_of(proc.pid)) < 5 and time.monotonic() < deadline:
        time.sleep(0.5)
    wait_idle(proc.pid)
    if mode == "warm":
        os.environ["PLEEGZORG_DATABASE_URL"] = f"sqlite:///{db}"
        from pleegzorg_lib.store import open_store

        store = open_store()
        session, _ = store.create_session(
            network_id="breakdown", worksheet_id="informele-steun", title="bench", expected=n
        )
        store.close()
        query = f"?sessie={session.code}"
        deadline = time.monotonic() + 600
        while len(kernels_of(proc.pid)) < 4 + n and time.monotonic() < deadline:
            time.sleep(1)
        wait_idle(proc.pid)
    return proc, base, query


#: A function, not an expression: an expression would be eval()ed in the page, which the
#: pages' Content-Security-Policy forbids.
READY = (
    "() => document.querySelectorAll('.pz-question').length === 11 && "
    "document.querySelector('.pz-resume-code .pz-code-value') !== null"
)


async def browser_wave(base: str, n: int, query: str) -> list[float]:
    """N Chromium pages (one context each, cold cache) open the worksheet at once; each is
    timed until all 11 questions and the resume code are on it. The browser shares the two
    cores with the server, so this is slower than the protocol-level figure."""
    from page_ready import ARGS
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        contexts = [await browser.new_context() for _ in range(n)]
        pages = [await c.new_page() for c in contexts]

        async def visit(page: Any) -> float:
            started = time.monotonic()
            try:
                await page.goto(base + WORKSHEET + query, wait_until="commit", timeout=120_000)
                await page.wait_for_function(READY, timeout=PARTICIPANT_TIMEOUT * 1000)
            except Exception:  # noqa: BLE001 - a page that never completes is counted
                return float("inf")
            return time.monotonic() - started

        times = list(await asyncio.gather(*(visit(page) for page in pages)))
        for context in contexts:
            await context.close()
        await browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument(
        "--profile",
        type=Path,
        help="py-spy the server during each wave into "
        "this folder (pip install py-spy; a flame graph per wave)",
    )
    parser.add_argument("--modes", nargs="+", default=["cold", "warm"], choices=["cold", "warm"])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each wave (medians)")
    parser.add_argument(
        "--browser", type=int, default=10, help="then N Chromium pages at once, warmed (0: none)"
    )
    args = parser.parse_args()
    AsyncHTTPClient.configure(None, max_clients=200)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.counts:
            for mode in [m for m in args.modes for _ in range(args.repeat)]:
                proc, base, query = warmed_server(Path(tmp), n, mode)
                try:
                    before = kernels_of(proc.pid)
                    SERVED.clear()
                    cpu0 = cpu_seconds([proc.pid, *before])
                    server0 = server_cpu_seconds(proc.pid)
                    spy = None
                    if args.profile:
                        args.profile.mkdir(parents=True, exist_ok=True)
                        spy = subprocess.Popen(
                            [
                                str(Path(sys.executable).parent / "py-spy"),
                                "record",
                                "-p",
                                str(proc.pid),
                                "-r",
                                "50",
                                "-f",
                                "raw",
                                "-o",
                                str(args.profile / f"server-{n}-{mode}.txt"),
                            ],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                        time.sleep(1)
                    arrived = functools.partial(_snapshot, proc.pid, before, cpu0, server0, spy)
                    times, seen = asyncio.run(wave(base, n, query, arrived))
                    # Closing: the server and the kernels that were there when everyone had
                    # arrived (the closed ones end up in the server's cutime); kernels the
                    # pool starts meanwhile to refill itself are not counted.
                    still = set(kernels_of(proc.pid)) & seen["kernels"]
                    closing = cpu_seconds([proc.pid, *still]) - seen["base"]
                    server, cpu, rss = seen["server"], seen["cpu"], seen["rss"]
                    time.sleep(60)  # all pages closed: their kernels must be gone by now
                    left = sum(kernel_alive(k) for k in SERVED)
                    rows.append(
                        (
                            n,
                            mode,
                            statistics.median(times),
                            p95(times),
                            max(times),
                            cpu / n,
                            server / n,
                            closing / n,
                            rss,
                            left,
                        )
                    )
                    print(rows[-1], flush=True)
                finally:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=60)
    print(
        "| arriving at once | pool | p50 (s) | p95 (s) | max (s) | CPU-s per participant |"
        " of which server | closing the page | RSS per kernel (MiB) |"
        " kernels left 60 s after closing |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, mode, p50, p95_, top, cpu, server, closing, rss, left in rows:
        print(
            f"| {n} | {mode} | {p50:.2f} | {p95_:.2f} | {top:.2f} | {cpu:.2f} | {server:.2f} |"
            f" {closing:.2f} | {rss:.0f} |"
            f" {left} |"
        )
    if args.repeat > 1:
        print(
            f"\nMedian of {args.repeat} runs:\n| arriving at once | pool | p50 (s) | p95 (s) |"
            " max (s) | CPU-s per participant |\n|---|---|---|---|---|---|"
        )
        for n in args.counts:
            for mode in args.modes:
                runs = [r for r in rows if r[0] == n and r[1] == mode]
                p50s, p95s, tops, cpus = (
                    statistics.median(r[i] for r in runs) for i in (2, 3, 4, 5)
                )
                print(f"| {n} | {mode} | {p50s:.2f} | {p95s:.2f} | {tops:.2f} | {cpus:.2f} |")
    failed = sum(1 for row in rows if row[4] == float("inf"))
    if failed:
        print(f"{failed} wave(s) had participants that never got every widget state")
    if args.browser:
        with tempfile.TemporaryDirectory() as tmp:
            proc, base, query = warmed_server(Path(tmp), args.browser, "warm")
            try:
                server0, machine0, wall0 = server_cpu_seconds(proc.pid), machine_cpu(), time.time()
                times = asyncio.run(browser_wave(base, args.browser, query))
                server = server_cpu_seconds(proc.pid) - server0
                machine, wall = machine_cpu() - machine0, time.time() - wall0
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=60)
        done = sum(t != float("inf") for t in times)
        print(
            f"\nBrowser: {args.browser} Chromium pages at once (warm): {done} complete, "
            f"p50 {statistics.median(times):.2f} s, p95 {p95(times):.2f} s, "
            f"max {max(times):.2f} s; CPU-s over the wave ({wall:.0f} s): server process "
            f"{server:.1f}, whole machine {machine:.1f} (the rest: Chromium, Playwright, kernels)"
        )


if __name__ == "__main__":
    main()
