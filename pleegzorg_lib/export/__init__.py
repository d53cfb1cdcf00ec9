"""Exports: aggregates as HTML, session reports (HTML, Markdown, PDF) and anonymised CSV."""

from .html import bars_html, question_html, roles_html
from .participant import (
    ParticipantData,
    collect_participant,
    participant_html,
    participant_json,
    participant_markdown,
)
from .report import (
    ReportError,
    SessionData,
    answers_csv,
    collect_session,
    html_to_pdf,
    md_text,
    report_html,
    report_markdown,
)

__all__ = [
    "ParticipantData",
    "collect_participant",
    "participant_html",
    "participant_json",
    "participant_markdown",
    "ReportError",
    "SessionData",
    "answers_csv",
    "bars_html",
    "collect_session",
    "html_to_pdf",
    "md_text",
    "question_html",
    "report_html",
    "report_markdown",
    "roles_html",
]
