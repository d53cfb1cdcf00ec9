"""Signposting (hulpwijzer): who helps with what, and when a worksheet shows it.

A worksheet points a person in trouble to help, beside the question where it matters:

- beside every question an author marks ``distress=True`` that is not a scale (an open
  question about a hard moment, say), always;
- beside a marked 0–10 scale when the answer falls at its lower end (0 up to
  ``scale_low_max``), and beside a marked likert question when one of its first
  ``likert_low_count`` options is chosen;
- beside any choice question as soon as a chosen option contains one of the ``triggers``
  (e.g. "stoppen": "Ik denk erover om te stoppen"), marked or not.

Which helpers are shown depends on the participant's role (``data/hulpwijzer.yaml``): a young
person sees the Kindertelefoon, a foster parent the NVP, everyone the emergency numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .worksheet import Question, QuestionKind

#: Question kinds whose answers are one or more of their options.
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


@dataclass(frozen=True)
class Helper:
    """One place to turn to: a person, a helpline or an organisation."""

    id: str
    name: str
    text: str
    contact: str = ""
    url: str | None = None
    #: role ids this helper is for; empty: for everyone
    roles: tuple[str, ...] = ()
    #: shown when the participant has not chosen a role (yet)
    default: bool = False

    def for_role(self, role_id: str | None) -> bool:
        if role_id is None:
            return self.default or not self.roles
        return not self.roles or role_id in self.roles


@dataclass(frozen=True)
class Signposting:
    """The rules and the helpers (``data/hulpwijzer.yaml``)."""

    title: str
    intro: str
    helpers: tuple[Helper, ...]
    scale_low_max: int = 2
    likert_low_count: int = 1
    triggers: tuple[str, ...] = ()

    def watches(self, question: Question) -> bool:
        """Whether an answer to ``question`` can ever call for help (so its page needs a
        place to show it)."""
        if question.distress:
            return True
        if question.kind in CHOICE_KINDS:
            return any(self._triggered_by(option) for option in question.options)
        return False

    def due(self, question: Question, value: Any) -> bool:
        """Whether the help belongs beside ``question`` given its current ``value``."""
        if question.kind == QuestionKind.SCALE_0_10:
            return (
                question.distress
                and isinstance(value, int)
                and not isinstance(value, bool)
                and 0 <= value <= self.scale_low_max
            )
        if question.kind == QuestionKind.LIKERT:
            low = question.options[: self.likert_low_count]
            return question.distress and value in low
        if question.kind in CHOICE_KINDS:
            chosen = value if isinstance(value, list) else [value]
            if any(isinstance(c, str) and self._triggered_by(c) for c in chosen):
                return True
            return question.distress
        return question.distress

    def helpers_for(self, role_id: str | None) -> list[Helper]:
        """The helpers to show someone in ``role_id`` (``None``: no role chosen yet)."""
        return [h for h in self.helpers if h.for_role(role_id)]

    def _triggered_by(self, text: str) -> bool:
        lowered = text.lower()
        return any(trigger in lowered for trigger in self.triggers)


def lower_end_label(rules: Signposting, question: Question) -> str:
    """The answers that count as the lower end of ``question``, for authors and docs."""
    if question.kind == QuestionKind.SCALE_0_10:
        return f"0–{rules.scale_low_max}"
    if question.kind == QuestionKind.LIKERT:
        return ", ".join(question.options[: rules.likert_low_count])
    return ""


def check_roles(helpers: Sequence[Helper], known: set[str]) -> list[tuple[str, str]]:
    """(helper id, role id) pairs that name a role the catalog does not have."""
    return [(h.id, r) for h in helpers for r in h.roles if r not in known]
