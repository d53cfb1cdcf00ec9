"""Reflection tools: reflection cycles, the schaalvraag sequence, Vakmanschap, intervisie.

The texts live in ``data/tools/``; these classes only hold them. Each tool names the
published method it follows (``source``), so an author can check the worksheet against it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CycleStep",
    "DevelopmentTask",
    "IntervisieFormat",
    "IntervisieRound",
    "ReflectionCycle",
    "ScaleSequence",
    "STORY_PARTS",
    "ScaleStep",
    "TaskPrompt",
    "VakmanschapSpec",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class CycleStep:
    """One step of a reflection cycle, asked as an open question."""

    id: str
    name: str
    prompt: str
    help: str = ""
    #: the part of a practice story this step's answer drafts (``STORY_PARTS``), or ""
    story: str = ""


#: The parts of a practice story a reflection cycle's steps can draft, as the network
#: home's form names them: the situation, what they did, what they learned.
STORY_PARTS = ("situatie", "aanpak", "geleerd")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReflectionCycle:
    """A reflection cycle (ALACT, Gibbs, STARR): steps taken in order."""

    id: str
    name: str
    source: str
    steps: tuple[CycleStep, ...]
    description: str = ""

    def step(self, step_id: str) -> CycleStep | None:
        """Return the step with ``step_id`` or ``None``."""
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleStep:
    """One question of the schaalvraag sequence: the 0–10 scale itself or an open follow-up.

    ``prompt`` may hold ``{topic}``, replaced by the topic the worksheet names.
    """

    id: str
    kind: str  # "scale" or "open"
    prompt: str
    help: str = ""
    low: str = ""
    high: str = ""

    def text(self, value: str, topic: str) -> str:
        """``value`` (a prompt or help text) with the topic filled in."""
        return value.replace("{topic}", topic)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleSequence:
    """The schaalvraag sequence: where are you now, what got you there, a 10, one step up."""

    name: str
    source: str
    steps: tuple[ScaleStep, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskPrompt:
    """A reflection question asked under one development task."""

    id: str
    prompt: str
    help: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DevelopmentTask:
    """A development task (ontwikkelingsopgave) of the Platform Vakmanschap Jeugdprofessionals."""

    id: str
    name: str
    description: str
    scale_prompt: str
    prompts: tuple[TaskPrompt, ...]
    short_name: str = ""

    @property
    def label(self) -> str:
        """A short name for charts (the full name when no short one is given)."""
        return self.short_name or self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class VakmanschapSpec:
    """The Vakmanschap self-assessment: the four development tasks and closing questions."""

    name: str
    source: str
    tasks: tuple[DevelopmentTask, ...]
    low_label: str
    high_label: str
    focus_prompt: str
    next_step_prompt: str
    next_step_help: str = ""

    def task(self, task_id: str) -> DevelopmentTask | None:
        """Return the task with ``task_id`` or ``None``."""
        return next((t for t in self.tasks if t.id == task_id), None)

    def scale_id(self, prefix: str, task: DevelopmentTask) -> str:
        """The id of the 0–10 question for ``task`` in a worksheet using ``prefix``."""
        return f"{prefix}-{task.id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class IntervisieRound:
    """One round of an intervisie format, with the minutes the facilitator gives it."""

    id: str
    name: str
    minutes: int
    instructions: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IntervisieFormat:
    """An intervisie format: rounds in a fixed order (e.g. the incidentmethode)."""

    id: str
    name: str
    source: str
    rounds: tuple[IntervisieRound, ...]
    description: str = ""

    @property
    def total_minutes(self) -> int:
        """The minutes of all rounds together."""
        return sum(r.minutes for r in self.rounds)

    def round(self, round_id: str) -> IntervisieRound | None:
        """Return the round with ``round_id`` or ``None``."""
        return next((r for r in self.rounds if r.id == round_id), None)
