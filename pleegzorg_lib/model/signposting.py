"""Signposting (hulpwijzer): who helps with what, and when a worksheet shows it.

A worksheet points a person in trouble to help, beside the question where it matters:

- beside an open question an author marks ``distress=True`` (a hard moment, say), always;
- beside a Likert or choice question when one of the answers its author named in
  ``distress=[…]`` is chosen — by meaning, not by position: "Helemaal mee eens" on "Ik zit
  klem", "Helemaal mee oneens" on "Ik word gehoord" (a Likert must name them);
- beside a marked 0–10 scale when the answer is below its ``distress_below``, or else at
  the lower end (0 up to ``scale_low_max``);
- beside a choice question marked ``distress=True`` without named answers, always;
- beside any choice question as soon as a chosen option contains one of the ``triggers``
  (e.g. "stoppen": "Ik denk erover om te stoppen"; "niemand": "Met niemand"), marked or not.

Which helpers are shown depends on the participant's role (``data/hulpwijzer.yaml``): a young
person sees the Kindertelefoon, a foster parent the NVP, everyone the emergency numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .worksheet import Question, QuestionKind

#: After this many days a helper's ``checked`` date is stale: numbers and hours change.
RECHECK_DAYS = 365

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
    #: when it can be reached ("elke dag 11.00–21.00", "dag en nacht"); "" for a person
    hours: str = ""
    #: when an editor last checked the number, hours and text (``pleegzorg check`` warns
    #: after :data:`RECHECK_DAYS`)
    checked: date | None = None

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
            below = (
                question.distress_below
                if question.distress_below is not None
                else self.scale_low_max + 1
            )
            return (
                question.distress
                and isinstance(value, int)
                and not isinstance(value, bool)
                and 0 <= value < below
            )
        if question.kind == QuestionKind.LIKERT:
            return question.distress and value in question.distress_answers
        if question.kind in CHOICE_KINDS:
            chosen = value if isinstance(value, list) else [value]
            if any(isinstance(c, str) and self._triggered_by(c) for c in chosen):
                return True
            if question.distress_answers:
                return any(c in question.distress_answers for c in chosen)
            return question.distress
        return question.distress

    def distress_answers(self, question: Question) -> tuple[Any, ...] | None:
        """Every answer that shows the help beside ``question`` (``None``: any answer, as
        for a marked open question): the list authors, ``pleegzorg check`` and the tests
        read."""
        if question.kind == QuestionKind.SCALE_0_10:
            return tuple(v for v in range(11) if self.due(question, v))
        if question.kind == QuestionKind.LIKERT or question.kind in CHOICE_KINDS:
            if (
                question.distress
                and not question.distress_answers
                and question.kind != QuestionKind.LIKERT
            ):
                return None  # marked: beside every answer
            return tuple(o for o in question.options if self.due(question, o))
        return None if question.distress else ()

    def helpers_for(self, role_id: str | None) -> list[Helper]:
        """The helpers to show someone in ``role_id`` (``None``: no role chosen yet)."""
        return [h for h in self.helpers if h.for_role(role_id)]

    def _triggered_by(self, text: str) -> bool:
        lowered = text.lower()
        return any(trigger in lowered for trigger in self.triggers)


def stale_helpers(rules: Signposting, today: date) -> list[Helper]:
    """Helpers whose number, hours and text nobody checked for :data:`RECHECK_DAYS`."""
    return [
        h for h in rules.helpers if h.checked is None or (today - h.checked).days > RECHECK_DAYS
    ]
