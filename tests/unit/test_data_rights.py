"""Data rights: a participant exports all of their answers and can erase every byte of them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from pleegzorg_lib.export import collect_participant, participant_html, participant_markdown
from pleegzorg_lib.store.schema import answers, enrolments, participants

MARKER = "ZEBRA-MARKER-8841"


def raw_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


def fill(store, code_session: str = ""):
    me, my_code = store.create_participant(role_id="pleegouder", display_name=f"Anna {MARKER}")
    other, _ = store.create_participant(role_id="ouder")
    store.enrol(me.id, "informele-steun", "")
    for version in range(3):
        store.save_answer(me.id, "informele-steun", "steun-wie", f"{MARKER} versie {version}")
    store.save_answer(me.id, "puberteit", "verandering", f"<b>{MARKER}</b> in puberteit")
    store.save_answer(other.id, "informele-steun", "steun-wie", "Iemand anders zijn antwoord")
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="S"
    )
    poll = store.launch_poll(session.code, prompt="?", options=())
    store.answer_poll(poll.id, me.id, f"poll {MARKER}")
    store.set_hidden(session.code, me.id, "steun-wie", True)
    return me, my_code, other


def test_export_holds_all_my_answers_and_nobody_elses(any_store) -> None:
    store = any_store
    me, _code, _other = fill(store)
    data = collect_participant(store, me)
    titles = {sheet.title for sheet in data.worksheets}
    assert titles == {"Steun van andere pleegouders", "Puberteit in het pleeggezin"}
    page = participant_html(data)
    assert f"{MARKER} versie 2" in page
    assert f"&lt;b&gt;{MARKER}&lt;/b&gt;" in page and f"<b>{MARKER}</b>" not in page
    assert "Bij wie kun jij terecht als het thuis schuurt?" in page  # the question as asked
    assert "Iemand anders" not in page
    assert "Iemand anders" not in participant_markdown(data)


def test_forget_leaves_no_byte_in_the_database_files(store, db_path: Path) -> None:
    me, code, other = fill(store)
    assert MARKER.encode() in raw_bytes(db_path)
    removed = store.forget_participant(me.id)
    assert removed >= 7
    assert store.participant_by_code(code) is None
    assert store.all_answers_of(me.id) == []
    assert store.answers_for(other.id, "informele-steun") == {
        "steun-wie": "Iemand anders zijn antwoord"
    }
    store.close()
    assert MARKER.encode() not in raw_bytes(db_path)
    assert b"Iemand anders zijn antwoord" in raw_bytes(db_path)


def test_purge_removes_only_the_long_inactive(any_store) -> None:
    store = any_store
    old, _ = store.create_participant()
    recent, _ = store.create_participant()
    store.save_answer(old.id, "ws", "q", "oud")
    store.save_answer(recent.id, "ws", "q", "nieuw")
    store.enrol(old.id, "ws", "")
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with store.engine.begin() as conn:
        conn.execute(
            update(participants).where(participants.c.id == old.id).values(updated_at=long_ago)
        )
        conn.execute(
            update(answers).where(answers.c.participant_id == old.id).values(saved_at=long_ago)
        )
        conn.execute(
            update(enrolments)
            .where(enrolments.c.participant_id == old.id)
            .values(last_seen=long_ago)
        )
    assert store.purge_older_than(365) == 1
    assert store.all_answers_of(old.id) == []
    assert store.all_answers_of(recent.id)[0]["value"] == "nieuw"


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pleegzorg_lib", *args],
        capture_output=True,
        text=True,
        input=stdin,
    )


def test_cli_export_and_forget(store, db_path: Path, tmp_path: Path) -> None:
    _me, code, _other = fill(store)
    store.close()
    for fmt in ("html", "md", "json", "pdf"):
        out = tmp_path / f"mijn.{fmt}"
        result = cli("export", "participant", code.lower(), "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0
    assert MARKER in (tmp_path / "mijn.md").read_text()
    assert "Iemand anders" not in (tmp_path / "mijn.json").read_text()
    assert cli("forget", code, stdin="nee\n").returncode == 1  # not confirmed: nothing happens
    assert MARKER.encode() in raw_bytes(db_path)
    done = cli("forget", code, "--yes")
    assert done.returncode == 0 and "Verwijderd" in done.stdout
    assert MARKER.encode() not in raw_bytes(db_path)
    unknown = cli("forget", code, "--yes")
    assert unknown.returncode == 2 and "kennen we niet" in unknown.stderr
    assert cli("purge", "--older-than", "een jaar").returncode == 2
    assert "0 deelnemer" in cli("purge", "--older-than", "365d").stdout
    assert cli("purge").returncode == 2  # no term given and no setting


def test_erasing_from_the_page_needs_confirmation(store, catalog, db_path: Path) -> None:
    from pleegzorg_lib import config
    from pleegzorg_lib.content import find_worksheet
    from pleegzorg_lib.model import Question, QuestionKind
    from pleegzorg_lib.widgets import WorksheetRunner

    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    runner = WorksheetRunner(info, catalog, store=store)
    runner.add_question(Question(id="steun-wie", kind=QuestionKind.OPEN, prompt="Wie?"))
    runner.bind(None)
    code = runner.code
    runner.views["steun-wie"].text.value = f"{MARKER} <i>"
    runner.flush()
    panel = runner.rights
    assert panel.make_downloads()
    # links to the server's export (built there from the store), not files in the widget
    assert MARKER not in panel.links.value and "data:" not in panel.links.value
    for kind in ("html", "md", "pdf"):
        assert f'voila/netwerk/mijn-gegevens/download.{kind}"' in panel.links.value
    assert panel.erase() is False  # not confirmed
    assert store.participant_by_code(code) is not None
    panel.confirm.value = True
    assert panel.erase() is True
    assert store.participant_by_code(code) is None
    assert runner.views["steun-wie"].get_value() == ""
    assert "verwijderd" in runner.header.message.value
    runner.views["steun-wie"].text.value = "nog iets"
    runner.flush()  # after erasure nothing is stored again unasked
    store.close()
    assert MARKER.encode() not in raw_bytes(db_path)
    assert b"nog iets" not in raw_bytes(db_path)
