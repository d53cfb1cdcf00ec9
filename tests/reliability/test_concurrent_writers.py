"""Eight processes (as eight kernels) write 1,000 answers each to one SQLite file at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from pleegzorg_lib.store import open_store

pytestmark = pytest.mark.slow

PROCESSES = 8
ANSWERS = 1000


def _writer(url: str, n: int, results: multiprocessing.Queue) -> None:
    errors = 0
    store = open_store(url)
    person, _ = store.create_participant()
    for i in range(ANSWERS):
        try:
            store.save_answer(person.id, "ws", f"q{i % 50}", f"proces {n} antwoord {i}")
        except Exception:  # noqa: BLE001 - counted: none may reach a user
            errors += 1
    store.close()
    results.put((n, person.id, errors))


def test_eight_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "druk.db"
    url = f"sqlite:///{db}"
    open_store(url).close()
    ctx = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = ctx.Queue()
    started = time.monotonic()
    procs = [ctx.Process(target=_writer, args=(url, n, results)) for n in range(PROCESSES)]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=300) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    elapsed = time.monotonic() - started
    print(
        f"{PROCESSES}×{ANSWERS} answers in {elapsed:.1f} s "
        f"({PROCESSES * ANSWERS / elapsed:.0f} commits/s)"
    )
    assert all(proc.exitcode == 0 for proc in procs)
    assert sum(errors for _, _, errors in outcomes) == 0  # no "database is locked" reached anyone
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from pz_answer_history").fetchone()[0] == (
            PROCESSES * ANSWERS
        )
        assert conn.execute("select count(*) from pz_answers").fetchone()[0] == PROCESSES * 50
    store = open_store(url)
    for n, pid, _ in outcomes:
        latest = store.answers_for(pid, "ws")
        assert latest["q49"] == f"proces {n} antwoord {ANSWERS - 1}"
    store.close()
