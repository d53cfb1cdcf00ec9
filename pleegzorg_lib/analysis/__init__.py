"""Aggregations of answers for the facilitator's live view and the session report.

Nothing here shows a number about fewer than :data:`K_MIN` people, and nothing here
imports widget libraries: the layer is plain pandas and the standard library.
"""

from ._compare import RoleComparison, compare_by_role, role_groups
from ._constants import K_MIN
from ._roles import role_counts
from ._session import SessionSummary, answers_frame, summarize_session
from ._summary import QuestionSummary, summarize_question
from ._words import DUTCH_STOP_WORDS, word_frequencies

__all__ = [
    "DUTCH_STOP_WORDS",
    "K_MIN",
    "QuestionSummary",
    "RoleComparison",
    "SessionSummary",
    "answers_frame",
    "compare_by_role",
    "role_counts",
    "role_groups",
    "summarize_question",
    "summarize_session",
    "word_frequencies",
]
