"""Wie weet wat: whom in the network to approach for a question, by theme and role.

Pure functions over answers (no store, no widgets). Only people who consented to be found
are ever suggested, and never the participant themself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_PER_THEME = 5


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone who knows about ``theme`` and agreed to be approached."""

    theme: str
    participant_id: str
    display_name: str | None
    role_id: str | None
    about: str
    contact: str
    overlap: int  # how many of the themes I look for this person knows about


def _list(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def suggest(
    prefix: str,
    mine: Mapping[str, Any],
    others: Iterable[Mapping[str, Any]],
    *,
    me: str | None,
    consent_value: str,
    role_id: str | None = None,
    per_theme: int = MAX_PER_THEME,
) -> list[tuple[str, list[Suggestion]]]:
    """Per theme I look for (``<prefix>-zoekt``), the people who know about it.

    ``others`` are rows as returned by the store's ``worksheet_answers``. A person is
    suggested only when their ``<prefix>-zichtbaar`` answer equals ``consent_value``.
    ``role_id`` narrows the suggestions to one role. Best matches first: people who know
    about more of the themes I look for, then those with a name, then by id (stable).
    """
    wanted: Sequence[str] = _list(mine.get(f"{prefix}-zoekt"))
    result: list[tuple[str, list[Suggestion]]] = []
    if not wanted:
        return result
    candidates = []
    for row in others:
        answers = row.get("answers") or {}
        if row.get("participant_id") == me or answers.get(f"{prefix}-zichtbaar") != consent_value:
            continue
        if role_id is not None and row.get("role_id") != role_id:
            continue
        knows = set(_list(answers.get(f"{prefix}-weet")))
        if knows:
            candidates.append((row, answers, knows))
    for theme in wanted:
        found = []
        for row, answers, knows in candidates:
            if theme not in knows:
                continue
            found.append(
                Suggestion(
                    theme=theme,
                    participant_id=row["participant_id"],
                    display_name=row.get("display_name") or None,
                    role_id=row.get("role_id"),
                    about=_text(answers.get(f"{prefix}-toelichting"), 300),
                    contact=_text(answers.get(f"{prefix}-contact"), 200),
                    overlap=len(knows & set(wanted)),
                )
            )
        found.sort(key=lambda s: (-s.overlap, s.display_name is None, s.participant_id))
        result.append((theme, found[:per_theme]))
    return result
