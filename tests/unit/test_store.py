"""The store on a real SQLite file: durable settings, answers with history, resume codes."""

from __future__ import annotations

import threading
from pathlib import Path

from pleegzorg_lib.store import SCHEMA_VERSION, open_store


def test_sqlite_runs_in_wal_with_full_sync(store, db_path: Path) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert store.schema_version() == SCHEMA_VERSION


def test_answers_survive_reopening_the_database(any_store) -> None:
    first = any_store
    url = first.url
    person, code = first.create_participant(role_id="pleegouder", display_name="Marieke")
    first.save_answer(person.id, "informele-steun", "steun-wie", "Mijn zus en de buurvrouw")
    first.save_answer(person.id, "informele-steun", "steun-cijfer", 7)
    first.close()

    again = open_store(url)
    found = again.participant_by_code(code)
    assert found is not None and found.role_id == "pleegouder" and found.display_name == "Marieke"
    assert again.answers_for(found.id, "informele-steun") == {
        "steun-wie": "Mijn zus en de buurvrouw",
        "steun-cijfer": 7,
    }
    again.close()


def test_every_saved_value_is_kept_in_the_history(any_store) -> None:
    store = any_store
    person, _ = store.create_participant()
    for text in ("eerste versie", "tweede versie", "definitief"):
        store.save_answer(person.id, "ws", "q", text)
    assert store.answers_for(person.id, "ws") == {"q": "definitief"}
    history = store.history(person.id, "ws", "q")
    assert [value for _, value in history] == ["eerste versie", "tweede versie", "definitief"]
    times = [when for when, _ in history]
    assert times == sorted(times)


def test_sessions_keep_answers_apart_and_remember_the_last_one(any_store) -> None:
    store = any_store
    person, _ = store.create_participant()
    store.enrol(person.id, "ws", "")
    store.save_answer(person.id, "ws", "q", "thuis")
    store.enrol(person.id, "ws", "UTR24")
    store.save_answer(person.id, "ws", "q", "in de bijeenkomst", session_code="UTR24")
    assert store.answers_for(person.id, "ws") == {"q": "thuis"}
    assert store.answers_for(person.id, "ws", session_code="UTR24") == {"q": "in de bijeenkomst"}
    assert store.latest_session(person.id, "ws") == "UTR24"


def test_resume_codes_are_never_stored_in_plain_text(store, db_path: Path) -> None:
    _, code = store.create_participant()
    store.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("pleegzorg.db*"))
    assert code.encode() not in raw
    assert code.replace("-", "").encode() not in raw


def test_unknown_code_finds_nobody(any_store) -> None:
    store = any_store
    store.create_participant()
    assert store.participant_by_code("ABCD-EFGH-JKMN") is None


def test_text_round_trips_exactly(any_store) -> None:
    store = any_store
    person, _ = store.create_participant()
    texts = [
        "<script>alert(1)</script>",
        "emoji 👨‍👩‍👧 en \u202eRTL",
        "regel 1\nregel 2\t",
        "'; DROP TABLE x;--",
    ]
    for index, text in enumerate(texts):
        store.save_answer(person.id, "ws", f"q{index}", text)
    stored = store.answers_for(person.id, "ws")
    assert [stored[f"q{i}"] for i in range(len(texts))] == texts


def test_concurrent_writers_all_commit(any_store) -> None:
    """Eight kernels saving at once (as in a room full of participants) lose nothing."""
    url = any_store.url
    errors: list[BaseException] = []

    def participant(n: int) -> None:
        try:
            s = open_store(url)
            person, _ = s.create_participant()
            for i in range(25):
                s.save_answer(person.id, "ws", f"q{i}", f"antwoord {n}-{i}")
            s.close()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with any_store.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from pz_answers").scalar() == 8 * 25
        assert conn.exec_driver_sql("select count(*) from pz_answer_history").scalar() == 8 * 25


def test_two_tabs_saving_the_same_answer_do_not_collide(any_store) -> None:
    store = any_store
    person, _ = store.create_participant()
    errors: list[BaseException] = []

    def tab(n: int) -> None:
        try:
            s = open_store(store.url)
            for i in range(20):
                s.save_answer(person.id, "ws", "q", f"tab {n} versie {i}")
            s.close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.answers_for(person.id, "ws")["q"].endswith("versie 19")
    assert len(store.history(person.id, "ws", "q")) == 80


MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
server:/export/pleegzorg /srv/pleegzorg nfs4 rw,relatime 0 0
//nas/share /mnt/nas cifs rw 0 0
"""


def test_network_file_systems_are_recognised() -> None:
    from pleegzorg_lib.store.engine import filesystem_type

    assert filesystem_type(Path("/srv/pleegzorg/data"), MOUNTS) == "nfs4"
    assert filesystem_type(Path("/mnt/nas/x.db"), MOUNTS) == "cifs"
    assert filesystem_type(Path("/home/anna"), MOUNTS) == "ext4"
    assert filesystem_type(Path("/srv/pleegzorgX"), MOUNTS) == "ext4"  # not a prefix match


def test_sqlite_on_a_network_share_is_refused_with_a_clear_message(monkeypatch, tmp_path) -> None:
    import pytest

    from pleegzorg_lib.store import StoreError, engine

    share = f"server:/x {tmp_path} nfs rw 0 0\n"
    real = engine.filesystem_type
    monkeypatch.setattr(engine, "filesystem_type", lambda p, m=None: real(p, share))
    with pytest.raises(StoreError, match="netwerkschijf"):
        open_store(f"sqlite:///{tmp_path / 'x.db'}")


def test_the_store_closes_at_the_end_of_a_with_block(db_path: Path) -> None:
    import pytest

    from pleegzorg_lib.store import open_store

    closed: list[str] = []

    def watch(store):  # noqa: ANN001, ANN202 - records the close, then closes for real
        original = store.close
        store.close = lambda: (closed.append("closed"), original())
        return store

    with watch(open_store(f"sqlite:///{db_path}")) as store:
        participant, code = store.create_participant()
        assert closed == []
    assert closed == ["closed"]
    with pytest.raises(RuntimeError), watch(open_store(f"sqlite:///{db_path}")) as again:
        assert again.participant_by_code(code).id == participant.id
        raise RuntimeError("the block fails: the store is closed all the same")
    assert closed == ["closed", "closed"]
