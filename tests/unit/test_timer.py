"""The intervisie round timer counts down, pauses and moves between rounds."""

from __future__ import annotations

import pytest

from pleegzorg_lib.model.timer import RoundTimer, clock_text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_down_pauses_and_moves_on() -> None:
    clock = Clock()
    timer = RoundTimer([5, 3], clock=clock)
    assert timer.remaining() == 300 and not timer.running
    timer.start()
    clock.now += 60
    assert timer.remaining() == 240
    timer.pause()
    clock.now += 600  # paused: time does not count
    assert timer.remaining() == 240
    timer.start()
    clock.now += 250
    assert timer.over and clock_text(timer.remaining()) == "-0:10"
    timer.next()  # a running timer keeps running in the next round
    assert timer.index == 1 and timer.running and timer.remaining() == 180
    timer.next()  # no round after the last
    assert timer.index == 1
    timer.reset()
    assert timer.index == 0 and not timer.running and timer.remaining() == 300


def test_clock_text() -> None:
    assert clock_text(300) == "5:00"
    assert clock_text(59.2) == "1:00"  # counts down in whole seconds
    assert clock_text(0) == "0:00"
    assert clock_text(-61) == "-1:01"


def test_rounds_need_minutes() -> None:
    with pytest.raises(ValueError):
        RoundTimer([])
    with pytest.raises(ValueError):
        RoundTimer([5, 0])
