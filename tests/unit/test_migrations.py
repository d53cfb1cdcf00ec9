"""Alembic migrations: old databases reach head without losing a row; new ones start at head.

The databases of the home-made migrator are rebuilt from a frozen copy of their DDL
(``data/store_v3.*.sql``, dumped from the last program before Alembic); schema 2 and 1 are
derived from it the way their programs differed (no ``pz_sessions.expected``; only the first
five tables).
"""

from __future__ import annotations

import multiprocessing
import re
import statistics
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pleegzorg_lib import cli
from pleegzorg_lib.model import code_digest, new_resume_code
from pleegzorg_lib.store import SCHEMA_VERSION, StoreError, migrations, open_store, schema
from pleegzorg_lib.store.sqlstore import SQLStore

DATA = Path(__file__).parent / "data"
T0 = datetime(2025, 3, 1, 19, 30, tzinfo=UTC)
V1_TABLES = {"pz_meta", "pz_participants", "pz_enrolments", "pz_answers", "pz_answer_history"}
V2_TABLES = V1_TABLES | {"pz_sessions", "pz_hidden_answers", "pz_polls", "pz_poll_answers"}

# Lightweight, frozen views of the legacy tables: the test never depends on today's schema.py.
TZ = sa.DateTime(timezone=True)
P = sa.table(
    "pz_participants",
    *(sa.column(c) for c in ("id", "code_digest", "role_id", "display_name")),
    sa.column("created_at", TZ),
    sa.column("updated_at", TZ),
)
ENROL = sa.table(
    "pz_enrolments",
    *(sa.column(c) for c in ("participant_id", "worksheet_id", "session_code")),
    sa.column("first_seen", TZ),
    sa.column("last_seen", TZ),
)
ANS = sa.table(
    "pz_answers",
    *(sa.column(c) for c in ("participant_id", "worksheet_id", "session_code", "question_id")),
    sa.column("value_json"),
    sa.column("saved_at", TZ),
)
HIST = sa.table(
    "pz_answer_history",
    *(sa.column(c) for c in ("participant_id", "worksheet_id", "session_code", "question_id")),
    sa.column("value_json"),
    sa.column("saved_at", TZ),
)
SESS = sa.table(
    "pz_sessions",
    *(sa.column(c) for c in ("code", "network_id", "worksheet_id", "title", "date")),
    sa.column("key_digest"),
    sa.column("created_at", TZ),
    sa.column("expected", sa.Integer),
)
HIDDEN = sa.table(
    "pz_hidden_answers",
    *(sa.column(c) for c in ("session_code", "participant_id", "question_id")),
    sa.column("hidden_at", TZ),
)
POLLS = sa.table(
    "pz_polls",
    sa.column("id", sa.Integer),
    *(sa.column(c) for c in ("session_code", "kind", "prompt", "options_json")),
    sa.column("created_at", TZ),
    sa.column("closed_at", TZ),
)
POLL_ANS = sa.table(
    "pz_poll_answers",
    sa.column("poll_id", sa.Integer),
    *(sa.column(c) for c in ("participant_id", "value_json")),
    sa.column("saved_at", TZ),
)


# -- building legacy databases ----------------------------------------------------------------
def legacy_ddl(dialect: str, version: int) -> list[str]:
    """The statements with which the home-made migrator made schema ``version``."""
    sql = (DATA / f"store_v3.{dialect}.sql").read_text()
    sql = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    statements = [s.strip() for s in sql.split(";\n") if s.strip().rstrip(";")]
    statements = [s.rstrip(";") for s in statements]
    if version <= 2:  # schema 3 added pz_sessions.expected
        statements = [re.sub(r"\n\s*expected INTEGER,", "", s) for s in statements]
    if version == 1:
        statements = [
            s for s in statements if re.search(r"(?:TABLE|ON|INTO) (\w+)", s)[1] in V1_TABLES
        ]
    return [
        s.replace("'schema_version', '3'", f"'schema_version', '{version}'") for s in statements
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request: pytest.FixtureRequest, db_path: Path, monkeypatch) -> str:
    """An empty database on each backend, and the configured store (for the CLI)."""
    if request.param == "sqlite":
        url = f"sqlite:///{db_path}"
        db_path.parent.mkdir(parents=True, exist_ok=True)
    else:
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    monkeypatch.setenv("PLEEGZORG_DATABASE_URL", url)
    return url


def build_legacy(url: str, version: int) -> dict[str, str]:
    """A database of schema ``version`` with participants, answers and sessions in it."""
    engine = sa.create_engine(url)
    codes = {"anna": new_resume_code(), "bram": new_resume_code()}
    with engine.begin() as conn:
        for statement in legacy_ddl(engine.dialect.name, version):
            conn.exec_driver_sql(statement)
        for n, (name, code) in enumerate(codes.items()):
            conn.execute(
                P.insert().values(
                    id=f"{name:0<32}",
                    code_digest=code_digest(code),
                    role_id="pleegouder",
                    display_name=name.title(),
                    created_at=T0 + timedelta(minutes=n),
                    updated_at=T0 + timedelta(minutes=n),
                )
            )
        anna, bram = f"{'anna':0<32}", f"{'bram':0<32}"
        for who, session in ((anna, ""), (anna, "ABC234"), (bram, "")):
            conn.execute(
                ENROL.insert().values(
                    participant_id=who,
                    worksheet_id="informele-steun",
                    session_code=session,
                    first_seen=T0,
                    last_seen=T0 + timedelta(hours=1),
                )
            )
        answers = [
            (anna, "", "steun-wie", '"Mijn zus 👩‍👧 en <b>de buurvrouw</b>"'),
            (anna, "", "steun-cijfer", "7"),
            (anna, "ABC234", "steun-wie", '"In de bijeenkomst"'),
            (bram, "", "steun-wie", '"Niemand"'),
        ]
        for i, (who, session, question, value) in enumerate(answers):
            row = dict(
                participant_id=who,
                worksheet_id="informele-steun",
                session_code=session,
                question_id=question,
                value_json=value,
                saved_at=T0 + timedelta(seconds=i),
            )
            conn.execute(HIST.insert().values({**row, "value_json": '"eerste versie"'}))
            conn.execute(HIST.insert().values(**row))
            conn.execute(ANS.insert().values(**row))
        if version >= 2:
            session = dict(
                code="ABC234",
                network_id="breakdown",
                worksheet_id="informele-steun",
                title="Regio Noord",
                date="2025-03-01",
                key_digest="k" * 64,
                created_at=T0,
            )
            if version >= 3:
                session["expected"] = 12
            conn.execute(SESS.insert().values(**session))
            conn.execute(
                HIDDEN.insert().values(
                    session_code="ABC234", participant_id=anna, question_id="x", hidden_at=T0
                )
            )
            conn.execute(
                POLLS.insert().values(
                    session_code="ABC234",
                    kind="choice",
                    prompt="Koffie?",
                    options_json='["ja", "nee"]',
                    created_at=T0,
                )
            )
            poll_id = conn.execute(sa.select(sa.func.max(POLLS.c.id))).scalar_one()
            conn.execute(
                POLL_ANS.insert().values(
                    poll_id=poll_id, participant_id=bram, value_json='"ja"', saved_at=T0
                )
            )
    engine.dispose()
    return codes


def snapshot(url: str, tables: set[str]) -> dict[str, list[tuple]]:
    """Every row of the legacy tables, in a stable order (without the v3 column)."""
    engine = sa.create_engine(url)
    found = {}
    with engine.connect() as conn:
        for name in sorted(tables):
            table = sa.Table(name, sa.MetaData(), autoload_with=conn)
            columns = [c for c in table.c if c.name != "expected"]
            rows = conn.execute(sa.select(*columns)).all()
            found[name] = sorted(tuple(str(v) for v in row) for row in rows)
    engine.dispose()
    return found


def schema_differences(store: SQLStore) -> list:
    """What Alembic's autogenerate sees between the database and ``schema.metadata``."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, schema.metadata)


# -- tests ------------------------------------------------------------------------------------
def test_head_is_the_last_revision_and_history_is_linear() -> None:
    scripts = migrations.script_directory()
    assert scripts.get_heads() == [migrations.HEAD]
    order = [s.revision for s in scripts.walk_revisions()]
    assert order == ["0006", "0005", "0004", "0003"]
    assert scripts.get_revision(migrations.BASELINE).down_revision is None
    assert int(migrations.HEAD) == SCHEMA_VERSION


def test_a_new_database_is_created_at_head(blank_url: str) -> None:
    store = open_store(blank_url)
    try:
        assert store.revision() == migrations.HEAD
        assert store.schema_version() == SCHEMA_VERSION
        assert schema_differences(store) == []
        person, _ = store.create_participant()
        item = store.add_agenda_item(person.id, "breakdown", "Puberteit en school")
        assert store.vote(item, person.id)
    finally:
        store.close()


@pytest.mark.parametrize("version", [3, 2, 1])
@pytest.mark.parametrize("how", ["open", "cli"])
def test_old_databases_are_upgraded_without_losing_anything(
    blank_url: str, version: int, how: str, capsys
) -> None:
    codes = build_legacy(blank_url, version)
    legacy_tables = V2_TABLES if version >= 2 else V1_TABLES
    before = snapshot(blank_url, legacy_tables)
    if how == "open":
        open_store(blank_url).close()
    else:
        capsys.readouterr()
        assert cli.main(["db", "upgrade"]) == 0
        out = capsys.readouterr().out
        assert "bijgewerkt" in out and migrations.HEAD in out
        assert f"oud schema {version}" in out
    meta_row = snapshot(blank_url, {"pz_meta"})["pz_meta"]
    assert meta_row == [("schema_version", str(SCHEMA_VERSION))]
    after = snapshot(blank_url, legacy_tables)
    before.pop("pz_meta"), after.pop("pz_meta")
    assert after == before  # not one row lost or changed

    store = open_store(blank_url)
    try:
        assert store.revision() == migrations.HEAD
        assert schema_differences(store) == []
        anna = store.participant_by_code(codes["anna"])
        assert anna is not None and anna.display_name == "Anna" and anna.role_id == "pleegouder"
        assert store.answers_for(anna.id, "informele-steun") == {
            "steun-wie": "Mijn zus 👩‍👧 en <b>de buurvrouw</b>",
            "steun-cijfer": 7,
        }
        assert store.answers_for(anna.id, "informele-steun", session_code="ABC234") == {
            "steun-wie": "In de bijeenkomst"
        }
        history = store.history(anna.id, "informele-steun", "steun-wie")
        assert [v for _, v in history][:2] == [
            "eerste versie",
            "Mijn zus 👩‍👧 en <b>de buurvrouw</b>",
        ]
        when = history[0][0]
        assert when.replace(tzinfo=when.tzinfo or UTC) == T0  # (SQLite keeps UTC, naive)
        assert store.latest_session(anna.id, "informele-steun") in ("", "ABC234")
        if version >= 2:
            session = store.session("ABC234")
            assert session is not None and session.title == "Regio Noord"
            assert session.expected == (12 if version >= 3 else None)
        # the old tables keep working (sequences too), and the new ones work
        store.save_answer(anna.id, "informele-steun", "steun-wie", "Na de upgrade")
        assert store.history(anna.id, "informele-steun", "steun-wie")[-1][1] == "Na de upgrade"
        new_session, _ = store.create_session(
            network_id="breakdown", worksheet_id="informele-steun", title="Na", expected=3
        )
        assert store.session(new_session.code).expected == 3
        item = store.add_agenda_item(anna.id, "breakdown", "Contact met ouders")
        assert store.vote(item, anna.id) and not store.vote(item, anna.id)
        store.record_attendance(anna.id, "breakdown", "2025-03", True)
        assert store.attendance_of(anna.id, "breakdown") == {"2025-03"}
    finally:
        store.close()


def test_a_schema_3_database_is_stamped_not_rebuilt(blank_url: str, monkeypatch) -> None:
    build_legacy(blank_url, 3)
    ran = []
    for name in ("stamp", "upgrade"):
        real = getattr(command, name)

        def spy(cfg, revision, *, _name=name, _real=real, **kw):
            ran.append((_name, revision))
            return _real(cfg, revision, **kw)

        monkeypatch.setattr(command, name, spy)
    store = open_store(blank_url)
    try:
        assert ran == [("stamp", "0003"), ("upgrade", "head")]
        assert store.revision() == migrations.HEAD
    finally:
        store.close()


def test_db_current_reports_without_changing_anything(blank_url: str, capsys) -> None:
    capsys.readouterr()
    assert cli.main(["db", "current"]) == 0
    assert "geen (lege database)" in capsys.readouterr().out
    build_legacy(blank_url, 3)
    assert cli.main(["db", "current"]) == 0
    out = capsys.readouterr().out
    assert "oud schema 3" in out
    probe = SQLStore(blank_url, migrate=False)
    assert probe.revision() is None  # `current` did not migrate
    probe.close()
    assert cli.main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert cli.main(["db", "current"]) == 0
    out = capsys.readouterr().out
    assert f"Schemaversie: {migrations.HEAD} (nieuwste)" in out
    assert "Database: " in out
    assert cli.main(["db", "upgrade"]) == 0
    assert "al de nieuwste versie" in capsys.readouterr().out


def test_db_current_shows_an_older_revision(blank_url: str, capsys) -> None:
    store = open_store(blank_url)
    with store.migration_transaction() as conn:
        command.downgrade(migrations.alembic_config(conn), migrations.BASELINE)
    assert store.revision() == "0003" and store.schema_version() == 3
    store.close()
    capsys.readouterr()
    assert cli.main(["db", "current"]) == 0
    assert f"0003 (nieuwste is {migrations.HEAD}" in capsys.readouterr().out
    store = open_store(blank_url)  # and opening upgrades it again
    assert store.revision() == migrations.HEAD and store.schema_version() == SCHEMA_VERSION
    assert schema_differences(store) == []
    store.close()


def test_a_newer_database_is_refused(blank_url: str) -> None:
    open_store(blank_url).close()
    engine = sa.create_engine(blank_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="0099"):
        open_store(blank_url)


def test_a_newer_legacy_meta_is_refused(blank_url: str) -> None:
    build_legacy(blank_url, 3)
    engine = sa.create_engine(blank_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE pz_meta SET value = '9'"))
    engine.dispose()
    with pytest.raises(StoreError, match="nieuwer"):
        open_store(blank_url)
    assert SQLStore(blank_url, migrate=False).revision() is None  # nothing was done


def test_a_failing_migration_changes_nothing(blank_url: str, monkeypatch) -> None:
    build_legacy(blank_url, 3)
    before = snapshot(blank_url, V2_TABLES)
    real = command.upgrade

    def broken(cfg, target, **kw):
        real(cfg, target, **kw)
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(command, "upgrade", broken)
    with pytest.raises(RuntimeError, match="stroomstoring"):
        open_store(blank_url)
    probe = SQLStore(blank_url, migrate=False)
    assert probe.revision() is None and probe.schema_version() == 3  # all rolled back
    with probe.engine.connect() as conn:
        assert not sa.inspect(conn).has_table("pz_agenda_items")
    probe.close()
    assert snapshot(blank_url, V2_TABLES) == before
    monkeypatch.setattr(command, "upgrade", real)
    open_store(blank_url).close()
    assert snapshot(blank_url, V2_TABLES)["pz_answers"] == before["pz_answers"]


def test_opening_a_store_at_head_is_cheap(store, monkeypatch) -> None:
    url = store.url
    store.close()

    def forbidden(*_a, **_kw):
        raise AssertionError("an up-to-date store must not run Alembic")

    monkeypatch.setattr(migrations, "upgrade", forbidden)
    times = []
    for _ in range(7):
        started = time.perf_counter()
        open_store(url).close()
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.05, times


def _open_at_once(url: str, barrier, results) -> None:
    try:
        barrier.wait(timeout=60)
        store = open_store(url)
        person, _ = store.create_participant()
        store.add_agenda_item(person.id, "breakdown", "tegelijk")
        results.put(store.revision())
        store.close()
    except Exception as exc:  # noqa: BLE001 - reported to the test, with where it happened
        import traceback

        where = "".join(traceback.format_tb(exc.__traceback__)[-4:])
        results.put(f"{type(exc).__name__}: {exc}\n{where}")


@pytest.mark.slow
def test_kernels_opening_a_new_store_at_once_all_succeed(blank_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    n = 6
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [
        ctx.Process(target=_open_at_once, args=(blank_url, barrier, results)) for _ in range(n)
    ]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert outcomes == [migrations.HEAD] * n
    store = open_store(blank_url)
    assert len(store.agenda_items("breakdown")) == n
    store.close()


def test_threads_opening_a_new_store_at_once_all_succeed(blank_url: str) -> None:
    n = 5
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            store = open_store(blank_url)
            outcomes.append(store.revision() or "")
            store.close()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == [migrations.HEAD] * n


def test_migrations_ship_inside_the_package() -> None:
    here = Path(migrations.__file__).parent
    assert (here / "env.py").is_file()
    assert sorted(p.name for p in (here / "versions").glob("*.py")) == [
        "0003_baseline.py",
        "0004_agenda_attendance.py",
        "0005_exchange.py",
        "0006_theme_proposals.py",
    ]
    assert migrations.alembic_config().get_main_option("script_location") == str(here)


@pytest.fixture
def sqlite_store_url(db_path: Path) -> Iterator[str]:
    yield f"sqlite:///{db_path}"


def test_offline_sql_can_be_generated(sqlite_store_url: str, capsys) -> None:
    """``alembic upgrade --sql`` for a DBA who wants to read or run the DDL by hand."""
    cfg = migrations.alembic_config()
    cfg.set_main_option("sqlalchemy.url", sqlite_store_url)
    capsys.readouterr()
    command.upgrade(cfg, "0003:0004", sql=True)
    out = capsys.readouterr().out
    assert "CREATE TABLE pz_agenda_items" in out and "pz_attendance" in out


def test_alembic_commands_work_on_the_configured_store(sqlite_store_url: str, capsys) -> None:
    """Alembic's own commands, for a developer: they use ``PLEEGZORG_DATABASE_URL``."""
    cfg = migrations.alembic_config()
    command.upgrade(cfg, migrations.BASELINE)
    probe = SQLStore(sqlite_store_url, migrate=False)
    assert probe.revision() == migrations.BASELINE and probe.schema_version() == 3
    command.upgrade(cfg, "head")
    assert probe.revision() == migrations.HEAD
    capsys.readouterr()
    command.check(cfg)  # autogenerate finds nothing to do: head equals schema.py
    probe.close()
