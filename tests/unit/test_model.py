"""The model: questions validate what a page sends; resume codes are hard to guess."""

from __future__ import annotations

import math

import pytest

from pleegzorg_lib.model import (
    AnswerError,
    Question,
    QuestionKind,
    new_resume_code,
    normalize_code,
    normalize_session_code,
)
from pleegzorg_lib.model.identity import ALPHABET, CODE_LENGTH


def q(kind: QuestionKind, **kw: object) -> Question:
    return Question(id="q-1", kind=kind, prompt="Vraag?", **kw)


def test_open_question_keeps_text_and_refuses_oversized_text() -> None:
    question = q(QuestionKind.OPEN, max_length=30)
    assert question.validate("  Bij mijn buurvrouw  ") == "  Bij mijn buurvrouw  "
    with pytest.raises(AnswerError) as exc:
        question.validate("x" * 31)
    assert exc.value.key == "answer.too_long"
    assert exc.value.params == {"length": 31, "limit": 30}


def test_open_question_refuses_nul_and_lone_surrogates() -> None:
    question = q(QuestionKind.OPEN)
    for bad in ("a\x00b", "half \ud800 surrogate"):
        with pytest.raises(AnswerError):
            question.validate(bad)


def test_choice_answers_must_be_one_of_the_options() -> None:
    question = q(QuestionKind.SINGLE_CHOICE, options=("Ja", "Nee"))
    assert question.validate("Ja") == "Ja"
    with pytest.raises(AnswerError):
        question.validate("<script>")


def test_multiple_choice_is_stored_in_option_order() -> None:
    question = q(QuestionKind.MULTIPLE_CHOICE, options=("a", "b", "c"))
    assert question.validate(["c", "a"]) == ["a", "c"]
    with pytest.raises(AnswerError):
        question.validate(["a", "z"])


def test_scale_accepts_0_to_10_only() -> None:
    question = q(QuestionKind.SCALE_0_10)
    assert question.validate(0) == 0 and question.validate(10) == 10
    for bad in (-1, 11, "7", True, 7.5):
        with pytest.raises(AnswerError):
            question.validate(bad)


def test_ranking_must_be_a_permutation() -> None:
    question = q(QuestionKind.RANKING, options=("a", "b", "c"))
    assert question.validate(["c", "a", "b"]) == ["c", "a", "b"]
    for bad in (["a", "b"], ["a", "a", "b"], ["a", "b", "x"]):
        with pytest.raises(AnswerError):
            question.validate(bad)


def test_likert_has_exactly_five_labels() -> None:
    with pytest.raises(ValueError):
        q(QuestionKind.LIKERT, options=("1", "2", "3"))


@pytest.mark.parametrize("bad_id", ["Vraag1", "vraag 1", "-x", "", "a" * 64, "q_1"])
def test_question_ids_are_css_safe_slugs(bad_id: str) -> None:
    with pytest.raises(ValueError):
        Question(id=bad_id, kind=QuestionKind.OPEN, prompt="?")


def test_progress_counts_only_real_answers() -> None:
    question = q(QuestionKind.OPEN)
    assert not question.is_answered(None)
    assert not question.is_answered("   ")
    assert question.is_answered("iets")
    assert not q(QuestionKind.MULTIPLE_CHOICE, options=("a", "b")).is_answered([])
    assert q(QuestionKind.SCALE_0_10).is_answered(0)


def test_resume_codes_have_at_least_40_bits_and_are_forgiving_to_type() -> None:
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 40
    codes = {new_resume_code() for _ in range(2000)}
    assert len(codes) == 2000
    code = codes.pop()
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code("ABCD") is None
    assert normalize_code("0000-0000-0000") is None  # 0 is not in the alphabet


def test_session_codes_are_normalised_or_refused() -> None:
    assert normalize_session_code(" ab12-cd ") == "AB12CD"
    assert normalize_session_code("<script>") is None
    assert normalize_session_code("x" * 40) is None
