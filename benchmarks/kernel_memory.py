"""Memory per open page, and the time a page needs, with kernels forked from the template
against kernels started the usual way (issue 32), side by side in one run.

For each mode (``PLEEGZORG_FORK_KERNELS=1`` and ``=0``) a real ``pleegzorg serve`` starts on
its own SQLite store with warm kernels for a few worksheets (``PLEEGZORG_PREHEAT_LIMIT``), then
headless Debian Chromium opens ``--pages`` worksheet pages one after the other (spread over
eight worksheets, each in a fresh browser context, kept open) and waits until each is usable
(its questions and the resume code). With all pages open and the server idle, the PSS
(proportional set size: shared pages divided among the processes that share them) of the
server and every process below it — template, kernels, warm kernels included — is summed
from ``/proc/<pid>/smaps_rollup`` and divided by the open pages. Also printed: the median
PSS and private dirty memory of one kernel, the CPU time the kernels used until then per
page, and the median time until a page was usable.

    .venv/bin/python benchmarks/kernel_memory.py [--pages 40] [--modes 1 0]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

WORKSHEETS = (
    "breakdown/informele-steun",
    "breakdown/puberteit",
    "netwerkpleegzorg/wonen-bij-familie",
    "gedeeld-opvoederschap/wie-beslist-wat",
    "breakdown/wie-is-er-voor-mij",
    "samenwerken/mijn-twee-families",
    "netwerkpleegzorg/familie-en-pleegouder-tegelijk",
    "kennis-en-ontwikkeling/reflecteren-op-een-situatie",
)
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parent.items() if ppid in frontier]
        found += frontier
    return found


def rollup(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            values[key] = int(value.split()[0])
    except OSError:
        pass
    return values


def name(pid: int) -> str:
    try:
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    if comm == "pz-kernel" or b"ipykernel_launcher" in cmd:
        return "kernel"
    return comm


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def run(mode: str, pages: int, chromium_path: str) -> dict[str, float]:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            PLEEGZORG_DATABASE_URL=f"sqlite:///{tmp}/pz.db",
            PLEEGZORG_FORK_KERNELS=mode,
            PLEEGZORG_PREHEAT_LIMIT="4",
            PLEEGZORG_PAGES_PER_MINUTE="1000",
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "pleegzorg_lib", "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.3)
            time.sleep(20)  # the warm kernels come up
            usable: list[float] = []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path, args=ARGS)
                contexts = []
                for i in range(pages):
                    context = browser.new_context()
                    page = context.new_page()
                    sheet = WORKSHEETS[i % len(WORKSHEETS)]
                    start = time.monotonic()
                    page.goto(
                        f"http://127.0.0.1:{port}/voila/render/{sheet}.ipynb", timeout=120_000
                    )
                    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=120_000)
                    page.wait_for_selector(".pz-question", timeout=120_000)
                    usable.append(time.monotonic() - start)
                    contexts.append(context)
                time.sleep(15)  # pools refilled, the server idle
                pids = tree(server.pid)
                pss = {pid: rollup(pid) for pid in pids}
                kernels = [pid for pid in pids if name(pid) == "kernel"]
                total = sum(v.get("Pss", 0) for v in pss.values()) / 1024
                kernel_cpu = sum(cpu_seconds(pid) for pid in kernels)
                result = {
                    "pages": pages,
                    "kernels": len(kernels),
                    "total_pss_mib": total,
                    "pss_per_page_mib": total / pages,
                    "kernel_pss_mib": statistics.median(pss[k].get("Pss", 0) for k in kernels)
                    / 1024,
                    "kernel_private_dirty_mib": statistics.median(
                        pss[k].get("Private_Dirty", 0) for k in kernels
                    )
                    / 1024,
                    "kernel_cpu_s_per_kernel": kernel_cpu / max(1, len(kernels)),
                    "usable_median_s": statistics.median(usable),
                    "usable_p95_s": sorted(usable)[int(0.95 * (len(usable) - 1))],
                }
                for context in contexts:
                    context.close()
                browser.close()
            return result
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--modes", nargs="+", default=["1", "0"])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    results = {mode: run(mode, args.pages, args.chromium) for mode in args.modes}
    label = {"1": "forked", "0": "usual start"}
    for mode, result in results.items():
        print(f"== kernels {label.get(mode, mode)} (PLEEGZORG_FORK_KERNELS={mode})")
        for key, value in result.items():
            print(f"   {key:28} {value:9.2f}")
    if "1" in results and "0" in results:
        forked, usual = results["1"], results["0"]
        print(
            "ratio forked/usual: PSS per page "
            f"{forked['pss_per_page_mib'] / usual['pss_per_page_mib']:.2f}x, "
            "kernel CPU "
            f"{forked['kernel_cpu_s_per_kernel'] / usual['kernel_cpu_s_per_kernel']:.2f}x, "
            f"usable median {forked['usable_median_s'] / usual['usable_median_s']:.2f}x"
        )


if __name__ == "__main__":
    main()
