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

from pleegzorg_lib.store import open_store

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
    while len(saved) < 150 and time.monotonic() < deadline:
        _, qid, value = proc.stdout.readline().split()
        saved[f"q{qid}"] = int(value)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert len(saved) >= 150

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = open_store(url)
    person = store.participant_by_code(code)
    stored = store.answers_for(person.id, "informele-steun")
    for qid, value in saved.items():
        assert qid in stored, qid
        # the stored value is the one reported, or a later one written before the kill
        history = [v for _, v in store.history(person.id, "informele-steun", qid)]
        assert value in history
    store.close()
