"""The netwerkkaart view in a real runner on SQLite: a participant builds a map, it is saved,
and the resume code brings the same map and metrics back. Aliases are data, never markup."""

from __future__ import annotations

import math
import re

import pytest
from traitlets import TraitError

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet, load_worksheet
from pleegzorg_lib.content.netwerkkaart import load_netwerkkaart_spec
from pleegzorg_lib.model.netwerkkaart import MAX_PEOPLE, SECTOR_IDS, Person
from pleegzorg_lib.widgets import WorksheetRunner
from pleegzorg_lib.widgets.netwerkkaart import NetworkMapView
from pleegzorg_lib.widgets.netwerkkaart_render import CENTRE, R_CENTRE, RINGS, render_drawing

HOSTILE = "<img src=x onerror=alert(1)>"

SIX = [
    ("Mark", "huishouden", ["praktisch", "emotioneel", "gezelschap"], 1, "goed"),
    ("Oma Riet", "familie", ["praktisch"], 2, "goed"),
    ("Sanne", "vrienden", ["emotioneel", "gezelschap"], 1, "wisselend"),
    ("Joke", "buren", ["praktisch"], 3, "goed"),
    (HOSTILE, "pleegouders", ["emotioneel", "advies"], 2, "goed"),
    ("Begeleider", "professionals", ["advies"], 2, "moeizaam"),
]


@pytest.fixture
def info(catalog):
    return find_worksheet(config.workbooks_dir(), catalog, "netwerkkaart")


def make_runner(info, catalog, store, query: str | None = None) -> WorksheetRunner:
    runner = WorksheetRunner(info, catalog, store=store)
    for question in load_worksheet(info, config.workbooks_dir()).questions:
        runner.add_question(question)
    runner.bind(query)
    return runner


def fill(view: NetworkMapView, alias, sector, support, closeness, quality) -> None:
    view.alias.value = alias
    view.sector.value = sector
    for kind, box in view.support.items():
        box.value = kind in support
    view.closeness.value = closeness
    view.quality.value = quality


def add(view: NetworkMapView, *person) -> bool:
    fill(view, *person)
    return view.submit()


def stored(runner: WorksheetRunner):
    return runner.store.answers_for(runner.participant.id, "netwerkkaart").get("kaart")


def row_texts(view: NetworkMapView) -> list[str]:
    return [row.children[0].value for row in view.list_box.children]


def test_six_people_are_saved_and_come_back_with_the_resume_code(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    assert isinstance(view, NetworkMapView)
    assert view.get_value() is None
    for person in SIX:
        assert add(view, *person), view.message.value
    value = stored(runner)
    assert [p["alias"] for p in value["people"]] == [p[0] for p in SIX]
    assert value["people"][0] == {
        "alias": "Mark",
        "sector": "huishouden",
        "support": ["praktisch", "emotioneel", "gezelschap"],
        "closeness": 1,
        "quality": "goed",
    }
    assert "pz-saved" in view.box._dom_classes
    assert "1 van 8 beantwoord" in runner.header.progress.value
    assert "6 mensen op je kaart" in view.metrics_html.value
    assert "90% van de steun komt uit je eigen netwerk, 10% van professionals" in (
        view.metrics_html.value
    )

    again = make_runner(info, catalog, store, query=f"code={runner.code}")
    back = again.views["kaart"]
    assert back.get_value() == value
    assert row_texts(back) == row_texts(view)
    assert back.drawing.value == view.drawing.value
    assert back.metrics_html.value == view.metrics_html.value
    assert back.prompts_html.value == view.prompts_html.value
    assert "pz-saved" in back.box._dom_classes


def test_the_page_contract_classes(info, catalog, store) -> None:
    view = make_runner(info, catalog, store).views["kaart"]
    add(view, *SIX[0])
    assert "pz-netwerkkaart" in view.input._dom_classes
    assert "pz-kind-network_map" in view.box._dom_classes
    assert all("pz-nk-person" in row._dom_classes for row in view.list_box.children)
    assert "pz-nk-drawing" in view.drawing._dom_classes
    assert "pz-nk-metrics" in view.metrics_html._dom_classes
    assert "pz-nk-prompts" in view.prompts_html._dom_classes


def test_a_hostile_alias_is_shown_as_text_everywhere(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    assert add(view, *SIX[4])
    assert stored(runner)["people"][0]["alias"] == HOSTILE  # kept as typed: it is data
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    shown = [
        view.drawing.value,
        view.metrics_html.value,
        view.prompts_html.value,
        view.message.value,
        *row_texts(view),
    ]
    for html in shown:
        assert "<img" not in html
    assert escaped in view.drawing.value  # the <title> of the dot
    assert "&lt;img src=x…</text>" in view.drawing.value  # the shortened label under it
    assert escaped in row_texts(view)[0]
    assert escaped in view.metrics_html.value
    view.edit(HOSTILE)
    assert "<img" not in view.form_title.value


def test_remove_and_edit_in_place_are_saved(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    for person in SIX[:3]:
        add(view, *person)
    assert view.edit("Oma Riet")
    assert view.alias.value == "Oma Riet" and view.closeness.value == 2
    assert view.add_button.description == "Bewaar wijziging"
    view.closeness.value = 1
    view.support["emotioneel"].value = True
    assert view.submit()
    people = stored(runner)["people"]
    assert [p["alias"] for p in people] == ["Mark", "Oma Riet", "Sanne"]  # same place
    assert people[1]["closeness"] == 1 and people[1]["support"] == ["praktisch", "emotioneel"]
    assert view.add_button.description == "Voeg toe"

    assert view.remove("Mark")
    assert [p["alias"] for p in stored(runner)["people"]] == ["Oma Riet", "Sanne"]
    assert "Mark is van je kaart gehaald." in view.message.value
    assert view.remove("Mark") is False  # a second (forged) click does nothing
    view.remove("Oma Riet")
    view.remove("Sanne")
    assert stored(runner) == {"people": []}  # an emptied map is saved as empty
    assert "0 van 8 beantwoord" in runner.header.progress.value
    assert "Je kaart is nog leeg" in view.prompts_html.value


def test_the_form_refuses_what_the_model_refuses(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    fill(view, "Anna", "familie", [], 1, "goed")
    view.sector.value = ""
    assert not view.submit()
    assert "kies bij welke kring" in view.message.value
    fill(view, "Anna", "familie", [], None, "goed")
    assert not view.submit()
    assert "kies hoe dichtbij" in view.message.value
    assert not add(view, "   ", "familie", [], 1, "goed")
    assert "vul een rol of initialen" in view.message.value
    assert not add(view, "x" * 500, "familie", [], 1, "goed")  # a forged Text value
    assert "te lang (500 tekens; maximaal 60)" in view.message.value
    assert not add(view, "Anna\x00", "familie", [], 1, "goed")
    assert add(view, "Anna", "familie", [], 1, "goed")
    assert not add(view, " ANNA", "vrienden", [], 2, "goed")
    assert "staat al op je kaart" in view.message.value
    assert view.alias.value == " ANNA"  # the participant's text stays in the field
    assert [p["alias"] for p in stored(runner)["people"]] == ["Anna"]
    with pytest.raises(TraitError):  # a forged sector never reaches the handler
        view.sector.value = "geheim"
    with pytest.raises(TraitError):
        view.closeness.value = 7


def test_a_full_map_disables_adding_and_a_forged_click_is_refused(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    full = {
        "people": [
            {
                "alias": f"p{i}",
                "sector": "vrienden",
                "support": [],
                "closeness": 3,
                "quality": "goed",
            }
            for i in range(MAX_PEOPLE)
        ]
    }
    store.save_answer(runner.participant.id, "netwerkkaart", "kaart", full)
    runner = make_runner(info, catalog, store, query=f"code={runner.code}")
    view = runner.views["kaart"]
    assert view.add_button.disabled
    assert "Je kaart is vol" in view.message.value
    assert not add(view, "Nog een", "vrienden", [], 3, "goed")  # the button clicked anyway
    assert "maximaal 40 mensen" in view.message.value
    assert len(stored(runner)["people"]) == MAX_PEOPLE


def test_a_broken_stored_value_shows_an_empty_map(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    store.save_answer(runner.participant.id, "netwerkkaart", "kaart", {"people": "<b>x</b>"})
    again = make_runner(info, catalog, store, query=f"code={runner.code}")
    view = again.views["kaart"]
    assert view.people == [] and "<b>" not in view.drawing.value
    assert add(view, "Anna", "familie", ["emotioneel"], 1, "goed")
    assert stored(again)["people"][0]["alias"] == "Anna"


def test_erasing_clears_the_map(info, catalog, store) -> None:
    runner = make_runner(info, catalog, store)
    view = runner.views["kaart"]
    add(view, *SIX[0])
    runner.erase()
    assert view.people == [] and view.get_value() is None
    assert view.list_box.children == ()
    assert "Je kaart is nog leeg" in view.prompts_html.value


def test_metrics_and_prompts_follow_every_change(info, catalog, store) -> None:
    view = make_runner(info, catalog, store).views["kaart"]
    add(view, "Begeleider", "professionals", ["advies", "emotioneel"], 2, "goed")
    assert "Al je steun komt nu van professionals" in view.prompts_html.value
    assert "Er staan geen andere pleegouders" in view.prompts_html.value
    assert "0% van de steun komt uit je eigen netwerk" in view.metrics_html.value
    add(view, "Ellen", "pleegouders", ["emotioneel", "praktisch", "gezelschap"], 1, "goed")
    assert "Al je steun komt nu van professionals" not in view.prompts_html.value
    assert "Er staan geen andere pleegouders" not in view.prompts_html.value
    assert "Praktische hulp</strong>: Ellen" in view.metrics_html.value
    assert "Ellen: 3 van de 5 keer steun" in view.metrics_html.value
    assert view.drawing.value.count('class="pz-nk-dot"') == 2


def test_every_dot_sits_in_its_ring_and_wedge_even_on_a_full_map() -> None:
    spec = load_netwerkkaart_spec(config.data_dir())
    people = [
        Person(alias=f"Persoon {i}", sector=SECTOR_IDS[i % 3], closeness=1 + i % 3)
        for i in range(MAX_PEOPLE)
    ]
    svg = render_drawing(people, spec)
    found = re.findall(r'<title>(Persoon \d+):.*?</title><circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(found) == MAX_PEOPLE
    width = 360 / len(SECTOR_IDS)
    bands = [(R_CENTRE, RINGS[0]), (RINGS[0], RINGS[1]), (RINGS[1], RINGS[2])]
    for alias, cx, cy in found:
        person = people[int(alias.split()[1])]
        dx, dy = float(cx) - CENTRE, float(cy) - CENTRE
        inner, outer = bands[person.closeness - 1]
        assert inner < math.hypot(dx, dy) < outer, alias
        start = -90 + SECTOR_IDS.index(person.sector) * width
        angle = (math.degrees(math.atan2(dy, dx)) - start) % 360
        assert 0 < angle < width, alias
