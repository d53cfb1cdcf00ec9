"""Who a page is for (``services/identity.py``): resume codes, session codes, and answers
that move along when someone types their code after answering. Real stores, no page."""

from __future__ import annotations

from pleegzorg_lib.i18n import t
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.services.identity import bind_page, carry_answers, find_by_code

SHEET = "samen-opvoeden-met-ouders"


def _session(store, title: str = "Regio Oost") -> str:
    session, _key = store.create_session(
        network_id="gedeeld-opvoederschap", worksheet_id=SHEET, title=title
    )
    return session.code


def test_a_page_without_a_code_gets_a_new_participant_each_time(any_store) -> None:
    first = bind_page(any_store, SHEET, "")
    second = bind_page(any_store, SHEET, None)
    assert first.participant.id != second.participant.id
    assert first.code and first.code != second.code
    assert (first.session_code, first.message) == ("", "")
    # the new participant is really in the store, under the code shown
    assert any_store.participant_by_code(first.code).id == first.participant.id


def test_a_resume_code_in_any_spelling_finds_the_same_participant(any_store) -> None:
    participant, code = any_store.create_participant()
    typed = code.upper().replace("-", " ")
    bound = bind_page(any_store, SHEET, f"code={typed}")
    assert bound.participant.id == participant.id
    assert bound.code == code
    assert (bound.message, bound.kind) == (t("header.resumed"), "success")


def test_a_wrong_code_says_so_and_shows_nobody_elses_answers(any_store) -> None:
    someone, _ = any_store.create_participant()
    any_store.save_answer(someone.id, SHEET, "q", "van iemand anders")
    malformed = bind_page(any_store, SHEET, "code=abc")
    unknown = bind_page(any_store, SHEET, "code=2222-2222-2222")
    assert (malformed.message, malformed.kind) == (t("code.malformed"), "error")
    assert (unknown.message, unknown.kind) == (t("code.unknown"), "error")
    for bound in (malformed, unknown):
        assert bound.participant.id != someone.id
        assert any_store.answers_for(bound.participant.id, SHEET) == {}


def test_joining_a_session_and_returning_to_it_later(any_store) -> None:
    code = _session(any_store)
    joined = bind_page(any_store, SHEET, f"sessie={code.lower()}")
    assert joined.session_code == code
    assert joined.message == t("session.joined", title="Regio Oost", code=code)
    assert any_store.session_participants(code) == {joined.participant.id: None}
    # opened again with only the resume code: back in the session they last used
    again = bind_page(any_store, SHEET, f"code={joined.code}")
    assert again.session_code == code


def test_an_unknown_or_malformed_session_code_is_dropped_with_a_warning(any_store) -> None:
    unknown = bind_page(any_store, SHEET, "sessie=ZZZZZZ")
    malformed = bind_page(any_store, SHEET, "sessie=%3Cscript%3E")
    assert (unknown.session_code, unknown.kind) == ("", "warning")
    assert unknown.message == t("session.unknown")
    assert (malformed.session_code, malformed.message) == ("", t("session.malformed"))


def test_answers_given_before_resuming_move_along_but_never_overwrite(any_store) -> None:
    me, code = any_store.create_participant()
    any_store.save_answer(me.id, SHEET, "gesprek", "wat ik eerder schreef")
    questions = {
        "gesprek": Question(id="gesprek", kind=QuestionKind.OPEN, prompt="Hoe ging het?"),
        "schaal": Question(id="schaal", kind=QuestionKind.SCALE_0_10, prompt="Hoe tevreden?"),
        "leeg": Question(id="leeg", kind=QuestionKind.OPEN, prompt="Nog iets?"),
    }
    found = find_by_code(any_store, code)
    assert found.participant is not None
    given = {"gesprek": "net op deze pagina getypt", "schaal": 4, "leeg": "  "}
    moved = carry_answers(any_store, found.participant, SHEET, "", given, questions)
    assert moved == 1
    assert any_store.answers_for(me.id, SHEET) == {"gesprek": "wat ik eerder schreef", "schaal": 4}


def test_a_code_from_a_link_is_only_offered(any_store) -> None:
    """Issue 27 (hole 2): a link with someone else's code bound the page to them. The code
    from a link (``linkcode``) is offered; the page stays with this browser's code or a new
    participant until the person says yes."""
    attacker, attacker_code = any_store.create_participant()
    bound = bind_page(any_store, SHEET, f"linkcode={attacker_code}")
    assert bound.participant.id != attacker.id and not bound.resumed
    assert bound.offered == attacker_code
    me, my_code = any_store.create_participant()
    bound = bind_page(any_store, SHEET, f"code={my_code}&linkcode={attacker_code}")
    assert bound.participant.id == me.id and bound.resumed
    assert bound.offered == attacker_code
    same = bind_page(any_store, SHEET, f"code={my_code}&linkcode={my_code}")
    assert same.offered == ""  # the same code: nothing to ask
    assert bind_page(any_store, SHEET, "linkcode=geen-code").offered == ""
