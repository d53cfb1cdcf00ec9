"""Ten participants press "PDF" at the same moment: the old way against the server's pool.

Before issue 31 every worksheet kernel printed its participant's PDF itself: ten clicks
started ten headless Chromiums at once, none counted by the admission control. Now the server
prints them in a bounded pool (``server/own_export.py``, ``PLEEGZORG_PDF_WORKERS``). Both
ways print the same ten exports (a participant with a full worksheet's answers) in one run;
measured: the wall time until the last PDF, the most Chromium processes at once and the
largest total Chromium memory (RSS summed over its processes, sampled every 50 ms).

    .venv/bin/python benchmarks/pdf_exports.py --people 10
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def chromium_use() -> tuple[int, float]:
    """(Chromiums printing a PDF, RSS in MiB summed over them and their child processes)."""
    parents: dict[int, int] = {}
    printing: set[int] = set()
    rss: dict[int, float] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            pid = int(proc.name)
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            parents[pid] = int(stat[1])
            if b"--print-to-pdf" in (proc / "cmdline").read_bytes():
                printing.add(pid)
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[pid] = int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            continue  # ended while we looked

    def printing_tree(pid: int) -> bool:
        seen = 0
        while pid > 1 and seen < 64:
            if pid in printing:
                return True
            pid, seen = parents.get(pid, 0), seen + 1
        return False

    return len(printing), sum(mib for pid, mib in rss.items() if printing_tree(pid))


class Sampler:
    def __init__(self) -> None:
        self.most, self.most_mib, self._stop = 0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            count, mib = chromium_use()
            self.most, self.most_mib = max(self.most, count), max(self.most_mib, mib)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def exports(people: int) -> list[str]:
    """The HTML export of ``people`` participants who answered every question of a sheet."""
    from pleegzorg_lib import config
    from pleegzorg_lib.content import cached_catalog, find_worksheet, load_worksheet
    from pleegzorg_lib.export.participant import collect_participant, participant_html
    from pleegzorg_lib.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="pz-pdf-bench-"))
    store = open_store(f"sqlite:///{folder / 'bench.db'}")
    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    assert info is not None
    sheet = load_worksheet(info, config.workbooks_dir())
    pages = []
    for n in range(people):
        person, _code = store.create_participant(role_id="pleegouder")
        for question in sheet.questions:
            value: object = f"Antwoord {n} op {question.id}: " + "tekst " * 40
            if question.options:
                value = question.options[0]
                if question.kind.value in ("multiple_choice", "ranking"):
                    value = list(question.options)
            elif question.kind.value == "scale_0_10":
                value = 7
            store.save_answer(person.id, info.id, question.id, value)
        pages.append(participant_html(collect_participant(store, person, catalog=catalog)))
    store.close()
    return pages


def old_way(pages: list[str]) -> float:
    """Every kernel prints its own PDF at the same moment (what ten clicks did)."""
    from pleegzorg_lib.export import html_to_pdf

    def one(page: str) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            html_to_pdf(page, Path(tmp) / "a.pdf")

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(pages)) as pool:
        list(pool.map(one, pages))
    return time.monotonic() - start


def pool_way(pages: list[str], workers: int) -> float:
    from pleegzorg_lib.server.own_export import PdfPool

    pool = PdfPool(workers)

    async def all_of_them() -> None:
        assert all(pool.try_admit() for _ in pages)
        results = await asyncio.gather(*(pool.print(p) for p in pages))
        assert all(r[:5] == b"%PDF-" for r in results)

    start = time.monotonic()
    asyncio.run(all_of_them())
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1, help="the pool's PDF workers")
    args = parser.parse_args()
    pages = exports(args.people)
    with Sampler() as old:
        old_seconds = old_way(pages)
    with Sampler() as new:
        new_seconds = pool_way(pages, args.workers)
    head = f"| {args.people} PDFs at once | old: a Chromium per kernel"
    print(f"{head} | pool of {args.workers} | ratio |")
    print("|---|---|---|---|")
    print(
        f"| until the last PDF | {old_seconds:.1f} s | {new_seconds:.1f} s | "
        f"{new_seconds / old_seconds:.2f}x |"
    )
    print(f"| Chromiums printing at once (most) | {old.most} | {new.most} | |")
    print(
        f"| Chromium memory at once (most, RSS) | {old.most_mib:.0f} MiB | "
        f"{new.most_mib:.0f} MiB | {new.most_mib / max(old.most_mib, 1):.2f}x |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
