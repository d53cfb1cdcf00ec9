"""Who a worksheet page is for: the participant named by a resume code or a new one, the
session they joined, and what moves along when someone types their code on a page.

The worksheet runner calls these; nothing here imports widgets, so the rules (a mistyped
code says so and creates nobody, an unknown session code is dropped with a warning, a
resumed participant returns to the session they last used) are tested without a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from ..i18n import t
from ..model import Question, normalize_code, normalize_session_code
from ..store import Participant
from ..store.interfaces import ParticipantStore


@dataclass(frozen=True, slots=True)
class Found:
    """The outcome of a typed resume code: the participant (or ``None``), the code in its
    normal form, and what to say."""

    participant: Participant | None
    code: str
    message: str
    kind: str  # "success", "error"


@dataclass(frozen=True, slots=True)
class Binding:
    """The participant a page is bound to, their code, their session and what to say."""

    participant: Participant
    code: str
    session_code: str
    message: str
    kind: str  # "info", "success", "warning", "error"
    #: a resume code from a link, offered to the person (never bound without their yes)
    offered: str = ""
    #: whether the page resumed a participant (this browser's code) rather than a new one
    resumed: bool = False


def find_by_code(store: ParticipantStore, typed: str) -> Found:
    """The participant whose resume code was typed (any case, spaces or dashes)."""
    code = normalize_code(typed)
    if code is None:
        return Found(None, "", t("code.malformed"), "error")
    found = store.participant_by_code(code)
    if found is None:
        return Found(None, code, t("code.unknown"), "error")
    return Found(found, code, t("header.resumed"), "success")


def bind_page(store: ParticipantStore, worksheet_id: str, query_string: str | None) -> Binding:
    """Bind a page to ``code`` (this browser's remembered code) or a new participant, in
    ``?sessie=`` if it exists. A ``linkcode`` (a code from a link the person opened) is only
    *offered* (``Binding.offered``): the page asks before it switches to it.

    A wrong code creates a new participant and says why (nothing of someone else's shows).
    Without ``?sessie=`` a resumed participant returns to the session they last opened this
    worksheet in. The participant is enrolled in the worksheet (and session) before return.
    """
    params = parse_qs(query_string or "", keep_blank_values=True)
    code_param = (params.get("code") or [""])[0].strip()
    session_param = (params.get("sessie") or [""])[0].strip()
    participant: Participant | None = None
    message, kind = "", "info"
    if code_param:
        found = find_by_code(store, code_param)
        participant, code, message, kind = found.participant, found.code, found.message, found.kind
    resumed = participant is not None
    if participant is None:
        participant, code = store.create_participant()
    session = ""
    if session_param:
        session = normalize_session_code(session_param) or ""
        joined = store.session(session) if session else None
        if not session:
            message, kind = t("session.malformed"), "warning"
        elif joined is None:
            message, kind, session = t("session.unknown"), "warning", ""
        elif not message:
            message = t("session.joined", title=joined.title, code=joined.code)
    elif resumed:
        session = store.latest_session(participant.id, worksheet_id) or ""
    store.enrol(participant.id, worksheet_id, session)
    link = normalize_code((params.get("linkcode") or [""])[0].strip())
    offered = link if link is not None and link != code else ""
    return Binding(participant, code, session, message, kind, offered, resumed)


def carry_answers(
    store: ParticipantStore,
    participant: Participant,
    worksheet_id: str,
    session_code: str,
    given: Mapping[str, Any],
    questions: Mapping[str, Question],
) -> int:
    """Someone answered a few questions, then typed their resume code: what they gave on
    this page moves to the participant they switch to, where that one has no answer yet
    (nothing stored is overwritten). Returns how many answers moved."""
    store.enrol(participant.id, worksheet_id, session_code)
    stored = store.answers_for(participant.id, worksheet_id, session_code=session_code)
    moved = 0
    for qid, value in given.items():
        question = questions.get(qid)
        if question and question.is_answered(value) and not question.is_answered(stored.get(qid)):
            store.save_answer(participant.id, worksheet_id, qid, value, session_code=session_code)
            moved += 1
    return moved
