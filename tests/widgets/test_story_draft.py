"""A reflection cycle becomes a draft practice story (issue #28, part 2): which questions form
a cycle, what goes into which part of the story, the button below the cycle on a worksheet,
and the content check of ``story:`` in cycles.yaml."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import ContentError, find_worksheet
from pleegzorg_lib.content.tools import load_cycles
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.pages.worksheet import WorksheetPage
from pleegzorg_lib.services.story_draft import CycleOnPage, cycles_in, draft_story, has_answers
from pleegzorg_lib.widgets import WorksheetRunner


def _open(qid: str) -> Question:
    return Question(id=qid, kind=QuestionKind.OPEN, prompt=qid)


def test_every_step_of_every_cycle_names_a_story_part() -> None:
    for cycle in load_cycles(config.data_dir()).values():
        parts = {step.story for step in cycle.steps}
        assert parts <= {"situatie", "aanpak", "geleerd"}, cycle.id
        assert "situatie" in parts and "geleerd" in parts, cycle.id


def test_a_cycle_is_found_only_when_all_its_steps_are_on_the_page() -> None:
    cycles = load_cycles(config.data_dir())
    whole = [_open(f"refl-{s.id}") for s in cycles["alact"].steps]
    found = cycles_in([_open("intro"), *whole, _open("les")], cycles)
    assert [(c.prefix, c.cycle.id) for c in found] == [("refl", "alact")]
    # a lone question ending in a step id is not a cycle
    assert cycles_in([_open("mijn-handelen"), *whole[1:3]], cycles) == []


def test_the_draft_puts_each_answered_step_under_its_part_in_order() -> None:
    on_page = CycleOnPage("refl", load_cycles(config.data_dir())["alact"])
    answers = {
        "refl-handelen": "  Bij het afscheid na de bezoekregeling huilde hij.  ",
        "refl-terugblikken": "Ik wilde troosten, hij wilde naar zijn moeder.",
        "refl-bewustwording": "Zijn verdriet hoort erbij.",
        "refl-alternatieven": "",  # not answered: left out, no empty heading
        "refl-uitproberen": "Volgende keer samen een foto maken.",
        "les": "not part of the cycle",
    }
    draft = draft_story(on_page, answers)
    assert draft["situatie"] == (
        "Handelen: Bij het afscheid na de bezoekregeling huilde hij.\n\n"
        "Terugblikken: Ik wilde troosten, hij wilde naar zijn moeder."
    )
    assert draft["aanpak"] == "Uitproberen: Volgende keer samen een foto maken."
    assert draft["geleerd"] == "Bewustwording van wat wezenlijk is: Zijn verdriet hoort erbij."
    assert has_answers(on_page, answers)
    assert not has_answers(on_page, {"refl-handelen": "   ", "les": "x"})


def test_an_unknown_story_part_names_file_and_line(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "cycles.yaml").write_text(
        "cycles:\n"
        "  - id: kort\n"
        "    name: Kort\n"
        "    source: Bron\n"
        "    steps:\n"
        "      - id: een\n"
        "        name: Een\n"
        "        prompt: Wat gebeurde er?\n"
        "        story: verhaal\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_cycles(tmp_path)
    assert caught.value.line == 9
    assert "cycles.yaml" in str(caught.value)
    assert "situatie, aanpak, geleerd" in str(caught.value)


@pytest.fixture
def page(catalog, store) -> WorksheetPage:
    info = find_worksheet(config.workbooks_dir(), catalog, "reflecteren-op-een-situatie")
    made = WorksheetPage(WorksheetRunner(info, catalog, store=store), store=store)
    made.reflection_cycle("reflectie", "alact")
    return made


def test_the_button_below_a_cycle_offers_the_form_once_a_step_is_answered(page, store) -> None:
    panel = page.story_drafts[-1]
    runner = page.runner
    runner.bind(None)
    assert panel.make() is False  # nothing answered yet: a clear message, no link
    assert "Vul eerst de stappen hierboven in" in panel.status.value
    assert "href" not in panel.status.value

    runner.views["reflectie-handelen"].text.value = "Het afscheid na <b>de bezoekregeling</b>"
    assert panel.make() is True  # the click saves what is still being typed first
    participant = runner.participant_id()
    assert participant is not None
    saved = store.answers_for(participant, "reflecteren-op-een-situatie")
    assert saved["reflectie-handelen"] == "Het afscheid na <b>de bezoekregeling</b>"
    link = panel.status.value.split('href="')[1].split('"')[0]
    path, query = urlsplit(link.replace("&amp;", "&"))[2:4]
    assert path == "../../../voila/netwerk/kennis-en-ontwikkeling/verhalen/nieuw"
    assert parse_qs(query) == {"uit": ["reflecteren-op-een-situatie"], "cyclus": ["reflectie"]}
    assert 'target="_blank"' in panel.status.value


def test_a_forged_click_on_a_page_without_a_participant_offers_nothing(page) -> None:
    panel = page.story_drafts[-1]
    panel.button.click()  # what a comm message from the page can do at any time
    assert "href" not in panel.status.value
