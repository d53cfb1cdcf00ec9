"""Per-question aggregates for the live view and the report, with small-group suppression."""

from __future__ import annotations

import hashlib
import numbers
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pleegzorg_lib.model import Question, QuestionKind

from ._constants import K_MIN, published
from ._words import words_of_the_group

__all__ = ["QuestionSummary", "summarize_question"]

_SCALE_LABELS = tuple(str(n) for n in range(11))


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionSummary:
    """What the facilitator may see of one question.

    When ``suppressed`` is True (fewer than k respondents) only ``respondents`` is filled
    in. ``texts`` and ``words`` are only ever filled in for shared open questions; the
    texts are raw participant text and must be escaped by whoever shows them.
    """

    question: Question
    respondents: int
    suppressed: bool
    counts: tuple[tuple[str, int], ...] = ()
    mean: float | None = None
    ranking: tuple[tuple[str, float], ...] = ()
    texts: tuple[str, ...] = ()
    #: words at least k people wrote, with how many people wrote each (the word cloud)
    words: tuple[tuple[str, int], ...] = ()
    #: shared open answers the facilitator hid: counted in ``respondents``, not in ``texts``
    hidden: int = 0


def _clean(question: Question, value: Any) -> Any:
    """Return ``value`` in its stored form, or ``None`` when unanswered or invalid."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers from a DataFrame are still whole numbers
    if not question.is_answered(value):
        return None
    try:
        cleaned = question.validate(value)
    except (ValueError, TypeError):
        # Why: answers outlive worksheets; an option that was renamed or removed is
        # skipped rather than breaking the facilitator's view. AnswerError is a ValueError.
        return None
    return cleaned if question.is_answered(cleaned) else None


def _option_counts(options: Sequence[str], chosen: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple((option, chosen[option]) for option in options)


def _summarize(
    question: Question,
    values: Sequence[Any],
    *,
    visible: Sequence[bool] | None,
    k: int,
) -> QuestionSummary:
    """Summarize ``values`` (earliest first); ``visible[i]`` False hides answer i from texts
    and words. Only the earliest :func:`published` answers count, so what is shown changes in
    steps of two people at least; shared texts are shown in an order of their own (a digest
    of the text), never in the order they came in."""
    answers = [(i, c) for i, v in enumerate(values) if (c := _clean(question, v)) is not None]
    answers = answers[: published(len(answers), k)]
    respondents = len(answers)
    if respondents < k or respondents == 0:
        return QuestionSummary(question=question, respondents=respondents, suppressed=True)
    shown = [a for _, a in answers]
    kind = question.kind
    options = question.options
    result: dict[str, Any] = {}
    if kind in (QuestionKind.LIKERT, QuestionKind.SINGLE_CHOICE):
        chosen = Counter(shown)
        result["counts"] = _option_counts(options, chosen)
        if kind == QuestionKind.LIKERT:
            positions = sum((options.index(o) + 1) * n for o, n in chosen.items())
            result["mean"] = positions / respondents
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        result["counts"] = _option_counts(options, Counter(o for a in shown for o in a))
    elif kind == QuestionKind.SCALE_0_10:
        chosen = Counter(str(a) for a in shown)
        result["counts"] = _option_counts(_SCALE_LABELS, chosen)
        result["mean"] = sum(shown) / respondents
    elif kind == QuestionKind.RANKING:
        totals = dict.fromkeys(options, 0)
        for order in shown:
            for position, item in enumerate(order, start=1):
                totals[item] += position
        means = [(item, totals[item] / respondents) for item in options]
        # Stable sort: equal means keep the worksheet's option order.
        result["ranking"] = tuple(sorted(means, key=lambda item: item[1]))
    elif kind == QuestionKind.OPEN and question.shared:
        texts = tuple(
            sorted(
                (a for i, a in answers if visible is None or visible[i]),
                key=lambda text: hashlib.sha256(f"{question.id}\0{text}".encode()).digest(),
            )
        )
        result["texts"] = texts
        result["words"] = words_of_the_group(texts)  # people, k of them at least
        result["hidden"] = respondents - len(texts)
    # Personal open questions: only the respondent count, never their words.
    return QuestionSummary(question=question, respondents=respondents, suppressed=False, **result)


def summarize_question(
    question: Question, values: Sequence[Any], *, k: int = K_MIN
) -> QuestionSummary:
    """Aggregate the answers to one question.

    Parameters
    ----------
    question
        The question the values answer.
    values
        One value per participant, in the stored form (see :meth:`Question.validate`).
        ``None``, empty strings and empty lists count as unanswered. Values that do not
        fit the question (an option that no longer exists, a wrong type) are ignored.
    k
        Fewer respondents than this and the summary is suppressed.

    Returns
    -------
    QuestionSummary
        ``counts`` lists every option in order, zeros included (likert, single and
        multiple choice; "0".."10" for a 0–10 scale); ``mean`` is the scale mean or the
        mean Likert position (1..5); ``ranking`` gives each item's mean position (1 = most
        important), best first; ``texts`` and ``words`` only for shared open questions,
        texts in the order of ``values``.
    """
    return _summarize(question, values, visible=None, k=k)
