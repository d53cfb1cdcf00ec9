"""A quick poll as a participant sees it: it appears within seconds, no reload needed."""

from __future__ import annotations

import html
import logging
import threading

import ipywidgets as w

from ..i18n import t
from ..store import Poll
from ..store.interfaces import PollStore
from ._lean import layout_of
from ._sync import on_click_after_edits

log = logging.getLogger(__name__)

POLL_INTERVAL_SECONDS = 2.0
OPEN_LIMIT = 200


class PollArea:
    """Shows the session's running poll and stores the participant's answer."""

    def __init__(self, store: PollStore) -> None:
        self.store = store
        self.box = w.VBox([], layout=w.Layout(display="none"))
        self.box.add_class("pz-poll")
        self.poll: Poll | None = None
        self.session_code = ""
        self.participant_id: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._choice: w.RadioButtons | None = None
        self._text: w.Text | None = None
        self.status = w.HTML("")

    def start(self, session_code: str, participant_id: str) -> None:
        """Watch ``session_code`` for polls (a background thread in the kernel)."""
        self.session_code, self.participant_id = session_code, participant_id
        self.refresh()
        if self._thread is None and session_code:
            self._thread = threading.Thread(target=self._watch, daemon=True, name="pz-poll")
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.wait(POLL_INTERVAL_SECONDS):
            try:
                self.refresh()
            except Exception:  # the store may be briefly away; try again next round
                log.exception("poll refresh failed")

    def refresh(self) -> None:
        """Show the running poll, hide a closed one."""
        current = self.store.active_poll(self.session_code) if self.session_code else None
        if current is None:
            if self.poll is not None:
                self.poll = None
                self.box.layout.display = "none"
                self.box.children = ()
            return
        if self.poll is not None and self.poll.id == current.id:
            return
        self.poll = current
        self._build(current)

    def _build(self, poll: Poll) -> None:
        title = w.HTML(f'<div class="pz-poll-title">{html.escape(t("poll.title"))}</div>')
        prompt = w.HTML(f'<div class="pz-prompt">{html.escape(poll.prompt)}</div>')
        send = w.Button(description=t("poll.send"))
        send.add_class("pz-poll-send")
        self.status = w.HTML("")
        if poll.kind == "choice":
            self._choice = w.RadioButtons(options=list(poll.options), index=None)
            self._text = None
            control: w.Widget = self._choice
        else:
            self._text = w.Text(placeholder=t("poll.placeholder"), layout=layout_of(width="100%"))
            self._choice = None
            control = self._text
        on_click_after_edits(send, [control], self.send)
        self.box.children = (title, prompt, control, send, self.status)
        self.box.layout.display = "flex"

    def send(self) -> bool:
        """Store the answer after checking it here: the page may send anything."""
        poll, pid = self.poll, self.participant_id
        if poll is None or pid is None:
            return False
        if poll.kind == "choice":
            index = self._choice.index if self._choice is not None else None
            if index is None or not 0 <= index < len(poll.options):
                self._say(t("poll.choose"), "pz-status-error")
                return False
            value: str = poll.options[index]
        else:
            value = (self._text.value if self._text is not None else "").strip()
            if not value:
                self._say(t("poll.choose"), "pz-status-error")
                return False
            if len(value) > OPEN_LIMIT or "\x00" in value:
                self._say(t("poll.too_long", limit=OPEN_LIMIT), "pz-status-error")
                return False
        current = self.store.active_poll(self.session_code)
        if current is None or current.id != poll.id:  # closed meanwhile
            self.refresh()
            return False
        self.store.answer_poll(poll.id, pid, value)
        self._say("✓ " + t("poll.sent"), "pz-status-saved")
        return True

    def _say(self, text: str, css: str) -> None:
        self.status.value = f'<span class="{css}">{html.escape(text)}</span>'
