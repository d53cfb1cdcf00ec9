"""Reading answers across participants of one worksheet (Wie weet wat; counts for check).

Only the tool that asks for consent reads values, and it shows only those who said yes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy import Connection, distinct, func, select

from .schema import answers, participants


class _HasRead(Protocol):
    def _read(self) -> AbstractContextManager[Connection]: ...


class DirectoryMixin:
    """Answers of everyone on a worksheet, the latest value per question over all sessions."""

    def answer_counts(self: _HasRead, worksheet_id: str) -> dict[str, int]:
        """How many participants have an answer stored per question id of a worksheet
        (``pleegzorg check`` warns before an author renames or removes such a question)."""
        with self._read() as conn:
            rows = conn.execute(
                select(answers.c.question_id, func.count(distinct(answers.c.participant_id)))
                .where(answers.c.worksheet_id == worksheet_id)
                .group_by(answers.c.question_id)
            ).all()
        return {question_id: int(count) for question_id, count in rows}

    def option_counts(
        self: _HasRead, worksheet_id: str, question_ids: Collection[str]
    ) -> dict[str, dict[str, int]]:
        """Per question id, how many participants have each stored option (the text of a
        single choice, or each item of a list); ``pleegzorg check`` warns before an option
        that was chosen is reworded or removed."""
        wanted = list(question_ids)
        if not wanted:
            return {}
        with self._read() as conn:
            rows = conn.execute(
                select(answers.c.question_id, answers.c.participant_id, answers.c.value_json)
                .where(answers.c.worksheet_id == worksheet_id)
                .where(answers.c.question_id.in_(wanted))
            ).all()
        chosen: dict[str, dict[str, set[str]]] = {}
        for question_id, participant_id, value_json in rows:
            value = json.loads(value_json)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, str):
                    who = chosen.setdefault(question_id, {}).setdefault(item, set())
                    who.add(participant_id)
        return {
            qid: {option: len(who) for option, who in by_option.items()}
            for qid, by_option in chosen.items()
        }

    def worksheet_answers(
        self: _HasRead, worksheet_id: str, question_ids: Collection[str]
    ) -> list[dict[str, Any]]:
        """One dict per participant: ``participant_id``, ``role_id``, ``display_name`` and
        ``answers`` ({question id: value}), for everyone who answered any of ``question_ids``.
        """
        wanted = list(question_ids)
        if not wanted:
            return []
        with self._read() as conn:
            rows = conn.execute(
                select(
                    answers.c.participant_id,
                    participants.c.role_id,
                    participants.c.display_name,
                    answers.c.question_id,
                    answers.c.value_json,
                    answers.c.saved_at,
                )
                .join(participants, participants.c.id == answers.c.participant_id)
                .where((answers.c.worksheet_id == worksheet_id) & answers.c.question_id.in_(wanted))
                .order_by(answers.c.participant_id, answers.c.saved_at)
            ).all()
        people: dict[str, dict[str, Any]] = {}
        for r in _latest_first(rows):
            person = people.setdefault(
                r.participant_id,
                {
                    "participant_id": r.participant_id,
                    "role_id": r.role_id,
                    "display_name": r.display_name,
                    "answers": {},
                },
            )
            person["answers"].setdefault(r.question_id, json.loads(r.value_json))
        return list(people.values())


def _latest_first(rows: Sequence[Any]) -> Iterator[Any]:
    # Rows come oldest first per participant; walk them backwards so setdefault keeps the
    # most recent value of a question answered in several sessions.
    return reversed(rows)
