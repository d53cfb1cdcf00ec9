"""Saving after a typing pause: one timer per field, flushed on demand and at kernel exit.

Text fields save when the participant stops typing for :data:`TEXT_DEBOUNCE_SECONDS`;
choices save at once. A page that closes shuts its kernel down (the front end asks on
``pagehide``), so what waits for its pause is saved at exit too.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)

TEXT_DEBOUNCE_SECONDS = 0.8


class Debouncer:
    """Runs ``action`` for a key once the key has been quiet for ``delay`` seconds.

    ``lock`` is held while an action runs and while timers change, so a flush and a timer
    firing never save the same field twice at once.
    """

    def __init__(self, lock: threading.RLock, delay: float = TEXT_DEBOUNCE_SECONDS) -> None:
        self.lock = lock
        self.delay = delay
        self._timers: dict[str, tuple[threading.Timer, Callable[[], object], object]] = {}

    def schedule(self, key: str, action: Callable[[], object]) -> None:
        """(Re)start the pause for ``key``; ``action`` runs when it ends."""
        with self.lock:
            self.cancel(key)
            token = object()
            timer = threading.Timer(self.delay, self._fire, args=(key, token))
            timer.daemon = True
            self._timers[key] = (timer, action, token)
            timer.start()

    def cancel(self, key: str) -> None:
        """Forget what waits for ``key`` (a choice made since saves the field itself)."""
        with self.lock:
            pending = self._timers.pop(key, None)
            if pending is not None:
                pending[0].cancel()

    def cancel_all(self) -> None:
        with self.lock:
            for key in list(self._timers):
                self.cancel(key)

    def flush(self) -> None:
        """Run every waiting action now (tests, resume, kernel shutdown)."""
        with self.lock:
            pending = list(self._timers.items())
            self._timers.clear()
            for _key, (timer, _action, _token) in pending:
                timer.cancel()
            for _key, (_timer, action, _token) in pending:
                action()

    def _fire(self, key: str, token: object) -> None:
        with self.lock:
            pending = self._timers.get(key)
            # a timer that fired while the key was rescheduled (it waited for the lock) is
            # stale: the newer timer saves, after its own pause
            if pending is None or pending[2] is not token:
                return
            del self._timers[key]
            pending[1]()


class Flushable(Protocol):
    def flush(self) -> None: ...


def flush_at_exit(owner: Flushable) -> None:
    """Call ``owner.flush()`` when the kernel exits, as long as ``owner`` is alive.

    Without this, words typed in the last moment before closing the tab would be lost with
    the timer that was to save them. The kernel exits normally on a shutdown request, so
    ``atexit`` runs. ``owner`` is held weakly: a page closed earlier is not kept alive.
    """
    ref = weakref.ref(owner)

    def at_exit() -> None:
        alive = ref()
        if alive is None:
            return
        try:
            alive.flush()
        except Exception:  # the store may be gone already; nothing to tell anyone
            log.exception("saving at exit failed")

    atexit.register(at_exit)
