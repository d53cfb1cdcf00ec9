"""Time from opening a worksheet until every question is shown and the resume code is there.

Runs a real ``pleegzorg serve`` twice (preheated kernels as configured in workbooks/voila.json,
then with preheating switched off) and headless Debian Chromium, one fresh browser context per
visit (a cold browser cache each time). References, measured in the same run:

* the static HTML export of the same worksheet (``jupyter nbconvert --to html``, its prose and
  layout without a kernel) served by a plain file server: the floor;
* a one-widget notebook on stock Voilà with a preheated kernel: what Voilà itself costs;
* the landing page (static HTML from the same server);
* a returning visitor: the same browser context opened the worksheet once before.

Prints medians and ratios against the static export.

    .venv/bin/python benchmarks/page_ready.py [--runs 5] [--warmup 90] [--pause 20]

``--warmup``: seconds after start before the first visit, so that every worksheet's warm kernel
is up and the cores are idle (23 worksheets come up two per 5 s). ``--pause``: seconds between
visits, longer than the pool's ``fill_delay`` (10 s) plus a kernel start, so that each visit
finds a warm kernel, as one visitor at a time does.
"""

from __future__ import annotations

import argparse
import os
import re
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

WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, db: Path, extra: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=f"sqlite:///{db}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "pleegzorg_lib", "serve", "--port", str(port), "--", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def measure(
    browser, url: str, selector_ready: str, runs: int, pause: float, returning: bool = False
) -> list[float]:
    """Median-ready times of ``runs`` visits, each in a fresh browser context (cold cache);
    ``returning``: the context first visits the page once (unmeasured), as a participant who
    opened this worksheet before in the same browser."""
    times = []
    for _ in range(runs):
        context = browser.new_context()
        if returning:
            first = context.new_page()
            first.goto(url, timeout=120_000)
            first.wait_for_selector(selector_ready, timeout=120_000)
            first.close()
            time.sleep(pause)
        page = context.new_page()
        t0 = time.monotonic()
        page.goto(url, timeout=120_000, wait_until="commit")
        page.wait_for_selector(selector_ready, timeout=120_000)
        if "render" in url:
            page.wait_for_function(
                "document.querySelectorAll('.pz-question').length === 11", timeout=120_000
            )
        times.append(time.monotonic() - t0)
        context.close()
        time.sleep(pause)
    return times


ONE_WIDGET = {
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": "import ipywidgets as w\nw.Button(description='Klaar')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def static_export(tmp: Path) -> subprocess.Popen[bytes] | None:
    """The worksheet as static HTML (nbconvert's lab template) behind ``python -m http.server``;
    returns the server process, its port in ``static_export.port``."""
    folder = tmp / "static"
    folder.mkdir()
    source = Path(__file__).resolve().parents[1] / "workbooks" / WORKSHEET.split("render/")[1]
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--output-dir",
         str(folder), "--output", "index", str(source)],
        check=True, capture_output=True,
    )
    # No CDN scripts (require.js, MathJax): offline they would block the page, and our own
    # template does without them too.
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", html),
                    encoding="utf-8")
    port = free_port()
    static_export.port = port  # type: ignore[attr-defined]
    return subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def stock_voila(tmp: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Stock Voilà serving a notebook with one button, one preheated kernel."""
    import json

    folder = tmp / "one"
    folder.mkdir()
    (folder / "one.ipynb").write_text(json.dumps(ONE_WIDGET), encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", "one.ipynb", "--no-browser", f"--port={port}",
         "--preheat_kernel=True", "--pool_size=1"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return proc, port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=float, default=90.0, help="seconds for pools to fill")
    parser.add_argument("--pause", type=float, default=20.0,
                        help="seconds between visits (the pool refills after fill_delay)")
    args = parser.parse_args()
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        files = static_export(Path(tmp))
        try:
            time.sleep(1.0)
            url = f"http://127.0.0.1:{static_export.port}/index.html"  # type: ignore[attr-defined]
            results["static HTML export of the worksheet"] = measure(
                browser, url, "h2", args.runs, 0.5
            )
        finally:
            os.killpg(files.pid, signal.SIGTERM)
        voila, port = stock_voila(Path(tmp))
        try:
            time.sleep(15)  # one notebook, one kernel to heat
            results["one-widget notebook, stock Voilà, preheated"] = measure(
                browser, f"http://127.0.0.1:{port}/", "button.jupyter-button", args.runs, 6.0
            )
        finally:
            os.killpg(voila.pid, signal.SIGTERM)
            voila.wait(timeout=30)
        for label, extra in (
            ("preheated kernel", []),
            ("cold kernel (no preheating)", ["--VoilaConfiguration.preheat_kernel=False"]),
        ):
            port = free_port()
            proc = start(port, Path(tmp) / f"{port}.db", extra)
            try:
                # Preheated: every worksheet's pool filled and the CPU idle again; cold: only
                # the server.
                time.sleep(args.warmup if not extra else 5)
                base = f"http://127.0.0.1:{port}/"
                if "landing page (static HTML)" not in results:
                    results["landing page (static HTML)"] = measure(
                        browser, base, "a.pz-card-link", args.runs, 0.5
                    )
                results[label] = measure(
                    browser, base + WORKSHEET, ".pz-resume-code .pz-code-value", args.runs,
                    args.pause,
                )
                if not extra:
                    results["preheated kernel, returning visitor (browser cache warm)"] = measure(
                        browser, base + WORKSHEET, ".pz-resume-code .pz-code-value", args.runs,
                        args.pause, returning=True,
                    )
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        browser.close()
    floor = statistics.median(results["static HTML export of the worksheet"])
    print(f"| what | median (s) | min–max (s) | × static export |  (runs={args.runs})")
    print("|---|---|---|---|")
    for label, times in results.items():
        med = statistics.median(times)
        print(f"| {label} | {med:.2f} | {min(times):.2f}–{max(times):.2f} | {med / floor:.1f}× |")


if __name__ == "__main__":
    main()
