"""Data rights (AVG/GDPR): a participant's own rows, erasure and retention.

Erasure deletes every row of the participant and, on SQLite, leaves no byte of it behind:
``secure_delete`` overwrites freed pages and a ``TRUNCATE`` checkpoint empties the WAL.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from .schema import (
    agenda_items,
    agenda_votes,
    answer_history,
    answers,
    attendance,
    enrolments,
    hidden_answers,
    network_poll_votes,
    network_polls,
    network_visits,
    participants,
    poll_answers,
    post_reports,
    post_votes,
    posts,
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
            written = conn.execute(
                select(posts)
                .where(posts.c.participant_id == participant_id)
                .order_by(posts.c.created_at, posts.c.id)
            ).all()
            voted = conn.execute(
                select(
                    post_votes.c.post_id,
                    post_votes.c.created_at,
                    posts.c.network_id,
                    posts.c.kind,
                    posts.c.title,
                    posts.c.status,
                )
                .join(posts, posts.c.id == post_votes.c.post_id)
                .where(post_votes.c.participant_id == participant_id)
                .order_by(post_votes.c.created_at)
            ).all()
            reported = conn.execute(
                select(
                    post_reports.c.post_id,
                    post_reports.c.reason,
                    post_reports.c.created_at,
                    posts.c.network_id,
                )
                .join(posts, posts.c.id == post_reports.c.post_id)
                .where(post_reports.c.participant_id == participant_id)
                .order_by(post_reports.c.created_at)
            ).all()
            polled = conn.execute(
                select(
                    network_poll_votes.c.option,
                    network_poll_votes.c.saved_at,
                    network_polls.c.network_id,
                    network_polls.c.prompt,
                    network_polls.c.options_json,
                )
                .join(network_polls, network_polls.c.id == network_poll_votes.c.poll_id)
                .where(network_poll_votes.c.participant_id == participant_id)
                .order_by(network_poll_votes.c.saved_at)
            ).all()
        exchange = {
            "network_poll_votes": [
                {
                    "network_id": r.network_id,
                    "prompt": r.prompt,
                    "choice": (json.loads(r.options_json) + [""] * (r.option + 1))[r.option],
                    "saved_at": r.saved_at,
                }
                for r in polled
            ],
            "posts": [
                {
                    "id": r.id,
                    "network_id": r.network_id,
                    "kind": r.kind,
                    "parent_id": r.parent_id,
                    "title": r.title,
                    "body": json.loads(r.body_json),
                    "status": r.status,
                    "created_at": r.created_at,
                }
                for r in written
            ],
            # the title only of items still shown to the network (a hidden one may be
            # someone else's words the moderator took away)
            "post_votes": [
                {
                    "post_id": r.post_id,
                    "network_id": r.network_id,
                    "kind": r.kind,
                    "title": r.title if r.status == "visible" else None,
                    "created_at": r.created_at,
                }
                for r in voted
            ],
            "post_reports": [
                {
                    "post_id": r.post_id,
                    "network_id": r.network_id,
                    "reason": r.reason,
                    "created_at": r.created_at,
                }
                for r in reported
            ],
        }
        return {
            **exchange,
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
            removed += _forget_posts(conn, participant_id)
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
                network_poll_votes,
                network_visits,
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
                (posts, posts.c.created_at),
                (post_votes, post_votes.c.created_at),
                (post_reports, post_reports.c.created_at),
                (network_visits, network_visits.c.seen_at),
                (network_poll_votes, network_poll_votes.c.saved_at),
            ):
                recent = select(table.c.participant_id).where(column >= cutoff)
                query = query.where(participants.c.id.not_in(recent))
            rows = conn.execute(query).all()
        for row in rows:
            RightsMixin.forget_participant(self, row.id)
        return len(rows)


def _forget_posts(conn: Connection, participant_id: str) -> int:
    """Erase a participant's stories, questions, replies, votes and reports.

    An item of theirs under which others replied keeps its place (status "removed", no
    writer, no title, no text), so those replies keep their context "(verwijderd)"; every
    other item of theirs goes, with the votes and reports on it."""
    removed = 0
    for table in (post_votes, post_reports):
        removed += conn.execute(
            delete(table).where(table.c.participant_id == participant_id)
        ).rowcount
    own = [
        r.id
        for r in conn.execute(
            select(posts.c.id)
            .where(posts.c.participant_id == participant_id)
            .order_by(posts.c.parent_id.is_(None), posts.c.id)  # replies first
        )
    ]
    for post_id in own:
        others_below = conn.execute(
            select(func.count()).where(posts.c.parent_id == post_id)
        ).scalar_one()
        for table in (post_votes, post_reports):
            removed += conn.execute(delete(table).where(table.c.post_id == post_id)).rowcount
        if others_below:
            conn.execute(
                update(posts)
                .where(posts.c.id == post_id)
                .values(
                    participant_id=None,
                    role_id=None,
                    title=None,
                    body_json="{}",
                    digest="",
                    status="removed",
                    pinned=False,
                )
            )
        else:
            conn.execute(delete(posts).where(posts.c.id == post_id))
        removed += 1
    return removed


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
                "pz_posts",
                "pz_post_votes",
                "pz_post_reports",
                "pz_network_visits",
                "pz_network_poll_votes",
            ):
                conn.exec_driver_sql(f"VACUUM {table}")
