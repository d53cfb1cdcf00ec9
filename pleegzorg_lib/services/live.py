"""What the facilitator's live view does, apart from how it looks: a quick poll from what was
typed, hiding an open answer, comparing a question across the sessions of a worksheet.

The live view's buttons call these after checking the facilitator's key; tests call them
directly. Nothing here imports widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import K_MIN, QuestionSummary, answers_frame, summarize_question
from ..i18n import t
from ..model import Question
from ..store import Session
from ..store.interfaces import LiveStore, SessionReadStore

#: The longest poll question, in characters; options are cut at OPTION_LIMIT, at most
#: MAX_OPTIONS of them.
POLL_PROMPT_LIMIT = 300
OPTION_LIMIT = 120
MAX_OPTIONS = 12


def poll_from_text(prompt: str, options_text: str) -> tuple[str, tuple[str, ...]] | None:
    """The poll a facilitator typed: its question (``None`` when empty) and its options, one a
    line, duplicates and blank lines dropped. One option alone makes no choice: an open poll."""
    prompt = prompt.strip()
    if not prompt:
        return None
    lines = (line.strip()[:OPTION_LIMIT] for line in options_text.splitlines() if line.strip())
    options = tuple(dict.fromkeys(lines))[:MAX_OPTIONS]
    return prompt[:POLL_PROMPT_LIMIT], options if len(options) > 1 else ()


def moderate(
    store: LiveStore, session: Session, participant_id: str, question_id: str, hide: bool
) -> bool:
    """Hide (or show again) one open answer in the session's shared view; only an answer
    that exists in this session (a forged id changes nothing)."""
    belongs = any(
        r["participant_id"] == participant_id and r["question_id"] == question_id
        for r in store.session_answers(session.code, session.worksheet_id)
    )
    if belongs:
        store.set_hidden(session.code, participant_id, question_id, hide)
    return belongs


@dataclass(frozen=True, slots=True)
class SessionColumn:
    """One session's answers to a question, summarised (k applies per session)."""

    session: Session
    summary: QuestionSummary
    label: str = ""  # what the column is called: this session's title, others by number
    own: bool = False


def compare_sessions(
    store: SessionReadStore, worksheet_id: str, question: Question, own_code: str = ""
) -> list[SessionColumn]:
    """The question in this session and in every other session of the worksheet that has at
    least ``K_MIN`` answers to it (in the store's order). Other sessions go by a number, never
    by their title: a facilitator's key opens their own session, not the names of others'
    (issue 27: a one-person session showed "1 antwoorden" and its title)."""
    columns = []
    others = 0
    for other in store.sessions_for_worksheet(worksheet_id):
        frame = answers_frame(store.session_answers(other.code, other.worksheet_id))
        values = frame.loc[frame["question_id"] == question.id, "value"].tolist()
        summary = summarize_question(question, values, k=K_MIN)
        own = other.code == own_code
        if not own and summary.suppressed:
            continue
        if own:
            label = t("compare.this_session", title=other.title)
        else:
            others += 1
            label = t("compare.other_session", n=others)
        columns.append(SessionColumn(other, summary, label, own))
    return columns
