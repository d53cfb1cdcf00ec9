"""The live view's aggregation of a session's answers: 1,000, 10,000 and 100,000 answers.

What the facilitator's live view does every 3 s (`collect_session`): read the session's latest
answers from the store, build the answers frame and summarize every question (counts per
option, means, k-anonymity, role breakdown). Measured on a real SQLite store filled with
participants of ``breakdown/informele-steun`` (11 questions) answering every question with
random values of the right kind; "summary only" is the same on answers already read.

    .venv/bin/python benchmarks/aggregation.py [--sizes 1000 10000 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime

from pleegzorg_lib import config
from pleegzorg_lib.analysis import answers_frame, summarize_session
from pleegzorg_lib.content import cached_catalog, find_worksheet, load_worksheet
from pleegzorg_lib.export.report import collect_session
from pleegzorg_lib.model import QuestionKind
from pleegzorg_lib.store import open_store
from pleegzorg_lib.store.schema import answers, enrolments, participants

WORDS = ["pleegouders", "steun", "school", "buren", "de", "een", "tijd", "rust", "ouders"]
ROLES = ["pleegouder", "pleegzorgbegeleider", "jeugdbeschermer", "ouder", None]


def value_for(question, rng: random.Random) -> object:
    kind = question.kind
    options = list(question.options or ())
    if kind == QuestionKind.OPEN:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
    if kind == QuestionKind.SCALE_0_10:
        return rng.randint(0, 10)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return [o for o in options if rng.random() < 0.5]
    if kind == QuestionKind.RANKING:
        return rng.sample(options, len(options))
    return rng.choice(options) if options else "x"


def fill(store, code: str, worksheet, n_answers: int, rng: random.Random) -> int:
    """Participants of the session answering every question; returns the answers written."""
    now = datetime.now(UTC)
    people = max(1, -(-n_answers // len(worksheet.questions)))  # at least n_answers
    p_rows, e_rows, a_rows = [], [], []
    for i in range(people):
        pid = f"bench{i:07d}"
        p_rows.append(
            {
                "id": pid,
                "code_digest": f"{i:064d}",
                "role_id": rng.choice(ROLES),
                "display_name": None,
                "created_at": now,
                "updated_at": now,
            }
        )
        e_rows.append(
            {
                "participant_id": pid,
                "worksheet_id": worksheet.info.id,
                "session_code": code,
                "first_seen": now,
                "last_seen": now,
            }
        )
        for question in worksheet.questions:
            a_rows.append(
                {
                    "participant_id": pid,
                    "worksheet_id": worksheet.info.id,
                    "session_code": code,
                    "question_id": question.id,
                    "value_json": json.dumps(value_for(question, rng)),
                    "saved_at": now,
                }
            )
    with store.engine.begin() as conn:
        conn.execute(participants.insert(), p_rows)
        conn.execute(enrolments.insert(), e_rows)
        conn.execute(answers.insert(), a_rows)
    return len(a_rows)


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalog = cached_catalog(str(config.data_dir()))
    root = config.workbooks_dir()
    worksheet = load_worksheet(find_worksheet(root, catalog, "informele-steun"), root)
    print(
        "| answers | participants | live view: store read + summary, median (ms) | min–max |"
        " summary only, median (ms) |"
    )
    print("|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(f"sqlite:///{tmp}/bench.db")
            session, _ = store.create_session(
                network_id="breakdown", worksheet_id="informele-steun", title="bench"
            )
            written = fill(store, session.code, worksheet, size, random.Random(size))
            people = written // len(worksheet.questions)

            def live(code=session.code, store=store, people=people) -> None:
                data = collect_session(store, code, catalog=catalog, root=root, worksheet=worksheet)
                assert data.summary.respondents == people

            rows = list(store.session_answers(session.code, worksheet.info.id))

            def summary_only(rows=rows) -> None:
                summarize_session(worksheet.questions, answers_frame(rows))

            live()  # first call: imports and caches, as the live view's first refresh
            full = timed(live, args.runs)
            only = timed(summary_only, args.runs)
            store.close()
            print(
                f"| {written:,} | {people:,} | {statistics.median(full) * 1000:.0f} |"
                f" {min(full) * 1000:.0f}–{max(full) * 1000:.0f} |"
                f" {statistics.median(only) * 1000:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
