"""kill -9 in the middle of saving: every answer the page called "opgeslagen" survives."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import cached_catalog, find_worksheet
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.store import open_store
from pleegzorg_lib.widgets import WorksheetRunner

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent(
    """
    import sys
    from pleegzorg_lib import config
    from pleegzorg_lib.content import cached_catalog, find_worksheet
    from pleegzorg_lib.model import Question, QuestionKind
    from pleegzorg_lib.store import open_store
    from pleegzorg_lib.widgets import WorksheetRunner

    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    runner = WorksheetRunner(info, catalog, store=open_store(sys.argv[1]))
    for n in range(200):
        runner.add_question(Question(id=f"q{n}", kind=QuestionKind.SCALE_0_10, prompt="?"))
    runner.bind(None)
    print("CODE", runner.code, flush=True)
    i = 0
    while True:
        view = runner.views[f"q{i % 200}"]
        view.buttons.index = (i // 200) % 11
        if "pz-saved" in view.box._dom_classes:  # what the page shows as "opgeslagen"
            print("SAVED", i % 200, view.get_value(), flush=True)
        i += 1
    """
)


def test_saved_answers_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    url = f"sqlite:///{db}"
    open_store(url).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert proc.stdout is not None
    code = proc.stdout.readline().split()[1]
    saved: dict[str, int] = {}
    deadline = time.monotonic() + 30
    while len(saved) < 200 and time.monotonic() < deadline:
        _, qid, value = proc.stdout.readline().split()
        saved[f"q{qid}"] = int(value)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert len(saved) >= 200

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The participant reloads with the resume code: a new kernel builds the page from the store.
    store = open_store(url)
    catalog = cached_catalog(str(config.data_dir()))
    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    page = WorksheetRunner(info, catalog, store=store)
    for n in range(200):
        page.add_question(Question(id=f"q{n}", kind=QuestionKind.SCALE_0_10, prompt="?"))
    page.bind(f"code={code}")
    assert page.participant is not None
    lost = []
    for qid, value in saved.items():
        shown = page.views[qid].get_value()
        # what the page shows is the acknowledged value, or a later one saved before the kill
        history = [v for _, v in store.history(page.participant.id, "informele-steun", qid)]
        if shown is None or value not in history or shown != history[-1]:
            lost.append(qid)
    assert lost == []
    assert page.answered_count() == len(saved)
    store.close()
