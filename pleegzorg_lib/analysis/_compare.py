"""Answers compared by role (dialogues: how do foster parents, workers, parents see it?).

Each role with at least k respondents is its own group; smaller roles are merged into
"Overige rollen", and when that merged group would still be below k the smallest shown
group is folded in too (the same rule as :func:`role_counts`), so no group under k can be
recovered by subtraction. Within a group each question is summarised with the usual k rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pleegzorg_lib.model import Question

from ._constants import K_MIN, OTHER_LABEL, UNKNOWN_ROLE_LABEL
from ._session import _joined_roles
from ._summary import QuestionSummary, _summarize

__all__ = ["RoleComparison", "compare_by_role", "role_groups"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleComparison:
    """Per question, one summary per role group (groups in the order of ``groups``)."""

    groups: tuple[tuple[str, int], ...]  # (label, participants)
    suppressed: bool  # fewer than k participants in all: nothing to compare
    questions: tuple[tuple[Question, tuple[QuestionSummary, ...]], ...]


def role_groups(
    roles: Mapping[str, str | None],
    role_names: Mapping[str, str],
    *,
    k: int = K_MIN,
    other_label: str = OTHER_LABEL,
    unknown_label: str = UNKNOWN_ROLE_LABEL,
) -> dict[str, str] | None:
    """Group label per participant id, or ``None`` when there are fewer than k in all."""
    if len(roles) < k:
        return None
    label_of = {
        pid: unknown_label if role is None else role_names.get(role, role)
        for pid, role in roles.items()
    }
    counts = Counter(label_of.values())
    shown = {label for label, n in counts.items() if n >= k and label != other_label}
    other = sum(n for label, n in counts.items() if label not in shown)
    while 0 < other < k and shown:
        smallest = min(shown, key=lambda label: (counts[label], label))
        shown.discard(smallest)
        other += counts[smallest]
    return {pid: label if label in shown else other_label for pid, label in label_of.items()}


def compare_by_role(
    questions: Sequence[Question],
    frame: pd.DataFrame,
    *,
    participants: Mapping[str, str | None] | None = None,
    role_names: Mapping[str, str] | None = None,
    hidden: Collection[tuple[str, str]] = (),
    k: int = K_MIN,
    other_label: str = OTHER_LABEL,
    unknown_label: str = UNKNOWN_ROLE_LABEL,
) -> RoleComparison:
    """Summarise each question per role group (see the module docstring for the k rule).

    ``frame`` is an answers frame (:func:`answers_frame`); ``participants`` maps everyone
    who joined to their role id (those who did not answer still count for the grouping).
    ``hidden`` (participant, question) pairs are moderated away from shared texts.
    """
    roles = _joined_roles(frame, participants)
    groups_of = role_groups(
        roles, role_names or {}, k=k, other_label=other_label, unknown_label=unknown_label
    )
    if groups_of is None:
        return RoleComparison(groups=(), suppressed=True, questions=())
    sizes = Counter(groups_of.values())
    labels = sorted(sizes, key=lambda label: (label == other_label, -sizes[label], label))
    frame = frame.drop_duplicates(["participant_id", "question_id"], keep="last")
    frame = frame.sort_values("participant_id", kind="stable")
    values_by: dict[tuple[str, str], list] = {}
    visible_by: dict[tuple[str, str], list[bool]] = {}
    hidden_pairs = set(hidden)
    for pid, qid, value in zip(
        frame["participant_id"], frame["question_id"], frame["value"], strict=True
    ):
        label = groups_of.get(pid)
        if label is not None:
            values_by.setdefault((qid, label), []).append(value)
            visible_by.setdefault((qid, label), []).append((pid, qid) not in hidden_pairs)
    out = []
    for question in questions:
        summaries = []
        for label in labels:
            key = (question.id, label)
            summaries.append(
                _summarize(question, values_by.get(key, []), visible=visible_by.get(key), k=k)
            )
        out.append((question, tuple(summaries)))
    return RoleComparison(
        groups=tuple((label, sizes[label]) for label in labels),
        suppressed=False,
        questions=tuple(out),
    )
