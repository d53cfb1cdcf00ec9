"""The worksheet runner: binds a page to a participant and saves every answer as it comes.

Building (header, questions) needs no participant, so it can run in a preheated kernel; the
page is bound to its participant in :meth:`WorksheetRunner.bind` once the request's query
string is known. Answers live only in the store: a reload rebuilds the page from it.
"""

from __future__ import annotations

import atexit
import html
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs

import ipywidgets as w

from ..i18n import t
from ..model import (
    AnswerError,
    Catalog,
    Question,
    WorksheetInfo,
    normalize_code,
    normalize_session_code,
)
from ..model.signposting import Signposting
from ..store import Participant, SQLStore
from ._sync import on_click_after_edits
from ._view import QuestionView
from .header import NAME_LIMIT, Header
from .poll import PollArea
from .questions import build_question
from .rights import RightsPanel
from .signpost import PageHelp, SignpostView

log = logging.getLogger(__name__)

TEXT_DEBOUNCE_SECONDS = 0.8

#: Called with the participant's saved answers ``{question id: value}`` whenever they change.
AnswersListener = Callable[[dict[str, Any]], None]


class Panel(Protocol):
    """A tool on the page that is not a question (Kennisagenda, jaarplan, Wie weet wat …).

    The runner tells it who the participant is; ``None`` after erasing. Panels keep their
    own data in the store and check every action against the bound participant.
    """

    box: w.Widget

    def bind(self, participant: Participant | None, session_code: str) -> None: ...


class WorksheetRunner:
    """One worksheet page for one participant."""

    def __init__(
        self,
        info: WorksheetInfo,
        catalog: Catalog,
        *,
        store: SQLStore,
        signposting: Signposting | None = None,
    ) -> None:
        network = catalog.network(info.network_id)
        if network is None:  # the content loader already refuses this; be explicit anyway
            raise ValueError(f"unknown network {info.network_id!r}")
        self.info = info
        self.catalog = catalog
        self.store = store
        self.header = Header(info, network, catalog)
        #: the hulpwijzer: beside questions that touch distress, and as panels
        self.help = PageHelp(signposting, catalog, info.audience, lambda: self.header.role.value)
        self.views: dict[str, QuestionView] = {}
        self.participant: Participant | None = None
        self.code: str | None = None
        self.session_code = ""
        self._saved: dict[str, Any] = {}
        self._timers: dict[str, threading.Timer] = {}
        self._lock = threading.RLock()
        self._loading = False
        self._listeners: list[AnswersListener] = []
        self.panels: list[Panel] = []
        _flush_at_exit(self)
        self.header.role.observe(self._on_role, "value")
        self.header.name.observe(self._on_name, "value")
        on_click_after_edits(
            self.header.resume_button,
            [self.header.resume_input],
            lambda: self.resume(self.header.resume_input.value),
        )
        self.poll = PollArea(store)
        self.header.box.children = (*self.header.box.children, self.poll.box)
        self.footer_text = w.HTML("")
        self.rights = RightsPanel(store, lambda: self.participant, self.erase)
        self.footer = w.VBox([self.footer_text, self.rights.box])
        self.footer.add_class("pz-footer-box")
        self._update_progress()

    # -- building -----------------------------------------------------------------------
    def add_question(self, question: Question) -> QuestionView:
        """Add a question to the page; ids must be unique within the worksheet."""
        if question.id in self.views:
            raise ValueError(f"question id {question.id!r} is used twice on {self.info.id!r}")
        view = build_question(question, len(self.views) + 1)
        view.on_change = self._on_change
        self.views[question.id] = view
        self.help.watch(view)
        if self.participant is not None:
            self._load_answers()
        self._update_progress()
        return view

    @property
    def question_ids(self) -> list[str]:
        return list(self.views)

    def add_panel(self, panel: Panel) -> Panel:
        """Add a tool panel; it is bound to the participant together with the questions."""
        self.panels.append(panel)
        if self.participant is not None:
            panel.bind(self.participant, self.session_code)
        return panel

    def on_answers(self, listener: AnswersListener) -> None:
        """Call ``listener`` with the saved answers now and after every load or save."""
        self._listeners.append(listener)
        listener(dict(self._saved))

    def _answers_changed(self) -> None:
        saved = dict(self._saved)
        for view in self.views.values():
            carry = view.question.carry
            if carry:
                views = self.views
                earlier = [(views[c].question.prompt, saved.get(c)) for c in carry if c in views]
                view.show_carry(earlier)
        for listener in self._listeners:
            try:
                listener(saved)
            except Exception:  # a display must never break saving
                log.exception("answers listener failed on %s", self.info.id)

    def _bind_panels(self) -> None:
        for panel in self.panels:
            try:
                panel.bind(self.participant, self.session_code)
            except Exception:
                log.exception("binding a panel on %s failed", self.info.id)

    # -- binding ------------------------------------------------------------------------
    def bind(self, query_string: str | None) -> None:
        """Bind to the participant named by ``?code=`` or a new one; ``?sessie=`` is stored."""
        params = parse_qs(query_string or "", keep_blank_values=True)
        code_param = (params.get("code") or [""])[0].strip()
        session_param = (params.get("sessie") or [""])[0].strip()
        participant = None
        message, kind = "", "info"
        if code_param:
            participant, message, kind = self._find(code_param)
        resumed = participant is not None
        if resumed:
            self.code = normalize_code(code_param)
        else:
            participant, self.code = self.store.create_participant()
        assert participant is not None  # found by its code, or just created
        self.participant = participant
        session = ""
        if session_param:
            session = normalize_session_code(session_param) or ""
            found = self.store.session(session) if session else None
            if not session:
                message, kind = t("session.malformed"), "warning"
            elif found is None:
                message, kind, session = t("session.unknown"), "warning", ""
            elif not message:
                message = t("session.joined", title=found.title, code=found.code)
        elif resumed:
            session = self.store.latest_session(participant.id, self.info.id) or ""
        self.session_code = session
        self.store.enrol(participant.id, self.info.id, session)
        self._show_participant()
        self._load_answers()
        self._bind_panels()
        self.header.show_message(message, kind)
        self.poll.start(session, participant.id)

    def _find(self, typed: str) -> tuple[Participant | None, str, str]:
        code = normalize_code(typed)
        if code is None:
            return None, t("code.malformed"), "error"
        found = self.store.participant_by_code(code)
        if found is None:
            return None, t("code.unknown"), "error"
        return found, t("header.resumed"), "success"

    def resume(self, typed: str) -> bool:
        """Switch to the participant whose code was typed in; answers given so far move along."""
        found, message, kind = self._find(typed or "")
        if found is None:
            self.header.show_message(message, kind)
            return False
        self.flush()
        previous = dict(self._saved)
        self.participant = found
        self.code = normalize_code(typed)
        self.store.enrol(found.id, self.info.id, self.session_code)
        stored = self.store.answers_for(found.id, self.info.id, session_code=self.session_code)
        for qid, value in previous.items():  # nothing typed before resuming is lost
            question = self.views[qid].question if qid in self.views else None
            if (
                question
                and question.is_answered(value)
                and not question.is_answered(stored.get(qid))
            ):
                self.store.save_answer(
                    found.id, self.info.id, qid, value, session_code=self.session_code
                )
        self.header.resume_input.value = ""
        self._show_participant()
        self._load_answers()
        self._bind_panels()
        self.header.show_message(message, kind)
        return True

    def _show_participant(self) -> None:
        assert self.participant is not None and self.code is not None
        self._loading = True
        try:
            role = self.participant.role_id
            if role and self.catalog.role(role):
                self.header.role.value = role
            else:
                self.header.role.index = 0
            self.header.name.value = self.participant.display_name or ""
        finally:
            self._loading = False
        self.help.refresh_panels()  # the questions' help follows with their answers
        self.header.show_code(self.code)
        self.footer_text.value = (
            f'<div class="pz-footer"><h2>{html.escape(t("footer.title"))}</h2>'
            f"<p>{html.escape(t('footer.text', code=self.code))}</p></div>"
        )

    def _load_answers(self) -> None:
        assert self.participant is not None
        stored = self.store.answers_for(
            self.participant.id, self.info.id, session_code=self.session_code
        )
        self._saved = {}
        for qid, view in self.views.items():
            # an option stored in an earlier wording shows as the option it became
            value = view.question.upgrade(stored.get(qid))
            view.set_value(value)
            self.help.update(view)
            if qid in stored:
                self._saved[qid] = value
                self._mark_saved(view)
            else:
                view.set_status("", "pz-status-empty")
                view.box.remove_class("pz-saved")
        self._update_progress()
        self._answers_changed()

    # -- saving -------------------------------------------------------------------------
    @property
    def signposts(self) -> dict[str, SignpostView]:
        """The places for help beside questions, by question id."""
        return self.help.views

    def add_help_panel(self) -> w.HTML:
        """The hulpwijzer as a block of its own (always shown), fitting the role."""
        return self.help.panel()

    def _on_change(self, view: QuestionView, debounce: bool) -> None:
        if self.participant is None:
            return
        self.help.update(view)
        view.box.remove_class("pz-saved")
        qid = view.question.id
        with self._lock:
            timer = self._timers.pop(qid, None)
            if timer is not None:
                timer.cancel()
            if debounce:
                view.set_status(t("status.unsaved"), "pz-status-pending")
                timer = threading.Timer(TEXT_DEBOUNCE_SECONDS, self._save, args=(view,))
                timer.daemon = True
                self._timers[qid] = timer
                timer.start()
                return
        self._save(view)

    def _save(self, view: QuestionView) -> bool:
        question = view.question
        with self._lock:
            self._timers.pop(question.id, None)
            participant = self.participant
            if participant is None:
                return False
            raw = view.get_value()
            try:
                value = question.validate(raw)
            except AnswerError as exc:
                reason = t(exc.key, **exc.params)
                text = reason if exc.key == "answer.too_long" else t("status.error", reason=reason)
                view.set_status(text, "pz-status-error")
                view.box.add_class("pz-error")
                return False
            view.set_status(t("status.saving"), "pz-status-pending")
            try:
                self.store.save_answer(
                    participant.id,
                    self.info.id,
                    question.id,
                    value,
                    session_code=self.session_code,
                )
            except Exception:  # the store is down or locked: say so, keep the text
                log.exception("saving %s/%s failed", self.info.id, question.id)
                view.set_status(t("status.store_down"), "pz-status-error")
                view.box.add_class("pz-error")
                return False
            self._saved[question.id] = value
            view.box.remove_class("pz-error")
            if view.get_value() == raw:
                self._mark_saved(view)
            self._update_progress()
            self._answers_changed()
            return True

    def _mark_saved(self, view: QuestionView) -> None:
        view.set_status("✓ " + t("status.saved"), "pz-status-saved")
        view.box.add_class("pz-saved")

    def flush(self) -> None:
        """Save every answer still waiting for its typing pause (tests, shutdown, resume)."""
        with self._lock:
            pending = list(self._timers)
            for key in pending:
                self._timers.pop(key).cancel()
            for key in pending:
                if key == "__name__":
                    self._save_name()
                else:
                    self._save(self.views[key])

    # -- data rights ----------------------------------------------------------------------
    def erase(self) -> bool:
        """Erase the participant from the store and clear the page."""
        with self._lock:
            for key in list(self._timers):
                self._timers.pop(key).cancel()
            participant = self.participant
            if participant is None:
                return False
            self.store.forget_participant(participant.id)
            self.participant = None
            self.code = None
            self.poll.stop()
            self._saved = {}
            for view in self.views.values():
                view.set_value(None)
                view.set_status("", "pz-status-empty")
                view.box.remove_class("pz-saved")
            self._loading = True
            try:
                self.header.role.index = 0
                self.header.name.value = ""
            finally:
                self._loading = False
            self.header.code.value = ""
            self.footer_text.value = ""
            self.header.show_message(t("rights.erased"), "success")
            self._update_progress()
            self._answers_changed()
            self._bind_panels()
        return True

    # -- identity fields ----------------------------------------------------------------
    def _on_role(self, change: dict[str, Any]) -> None:
        if self._loading or self.participant is None:
            return
        role = change["new"]
        if role is not None and self.catalog.role(role) is None:  # forged value
            return
        self.store.update_participant(self.participant.id, role_id=role)
        self.help.role_changed(self.views.values())

    def _on_name(self, change: dict[str, Any]) -> None:
        if self._loading or self.participant is None:
            return
        name = str(change["new"] or "")
        if len(name) > NAME_LIMIT:
            self.header.name_status.value = (
                f'<span class="pz-status-error">{t("name.too_long", limit=NAME_LIMIT)}</span>'
            )
            return
        self.header.name_status.value = ""
        with self._lock:
            timer = self._timers.pop("__name__", None)
            if timer is not None:
                timer.cancel()
            timer = threading.Timer(TEXT_DEBOUNCE_SECONDS, self._save_name)
            timer.daemon = True
            self._timers["__name__"] = timer
            timer.start()

    def _save_name(self) -> None:
        with self._lock:
            self._timers.pop("__name__", None)
            if self.participant is None:
                return
            name = self.header.name.value.strip()
            if len(name) <= NAME_LIMIT and "\x00" not in name:
                self.store.update_participant(self.participant.id, display_name=name or None)

    # -- progress -----------------------------------------------------------------------
    def answered_count(self) -> int:
        return sum(
            1
            for qid, v in self._saved.items()
            if qid in self.views and self.views[qid].question.is_answered(v)
        )

    def _update_progress(self) -> None:
        total = len(self.views)
        done = self.answered_count()
        percent = int(100 * done / total) if total else 0
        self.header.progress.value = (
            f'<div class="pz-progress-text">{t("progress", answered=done, total=total)}</div>'
            f'<div class="pz-progress-bar"><div style="width:{percent}%"></div></div>'
        )


def _flush_at_exit(runner: WorksheetRunner) -> None:
    """Save text still waiting for its typing pause when the kernel shuts down.

    A page that closes asks the server to shut its kernel down at once (the page's front end,
    on ``pagehide``): without this, words typed in the last moment before closing the tab
    would be lost with the timer that was to save them. The kernel exits normally on a
    shutdown request, so ``atexit`` runs.
    """
    ref = weakref.ref(runner)

    def flush() -> None:
        alive = ref()
        if alive is not None:
            try:
                alive.flush()
            except Exception:  # the store may be gone already; nothing to tell anyone
                logging.getLogger(__name__).exception("saving at exit failed")

    atexit.register(flush)
