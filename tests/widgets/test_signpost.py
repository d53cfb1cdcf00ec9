"""Help appears beside a question on the page when the answer calls for it, fitting the role."""

from __future__ import annotations

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.content.signposting import load_signposting
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.widgets import WorksheetRunner

SIGNALS = ("Er is vaker ruzie dan een gewoon gesprek", "Ik denk erover om te stoppen")


def make(catalog, store):
    info = find_worksheet(config.workbooks_dir(), catalog, "puberteit")
    runner = WorksheetRunner(
        info, catalog, store=store, signposting=load_signposting(config.data_dir())
    )
    runner.add_question(
        Question(id="ruimte", kind=QuestionKind.SCALE_0_10, prompt="Ruimte?", distress=True)
    )
    runner.add_question(
        Question(id="signalen", kind=QuestionKind.MULTIPLE_CHOICE, prompt="?", options=SIGNALS)
    )
    runner.add_question(Question(id="cijfer", kind=QuestionKind.SCALE_0_10, prompt="Cijfer?"))
    runner.bind(None)
    return runner


def test_help_shows_at_the_lower_end_and_goes_again(catalog, store) -> None:
    runner = make(catalog, store)
    assert set(runner.signposts) == {"ruimte", "signalen"}  # "cijfer" can never need it
    slot = runner.signposts["ruimte"].widget
    assert slot in runner.views["ruimte"].box.children
    assert slot.value == ""
    runner.views["ruimte"].buttons.index = 1
    assert "Als het zwaar is" in slot.value and "113" in slot.value
    runner.views["ruimte"].buttons.index = 6
    assert slot.value == ""
    runner.views["signalen"].boxes[1].value = True  # "Ik denk erover om te stoppen"
    assert "Je pleegzorgbegeleider" in runner.signposts["signalen"].widget.value


def test_help_fits_the_role_and_comes_back_with_the_answers(catalog, store) -> None:
    runner = make(catalog, store)
    runner.views["ruimte"].buttons.index = 0
    runner.header.role.value = "pleegjongere"
    shown = runner.signposts["ruimte"].widget.value
    assert "Kindertelefoon" in shown and "0800-0432" in shown and "NVP" not in shown
    runner.header.role.value = "pleegouder"
    assert "NVP" in runner.signposts["ruimte"].widget.value
    runner.flush()
    code = runner.code

    again = make(catalog, store)
    again.resume(code)
    assert "Als het zwaar is" in again.signposts["ruimte"].widget.value


def test_links_open_apart_and_say_nothing_about_the_page(catalog, store) -> None:
    runner = make(catalog, store)
    runner.views["ruimte"].buttons.index = 2
    shown = runner.signposts["ruimte"].widget.value
    assert 'rel="noopener noreferrer"' in shown and 'target="_blank"' in shown
    assert "<script" not in shown


def test_a_worksheet_for_young_people_shows_the_kindertelefoon_before_a_role_is_chosen(
    catalog, store
) -> None:
    info = find_worksheet(config.workbooks_dir(), catalog, "wie-is-er-voor-mij")
    rules = load_signposting(config.data_dir())
    runner = WorksheetRunner(info, catalog, store=store, signposting=rules)
    panel = runner.add_help_panel()
    runner.bind(None)
    assert runner.header.role.value is None
    assert "Kindertelefoon" in panel.value and "0800-0432" in panel.value
    runner.header.role.value = "eigen-kind"
    assert "Kindertelefoon" in panel.value
    runner.header.role.value = "pleegzorgbegeleider"  # a worker filling it in to try it
    assert "Kindertelefoon" not in panel.value and "meldcode" in panel.value


def test_on_other_worksheets_no_role_means_the_general_helpers(catalog, store) -> None:
    runner = make(catalog, store)  # puberteit: foster parents and professionals
    panel = runner.add_help_panel()
    assert "Kindertelefoon" not in panel.value and "Veilig Thuis" in panel.value
