"""Aggregations of answers for the facilitator's live view and the session report, and the
netwerkkaart's metrics (``network_metrics``).

Nothing here shows a number about fewer than :data:`K_MIN` people, and nothing here imports
widget libraries. The summaries use pandas; they are imported on first use, so a worksheet
page that only needs the netwerkkaart's metrics (networkx) does not load pandas.
"""

from __future__ import annotations

import typing as _typing

from .._lazy import lazy_exports as _lazy_exports
from ._constants import K_MIN

#: Public name → the module that defines it (imported on first use).
_LAZY = {
    "RoleComparison": "._compare",
    "compare_by_role": "._compare",
    "role_groups": "._compare",
    "role_counts": "._roles",
    "SessionSummary": "._session",
    "answers_frame": "._session",
    "summarize_session": "._session",
    "QuestionSummary": "._summary",
    "summarize_question": "._summary",
    "DUTCH_STOP_WORDS": "._words",
    "word_frequencies": "._words",
    "words_of_the_group": "._words",
}

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
    "words_of_the_group",
]

if _typing.TYPE_CHECKING:  # pragma: no cover
    from ._compare import RoleComparison, compare_by_role, role_groups
    from ._roles import role_counts
    from ._session import SessionSummary, answers_frame, summarize_session
    from ._summary import QuestionSummary, summarize_question
    from ._words import DUTCH_STOP_WORDS, word_frequencies, words_of_the_group

__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())
