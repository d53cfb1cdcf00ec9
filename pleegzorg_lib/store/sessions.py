"""Sessions (bijeenkomsten), moderation and quick polls: the facilitator's side of the store."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, delete, func, insert, select, update

from ..model import code_digest
from ..model.identity import ALPHABET
from .schema import (
    answers,
    enrolments,
    hidden_answers,
    participants,
    poll_answers,
    polls,
    sessions,
)

#: 9 symbols of 31: 44 bits, too many to try (issue 27: 6 symbols were ~30 bits)
SESSION_CODE_LENGTH = 9


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """A meeting in which participants work on one worksheet."""

    code: str
    network_id: str
    worksheet_id: str
    title: str
    date: str | None
    created_at: datetime
    expected: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Poll:
    """A quick poll launched during a session: a question with options, or one open line."""

    id: int
    session_code: str
    kind: str
    prompt: str
    options: tuple[str, ...]
    created_at: datetime
    closed: bool


class _HasConnections(Protocol):
    def _write(self) -> AbstractContextManager[Connection]: ...
    def _read(self) -> AbstractContextManager[Connection]: ...
    def _upsert(
        self, table: Any, values: dict[str, Any], keys: list[str], update_cols: list[str]
    ) -> Any: ...


def _now() -> datetime:
    return datetime.now(UTC)


def _session(row: Any) -> Session:
    return Session(
        code=row.code,
        network_id=row.network_id,
        worksheet_id=row.worksheet_id,
        title=row.title,
        date=row.date,
        created_at=row.created_at,
        expected=row.expected,
    )


def _poll(row: Any) -> Poll:
    return Poll(
        id=row.id,
        session_code=row.session_code,
        kind=row.kind,
        prompt=row.prompt,
        options=tuple(json.loads(row.options_json)),
        created_at=row.created_at,
        closed=row.closed_at is not None,
    )


class SessionsMixin:
    """Methods of :class:`SQLStore` for sessions, moderation and polls."""

    # -- sessions -------------------------------------------------------------------------
    def create_session(
        self: _HasConnections,
        *,
        network_id: str,
        worksheet_id: str,
        title: str,
        date: str | None = None,
        expected: int | None = None,
    ) -> tuple[Session, str]:
        """Create a session; return it and its facilitator key (shown once, stored hashed)."""
        key = secrets.token_urlsafe(18)
        now = _now()
        for _ in range(20):
            code = "".join(secrets.choice(ALPHABET) for _ in range(SESSION_CODE_LENGTH))
            with self._write() as conn:
                if conn.execute(select(sessions.c.code).where(sessions.c.code == code)).first():
                    continue
                conn.execute(
                    insert(sessions).values(
                        code=code,
                        network_id=network_id,
                        worksheet_id=worksheet_id,
                        title=title,
                        date=date,
                        key_digest=code_digest_text(key),
                        created_at=now,
                        expected=expected,
                    )
                )
            session = Session(
                code=code,
                network_id=network_id,
                worksheet_id=worksheet_id,
                title=title,
                date=date,
                created_at=now,
                expected=expected,
            )
            return session, key
        raise RuntimeError("could not draw a free session code")

    def set_expected(self: _HasConnections, code: str, expected: int | None) -> None:
        """Change how many participants a session expects (0 or None: no warm kernels)."""
        with self._write() as conn:
            conn.execute(update(sessions).where(sessions.c.code == code).values(expected=expected))

    def sessions_expecting(
        self: _HasConnections, since: datetime, dates: Sequence[str] = ()
    ) -> list[Session]:
        """Sessions that may expect participants (``expected`` not set to 0): undated ones
        created after ``since``, and those dated on one of ``dates`` (ISO), whenever they
        were created (a meeting is often planned weeks ahead)."""
        may_expect = sessions.c.expected.is_(None) | (sessions.c.expected > 0)
        recent = sessions.c.date.is_(None) & (sessions.c.created_at >= since)
        on_a_day = sessions.c.date.in_(list(dates)) if dates else sessions.c.created_at >= since
        with self._read() as conn:
            rows = conn.execute(select(sessions).where(may_expect & (recent | on_a_day))).all()
        return [_session(r) for r in rows]

    def worksheet_visits(self: _HasConnections, since: datetime) -> dict[str, int]:
        """Worksheet id → how many participants had it open since ``since`` (its enrolments
        seen since then): what the warm-up keeps warm first."""
        with self._read() as conn:
            rows = conn.execute(
                select(enrolments.c.worksheet_id, func.count())
                .where(enrolments.c.last_seen >= since)
                .group_by(enrolments.c.worksheet_id)
            ).all()
        return {worksheet: int(count) for worksheet, count in rows}

    def session(self: _HasConnections, code: str) -> Session | None:
        """The session with join code ``code`` or ``None``."""
        with self._read() as conn:
            row = conn.execute(select(sessions).where(sessions.c.code == code)).first()
        return _session(row) if row else None

    def sessions_for_worksheet(self: _HasConnections, worksheet_id: str) -> list[Session]:
        """Every session that used a worksheet, oldest first (for comparing regions)."""
        with self._read() as conn:
            rows = conn.execute(
                select(sessions)
                .where(sessions.c.worksheet_id == worksheet_id)
                .order_by(sessions.c.created_at)
            ).all()
        return [_session(r) for r in rows]

    def facilitator_may(self: _HasConnections, code: str, key: str) -> bool:
        """True when ``key`` is the facilitator key of session ``code`` (checked in the kernel)."""
        if not code or not key or len(key) > 200:
            return False
        with self._read() as conn:
            stored = conn.execute(
                select(sessions.c.key_digest).where(sessions.c.code == code)
            ).scalar_one_or_none()
        return stored is not None and secrets.compare_digest(stored, code_digest_text(key))

    def session_participants(self: _HasConnections, code: str) -> dict[str, str | None]:
        """Everyone who joined the session: participant id → role id. Never display names."""
        with self._read() as conn:
            rows = conn.execute(
                select(participants.c.id, participants.c.role_id)
                .join(enrolments, enrolments.c.participant_id == participants.c.id)
                .where(enrolments.c.session_code == code)
                .distinct()
            ).all()
        return {r.id: r.role_id for r in rows}

    def session_answers(
        self: _HasConnections, code: str, worksheet_id: str
    ) -> Iterator[dict[str, Any]]:
        """The latest answers given in a session: participant, role, question, value."""
        with self._read() as conn:
            rows = conn.execute(
                select(
                    answers.c.participant_id,
                    participants.c.role_id,
                    answers.c.question_id,
                    answers.c.value_json,
                    answers.c.saved_at,
                )
                .join(participants, participants.c.id == answers.c.participant_id)
                .where((answers.c.session_code == code) & (answers.c.worksheet_id == worksheet_id))
            ).all()
        for r in rows:
            yield {
                "participant_id": r.participant_id,
                "role_id": r.role_id,
                "question_id": r.question_id,
                "value": json.loads(r.value_json),
                "saved_at": r.saved_at,
            }

    # -- moderation -----------------------------------------------------------------------
    def set_hidden(
        self: _HasConnections, code: str, participant_id: str, question_id: str, hidden: bool
    ) -> None:
        """Hide an open answer from the shared view (or show it again); the answer stays."""
        key = (
            (hidden_answers.c.session_code == code)
            & (hidden_answers.c.participant_id == participant_id)
            & (hidden_answers.c.question_id == question_id)
        )
        with self._write() as conn:
            conn.execute(delete(hidden_answers).where(key))
            if hidden:
                conn.execute(
                    insert(hidden_answers).values(
                        session_code=code,
                        participant_id=participant_id,
                        question_id=question_id,
                        hidden_at=_now(),
                    )
                )

    def hidden(self: _HasConnections, code: str) -> set[tuple[str, str]]:
        """The (participant id, question id) pairs hidden in a session."""
        with self._read() as conn:
            rows = conn.execute(
                select(hidden_answers.c.participant_id, hidden_answers.c.question_id).where(
                    hidden_answers.c.session_code == code
                )
            ).all()
        return {(r.participant_id, r.question_id) for r in rows}

    # -- quick polls ----------------------------------------------------------------------
    def launch_poll(
        self: _HasConnections, code: str, *, prompt: str, options: tuple[str, ...] = ()
    ) -> Poll:
        """Start a poll in a session; a running poll is closed first (one at a time)."""
        now = _now()
        kind = "choice" if options else "open"
        with self._write() as conn:
            conn.execute(
                update(polls)
                .where((polls.c.session_code == code) & polls.c.closed_at.is_(None))
                .values(closed_at=now)
            )
            inserted = conn.execute(
                insert(polls).values(
                    session_code=code,
                    kind=kind,
                    prompt=prompt,
                    options_json=json.dumps(list(options), ensure_ascii=False),
                    created_at=now,
                )
            ).inserted_primary_key
            assert inserted is not None  # an INSERT always has one
            poll_id = inserted[0]
        return Poll(
            id=int(poll_id),
            session_code=code,
            kind=kind,
            prompt=prompt,
            options=options,
            created_at=now,
            closed=False,
        )

    def close_poll(self: _HasConnections, poll_id: int) -> None:
        """Stop a poll: participants no longer see it; its answers stay."""
        with self._write() as conn:
            conn.execute(
                update(polls)
                .where((polls.c.id == poll_id) & polls.c.closed_at.is_(None))
                .values(closed_at=_now())
            )

    def active_poll(self: _HasConnections, code: str) -> Poll | None:
        """The poll running in a session, if any."""
        with self._read() as conn:
            row = conn.execute(
                select(polls)
                .where((polls.c.session_code == code) & polls.c.closed_at.is_(None))
                .order_by(polls.c.id.desc())
                .limit(1)
            ).first()
        return _poll(row) if row else None

    def polls_of(self: _HasConnections, code: str) -> list[Poll]:
        """Every poll of a session, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                select(polls).where(polls.c.session_code == code).order_by(polls.c.id)
            ).all()
        return [_poll(r) for r in rows]

    def answer_poll(self: _HasConnections, poll_id: int, participant_id: str, value: Any) -> None:
        """Store (or replace) a participant's answer to a poll."""
        with self._write() as conn:
            conn.execute(
                self._upsert(
                    poll_answers,
                    {
                        "poll_id": poll_id,
                        "participant_id": participant_id,
                        "value_json": json.dumps(value, ensure_ascii=False),
                        "saved_at": _now(),
                    },
                    ["poll_id", "participant_id"],
                    ["value_json", "saved_at"],
                )
            )

    def poll_values(self: _HasConnections, poll_id: int) -> list[Any]:
        """The answers to a poll, earliest first (values only: who answered is not shown)."""
        with self._read() as conn:
            rows = conn.execute(
                select(poll_answers.c.value_json)
                .where(poll_answers.c.poll_id == poll_id)
                .order_by(poll_answers.c.saved_at, poll_answers.c.participant_id)
            ).all()
        return [json.loads(r.value_json) for r in rows]


def code_digest_text(key: str) -> str:
    """Digest of a facilitator key (url-safe text, unlike resume codes)."""
    return code_digest(key.encode("ascii", "replace").decode("ascii"))
