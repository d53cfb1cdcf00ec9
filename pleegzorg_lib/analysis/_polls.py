"""What a reader sees of a network poll that runs for days (issue #28): the result only when
they voted (or the poll closed, or they moderate) and from :data:`K_MIN` voters, summarised over
the first :func:`poll_published` votes.

A voter knows their own vote. With the live view's steps of two (5, 7, 9 …) the sixth voter,
who sees the first five, would read the seventh's vote off the change to seven (their own
plus one). A poll therefore publishes in steps of ``K_MIN + 1`` (5, 11, 17 …): whatever a
voter knows of their own, a change holds at least ``K_MIN`` votes unknown to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ._constants import K_MIN, published

#: New votes between two published results of a poll.
POLL_STEP = K_MIN + 1


def poll_published(votes: int) -> int:
    """How many of ``votes`` (oldest first) a poll's result is summed over."""
    return published(votes, step=POLL_STEP)


__all__ = ["POLL_STEP", "PollView", "poll_published", "view_poll"]


@dataclass(frozen=True, slots=True)
class PollView:
    """A network poll as one reader sees it: the result only when they voted (or the poll
    closed) and at least k people voted, summarised over the first ``poll_published(n)``."""

    poll: Any
    closed: bool
    respondents: int
    answered: bool
    #: (option, count, percentage) per option, or None when not to be shown
    result: tuple[tuple[str, int, int], ...] | None
    too_few: bool


def view_poll(poll: Any, now: datetime | None = None, *, moderator: bool = False) -> PollView:
    """What a reader sees of a poll (a moderator: as if they had voted)."""
    now = now or datetime.now(UTC)
    closed = poll.closes_at <= now
    n = len(poll.votes)
    answered = poll.mine is not None or moderator
    result = None
    if (answered or closed) and n >= K_MIN:
        shown = poll.votes[: poll_published(n)]
        counts = [shown.count(i) for i in range(len(poll.options))]
        total = len(shown)
        result = tuple(
            (label, c, round(100 * c / total))
            for label, c in zip(poll.options, counts, strict=True)
        )
    return PollView(poll, closed, n, answered, result, (answered or closed) and n < K_MIN)
