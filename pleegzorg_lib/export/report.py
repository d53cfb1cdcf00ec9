"""The session report (verslag): collected from the store, written as HTML, Markdown or PDF.

Only aggregates and shared, unhidden open answers appear; never a display name. Counts below
k are not shown. The anonymised CSV numbers participants per export (P1, P2 …), so rows of
one export cannot be linked to another export or to the store.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from ..analysis import (
    K_MIN,
    QuestionSummary,
    SessionSummary,
    answers_frame,
    summarize_question,
    summarize_session,
)
from ..content import cached_catalog, find_worksheet, load_worksheet
from ..i18n import decimal, display_option, t
from ..model import Catalog, Question, QuestionKind, Worksheet
from ..store import Poll, Session
from ..store.interfaces import SessionReadStore
from ._text import CSS_PATH, ReportError, md_text
from .html import question_html, respondents_text, roles_html


@dataclass(frozen=True, slots=True)
class SessionData:
    session: Session
    network_name: str
    worksheet: Worksheet
    summary: SessionSummary
    polls: tuple[tuple[Poll, Any], ...]
    made_at: datetime
    #: the network's polls that run for days (``services.exchange.PollView``), newest first
    network_polls: tuple[Any, ...] = ()


#: The network's polls a session report shows: the newest that ran up to the report.
NETWORK_POLLS_IN_REPORT = 5


def poll_question(poll: Poll) -> Question:
    """A poll seen as a question, so it is summarised like any other (k applies)."""
    if poll.kind == "choice" and len(poll.options) >= 2:
        return Question(
            id=f"peiling-{poll.id}",
            kind=QuestionKind.SINGLE_CHOICE,
            prompt=poll.prompt,
            options=poll.options,
            shared=True,
        )
    return Question(
        id=f"peiling-{poll.id}", kind=QuestionKind.OPEN, prompt=poll.prompt, shared=True
    )


def collect_session(
    store: SessionReadStore,
    code: str,
    *,
    catalog: Catalog | None = None,
    root: Path | None = None,
    k: int = K_MIN,
    worksheet: Worksheet | None = None,
) -> SessionData:
    """Everything the live view and the report show for a session.

    ``worksheet`` may be passed by a caller that refreshes often (it is parsed once).
    """
    from .. import config

    catalog = catalog or cached_catalog(str(config.data_dir()))
    root = root or config.workbooks_dir()
    session = store.session(code)
    if session is None:
        raise ReportError(t("report.error.unknown_session", code=code))
    if worksheet is None or worksheet.info.id != session.worksheet_id:
        info = find_worksheet(root, catalog, session.worksheet_id)
        if info is None:
            raise ReportError(t("report.error.worksheet_gone", id=session.worksheet_id))
        worksheet = load_worksheet(info, root)
    info = worksheet.info
    network = catalog.network(session.network_id)
    frame = answers_frame(store.session_answers(code, info.id))
    summary = summarize_session(
        worksheet.questions,
        frame,
        participants=store.session_participants(code),
        role_names={r.id: r.name for r in catalog.roles},
        hidden=store.hidden(code),
        k=k,
        other_label=t("analysis.other_roles"),
        unknown_label=t("analysis.no_role"),
    )
    polls = tuple(
        (poll, summarize_question(poll_question(poll), store.poll_values(poll.id), k=k))
        for poll in store.polls_of(code)
    )
    return SessionData(
        session=session,
        network_name=network.name if network else session.network_id,
        worksheet=worksheet,
        summary=summary,
        polls=polls,
        made_at=datetime.now(),
        network_polls=network_poll_views(store, session.network_id),
    )


def network_poll_views(store: SessionReadStore, network_id: str) -> tuple[Any, ...]:
    """The network's newest polls as a facilitator sees them in a report: the result from 5
    voters (over the first 5+2k votes, as on the home), whether or not they voted."""
    from ..analysis._polls import view_poll

    return tuple(
        view_poll(poll, moderator=True)
        for poll in store.network_polls(network_id, limit=NETWORK_POLLS_IN_REPORT)
    )


def _poll_state(view: Any) -> str:
    when = view.poll.closes_at.astimezone().strftime("%d-%m-%Y")
    key = "exchange.poll.closed" if view.closed else "exchange.poll.closes"
    return f"{t(key, date=when)} · {t('exchange.poll.respondents', n=view.respondents)}"


def network_polls_html(views: tuple[Any, ...]) -> str:
    """The network's polls for the HTML report; every text escaped."""
    parts = []
    for view in views:
        if view.result is not None:
            rows = "".join(
                f"<li>{escape(label)}: {pct}%</li>" for label, _count, pct in view.result
            )
            body = f'<ul class="pz-report-npoll">{rows}</ul>'
        else:
            body = f'<p class="pz-help">{escape(t("report.network_poll_too_few", k=K_MIN))}</p>'
        parts.append(
            f'<div class="pz-result"><p class="pz-prompt">{escape(view.poll.prompt)}</p>'
            f'<p class="pz-meta">{escape(_poll_state(view))}</p>{body}</div>'
        )
    return "".join(parts)


def network_polls_markdown(views: tuple[Any, ...]) -> list[str]:
    lines: list[str] = []
    for view in views:
        lines += [f"### {md_text(view.poll.prompt)}", "", md_text(_poll_state(view)), ""]
        if view.result is not None:
            lines += [f"- {md_text(label)}: {pct}%" for label, _count, pct in view.result]
        else:
            lines.append(md_text(t("report.network_poll_too_few", k=K_MIN)))
        lines.append("")
    return lines


def report_html(data: SessionData) -> str:
    """The report as one self-contained HTML document (styles inline, no outside requests)."""
    css = CSS_PATH.read_text(encoding="utf-8") if CSS_PATH.exists() else ""
    s = data.session
    when = f" · {escape(s.date)}" if s.date else ""
    questions = "".join(
        question_html(qs, number=i) for i, qs in enumerate(data.summary.questions, start=1)
    )
    polls = "".join(question_html(summary) for _, summary in data.polls)
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('report.title'))}: {escape(s.title)}</title>"
        f'<style>{css}</style></head><body class="pz-body pz-report"><main class="pz-landing-main">'
        f'<div class="pz-network">{escape(data.network_name)}</div>'
        f"<h1>{escape(t('report.title'))}: {escape(s.title)}</h1>"
        f'<p class="pz-meta">{escape(data.worksheet.info.title)}{when} · '
        f"{escape(t('live.join_code'))} {escape(s.code)}</p>"
        f'<p class="pz-help">{escape(t("report.privacy", k=K_MIN))} '
        f"{escape(t('report.generated', time=data.made_at.strftime('%Y-%m-%d %H:%M')))}</p>"
        f'<section class="pz-report-roles">{roles_html(data.summary)}</section>'
        f'<section class="pz-report-questions">{questions}</section>'
        + (f"<h2>{escape(t('report.polls'))}</h2>{polls}" if polls else "")
        + (
            f'<section class="pz-report-network-polls"><h2>{escape(t("report.network_polls"))}'
            f"</h2>{network_polls_html(data.network_polls)}</section>"
            if data.network_polls
            else ""
        )
        + "</main></body></html>"
    )


def report_markdown(data: SessionData) -> str:
    """The report as Markdown (for e-mail or a wiki)."""
    s = data.session
    lines = [
        f"# {md_text(t('report.title'))}: {md_text(s.title)}",
        "",
        f"{md_text(data.network_name)} · {md_text(data.worksheet.info.title)}"
        + (f" · {md_text(s.date)}" if s.date else "")
        + f" · {md_text(t('live.join_code'))} {md_text(s.code)}",
        "",
        md_text(t("report.privacy", k=K_MIN)),
        "",
        md_text(t("live.joined", n=data.summary.respondents)),
        "",
    ]
    if not data.summary.roles_suppressed:
        lines += [f"- {md_text(role)}: {count}" for role, count in data.summary.roles] + [""]
    for number, qs in enumerate(data.summary.questions, start=1):
        lines += [f"## {number}. {md_text(qs.question.prompt)}", ""] + _md_summary(qs)
    if data.polls:  # polls are not worksheet questions: a section of their own, unnumbered
        lines += [f"## {md_text(t('report.polls'))}", ""]
        for _, qs in data.polls:
            lines += [f"### {md_text(qs.question.prompt)}", ""] + _md_summary(qs)
    if data.network_polls:  # the network's polls that run for days, besides the session's
        lines += [f"## {md_text(t('report.network_polls'))}", ""]
        lines += network_polls_markdown(data.network_polls)
    return "\n".join(lines)


def _md_summary(qs: QuestionSummary) -> list[str]:
    """One question's (or poll's) aggregate as Markdown lines, below its heading."""
    q = qs.question
    lines = [md_text(respondents_text(qs)), ""]
    if qs.suppressed:
        lines += [md_text(t("chart.suppressed", k=K_MIN)), ""]
    elif q.kind == QuestionKind.OPEN and not q.shared:
        lines += [md_text(t("chart.personal")), ""]
    elif q.kind == QuestionKind.OPEN:
        if qs.words:
            words = ", ".join(f"{md_text(w)} ({c})" for w, c in qs.words)
            lines += [f"{md_text(t('chart.words', k=K_MIN))}: {words}", ""]
        lines += [f"- {md_text(text)}" for text in qs.texts] + [""]
    elif q.kind == QuestionKind.RANKING:
        lines += [
            f"{i}. {md_text(item)} ({decimal(position)})"
            for i, (item, position) in enumerate(qs.ranking, start=1)
        ] + [""]
    else:
        lines += [f"| {md_text(t('report.md_answer'))} | {md_text(t('report.md_count'))} |"]
        lines += ["|---|---|"]
        lines += [
            f"| {md_text(display_option(label))} | {count} |" for label, count in qs.counts
        ] + [""]
        if qs.mean is not None:
            lines += [md_text(t("chart.mean", mean=decimal(qs.mean))), ""]
    return lines


#: The research CSV's columns and the role of a group too small to name. A data format, not
#: page text: the same in every page language, so analysis scripts keep working (documented
#: in docs/privacy.md; role, question and kind are ids, as in data/ and the notebooks).
CSV_COLUMNS = ("deelnemer", "rol", "vraag", "soort", "antwoord")
CSV_SMALL_ROLE = "overig"


def csv_allowed(store: SessionReadStore, data: SessionData, *, k: int = K_MIN) -> bool:
    """Whether the research CSV holds rows: at least ``k`` participants answered."""
    rows = store.session_answers(data.session.code, data.worksheet.info.id)
    return len({row["participant_id"] for row in rows}) >= k


def research_rows(
    store: SessionReadStore, data: SessionData, *, k: int = K_MIN
) -> list[tuple[str, str, str, str, Any]]:
    """The research data of a session, one row per answer: (deelnemer, rol, vraag, soort,
    value) — the rows of :func:`answers_csv`, with the stored value as it is (the CSV, the
    Excel and the SPSS files are made from these).

    No names, no ids (P1, P2 … per export), personal open answers and hidden answers left
    out, roles with fewer than ``k`` participants as :data:`CSV_SMALL_ROLE`, and nothing at
    all for a session with fewer than ``k`` respondents (issue 27)."""
    questions = {q.id: q for q in data.worksheet.questions}
    rows = list(store.session_answers(data.session.code, data.worksheet.info.id))
    hidden = store.hidden(data.session.code)
    role_sizes: dict[str | None, int] = {}
    for role in store.session_participants(data.session.code).values():
        role_sizes[role] = role_sizes.get(role, 0) + 1
    numbers: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["participant_id"]):
        numbers.setdefault(row["participant_id"], f"P{len(numbers) + 1}")
    if len(numbers) < k:
        return []
    out: list[tuple[str, str, str, str, Any]] = []
    for row in sorted(
        rows, key=lambda r: (int(numbers[r["participant_id"]][1:]), r["question_id"])
    ):
        q = questions.get(row["question_id"])
        if q is None or (q.kind == QuestionKind.OPEN and not q.shared):
            continue
        if (row["participant_id"], q.id) in hidden:
            continue
        role = row["role_id"] if role_sizes.get(row["role_id"], 0) >= k else CSV_SMALL_ROLE
        out.append((numbers[row["participant_id"]], role or "", q.id, q.kind.value, row["value"]))
    return out


def value_text(value: Any) -> str:
    """A stored answer as one text cell: lists and mappings as JSON, the rest as ``str``."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)


def answers_csv(store: SessionReadStore, data: SessionData, *, k: int = K_MIN) -> str:
    """Anonymised answers for researchers: no names, no ids, personal open answers left out.

    Roles with fewer than ``k`` participants are reported as :data:`CSV_SMALL_ROLE`. A session
    with fewer than ``k`` respondents gives the header only (issue 27: one person's answers,
    row by row, while the live view said "Te weinig antwoorden"); :func:`csv_allowed` says so
    beforehand.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for number, role, qid, kind, value in research_rows(store, data, k=k):
        text = value_text(value)
        # A cell starting with = + - @ is a formula to a spreadsheet: neutralise it.
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            text = "'" + text
        writer.writerow([number, role, qid, kind, text])
    return out.getvalue()
