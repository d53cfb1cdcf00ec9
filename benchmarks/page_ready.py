"""Time from opening a worksheet until every question is shown and the resume code is there.

Runs a real ``pleegzorg serve`` three times (preheated kernels as configured in
workbooks/voila.json with our own front end; the same with Voilà's lab front end, as the page
was before issue 16; preheating switched off) and headless Debian Chromium, one fresh browser
context per visit (a cold browser cache each time), as a desktop and as a phone (Lighthouse's
mobile profile through CDP: CPU 4x slower, 150 ms round trip, 1.6 Mbit/s down, 390x844).
"Usable": every question shown with a control that takes input, and the resume code.
Bytes on the wire and requests are counted per visit. References, measured in the same run:

* the static HTML export of the same worksheet (``jupyter nbconvert --to html``, its prose and
  layout without a kernel) served by a plain file server: the floor;
* a one-widget notebook on stock Voilà with a preheated kernel: what Voilà itself costs;
* the landing page (static HTML from the same server);
* a returning visitor: the same browser context opened the worksheet once before.

Prints medians and ratios against the static export of the same profile.

    .venv/bin/python benchmarks/page_ready.py [--runs 5] [--phone-runs 3] [--warmup 90]
        [--pause 20] [--profiles desktop phone] [--no-lab]

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
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, db: Path, extra: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=f"sqlite:///{db}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "pleegzorg_lib", "serve", "--port", str(port), "--", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


#: Lighthouse's mobile profile: a mid-range phone (CPU 4x slower than this machine) on
#: "slow 4G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), 390x844 screen.
PHONE = {
    "cpu": 4,
    "latency_ms": 150,
    "down_bps": 1_600_000,
    "up_bps": 750_000,
    "viewport": {"width": 390, "height": 844},
}

#: "Usable": every question is on the page with a control that takes input, and the resume
#: code is shown. The static export has no controls: there, its whole document parsed.
USABLE = """() => {
  const qs = document.querySelectorAll('.pz-question');
  return qs.length === 11 && !!document.querySelector('.pz-resume-code .pz-code-value') &&
    Array.from(qs).every((q) => q.querySelector(
      'textarea:not([disabled]), input:not([disabled]), button:not([disabled])'));
}"""


class Visit:
    """Page visits in one fresh browser context: time to usable, bytes and requests."""

    def __init__(self, browser, phone: bool) -> None:
        options = {}
        if phone:
            options = {
                "viewport": PHONE["viewport"],
                "is_mobile": True,
                "has_touch": True,
                "device_scale_factor": 3,
            }
        self.phone = phone
        self.context = browser.new_context(**options)
        self.page = None

    def _new_page(self) -> None:
        """A new tab, throttled as a phone when asked, its network counted (CDP)."""
        if self.page is not None:
            self.page.close()
        self.page = self.context.new_page()
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        if self.phone:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": PHONE["latency_ms"],
                    "downloadThroughput": PHONE["down_bps"] / 8,
                    "uploadThroughput": PHONE["up_bps"] / 8,
                },
            )
        self.bytes = self.requests = self.websockets = 0

        def request(_event) -> None:
            self.requests += 1

        def finished(event) -> None:
            self.bytes += int(event.get("encodedDataLength", 0))

        def websocket(_event) -> None:
            self.websockets += 1

        cdp.on("Network.requestWillBeSent", request)
        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.webSocketCreated", websocket)

    def open(self, url: str, ready: str | None) -> float:
        """Open ``url``; ready when the JavaScript ``ready`` is true (``None``: when the
        document is parsed)."""
        self._new_page()
        t0 = time.monotonic()
        if ready is None:
            self.page.goto(url, timeout=180_000, wait_until="domcontentloaded")
        else:
            self.page.goto(url, timeout=180_000, wait_until="commit")
            # ``ready`` is a function: an expression would be eval()ed in the page, which
            # the pages' Content-Security-Policy forbids.
            self.page.wait_for_function(ready, timeout=180_000, polling=50)
        elapsed = time.monotonic() - t0
        self.page.wait_for_timeout(300)  # late requests (none expected) still counted
        return elapsed

    def close(self) -> None:
        self.context.close()


def measure(
    browser,
    url: str,
    runs: int,
    pause: float,
    *,
    ready: str | None = USABLE,
    phone: bool = False,
    returning: bool = False,
) -> dict:
    """``runs`` visits, each in a fresh browser context (cold cache); ``returning``: the context
    first visits the page once (unmeasured), as a participant who opened it before. Returns
    the times and the bytes/requests of the last visit."""
    times: list[float] = []
    figures: dict = {}
    for _ in range(runs):
        visit = Visit(browser, phone)
        if returning:
            visit.open(url, ready)
            time.sleep(pause)
        times.append(visit.open(url, ready))
        figures = {"bytes": visit.bytes, "requests": visit.requests, "websockets": visit.websockets}
        visit.close()
        time.sleep(pause)
    return {"times": times, **figures}


ONE_WIDGET = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": "import ipywidgets as w\nw.Button(description='Klaar')",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def static_export(tmp: Path) -> subprocess.Popen[bytes] | None:
    """The worksheet as static HTML (nbconvert's lab template) behind ``python -m http.server``;
    returns the server process, its port in ``static_export.port``."""
    folder = tmp / "static"
    folder.mkdir()
    source = Path(__file__).resolve().parents[1] / "workbooks" / WORKSHEET.split("render/")[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--output-dir",
            str(folder),
            "--output",
            "index",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    # No CDN scripts (require.js, MathJax): offline they would block the page, and our own
    # template does without them too.
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", html), encoding="utf-8"
    )
    port = free_port()
    static_export.port = port  # type: ignore[attr-defined]
    return subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stock_voila(tmp: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Stock Voilà serving a notebook with one button, one preheated kernel."""
    import json

    folder = tmp / "one"
    folder.mkdir()
    (folder / "one.ipynb").write_text(json.dumps(ONE_WIDGET), encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "one.ipynb",
            "--no-browser",
            f"--port={port}",
            "--preheat_kernel=True",
            "--pool_size=1",
        ],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return proc, port


LANDING_READY = "() => !!document.querySelector('a.pz-card-link')"
BUTTON_READY = "() => !!document.querySelector('button.jupyter-button')"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--phone-runs",
        type=int,
        default=3,
        help="visits per row with the phone profile (Voilà's lab front end "
        "takes ~30 s a visit there)",
    )
    parser.add_argument("--warmup", type=float, default=90.0, help="seconds for pools to fill")
    parser.add_argument(
        "--pause",
        type=float,
        default=20.0,
        help="seconds between visits (the pool refills after fill_delay)",
    )
    parser.add_argument(
        "--profiles", nargs="+", default=["desktop", "phone"], choices=["desktop", "phone"]
    )
    parser.add_argument(
        "--no-lab",
        action="store_true",
        help="skip the rows on Voilà's lab front end (the page before #16)",
    )
    args = parser.parse_args()
    results: dict[tuple[str, str], dict] = {}
    profiles = [
        (name, name == "phone", args.phone_runs if name == "phone" else args.runs)
        for name in args.profiles
    ]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        files = static_export(Path(tmp))
        try:
            time.sleep(1.0)
            url = f"http://127.0.0.1:{static_export.port}/index.html"  # type: ignore[attr-defined]
            for profile, phone, runs in profiles:
                results[profile, "static HTML export of the worksheet"] = measure(
                    browser, url, runs, 0.5, ready=None, phone=phone
                )
        finally:
            os.killpg(files.pid, signal.SIGTERM)
        if "desktop" in args.profiles:
            voila, port = stock_voila(Path(tmp))
            try:
                time.sleep(15)  # one notebook, one kernel to heat
                results["desktop", "one-widget notebook, stock Voilà, preheated"] = measure(
                    browser, f"http://127.0.0.1:{port}/", args.runs, 6.0, ready=BUTTON_READY
                )
            finally:
                os.killpg(voila.pid, signal.SIGTERM)
                voila.wait(timeout=30)
        servers = [("our front end", [])]
        if not args.no_lab:
            servers.append(
                ("Voilà's lab front end (before #16)", ["--VoilaConfiguration.template=lab"])
            )
        servers.append(
            ("cold kernel (no preheating)", ["--VoilaConfiguration.preheat_kernel=False"])
        )
        for label, extra in servers:
            port = free_port()
            proc = start(port, Path(tmp) / f"{port}.db", extra)
            cold = "preheat_kernel=False" in " ".join(extra)
            try:
                # Preheated: every worksheet's pool filled and the CPU idle again; cold: only
                # the server.
                time.sleep(5 if cold else args.warmup)
                base = f"http://127.0.0.1:{port}/"
                for profile, phone, runs in profiles:
                    if cold and phone:
                        continue
                    if not extra:
                        results[profile, "landing page (static HTML)"] = measure(
                            browser, base, runs, 0.5, ready=LANDING_READY, phone=phone
                        )
                    row = f"worksheet, {label}" if cold else f"worksheet, preheated, {label}"
                    results[profile, row] = measure(
                        browser, base + WORKSHEET, runs, args.pause, phone=phone
                    )
                    if not extra:
                        results[profile, row + ", returning visitor"] = measure(
                            browser,
                            base + WORKSHEET,
                            runs,
                            args.pause,
                            phone=phone,
                            returning=True,
                        )
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        browser.close()
    for profile, _phone, runs in profiles:
        floor = statistics.median(results[profile, "static HTML export of the worksheet"]["times"])
        print(f"\n{profile} (runs={runs}; KiB and requests of the last visit, websockets apart)")
        print("| what | median (s) | min–max (s) | × static export | KiB on the wire | requests |")
        print("|---|---|---|---|---|---|")
        for (prof, label), r in results.items():
            if prof != profile:
                continue
            times = r["times"]
            med = statistics.median(times)
            ws = f" + {r['websockets']} ws" if r["websockets"] else ""
            print(
                f"| {label} | {med:.2f} | {min(times):.2f}–{max(times):.2f} | "
                f"{med / floor:.1f}× | {r['bytes'] / 1024:.0f} | {r['requests']}{ws} |"
            )


if __name__ == "__main__":
    main()
