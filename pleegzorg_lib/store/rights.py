"""Data rights (AVG/GDPR): a participant's own rows, erasure and retention.

Erasure deletes every row of the participant and, on SQLite, leaves no byte of it behind:
``secure_delete`` overwrites freed pages and a ``TRUNCATE`` checkpoint empties the WAL.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, delete, func, or_, select

from .schema import (
    agenda_items,
    agenda_votes,
    answer_history,
    answers,
    attendance,
    enrolments,
    hidden_answers,
    participants,
    poll_answers,
)


class _HasConnections(Protocol):
    engine: Engine

    def _write(self) -> AbstractContextManager[Connection]: ...
    def _read(self) -> AbstractContextManager[Connection]: ...


class RightsMixin:
    """Methods of :class:`SQLStore` for a participant's own data."""

    def all_answers_of(self: _HasConnections, participant_id: str) -> list[dict[str, Any]]:
        """Every latest answer of one participant, over all worksheets and sessions."""
        with self._read() as conn:
            rows = conn.execute(
                select(answers)
                .where(answers.c.participant_id == participant_id)
                .order_by(answers.c.worksheet_id, answers.c.session_code, answers.c.saved_at)
            ).all()
        return [
            {
                "worksheet_id": r.worksheet_id,
                "session_code": r.session_code,
                "question_id": r.question_id,
                "value": json.loads(r.value_json),
                "saved_at": r.saved_at,
            }
            for r in rows
        ]

    def contributions_of(self: _HasConnections, participant_id: str) -> dict[str, list[dict]]:
        """What a participant put into the tools besides answers, for their export.

        ``agenda_items``: the items they proposed (also hidden ones: they are theirs);
        ``agenda_votes``: the items they voted for — the text only of items still shown to
        the network, since an item hidden by a facilitator may be someone else's words;
        ``attendance``: the meetings at which they were recorded present.
        """
        with self._read() as conn:
            items = conn.execute(
                select(agenda_items)
                .where(agenda_items.c.participant_id == participant_id)
                .order_by(agenda_items.c.created_at, agenda_items.c.id)
            ).all()
            votes = conn.execute(
                select(
                    agenda_votes.c.item_id,
                    agenda_votes.c.created_at,
                    agenda_items.c.network_id,
                    agenda_items.c.text,
                    agenda_items.c.hidden,
                    agenda_items.c.participant_id.label("author"),
                )
                .join(agenda_items, agenda_items.c.id == agenda_votes.c.item_id)
                .where(agenda_votes.c.participant_id == participant_id)
                .order_by(agenda_votes.c.created_at, agenda_votes.c.item_id)
            ).all()
            present = conn.execute(
                select(attendance)
                .where(attendance.c.participant_id == participant_id)
                .order_by(attendance.c.network_id, attendance.c.meeting_id)
            ).all()
        return {
            "agenda_items": [
                {
                    "id": r.id,
                    "network_id": r.network_id,
                    "theme_id": r.theme_id,
                    "text": r.text,
                    "hidden": bool(r.hidden),
                    "created_at": r.created_at,
                }
                for r in items
            ],
            "agenda_votes": [
                {
                    "item_id": r.item_id,
                    "network_id": r.network_id,
                    "text": r.text if (not r.hidden or r.author == participant_id) else None,
                    "created_at": r.created_at,
                }
                for r in votes
            ],
            "attendance": [
                {
                    "network_id": r.network_id,
                    "meeting_id": r.meeting_id,
                    "recorded_at": r.recorded_at,
                }
                for r in present
            ],
        }

    def forget_participant(self: _HasConnections, participant_id: str) -> int:
        """Erase a participant and everything they wrote; return the number of rows removed.

        Their agenda items go too, with every vote on them (also other people's).
        """
        removed = 0
        with self._write() as conn:
            own_items = select(agenda_items.c.id).where(
                agenda_items.c.participant_id == participant_id
            )
            removed += conn.execute(
                delete(agenda_votes).where(
                    (agenda_votes.c.participant_id == participant_id)
                    | agenda_votes.c.item_id.in_(own_items)
                )
            ).rowcount
            for table in (
                agenda_items,
                attendance,
                hidden_answers,
                poll_answers,
                answer_history,
                answers,
                enrolments,
            ):
                removed += conn.execute(
                    delete(table).where(table.c.participant_id == participant_id)
                ).rowcount
            removed += conn.execute(
                delete(participants).where(participants.c.id == participant_id)
            ).rowcount
        _scrub(self.engine)
        return removed

    def purge_older_than(self: _HasConnections, days: int) -> int:
        """Erase participants whose last activity is older than ``days``; return how many."""
        cutoff = datetime.now(UTC) - timedelta(days=days)
        with self._read() as conn:
            last_answer = (
                select(answers.c.participant_id, func.max(answers.c.saved_at).label("last"))
                .group_by(answers.c.participant_id)
                .subquery()
            )
            last_visit = (
                select(enrolments.c.participant_id, func.max(enrolments.c.last_seen).label("last"))
                .group_by(enrolments.c.participant_id)
                .subquery()
            )
            query = (
                select(participants.c.id)
                .outerjoin(last_answer, last_answer.c.participant_id == participants.c.id)
                .outerjoin(last_visit, last_visit.c.participant_id == participants.c.id)
                .where(participants.c.updated_at < cutoff)
                .where(or_(last_answer.c.last.is_(None), last_answer.c.last < cutoff))
                .where(or_(last_visit.c.last.is_(None), last_visit.c.last < cutoff))
            )
            # Proposing, voting or being present is activity too.
            for table, column in (
                (agenda_items, agenda_items.c.created_at),
                (agenda_votes, agenda_votes.c.created_at),
                (attendance, attendance.c.recorded_at),
            ):
                recent = select(table.c.participant_id).where(column >= cutoff)
                query = query.where(participants.c.id.not_in(recent))
            rows = conn.execute(query).all()
        for row in rows:
            RightsMixin.forget_participant(self, row.id)
        return len(rows)


def _scrub(engine: Engine) -> None:
    """Leave no copy of erased rows in the database files."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in (
                "pz_answers",
                "pz_answer_history",
                "pz_participants",
                "pz_enrolments",
                "pz_agenda_items",
                "pz_agenda_votes",
                "pz_attendance",
            ):
                conn.exec_driver_sql(f"VACUUM {table}")
