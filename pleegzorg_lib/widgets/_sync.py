"""Buttons that act on a form only after the form's last edits have reached the kernel.

Why: the page (ipywidgets 8) sends at most one state update at a time and buffers the rest
until the kernel reports idle, but a button click is sent at once. Under load a click can
therefore overtake the last keystrokes: measured in the browser test, "Anna" typed and
"Voeg toe" pressed right after gave a person called "A" in the wrong sector. A form button
wired with :func:`on_click_after_edits` waits until its fields have been quiet for a moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

QUIET_SECONDS = 0.35  # no edit for this long: the buffer has been flushed
MAX_WAIT_SECONDS = 3.0  # never make a participant wait longer than this


class EditWatch:
    """Remembers when any of ``fields`` last changed value."""

    def __init__(self, fields: Iterable[w.Widget]) -> None:
        self.last = 0.0
        for field in fields:
            field.observe(self._touch, names="value")

    def _touch(self, _change: Any) -> None:
        self.last = time.monotonic()


def on_click_after_edits(
    button: w.Button,
    fields: Iterable[w.Widget],
    action: Callable[[], Any],
    *,
    quiet: float = QUIET_SECONDS,
) -> EditWatch:
    """Run ``action`` after a click, once ``fields`` had no edit for ``quiet`` seconds."""
    watch = EditWatch(fields)

    def clicked(_button: w.Button) -> None:
        start = time.monotonic()

        def attempt() -> None:
            now = time.monotonic()
            if now - watch.last < quiet and now - start < MAX_WAIT_SECONDS:
                _later(quiet, attempt)
                return
            action()

        _later(quiet, attempt)

    button.on_click(clicked)
    return watch


def _later(seconds: float, fn: Callable[[], None]) -> None:
    timer = threading.Timer(seconds, fn)
    timer.daemon = True
    timer.start()
