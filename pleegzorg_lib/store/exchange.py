"""A network's exchange between meetings in the store: practice stories, questions, the replies
under them, votes ("Herkenbaar", "ik wil dit ook weten"), readers' reports, the moderators'
queue, and when a participant last looked. Moderators' keys, settings, the log, polls and
theme proposals are in ``network_admin.py``.

The rules (who may post what, limits, what a report does) live in ``services/exchange.py``;
this module stores and reads, and keeps one vote and one report per participant per item with
primary keys, so a double click or two tabs never count twice."""

from __future__ import annotations

import base64
import hashlib
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, and_, delete, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from .schema import (
    network_visits,
    post_reports,
    post_votes,
    posts,
)

KINDS = ("story", "question", "reply")
STATUSES = ("visible", "pending", "hidden", "removed")


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """A story, question or reply as one reader sees it (``mine``/``voted``/``reported`` are
    about that reader). Never holds who wrote it beyond the role and the pseudonym tag."""

    id: int
    network_id: str
    kind: str
    parent_id: int | None
    role_id: str | None
    show_as: str
    tag: str
    theme_id: str | None
    title: str | None
    body: dict[str, str]
    status: str
    pinned: bool
    helpful: bool
    created_at: datetime
    votes: int = 0
    replies: int = 0
    open_reports: int = 0
    mine: bool = False
    voted: bool = False
    reported: bool = False
    report_reasons: tuple[str, ...] = field(default=())


class _HasConnections(Protocol):
    def _write(self) -> AbstractContextManager[Connection]: ...
    def _read(self) -> AbstractContextManager[Connection]: ...


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def pseudonym_tag(participant_id: str | None) -> str:
    """A participant's stable tag ("K7QD"): four symbols of a hash of their id — the same on
    every item they write, not reversible to the id or the resume code."""
    if not participant_id:
        return ""
    digest = hashlib.sha256(b"pz-tag:" + participant_id.encode()).digest()
    return base64.b32encode(digest).decode()[:4]


class ExchangeMixin:
    """Methods of :class:`SQLStore` for a network's exchange."""

    # -- writing --------------------------------------------------------------------------
    def add_post(
        self: _HasConnections,
        *,
        participant_id: str,
        network_id: str,
        kind: str,
        body: dict[str, str],
        status: str,
        digest: str,
        role_id: str | None = None,
        show_as: str = "role",
        theme_id: str | None = None,
        title: str | None = None,
        parent_id: int | None = None,
        same_since: datetime | None = None,
    ) -> tuple[int, bool]:
        """Store an item; return ``(id, created)``. With ``same_since``, an item of the same
        participant with the same ``digest`` written since then is returned instead (a double
        submit stores one)."""
        if kind not in KINDS or status not in STATUSES or show_as not in ("role", "tag"):
            raise ValueError("unknown kind, status or show_as")
        now = _now()
        with self._write() as conn:
            if same_since is not None:
                existing = conn.execute(
                    select(posts.c.id).where(
                        posts.c.participant_id == participant_id,
                        posts.c.digest == digest,
                        posts.c.created_at >= same_since,
                    )
                ).scalar()
                if existing is not None:
                    return int(existing), False
            key = conn.execute(
                insert(posts).values(
                    network_id=network_id,
                    kind=kind,
                    parent_id=parent_id,
                    participant_id=participant_id,
                    role_id=role_id,
                    show_as=show_as,
                    theme_id=theme_id,
                    title=title,
                    body_json=json.dumps(body, ensure_ascii=False),
                    status=status,
                    pinned=False,
                    helpful=False,
                    digest=digest,
                    created_at=now,
                    updated_at=now,
                    visible_at=now if status == "visible" else None,
                )
            ).inserted_primary_key
            assert key is not None
            return int(key[0]), True

    def same_post(
        self: _HasConnections, participant_id: str, digest: str, since: datetime
    ) -> int | None:
        """An item this participant wrote since ``since`` with the same ``digest``, if any."""
        with self._read() as conn:
            found = conn.execute(
                select(posts.c.id).where(
                    posts.c.participant_id == participant_id,
                    posts.c.digest == digest,
                    posts.c.created_at >= since,
                )
            ).scalar()
        return None if found is None else int(found)

    def posts_written_since(self: _HasConnections, participant_id: str, since: datetime) -> int:
        """How many items a participant wrote since ``since`` (the rate limit)."""
        with self._read() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(
                        posts.c.participant_id == participant_id, posts.c.created_at >= since
                    )
                ).scalar_one()
            )

    def vote_post(self: _HasConnections, post_id: int, participant_id: str) -> bool:
        """One vote per participant per item; ``False`` when they had voted already."""
        try:
            with self._write() as conn:
                conn.execute(
                    insert(post_votes).values(
                        post_id=post_id, participant_id=participant_id, created_at=_now()
                    )
                )
        except IntegrityError:
            return False
        return True

    def unvote_post(self: _HasConnections, post_id: int, participant_id: str) -> bool:
        with self._write() as conn:
            return (
                conn.execute(
                    delete(post_votes).where(
                        post_votes.c.post_id == post_id,
                        post_votes.c.participant_id == participant_id,
                    )
                ).rowcount
                > 0
            )

    def report_post(
        self: _HasConnections, post_id: int, participant_id: str, reason: str
    ) -> tuple[bool, int]:
        """A reader's report; return ``(new, open reports now)``. One open report per reader."""
        with self._write() as conn:
            had = conn.execute(
                select(post_reports.c.resolved_at).where(
                    post_reports.c.post_id == post_id,
                    post_reports.c.participant_id == participant_id,
                )
            ).first()
            new = had is None or had.resolved_at is not None
            if had is None:
                conn.execute(
                    insert(post_reports).values(
                        post_id=post_id,
                        participant_id=participant_id,
                        reason=reason,
                        created_at=_now(),
                        resolved_at=None,
                    )
                )
            elif had.resolved_at is not None:
                conn.execute(
                    update(post_reports)
                    .where(
                        post_reports.c.post_id == post_id,
                        post_reports.c.participant_id == participant_id,
                    )
                    .values(reason=reason, created_at=_now(), resolved_at=None)
                )
            count = conn.execute(
                select(func.count()).where(
                    post_reports.c.post_id == post_id, post_reports.c.resolved_at.is_(None)
                )
            ).scalar_one()
            return new, int(count)

    def set_post_status(self: _HasConnections, post_id: int, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(status)
        with self._write() as conn:
            conn.execute(
                update(posts)
                .where(posts.c.id == post_id)
                .values(
                    status=status,
                    updated_at=_now(),
                    # the first moment others could read it: what "new since" counts from
                    visible_at=func.coalesce(posts.c.visible_at, _now())
                    if status == "visible"
                    else posts.c.visible_at,
                )
            )

    def set_post_flag(self: _HasConnections, post_id: int, name: str, value: bool) -> None:
        if name not in ("pinned", "helpful"):
            raise ValueError(name)
        with self._write() as conn:
            conn.execute(update(posts).where(posts.c.id == post_id).values(**{name: value}))

    def resolve_reports(self: _HasConnections, post_id: int) -> int:
        with self._write() as conn:
            return conn.execute(
                update(post_reports)
                .where(post_reports.c.post_id == post_id, post_reports.c.resolved_at.is_(None))
                .values(resolved_at=_now())
            ).rowcount

    # -- reading --------------------------------------------------------------------------
    def _post_query(self, viewer: str | None) -> Any:
        """Items with their counts. The counts are correlated subqueries, so they are
        computed for the rows returned only, each through an index (the primary keys of
        votes and reports, the parent index of replies): a page of 20 out of 10,000 items
        costs 20 small lookups, not three aggregations over the whole network."""
        child = posts.alias("child")
        votes = (
            select(func.count())
            .where(post_votes.c.post_id == posts.c.id)
            .scalar_subquery()
            .label("votes")
        )
        replies = (
            select(func.count())
            .where(child.c.parent_id == posts.c.id, child.c.status == "visible")
            .scalar_subquery()
            .label("replies")
        )
        reports = (
            select(func.count())
            .where(post_reports.c.post_id == posts.c.id, post_reports.c.resolved_at.is_(None))
            .scalar_subquery()
            .label("open_reports")
        )
        if viewer is None:
            voted = literal(False).label("voted")
            reported = literal(False).label("reported")
        else:
            voted = (
                select(post_votes.c.post_id)
                .where(post_votes.c.post_id == posts.c.id, post_votes.c.participant_id == viewer)
                .exists()
                .label("voted")
            )
            reported = (
                select(post_reports.c.post_id)
                .where(
                    post_reports.c.post_id == posts.c.id,
                    post_reports.c.participant_id == viewer,
                    post_reports.c.resolved_at.is_(None),
                )
                .exists()
                .label("reported")
            )
        return select(posts, votes, replies, reports, voted, reported)

    @staticmethod
    def _to_post(row: Any, viewer: str | None) -> Post:
        return Post(
            id=row.id,
            network_id=row.network_id,
            kind=row.kind,
            parent_id=row.parent_id,
            role_id=row.role_id,
            show_as=row.show_as,
            tag=pseudonym_tag(row.participant_id),
            theme_id=row.theme_id,
            title=row.title,
            body=json.loads(row.body_json),
            status=row.status,
            pinned=bool(row.pinned),
            helpful=bool(row.helpful),
            created_at=_aware(row.created_at),
            votes=int(row.votes),
            replies=int(row.replies),
            open_reports=int(row.open_reports),
            mine=viewer is not None and row.participant_id == viewer,
            voted=bool(row.voted),
            reported=bool(row.reported),
        )

    def list_posts(
        self: Any,
        network_id: str,
        kind: str,
        *,
        viewer: str | None = None,
        statuses: tuple[str, ...] = ("visible",),
        theme_id: str | None = None,
        role_id: str | None = None,
        words: str = "",
        order: str = "new",
        limit: int = 20,
        offset: int = 0,
        own_pending: bool = True,
    ) -> tuple[list[Post], int]:
        """A page of a network's stories or questions and how many match in all.

        ``own_pending``: the viewer also sees their own items that wait for a moderator.
        ``words``: every word must occur in the title or the text (case-insensitive).
        ``order``: "new" (pinned first, then newest) or "votes" (then newest)."""
        query = self._post_query(viewer)
        seen: ColumnElement[bool] = posts.c.status.in_(statuses)
        if viewer is not None and own_pending:
            seen = or_(seen, and_(posts.c.participant_id == viewer, posts.c.status == "pending"))
        where = [posts.c.network_id == network_id, posts.c.kind == kind, seen]
        if theme_id:
            where.append(posts.c.theme_id == theme_id)
        if role_id:  # only items shown with their role: a pseudonym's role stays unfindable
            where.append(and_(posts.c.role_id == role_id, posts.c.show_as == "role"))
        for word in words.split()[:8]:
            like = f"%{_escape_like(word.lower())}%"
            where.append(
                or_(
                    func.lower(posts.c.title).like(like, escape="\\"),
                    func.lower(posts.c.body_json).like(like, escape="\\"),
                )
            )
        query = query.where(*where)
        if order == "votes":
            query = query.order_by(posts.c.pinned.desc(), query.selected_columns.votes.desc())
        else:
            query = query.order_by(posts.c.pinned.desc())
        query = query.order_by(posts.c.created_at.desc(), posts.c.id.desc())
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(posts).where(*where)).scalar_one()
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [self._to_post(r, viewer) for r in rows], int(total)

    def get_post(self: Any, post_id: int, viewer: str | None = None) -> Post | None:
        with self._read() as conn:
            row = conn.execute(self._post_query(viewer).where(posts.c.id == post_id)).first()
        return None if row is None else self._to_post(row, viewer)

    def post_author(self: _HasConnections, post_id: int) -> str | None:
        """Who wrote an item (for rules only; never shown)."""
        with self._read() as conn:
            return conn.execute(
                select(posts.c.participant_id).where(posts.c.id == post_id)
            ).scalar()

    def list_replies(
        self: Any,
        parent_id: int,
        *,
        viewer: str | None = None,
        statuses: tuple[str, ...] = ("visible",),
    ) -> list[Post]:
        query = self._post_query(viewer)
        seen: ColumnElement[bool] = posts.c.status.in_(statuses)
        if viewer is not None:
            seen = or_(seen, and_(posts.c.participant_id == viewer, posts.c.status == "pending"))
        query = query.where(posts.c.parent_id == parent_id, seen).order_by(
            posts.c.helpful.desc(), posts.c.created_at, posts.c.id
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [self._to_post(r, viewer) for r in rows]

    def moderation_queue(self: Any, network_id: str) -> list[Post]:
        """What waits for a moderator: pending items, and items with open reports."""
        query = self._post_query(None).where(
            posts.c.network_id == network_id,
            or_(
                posts.c.status == "pending",
                posts.c.id.in_(
                    select(post_reports.c.post_id).where(post_reports.c.resolved_at.is_(None))
                ),
            ),
        )
        with self._read() as conn:
            rows = conn.execute(query.order_by(posts.c.created_at, posts.c.id)).all()
            reasons: dict[int, list[str]] = {}
            ids = [r.id for r in rows]
            if ids:
                for r in conn.execute(
                    select(post_reports.c.post_id, post_reports.c.reason)
                    .where(post_reports.c.post_id.in_(ids), post_reports.c.resolved_at.is_(None))
                    .order_by(post_reports.c.created_at)
                ):
                    reasons.setdefault(r.post_id, []).append(r.reason)
        return [
            replace(self._to_post(r, None), report_reasons=tuple(reasons.get(r.id, ())))
            for r in rows
        ]

    def hidden_posts(self: Any, network_id: str, limit: int = 50) -> list[Post]:
        """Items a moderator (or three readers) hid, newest first: to restore one."""
        query = (
            self._post_query(None)
            .where(posts.c.network_id == network_id, posts.c.status == "hidden")
            .order_by(posts.c.updated_at.desc(), posts.c.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [self._to_post(r, None) for r in rows]

    def theme_counts(
        self: _HasConnections, network_id: str, since: datetime
    ) -> list[tuple[str | None, str, int]]:
        """(theme, kind, how many) of the stories and questions written since ``since``."""
        with self._read() as conn:
            rows = conn.execute(
                select(posts.c.theme_id, posts.c.kind, func.count().label("n"))
                .where(
                    posts.c.network_id == network_id,
                    posts.c.kind.in_(("story", "question")),
                    posts.c.created_at >= since,
                    posts.c.status != "removed",
                )
                .group_by(posts.c.theme_id, posts.c.kind)
            ).all()
        return [(r.theme_id, r.kind, int(r.n)) for r in rows]

    # -- visits -----------------------------------------------------------------------------
    def mark_network_visit(self: Any, participant_id: str, network_id: str) -> datetime | None:
        """Record a visit of a network's home; return the previous one (``None``: the first)."""
        with self._read() as conn:
            before = conn.execute(
                select(network_visits.c.seen_at).where(
                    network_visits.c.participant_id == participant_id,
                    network_visits.c.network_id == network_id,
                )
            ).scalar()
        with self._write() as conn:
            conn.execute(
                self._upsert(
                    network_visits,
                    {"participant_id": participant_id, "network_id": network_id, "seen_at": _now()},
                    ["participant_id", "network_id"],
                    ["seen_at"],
                )
            )
        return None if before is None else _aware(before)

    def replies_to_mine_since(
        self: Any, participant_id: str, network_id: str, since: datetime
    ) -> list[Post]:
        """Visible replies by others under this participant's items, written since ``since``."""
        own = select(posts.c.id).where(posts.c.participant_id == participant_id)
        query = (
            self._post_query(participant_id)
            .where(
                posts.c.network_id == network_id,
                posts.c.parent_id.in_(own),
                posts.c.status == "visible",
                posts.c.visible_at > since,  # approved after the last visit counts as new
                or_(posts.c.participant_id.is_(None), posts.c.participant_id != participant_id),
            )
            .order_by(posts.c.created_at.desc())
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [self._to_post(r, participant_id) for r in rows]

    def new_posts_since(
        self: _HasConnections, network_id: str, since: datetime, viewer: str | None = None
    ) -> int:
        """Stories and questions others could first read after ``since`` (not ``viewer``'s
        own: their story approved after they wrote it is not news to them)."""
        with self._read() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(
                        posts.c.network_id == network_id,
                        posts.c.kind.in_(("story", "question")),
                        posts.c.status == "visible",
                        posts.c.visible_at > since,
                        or_(posts.c.participant_id.is_(None), posts.c.participant_id != viewer)
                        if viewer
                        else literal(True),
                    )
                ).scalar_one()
            )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
