"""The facilitator's round timer for intervisie (e.g. the incidentmethode).

Shows the rounds with their instructions, the current round in large type and the time
left; start/pause, next, previous and reset. A thread refreshes the clock every second.
It stores nothing: it is a tool on the facilitator's screen, shared in the meeting.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as w

from ..i18n import t
from ..model.timer import RoundTimer, clock_text
from ..model.tools import IntervisieFormat

TICK_SECONDS = 1.0


class IntervisieTimer:
    def __init__(self, fmt: IntervisieFormat, *, timer: RoundTimer | None = None) -> None:
        self.format = fmt
        self.timer = timer or RoundTimer([r.minutes for r in fmt.rounds])
        self.current = w.HTML("")
        self.current.add_class("pz-timer-current")
        self.clock = w.HTML("")
        self.clock.add_class("pz-timer-clock")
        self.start_button = w.Button(description=t("timer.start"), button_style="primary")
        self.start_button.add_class("pz-timer-start")
        self.start_button.on_click(lambda _b: self.toggle())
        buttons = [self.start_button]
        for key, action in (
            ("timer.previous", self.previous),
            ("timer.next", self.next),
            ("timer.reset", self.reset),
        ):
            button = w.Button(description=t(key))
            button.on_click(lambda _b, a=action: a())
            buttons.append(button)
        self.rounds = w.HTML("")
        self.rounds.add_class("pz-timer-rounds")
        head = w.HTML(
            f"<h2>{html.escape(fmt.name)}</h2>"
            f'<p class="pz-help">{html.escape(fmt.description)}</p>'
            f'<p class="pz-help">{html.escape(t("timer.total", minutes=fmt.total_minutes))}</p>'
        )
        source = w.HTML(f'<p class="pz-help pz-source">{html.escape(fmt.source)}</p>')
        controls = w.HBox(buttons)
        controls.add_class("pz-timer-controls")
        self.box = w.VBox([head, self.current, self.clock, controls, self.rounds, source])
        self.box.add_class("pz-timer")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.render()

    # -- actions ---------------------------------------------------------------------------
    def toggle(self) -> None:
        if self.timer.running:
            self.timer.pause()
        else:
            self.timer.start()
            self._ensure_ticking()
        self.render()

    def next(self) -> None:
        self.timer.next()
        self.render()

    def previous(self) -> None:
        self.timer.previous()
        self.render()

    def reset(self) -> None:
        self.timer.reset()
        self.render()

    def _ensure_ticking(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._tick, daemon=True, name="pz-timer")
            self._thread.start()

    def _tick(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            if self.timer.running:
                self.render()

    def stop(self) -> None:
        self._stop.set()

    # -- showing ---------------------------------------------------------------------------
    def render(self) -> None:
        timer = self.timer
        rnd = self.format.rounds[timer.index]
        position = t("timer.round", i=timer.index + 1, n=len(self.format.rounds))
        current = (
            f'<div class="pz-label">{html.escape(position)}</div>'
            f'<div class="pz-timer-name">{html.escape(rnd.name)}</div>'
            f'<p class="pz-timer-instructions">{html.escape(rnd.instructions)}</p>'
        )
        if self.current.value != current:
            self.current.value = current
        remaining = timer.remaining()
        state = t("timer.over") if remaining <= 0 else ("" if timer.running else t("timer.paused"))
        css = "pz-timer-over" if remaining <= 0 else "pz-timer-ok"
        clock = (
            f'<div class="{css}"><span class="pz-timer-time">{clock_text(remaining)}</span>'
            f'<span class="pz-timer-state">{html.escape(state)}</span></div>'
        )
        if self.clock.value != clock:
            self.clock.value = clock
        self.start_button.description = t("timer.pause") if timer.running else t("timer.start")
        items = "".join(
            f'<li class="{"pz-timer-now" if i == timer.index else ""}">'
            f"{html.escape(r.name)} <small>({r.minutes} min)</small></li>"
            for i, r in enumerate(self.format.rounds)
        )
        rounds = f"<ol>{items}</ol>"
        if self.rounds.value != rounds:
            self.rounds.value = rounds
