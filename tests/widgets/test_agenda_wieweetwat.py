"""Kennisagenda and Wie weet wat through a real runner on SQLite, as participants use them."""

from __future__ import annotations

import csv
import io
import re

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.content.questions import wie_weet_wat
from pleegzorg_lib.export.agenda import agenda_csv
from pleegzorg_lib.widgets import WorksheetRunner
from pleegzorg_lib.widgets.agenda import AgendaAdmin, AgendaPanel
from pleegzorg_lib.widgets.wieweetwat import WieWeetWatPanel

NETWORK = "kennis-en-ontwikkeling"


def _agenda_runner(catalog, store, query=None):
    info = find_worksheet(config.workbooks_dir(), catalog, "kennisagenda")
    runner = WorksheetRunner(info, catalog, store=store)
    panel = AgendaPanel(store, info.network_id, catalog)
    runner.add_panel(panel)
    runner.bind(query)
    return runner, panel


def _rows(panel: AgendaPanel):
    return [row for row in panel.list.children if "pz-agenda-row" in row._dom_classes]


def test_submit_vote_once_and_resume(catalog, store) -> None:
    r1, p1 = _agenda_runner(catalog, store)
    assert p1.add("Wat helpt bij <script>alert(1)</script> matching?", "weten-en-kunnen")
    assert not p1.add("   ", None)  # empty: refused with a message, nothing stored
    assert "pz-status-error" in p1.status.value
    assert not p1.add("x" * 1001, None)
    assert "1.000" in p1.status.value  # the limit, written the Dutch way
    r2, p2 = _agenda_runner(catalog, store)
    (row,) = _rows(p2)
    label, button = row.children
    assert "&lt;script&gt;" in label.value and "<script>" not in label.value
    assert button.description == "Stem" and not button.disabled
    button.click()
    assert store.agenda_items(NETWORK)[0].votes == 1
    assert not store.vote(store.agenda_items(NETWORK)[0].id, r2.participant.id)  # one vote only
    (row,) = _rows(p2)
    assert row.children[1].description == "✓ Gestemd"
    # my own question: the button is disabled, and a forged click does nothing
    (own,) = _rows(p1)
    p1.refresh()
    (own,) = _rows(p1)
    assert own.children[1].disabled
    assert not p1.toggle_vote(store.agenda_items(NETWORK)[0].id)
    assert store.agenda_items(NETWORK)[0].votes == 1
    # after a reload with the code, the vote is still mine
    _r3, p3 = _agenda_runner(catalog, store, f"code={r2.code}")
    (row,) = _rows(p3)
    assert row.children[1].description == "✓ Gestemd"
    row.children[1].click()  # take the vote back
    assert store.agenda_items(NETWORK)[0].votes == 0


def test_panel_without_participant_stores_nothing(catalog, store) -> None:
    panel = AgendaPanel(store, NETWORK, catalog)
    assert not panel.add("Een vraag", None)
    assert store.agenda_items(NETWORK) == []


def test_facilitator_sees_ranked_grouped_hides_and_exports(catalog, store) -> None:
    people = [store.create_participant()[0] for _ in range(4)]
    first = store.add_agenda_item(people[0].id, NETWORK, "Vraag A", theme_id="weten-en-kunnen")
    second = store.add_agenda_item(people[1].id, NETWORK, "=HYPERLINK(1)", theme_id=None)
    third = store.add_agenda_item(
        people[2].id, NETWORK, "Vraag C <b>", theme_id="toegang-tot-training"
    )
    for p in people[1:]:
        store.vote(first, p.id)
    store.vote(third, people[0].id)
    allowed = {"ok": True}
    admin = AgendaAdmin(store, NETWORK, catalog, lambda: allowed["ok"])
    admin.refresh()
    page = admin.overview.value
    assert page.index("Wat pleegouders weten en kunnen") < page.index(
        "Toegang tot informatie en training"
    )
    assert "Vraag C &lt;b&gt;" in page and "Vraag C <b>" not in page
    rows = list(csv.reader(io.StringIO(agenda_csv(store.agenda_items(NETWORK), catalog))))
    assert rows[0] == ["rang", "thema", "vraag", "stemmen", "ingediend"]
    assert rows[1][:4] == ["1", "Wat pleegouders weten en kunnen", "Vraag A", "3"]
    assert rows[3][2] == "'=HYPERLINK(1)"  # a formula is neutralised
    assert admin.set_hidden(second, True)
    assert "HYPERLINK" not in admin.overview.value
    allowed["ok"] = False  # a forged click without a valid key does nothing
    assert not admin.set_hidden(second, False)
    assert store.agenda_items(NETWORK, include_hidden=True)[-1].hidden


@pytest.fixture
def wie_runner(catalog, store):
    info = find_worksheet(config.workbooks_dir(), catalog, "wie-weet-wat")

    def make(query=None):
        runner = WorksheetRunner(info, catalog, store=store)
        for question in wie_weet_wat("wie-weet-wat"):
            runner.add_question(question)
        panel = WieWeetWatPanel(runner, "wie-weet-wat")
        runner.add_panel(panel)
        runner.on_answers(panel.update)
        runner.bind(query)
        return runner, panel

    return make


def _fill(runner, knows, seeks, visible, about: str = "", contact: str = "") -> None:
    """``visible``: True (with my name), "anoniem" (without it) or False."""
    v = runner.views
    for box in v["wie-weet-wat-weet"].boxes:
        box.value = box.description in knows
    for box in v["wie-weet-wat-zoekt"].boxes:
        box.value = box.description in seeks
    v["wie-weet-wat-zichtbaar"].radio.index = {True: 0, "anoniem": 1, False: 2}[visible]
    v["wie-weet-wat-toelichting"].text.value = about
    v["wie-weet-wat-contact"].text.value = contact
    runner.flush()


def test_wie_weet_wat_suggests_only_people_who_agreed(wie_runner, store) -> None:
    puberty, support = "Puberteit en breakdown", "Informele steun tussen pleegouders"
    expert, _ = wie_runner()
    expert.header.name.value = "Marieke <i>"
    expert.header.role.value = "pleegzorgbegeleider"
    expert.flush()
    _fill(expert, [puberty], [], True, "Tien jaar pubers begeleid", "marieke@example.org")
    shy, _ = wie_runner()
    _fill(shy, [puberty, support], [], False, "Geheim", "niet@example.org")
    me, panel = wie_runner()
    _fill(me, [], [puberty, support], False)
    text = panel.results.value
    assert "Marieke &lt;i&gt;" in text and "Marieke <i>" not in text
    assert "Pleegzorgbegeleider" in text and "marieke@example.org" in text
    assert "niet@example.org" not in text and "Geheim" not in text
    assert "Nog niemand gevonden" in text  # nobody who agreed knows about informele steun
    panel.role.value = "pleegouder"  # only foster parents: Marieke is a worker
    assert "Marieke" not in panel.results.value
    panel.role.value = ""
    _fill(expert, [puberty], [], False)  # she withdraws: gone at the next look
    panel.render()
    assert "Marieke" not in panel.results.value


def test_sharing_without_a_name_shows_role_and_a_code_never_the_name(wie_runner, store) -> None:
    puberty = "Puberteit en breakdown"
    quiet, _ = wie_runner()
    quiet.header.name.value = "Joke Jansen"
    quiet.header.role.value = "pleegouder"
    quiet.flush()
    _fill(quiet, [puberty], [], "anoniem", "Twee pubers in huis gehad", "via de begeleider")
    me, panel = wie_runner()
    _fill(me, [], [puberty], False)
    text = panel.results.value
    assert "Joke" not in text and "Jansen" not in text
    assert "Pleegouder" in text and "Twee pubers in huis gehad" in text
    assert "via de begeleider" in text
    tag = re.search(r"Deelnemer ([A-Z2-7]{4})", text).group(1)
    # the same code on every visit (a reload, another participant's page)
    _again, other = wie_runner()
    _fill(_again, [], [puberty], False)
    assert f"Deelnemer {tag}" in other.results.value
    # she switches to showing her name, then to no: the page follows at the next look
    _fill(quiet, [puberty], [], True, "Twee pubers in huis gehad", "via de begeleider")
    panel.render()
    assert "Joke Jansen" in panel.results.value and tag not in panel.results.value
    _fill(quiet, [puberty], [], False)
    panel.render()
    assert "Joke" not in panel.results.value and "Nog niemand gevonden" in panel.results.value


def test_a_vote_needs_someone_who_took_part(catalog, store) -> None:
    """Issue 27: each reload without the cookie is a new participant; four loads gave four
    votes on one item. A vote now needs an answer on the page (or a question of one's own)."""
    from pleegzorg_lib.pages.worksheet import worksheet

    author = store.create_participant()[0]
    item_id = store.add_agenda_item(author.id, NETWORK, "Hoe houden we het vol?", theme_id=None)
    page = worksheet("kennisagenda", store=store)
    page.kennisagenda()
    page.likert("vindbaar", "Ik vind snel betrouwbare informatie.")
    page.runner.bind(None)
    panel = next(p for p in page.runner.panels if isinstance(p, AgendaPanel))
    assert panel.toggle_vote(item_id) is False
    assert "Beantwoord eerst een vraag" in panel.status.value
    assert store.agenda_items(NETWORK)[0].votes == 0
    page.runner.views["vindbaar"].radio.index = 3  # an answer on the page
    page.runner.flush()
    assert panel.toggle_vote(item_id) is True
    assert store.agenda_items(NETWORK)[0].votes == 1
