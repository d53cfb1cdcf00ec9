"""Wie weet wat: whom in the network to approach for a question, by theme and role.

Pure functions over answers (no store, no widgets). Only people who consented to be found
are ever suggested, and never the participant themself.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_PER_THEME = 5


def pseudonym(participant_id: str) -> str:
    """A short, stable tag for someone who shares without a name ("K7QD"): the same person
    is recognisable across themes, but the tag says nothing about who they are."""
    digest = hashlib.sha256(f"wie-weet-wat:{participant_id}".encode()).digest()
    return base64.b32encode(digest).decode()[:4]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone who knows about ``theme`` and agreed to be approached."""

    theme: str
    participant_id: str
    display_name: str | None  # None when they share without their name
    pseudonym: str  # shown instead of the name when there is none
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
    pseudonymous_value: str | None = None,
    role_id: str | None = None,
    per_theme: int = MAX_PER_THEME,
) -> list[tuple[str, list[Suggestion]]]:
    """Per theme I look for (``<prefix>-zoekt``), the people who know about it.

    ``others`` are rows as returned by the store's ``worksheet_answers``. A person is
    suggested only when their ``<prefix>-zichtbaar`` answer equals ``consent_value``
    (shown with the name they gave) or ``pseudonymous_value`` (shown by role and a
    pseudonym only, never their name).
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
        consent = answers.get(f"{prefix}-zichtbaar")
        named = consent == consent_value
        if row.get("participant_id") == me or not (
            named or (pseudonymous_value is not None and consent == pseudonymous_value)
        ):
            continue
        if role_id is not None and row.get("role_id") != role_id:
            continue
        knows = set(_list(answers.get(f"{prefix}-weet")))
        if knows:
            candidates.append((row, answers, knows, named))
    for theme in wanted:
        found = []
        for row, answers, knows, named in candidates:
            if theme not in knows:
                continue
            found.append(
                Suggestion(
                    theme=theme,
                    participant_id=row["participant_id"],
                    display_name=(row.get("display_name") or None) if named else None,
                    pseudonym=pseudonym(row["participant_id"]),
                    role_id=row.get("role_id"),
                    about=_text(answers.get(f"{prefix}-toelichting"), 300),
                    contact=_text(answers.get(f"{prefix}-contact"), 200),
                    overlap=len(knows & set(wanted)),
                )
            )
        found.sort(key=lambda s: (-s.overlap, s.display_name is None, s.participant_id))
        result.append((theme, found[:per_theme]))
    return result
