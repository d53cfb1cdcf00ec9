"""Store under load: N participants, each its own process, write answers as fast as they can.

Each simulated participant is a separate process (``multiprocessing``, spawn), as each
participant's page is a separate kernel: it opens the store with ``open_store`` (its own
engine and connections), creates a participant, enrols in a worksheet, waits until every
process is ready, and then saves ``--answers`` answers back to back (no typing pauses: maximum
throughput). Every ``save_answer`` returns only after its transaction committed, as on a page.
Afterwards the rows are counted in the store.

Backends: SQLite (a file in a temporary folder; WAL, ``synchronous=FULL``) and PostgreSQL (a
throwaway server started with ``tests/postgres.py``, or ``--postgres-url``; with a URL the
script removes its participants again afterwards).

    .venv/bin/python benchmarks/store_load.py --counts 10 50 200
    .venv/bin/python benchmarks/store_load.py --backends postgresql --postgres-url postgresql+psycopg://…

Prints a Markdown table: answers per second over the whole wave, p50/p95/max latency of one
``save_answer``, errors (exceptions that a page would have shown) and rows found/expected.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # for ``tests.postgres`` when run as a script
    sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from pleegzorg_lib.store import open_store  # noqa: E402
from pleegzorg_lib.store.schema import (  # noqa: E402
    answer_history,
    answers,
    enrolments,
    participants,
)

QUESTIONS = 30
START_TIMEOUT_S = 600
LIKERT = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
TEXT = (
    "We spreken elke maand af met drie pleegouders uit de buurt. Koffie, de kinderen spelen "
    "samen, en we hebben het over wat schuurt: school, bezoekregeling, de voogd. "
)


def answer_value(i: int) -> Any:
    """A realistic mix: 0–10 scale, Likert, a paragraph of text, a multiple choice."""
    kind = i % 4
    if kind == 0:
        return i % 11
    if kind == 1:
        return LIKERT[i % 5]
    if kind == 2:
        return f"{TEXT}({i})"
    return ["Bijeenkomsten van de pleegzorgorganisatie", "Online (appgroep, forum)"]


@dataclass
class WorkerResult:
    participant_id: str | None
    latencies_ms: list[float]
    errors: int
    messages: list[str]
    started: float  # time.monotonic() (system-wide on Linux) when the first save began
    finished: float


def _worker(
    url: str,
    worksheet_id: str,
    n_answers: int,
    barriers: tuple[Any, Any],
    results: Any,
) -> None:
    """One participant: start, set up, wait for everyone, then save ``n_answers`` answers.

    Two barriers: the first waits until every process has imported the library and opened
    the store (Python start-up is CPU-heavy and not what is measured), the second until every
    participant is created and enrolled; then the wave starts.
    """
    latencies: list[float] = []
    errors = 0
    messages: list[str] = []
    pid: str | None = None
    store = None

    def wait(barrier: Any) -> None:
        try:
            barrier.wait(timeout=START_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - a broken barrier: run on, it is reported
            messages.append(f"barrier: {type(exc).__name__}")

    try:
        store = open_store(url)
    except Exception as exc:  # noqa: BLE001 - counted and reported, as a page would show it
        messages.append(f"open: {type(exc).__name__}: {exc}"[:300])
    wait(barriers[0])
    try:
        if store is not None:
            person, _code = store.create_participant(role_id="pleegouder")
            store.enrol(person.id, worksheet_id)
            pid = person.id
    except Exception as exc:  # noqa: BLE001
        messages.append(f"setup: {type(exc).__name__}: {exc}"[:300])
    if pid is None:
        errors += n_answers
    wait(barriers[1])
    started = time.monotonic()
    if pid is not None and store is not None:
        for i in range(n_answers):
            t0 = time.perf_counter()
            try:
                store.save_answer(pid, worksheet_id, f"q{i % QUESTIONS}", answer_value(i))
            except Exception as exc:  # noqa: BLE001 - counted: none may reach a participant
                errors += 1
                if len(messages) < 3:
                    messages.append(f"save: {type(exc).__name__}: {exc}"[:300])
                continue
            latencies.append((time.perf_counter() - t0) * 1000)
    finished = time.monotonic()
    if store is not None:
        store.close()
    results.put(WorkerResult(pid, latencies, errors, messages, started, finished))


@dataclass
class LoadResult:
    backend: str
    participants: int
    answers_each: int
    wall_s: float
    setup_s: float
    latencies_ms: list[float] = field(repr=False)
    errors: int
    messages: list[str]
    history_rows: int
    history_expected: int
    latest_rows: int
    latest_expected: int
    enrolled: int

    @property
    def answers_total(self) -> int:
        return len(self.latencies_ms)

    @property
    def per_second(self) -> float:
        return self.answers_total / self.wall_s if self.wall_s > 0 else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def rows_ok(self) -> bool:
        return (
            self.history_rows == self.history_expected
            and self.latest_rows == self.latest_expected
            and self.enrolled == self.participants
        )

    def row(self) -> str:
        rows = f"{self.history_rows}/{self.history_expected}"
        if not self.rows_ok:
            rows += (
                f" (latest {self.latest_rows}/{self.latest_expected}, "
                f"enrolled {self.enrolled}/{self.participants})"
            )
        return (
            f"| {self.backend} | {self.participants} | {self.answers_total} | {self.wall_s:.2f} "
            f"| {self.per_second:.0f} | {self.percentile(0.5):.1f} | {self.percentile(0.95):.1f} "
            f"| {self.percentile(1.0):.1f} | {self.errors} | {rows} |"
        )


TABLE_HEADER = (
    "| backend | participants (processes) | answers saved | wave (s) | answers/s | p50 (ms) "
    "| p95 (ms) | max (ms) | errors | rows found/expected |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def _backend(url: str) -> str:
    return "postgresql" if url.startswith("postgres") else url.split(":", 1)[0]


def _collect(procs: list[Any], results: Any, barriers: tuple[Any, ...]) -> list[WorkerResult]:
    """Every worker's result; a worker that died early breaks the barrier instead of a hang."""
    outcomes: list[WorkerResult] = []
    deadline = time.monotonic() + START_TIMEOUT_S + 300
    while len(outcomes) < len(procs) and time.monotonic() < deadline:
        try:
            outcomes.append(results.get(timeout=1))
            continue
        except queue.Empty:
            pass
        if any(p.exitcode not in (None, 0) for p in procs):
            for barrier in barriers:  # the others stop waiting for a worker that is gone
                barrier.abort()
        if all(p.exitcode is not None for p in procs):
            try:  # everyone exited: what they put is in the pipe already
                while len(outcomes) < len(procs):
                    outcomes.append(results.get(timeout=2))
            except queue.Empty:
                break
    for proc in procs:
        proc.join(timeout=60)
        if proc.exitcode is None:
            proc.kill()
            proc.join(timeout=10)
    return outcomes


def run_load(
    url: str,
    processes: int,
    answers_each: int = 30,
    *,
    cleanup: bool = False,
) -> LoadResult:
    """Run one wave of ``processes`` participants saving ``answers_each`` answers on ``url``."""
    open_store(url).close()  # create the schema before the wave, as ``pleegzorg serve`` does
    worksheet_id = f"belasting-{secrets.token_hex(4)}"
    ctx = multiprocessing.get_context("spawn")
    barriers = (ctx.Barrier(processes), ctx.Barrier(processes))
    results = ctx.Queue()
    launched = time.monotonic()
    procs = [
        ctx.Process(target=_worker, args=(url, worksheet_id, answers_each, barriers, results))
        for _ in range(processes)
    ]
    for proc in procs:
        proc.start()
    outcomes = _collect(procs, results, barriers)
    errors = answers_each * (processes - len(outcomes))  # a worker that never reported
    messages = [f"worker exit code {p.exitcode}" for p in procs if p.exitcode != 0]
    latencies = [ms for o in outcomes for ms in o.latencies_ms]
    errors += sum(o.errors for o in outcomes)
    messages += [m for o in outcomes for m in o.messages]
    start = min((o.started for o in outcomes), default=launched)
    end = max((o.finished for o in outcomes), default=launched)
    pids = [o.participant_id for o in outcomes if o.participant_id]

    store = open_store(url)
    try:
        with store.engine.connect() as conn:

            def count(table: Any) -> int:
                return conn.execute(
                    select(func.count())
                    .select_from(table)
                    .where(table.c.worksheet_id == worksheet_id)
                ).scalar_one()

            history_rows = count(answer_history)
            latest_rows = count(answers)
            enrolled = count(enrolments)
            known = conn.execute(
                select(func.count()).select_from(participants).where(participants.c.id.in_(pids))
            ).scalar_one()
        if known != processes:
            messages.append(f"participants found: {known}/{processes}")
        if cleanup:
            for pid in pids:
                store.forget_participant(pid)
    finally:
        store.close()
    return LoadResult(
        backend=_backend(url),
        participants=processes,
        answers_each=answers_each,
        wall_s=end - start,
        setup_s=start - launched,
        latencies_ms=latencies,
        errors=errors,
        messages=messages,
        history_rows=history_rows,
        history_expected=processes * answers_each,
        latest_rows=latest_rows,
        latest_expected=processes * min(answers_each, QUESTIONS),
        enrolled=enrolled,
    )


def start_postgres(max_connections: int) -> tuple[Any, str]:
    """A throwaway PostgreSQL server (tests/postgres.py) allowing ``max_connections``."""
    import psycopg

    from tests.postgres import PostgresServer

    server = PostgresServer()
    url = server.start()
    if max_connections != 100:  # PostgreSQL's default
        with psycopg.connect(
            f"host=127.0.0.1 port={server.port} user=pz dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f"ALTER SYSTEM SET max_connections = {int(max_connections)}")
        # -l again: without it the restarted server would hold pg_ctl's output pipes open.
        log = str(server.root / "server.log")
        server._run("pg_ctl", "-D", str(server.data), "-l", log, "-w", "-t", "60", "restart")
    return server, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--answers", type=int, default=30, help="answers per participant")
    parser.add_argument(
        "--backends", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--postgres-url", help="use this PostgreSQL instead of a throwaway one")
    parser.add_argument(
        "--pg-max-connections",
        type=int,
        help="max_connections of the throwaway server (default: largest count + 50; "
        "PostgreSQL's own default is 100)",
    )
    args = parser.parse_args(argv)
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; "
        f"{args.answers} answers per participant",
        flush=True,
    )
    rows: list[LoadResult] = []
    with tempfile.TemporaryDirectory(prefix="pz-load-") as tmp:
        for backend in args.backends:
            server = None
            if backend == "sqlite":
                urls = {n: f"sqlite:///{Path(tmp) / f'load-{n}.db'}" for n in args.counts}
            elif args.postgres_url:
                urls = dict.fromkeys(args.counts, args.postgres_url)
            else:
                server, pg_url = start_postgres(args.pg_max_connections or max(args.counts) + 50)
                urls = dict.fromkeys(args.counts, pg_url)
            try:
                for n in args.counts:
                    result = run_load(urls[n], n, args.answers, cleanup=bool(args.postgres_url))
                    rows.append(result)
                    print(
                        f"{backend} n={n}: {result.per_second:.0f} answers/s, "
                        f"errors {result.errors}, setup {result.setup_s:.1f} s",
                        flush=True,
                    )
                    for message in sorted(set(result.messages))[:5]:
                        print(f"  {message}", flush=True)
            finally:
                if server is not None:
                    server.stop()
    print()
    print(TABLE_HEADER)
    for result in rows:
        print(result.row())
    failed = [r for r in rows if r.errors or not r.rows_ok]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
