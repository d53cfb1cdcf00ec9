"""All 515 strings of the Big List of Naughty Strings through the store and every export:
each comes back intact or is refused with a clear Dutch message, and none becomes markup."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest

from pleegzorg_lib.export import (
    answers_csv,
    collect_participant,
    collect_session,
    participant_html,
    participant_markdown,
    report_html,
    report_markdown,
)
from pleegzorg_lib.i18n import t
from pleegzorg_lib.model import AnswerError, Question, QuestionKind
from pleegzorg_lib.services.sessions import create_session

from ..conftest import REPO

#: The Big List of Naughty Strings (MIT, minimaxir/big-list-of-naughty-strings), vendored.
BLNS = REPO / "tests" / "data" / "corpora" / "blns.json"
WS = "informele-steun"
QID = "ontmoeting-goed"  # a shared open question of that worksheet


@pytest.fixture(scope="module")
def naughty() -> list[str]:
    if not BLNS.exists():
        pytest.fail(f"{BLNS} is missing")
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert len(strings) == 515
    return strings


def test_every_naughty_string_round_trips_or_is_refused(store, naughty) -> None:
    question = Question(id=QID, kind=QuestionKind.OPEN, prompt="?", shared=True)
    person, _ = store.create_participant()
    refused: list[str] = []
    for index, text in enumerate(naughty):
        try:
            value = question.validate(text)
        except AnswerError as exc:
            message = t(exc.key, **exc.params)
            assert message and "{" not in message  # a real, filled-in Dutch sentence
            refused.append(text)
            continue
        store.save_answer(person.id, WS, f"q{index}", value)
        assert store.answers_for(person.id, WS)[f"q{index}"] == text
    # Only what cannot be stored faithfully (NUL, lone surrogates) is refused.
    assert all("\x00" in s or any(0xD800 <= ord(c) <= 0xDFFF for c in s) for s in refused)
    assert len(refused) < 5


def test_naughty_strings_stay_inert_in_every_export(store, naughty) -> None:
    links = create_session(store, network_id="breakdown", worksheet_id=WS, title="BLNS")
    code = links.session.code
    people = []
    question = Question(id=QID, kind=QuestionKind.OPEN, prompt="?", shared=True)
    stored: list[str] = []
    for text in naughty:
        try:
            question.validate(text)
        except AnswerError:
            continue
        person, _ = store.create_participant(display_name=text[:60] or None)
        store.enrol(person.id, WS, code)
        store.save_answer(person.id, WS, QID, text, session_code=code)
        people.append(person)
        stored.append(text)
    data = collect_session(store, code)
    page = report_html(data)
    body = page.split("</style>", 1)[1]
    lowered = body.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<iframe" not in lowered
    assert 'href="javascript' not in lowered
    summary = next(q for q in data.summary.questions if q.question.id == QID)
    assert sorted(summary.texts) == sorted(s for s in stored if s.strip())
    for text in stored:
        if text.strip():
            assert html.escape(text) in body
    markdown = report_markdown(data)
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()
    rows = list(csv.DictReader(io.StringIO(answers_csv(store, data))))
    answers = {r["antwoord"] for r in rows}
    for text in stored:
        expected = "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        assert expected in answers or text == ""
    for person in people[:60]:
        mine = participant_html(collect_participant(store, person)).split("</style>", 1)[1]
        assert "<script" not in mine.lower() and "<img" not in mine.lower()
        assert "<script" not in participant_markdown(collect_participant(store, person)).lower()


def test_oversized_answers_are_refused_with_their_limit() -> None:
    question = Question(id="q", kind=QuestionKind.OPEN, prompt="?")
    with pytest.raises(AnswerError) as exc:
        question.validate("a" * 10_001)
    assert t(exc.value.key, **exc.value.params).startswith(
        "Je antwoord is te lang (10.001 tekens); het maximum is 10.000 tekens."
    )
