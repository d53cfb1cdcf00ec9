"""A network's agenda in the store (proposed subjects and votes) and who attended its meetings
(the Kennisagenda and the year plan's attendance)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, delete, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from ..model import AnswerError
from .schema import agenda_items, agenda_votes, attendance

#: The longest agenda item, in characters.
AGENDA_TEXT_LIMIT = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaItem:
    """A subject proposed for a network's agenda, as one participant sees it."""

    id: int
    network_id: str
    theme_id: str | None
    text: str
    votes: int
    mine: bool  # proposed by the participant asking
    voted: bool  # the participant asking voted for it
    hidden: bool
    created_at: datetime


class _HasConnections(Protocol):
    def _write(self) -> AbstractContextManager[Connection]: ...
    def _read(self) -> AbstractContextManager[Connection]: ...


def _now() -> datetime:
    return datetime.now(UTC)


def validate_agenda_text(value: Any) -> str:
    """The text of an agenda item as stored (stripped), or raise :class:`AnswerError`."""
    if not isinstance(value, str) or not value.strip():
        raise AnswerError("answer.invalid")
    value = value.strip()
    if len(value) > AGENDA_TEXT_LIMIT:
        raise AnswerError("answer.too_long", length=len(value), limit=AGENDA_TEXT_LIMIT)
    if "\x00" in value:
        raise AnswerError("answer.bad_characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate from a forged message
        raise AnswerError("answer.bad_characters") from exc
    return value


def _check_id(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 64:
        raise ValueError(f"{name} must be a non-empty string of at most 64 characters")
    return value


class AgendaMixin:
    """Methods of :class:`SQLStore` for the agenda and attendance tools."""

    # -- agenda ---------------------------------------------------------------------------
    def add_agenda_item(
        self: _HasConnections,
        participant_id: str,
        network_id: str,
        text: str,
        theme_id: str | None = None,
    ) -> int:
        """Propose ``text`` for the agenda of a network; return the new item's id."""
        value = validate_agenda_text(text)
        _check_id(network_id, "network_id")
        if theme_id is not None:
            _check_id(theme_id, "theme_id")
        with self._write() as conn:
            result = conn.execute(
                insert(agenda_items).values(
                    network_id=network_id,
                    theme_id=theme_id,
                    text=value,
                    participant_id=participant_id,
                    created_at=_now(),
                    hidden=False,
                )
            )
            key = result.inserted_primary_key
            assert key is not None  # an INSERT always has one
            return int(key[0])

    def agenda_items(
        self: _HasConnections,
        network_id: str,
        participant_id: str | None = None,
        include_hidden: bool = False,
    ) -> list[AgendaItem]:
        """The agenda of a network, most votes first (then oldest first).

        ``mine`` and ``voted`` are about ``participant_id``; hidden items only on request
        (the facilitator's view).
        """
        counts = (
            select(agenda_votes.c.item_id, func.count().label("n"))
            .group_by(agenda_votes.c.item_id)
            .subquery()
        )
        votes = func.coalesce(counts.c.n, 0).label("votes")
        if participant_id is None:
            voted = literal(False).label("voted")
        else:
            voted = (
                select(agenda_votes.c.item_id)
                .where(
                    (agenda_votes.c.item_id == agenda_items.c.id)
                    & (agenda_votes.c.participant_id == participant_id)
                )
                .exists()
                .label("voted")
            )
        query = (
            select(agenda_items, votes, voted)
            .outerjoin(counts, counts.c.item_id == agenda_items.c.id)
            .where(agenda_items.c.network_id == network_id)
            .order_by(votes.desc(), agenda_items.c.created_at, agenda_items.c.id)
        )
        if not include_hidden:
            query = query.where(agenda_items.c.hidden.is_(False))
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            AgendaItem(
                id=row.id,
                network_id=row.network_id,
                theme_id=row.theme_id,
                text=row.text,
                votes=int(row.votes),
                mine=participant_id is not None and row.participant_id == participant_id,
                voted=bool(row.voted),
                hidden=bool(row.hidden),
                created_at=row.created_at,
            )
            for row in rows
        ]

    def vote(self: _HasConnections, item_id: int, participant_id: str) -> bool:
        """Give the participant's vote to an item; ``False`` if they already did, or the item
        is unknown or hidden. One vote per participant per item, also when requests race:
        the primary key decides."""
        try:
            with self._write() as conn:
                open_item = conn.execute(
                    select(agenda_items.c.id).where(
                        (agenda_items.c.id == item_id) & agenda_items.c.hidden.is_(False)
                    )
                ).first()
                if open_item is None:
                    return False
                conn.execute(
                    insert(agenda_votes).values(
                        item_id=item_id, participant_id=participant_id, created_at=_now()
                    )
                )
        except IntegrityError:  # already voted (or an unknown participant)
            return False
        return True

    def unvote(self: _HasConnections, item_id: int, participant_id: str) -> bool:
        """Take the participant's vote back; ``False`` if there was none."""
        with self._write() as conn:
            removed = conn.execute(
                delete(agenda_votes).where(
                    (agenda_votes.c.item_id == item_id)
                    & (agenda_votes.c.participant_id == participant_id)
                )
            ).rowcount
        return removed > 0

    def set_agenda_hidden(self: _HasConnections, item_id: int, hidden: bool) -> bool:
        """Hide an item from the agenda (a facilitator's choice) or show it again.

        The item and its votes stay stored. ``False`` if the item is unknown."""
        with self._write() as conn:
            found = conn.execute(
                update(agenda_items).where(agenda_items.c.id == item_id).values(hidden=bool(hidden))
            ).rowcount
        return found > 0

    # -- attendance -----------------------------------------------------------------------
    def record_attendance(
        self: _HasConnections,
        participant_id: str,
        network_id: str,
        meeting_id: str,
        present: bool,
    ) -> None:
        """Mark the participant present at (or absent from) a meeting; idempotent."""
        _check_id(network_id, "network_id")
        _check_id(meeting_id, "meeting_id")
        with self._write() as conn:
            if present:
                dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
                conn.execute(
                    dialect.insert(attendance)
                    .values(
                        network_id=network_id,
                        meeting_id=meeting_id,
                        participant_id=participant_id,
                        recorded_at=_now(),
                    )
                    .on_conflict_do_nothing()  # already recorded: keep the first time
                )
            else:
                conn.execute(
                    delete(attendance).where(
                        (attendance.c.network_id == network_id)
                        & (attendance.c.meeting_id == meeting_id)
                        & (attendance.c.participant_id == participant_id)
                    )
                )

    def attendance_of(self: _HasConnections, participant_id: str, network_id: str) -> set[str]:
        """The meetings of a network the participant attended."""
        with self._read() as conn:
            rows = conn.execute(
                select(attendance.c.meeting_id).where(
                    (attendance.c.participant_id == participant_id)
                    & (attendance.c.network_id == network_id)
                )
            ).scalars()
            return set(rows)

    def attendance_counts(self: _HasConnections, network_id: str) -> dict[str, int]:
        """How many participants attended each meeting of a network (meeting id → count)."""
        with self._read() as conn:
            rows = conn.execute(
                select(attendance.c.meeting_id, func.count())
                .where(attendance.c.network_id == network_id)
                .group_by(attendance.c.meeting_id)
            ).all()
        return {meeting_id: int(count) for meeting_id, count in rows}
