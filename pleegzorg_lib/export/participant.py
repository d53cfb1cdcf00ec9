"""A participant's own answers, for them to keep: HTML, Markdown, PDF or JSON.

Besides answers it holds what they put into the tools: agenda items, votes and attendance.

Everything in it was typed or chosen by the participant, and it is escaped all the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from ..content import cached_catalog, find_worksheet, load_worksheet
from ..i18n import t
from ..model import Catalog, Worksheet
from ..store import Participant
from ..store.interfaces import OwnDataStore
from ._text import CSS_PATH, md_text


@dataclass(frozen=True, slots=True)
class AnsweredWorksheet:
    title: str
    session_code: str
    items: tuple[tuple[str, Any], ...]  # (question prompt, value) in the worksheet's order


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    network: str  # the network's name
    text: str | None  # None: a vote on an item someone else wrote that is now hidden
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class AttendanceEntry:
    network: str
    meeting_id: str


@dataclass(frozen=True, slots=True)
class ParticipantData:
    role: str
    display_name: str
    worksheets: tuple[AnsweredWorksheet, ...]
    made_at: datetime
    agenda_items: tuple[AgendaEntry, ...] = ()
    agenda_votes: tuple[AgendaEntry, ...] = ()
    attendance: tuple[AttendanceEntry, ...] = ()
    #: what they wrote on a network's home: (network, text) — stories, questions, replies
    posts: tuple[tuple[str, str], ...] = ()
    post_votes: tuple[tuple[str, str], ...] = ()
    post_reports: tuple[tuple[str, str], ...] = ()
    network_poll_votes: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.worksheets
            or self.agenda_items
            or self.agenda_votes
            or self.attendance
            or self.posts
            or self.post_votes
            or self.post_reports
            or self.network_poll_votes
        )


def collect_participant(
    store: OwnDataStore,
    participant: Participant,
    *,
    catalog: Catalog | None = None,
    root: Path | None = None,
) -> ParticipantData:
    """All of one participant's answers, with the questions as they were asked."""
    from .. import config

    catalog = catalog or cached_catalog(str(config.data_dir()))
    root = root or config.workbooks_dir()
    rows = store.all_answers_of(participant.id)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        groups.setdefault((row["worksheet_id"], row["session_code"]), {})[row["question_id"]] = row[
            "value"
        ]
    sheets = []
    for (worksheet_id, session_code), values in groups.items():
        info = find_worksheet(root, catalog, worksheet_id)
        worksheet: Worksheet | None = load_worksheet(info, root) if info else None
        order = [q.id for q in worksheet.questions] if worksheet else []
        prompts = {q.id: q.prompt for q in worksheet.questions} if worksheet else {}
        ids = [q for q in order if q in values] + sorted(q for q in values if q not in order)
        sheets.append(
            AnsweredWorksheet(
                title=info.title if info else worksheet_id,
                session_code=session_code,
                items=tuple((prompts.get(qid, qid), values[qid]) for qid in ids),
            )
        )
    role = catalog.role(participant.role_id or "")
    extra = store.contributions_of(participant.id)

    def network(network_id: str) -> str:
        found = catalog.network(network_id)
        return found.name if found else network_id

    return ParticipantData(
        role=role.name if role else "",
        display_name=participant.display_name or "",
        worksheets=tuple(sheets),
        made_at=datetime.now(),
        agenda_items=tuple(
            AgendaEntry(network(r["network_id"]), r["text"], r["hidden"])
            for r in extra["agenda_items"]
        ),
        agenda_votes=tuple(
            AgendaEntry(network(r["network_id"]), r["text"]) for r in extra["agenda_votes"]
        ),
        attendance=tuple(
            AttendanceEntry(network(r["network_id"]), r["meeting_id"]) for r in extra["attendance"]
        ),
        posts=tuple((network(r["network_id"]), _post_text(r)) for r in extra.get("posts", [])),
        post_votes=tuple(
            (network(r["network_id"]), r["title"] or t("exchange.export.hidden_item"))
            for r in extra.get("post_votes", [])
        ),
        post_reports=tuple(
            (network(r["network_id"]), r["reason"]) for r in extra.get("post_reports", [])
        ),
        network_poll_votes=tuple(
            (network(r["network_id"]), f"{r['prompt']} — {r['choice']}")
            for r in extra.get("network_poll_votes", [])
        ),
    )


def _post_text(row: dict[str, Any]) -> str:
    """One item a participant wrote on a network's home, whole, as plain text."""
    parts = [t(f"exchange.kind.{row['kind']}")]
    if row.get("title"):
        parts.append(row["title"])
    parts.extend(str(v) for v in row.get("body", {}).values())
    if row.get("status") in ("pending", "hidden"):
        parts.append(f"({t('exchange.export.status.' + row['status'])})")
    return " — ".join(parts)


def _agenda_text(entry: AgendaEntry) -> str:
    text = entry.text if entry.text is not None else t("agenda.export.hidden_item")
    return f"{text} ({t('agenda.export.hidden')})" if entry.hidden else text


def _tool_sections(data: ParticipantData) -> list[tuple[str, list[tuple[str, str]]]]:
    """The tools' part of the export: (heading, [(label, text)]) per non-empty section."""
    sections = [
        (
            t("agenda.export.items"),
            [(e.network, _agenda_text(e)) for e in data.agenda_items],
        ),
        (
            t("agenda.export.votes"),
            [(e.network, _agenda_text(e)) for e in data.agenda_votes],
        ),
        (
            t("agenda.export.attendance"),
            [
                ("", t("agenda.export.meeting", network=e.network, meeting=e.meeting_id))
                for e in data.attendance
            ],
        ),
        (t("exchange.export.posts"), list(data.posts)),
        (t("exchange.export.votes"), list(data.post_votes)),
        (t("exchange.export.reports"), list(data.post_reports)),
        (t("exchange.export.polls"), list(data.network_poll_votes)),
    ]
    return [(heading, rows) for heading, rows in sections if rows]


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict) and "people" in value:  # a netwerkkaart
        from .. import config
        from ..analysis.network_metrics import describe_map
        from ..content.netwerkkaart import load_netwerkkaart_spec

        return describe_map(value, load_netwerkkaart_spec(config.data_dir()))
    return "" if value is None else str(value)


def participant_html(data: ParticipantData) -> str:
    """The participant's answers as one self-contained HTML page."""
    css = CSS_PATH.read_text(encoding="utf-8") if CSS_PATH.exists() else ""
    who = " · ".join(escape(x) for x in (data.display_name, data.role) if x)
    stamp = data.made_at.strftime("%Y-%m-%d %H:%M")
    body = []
    for sheet in data.worksheets:
        session = (
            f" <small>({escape(t('header.session', code=sheet.session_code))})</small>"
            if sheet.session_code
            else ""
        )
        items = "".join(
            f'<div class="pz-result"><div class="pz-prompt">{escape(prompt)}</div>'
            f'<div class="pz-answer">{escape(_value_text(v))}</div></div>'
            for prompt, v in sheet.items
        )
        body.append(f"<h2>{escape(sheet.title)}{session}</h2>{items}")
    for heading, rows in _tool_sections(data):
        items = "".join(
            '<div class="pz-result">'
            + (f'<div class="pz-prompt">{escape(label)}</div>' if label else "")
            + f'<div class="pz-answer">{escape(value)}</div></div>'
            for label, value in rows
        )
        body.append(f"<h2>{escape(heading)}</h2>{items}")
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('rights.export_title'))}</title><style>{css}</style></head>"
        '<body class="pz-body pz-report"><main class="pz-landing-main">'
        f"<h1>{escape(t('rights.export_title'))}</h1>"
        f'<p class="pz-meta">{who}</p>'
        f'<p class="pz-help">{escape(t("report.generated", time=stamp))}</p>'
        + ("".join(body) or f"<p>{escape(t('rights.nothing'))}</p>")
        + "</main></body></html>"
    )


def participant_markdown(data: ParticipantData) -> str:
    """The participant's answers as Markdown."""
    lines = [f"# {md_text(t('rights.export_title'))}", ""]
    who = " · ".join(md_text(x) for x in (data.display_name, data.role) if x)
    if who:
        lines += [who, ""]
    for sheet in data.worksheets:
        suffix = (
            f" ({md_text(t('header.session', code=sheet.session_code))})"
            if sheet.session_code
            else ""
        )
        lines += [f"## {md_text(sheet.title)}{suffix}", ""]
        for prompt, value in sheet.items:
            lines += [f"**{md_text(prompt)}**", "", md_text(_value_text(value)) or "—", ""]
    for heading, rows in _tool_sections(data):
        lines += [f"## {md_text(heading)}", ""]
        for label, value in rows:
            prefix = f"**{md_text(label)}**: " if label else ""
            lines += [f"- {prefix}{md_text(value)}"]
        lines.append("")
    if data.empty:
        lines.append(md_text(t("rights.nothing")))
    return "\n".join(lines)


def participant_json(data: ParticipantData) -> str:
    """Machine-readable form (data portability)."""
    return json.dumps(
        {
            "role": data.role,
            "display_name": data.display_name,
            "worksheets": [
                {
                    "title": s.title,
                    "session": s.session_code,
                    "answers": [{"question": p, "answer": v} for p, v in s.items],
                }
                for s in data.worksheets
            ],
            "agenda_items": [
                {"network": e.network, "text": e.text, "hidden": e.hidden}
                for e in data.agenda_items
            ],
            "agenda_votes": [{"network": e.network, "text": e.text} for e in data.agenda_votes],
            "attendance": [
                {"network": e.network, "meeting": e.meeting_id} for e in data.attendance
            ],
            "posts": [{"network": n, "text": x} for n, x in data.posts],
            "post_votes": [{"network": n, "text": x} for n, x in data.post_votes],
            "post_reports": [{"network": n, "reason": x} for n, x in data.post_reports],
            "network_poll_votes": [{"network": n, "vote": x} for n, x in data.network_poll_votes],
        },
        ensure_ascii=False,
        indent=2,
    )
