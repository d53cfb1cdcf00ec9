"""Autosave latency: from a widget change in the kernel to the committed row in SQLite.

Builds the real runner on a real SQLite file (WAL, synchronous=FULL) and changes a choice
question repeatedly; the time is measured until the view shows "opgeslagen" (which happens
only after the commit). Text answers add the 0.8 s typing pause on top by design.

    .venv/bin/python benchmarks/autosave.py [--n 300]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pleegzorg_lib import config
from pleegzorg_lib.content import cached_catalog, find_worksheet
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.store import open_store
from pleegzorg_lib.widgets import WorksheetRunner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        catalog = cached_catalog(str(config.data_dir()))
        info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
        runner = WorksheetRunner(info, catalog, store=store)
        view = runner.add_question(Question(id="q", kind=QuestionKind.SCALE_0_10, prompt="?"))
        runner.bind(None)
        times = []
        for i in range(args.n):
            started = time.perf_counter()
            view.buttons.index = i % 11
            assert "pz-saved" in view.box._dom_classes
            times.append((time.perf_counter() - started) * 1000)
        store.close()
    ordered = sorted(times)
    p95 = ordered[round(0.95 * (len(ordered) - 1))]
    print(f"autosave (choice): p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, n={args.n}")


if __name__ == "__main__":
    main()
