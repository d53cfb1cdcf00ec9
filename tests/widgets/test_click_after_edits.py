"""A form button waits for the form's last edits (the page may send them after the click)."""

from __future__ import annotations

import threading
import time

import ipywidgets as w

from pleegzorg_lib.widgets import _sync


def test_a_click_acts_on_edits_that_arrive_just_after_it(monkeypatch) -> None:
    monkeypatch.setattr(_sync, "QUIET_SECONDS", 0.2)
    text = w.Text()
    button = w.Button()
    seen: list[str] = []
    done = threading.Event()
    _sync.on_click_after_edits(
        button, [text], lambda: (seen.append(text.value), done.set()), quiet=0.2
    )
    text.value = "A"
    button.click()  # the click overtakes the rest of the typing, as under load
    for part in ("An", "Ann", "Anna"):
        time.sleep(0.05)
        text.value = part
    assert done.wait(5)
    assert seen == ["Anna"]


def test_a_click_without_pending_edits_acts_soon() -> None:
    text = w.Text(value="klaar")
    button = w.Button()
    done = threading.Event()
    start = time.monotonic()
    _sync.on_click_after_edits(button, [text], done.set)
    button.click()
    assert done.wait(5)
    assert time.monotonic() - start < 1.5
