"""The Kennisdossier search and the year plan panel, driven as a participant would."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.content.dossier import load_dossier
from pleegzorg_lib.content.yearplan import load_plan
from pleegzorg_lib.model.dossier import Dossier, Resource
from pleegzorg_lib.widgets import WorksheetRunner
from pleegzorg_lib.widgets.dossier import DossierSearch
from pleegzorg_lib.widgets.yearplan import YearPlanPanel

SUMMER = date(2027, 6, 30)  # the first four breakdown meetings have taken place


# -- Kennisdossier ----------------------------------------------------------------------------
def test_typing_narrows_the_results_and_nothing_found_says_so(catalog) -> None:
    search = DossierSearch(load_dossier(config.data_dir()), catalog)
    assert "pz-dossier" in search.box._dom_classes
    assert search.results.value.count('class="pz-dossier-result"') >= 15
    search.query.value = "Gezagsbeëindigende"
    assert [r.id for r in search.found] == ["wet-herziening-kinderbeschermingsmaatregelen"]
    assert "Wet herziening kinderbeschermingsmaatregelen" in search.results.value
    assert "1 bron gevonden" in search.count.value
    search.query.value = "xyzzy"
    assert "Geen resultaten" in search.results.value
    assert "pz-dossier-result" not in search.results.value


def test_a_theme_narrows_the_results_and_can_be_preset(catalog) -> None:
    dossier = load_dossier(config.data_dir())
    search = DossierSearch(dossier, catalog, theme="veiligheid")
    assert search.theme.value == "veiligheid"
    assert all("veiligheid" in r.themes for r in search.found)
    assert "raad-voor-de-kinderbescherming" in [r.id for r in search.found]
    search.theme.value = ""
    assert len(search.found) == len(dossier.resources)
    assert DossierSearch(dossier, catalog, theme="bestaat-niet").theme.value == ""


def test_links_open_safely_in_a_new_tab(catalog) -> None:
    search = DossierSearch(load_dossier(config.data_dir()), catalog)
    search.query.value = "jeugdinstituut"
    html = search.results.value
    assert 'href="https://www.nji.nl" target="_blank" rel="noopener noreferrer"' in html


def test_text_from_the_data_file_is_escaped_and_only_http_links_are_made(catalog) -> None:
    hostile = Resource(
        id="x",
        title="<script>alert(1)</script> & co",
        kind="publicatie",
        themes=("puberteit",),
        keywords=("<b>vet</b>",),
        summary='"><img src=x onerror=alert(1)>',
        publisher="<i>uitgever</i>",
        url="javascript:alert(1)",
    )
    search = DossierSearch(Dossier(resources=(hostile,)), catalog)
    html = search.results.value
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "javascript:" not in html and "<a " not in html
    search.query.value = "<script>"
    assert [r.id for r in search.found] == ["x"]


# -- year plan --------------------------------------------------------------------------------
@pytest.fixture
def plan(catalog):
    return load_plan(config.data_dir(), "breakdown", catalog=catalog)


def test_the_plan_lists_meetings_in_dutch_with_worksheet_links(store, plan, catalog) -> None:
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    assert "pz-yearplan" in panel.box._dom_classes
    assert len(panel.meeting_boxes) == 7
    assert all("pz-meeting" in box._dom_classes for box in panel.meeting_boxes.values())
    html = panel.meeting_boxes["informele-steun"].children[0].value
    assert "donderdag 25 maart 2027, 19.30–21.00" in html
    assert 'href="../breakdown/informele-steun.ipynb"' in html  # relative to the page
    assert 'rel="noopener"' in html
    gathering = panel.meeting_boxes["gezamenlijk"].children[0].value
    assert "Utrecht" in gathering and "14.00–16.00" in gathering
    deeper = YearPlanPanel(store, plan, catalog, page_path="a/b/c.ipynb", today=SUMMER)
    assert 'href="../../breakdown/informele-steun.ipynb"' in (
        deeper.meeting_boxes["informele-steun"].children[0].value
    )


def test_the_ics_download_is_a_calendar(store, plan, catalog) -> None:
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    heading = panel.box.children[0].value
    assert 'download="jaarplan-breakdown-2027.ics"' in heading
    encoded = heading.split("data:text/calendar;charset=utf-8;base64,", 1)[1].split('"', 1)[0]
    text = base64.b64decode(encoded).decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 7


def test_only_meetings_that_took_place_can_be_ticked(store, plan, catalog) -> None:
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    assert list(panel.checks) == ["aftrap", "informele-steun", "ontmoetingen", "puberteit"]
    assert panel.checks["aftrap"].description == "Ik was erbij"


def test_attendance_is_stored_for_the_bound_participant_and_comes_back(
    store, plan, catalog
) -> None:
    person, _ = store.create_participant()
    other, _ = store.create_participant()
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    panel.bind(person, "")
    assert not panel.checks["informele-steun"].disabled
    panel.checks["informele-steun"].value = True
    panel.checks["puberteit"].value = True
    assert store.attendance_of(person.id, "breakdown") == {"informele-steun", "puberteit"}
    assert store.attendance_of(other.id, "breakdown") == set()
    assert "opgeslagen" in panel.statuses["puberteit"].value

    again = YearPlanPanel(store, plan, catalog, today=SUMMER)  # a reload, or another device
    again.bind(person, "")
    assert again.checks["informele-steun"].value and again.checks["puberteit"].value
    assert not again.checks["aftrap"].value
    again.checks["puberteit"].value = False
    assert store.attendance_of(person.id, "breakdown") == {"informele-steun"}
    assert store.attendance_counts("breakdown") == {"informele-steun": 1}

    again.bind(other, "")  # the page switches to another participant (resume code)
    assert not again.checks["informele-steun"].value


def test_without_a_participant_nothing_is_stored(store, plan, catalog) -> None:
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    assert panel.checks["aftrap"].disabled  # not bound yet
    panel.checks["aftrap"].value = True  # a forged message ignores "disabled"
    assert panel.checks["aftrap"].value is False
    assert store.attendance_counts("breakdown") == {}

    person, _ = store.create_participant()
    panel.bind(person, "")
    panel.checks["aftrap"].value = True
    panel.bind(None, "")  # after erasing
    assert panel.checks["aftrap"].value is False and panel.checks["aftrap"].disabled
    assert "hervatcode" in panel.message.value
    assert panel.record("ontmoetingen", True) is False
    assert store.attendance_counts("breakdown") == {"aftrap": 1}


def test_unknown_or_future_meetings_are_ignored(store, plan, catalog) -> None:
    person, _ = store.create_participant()
    panel = YearPlanPanel(store, plan, catalog, today=SUMMER)
    panel.bind(person, "")
    assert panel.record("bestaat-niet", True) is False
    assert panel.record("terugblik", True) is False  # December: not yet
    assert panel.record("aftrap", True) is True
    assert store.attendance_of(person.id, "breakdown") == {"aftrap"}


def test_the_runner_binds_the_panel_and_erasing_unbinds_it(store, plan, catalog) -> None:
    info = find_worksheet(config.workbooks_dir(), catalog, "jaarplan-breakdown")
    runner = WorksheetRunner(info, catalog, store=store)
    panel = YearPlanPanel(store, plan, catalog, page_path=info.path, today=SUMMER)
    runner.add_panel(panel)
    runner.bind(None)
    assert panel.participant is not None and panel.participant.id == runner.participant.id
    panel.checks["ontmoetingen"].value = True
    assert store.attendance_of(runner.participant.id, "breakdown") == {"ontmoetingen"}
    runner.erase()
    assert panel.participant is None and panel.checks["ontmoetingen"].value is False
    assert store.attendance_counts("breakdown") == {}
