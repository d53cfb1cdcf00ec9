"""The hulpwijzer: when a worksheet points to help, and whom it shows to whom."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import ContentError
from pleegzorg_lib.content.signposting import load_signposting
from pleegzorg_lib.model import Question, QuestionKind

LIKERT = ("Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens")
SIGNALS = ("Er is vaker ruzie dan een gewoon gesprek", "Ik denk erover om te stoppen")


@pytest.fixture(scope="module")
def rules():
    return load_signposting(config.data_dir())


def q(kind: QuestionKind, *, distress: bool = False, options=()) -> Question:
    return Question(id="v", kind=kind, prompt="Vraag", options=options, distress=distress)


def test_a_marked_scale_calls_for_help_only_at_its_lower_end(rules) -> None:
    scale = q(QuestionKind.SCALE_0_10, distress=True)
    assert rules.scale_low_max == 2
    assert [v for v in range(11) if rules.due(scale, v)] == [0, 1, 2]
    assert not rules.due(scale, None)
    assert not rules.due(scale, True)  # a forged boolean is not a 1
    assert not rules.due(q(QuestionKind.SCALE_0_10), 0)  # unmarked: a low mark is just a mark


def test_a_marked_likert_at_its_first_option_and_a_marked_open_question_always(rules) -> None:
    likert = q(QuestionKind.LIKERT, distress=True, options=LIKERT)
    assert rules.due(likert, "Helemaal mee oneens")
    assert not rules.due(likert, "Mee oneens")
    assert not rules.due(q(QuestionKind.LIKERT, options=LIKERT), "Helemaal mee oneens")
    assert rules.due(q(QuestionKind.OPEN, distress=True), None)
    assert not rules.due(q(QuestionKind.OPEN), "ik kan niet meer")
    assert not rules.watches(q(QuestionKind.OPEN))


def test_choosing_stoppen_calls_for_help_on_any_choice_question(rules) -> None:
    multiple = q(QuestionKind.MULTIPLE_CHOICE, options=SIGNALS)
    assert rules.watches(multiple)  # its page needs a place for help
    assert not rules.due(multiple, [SIGNALS[0]])
    assert rules.due(multiple, [SIGNALS[0], SIGNALS[1]])
    single = q(QuestionKind.SINGLE_CHOICE, options=("Ik zit aan mijn grens", "Het gaat"))
    assert rules.due(single, "Ik zit aan mijn grens")
    assert not rules.due(single, "Het gaat")
    assert not rules.watches(q(QuestionKind.SINGLE_CHOICE, options=("Vaak", "Nooit")))


def test_each_role_sees_its_own_helpers_and_everyone_the_emergency_lines(rules) -> None:
    def ids(role):
        return [h.id for h in rules.helpers_for(role)]

    youth = ids("pleegjongere")
    assert youth[0] == "kindertelefoon" and "nvp" not in youth
    assert "kindertelefoon" in ids("eigen-kind")
    assert "nvp" in ids("pleegouder") and "kindertelefoon" not in ids("pleegouder")
    assert "jeugdbeschermer" in ids("ouder") and "nvp" not in ids("ouder")
    assert "collega" in ids("pleegzorgbegeleider") and "akj" not in ids("pleegzorgbegeleider")
    for role in ("pleegjongere", "ouder", "pleegouder", "jeugdbeschermer", None):
        assert {"veilig-thuis", "113"} <= set(ids(role)), role
    assert "kindertelefoon" not in ids(None)  # no role chosen: the general ones


def test_the_helpers_carry_the_facts_the_field_relies_on(rules) -> None:
    by_id = {h.id: h for h in rules.helpers}
    assert "0800-0432" in by_id["kindertelefoon"].contact
    assert "0800-2000" in by_id["veilig-thuis"].contact
    assert "113" in by_id["113"].contact and "0800-0113" in by_id["113"].contact
    assert all(h.url is None or h.url.startswith("https://") for h in rules.helpers)
    english = load_signposting(config.data_dir(), lang="en")
    assert english.title == "If things are hard"


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(config.data_dir(), data)
    path = data / "hulpwijzer.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def test_an_unknown_role_names_file_and_line(tmp_path) -> None:
    data = broken_copy(tmp_path, "roles: [ouder]", "roles: [moeder]")
    with pytest.raises(ContentError) as error:
        load_signposting(data)
    message = str(error.value)
    assert "hulpwijzer.yaml" in message and "moeder" in message and "regel" in message


def test_a_trigger_in_capitals_is_refused(tmp_path) -> None:
    data = broken_copy(tmp_path, "  - stoppen", "  - Stoppen")
    with pytest.raises(ContentError, match="kleine letters"):
        load_signposting(data)
