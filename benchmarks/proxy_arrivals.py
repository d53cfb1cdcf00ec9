"""A warmed room arriving at once: one server alone, against two servers behind nginx
(``pleegzorg cluster``), in the same run; then a flood beyond the kernel limit.

Each participant does what the browser does (``arrivals.participant``: GET the page, open its
kernel's websocket, ask for every widget state) and is done when it holds every state. The
room is warmed by a session expecting N (each of two servers warms its share). CPU is that of
every process of the setup (servers, kernels, nginx), per participant.

The flood: one server with ``PLEEGZORG_MAX_KERNELS`` = L and no warm kernels; F requests for
the page at once. Counted: pages served complete, pages turned away with the Dutch page (503),
anything else (lost), and the most kernels the server held.

    .venv/bin/python benchmarks/proxy_arrivals.py --count 100 --flood 60 --limit 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import arrivals  # noqa: E402
from arrivals import (  # noqa: E402
    CLOSERS,
    STATES,
    WORKSHEET,
    _bounded,
    _process_cpu,
    kernels_of,
    p95,
)
from page_ready import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (servers, nginx, kernels)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_of(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += _process_cpu(pid, children=False)
        except OSError:
            continue
    return total


def kernel_count(root: int) -> int:
    """Kernels under ``root``: children of the servers (of root itself for one server)."""
    servers = [root, *descendants(root)]
    return sum(len(kernels_of(p)) for p in servers)


def wait_idle(root: int) -> None:
    """Until the whole setup (servers, kernels, nginx) stops using CPU."""
    arrivals.wait_idle(root, processes=lambda: [root, *descendants(root)])


def launch(kind: str, tmp: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    while kind == "cluster" and any(_listening(port + i) for i in (1, 2)):
        port = free_port()
    command = [sys.executable, "-m", "pleegzorg_lib"]
    if kind == "one":
        command += ["serve", "--port", str(port)]
    else:
        command += ["cluster", "--servers", "2", "--port", str(port)]
    proc = subprocess.Popen(
        command,
        stdout=(tmp / f"{kind}.out").open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **env, "PLEEGZORG_HOME": str(tmp)},
        start_new_session=True,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while not _listening(port) or (kind == "cluster" and not _listening(port + 2)):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((tmp / f"{kind}.out").read_text()[-2000:])
        time.sleep(0.5)
    return proc, base


def _listening(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def warmed(kind: str, n: int, tmp: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    db = tmp / f"{kind}.db"
    env = {"PLEEGZORG_DATABASE_URL": f"sqlite:///{db}", "PLEEGZORG_PREHEAT_LIMIT": "2"}
    proc, base = launch(kind, tmp, env)
    os.environ["PLEEGZORG_DATABASE_URL"] = env["PLEEGZORG_DATABASE_URL"]
    from pleegzorg_lib.store import open_store

    store = open_store()
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="bench", expected=n
    )
    store.close()
    servers = 2 if kind == "cluster" else 1
    from pleegzorg_lib.server.warmup import share_of

    wanted = servers * share_of(n, servers)
    deadline = time.monotonic() + 900
    while kernel_count(proc.pid) < wanted and time.monotonic() < deadline:
        time.sleep(2)
    wait_idle(proc.pid)
    return proc, base, f"?sessie={session.code}"


async def room(base: str, n: int, query: str, arrived) -> tuple[list[float], float]:
    """Everyone arrives; ``arrived()`` measures while all pages are open; then all close."""
    CLOSERS.clear()
    times = list(await asyncio.gather(*(_bounded(base, query) for _ in range(n))))
    measured = arrived()
    await asyncio.gather(*(close() for close in CLOSERS), return_exceptions=True)
    return times, measured


def arrive(kind: str, n: int, tmp: Path) -> dict:
    proc, base, query = warmed(kind, n, tmp)
    try:
        warm = kernel_count(proc.pid)
        pids = [proc.pid, *descendants(proc.pid)]
        cpu0 = cpu_of(pids)
        STATES.clear()
        # processes that were there before, and those that came (nginx workers do not end)
        times, cpu = asyncio.run(
            room(base, n, query, lambda: cpu_of(sorted(set(pids) | set(descendants(proc.pid)))))
        )
        cpu -= cpu0
    finally:
        stop(proc)
    done = [t for t in times if t != float("inf")]
    return {
        "setup": "1 server" if kind == "one" else "2 servers + nginx",
        "warm": warm,
        "complete": len(done),
        "p50": statistics.median(times),
        "p95": p95(times),
        "max": max(times),
        "cpu": cpu / n,
    }


async def _flood_one(url: str) -> str:
    try:
        response = await AsyncHTTPClient().fetch(url, request_timeout=600)
        body = response.body.decode()
        return "served" if '"kernelId"' in body and body.rstrip().endswith("</html>") else "lost"
    except HTTPClientError as exc:
        body = exc.response.body.decode() if exc.response is not None else ""
        if exc.code == 503 and "Het is even druk" in body:
            return "refused"
        return "lost"
    except Exception:  # noqa: BLE001 - anything else is a lost visitor, counted
        return "lost"


def flood(count: int, limit: int, tmp: Path) -> dict:
    env = {
        "PLEEGZORG_DATABASE_URL": f"sqlite:///{tmp / 'flood.db'}",
        "PLEEGZORG_PREHEAT_LIMIT": "0",
        "PLEEGZORG_MAX_KERNELS": str(limit),
    }
    proc, base = launch("one", tmp, env)
    most, watching = 0, True

    def watch() -> None:
        nonlocal most
        while watching:
            most = max(most, len(kernels_of(proc.pid)))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        started = time.monotonic()

        async def run() -> list[str]:
            return list(await asyncio.gather(*(_flood_one(base + WORKSHEET) for _ in range(count))))

        results = asyncio.run(run())
        elapsed = time.monotonic() - started
    finally:
        watching = False
        watcher.join()
        stop(proc)
    return {
        "requests": count,
        "limit": limit,
        "served": results.count("served"),
        "refused": results.count("refused"),
        "lost": results.count("lost"),
        "most_kernels": most,
        "seconds": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100, help="participants arriving at once")
    parser.add_argument("--flood", type=int, default=60, help="page requests in the flood")
    parser.add_argument("--limit", type=int, default=20, help="kernel limit in the flood")
    args = parser.parse_args()
    AsyncHTTPClient.configure(None, max_clients=max(args.count, args.flood) + 10)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("one", "cluster"):
            rows.append(arrive(kind, args.count, Path(tmp)))
            print(rows[-1], flush=True)
        flooded = flood(args.flood, args.limit, Path(tmp))
    print(
        f"\n{args.count} warmed participants arriving at once (same run):\n"
        "| setup | warm kernels | complete | p50 (s) | p95 (s) | max (s) | CPU-s per participant |"
        "\n|---|---|---|---|---|---|---|"
    )
    for r in rows:
        print(
            f"| {r['setup']} | {r['warm']} | {r['complete']} of {args.count} | {r['p50']:.2f} |"
            f" {r['p95']:.2f} | {r['max']:.2f} | {r['cpu']:.2f} |"
        )
    one, two = rows
    print(f"\np95 ratio, 2 servers / 1 server: {two['p95'] / one['p95']:.2f}")
    f = flooded
    print(
        f"\nFlood: {f['requests']} page requests at once, kernel limit {f['limit']}, no warm "
        f"kernels: {f['served']} served complete, {f['refused']} turned away with the Dutch "
        f"page (503), {f['lost']} lost; at most {f['most_kernels']} kernels; "
        f"{f['seconds']:.1f} s for all answers."
    )


if __name__ == "__main__":
    main()
