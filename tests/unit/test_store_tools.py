"""The agenda (items, votes) and attendance in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from pleegzorg_lib.export import (
    collect_participant,
    participant_html,
    participant_json,
    participant_markdown,
)
from pleegzorg_lib.model import AnswerError
from pleegzorg_lib.store import AgendaItem, open_store
from pleegzorg_lib.store.schema import (
    agenda_items,
    agenda_votes,
    attendance,
    participants,
)

MARKER = "OKAPI-MARKER-5521"


def people(store, n: int = 3):
    return [store.create_participant(role_id="pleegouder")[0] for _ in range(n)]


def test_items_are_listed_by_votes_then_age(any_store) -> None:
    store = any_store
    anna, bram, cas = people(store)
    first = store.add_agenda_item(anna.id, "breakdown", "  Puberteit en school  ")
    second = store.add_agenda_item(bram.id, "breakdown", "Contact met ouders", theme_id="puberteit")
    third = store.add_agenda_item(cas.id, "breakdown", "Steun na een breakdown")
    store.add_agenda_item(cas.id, "netwerkpleegzorg", "Ander netwerk")
    assert store.vote(third, anna.id) and store.vote(third, bram.id) and store.vote(second, cas.id)
    items = store.agenda_items("breakdown", participant_id=anna.id)
    assert all(isinstance(i, AgendaItem) for i in items)
    assert [(i.id, i.votes) for i in items] == [(third, 2), (second, 1), (first, 0)]
    by_id = {i.id: i for i in items}
    assert by_id[first].text == "Puberteit en school"  # stripped
    assert by_id[first].mine and not by_id[third].mine
    assert by_id[third].voted and not by_id[second].voted
    assert by_id[second].theme_id == "puberteit" and by_id[first].theme_id is None
    assert all(i.network_id == "breakdown" and not i.hidden for i in items)
    assert isinstance(by_id[first].created_at, datetime)
    anonymous = store.agenda_items("breakdown")
    assert not any(i.mine or i.voted for i in anonymous)
    assert store.agenda_items("kennis") == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "answer.invalid"),
        ("   \n\t", "answer.invalid"),
        (None, "answer.invalid"),
        ("x" * 1001, "answer.too_long"),
        ("nul\x00byte", "answer.bad_characters"),
        ("half \ud800 surrogaat", "answer.bad_characters"),
    ],
)
def test_bad_item_texts_are_refused(store, text, key) -> None:
    (anna,) = people(store, 1)
    with pytest.raises(AnswerError) as caught:
        store.add_agenda_item(anna.id, "breakdown", text)
    assert caught.value.key == key
    if key == "answer.too_long":
        assert caught.value.params == {"length": 1001, "limit": 1000}
    assert store.agenda_items("breakdown", include_hidden=True) == []


def test_the_longest_text_and_any_unicode_are_kept(any_store) -> None:
    store = any_store
    (anna,) = people(store, 1)
    long = "é" * 1000
    tricky = "<script>alert(1)</script> 👨‍👩‍👧 \u202eRTL"
    store.add_agenda_item(anna.id, "breakdown", long)
    store.add_agenda_item(anna.id, "breakdown", tricky)
    assert {i.text for i in store.agenda_items("breakdown")} == {long, tricky}


def test_one_vote_per_participant_per_item(any_store) -> None:
    store = any_store
    anna, bram, _ = people(store)
    item = store.add_agenda_item(anna.id, "breakdown", "Wachtlijsten")
    assert store.vote(item, bram.id) is True
    assert store.vote(item, bram.id) is False  # second vote refused
    assert store.vote(item, anna.id) is True  # own item: allowed once
    assert store.vote(99_999, bram.id) is False  # unknown item
    assert store.agenda_items("breakdown")[0].votes == 2
    assert store.unvote(item, bram.id) is True
    assert store.unvote(item, bram.id) is False
    assert store.vote(item, bram.id) is True  # and vote again
    assert store.agenda_items("breakdown")[0].votes == 2


def test_hidden_items_are_kept_but_not_shown_or_voted(any_store) -> None:
    store = any_store
    anna, bram, _ = people(store)
    item = store.add_agenda_item(anna.id, "breakdown", "Iets kwetsends")
    other = store.add_agenda_item(anna.id, "breakdown", "Iets goeds")
    assert store.vote(item, anna.id)
    assert store.set_agenda_hidden(item, True) is True
    assert [i.id for i in store.agenda_items("breakdown")] == [other]
    shown = store.agenda_items("breakdown", include_hidden=True)
    assert {i.id: i.hidden for i in shown} == {item: True, other: False}
    assert store.vote(item, bram.id) is False
    assert store.set_agenda_hidden(item, False) is True
    assert store.agenda_items("breakdown")[0].votes == 1  # the vote survived hiding
    assert store.vote(item, bram.id) is True
    assert store.set_agenda_hidden(12345, True) is False


def test_concurrent_votes_from_threads_count_once(any_store) -> None:
    store = any_store
    anna, bram, _ = people(store)
    item = store.add_agenda_item(anna.id, "breakdown", "Tegelijk")
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def press() -> None:
        barrier.wait(timeout=30)
        results.append(store.vote(item, bram.id))

    threads = [threading.Thread(target=press) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [False] * 7 + [True]
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(agenda_votes)).scalar_one() == 1


def _vote_from_a_process(url: str, item: int, pid: str, barrier, results) -> None:
    store = open_store(url)
    try:
        barrier.wait(timeout=60)
        results.put(store.vote(item, pid))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))
    finally:
        store.close()


@pytest.mark.slow
def test_concurrent_votes_from_processes_count_once(any_store) -> None:
    store = any_store
    anna, bram, _ = people(store)
    item = store.add_agenda_item(anna.id, "breakdown", "Tegelijk, in kernels")
    ctx = multiprocessing.get_context("spawn")
    n = 4
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [
        ctx.Process(target=_vote_from_a_process, args=(store.url, item, bram.id, barrier, results))
        for _ in range(n)
    ]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert sorted(outcomes, key=str) == [False] * (n - 1) + [True]
    assert store.agenda_items("breakdown")[0].votes == 1


def test_attendance_is_idempotent_and_counted(any_store) -> None:
    store = any_store
    anna, bram, cas = people(store)
    store.record_attendance(anna.id, "breakdown", "2026-01", True)
    store.record_attendance(anna.id, "breakdown", "2026-01", True)  # again: still once
    store.record_attendance(anna.id, "breakdown", "2026-02", True)
    store.record_attendance(bram.id, "breakdown", "2026-01", True)
    store.record_attendance(cas.id, "netwerkpleegzorg", "2026-01", True)
    store.record_attendance(cas.id, "breakdown", "2026-03", False)  # absent: nothing stored
    assert store.attendance_of(anna.id, "breakdown") == {"2026-01", "2026-02"}
    assert store.attendance_of(cas.id, "breakdown") == set()
    assert store.attendance_counts("breakdown") == {"2026-01": 2, "2026-02": 1}
    store.record_attendance(anna.id, "breakdown", "2026-02", False)
    store.record_attendance(anna.id, "breakdown", "2026-02", False)
    assert store.attendance_of(anna.id, "breakdown") == {"2026-01"}
    assert store.attendance_counts("breakdown") == {"2026-01": 2}
    assert store.attendance_counts("kennis") == {}


def fill(store):
    me, code = store.create_participant(role_id="pleegouder", display_name="Anna")
    other, _ = store.create_participant(role_id="ouder")
    mine = store.add_agenda_item(me.id, "breakdown", f"<b>{MARKER}</b> agenda")
    mine_hidden = store.add_agenda_item(me.id, "breakdown", f"{MARKER} verborgen")
    store.set_agenda_hidden(mine_hidden, True)
    theirs = store.add_agenda_item(other.id, "breakdown", "Punt van iemand anders")
    theirs_hidden = store.add_agenda_item(other.id, "breakdown", "Geheim punt van een ander")
    store.vote(theirs, me.id)
    store.vote(theirs_hidden, me.id)
    store.set_agenda_hidden(theirs_hidden, True)
    store.vote(mine, other.id)  # someone else's vote on my item
    store.vote(theirs, other.id)
    store.record_attendance(me.id, "breakdown", "bijeenkomst-3", True)
    store.record_attendance(other.id, "breakdown", "bijeenkomst-3", True)
    store.save_answer(me.id, "informele-steun", "steun-wie", f"{MARKER} antwoord")
    return me, code, other, theirs


def test_the_export_holds_my_agenda_votes_and_attendance(any_store, catalog) -> None:
    store = any_store
    me, _code, _other, _theirs = fill(store)
    data = collect_participant(store, me)
    assert len(data.agenda_items) == 2 and len(data.agenda_votes) == 2
    html = participant_html(data)
    for heading in ("Mijn agendapunten", "Mijn stemmen op agendapunten", "Mijn aanwezigheid"):
        assert heading in html
    assert f"&lt;b&gt;{MARKER}&lt;/b&gt; agenda" in html and f"<b>{MARKER}" not in html
    assert f"{MARKER} verborgen (verborgen door de gespreksbegeleider)" in html
    assert "Punt van iemand anders" in html  # what I voted for
    assert "Geheim punt van een ander" not in html  # hidden, and not mine
    network = catalog.network("breakdown").name
    assert f"{network}: bijeenkomst bijeenkomst-3" in html  # the network by its name
    md = participant_markdown(data)
    assert "## Mijn agendapunten" in md and "bijeenkomst-3" in md and MARKER in md
    assert "Geheim punt" not in md
    doc = json.loads(participant_json(data))
    assert {e["text"] for e in doc["agenda_items"]} == {
        f"<b>{MARKER}</b> agenda",
        f"{MARKER} verborgen",
    }
    assert [e["text"] for e in doc["agenda_votes"]] == ["Punt van iemand anders", None]
    assert [e["meeting"] for e in doc["attendance"]] == ["bijeenkomst-3"]
    assert doc["worksheets"]  # the answers are still there


def test_an_export_with_only_tool_data_is_not_empty(any_store) -> None:
    store = any_store
    (me,) = people(store, 1)
    store.record_attendance(me.id, "breakdown", "m1", True)
    data = collect_participant(store, me)
    assert not data.empty
    assert "Er zijn geen antwoorden bewaard" not in participant_markdown(data)
    (nobody,) = people(store, 1)
    assert "Er zijn geen antwoorden bewaard" in participant_markdown(
        collect_participant(store, nobody)
    )


def _count(store, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_forget_removes_every_trace(any_store) -> None:
    store = any_store
    me, code, other, theirs = fill(store)
    removed = store.forget_participant(me.id)
    assert removed >= 2 + 3 + 1 + 1 + 1  # items, votes (also on my item), attendance, …
    assert store.participant_by_code(code) is None
    assert _count(store, agenda_items, participant_id=me.id) == 0
    assert _count(store, agenda_votes, participant_id=me.id) == 0
    assert _count(store, attendance, participant_id=me.id) == 0
    assert store.contributions_of(me.id) == {
        "agenda_items": [],
        "agenda_votes": [],
        "attendance": [],
        "posts": [],
        "post_votes": [],
        "post_reports": [],
        "network_poll_votes": [],
    }
    # the other participant keeps their item and vote; their vote on my item is gone with it
    assert [(i.id, i.votes) for i in store.agenda_items("breakdown", other.id)] == [(theirs, 1)]
    assert store.attendance_counts("breakdown") == {"bijeenkomst-3": 1}


def test_forget_leaves_no_byte_of_an_agenda_item(store, db_path: Path) -> None:
    me, _code, _other, _theirs = fill(store)
    store.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert MARKER.encode() in raw
    store = open_store(f"sqlite:///{db_path}")
    store.forget_participant(me.id)
    store.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert MARKER.encode() not in raw


def test_purge_counts_tool_activity_and_removes_it(any_store) -> None:
    store = any_store
    old, agenda_only, _ = people(store)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    item = store.add_agenda_item(old.id, "breakdown", "Oud punt")
    store.vote(item, old.id)
    store.record_attendance(old.id, "breakdown", "m1", True)
    store.add_agenda_item(agenda_only.id, "breakdown", "Vers punt")  # recent activity
    with store.engine.begin() as conn:
        conn.execute(update(participants).values(updated_at=long_ago))
        conn.execute(
            update(agenda_items)
            .where(agenda_items.c.participant_id == old.id)
            .values(created_at=long_ago)
        )
        conn.execute(update(agenda_votes).values(created_at=long_ago))
        conn.execute(update(attendance).values(recorded_at=long_ago))
    assert store.purge_older_than(365) == 2  # `old` and the third, who never did anything
    assert [i.text for i in store.agenda_items("breakdown")] == ["Vers punt"]
    assert _count(store, agenda_votes) == 0 and _count(store, attendance) == 0
