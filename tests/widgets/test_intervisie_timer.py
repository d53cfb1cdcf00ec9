"""The facilitator's intervisie timer shows the round, its instructions and the time left."""

from __future__ import annotations

from pleegzorg_lib.model.timer import RoundTimer
from pleegzorg_lib.model.tools import IntervisieFormat, IntervisieRound
from pleegzorg_lib.widgets.intervisie import IntervisieTimer


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def _format() -> IntervisieFormat:
    return IntervisieFormat(
        id="incidentmethode",
        name="Incidentmethode",
        source="Pigors & Pigors",
        description="Een incident <script>x</script>",
        rounds=(
            IntervisieRound(id="schets", name="Schets", minutes=5, instructions="Vertel kort."),
            IntervisieRound(id="vragen", name="Vragen", minutes=3, instructions="Alleen vragen."),
        ),
    )


def test_timer_widget_follows_the_rounds() -> None:
    clock = Clock()
    widget = IntervisieTimer(_format(), timer=RoundTimer([5, 3], clock=clock))
    try:
        assert "Schets" in widget.current.value and "Ronde 1 van 2" in widget.current.value
        assert "5:00" in widget.clock.value and "gepauzeerd" in widget.clock.value
        widget.toggle()
        clock.now += 301
        widget.render()
        assert "Tijd is om" in widget.clock.value and "pz-timer-over" in widget.clock.value
        assert widget.start_button.description == "Pauze"
        widget.next()
        assert "Vragen" in widget.current.value and "3:00" in widget.clock.value
        assert "pz-timer-now" in widget.rounds.value
        head = widget.box.children[0].value
        assert "<script>" not in head and "&lt;script&gt;" in head
    finally:
        widget.stop()
