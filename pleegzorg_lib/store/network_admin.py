"""A network home's administration in the store: moderators (a key each, only its digest
kept), per-network settings, the moderation log, polls that run for a period, and the themes
the moderators put forward for the year plan or the Kennisagenda.

The posts themselves (stories, questions, replies, votes, reports, visits) are in
``exchange.py``; the rules for both are in ``services/exchange.py``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from .exchange import _aware, _HasConnections, _now
from .schema import (
    moderation_log,
    moderator_keys,
    network_poll_votes,
    network_polls,
    network_settings,
    theme_proposals,
)

#: Where a theme can be put forward: the year plan (a theme meeting) or the Kennisagenda.
PROPOSAL_TARGETS = ("jaarplan", "kennisagenda")


@dataclass(frozen=True, slots=True, kw_only=True)
class Moderator:
    """Who holds a moderator key: the key's id and label (never the key) and its network."""

    id: int
    network_id: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkPoll:
    """A network's poll that runs for a period, with its votes in the order they came."""

    id: int
    network_id: str
    prompt: str
    options: tuple[str, ...]
    created_by: str
    created_at: datetime
    closes_at: datetime
    #: the chosen option of every vote, oldest first (for a summary of the first n)
    votes: tuple[int, ...] = ()
    #: the viewer's own vote (an option index), if any
    mine: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ModerationRecord:
    at: datetime
    moderator: str
    action: str
    post_id: int | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ThemeProposal:
    """A theme put forward by a moderator, with the counts they saw."""

    id: int
    network_id: str
    theme_id: str
    target: str
    stories: int
    questions: int
    note: str
    proposed_by: str
    created_at: datetime
    resolved_at: datetime | None = None


def key_digest(key: str) -> str:
    return hashlib.sha256(b"pz-moderator:" + key.encode()).hexdigest()


class NetworkAdminMixin:
    """Methods of :class:`SQLStore` for a network home's moderators, settings, log, polls
    and theme proposals."""

    def moderator_keys(self: _HasConnections, network_id: str) -> list[dict[str, Any]]:
        """A network's moderator keys (never the key): id, label, made, revoked."""
        with self._read() as conn:
            rows = conn.execute(
                select(
                    moderator_keys.c.id,
                    moderator_keys.c.label,
                    moderator_keys.c.created_at,
                    moderator_keys.c.revoked_at,
                )
                .where(moderator_keys.c.network_id == network_id)
                .order_by(moderator_keys.c.id)
            ).all()
        return [dict(r._mapping) for r in rows]

    # -- moderators, settings, log ----------------------------------------------------------
    def add_moderator_key(self: _HasConnections, network_id: str, label: str, key: str) -> int:
        with self._write() as conn:
            pk = conn.execute(
                insert(moderator_keys).values(
                    network_id=network_id,
                    label=label,
                    key_digest=key_digest(key),
                    created_at=_now(),
                    revoked_at=None,
                )
            ).inserted_primary_key
            assert pk is not None
            return int(pk[0])

    def moderator_for_key(self: _HasConnections, network_id: str, key: str) -> Moderator | None:
        with self._read() as conn:
            row = conn.execute(
                select(moderator_keys).where(
                    moderator_keys.c.network_id == network_id,
                    moderator_keys.c.key_digest == key_digest(key),
                    moderator_keys.c.revoked_at.is_(None),
                )
            ).first()
        if row is None:
            return None
        return Moderator(id=row.id, network_id=row.network_id, label=row.label)

    def revoke_moderator_key(self: _HasConnections, key_id: int) -> bool:
        with self._write() as conn:
            return (
                conn.execute(
                    update(moderator_keys)
                    .where(moderator_keys.c.id == key_id, moderator_keys.c.revoked_at.is_(None))
                    .values(revoked_at=_now())
                ).rowcount
                > 0
            )

    def premoderated(self: _HasConnections, network_id: str) -> bool:
        with self._read() as conn:
            value = conn.execute(
                select(network_settings.c.premoderation).where(
                    network_settings.c.network_id == network_id
                )
            ).scalar()
        return bool(value)

    def set_premoderated(self: Any, network_id: str, value: bool) -> None:
        with self._write() as conn:
            conn.execute(
                self._upsert(
                    network_settings,
                    {"network_id": network_id, "premoderation": value, "updated_at": _now()},
                    ["network_id"],
                    ["premoderation", "updated_at"],
                )
            )

    def log_moderation(
        self: _HasConnections,
        network_id: str,
        moderator: str,
        action: str,
        reason: str,
        post_id: int | None = None,
    ) -> None:
        with self._write() as conn:
            conn.execute(
                insert(moderation_log).values(
                    network_id=network_id,
                    post_id=post_id,
                    moderator=moderator,
                    action=action,
                    reason=reason,
                    at=_now(),
                )
            )

    def moderation_records(
        self: _HasConnections, network_id: str, limit: int = 50
    ) -> list[ModerationRecord]:
        with self._read() as conn:
            rows = conn.execute(
                select(moderation_log)
                .where(moderation_log.c.network_id == network_id)
                .order_by(moderation_log.c.at.desc(), moderation_log.c.id.desc())
                .limit(limit)
            ).all()
        return [
            ModerationRecord(
                at=_aware(r.at),
                moderator=r.moderator,
                action=r.action,
                post_id=r.post_id,
                reason=r.reason,
            )
            for r in rows
        ]

    # -- polls that run for a period ---------------------------------------------------------
    def add_network_poll(
        self: _HasConnections,
        network_id: str,
        prompt: str,
        options: list[str],
        created_by: str,
        closes_at: datetime,
    ) -> int:
        with self._write() as conn:
            pk = conn.execute(
                insert(network_polls).values(
                    network_id=network_id,
                    prompt=prompt,
                    options_json=json.dumps(options, ensure_ascii=False),
                    created_by=created_by,
                    created_at=_now(),
                    closes_at=closes_at,
                )
            ).inserted_primary_key
            assert pk is not None
            return int(pk[0])

    def network_polls(
        self: _HasConnections, network_id: str, viewer: str | None = None, limit: int = 20
    ) -> list[NetworkPoll]:
        """A network's polls, newest first, each with its votes (oldest first)."""
        with self._read() as conn:
            rows = conn.execute(
                select(network_polls)
                .where(network_polls.c.network_id == network_id)
                .order_by(network_polls.c.created_at.desc(), network_polls.c.id.desc())
                .limit(limit)
            ).all()
            ids = [r.id for r in rows]
            votes: dict[int, list[int]] = {}
            mine: dict[int, int] = {}
            if ids:
                for v in conn.execute(
                    select(network_poll_votes)
                    .where(network_poll_votes.c.poll_id.in_(ids))
                    .order_by(network_poll_votes.c.saved_at, network_poll_votes.c.participant_id)
                ):
                    votes.setdefault(v.poll_id, []).append(int(v.option))
                    if viewer is not None and v.participant_id == viewer:
                        mine[v.poll_id] = int(v.option)
        return [
            NetworkPoll(
                id=r.id,
                network_id=r.network_id,
                prompt=r.prompt,
                options=tuple(json.loads(r.options_json)),
                created_by=r.created_by,
                created_at=_aware(r.created_at),
                closes_at=_aware(r.closes_at),
                votes=tuple(votes.get(r.id, ())),
                mine=mine.get(r.id),
            )
            for r in rows
        ]

    def vote_network_poll(
        self: _HasConnections, poll_id: int, participant_id: str, option: int
    ) -> bool:
        """One vote per participant per poll (a second one is refused, not counted)."""
        try:
            with self._write() as conn:
                conn.execute(
                    insert(network_poll_votes).values(
                        poll_id=poll_id,
                        participant_id=participant_id,
                        option=option,
                        saved_at=_now(),
                    )
                )
        except IntegrityError:
            return False
        return True

    def close_network_poll(self: _HasConnections, poll_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                update(network_polls)
                .where(network_polls.c.id == poll_id, network_polls.c.closes_at > _now())
                .values(closes_at=_now())
            )

    # -- themes put forward for the year plan or the Kennisagenda ---------------------------
    def add_theme_proposal(
        self: _HasConnections,
        network_id: str,
        theme_id: str,
        target: str,
        *,
        stories: int,
        questions: int,
        note: str,
        proposed_by: str,
    ) -> int | None:
        """Put ``theme_id`` forward; ``None`` when it is already open for that target (also
        when another moderator's click came first: the open-proposal index refuses it)."""
        if target not in PROPOSAL_TARGETS:
            raise ValueError(f"unknown target {target!r}")
        try:
            with self._write() as conn:
                open_already = conn.execute(
                    select(theme_proposals.c.id).where(
                        theme_proposals.c.network_id == network_id,
                        theme_proposals.c.theme_id == theme_id,
                        theme_proposals.c.target == target,
                        theme_proposals.c.resolved_at.is_(None),
                    )
                ).first()
                if open_already is not None:
                    return None
                pk = conn.execute(
                    insert(theme_proposals).values(
                        network_id=network_id,
                        theme_id=theme_id,
                        target=target,
                        stories=stories,
                        questions=questions,
                        note=note,
                        proposed_by=proposed_by,
                        created_at=_now(),
                    )
                ).inserted_primary_key
        except IntegrityError:
            return None
        assert pk is not None
        return int(pk[0])

    def theme_proposals(
        self: _HasConnections, network_id: str, *, open_only: bool = True
    ) -> list[ThemeProposal]:
        """A network's themes put forward, newest first (open ones only by default)."""
        query = select(theme_proposals).where(theme_proposals.c.network_id == network_id)
        if open_only:
            query = query.where(theme_proposals.c.resolved_at.is_(None))
        with self._read() as conn:
            rows = conn.execute(
                query.order_by(theme_proposals.c.created_at.desc(), theme_proposals.c.id.desc())
            ).all()
        return [
            ThemeProposal(
                id=r.id,
                network_id=r.network_id,
                theme_id=r.theme_id,
                target=r.target,
                stories=int(r.stories),
                questions=int(r.questions),
                note=r.note,
                proposed_by=r.proposed_by,
                created_at=_aware(r.created_at),
                resolved_at=_aware(r.resolved_at) if r.resolved_at else None,
            )
            for r in rows
        ]

    def resolve_theme_proposal(self: _HasConnections, network_id: str, proposal_id: int) -> bool:
        """Mark a proposal as taken up; False when it is not this network's or already done."""
        with self._write() as conn:
            done = conn.execute(
                update(theme_proposals)
                .where(
                    theme_proposals.c.id == proposal_id,
                    theme_proposals.c.network_id == network_id,
                    theme_proposals.c.resolved_at.is_(None),
                )
                .values(resolved_at=_now())
            )
        return bool(done.rowcount)
