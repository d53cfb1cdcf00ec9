"""Soak: a server with the production settings under a trickle of participants for hours.

What a real server meets and a test of minutes does not: warm kernels that wait for hours,
idle periods longer than every timeout (cell timeout, culling), sessions that come and go,
polls, and a store that grows. A participant visit every few seconds on a random worksheet
(Debian's Chromium through Playwright, a new browser context each time), checked as the tests
check a page: every question, "Klaar voor nu?", downloads, erase, the hulpwijzer where the sheet
has one, no error block. The visitor answers one question and waits until it is saved. Now and
then a session is created (visitors join it with ``?sessie=``) and a poll started, which must
appear on their pages; now and then nobody comes for longer than every timeout.

Every minute a sample goes to ``--out`` (JSON lines): server and kernel memory, kernels
running, store size, log lines and errors so far. At the end a summary table (Markdown).

    .venv/bin/python benchmarks/soak.py --hours 2 --out test-artifacts/soak.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from arrivals import kernels_of as children_of  # noqa: E402
from arrivals import rss_mib as _rss_mib  # noqa: E402
from page_ready import ARGS, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [*ARGS, "--disable-quic"]


def rss_mib(pid: int) -> float:
    """A process's resident memory; 0 when it ended meanwhile (a kernel culled)."""
    try:
        return _rss_mib(pid)
    except OSError:
        return 0.0


#: Log lines that are errors: tornado/traitlets' level words and Python tracebacks.
ERROR_LINE = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback|\[E \d")


def worksheets() -> list[tuple[str, str, list[str], bool]]:
    """(worksheet id, notebook path, question ids, has a hulpwijzer block) per worksheet."""
    import nbformat

    from pleegzorg_lib import config
    from pleegzorg_lib.authoring.check import question_problems
    from pleegzorg_lib.content import load_catalog, load_worksheet_index

    catalog = load_catalog(config.data_dir())
    found = []
    for info in load_worksheet_index(config.workbooks_dir(), catalog):
        if info.path.startswith("facilitator/"):
            continue
        nb = nbformat.read(config.workbooks_dir() / info.path, as_version=4)
        _problems, declared = question_problems(info.path, nb)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        found.append((info.id, info.path, [q.id for _, q in declared], "ws.hulpwijzer(" in code))
    return found


class Soak:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.home = Path(tempfile.mkdtemp(prefix="pz-soak-"))
        self.db = self.home / "pleegzorg.db"
        self.log_path = Path(args.log)
        self.out = Path(args.out)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.sheets = worksheets()
        self.rng = random.Random(args.seed)
        self.visits = 0
        self.broken: list[dict[str, Any]] = []
        self.polls_seen = 0
        self.polls_expected = 0
        self.sessions = 0
        self.session: tuple[str, str, str] | None = None  # code, worksheet id, path
        self.idle_periods: list[float] = []
        self.samples: list[dict[str, Any]] = []
        self.proc: subprocess.Popen[bytes] | None = None

    # -- the server ------------------------------------------------------------------
    def start_server(self) -> None:
        env = dict(
            os.environ,
            PLEEGZORG_HOME=str(self.home),
            PLEEGZORG_DATABASE_URL=f"sqlite:///{self.db}",
        )
        for item in self.args.server_env:
            key, _, value = item.partition("=")
            env[key] = value
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pleegzorg_lib", "serve", "--port", str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        import urllib.request

        for _ in range(300):
            try:
                urllib.request.urlopen(self.base, timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("server did not start")

    def stop_server(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)

    # -- measuring -------------------------------------------------------------------
    def sample(self, started: float) -> dict[str, Any]:
        assert self.proc is not None
        kernels = children_of(self.proc.pid)
        log_text = self.log_path.read_text(errors="replace")
        lines = log_text.splitlines()
        store = sum(p.stat().st_size for p in self.home.glob("pleegzorg.db*") if p.is_file())
        row = {
            "t_min": round((time.monotonic() - started) / 60, 1),
            "visits": self.visits,
            "broken": len(self.broken),
            "server_mib": round(rss_mib(self.proc.pid), 1),
            "kernels": len(kernels),
            "kernel_mib": round(sum(rss_mib(k) for k in kernels), 1),
            "store_kib": round(store / 1024, 1),
            "log_lines": len(lines),
            "log_errors": sum(1 for line in lines if ERROR_LINE.search(line)),
        }
        self.samples.append(row)
        with self.out.open("a") as f:
            f.write(json.dumps(row) + "\n")
        return row

    # -- what happens ----------------------------------------------------------------
    def new_session(self) -> None:
        from pleegzorg_lib.services.sessions import create_session
        from pleegzorg_lib.store import open_store

        wid, path, _q, _h = self.rng.choice(self.sheets)
        network = path.split("/", 1)[0]
        store = open_store(f"sqlite:///{self.db}")
        try:
            links = create_session(
                store, network_id=network, worksheet_id=wid, title=f"Soak {self.sessions + 1}"
            )
            code = links.session.code
            store.launch_poll(code, prompt="Hoe gaat het nu?", options=("Goed", "Zozo", "Zwaar"))
        finally:
            store.close()
        self.session = (code, wid, path)
        self.sessions += 1

    def visit(self, browser: Any) -> None:
        from playwright.sync_api import expect

        in_session = self.session is not None and self.rng.random() < 0.5
        if in_session:
            assert self.session is not None
            code, wid, path = self.session
            sheet = next(s for s in self.sheets if s[0] == wid)
            query = f"?sessie={code}"
        else:
            sheet = self.rng.choice(self.sheets)
            path, query = sheet[1], ""
        _wid, path, qids, has_help = sheet
        phone = self.rng.random() < 0.3
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        self.visits += 1
        started = time.monotonic()
        try:
            page.goto(f"{self.base}voila/render/{path}{query}", timeout=90_000)
            page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=90_000)
            for qid in qids:
                expect(page.locator(f".pz-question.pz-q-{qid}")).to_have_count(1, timeout=30_000)
            footer = page.locator(".pz-footer-box")
            expect(footer).to_contain_text("Klaar voor nu?", timeout=30_000)
            expect(page.locator(".pz-rights-download")).to_be_visible(timeout=10_000)
            expect(page.locator(".pz-rights-erase")).to_be_visible(timeout=10_000)
            if has_help:
                expect(page.locator(".pz-help-panel .pz-signpost")).to_be_visible(timeout=10_000)
            content = page.content()
            if "Cell execution timed out" in content or page.locator(".pz-page-error").count():
                raise AssertionError("error block on the page")
            if in_session:
                self.polls_expected += 1
                expect(page.locator(".pz-poll")).to_be_visible(timeout=20_000)
                self.polls_seen += 1
            self.answer_one(page, qids)
        except Exception as exc:  # a broken page: counted, screenshot kept for the first few
            shot = None
            if len(self.broken) < 10:
                shot = str(self.out.with_name(f"soak-broken-{len(self.broken) + 1}.png"))
                try:
                    page.screenshot(path=shot, full_page=True)
                except Exception:
                    shot = None
            self.broken.append(
                {
                    "at": time.strftime("%H:%M:%S"),
                    "path": path + query,
                    "error": str(exc).splitlines()[0][:200],
                    "seconds": round(time.monotonic() - started, 1),
                    "screenshot": shot,
                }
            )
            print(f"  broken: {self.broken[-1]}", flush=True)
        finally:
            if self.rng.random() < 0.8:  # most close the tab; some leave it to the culler
                context.close()
            else:
                self._left_open.append((time.monotonic(), context))

    _left_open: list[tuple[float, Any]] = []

    def answer_one(self, page: Any, qids: list[str]) -> None:
        """Answer the first question that takes a click or text, and wait for 'saved'."""
        from playwright.sync_api import expect

        for qid in qids:
            box = page.locator(f".pz-question.pz-q-{qid}")
            radio = box.locator("input[type=radio]")
            area = box.locator("textarea")
            if radio.count():
                radio.first.check()
            elif area.count():
                area.first.fill(f"Soak {self.visits}: <b>niet vet</b>")
                area.first.blur()
            else:
                continue
            expect(box).to_have_class(re.compile(r"\bpz-saved\b"), timeout=20_000)
            return

    def close_left_open(self, older_than: float) -> None:
        now = time.monotonic()
        keep = []
        for opened, context in self._left_open:
            if now - opened > older_than:
                context.close()
            else:
                keep.append((opened, context))
        self._left_open[:] = keep

    # -- the run ---------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        from playwright.sync_api import sync_playwright

        a = self.args
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text("")
        self.start_server()
        started = time.monotonic()
        end = started + a.hours * 3600
        next_sample = started
        next_session = started + a.session_every
        next_idle = started + a.idle_every
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            browser_visits = 0
            while time.monotonic() < end:
                now = time.monotonic()
                if now >= next_sample:
                    row = self.sample(started)
                    print(json.dumps(row), flush=True)
                    next_sample = now + 60
                if now >= next_idle:  # nobody comes: longer than every timeout
                    self.close_left_open(0)
                    pause = a.idle_seconds * self.rng.uniform(1.0, 1.5)
                    self.idle_periods.append(pause)
                    print(f"  idle for {pause:.0f} s", flush=True)
                    pause_end = time.monotonic() + pause
                    while time.monotonic() < min(pause_end, end):
                        if time.monotonic() >= next_sample:
                            self.sample(started)
                            next_sample = time.monotonic() + 60
                        time.sleep(1)
                    next_idle = time.monotonic() + a.idle_every
                    continue
                if now >= next_session:
                    self.new_session()
                    next_session = now + a.session_every
                self.visit(browser)
                browser_visits += 1
                self.close_left_open(a.left_open_seconds)
                if browser_visits >= 200:  # a fresh browser now and then (its own memory)
                    self.close_left_open(0)
                    browser.close()
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    browser_visits = 0
                time.sleep(self.rng.uniform(0.5, 2) * a.interval)
            self.close_left_open(0)
            browser.close()
        # Leave it alone past the culling: what is left then was left for good.
        time.sleep(a.settle_seconds)
        final = self.sample(started)
        self.stop_server()
        return self.summary(final)

    def summary(self, final: dict[str, Any]) -> dict[str, Any]:
        after_warmup = next(
            (s for s in self.samples if s["t_min"] >= self.args.warmup_minutes), self.samples[0]
        )
        hours = final["t_min"] / 60
        first = self.samples[0]
        return {
            "hours": round(hours, 2),
            "visits": self.visits,
            "broken_pages": len(self.broken),
            "broken": self.broken,
            "sessions": self.sessions,
            "polls_seen": f"{self.polls_seen}/{self.polls_expected}",
            "idle_periods": len(self.idle_periods),
            "longest_idle_s": round(max(self.idle_periods, default=0)),
            "server_mib_after_warmup": after_warmup["server_mib"],
            "server_mib_end": final["server_mib"],
            "kernels_after_warmup": after_warmup["kernels"],
            "kernel_mib_after_warmup": after_warmup["kernel_mib"],
            "kernels_end": final["kernels"],
            "kernel_mib_end": final["kernel_mib"],
            "store_kib_end": final["store_kib"],
            "log_lines_per_hour": round((final["log_lines"] - first["log_lines"]) / hours)
            if hours
            else 0,
            "log_errors": final["log_errors"],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between visits")
    parser.add_argument("--session-every", type=float, default=900)
    parser.add_argument("--idle-every", type=float, default=1500)
    parser.add_argument(
        "--idle-seconds", type=float, default=200, help="longer than every timeout (120 s)"
    )
    parser.add_argument("--left-open-seconds", type=float, default=120)
    parser.add_argument("--settle-seconds", type=float, default=300)
    parser.add_argument("--warmup-minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an environment variable for the server only (e.g. MALLOC_ARENA_MAX=2)",
    )
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "soak.jsonl"))
    parser.add_argument("--log", default=str(ROOT / "test-artifacts" / "soak-voila.log"))
    args = parser.parse_args()
    result = Soak(args).run()
    Path(args.out).with_suffix(".summary.json").write_text(json.dumps(result, indent=2))
    print("| figure | value |\n|---|---|")
    for key, value in result.items():
        if key != "broken":
            print(f"| {key} | {value} |")
    for item in result["broken"]:
        print(f"broken: {item}")
    return 1 if result["broken_pages"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
