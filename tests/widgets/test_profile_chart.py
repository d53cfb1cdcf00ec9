"""The Vakmanschap profile and the carried-forward answers, through a real runner on SQLite.

A participant answers as they would on the page; the chart and the "Wat je eerder schreef"
boxes show what they gave, escaped, and come back with the resume code.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet, load_worksheet
from pleegzorg_lib.content.tool_questions import reflection_cycle_questions, vakmanschap_questions
from pleegzorg_lib.content.tools import load_vakmanschap
from pleegzorg_lib.model.tools import DevelopmentTask, TaskPrompt, VakmanschapSpec
from pleegzorg_lib.pages import worksheet as page_api
from pleegzorg_lib.widgets import WorksheetRunner
from pleegzorg_lib.widgets.profile import ProfileChart

SCORES = {"regie": 7, "samenwerking": 4, "leiderschap": 0, "werkveld": 10}


def vakmanschap_page(catalog, store, query: str | None = None):
    info = find_worksheet(config.workbooks_dir(), catalog, "mijn-vakmanschap")
    runner = WorksheetRunner(info, catalog, store=store)
    for question in vakmanschap_questions("vak"):
        runner.add_question(question)
    chart = ProfileChart("vak", load_vakmanschap(config.data_dir()))
    runner.on_answers(chart.update)
    runner.bind(query)
    return runner, chart


def bar_values(chart: ProfileChart) -> list[str]:
    return re.findall(r'class="pz-profile-row" data-value="(\d*)"', chart.chart.value)


def test_the_profile_shows_the_four_scores_the_participant_gave(catalog, store) -> None:
    runner, chart = vakmanschap_page(catalog, store)
    assert bar_values(chart) == ["", "", "", ""]
    assert "nog niet ingevuld" in chart.chart.value

    for task, score in SCORES.items():
        runner.views[f"vak-{task}"].buttons.index = score
    runner.flush()

    assert bar_values(chart) == ["7", "4", "0", "10"]
    assert chart.values == SCORES
    html = chart.chart.value
    assert "Jouw profiel" in html
    assert "Regie bij ouders, kinderen en jongeren: 7" in html  # the text alternative
    assert html.count('class="pz-profile-bar"') == 3  # a 0 draws no bar, only its number
    assert "nog niet ingevuld" not in html


def test_the_profile_comes_back_with_the_resume_code(catalog, store) -> None:
    first, _ = vakmanschap_page(catalog, store)
    first.views["vak-samenwerking"].buttons.index = 6
    first.flush()

    _, chart = vakmanschap_page(catalog, store, query=f"code={first.code}")
    assert bar_values(chart) == ["", "6", "", ""]


def test_changing_a_score_redraws_the_bar(catalog, store) -> None:
    runner, chart = vakmanschap_page(catalog, store)
    runner.views["vak-werkveld"].buttons.index = 3
    runner.flush()
    runner.views["vak-werkveld"].buttons.index = 8
    runner.flush()
    assert bar_values(chart)[3] == "8"


def test_hostile_text_in_the_chart_is_escaped() -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    spec = VakmanschapSpec(
        name="x",
        source="x",
        tasks=(
            DevelopmentTask(
                id="regie",
                name=evil,
                description="d",
                scale_prompt="p",
                prompts=(TaskPrompt(id="a", prompt="p"),),
            ),
        ),
        low_label="0 = <b>laag</b>",
        high_label='10 = "hoog"',
        focus_prompt="f",
        next_step_prompt="n",
    )
    chart = ProfileChart("vak", spec)
    chart.update({"vak-regie": 5})
    html = chart.chart.value
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;laag&lt;/b&gt;" in html


def test_a_forged_answer_outside_the_scale_draws_nothing() -> None:
    chart = ProfileChart("vak", load_vakmanschap(config.data_dir()))
    chart.update({"vak-regie": 11, "vak-samenwerking": True, "vak-werkveld": "7<svg>"})
    assert bar_values(chart) == ["", "", "", ""]


# -- carried-forward answers -------------------------------------------------------------
def alact_page(catalog, store, query: str | None = None) -> WorksheetRunner:
    info = find_worksheet(config.workbooks_dir(), catalog, "reflecteren-op-een-situatie")
    runner = WorksheetRunner(info, catalog, store=store)
    for question in reflection_cycle_questions("reflectie", "alact"):
        runner.add_question(question)
    runner.bind(query)
    return runner


def test_answering_step_one_shows_it_above_step_two(catalog, store) -> None:
    runner = alact_page(catalog, store)
    views = runner.views
    assert views["reflectie-handelen"].carry is None
    assert views["reflectie-terugblikken"].carry.value == ""

    views["reflectie-handelen"].text.value = "Mijn pleegzoon <b>sloeg</b> de deur dicht & liep weg"
    runner.flush()

    carried = views["reflectie-terugblikken"].carry.value
    assert "Wat je eerder schreef" in carried
    assert "Handelen: Beschrijf de situatie" in carried
    assert "Mijn pleegzoon &lt;b&gt;sloeg&lt;/b&gt; de deur dicht &amp; liep weg" in carried
    assert "<b>sloeg" not in carried
    # Later steps carry it too; step 3 also shows step 2 once it is answered.
    views["reflectie-terugblikken"].text.value = "Ik wilde rust"
    runner.flush()
    later = views["reflectie-bewustwording"].carry.value
    assert later.index("deur dicht") < later.index("Ik wilde rust")


def test_carried_answers_come_back_with_the_resume_code(catalog, store) -> None:
    first = alact_page(catalog, store)
    first.views["reflectie-alternatieven"].text.value = "Eerst samen thee drinken"
    first.flush()
    again = alact_page(catalog, store, query=f"code={first.code}")
    assert "Eerst samen thee drinken" in again.views["reflectie-uitproberen"].carry.value


# -- the notebooks build what their text declares --------------------------------------
TOOL_NOTEBOOKS = [
    "kennis-en-ontwikkeling/reflecteren-op-een-situatie.ipynb",
    "vakmanschap/terugblikken-op-een-werksituatie.ipynb",
    "vakmanschap/mijn-vakmanschap.ipynb",
    "gedeeld-opvoederschap/een-stap-verder-samen-opvoeden.ipynb",
]


@pytest.mark.parametrize("rel", TOOL_NOTEBOOKS, ids=lambda r: Path(r).stem)
def test_running_the_notebook_builds_the_questions_read_from_its_text(
    rel: str, catalog, store, monkeypatch
) -> None:
    """What the facilitator view reads statically is exactly what the page builds."""
    root = config.workbooks_dir()
    monkeypatch.setattr(page_api, "_default_store", lambda: store)
    monkeypatch.setattr(page_api, "display", lambda *_a, **_k: None)
    monkeypatch.setattr(page_api, "_BUILT", [])
    nb = nbformat.read(root / rel, as_version=4)
    namespace: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, rel, "exec"), namespace)  # noqa: S102 - our own notebook
    (runner,) = page_api._BUILT
    static = load_worksheet(find_worksheet(root, catalog, Path(rel).stem), root).questions
    assert runner.question_ids == [q.id for q in static]
    assert [v.question for v in runner.views.values()] == list(static)
    assert runner.participant is not None
