"""A round timer for intervisie (incidentmethode): rounds with their minutes, pausable.

Pure logic with an injectable clock, so tests do not wait; the widget only displays it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


class RoundTimer:
    """Counts down the current round; ``next``/``previous`` move between rounds."""

    def __init__(
        self, minutes: Sequence[float], *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not minutes or any(m <= 0 for m in minutes):
            raise ValueError("every round needs a positive number of minutes")
        self.minutes = tuple(minutes)
        self.clock = clock
        self.index = 0
        self._used = 0.0  # seconds used in the current round before the last start
        self._started: float | None = None

    @property
    def running(self) -> bool:
        return self._started is not None

    def elapsed(self) -> float:
        extra = self.clock() - self._started if self._started is not None else 0.0
        return self._used + extra

    def remaining(self) -> float:
        """Seconds left in the current round; negative once the time is up."""
        return self.minutes[self.index] * 60 - self.elapsed()

    @property
    def over(self) -> bool:
        return self.remaining() <= 0

    def start(self) -> None:
        if self._started is None:
            self._started = self.clock()

    def pause(self) -> None:
        if self._started is not None:
            self._used = self.elapsed()
            self._started = None

    def _go(self, index: int) -> None:
        was_running = self.running
        self.index = max(0, min(len(self.minutes) - 1, index))
        self._used = 0.0
        self._started = self.clock() if was_running else None

    def next(self) -> None:
        self._go(self.index + 1)

    def previous(self) -> None:
        self._go(self.index - 1)

    def reset(self) -> None:
        self._started = None
        self._go(0)

    def total_minutes(self) -> float:
        return sum(self.minutes)


def clock_text(seconds: float) -> str:
    """``m:ss``; past zero shown as ``-m:ss``."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0 if seconds < 0 else 0.999))  # count down in whole seconds
    return f"{sign}{whole // 60}:{whole % 60:02d}"
