"""An option reworded in a notebook (``renamed={"old": "new"}``): answers stored under the
old wording stay chosen on the participant's page, count in the live view and the report,
and are saved in the new wording once the participant changes anything."""

from __future__ import annotations

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.analysis import answers_frame, summarize_session
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.content.questions import multiple_choice, single_choice
from pleegzorg_lib.model import AnswerError

OLD, NEW = "Online (app-groep, forum, sociale media)", "Online (appgroep, forum, sociale media)"
OPTIONS = ["Bijeenkomsten van de pleegzorgorganisatie", NEW, "Ik ontmoet geen andere pleegouders"]


def test_old_wordings_are_read_as_the_option_they_became() -> None:
    question = multiple_choice("contact-vorm", "Waar?", OPTIONS, renamed={OLD: NEW})
    assert question.validate([OLD, OPTIONS[0]]) == [OPTIONS[0], NEW]  # in option order
    assert question.upgrade([OLD]) == [NEW]
    with pytest.raises(AnswerError):
        question.validate(["Iets wat nooit een optie was"])
    single = single_choice("een", "Welke?", OPTIONS, renamed={OLD: NEW})
    assert single.validate(OLD) == NEW
    with pytest.raises(ValueError, match="not an option"):
        single_choice("een", "Welke?", OPTIONS, renamed={OLD: "verzonnen"})
    with pytest.raises(ValueError, match="still an option"):
        single_choice("een", "Welke?", OPTIONS, renamed={NEW: OPTIONS[0]})


def test_the_live_view_counts_old_and_new_wordings_together() -> None:
    question = multiple_choice("contact-vorm", "Waar?", OPTIONS, renamed={OLD: NEW})
    rows = [
        {
            "participant_id": f"p{i}",
            "role_id": "pleegouder",
            "question_id": "contact-vorm",
            "value": [OLD] if i < 3 else [NEW, OPTIONS[0]],
        }
        for i in range(7)  # 7: every answer is published (counts move in steps of two)
    ]
    (summary,) = summarize_session([question], answers_frame(rows), k=5).questions
    assert dict(summary.counts) == {OPTIONS[0]: 4, NEW: 7, OPTIONS[2]: 0}


def test_the_real_worksheet_keeps_answers_given_under_the_old_wording(store, catalog) -> None:
    from pleegzorg_lib.widgets import WorksheetRunner

    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    participant, code = store.create_participant()
    store.save_answer(participant.id, info.id, "contact-vorm", [OLD])

    def page() -> WorksheetRunner:
        runner = WorksheetRunner(info, catalog, store=store)
        runner.add_question(multiple_choice("contact-vorm", "Waar?", OPTIONS, renamed={OLD: NEW}))
        runner.add_question(single_choice("vaak", "Hoe vaak?", ["Vaak", "Soms"]))
        runner.bind(f"code={code}")
        return runner

    runner = page()
    boxes = {box.description: box.value for box in runner.views["contact-vorm"].boxes}
    assert boxes[NEW] is True and boxes[OPTIONS[0]] is False  # still chosen on the page
    runner.views["contact-vorm"].boxes[0].value = True  # the participant adds a choice
    runner.flush()
    stored = store.answers_for(participant.id, info.id)
    assert stored["contact-vorm"] == [OPTIONS[0], NEW]  # saved in the new wording
    again = page()  # a reload
    assert {b.description for b in again.views["contact-vorm"].boxes if b.value} == {
        OPTIONS[0],
        NEW,
    }
