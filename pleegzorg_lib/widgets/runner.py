"""The worksheet runner: binds a page to a participant and saves every answer as it comes.

Building (header, questions) needs no participant, so it can run in a preheated kernel; the
page is bound to its participant in :meth:`WorksheetRunner.bind` once the request's query
string is known. Answers live only in the store: a reload rebuilds the page from it.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs

import ipywidgets as w

from ..i18n import language_query, t
from ..model import AnswerError, Catalog, Question, WorksheetInfo
from ..model.signposting import Signposting
from ..services.identity import Binding, bind_page, carry_answers, find_by_code
from ..store import Participant
from ..store.interfaces import WorksheetPageStore
from ._autosave import Debouncer, flush_at_exit
from ._identity import IdentityFields
from ._sync import on_click_after_edits
from ._view import QuestionView
from .header import Header
from .network_poll import NetworkPollPanel
from .poll import PollArea
from .questions import build_question
from .rights import RightsPanel
from .signpost import PageHelp, SignpostView

log = logging.getLogger(__name__)

#: Called with the participant's saved answers ``{question id: value}`` whenever they change.
AnswersListener = Callable[[dict[str, Any]], None]


class Panel(Protocol):
    """A tool on the page that is not a question (Kennisagenda, jaarplan, Wie weet wat …).

    The runner tells it who the participant is; ``None`` after erasing. Panels keep their
    own data in the store and check every action against the bound participant.
    """

    box: w.Widget

    def bind(self, participant: Participant | None, session_code: str) -> None: ...


#: Wrong resume codes a page takes in a row before it makes the person wait.
FREE_CODE_TRIES = 3


class WorksheetRunner:
    """One worksheet page for one participant."""

    def __init__(
        self,
        info: WorksheetInfo,
        catalog: Catalog,
        *,
        store: WorksheetPageStore,
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
        self._offered = ""  # a resume code from a link, waiting for the person's yes
        self._wrong_codes = 0  # wrong resume codes typed in a row on this page
        self._session_in_address = False
        self._code_wait_until = 0.0
        self._stand_in: Participant | None = None  # the new participant made while asking
        self._saved: dict[str, Any] = {}
        self._lock = threading.RLock()
        self._pending = Debouncer(self._lock)
        self._listeners: list[AnswersListener] = []
        self.panels: list[Panel] = []
        flush_at_exit(self)
        self.identity = IdentityFields(
            self.header,
            catalog,
            store,
            self._pending,
            lambda: self.participant,
            lambda: self.help.role_changed(self.views.values()),
        )
        on_click_after_edits(
            self.header.resume_button,
            [self.header.resume_input],
            lambda: self.resume(self.header.resume_input.value),
        )
        self.poll = PollArea(store)
        self.header.box.children = (*self.header.box.children, self.poll.box)
        self.footer_text = w.HTML("")
        home = "../" * (info.path.count("/") + 2)  # from /voila/render/<path> back to /
        self.rights = RightsPanel(
            store, lambda: self.participant, self.erase, home=home, flush=self.flush
        )
        #: the network's open polls (they run for days; the home shows them too)
        self.network_polls = NetworkPollPanel(
            store,
            info.network_id,
            f"{home}voila/netwerk/{info.network_id}{language_query()}",
            may_vote=lambda: self.answered_count() > 0,
        )
        self.panels.append(self.network_polls)
        self.footer = w.VBox([self.network_polls.box, self.footer_text, self.rights.box])
        self.footer.add_class("pz-footer-box")
        self._show_progress()

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
        self._show_progress()
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

    # -- binding ----------------------------------------------------------------------
    def bind(self, query_string: str | None) -> None:
        """Bind to the participant named by ``?code=`` or a new one; ``?sessie=`` is stored
        (the rules are in :mod:`..services.identity`)."""
        binding = bind_page(self.store, self.info.id, query_string)
        self._session_in_address = "sessie" in parse_qs(query_string or "")
        self.participant, self.code = binding.participant, binding.code
        self.session_code = binding.session_code
        self._show_participant()
        self._load_answers()
        self._bind_panels()
        self.header.show_message(binding.message, binding.kind)
        self.poll.start(self.session_code, binding.participant.id)
        self._offered = binding.offered
        self._stand_in = binding.participant if binding.offered and not binding.resumed else None
        if binding.offered:
            self._offer(binding)

    # -- a code from a link ---------------------------------------------------------------
    def _offer(self, binding: Binding) -> None:
        """Ask before going on with a code from a link: it may be someone else's (a link
        from a mail or a chat), and what is answered here would be filed under it."""
        code = binding.offered
        if binding.resumed:
            text = t("link.offer_other", code=code, current=binding.code)
            decline = t("link.keep", current=binding.code)
        else:
            text, decline = t("link.offer", code=code), t("link.decline")
        self.header.offer_code(
            text, (t("link.accept", code=code), self.accept_offer), (decline, self.decline_offer)
        )

    def accept_offer(self) -> bool:
        """Go on with the offered code (a click; re-checked: only while one is offered).

        The participant this page made while it asked was only a stand-in: what was given
        meanwhile moves along (as when a code is typed) and the stand-in is erased, so a
        session does not count one person twice."""
        code, self._offered = self._offered, ""
        if not code:
            return False
        self.header.clear_offer()
        stand_in = self._stand_in
        found = find_by_code(self.store, code).participant
        if found is not None and not self._session_in_address:
            # as when the page opens with a remembered code: back to the session they last
            # used this worksheet in (bind_page does the same)
            latest = self.store.latest_session(found.id, self.info.id)
            if latest:
                self.session_code = latest
        if not self.resume(code, stand_in=stand_in):
            return False
        self._stand_in = None
        return True

    def participant_id(self) -> str | None:
        return self.participant.id if self.participant is not None else None

    def decline_offer(self) -> None:
        self._offered = ""
        self._stand_in = None  # no stand-in any more: this is who the person is here
        self.header.clear_offer()

    def resume(self, typed: str, stand_in: Participant | None = None) -> bool:
        """Switch to the participant whose code was typed in; answers given so far move along.

        A ``stand_in`` (the participant a page made while it asked about a link's code) is
        erased once its answers moved, *before* the page shows the new code: the page's
        kernel is shut down as soon as the tab closes, and a stand-in left behind would
        count as one more person in the session.

        After ``FREE_CODE_TRIES`` wrong codes in a row the page waits before it tries another,
        doubling up to 5 minutes (issue 27: 200 wrong codes went by at 50 ms each); the first
        wait is logged once, without the codes."""
        now = time.monotonic()
        if now < self._code_wait_until:
            wait = int(self._code_wait_until - now) + 1
            self.header.show_message(t("limits.resume", seconds=wait), "error")
            return False
        found = find_by_code(self.store, typed or "")
        if found.participant is None:
            self._wrong_codes += 1
            beyond = self._wrong_codes - FREE_CODE_TRIES
            if beyond >= 0:
                self._code_wait_until = now + min(300.0, 2.0 * 2**beyond)
                if beyond == 0:
                    log.warning(
                        "%d wrong resume codes in a row on a page of %s: it waits",
                        self._wrong_codes,
                        self.info.id,
                    )
            self.header.show_message(found.message, found.kind)
            return False
        self._wrong_codes = 0
        self.flush()
        questions = {qid: view.question for qid, view in self.views.items()}
        carry_answers(
            self.store, found.participant, self.info.id, self.session_code, self._saved, questions
        )
        if stand_in is not None and stand_in.id != found.participant.id:
            self.store.forget_participant(stand_in.id)
        self.participant = found.participant
        self.code = found.code
        self.header.resume_input.value = ""
        self._show_participant()
        self._load_answers()
        self._bind_panels()
        self.header.show_message(found.message, found.kind)
        return True

    def _show_participant(self) -> None:
        assert self.participant is not None and self.code is not None
        self.identity.show(self.participant)
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
        self._show_progress()
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
        if debounce:
            view.set_status(t("status.unsaved"), "pz-status-pending")
            self._pending.schedule(view.question.id, lambda: self._save(view))
            return
        self._pending.cancel(view.question.id)
        self._save(view)

    def _save(self, view: QuestionView) -> bool:
        question = view.question
        with self._lock:
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
            self._show_progress()
            self._answers_changed()
            return True

    def _mark_saved(self, view: QuestionView) -> None:
        view.set_status("✓ " + t("status.saved"), "pz-status-saved")
        view.box.add_class("pz-saved")

    def flush(self) -> None:
        """Save every answer still waiting for its typing pause (tests, shutdown, resume)."""
        self._pending.flush()

    def saved_answers(self) -> dict[str, object]:
        """What the store holds for this page's participant now: question id → value."""
        return dict(self._saved)

    # -- data rights ----------------------------------------------------------------------
    def erase(self) -> bool:
        """Erase the participant from the store and clear the page."""
        with self._lock:
            self._pending.cancel_all()
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
            self.identity.show(None)
            self.header.code.value = ""
            self.footer_text.value = ""
            self.header.show_message(t("rights.erased"), "success")
            self._show_progress()
            self._answers_changed()
            self._bind_panels()
        return True

    # -- progress -----------------------------------------------------------------------
    def answered_count(self) -> int:
        return sum(
            1
            for qid, v in self._saved.items()
            if qid in self.views and self.views[qid].question.is_answered(v)
        )

    def _show_progress(self) -> None:
        self.header.show_progress(self.answered_count(), len(self.views))
