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


def test_naughty_strings_stay_inert_in_the_network_exchanges_exports(store, naughty) -> None:
    """Stories, replies, a network poll and a moderator's theme note made of the naughty
    strings: the writer's own export (HTML, Markdown, JSON), the session report's network
    polls and 'pleegzorg plan' hold them as text, never as markup."""
    from datetime import UTC, datetime, timedelta

    from pleegzorg_lib.cli.plan import format_proposals
    from pleegzorg_lib.content import load_catalog
    from pleegzorg_lib.export import participant_json
    from pleegzorg_lib.services import exchange

    catalog = load_catalog(REPO / "data")
    network = catalog.network("breakdown")
    writer, _ = store.create_participant(role_id="pleegouder")
    reader, _ = store.create_participant(role_id="pleegouder")
    written = 0
    for n, text in enumerate(s for s in naughty if s.strip()):
        try:
            made = exchange.write(
                store,
                catalog,
                participant_id=writer.id if n % 2 else reader.id,
                role_id="pleegouder",
                network_id="breakdown",
                kind="story",
                form={"titel": text[:120], "situatie": text},
                now=datetime.now(UTC) + timedelta(minutes=11 * n),  # past the 5-per-10-minutes
            )
        except exchange.ExchangeError:
            continue  # refused with a message (a NUL, a lone surrogate)
        written += 1
        if n % 7 == 0:
            exchange.write(
                store,
                catalog,
                participant_id=writer.id,
                role_id="pleegouder",
                network_id="breakdown",
                kind="reply",
                form={"tekst": text},
                parent_id=made.id,
                now=datetime.now(UTC) + timedelta(minutes=11 * n + 1),
            )
    assert written > 450
    data = collect_participant(store, writer)
    page = participant_html(data).split("</style>", 1)[1].lower()
    assert "<script" not in page and "<img" not in page and "<iframe" not in page
    assert 'href="javascript' not in page
    markdown = participant_markdown(data).lower()
    assert "<script" not in markdown and "<img" not in markdown
    json.loads(participant_json(data))  # valid JSON whatever the text

    hostile = next(s for s in naughty if "<script" in s.lower())
    store.add_network_poll(
        "breakdown", hostile, [hostile[:100], "Nee"], "mod", datetime.now(UTC) + timedelta(days=7)
    )
    links = create_session(store, network_id="breakdown", worksheet_id=WS, title="Peiling")
    report = report_html(collect_session(store, links.session.code)).split("</style>", 1)[1]
    assert "<script" not in report.lower() and html.escape(hostile) in report
    assert "<script" not in report_markdown(collect_session(store, links.session.code)).lower()
    exchange.propose_theme(
        store,
        network,
        moderator=hostile[:100],
        theme_id=network.themes[0].id,
        target="jaarplan",
        note=hostile,
    )
    assert hostile in format_proposals(store.theme_proposals("breakdown"), catalog, "breakdown")
