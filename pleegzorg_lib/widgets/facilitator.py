"""The facilitator's live view of a session: who joined, results, moderation, polls,
presenter mode, comparison with other sessions and the report.

Built only after the key was checked; every callback checks it again in the kernel, because
a message from the page can click any button.
"""

from __future__ import annotations

import base64
import html
import logging
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import ipywidgets as w

from .. import config
from ..analysis import K_MIN, answers_frame, compare_by_role, summarize_question
from ..export import (
    ReportError,
    answers_csv,
    collect_session,
    html_to_pdf,
    question_html,
    report_html,
    report_markdown,
    role_comparison_html,
    roles_html,
)
from ..export.report import SessionData
from ..i18n import t
from ..model import Catalog, QuestionKind, page_path
from ..store import Session, SQLStore
from ._lean import layout_of
from ._sync import on_click_after_edits

log = logging.getLogger(__name__)

REFRESH_SECONDS = 3.0
TABS = ("results", "present", "poll", "compare", "byrole", "agenda", "report")
BYROLE_TAB = TABS.index("byrole")
AGENDA_TAB = TABS.index("agenda")
REPORT_TAB = TABS.index("report")
POLL_PROMPT_LIMIT = 300


def _html(value: str = "", css: str = "") -> w.HTML:
    widget = w.HTML(value)
    if css:
        widget.add_class(css)
    return widget


def _download(label: str, filename: str, mime: str, content: str) -> str:
    data = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return (
        f'<a class="pz-download" download="{html.escape(filename)}" '
        f'href="data:{mime};charset=utf-8;base64,{data}">{html.escape(label)}</a>'
    )


class LiveView:
    """One facilitator page for one session."""

    def __init__(
        self,
        session: Session,
        key: str,
        *,
        store: SQLStore,
        catalog: Catalog,
        root: Path,
        participant_path: str,
    ) -> None:
        self.session = session
        self.key = key
        self.store = store
        self.catalog = catalog
        self.root = root
        self.data: SessionData | None = None
        self._stop = threading.Event()
        self._lock = threading.RLock()
        self._moderation_state: dict[str, Any] = {}
        base = config.base_url() or ""
        page = f"{base}/{page_path(participant_path)}" if base else f"../{quote(participant_path)}"
        link = f"{page}?sessie={session.code}"
        self.header = _html(
            '<div class="pz-header pz-live-header">'
            f'<div class="pz-network">{html.escape(session.title)}</div>'
            f'<div class="pz-join"><span class="pz-label">{html.escape(t("live.join_code"))}</span>'
            f'<span class="pz-join-code">{html.escape(session.code)}</span></div>'
            f'<div class="pz-help">{html.escape(t("live.participant_link"))}: '
            f'<a href="{html.escape(link)}" target="_blank">{html.escape(link)}</a></div></div>',
            "pz-page-header",
        )
        self.roles = _html(css="pz-live-roles")
        self.updated = _html(css="pz-updated")
        self.results = w.VBox([])
        self.results.add_class("pz-live-results")
        self._result_widgets: dict[str, tuple[w.HTML, w.VBox]] = {}

        # presenter mode
        self.present_index = 0
        self.present = _html(css="pz-present")
        self.present_position = _html()
        prev_button = w.Button(description=t("present.prev"))
        next_button = w.Button(description=t("present.next"))
        prev_button.on_click(lambda _b: self.step(-1))
        next_button.on_click(lambda _b: self.step(+1))
        present_box = w.VBox(
            [w.HBox([prev_button, self.present_position, next_button]), self.present]
        )
        present_box.add_class("pz-present-box")

        # quick polls
        self.poll_prompt = w.Text(placeholder=t("poll.prompt"), layout=layout_of(width="100%"))
        self.poll_options = w.Textarea(
            placeholder=t("poll.options"), rows=4, layout=layout_of(width="100%")
        )
        self.poll_launch = w.Button(description=t("poll.launch"))
        self.poll_launch.add_class("pz-poll-launch")
        self.poll_stop = w.Button(description=t("poll.stop"))
        on_click_after_edits(
            self.poll_launch, [self.poll_prompt, self.poll_options], self.launch_poll
        )
        self.poll_stop.on_click(lambda _b: self.stop_poll())
        self.poll_status = _html()
        self.poll_results = _html()
        poll_box = w.VBox(
            [
                self.poll_prompt,
                self.poll_options,
                w.HBox([self.poll_launch, self.poll_stop]),
                self.poll_status,
                self.poll_results,
            ]
        )
        poll_box.add_class("pz-live-poll")

        # compare sessions
        self.compare_choice = w.Dropdown(options=[], layout=layout_of(width="100%"))
        self.compare_choice.observe(lambda _c: self.render_compare(), "value")
        self.compare = _html(css="pz-compare")
        compare_box = w.VBox([self.compare_choice, self.compare])

        # report
        self.report = _html(css="pz-report-links")
        self.pdf_button = w.Button(description=t("report.make_pdf"))
        self.pdf_button.add_class("pz-pdf-button")
        self.pdf_button.on_click(lambda _b: self.make_pdf())
        self.pdf_link = _html()
        report_box = w.VBox([self.report, self.pdf_button, self.pdf_link])

        # answers compared by role (dialogues), and the network's Kennisagenda
        self.byrole = _html(css="pz-byrole")
        from .agenda import AgendaAdmin

        self.agenda = AgendaAdmin(store, session.network_id, catalog, self.may)

        self.tabs = w.Tab(
            children=[
                self.results,
                present_box,
                poll_box,
                compare_box,
                self.byrole,
                self.agenda.box,
                report_box,
            ]
        )
        self.tabs.observe(self._on_tab, "selected_index")
        for index, key_ in enumerate(TABS):
            self.tabs.set_title(index, t(f"live.tab.{key_}"))
        self.box = w.VBox([self.header, self.roles, self.updated, self.tabs])
        self.box.add_class("pz-live")

    # -- permission -----------------------------------------------------------------------
    def may(self) -> bool:
        """Check the key against the store again: a forged click must not get through."""
        try:
            return self.store.facilitator_may(self.session.code, self.key)
        except Exception:
            log.exception("key check failed")
            return False

    # -- refreshing -----------------------------------------------------------------------
    def start(self) -> None:
        self.refresh()
        threading.Thread(target=self._loop, daemon=True, name="pz-live").start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(REFRESH_SECONDS):
            try:
                self.refresh()
            except Exception:
                log.exception("live view refresh failed")

    def refresh(self) -> None:
        """Read the store, recompute the aggregates and update what changed."""
        if not self.may():
            return
        with self._lock:
            data = collect_session(
                self.store, self.session.code, catalog=self.catalog, root=self.root
            )
            self.data = data
            _set(self.roles, roles_html(data.summary))
            _set(
                self.updated,
                f'<span class="pz-help">'
                f"{html.escape(t('live.updated', time=datetime.now().strftime('%H:%M:%S')))}"
                "</span>",
            )
            self._render_results(data)
            self._render_present()
            self._render_poll(data)
            if not self.compare_choice.options:
                self.compare_choice.options = [
                    (q.prompt[:80], q.id) for q in data.worksheet.questions
                ]
            self._render_tab(self.tabs.selected_index, data)

    def _render_results(self, data: SessionData) -> None:
        children = []
        for number, qs in enumerate(data.summary.questions, start=1):
            qid = qs.question.id
            if qid not in self._result_widgets:
                self._result_widgets[qid] = (_html(css="pz-result-box"), w.VBox([]))
            chart, moderation = self._result_widgets[qid]
            _set(chart, question_html(qs, number=number))
            if qs.question.kind == QuestionKind.OPEN and qs.question.shared and not qs.suppressed:
                self._render_moderation(qid, moderation)
            children.extend([chart, moderation])
        if len(self.results.children) != len(children):
            self.results.children = children

    def _render_moderation(self, qid: str, box: w.VBox) -> None:
        hidden = self.store.hidden(self.session.code)
        rows = sorted(
            (r["participant_id"], r["value"])
            for r in self.store.session_answers(self.session.code, self.session.worksheet_id)
            if r["question_id"] == qid and isinstance(r["value"], str) and r["value"].strip()
        )
        state = [(pid, text, (pid, qid) in hidden) for pid, text in rows]
        if self._moderation_state.get(qid) == state:
            return
        self._moderation_state[qid] = state
        items: list[w.Widget] = [
            _html(f'<div class="pz-help">{html.escape(t("live.moderate"))}</div>')
        ]
        for pid, text, is_hidden in state:
            label = _html(
                f'<span class="pz-mod-text{" pz-mod-hidden" if is_hidden else ""}">'
                f"{html.escape(text)}</span>"
                + (
                    f' <em class="pz-help">({html.escape(t("live.hidden"))})</em>'
                    if is_hidden
                    else ""
                )
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
        if not self.may():
            return False
        belongs = any(
            r["participant_id"] == participant_id and r["question_id"] == question_id
            for r in self.store.session_answers(self.session.code, self.session.worksheet_id)
        )
        if not belongs:
            return False
        self.store.set_hidden(self.session.code, participant_id, question_id, hide)
        self.refresh()
        return True

    # -- presenter mode -------------------------------------------------------------------
    def step(self, delta: int) -> None:
        if not self.may() or self.data is None:
            return
        total = len(self.data.summary.questions)
        self.present_index = max(0, min(total - 1, self.present_index + delta))
        self._render_present()

    def _render_present(self) -> None:
        if self.data is None or not self.data.summary.questions:
            return
        questions = self.data.summary.questions
        self.present_index = min(self.present_index, len(questions) - 1)
        qs = questions[self.present_index]
        _set(self.present, question_html(qs, number=self.present_index + 1))
        _set(
            self.present_position,
            html.escape(t("present.position", i=self.present_index + 1, n=len(questions))),
        )

    # -- quick polls ----------------------------------------------------------------------
    def launch_poll(self) -> bool:
        if not self.may():
            return False
        prompt = self.poll_prompt.value.strip()
        if not prompt:
            _set(
                self.poll_status,
                f'<span class="pz-status-error">{html.escape(t("poll.empty_prompt"))}</span>',
            )
            return False
        options = tuple(
            dict.fromkeys(
                line.strip()[:120] for line in self.poll_options.value.splitlines() if line.strip()
            )
        )[:12]
        if len(options) == 1:
            options = ()
        self.store.launch_poll(
            self.session.code, prompt=prompt[:POLL_PROMPT_LIMIT], options=options
        )
        self.refresh()
        return True

    def stop_poll(self) -> bool:
        if not self.may():
            return False
        running = self.store.active_poll(self.session.code)
        if running is not None:
            self.store.close_poll(running.id)
        self.refresh()
        return True

    def _render_poll(self, data: SessionData) -> None:
        running = self.store.active_poll(self.session.code)
        status = t("poll.running", prompt=running.prompt) if running is not None else t("poll.none")
        _set(self.poll_status, f'<div class="pz-help">{html.escape(status)}</div>')
        if data.polls:
            _poll, summary = data.polls[-1]
            _set(
                self.poll_results,
                f'<div class="pz-label">{html.escape(t("poll.results"))}</div>'
                + question_html(summary),
            )

    # -- comparing sessions ---------------------------------------------------------------
    def render_compare(self) -> None:
        if not self.may() or self.data is None:
            return
        qid = self.compare_choice.value
        question = self.data.worksheet.question(qid) if qid else None
        if question is None:
            return
        others = self.store.sessions_for_worksheet(self.session.worksheet_id)
        if len(others) < 2:
            _set(self.compare, f'<p class="pz-help">{html.escape(t("compare.none"))}</p>')
            return
        columns = []
        for other in others:
            frame = answers_frame(self.store.session_answers(other.code, other.worksheet_id))
            values = frame.loc[frame["question_id"] == qid, "value"].tolist()
            summary = summarize_question(question, values, k=K_MIN)
            columns.append(
                f'<div class="pz-compare-col"><div class="pz-label">{html.escape(other.title)}'
                f"{' · ' + html.escape(other.date) if other.date else ''}</div>"
                f"{question_html(summary)}</div>"
            )
        _set(self.compare, f'<div class="pz-compare-grid">{"".join(columns)}</div>')

    # -- report ---------------------------------------------------------------------------
    def _on_tab(self, change: dict[str, Any]) -> None:
        if self.data is not None and self.may():
            self._render_tab(change["new"], self.data)

    def _render_tab(self, index: int | None, data: SessionData) -> None:
        """Tabs that cost work are only computed while they are shown."""
        if index == REPORT_TAB:
            self._render_report(data)
        elif index == BYROLE_TAB:
            self.render_byrole(data)
        elif index == AGENDA_TAB:
            self.agenda.refresh()

    def render_byrole(self, data: SessionData) -> None:
        """Each question with a column per role (k per role, smaller roles merged)."""
        comparison = compare_by_role(
            data.worksheet.questions,
            answers_frame(self.store.session_answers(self.session.code, data.worksheet.info.id)),
            participants=self.store.session_participants(self.session.code),
            role_names={r.id: r.name for r in self.catalog.roles},
            hidden=self.store.hidden(self.session.code),
        )
        _set(self.byrole, role_comparison_html(comparison))

    def make_pdf(self) -> bool:
        """Print the report to PDF (headless Chromium) and offer it for download."""
        if not self.may() or self.data is None:
            return False
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "verslag.pdf"
            try:
                html_to_pdf(report_html(self.data), target)
            except ReportError as exc:
                _set(self.pdf_link, f'<span class="pz-status-error">{html.escape(str(exc))}</span>')
                return False
            data = base64.b64encode(target.read_bytes()).decode("ascii")
        _set(
            self.pdf_link,
            f'<a class="pz-download" download="verslag-{html.escape(self.session.code)}.pdf" '
            f'href="data:application/pdf;base64,{data}">{html.escape(t("report.download_pdf"))}</a>',
        )
        return True

    def _render_report(self, data: SessionData) -> None:
        stem = f"verslag-{self.session.code}"
        links = [
            _download(t("report.download_html"), f"{stem}.html", "text/html", report_html(data)),
            _download(
                t("report.download_md"), f"{stem}.md", "text/markdown", report_markdown(data)
            ),
            _download(
                t("report.download_csv"),
                f"antwoorden-{self.session.code}.csv",
                "text/csv",
                answers_csv(self.store, data),
            ),
        ]
        _set(self.report, '<div class="pz-downloads">' + "".join(links) + "</div>")


def _set(widget: w.HTML, value: str) -> None:
    if widget.value != value:  # unchanged values are not sent to the page again
        widget.value = value
