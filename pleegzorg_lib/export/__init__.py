"""Exports: aggregates as HTML, session reports (HTML, Markdown, PDF), anonymised CSV, and a
participant's own answers.

The session report needs pandas (through the analysis); it is imported on first use, so a
participant's kernel, which only exports its own answers, never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports as _lazy_exports
from ._text import ReportError, html_to_pdf, md_text
from .participant import (
    ParticipantData,
    collect_participant,
    participant_html,
    participant_json,
    participant_markdown,
)

_LAZY = {
    "bars_html": ".html",
    "question_html": ".html",
    "roles_html": ".html",
    "role_comparison_html": ".html",
    "agenda_csv": ".agenda",
    "agenda_html": ".agenda",
    "worksheet_print_html": ".worksheet",
    "SessionData": ".report",
    "answers_csv": ".report",
    "csv_allowed": ".report",
    "collect_session": ".report",
    "report_html": ".report",
    "report_markdown": ".report",
}

__all__ = [
    "ParticipantData",
    "agenda_csv",
    "agenda_html",
    "role_comparison_html",
    "ReportError",
    "SessionData",
    "answers_csv",
    "bars_html",
    "csv_allowed",
    "collect_participant",
    "collect_session",
    "html_to_pdf",
    "md_text",
    "participant_html",
    "participant_json",
    "participant_markdown",
    "question_html",
    "report_html",
    "report_markdown",
    "roles_html",
    "worksheet_print_html",
]


if TYPE_CHECKING:  # pragma: no cover - what the lazy names are, for the type checker
    from .agenda import agenda_csv, agenda_html
    from .html import bars_html, question_html, role_comparison_html, roles_html
    from .report import (
        SessionData,
        answers_csv,
        collect_session,
        csv_allowed,
        report_html,
        report_markdown,
    )
    from .worksheet import worksheet_print_html

__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())
