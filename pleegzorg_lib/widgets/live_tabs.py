"""The live view's tabs, one small view each: results with moderation, presenter mode, quick
polls, comparing sessions, answers by role and the report.

A tab draws what ``render(data)`` gives it and calls ``services/live.py`` for what its buttons
do, after checking the facilitator's key again (``ctx.may()``): a message from the page can
click any button.
"""

from __future__ import annotations

import base64
import html
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..analysis import K_MIN, answers_frame, compare_by_role
from ..export import (
    ReportError,
    answers_csv,
    csv_allowed,
    html_to_pdf,
    question_html,
    report_html,
    report_markdown,
    role_comparison_html,
)
from ..export.report import SessionData
from ..export.research import answers_sav, answers_xlsx
from ..i18n import t
from ..model import Catalog, QuestionKind
from ..services.live import compare_sessions, moderate, poll_from_text
from ..store import Session
from ..store.interfaces import LiveStore
from ._lean import layout_of
from ._sync import on_click_after_edits


def html_widget(value: str = "", css: str = "") -> w.HTML:
    widget = w.HTML(value)
    if css:
        widget.add_class(css)
    return widget


def set_html(widget: w.HTML, value: str) -> None:
    if widget.value != value:  # unchanged values are not sent to the page again
        widget.value = value


def download_link(label: str, filename: str, mime: str, content: str | bytes) -> str:
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    charset = "" if isinstance(content, bytes) else ";charset=utf-8"
    data = base64.b64encode(raw).decode("ascii")
    return (
        f'<a class="pz-download" download="{html.escape(filename)}" '
        f'href="data:{mime}{charset};base64,{data}">{html.escape(label)}</a>'
    )


@dataclass(frozen=True, slots=True)
class LiveContext:
    """What every tab shares: the session, the store, the catalog, the key check, a way to
    have the whole view read the store again, and what it read last."""

    session: Session
    store: LiveStore
    catalog: Catalog
    may: Callable[[], bool]
    refresh: Callable[[], None]
    data: Callable[[], SessionData | None]
    #: how to join, for the shared screen: the QR code of the participants' link and the
    #: join code (HTML, built from the session's own values)
    join: str = ""


class ResultsTab:
    """Every question's aggregate; shared open answers with a hide/show button each."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.box = w.VBox([])
        self.box.add_class("pz-live-results")
        self._widgets: dict[str, tuple[w.HTML, w.VBox]] = {}
        self._moderation_state: dict[str, Any] = {}

    def render(self, data: SessionData) -> None:
        children = []
        for number, qs in enumerate(data.summary.questions, start=1):
            qid = qs.question.id
            if qid not in self._widgets:
                self._widgets[qid] = (html_widget(css="pz-result-box"), w.VBox([]))
            chart, moderation = self._widgets[qid]
            set_html(chart, question_html(qs, number=number))
            if qs.question.kind == QuestionKind.OPEN and qs.question.shared and not qs.suppressed:
                self._render_moderation(qid, moderation)
            children.extend([chart, moderation])
        if len(self.box.children) != len(children):
            self.box.children = children

    def _render_moderation(self, qid: str, box: w.VBox) -> None:
        session, store = self.ctx.session, self.ctx.store
        hidden = store.hidden(session.code)
        rows = sorted(
            (r["participant_id"], r["value"])
            for r in store.session_answers(session.code, session.worksheet_id)
            if r["question_id"] == qid and isinstance(r["value"], str) and r["value"].strip()
        )
        state = [(pid, text, (pid, qid) in hidden) for pid, text in rows]
        if self._moderation_state.get(qid) == state:
            return
        self._moderation_state[qid] = state
        items: list[w.Widget] = [
            html_widget(f'<div class="pz-help">{html.escape(t("live.moderate"))}</div>')
        ]
        for pid, text, is_hidden in state:
            note = f' <em class="pz-help">({html.escape(t("live.hidden"))})</em>'
            label = html_widget(
                f'<span class="pz-mod-text{" pz-mod-hidden" if is_hidden else ""}">'
                f"{html.escape(text)}</span>" + (note if is_hidden else "")
            )
            button = w.Button(description=t("live.show") if is_hidden else t("live.hide"))
            button.add_class("pz-mod-button")
            button.on_click(lambda _b, p=pid, h=not is_hidden: self.moderate(p, qid, h))
            row = w.HBox([label, button])
            row.add_class("pz-mod-row")
            items.append(row)
        box.children = items
        box.add_class("pz-moderation")

    def moderate(self, participant_id: str, question_id: str, hide: bool) -> bool:
        """Hide (or show again) one open answer in the shared view."""
        if not self.ctx.may():
            return False
        if not moderate(self.ctx.store, self.ctx.session, participant_id, question_id, hide):
            return False
        self.ctx.refresh()
        return True


class PresenterTab:
    """One question at a time, large, for the screen the room looks at."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.index = 0
        self.present = html_widget(css="pz-present")
        self.position = html_widget()
        prev_button = w.Button(description=t("present.prev"))
        next_button = w.Button(description=t("present.next"))
        prev_button.on_click(lambda _b: self.step(-1))
        next_button.on_click(lambda _b: self.step(+1))
        self.box = w.VBox([w.HBox([prev_button, self.position, next_button]), self.present])
        self.box.add_class("pz-present-box")

    def step(self, delta: int) -> None:
        data = self.ctx.data()
        if not self.ctx.may() or data is None:
            return
        total = len(data.summary.questions)
        self.index = max(0, min(total - 1, self.index + delta))
        self.render(data)

    def render(self, data: SessionData) -> None:
        questions = data.summary.questions
        if not questions:
            return
        self.index = min(self.index, len(questions) - 1)
        join = f'<div class="pz-present-join">{self.ctx.join}</div>' if self.ctx.join else ""
        set_html(self.present, join + question_html(questions[self.index], number=self.index + 1))
        position = t("present.position", i=self.index + 1, n=len(questions))
        set_html(self.position, html.escape(position))


class PollTab:
    """A quick poll: a question and options typed now, answered on every participant's page."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.prompt = w.Text(placeholder=t("poll.prompt"), layout=layout_of(width="100%"))
        self.options = w.Textarea(
            placeholder=t("poll.options"), rows=4, layout=layout_of(width="100%")
        )
        self.launch_button = w.Button(description=t("poll.launch"))
        self.launch_button.add_class("pz-poll-launch")
        self.stop_button = w.Button(description=t("poll.stop"))
        on_click_after_edits(self.launch_button, [self.prompt, self.options], self.launch)
        self.stop_button.on_click(lambda _b: self.stop())
        self.status = html_widget()
        self.results = html_widget()
        self.box = w.VBox(
            [
                self.prompt,
                self.options,
                w.HBox([self.launch_button, self.stop_button]),
                self.status,
                self.results,
            ]
        )
        self.box.add_class("pz-live-poll")

    def launch(self) -> bool:
        if not self.ctx.may():
            return False
        poll = poll_from_text(self.prompt.value, self.options.value)
        if poll is None:
            error = html.escape(t("poll.empty_prompt"))
            set_html(self.status, f'<span class="pz-status-error">{error}</span>')
            return False
        prompt, options = poll
        self.ctx.store.launch_poll(self.ctx.session.code, prompt=prompt, options=options)
        self.ctx.refresh()
        return True

    def stop(self) -> bool:
        if not self.ctx.may():
            return False
        running = self.ctx.store.active_poll(self.ctx.session.code)
        if running is not None:
            self.ctx.store.close_poll(running.id)
        self.ctx.refresh()
        return True

    def render(self, data: SessionData) -> None:
        running = self.ctx.store.active_poll(self.ctx.session.code)
        status = t("poll.running", prompt=running.prompt) if running is not None else t("poll.none")
        set_html(self.status, f'<div class="pz-help">{html.escape(status)}</div>')
        if data.polls:
            _poll, summary = data.polls[-1]
            label = f'<div class="pz-label">{html.escape(t("poll.results"))}</div>'
            set_html(self.results, label + question_html(summary))


class CompareTab:
    """One question side by side in every session of the worksheet."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.choice = w.Dropdown(options=[], layout=layout_of(width="100%"))
        self.choice.observe(lambda _c: self.show(), "value")
        self.compare = html_widget(css="pz-compare")
        self.box = w.VBox([self.choice, self.compare])

    def render(self, data: SessionData) -> None:
        if not self.choice.options:
            self.choice.options = [(q.prompt[:80], q.id) for q in data.worksheet.questions]

    def show(self) -> None:
        data = self.ctx.data()
        if not self.ctx.may() or data is None:
            return
        qid = self.choice.value
        question = data.worksheet.question(qid) if qid else None
        if question is None:
            return
        columns = compare_sessions(
            self.ctx.store, self.ctx.session.worksheet_id, question, self.ctx.session.code
        )
        if not any(not c.own for c in columns):
            set_html(self.compare, f'<p class="pz-help">{html.escape(t("compare.none"))}</p>')
            return
        cells = "".join(
            f'<div class="pz-compare-col"><div class="pz-label">{html.escape(c.label)}</div>'
            f"{question_html(c.summary)}</div>"
            for c in columns
        )
        set_html(self.compare, f'<div class="pz-compare-grid">{cells}</div>')


class ByRoleTab:
    """Each question with a column per role (k per role, smaller roles merged)."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.box = html_widget(css="pz-byrole")

    def render(self, data: SessionData) -> None:
        store, code = self.ctx.store, self.ctx.session.code
        comparison = compare_by_role(
            data.worksheet.questions,
            answers_frame(store.session_answers(code, data.worksheet.info.id)),
            participants=store.session_participants(code),
            role_names={r.id: r.name for r in self.ctx.catalog.roles},
            hidden=store.hidden(code),
            other_label=t("analysis.other_roles"),
            unknown_label=t("analysis.no_role"),
        )
        set_html(self.box, role_comparison_html(comparison))


class ReportTab:
    """The session report to download: HTML, Markdown, anonymised CSV, and PDF on request."""

    def __init__(self, ctx: LiveContext) -> None:
        self.ctx = ctx
        self.report = html_widget(css="pz-report-links")
        self.pdf_button = w.Button(description=t("report.make_pdf"))
        self.pdf_button.add_class("pz-pdf-button")
        self.pdf_button.on_click(lambda _b: self.make_pdf())
        self.pdf_link = html_widget()
        self.box = w.VBox([self.report, self.pdf_button, self.pdf_link])

    def render(self, data: SessionData) -> None:
        code = self.ctx.session.code
        stem = f"verslag-{code}"
        links = [
            download_link(
                t("report.download_html"), f"{stem}.html", "text/html", report_html(data)
            ),
            download_link(
                t("report.download_md"), f"{stem}.md", "text/markdown", report_markdown(data)
            ),
        ]
        if csv_allowed(self.ctx.store, data):
            links.append(
                download_link(
                    t("report.download_csv"),
                    f"antwoorden-{code}.csv",
                    "text/csv",
                    answers_csv(self.ctx.store, data),
                )
            )
            links += [
                download_link(
                    t("report.download_xlsx"),
                    f"antwoorden-{code}.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    answers_xlsx(self.ctx.store, data),
                ),
                download_link(
                    t("report.download_sav"),
                    f"antwoorden-{code}.sav",
                    "application/x-spss-sav",
                    answers_sav(self.ctx.store, data),
                ),
            ]
        else:
            too_few = html.escape(t("report.csv_too_few", k=K_MIN))
            links.append(f'<p class="pz-help pz-csv-too-few">{too_few}</p>')
        set_html(self.report, '<div class="pz-downloads">' + "".join(links) + "</div>")

    def make_pdf(self) -> bool:
        """Print the report to PDF (headless Chromium) and offer it for download."""
        data = self.ctx.data()
        if not self.ctx.may() or data is None:
            return False
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "verslag.pdf"
            try:
                html_to_pdf(report_html(data), target)
            except ReportError as exc:
                error = html.escape(str(exc))
                set_html(self.pdf_link, f'<span class="pz-status-error">{error}</span>')
                return False
            pdf = base64.b64encode(target.read_bytes()).decode("ascii")
        code = html.escape(self.ctx.session.code)
        set_html(
            self.pdf_link,
            f'<a class="pz-download" download="verslag-{code}.pdf" '
            f'href="data:application/pdf;base64,{pdf}">{html.escape(t("report.download_pdf"))}</a>',
        )
        return True
