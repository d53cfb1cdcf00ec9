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


def test_a_likert_shows_help_at_the_answers_its_author_named_whatever_their_place(
    rules,
) -> None:
    """ "Ik zit klem": agreeing is the worry; "Ik word gehoord": disagreeing is. The old rule
    (the first option) showed help to people who were not stuck and none to those who were."""
    from pleegzorg_lib.content.questions import likert

    stuck = likert("klem", "Ik zit soms klem.", distress=["Helemaal mee eens", "Mee eens"])
    assert [o for o in LIKERT if rules.due(stuck, o)] == ["Mee eens", "Helemaal mee eens"]
    heard = likert("gehoord", "Ik word gehoord.", distress=["Helemaal mee oneens", "Mee oneens"])
    assert [o for o in LIKERT if rules.due(heard, o)] == ["Helemaal mee oneens", "Mee oneens"]
    assert not rules.due(likert("x", "Stelling"), "Helemaal mee oneens")  # unmarked
    with pytest.raises(ValueError, match="noem de antwoorden die op zorgen"):
        likert("klem", "Ik zit soms klem.", distress=True)  # which side? the author says
    with pytest.raises(ValueError, match="geen optie"):
        likert("klem", "Ik zit soms klem.", distress=["Eens"])
    assert rules.due(q(QuestionKind.OPEN, distress=True), None)
    assert not rules.due(q(QuestionKind.OPEN), "ik kan niet meer")
    assert not rules.watches(q(QuestionKind.OPEN))


def test_a_choice_or_scale_shows_help_at_its_named_answers(rules) -> None:
    from pleegzorg_lib.content.questions import multiple_choice, scale_0_10, single_choice

    who = multiple_choice(
        "bij-wie", "Bij wie kun je terecht?", ["Mijn pleegouder", "Niemand"], distress=["Niemand"]
    )
    assert rules.watches(who)
    assert rules.due(who, ["Niemand"]) and not rules.due(who, ["Mijn pleegouder"])
    home = single_choice(
        "thuis",
        "Waar voel je je thuis?",
        ["Hier", "Eigenlijk nergens echt"],
        distress=["Eigenlijk nergens echt"],
    )
    assert rules.distress_answers(home) == ("Eigenlijk nergens echt",)
    low = scale_0_10("samen", "Hoe gaat het samen?", distress_below=4)
    assert rules.distress_answers(low) == (0, 1, 2, 3)
    with pytest.raises(ValueError, match="1 tot 10"):
        scale_0_10("samen", "Hoe gaat het samen?", distress_below=0)


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
    # issue 29: young people see their jeugdbeschermer or voogd and where to go after 18
    assert {"jeugdbeschermer-jongere", "achttien-plus"} <= set(youth)
    assert "jeugdbeschermer-jongere" not in ids("eigen-kind")
    # parents: their own route first (jeugdbeschermer, AKJ, legal help); Veilig Thuis — often
    # the organisation that reported them — after those
    parent = ids("ouder")
    assert parent[:3] == ["jeugdbeschermer", "akj", "juridisch-loket"]
    assert parent.index("veilig-thuis") > parent.index("juridisch-loket")


def test_the_helpers_carry_the_facts_the_field_relies_on(rules) -> None:
    by_id = {h.id: h for h in rules.helpers}
    assert "0800-0432" in by_id["kindertelefoon"].contact
    assert "0800-2000" in by_id["veilig-thuis"].contact
    assert "113" in by_id["113"].contact and "0800-0113" in by_id["113"].contact
    assert all(h.url is None or h.url.startswith("https://") for h in rules.helpers)
    assert "0900-8020" in by_id["juridisch-loket"].contact
    assert "0900-1450" in by_id["achttien-plus"].contact
    # a line to call says when it answers; every entry says when it was last checked
    assert all(h.hours for h in rules.helpers if h.contact)
    assert by_id["113"].hours == "dag en nacht"
    assert all(h.checked is not None for h in rules.helpers)
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


#: The questions about safety, support or wellbeing, and the answers that must show help
#: (issue 29): by meaning — "Niemand", "Met niemand", "Eigenlijk nergens echt", agreeing with
#: "Ik zit klem", disagreeing with "Ik word gehoord", the low end of a "hoe gaat het" scale.
MUST_HELP = {
    ("breakdown/wie-is-er-voor-mij.ipynb", "bij-wie"): ("Niemand",),
    ("breakdown/wie-is-er-voor-mij.ipynb", "gaat-het"): (0, 1, 2),
    ("breakdown/wie-is-er-voor-mij.ipynb", "lastig-thuis"): ("Ik wil hier niet meer wonen",),
    ("samenwerken/wat-ik-wil-dat-jullie-weten.ipynb", "praten-met"): ("Met niemand",),
    ("samenwerken/wat-ik-wil-dat-jullie-weten.ipynb", "luisteren"): ("Nooit", "Bijna nooit"),
    ("samenwerken/mijn-twee-families.ipynb", "thuis-gevoel"): ("Eigenlijk nergens echt",),
    ("netwerkpleegzorg/familie-en-pleegouder-tegelijk.ipynb", "klem"): (
        "Mee eens",
        "Helemaal mee eens",
    ),
    ("netwerkpleegzorg/mijn-kind-bij-familie.ipynb", "gehoord"): (
        "Helemaal mee oneens",
        "Mee oneens",
    ),
    ("netwerkpleegzorg/wonen-bij-familie.ipynb", "gaat-het"): (0, 1, 2),
    ("gedeeld-opvoederschap/een-stap-verder-samen-opvoeden.ipynb", "samen-nu"): (0, 1, 2),
    ("breakdown/puberteit.ipynb", "draagkracht"): (0, 1, 2),
    ("breakdown/informele-steun.ipynb", "volhouden"): (0, 1, 2),
}


def test_every_worksheet_shows_help_at_exactly_the_answers_that_signal_distress(rules) -> None:
    """Walks every question of every worksheet that can show the hulpwijzer: help at the
    distress answers, none at the others; and the questions above have their rules."""
    import nbformat

    from pleegzorg_lib.authoring.check import question_problems
    from pleegzorg_lib.authoring.hulpwijzer import distress_rules
    from pleegzorg_lib.content import notebook_paths

    root = config.workbooks_dir()
    questions = {}
    for path in notebook_paths(root):
        label = path.relative_to(root).as_posix()
        _problems, declared = question_problems(label, nbformat.read(path, 4))
        questions.update({(label, q.id): q for _, q in declared})
    found = {(r.worksheet, r.question_id): r.answers for r in distress_rules()}
    for key, answers in MUST_HELP.items():
        assert found.get(key) == answers, key
    for key, answers in found.items():
        question = questions[key]
        if answers is None:  # a marked open question: help whatever is written
            assert question.kind == QuestionKind.OPEN and rules.due(question, "")
            continue
        # what the author declared, read apart from the rules' own code: the named answers,
        # the options that contain a trigger, a scale's values below its limit
        if question.kind == QuestionKind.SCALE_0_10:
            below = question.distress_below or rules.scale_low_max + 1
            possible, expected = list(range(11)), set(range(below))
        else:
            possible = list(question.options)
            expected = set(question.distress_answers) | {
                o for o in question.options if any(t in o.lower() for t in rules.triggers)
            }
        for value in possible:
            shown = rules.due(
                question, [value] if question.kind == QuestionKind.MULTIPLE_CHOICE else value
            )
            assert shown == (value in expected), (key, value)
            assert (value in answers) == (value in expected), (key, value)


def test_a_helpline_without_hours_or_check_date_is_refused(tmp_path) -> None:
    data = broken_copy(tmp_path, "    hours: dag en nacht\n", "")
    with pytest.raises(ContentError) as caught:
        load_signposting(data)
    assert "hours" in str(caught.value) and "hulpwijzer.yaml" in str(caught.value)
    import re

    text = (config.data_dir() / "hulpwijzer.yaml").read_text(encoding="utf-8")
    first_checked = re.search(r"    checked: \d{4}-\d{2}-\d{2}\n", text)
    assert first_checked is not None
    data = broken_copy(tmp_path / "b", first_checked.group(0), "    checked: gisteren\n")
    with pytest.raises(ContentError, match="geen datum"):
        load_signposting(data)


def test_check_warns_about_entries_nobody_checked_for_a_year(rules) -> None:
    """Numbers and hours change: a year after its ``checked:`` date an entry is a warning
    of ``pleegzorg check`` (not a failure: the sheets still work)."""
    from datetime import timedelta

    from pleegzorg_lib.authoring.hulpwijzer import hulpwijzer_warnings
    from pleegzorg_lib.model.signposting import RECHECK_DAYS, stale_helpers

    oldest = min(h.checked for h in rules.helpers if h.checked)
    assert stale_helpers(rules, oldest + timedelta(days=RECHECK_DAYS)) == []
    later = oldest + timedelta(days=RECHECK_DAYS + 1)
    assert stale_helpers(rules, later)
    warnings = hulpwijzer_warnings(later)
    assert warnings and all("kijk nummer, openingstijden en tekst na" in w for w in warnings)
    assert hulpwijzer_warnings(oldest) == []


def test_no_one_and_nowhere_call_for_help_on_any_sheet_but_who_decides_does_not(rules) -> None:
    """The triggers cover "met niemand" and "nergens" on any choice question, named or not;
    a bare "niemand" does not: "Niemand echt: het gaat zoals het gaat" about who sets the
    contact rules is no distress (such answers are named per question)."""
    lonely = q(QuestionKind.SINGLE_CHOICE, options=("Met een vriend", "Met niemand"))
    assert rules.due(lonely, "Met niemand") and not rules.due(lonely, "Met een vriend")
    home = q(QuestionKind.SINGLE_CHOICE, options=("Hier", "Eigenlijk nergens echt"))
    assert rules.due(home, "Eigenlijk nergens echt")
    rules_of_contact = q(
        QuestionKind.SINGLE_CHOICE, options=("De rechter", "Niemand echt: het gaat zoals het gaat")
    )
    assert not rules.watches(rules_of_contact)
