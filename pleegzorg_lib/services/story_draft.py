"""A practice story drafted from a participant's own reflection cycle (issue #28, part 2).

A worksheet that asks a reflection cycle (ALACT, Gibbs, STARR: ``ws.reflection_cycle``)
offers "Maak er een praktijkverhaal van"; the network home's story form then opens with the
participant's answers in the story's parts: each step of the cycle names the part it drafts
(``story:`` in ``data/tools/cycles.yaml``). Nothing is posted: the participant reads, changes
what makes a family recognisable, and only then posts. Only the participant's own answers
are read (the page's resume-code cookie), so the draft shows nobody else anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Question
from ..model.tools import STORY_PARTS, ReflectionCycle


@dataclass(frozen=True, slots=True)
class CycleOnPage:
    """A reflection cycle as a worksheet asks it: question ids ``f"{prefix}-{step id}"``."""

    prefix: str
    cycle: ReflectionCycle

    def question_ids(self) -> list[str]:
        return [f"{self.prefix}-{step.id}" for step in self.cycle.steps]


def cycles_in(
    questions: Iterable[Question], cycles: Mapping[str, ReflectionCycle]
) -> list[CycleOnPage]:
    """The reflection cycles a worksheet's questions hold, in page order: every step of the
    cycle is there under one prefix (a lone question that happens to end in a step id is
    not a cycle)."""
    ids = [q.id for q in questions]
    present = set(ids)
    found: list[CycleOnPage] = []
    for question_id in ids:
        for cycle in cycles.values():
            first = cycle.steps[0].id if cycle.steps else ""
            if not first or not question_id.endswith(f"-{first}"):
                continue
            prefix = question_id[: -len(first) - 1]
            candidate = CycleOnPage(prefix, cycle)
            if prefix and all(q in present for q in candidate.question_ids()):
                found.append(candidate)
    return found


def draft_story(on_page: CycleOnPage, answers: Mapping[str, Any]) -> dict[str, str]:
    """The story's parts (``situatie``, ``aanpak``, ``geleerd``) from the cycle's answers:
    each answered step under its own name, in the cycle's order. Empty parts stay ""."""
    parts: dict[str, list[str]] = {part: [] for part in STORY_PARTS}
    for step in on_page.cycle.steps:
        value = answers.get(f"{on_page.prefix}-{step.id}")
        if not step.story or not isinstance(value, str) or not value.strip():
            continue
        parts[step.story].append(f"{step.name}: {value.strip()}")
    return {part: "\n\n".join(texts) for part, texts in parts.items()}


def has_answers(on_page: CycleOnPage, answers: Mapping[str, Any]) -> bool:
    """Whether any step of the cycle was answered (a draft would not be empty)."""
    return any(draft_story(on_page, answers).values())
