"""The store on SQLAlchemy Core: SQLite (embedded default) or PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` and a busy timeout, and every write
transaction starts with ``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing
half-way. A method that writes returns only after the transaction committed: the page says
"opgeslagen" on that return, never earlier.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from ..model import code_digest, new_resume_code
from . import migrations, schema
from .agenda import AgendaMixin
from .directory import DirectoryMixin
from .engine import Database
from .errors import StoreError
from .exchange import ExchangeMixin
from .network_admin import NetworkAdminMixin
from .rights import RightsMixin
from .schema import answer_history, answers, enrolments, participants
from .sessions import SessionsMixin

#: PostgreSQL advisory lock held while migrating: several servers may start at once.
MIGRATION_LOCK = 7302511
_MIGRATING = threading.Lock()

__all__ = ["Participant", "SQLStore", "StoreError"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """A pseudonymous participant as stored."""

    id: str
    role_id: str | None
    display_name: str | None
    created_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


class SQLStore(
    SessionsMixin, RightsMixin, AgendaMixin, DirectoryMixin, ExchangeMixin, NetworkAdminMixin
):
    """Participants, enrolments and answers in a relational database."""

    def _upsert(self, table: Any, values: dict[str, Any], keys: list[str], update_cols: list[str]):
        """INSERT … ON CONFLICT DO UPDATE: two tabs of one participant never collide."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(table).values(**values)
        return stmt.on_conflict_do_update(
            index_elements=keys, set_={c: stmt.excluded[c] for c in update_cols}
        )

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        """Open the store at ``url`` and bring its schema to the newest revision.

        ``migrate=False`` only connects (``pleegzorg db current`` must not change anything).
        """
        self.database = Database(url)
        self.url = self.database.url
        self.engine = self.database.engine
        if migrate:
            self.migrate()

    # -- connections (engine.py) ----------------------------------------------------
    def _write(self) -> AbstractContextManager[Connection]:
        return self.database.write()

    def _read(self) -> AbstractContextManager[Connection]:
        return self.database.read()

    @contextmanager
    def migration_transaction(self) -> Iterator[Connection]:
        """A write transaction that holds the migration lock, for Alembic to run in.

        SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock, so another process
        migrating at the same time waits (busy timeout) and then finds the work done.
        PostgreSQL: a transaction-scoped advisory lock. Both roll DDL back on failure.
        """
        with self._write() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            yield conn

    def revision(self) -> str | None:
        """The Alembic revision of the database, or ``None`` before the first migration."""
        with self._read() as conn:
            return migrations.current_revision(conn)

    def _at_head(self) -> bool:
        """One cheap query: is the database at this program's newest revision?"""
        try:
            with self._read() as conn:
                rows = conn.execute(
                    text(f"SELECT version_num FROM {migrations.VERSION_TABLE}")
                ).all()
        except DBAPIError:  # no alembic_version yet: a new or a pre-Alembic database
            return False
        return [r[0] for r in rows] == [migrations.HEAD]

    def migrate(self) -> tuple[str | None, str | None]:
        """Upgrade the schema to the newest revision; return (revision before, after).

        Cheap when nothing is to do (one SELECT, Alembic is not even imported); otherwise
        Alembic runs under the migration lock, and is safe to race (idempotent).
        """
        if self._at_head():
            return migrations.HEAD, migrations.HEAD
        # Alembic's ``op``/``context`` are process-wide: one migration per process at a time.
        with _MIGRATING, self.migration_transaction() as conn:
            return migrations.upgrade(conn)

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._read() as conn:
            value = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def __enter__(self) -> SQLStore:
        """``with open_store() as store:`` closes the store however the block ends."""
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- participants --------------------------------------------------------------------
    def create_participant(
        self, *, role_id: str | None = None, display_name: str | None = None
    ) -> tuple[Participant, str]:
        """Create a participant; return it and its resume code (shown once, stored hashed)."""
        now = _now()
        for _ in range(5):
            code = new_resume_code()
            pid = secrets.token_hex(16)
            with self._write() as conn:
                clash = conn.execute(
                    select(participants.c.id).where(participants.c.code_digest == code_digest(code))
                ).first()
                if clash:
                    continue
                conn.execute(
                    insert(participants).values(
                        id=pid,
                        code_digest=code_digest(code),
                        role_id=role_id,
                        display_name=display_name,
                        created_at=now,
                        updated_at=now,
                    )
                )
            return Participant(
                id=pid, role_id=role_id, display_name=display_name, created_at=now
            ), code
        raise RuntimeError("could not draw a unique resume code")  # 59 bits: never in practice

    def participant_by_code(self, code: str) -> Participant | None:
        """The participant whose resume code is ``code`` (normalised form), or ``None``."""
        with self._read() as conn:
            row = conn.execute(
                select(participants).where(participants.c.code_digest == code_digest(code))
            ).first()
        if row is None:
            return None
        return Participant(
            id=row.id,
            role_id=row.role_id,
            display_name=row.display_name,
            created_at=row.created_at,
        )

    def update_participant(self, participant_id: str, **fields: str | None) -> None:
        """Set ``role_id`` and/or ``display_name`` of a participant."""
        allowed = {k: v for k, v in fields.items() if k in ("role_id", "display_name")}
        if not allowed:
            return
        with self._write() as conn:
            conn.execute(
                update(participants)
                .where(participants.c.id == participant_id)
                .values(**allowed, updated_at=_now())
            )

    # -- enrolments ----------------------------------------------------------------------
    def enrol(self, participant_id: str, worksheet_id: str, session_code: str = "") -> None:
        """Record that a participant opened a worksheet (in a session)."""
        now = _now()
        with self._write() as conn:
            conn.execute(
                self._upsert(
                    enrolments,
                    {
                        "participant_id": participant_id,
                        "worksheet_id": worksheet_id,
                        "session_code": session_code,
                        "first_seen": now,
                        "last_seen": now,
                    },
                    ["participant_id", "worksheet_id", "session_code"],
                    ["last_seen"],
                )
            )

    def latest_session(self, participant_id: str, worksheet_id: str) -> str | None:
        """The session in which the participant last opened this worksheet ('' = none)."""
        with self._read() as conn:
            return conn.execute(
                select(enrolments.c.session_code)
                .where(
                    (enrolments.c.participant_id == participant_id)
                    & (enrolments.c.worksheet_id == worksheet_id)
                )
                .order_by(enrolments.c.last_seen.desc())
                .limit(1)
            ).scalar_one_or_none()

    # -- answers -------------------------------------------------------------------------
    def save_answer(
        self,
        participant_id: str,
        worksheet_id: str,
        question_id: str,
        value: Any,
        *,
        session_code: str = "",
    ) -> datetime:
        """Store ``value`` as the latest answer and append it to the history; return the time.

        Returns only after the transaction committed.
        """
        now = _now()
        value_json = json.dumps(value, ensure_ascii=False)
        row = {
            "participant_id": participant_id,
            "worksheet_id": worksheet_id,
            "session_code": session_code,
            "question_id": question_id,
            "value_json": value_json,
            "saved_at": now,
        }
        with self._write() as conn:
            conn.execute(
                self._upsert(
                    answers,
                    row,
                    ["participant_id", "worksheet_id", "session_code", "question_id"],
                    ["value_json", "saved_at"],
                )
            )
            conn.execute(insert(answer_history).values(**row))
        return now

    def answers_for(
        self, participant_id: str, worksheet_id: str, *, session_code: str = ""
    ) -> dict[str, Any]:
        """The latest answers of a participant on a worksheet: question id → value."""
        with self._read() as conn:
            rows = conn.execute(
                select(answers.c.question_id, answers.c.value_json).where(
                    (answers.c.participant_id == participant_id)
                    & (answers.c.worksheet_id == worksheet_id)
                    & (answers.c.session_code == session_code)
                )
            ).all()
        return {row.question_id: json.loads(row.value_json) for row in rows}

    def history(
        self, participant_id: str, worksheet_id: str, question_id: str
    ) -> list[tuple[datetime, Any]]:
        """Every saved value of one answer, oldest first, with its time."""
        with self._read() as conn:
            rows = conn.execute(
                select(answer_history.c.saved_at, answer_history.c.value_json)
                .where(
                    (answer_history.c.participant_id == participant_id)
                    & (answer_history.c.worksheet_id == worksheet_id)
                    & (answer_history.c.question_id == question_id)
                )
                .order_by(answer_history.c.id)
            ).all()
        return [(row.saved_at, json.loads(row.value_json)) for row in rows]
