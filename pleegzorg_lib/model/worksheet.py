"""Worksheets (werkbladen), their questions and the validation of answers.

A question's id is part of the contract with the store and the page (CSS class
``pz-q-<id>``), so ids are short lowercase slugs that never change once answers exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from .errors import AnswerError
from .netwerkkaart import validate_map

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
DEFAULT_MAX_LENGTH = 10_000

#: The Likert labels used when a scale question gives none (5 points).
DEFAULT_LIKERT_KEYS = (
    "likert.1",
    "likert.2",
    "likert.3",
    "likert.4",
    "likert.5",
)


class QuestionKind(StrEnum):
    """The kinds of question a worksheet can ask."""

    OPEN = "open"
    LIKERT = "likert"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE_0_10 = "scale_0_10"
    RANKING = "ranking"
    NETWORK_MAP = "network_map"  # a netwerkkaart: people around the centre (a JSON object)


#: Where Voilà serves a notebook, below the server's base URL.
RENDER_PREFIX = "voila/render/"


def page_path(notebook_path: str) -> str:
    """The page of a notebook below the server's base URL (``voila/render/breakdown/x.ipynb``):
    the one place that builds it (landing page, session links, year plans, live view)."""
    return RENDER_PREFIX + quote(notebook_path)


def is_valid_id(value: str) -> bool:
    """True when ``value`` is a usable id: lowercase letters, digits and dashes."""
    return bool(ID_PATTERN.match(value))


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """One question on a worksheet."""

    id: str
    kind: QuestionKind
    prompt: str
    options: tuple[str, ...] = ()
    help: str = ""
    shared: bool = False
    max_length: int = DEFAULT_MAX_LENGTH
    low_label: str = ""
    high_label: str = ""
    #: ids of earlier questions whose answers are shown above this one (reflection cycles)
    carry: tuple[str, ...] = ()
    #: the question touches distress: help is shown beside it (see model/signposting.py)
    distress: bool = False
    #: the options that signal distress (a Likert or choice question): help beside exactly
    #: these answers, whatever their position ("Helemaal mee eens" on "Ik zit klem")
    distress_answers: tuple[str, ...] = ()
    #: a 0–10 scale: help for answers below this number (None: the hulpwijzer's default)
    distress_below: int | None = None
    #: (old option, current option) pairs: an option's earlier wording, so answers stored
    #: under it still count as the option it became (in the page, the live view, reports)
    renamed: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not is_valid_id(self.id):
            raise ValueError(
                f"question id {self.id!r}: use lowercase letters, digits and '-' (max 63)"
            )
        if not self.prompt.strip():
            raise ValueError(f"question {self.id!r}: the prompt is empty")
        needs_options = {
            QuestionKind.SINGLE_CHOICE: 2,
            QuestionKind.MULTIPLE_CHOICE: 2,
            QuestionKind.RANKING: 2,
            QuestionKind.LIKERT: 5,
        }
        minimum = needs_options.get(self.kind)
        if minimum is not None and len(self.options) < minimum:
            raise ValueError(f"question {self.id!r}: needs at least {minimum} options")
        if self.kind == QuestionKind.LIKERT and len(self.options) != 5:
            raise ValueError(f"question {self.id!r}: a Likert scale has exactly 5 labels")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"question {self.id!r}: options must be distinct")
        if self.distress_answers:
            if self.kind not in (
                QuestionKind.LIKERT,
                QuestionKind.SINGLE_CHOICE,
                QuestionKind.MULTIPLE_CHOICE,
            ):
                raise ValueError(f"question {self.id!r}: only options can signal distress")
            unknown = [a for a in self.distress_answers if a not in self.options]
            if unknown:
                raise ValueError(f"question {self.id!r}: {unknown!r} are not its options")
        if self.kind == QuestionKind.LIKERT and self.distress and not self.distress_answers:
            # a statement may be worded either way: which answers signal distress is the
            # author's to say, never "the first option"
            raise ValueError(f"question {self.id!r}: a Likert names its distress answers")
        if self.distress_below is not None and (
            self.kind != QuestionKind.SCALE_0_10 or not 1 <= self.distress_below <= 10
        ):
            raise ValueError(f"question {self.id!r}: distress_below is 1–10, on a 0–10 scale")
        for old, new in self.renamed:
            if new not in self.options:
                raise ValueError(f"question {self.id!r}: renamed to {new!r}, not an option")
            if old in self.options:
                raise ValueError(f"question {self.id!r}: {old!r} is still an option")

    def upgrade(self, value: Any) -> Any:
        """``value`` with options in an earlier wording (``renamed``) given their current
        wording; anything else unchanged. Stored answers are read through this."""
        if not self.renamed or value is None:
            return value
        current = dict(self.renamed)
        if isinstance(value, str):
            return current.get(value, value)
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return [current.get(v, v) for v in value]
        return value

    def validate(self, value: Any) -> Any:
        """Return ``value`` in its stored form, or raise :class:`AnswerError`.

        The page can send anything (a forged widget message sets any trait), so every
        answer is checked here before it reaches the store.
        """
        kind = self.kind
        if value is None:
            return None
        if kind != QuestionKind.OPEN:
            value = self.upgrade(value)
        if kind == QuestionKind.OPEN:
            if not isinstance(value, str):
                raise AnswerError("answer.invalid")
            if len(value) > self.max_length:
                raise AnswerError("answer.too_long", length=len(value), limit=self.max_length)
            if "\x00" in value:
                raise AnswerError("answer.bad_characters")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise AnswerError("answer.bad_characters") from exc
            return value
        if kind in (QuestionKind.LIKERT, QuestionKind.SINGLE_CHOICE):
            if value not in self.options:
                raise AnswerError("answer.invalid")
            return value
        if kind == QuestionKind.MULTIPLE_CHOICE:
            if not isinstance(value, list | tuple) or any(v not in self.options for v in value):
                raise AnswerError("answer.invalid")
            chosen = set(value)
            return [o for o in self.options if o in chosen]
        if kind == QuestionKind.SCALE_0_10:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise AnswerError("answer.invalid")
            return value
        if kind == QuestionKind.RANKING:
            if not isinstance(value, list | tuple) or sorted(value) != sorted(self.options):
                raise AnswerError("answer.invalid")
            return list(value)
        if kind == QuestionKind.NETWORK_MAP:
            return validate_map(value)
        raise AnswerError("answer.invalid")  # pragma: no cover - enum is exhaustive

    def is_answered(self, value: Any) -> bool:
        """True when ``value`` counts as an answer for progress ("5 van 12 beantwoord")."""
        if value is None:
            return False
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, list | tuple):
            return len(value) > 0
        if isinstance(value, dict):
            return bool(value.get("people"))
        return True


@dataclass(frozen=True, slots=True, kw_only=True)
class WorksheetInfo:
    """A worksheet as the catalog knows it: from the notebook's ``pleegzorg`` metadata."""

    id: str
    network_id: str
    theme_id: str
    title: str
    description: str
    duration_minutes: int
    path: str  # relative to the workbooks folder, with forward slashes
    audience: tuple[str, ...] = ()
    #: Question ids removed on purpose although answers were stored (``pleegzorg check``).
    retired_questions: tuple[str, ...] = ()

    @property
    def url_path(self) -> str:
        """Path of the worksheet page below the server's base URL."""
        return page_path(self.path)


@dataclass(frozen=True, slots=True, kw_only=True)
class Worksheet:
    """A worksheet with the questions its notebook declared, in order."""

    info: WorksheetInfo
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def question(self, question_id: str) -> Question | None:
        """Return the question with ``question_id`` or ``None``."""
        return next((q for q in self.questions if q.id == question_id), None)
