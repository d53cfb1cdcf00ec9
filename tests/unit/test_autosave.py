"""Saving after a typing pause (``widgets/_autosave.py``): one save per pause, nothing lost
on flush, nothing saved after cancelling."""

from __future__ import annotations

import threading
import time

from pleegzorg_lib.widgets._autosave import Debouncer


def _wait_for(condition, timeout: float = 3.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_typing_on_saves_once_after_the_pause() -> None:
    saved: list[str] = []
    pending = Debouncer(threading.RLock(), delay=0.15)
    for text in ("W", "We", "Wee", "Week"):
        pending.schedule("q", lambda text=text: saved.append(text))
        time.sleep(0.03)
    assert saved == []  # still typing
    assert _wait_for(lambda: saved == ["Week"])
    time.sleep(0.3)
    assert saved == ["Week"]


def test_flush_saves_everything_waiting_now_and_only_once() -> None:
    saved: list[str] = []
    pending = Debouncer(threading.RLock(), delay=5)
    pending.schedule("a", lambda: saved.append("a"))
    pending.schedule("b", lambda: saved.append("b"))
    pending.flush()
    assert sorted(saved) == ["a", "b"]
    pending.flush()
    assert sorted(saved) == ["a", "b"]


def test_cancelled_fields_are_not_saved() -> None:
    saved: list[str] = []
    pending = Debouncer(threading.RLock(), delay=0.05)
    pending.schedule("a", lambda: saved.append("a"))
    pending.schedule("b", lambda: saved.append("b"))
    pending.cancel("a")
    assert _wait_for(lambda: saved == ["b"])
    pending.schedule("c", lambda: saved.append("c"))
    pending.cancel_all()
    time.sleep(0.2)
    assert saved == ["b"]


def test_a_timer_that_fired_during_a_new_keystroke_waits_for_the_new_pause() -> None:
    """The old timer fired while the page held the lock for the next keystroke: it must
    not save (nor take the new timer's place); the new pause saves the new text once."""
    lock = threading.RLock()
    saved: list[str] = []
    pending = Debouncer(lock, delay=0.05)
    with lock:
        pending.schedule("q", lambda: saved.append("Wee"))
        time.sleep(0.2)  # the timer has fired and waits for the lock
        pending.delay = 0.6
        pending.schedule("q", lambda: saved.append("Week"))
    time.sleep(0.2)
    assert saved == []  # the stale timer ran and did nothing
    assert _wait_for(lambda: saved == ["Week"])
    time.sleep(0.2)
    assert saved == ["Week"]
