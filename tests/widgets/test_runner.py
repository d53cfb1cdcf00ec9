"""The worksheet runner in plain pytest: set values as a participant would, read the store."""

from __future__ import annotations

import sqlite3
import time

import pytest
from traitlets import TraitError

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.widgets import WorksheetRunner

QUESTIONS = [
    Question(id="open", kind=QuestionKind.OPEN, prompt="Bij wie kun je terecht?", max_length=100),
    Question(
        id="likert", kind=QuestionKind.LIKERT, prompt="Stelling", options=("1", "2", "3", "4", "5")
    ),
    Question(
        id="single",
        kind=QuestionKind.SINGLE_CHOICE,
        prompt="Hoe vaak?",
        options=("Vaak", "Soms", "Nooit"),
    ),
    Question(
        id="multi",
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt="Waar?",
        options=("Thuis", "School", "Online"),
    ),
    Question(id="scale", kind=QuestionKind.SCALE_0_10, prompt="Cijfer?"),
    Question(
        id="rank",
        kind=QuestionKind.RANKING,
        prompt="Volgorde?",
        options=("Herkenning", "Tips", "Oppas"),
    ),
]


@pytest.fixture
def info(catalog):
    return find_worksheet(config.workbooks_dir(), catalog, "informele-steun")


def make_runner(info, catalog, store, query: str | None = None) -> WorksheetRunner:
    runner = WorksheetRunner(info, catalog, store=store)
    for question in QUESTIONS:
        runner.add_question(question)
    runner.bind(query)
    return runner


def answer_everything(runner: WorksheetRunner) -> None:
    v = runner.views
    v["open"].text.value = "Mijn zus & de buurvrouw <b>"
    v["likert"].radio.index = 3
    v["single"].radio.index = 1
    v["multi"].boxes[0].value = True
    v["multi"].boxes[2].value = True
    v["scale"].buttons.index = 7
    v["rank"].move(0, +1)
    runner.flush()


EXPECTED = {
    "open": "Mijn zus & de buurvrouw <b>",
    "likert": "4",
    "single": "Soms",
    "multi": ["Thuis", "Online"],
    "scale": 7,
    "rank": ["Tips", "Herkenning", "Oppas"],
}


def test_every_kind_of_answer_reaches_the_store(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    assert runner.code and runner.participant
    answer_everything(runner)
    assert store.answers_for(runner.participant.id, "informele-steun") == EXPECTED
    for view in runner.views.values():
        assert "pz-saved" in view.box._dom_classes
        assert "opgeslagen" in view.status.value
    assert "6 van 6 beantwoord" in runner.header.progress.value


def test_question_boxes_carry_the_page_contract_classes(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    for qid, view in runner.views.items():
        assert {"pz-question", f"pz-q-{qid}"} <= set(view.box._dom_classes)
    assert "pz-resume-code" in runner.header.code._dom_classes
    assert runner.code in runner.header.code.value


def test_text_is_saved_after_a_pause_in_typing(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["open"]
    for text in ("B", "Bij", "Bij oma"):
        view.text.value = text
    assert "pz-saved" not in view.box._dom_classes
    assert "nog niet opgeslagen" in view.status.value
    deadline = time.monotonic() + 5
    while "pz-saved" not in view.box._dom_classes and time.monotonic() < deadline:
        time.sleep(0.05)
    assert store.answers_for(runner.participant.id, "informele-steun") == {"open": "Bij oma"}
    assert [v for _, v in store.history(runner.participant.id, "informele-steun", "open")] == [
        "Bij oma"
    ]


def test_resume_code_brings_every_answer_back(info, catalog, store) -> None:
    first = make_runner(info, catalog, store)
    first.header.role.value = "jeugdbeschermer"
    answer_everything(first)

    again = make_runner(info, catalog, store, query=f"code={first.code.lower()}")
    assert again.participant.id == first.participant.id
    assert again.header.role.value == "jeugdbeschermer"
    assert {qid: v.get_value() for qid, v in again.views.items()} == EXPECTED
    assert "Welkom terug" in again.header.message.value
    assert "6 van 6 beantwoord" in again.header.progress.value


def test_unknown_code_says_so_and_starts_fresh(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store, query="code=ABCD-EFGH-JKMN")
    assert "kennen we niet" in runner.header.message.value
    assert runner.code != "ABCD-EFGH-JKMN"
    assert runner.participant is not None


def test_malformed_code_and_session_get_clear_messages(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store, query="code=<script>")
    assert "geen geldige hervatcode" in runner.header.message.value
    assert "<script>" not in runner.header.message.value
    runner = make_runner(info, catalog, store, query="sessie=%3Cimg%3E")
    assert "sessiecode" in runner.header.message.value
    assert runner.session_code == ""


def test_session_code_from_the_link_is_stored(info, catalog, store) -> None:
    session, _key = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="Utrecht december"
    )
    runner = make_runner(info, catalog, store, query=f"sessie={session.code.lower()}")
    assert runner.session_code == session.code
    assert "Utrecht december" in runner.header.message.value
    runner.views["scale"].buttons.index = 4
    assert store.answers_for(
        runner.participant.id, "informele-steun", session_code=session.code
    ) == {"scale": 4}
    assert store.session_participants(session.code) == {runner.participant.id: None}
    resumed = make_runner(info, catalog, store, query=f"code={runner.code}")
    assert resumed.session_code == session.code
    assert resumed.views["scale"].get_value() == 4


def test_unknown_session_code_says_so_and_saves_anyway(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store, query="sessie=QQQQQQ")
    assert "sessiecode kennen we niet" in runner.header.message.value
    assert runner.session_code == ""
    runner.views["scale"].buttons.index = 2
    assert store.answers_for(runner.participant.id, "informele-steun") == {"scale": 2}


def test_a_poll_appears_and_its_answer_is_checked_in_the_kernel(info, catalog, store) -> None:
    session, _key = store.create_session(
        network_id="breakdown", worksheet_id="informele-steun", title="Peiling"
    )
    runner = make_runner(info, catalog, store, query=f"sessie={session.code}")
    area = runner.poll
    assert area.box.layout.display == "none"
    poll = store.launch_poll(session.code, prompt="Hoe gaat het?", options=("Goed", "Zwaar"))
    area.refresh()  # the kernel's watcher does this every 2 s
    assert area.box.layout.display == "flex"
    assert area.send() is False  # nothing chosen yet
    area._choice.index = 1
    assert area.send() is True
    assert store.poll_values(poll.id) == ["Zwaar"]
    store.close_poll(poll.id)
    assert area.send() is False  # closed meanwhile: a late click changes nothing
    assert area.box.layout.display == "none"


def test_typing_the_code_resumes_and_keeps_what_was_typed_before(info, catalog, store) -> None:
    earlier = make_runner(info, catalog, store)
    earlier.views["single"].radio.index = 0
    page = make_runner(info, catalog, store)
    page.views["scale"].buttons.index = 9  # answered before remembering the code
    assert page.resume(earlier.code.replace("-", " ")) is True
    assert page.participant.id == earlier.participant.id
    assert store.answers_for(earlier.participant.id, "informele-steun") == {
        "single": "Vaak",
        "scale": 9,
    }
    assert page.views["single"].get_value() == "Vaak"
    assert page.resume("ZZZZ-ZZZZ-ZZZZ") is False
    assert "kennen we niet" in page.header.message.value


def test_oversized_text_is_refused_and_stays_in_the_field(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["open"]
    view.text.value = "x" * 101
    runner.flush()
    assert view.text.value == "x" * 101
    assert "te lang" in view.status.value and "101" in view.status.value
    assert "pz-saved" not in view.box._dom_classes
    assert store.answers_for(runner.participant.id, "informele-steun") == {}


def test_forged_widget_values_change_nothing(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    with pytest.raises(TraitError):  # traitlets refuses an index out of range
        runner.views["single"].radio.index = 17
    runner.views["rank"].move(0, -1)  # a "click" on the disabled up-button of the first item
    runner.views["rank"].move(5, +1)
    runner.header.role.value = "pleegouder"
    with pytest.raises(TraitError):
        runner.header.role.value = "beheerder"
    runner.flush()
    assert store.answers_for(runner.participant.id, "informele-steun") == {}
    assert store.participant_by_code(runner.code).role_id == "pleegouder"


def test_store_failure_is_shown_and_the_answer_kept(info, catalog, store, db_path) -> None:
    runner = make_runner(info, catalog, store)
    with sqlite3.connect(db_path) as conn:  # the database breaks under the running page
        conn.execute("ALTER TABLE pz_answers RENAME TO pz_answers_away")
    view = runner.views["scale"]
    view.buttons.index = 3
    assert "niet bereikbaar" in view.status.value
    assert "pz-saved" not in view.box._dom_classes
    assert view.get_value() == 3
    with sqlite3.connect(db_path) as conn:
        conn.execute("ALTER TABLE pz_answers_away RENAME TO pz_answers")
    view.buttons.index = 4
    assert "pz-saved" in view.box._dom_classes
    assert store.answers_for(runner.participant.id, "informele-steun") == {"scale": 4}


def test_display_name_is_saved_and_limited(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    runner.header.name.value = "Anouk"
    runner.flush()
    assert store.participant_by_code(runner.code).display_name == "Anouk"
    runner.header.name.value = "x" * 61
    runner.flush()
    assert "te lang" in runner.header.name_status.value
    assert store.participant_by_code(runner.code).display_name == "Anouk"


def test_unreachable_store_at_page_start_gives_a_message_not_a_traceback(
    info, catalog, store, db_path
) -> None:
    from pleegzorg_lib.pages.worksheet import WorksheetPage

    page = WorksheetPage(WorksheetRunner(info, catalog, store=store), store=store)
    page.open_question("q", "Vraag?")
    with sqlite3.connect(db_path) as conn:
        conn.execute("ALTER TABLE pz_participants RENAME TO gone")
    page.finish()
    assert "niet bereikbaar" in page.runner.header.message.value
    assert page.runner.participant is None


def test_the_page_offers_every_question_call_check_reads_with_the_same_arguments(
    info, catalog, store
) -> None:
    """``pleegzorg check`` reads ``ws.<kind>(...)`` from a notebook's source with the
    factories in content/questions.py; the page's methods take exactly those arguments,
    and a call builds the same questions the reader finds."""
    import inspect

    from pleegzorg_lib.content.questions import FACTORIES, questions_in_source
    from pleegzorg_lib.pages.worksheet import WorksheetPage

    for name, factory in FACTORIES.items():
        method = getattr(WorksheetPage, name)
        params = list(inspect.signature(method).parameters.values())
        assert params[0].name == "self"
        assert params[1:] == list(inspect.signature(factory).parameters.values()), name
        if name not in ("vakmanschap", "wie_weet_wat", "reflection_cycle"):  # + chart or panel
            assert method.__doc__ == factory.__doc__
    page = WorksheetPage(WorksheetRunner(info, catalog, store=store), store=store)
    source = (
        'ws.scale_0_10("hoe", "Hoe gaat het?", low="slecht", high="goed")\n'
        'ws.ranking("volg", "Wat eerst?", ["rust", "contact"], shared=True)\n'
        'ws.reflection_cycle("stap", "alact")\n'
    )
    exec(source, {"ws": page})  # what the notebook cell does
    read = questions_in_source(source, "test.ipynb")
    assert [v.question for v in page.runner.views.values()] == read
    assert len(read) > 3  # the cycle gave several questions
    assert [c[0] for c in page._calls] == ["scale_0_10", "ranking", "reflection_cycle"]
    with pytest.raises(TypeError):
        page.likert("zonder-vraag")


def test_a_code_from_a_link_needs_a_yes(info, catalog, store) -> None:
    """Issue 27 (hole 2): the attacker's code from a link is shown as a question; answers go
    to the attacker only after "Ja"; "Nee" keeps the person's own participant; a forged
    click on "Ja" without an offer does nothing."""
    attacker, attacker_code = store.create_participant()
    runner = make_runner(info, catalog, store, f"linkcode={attacker_code}")
    mine = runner.participant
    assert mine is not None and mine.id != attacker.id
    offer = runner.header.offer
    assert attacker_code in offer.children[0].value
    runner.views["open"].text.value = "Mijn eigen antwoord"
    runner.flush()
    assert store.answers_for(attacker.id, info.id) == {}
    runner.decline_offer()
    assert offer.children == () and runner.participant.id == mine.id
    assert runner.accept_offer() is False  # a forged click after "Nee"
    assert runner.participant.id == mine.id
    session, _key = store.create_session(
        network_id="breakdown", worksheet_id=info.id, title="Regio Noord"
    )
    runner = make_runner(info, catalog, store, f"sessie={session.code}&linkcode={attacker_code}")
    buttons = runner.header.offer.children[1].children
    # the page's kernel is shut down as soon as the tab closes, which may be the moment the
    # new code shows: by then the stand-in must be gone (CI, stop 34: 7 of 6 counted)
    counted_when_shown: list[set[str]] = []
    show_code = runner.header.show_code
    runner.header.show_code = lambda code: (  # type: ignore[method-assign]
        counted_when_shown.append(set(store.session_participants(session.code))),
        show_code(code),
    )
    buttons[0].click()  # "Ja, verder met …"
    assert counted_when_shown == [{attacker.id}]
    assert runner.participant.id == attacker.id
    assert runner.header.offer.children == ()
    # the participant the page made while it asked is gone: the session counts one person
    assert set(store.session_participants(session.code)) == {attacker.id}


def test_wrong_resume_codes_make_the_page_wait(info, catalog, store, monkeypatch) -> None:
    """Issue 27: guessing codes on a page slows down after three wrong ones, doubling."""
    from pleegzorg_lib.widgets import runner as module

    now = [100.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    _someone, code = store.create_participant()
    runner = make_runner(info, catalog, store)
    for _ in range(3):
        assert runner.resume("ABCD-EFGH-JKMN") is False
    assert runner.resume(code) is False  # even the right one must wait now
    assert "Te veel verkeerde codes" in runner.header.message.value
    now[0] += 3
    assert runner.resume(code) is True


def test_a_yes_to_a_link_brings_back_the_last_session(info, catalog, store) -> None:
    """Yes to a code from a link on a page without ``?sessie=``: the answers of the session
    that participant last used come back, as when the browser remembers the code."""
    person, code = store.create_participant()
    session, _key = store.create_session(network_id="breakdown", worksheet_id=info.id, title="N")
    store.enrol(person.id, info.id, session.code)
    store.save_answer(person.id, info.id, "open", "Mijn buurvrouw", session_code=session.code)
    runner = make_runner(info, catalog, store, f"linkcode={code}")
    assert runner.accept_offer() is True
    assert runner.session_code == session.code
    assert runner.views["open"].text.value == "Mijn buurvrouw"


def test_a_shared_question_says_the_group_sees_it_and_an_open_one_to_change_details() -> None:
    """Issue 29: "Dit ziet de groep (zonder je naam)" on every shared question, and under a
    shared open question the tip to change recognisable details; nothing on private ones."""
    import dataclasses

    import ipywidgets as w

    from pleegzorg_lib.widgets import build_question

    def texts(question: Question) -> str:
        view = build_question(question, 1)
        return " ".join(c.value for c in view.box.children if isinstance(c, w.HTML))

    shared_open = texts(Question(id="m", kind=QuestionKind.OPEN, prompt="Een moment?", shared=True))
    assert "Dit ziet de groep (zonder je naam)" in shared_open
    assert "Verander details waaraan een kind of gezin te herkennen is" in shared_open
    shared_choice = texts(dataclasses.replace(QUESTIONS[2], shared=True))
    assert "Dit ziet de groep" in shared_choice and "Verander details" not in shared_choice
    private = texts(QUESTIONS[0])
    assert "Dit ziet de groep" not in private and "Verander details" not in private
