"""A whole session (bijeenkomst) at a glance: who joined, per role, and every question."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pleegzorg_lib.model import Question, QuestionKind

from ._constants import K_MIN, OTHER_LABEL, UNKNOWN_ROLE_LABEL
from ._roles import role_counts
from ._summary import QuestionSummary, _summarize

__all__ = ["COLUMNS", "SessionSummary", "answers_frame", "summarize_session"]

#: The columns of an answers frame, in order.
COLUMNS = ("participant_id", "role_id", "question_id", "value", "saved_at")


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSummary:
    """Everything the live view and the report show about one session."""

    respondents: int
    roles: tuple[tuple[str, int], ...]
    roles_suppressed: bool
    questions: tuple[QuestionSummary, ...]


def answers_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Turn answer rows from the store into a DataFrame.

    Parameters
    ----------
    rows
        Mappings with ``participant_id``, ``role_id`` (may be missing or ``None``),
        ``question_id`` and the decoded ``value``.

    Returns
    -------
    pandas.DataFrame
        Exactly the columns :data:`COLUMNS`, all of object dtype (so ``None`` stays
        ``None`` and lists stay lists); an empty frame with those columns when there are
        no rows.
    """
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for row in rows:
        columns["participant_id"].append(row["participant_id"])
        columns["role_id"].append(row.get("role_id"))
        columns["question_id"].append(row["question_id"])
        columns["value"].append(row.get("value"))
        columns["saved_at"].append(row.get("saved_at"))
    return pd.DataFrame({name: pd.Series(data, dtype=object) for name, data in columns.items()})


def _role_or_none(role: Any) -> str | None:
    return None if role is None or (not isinstance(role, str) and pd.isna(role)) else role


def _joined_roles(
    frame: pd.DataFrame, participants: Mapping[str, str | None] | None
) -> dict[Any, str | None]:
    """Role per participant: ``participants`` first, the frame for anyone it misses."""
    roles: dict[Any, str | None] = dict(participants or {})
    if not frame.empty:
        # first() skips missing values: a participant's role is known if any row has it.
        from_frame = frame.groupby("participant_id", sort=False)["role_id"].first()
        for pid, role in from_frame.items():
            roles.setdefault(pid, _role_or_none(role))
    return {pid: _role_or_none(role) for pid, role in roles.items()}


def _earliest_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Answers in the order they were given (where the store says when), else by participant:
    a summary counts the earliest answers first (``_constants.published``)."""
    frame = frame.sort_values("participant_id", kind="stable")
    if "saved_at" in frame.columns and frame["saved_at"].notna().all() and len(frame):
        frame = frame.sort_values("saved_at", kind="stable")
    return frame


def summarize_session(
    questions: Sequence[Question],
    frame: pd.DataFrame,
    *,
    participants: Mapping[str, str | None] | None = None,
    role_names: Mapping[str, str] | None = None,
    hidden: Collection[tuple[str, str]] = (),
    k: int = K_MIN,
    other_label: str = OTHER_LABEL,
    unknown_label: str = UNKNOWN_ROLE_LABEL,
) -> SessionSummary:
    """Summarize a session for the facilitator.

    Parameters
    ----------
    questions
        The worksheet's questions, in the order to report them. Rows for other
        question ids are ignored.
    frame
        Answers as made by :func:`answers_frame`. When a participant has several rows
        for one question the last one counts.
    participants
        participant_id → role_id of everyone who joined, including those who have not
        answered yet. When ``None`` the participants are derived from ``frame``; anyone in
        ``frame`` but missing here is still counted, with the role from ``frame``.
    role_names
        Display name per role id.
    hidden
        (participant_id, question_id) pairs a facilitator moderated away: left out of
        ``texts`` and ``words`` but still counted as respondents.
    k
        The smallest group shown (see :func:`role_counts` and :func:`summarize_question`).
    other_label
        Display name of the merged group of small roles.

    Returns
    -------
    SessionSummary
        One :class:`QuestionSummary` per question, in the order of ``questions``; shared
        open answers ordered by participant_id.
    """
    roles = _joined_roles(frame, participants)
    groups, roles_suppressed = role_counts(
        list(roles.values()),
        role_names or {},
        k=k,
        other_label=other_label,
        unknown_label=unknown_label,
    )
    wanted = {q.id for q in questions}
    frame = frame[frame["question_id"].isin(wanted)]
    frame = frame.drop_duplicates(["participant_id", "question_id"], keep="last")
    frame = _earliest_first(frame)
    pids = frame["participant_id"].to_numpy()
    values = frame["value"].to_numpy()
    # One pass to find each question's rows, instead of filtering the frame per question.
    positions = frame.groupby("question_id", sort=False).indices
    hidden_pairs = set(hidden)
    summaries = []
    for question in questions:
        rows = positions.get(question.id)
        answers = [] if rows is None else values[rows].tolist()
        visible = None
        if rows is not None and hidden_pairs and question.kind == QuestionKind.OPEN:
            visible = [(pids[i], question.id) not in hidden_pairs for i in rows]
        summaries.append(_summarize(question, answers, visible=visible, k=k))
    return SessionSummary(
        respondents=len(roles),
        roles=groups,
        roles_suppressed=roles_suppressed,
        questions=tuple(summaries),
    )
