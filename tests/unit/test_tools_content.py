"""The reflection tools in data/tools/: cycles, schaalvragen, Vakmanschap, intervisie.

Each tool loads with its published source named, its steps in order, and every step carrying
the earlier answers forward; a broken file names file, line and field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import (
    ContentError,
    find_worksheet,
    load_worksheet,
    questions_in_source,
)
from pleegzorg_lib.content.tool_questions import (
    reflection_cycle_questions,
    scale_sequence_questions,
    vakmanschap_questions,
    wie_weet_wat_questions,
)
from pleegzorg_lib.content.tools import (
    load_cycles,
    load_intervisie,
    load_intervisie_formats,
    load_scale_sequence,
    load_vakmanschap,
)
from pleegzorg_lib.model import QuestionKind

from ..conftest import REPO

#: The four development tasks, word for word from the Platform Vakmanschap seed.
SEED_TASKS = [
    "Regie bij ouders, kinderen en jongeren",
    "Samenwerking voor de zorg rondom het kind",
    "Persoonlijk leiderschap voor de professional",
    "Werken in een veranderend werkveld",
]


# -- reflection cycles -------------------------------------------------------------------
def test_the_three_cycles_have_their_steps_in_order() -> None:
    cycles = load_cycles()
    assert list(cycles) == ["alact", "gibbs", "starr"]
    assert [s.id for s in cycles["alact"].steps] == [
        "handelen",
        "terugblikken",
        "bewustwording",
        "alternatieven",
        "uitproberen",
    ]
    assert [s.name for s in cycles["gibbs"].steps] == [
        "Beschrijving",
        "Gevoelens",
        "Evaluatie",
        "Analyse",
        "Conclusie",
        "Actieplan",
    ]
    assert "".join(s.name[0] for s in cycles["starr"].steps) == "STARR"


def test_each_cycle_names_its_published_source() -> None:
    cycles = load_cycles()
    assert all(word in cycles["alact"].source for word in ("Korthagen", "Vasalos", "(2005)"))
    assert "Learning by Doing" in cycles["gibbs"].source
    assert "1988" in cycles["gibbs"].source
    assert "STAR" in cycles["starr"].source


@pytest.mark.parametrize("cycle", ["alact", "gibbs", "starr"])
def test_every_step_carries_the_answers_to_all_earlier_steps(cycle: str) -> None:
    made = reflection_cycle_questions("reflectie", cycle)
    steps = load_cycles()[cycle].steps
    assert [q.id for q in made] == [f"reflectie-{s.id}" for s in steps]
    assert all(q.kind == QuestionKind.OPEN for q in made)
    for index, question in enumerate(made):
        assert question.carry == tuple(q.id for q in made[:index])
        assert question.prompt.startswith(steps[index].name)


def test_the_situation_opens_the_first_step_only() -> None:
    made = reflection_cycle_questions("r", "alact", situation="Kies een moment met je pleegkind.")
    assert made[0].help.startswith("Kies een moment met je pleegkind.")
    assert all("pleegkind." not in q.help for q in made[1:])


def test_an_unknown_cycle_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match="alact, gibbs, starr"):
        reflection_cycle_questions("r", "kolb")


def test_a_notebook_naming_an_unknown_cycle_fails_with_its_line() -> None:
    source = 'ws = worksheet("x")\n\nws.reflection_cycle("r", "kolb")\n'
    with pytest.raises(ContentError) as exc:
        questions_in_source(source, "workbooks/x.ipynb", first_line=10)
    assert exc.value.line == 12
    assert "kolb" in str(exc.value)


# -- schaalvragen ------------------------------------------------------------------------
def test_the_scale_sequence_asks_now_what_helped_a_ten_and_one_step() -> None:
    made = scale_sequence_questions("samen", "de samenwerking met de ouders")
    assert [q.id for q in made] == ["samen-nu", "samen-wat-hielp", "samen-tien", "samen-stap"]
    assert [q.kind for q in made] == [QuestionKind.SCALE_0_10] + [QuestionKind.OPEN] * 3
    assert "de samenwerking met de ouders" in made[0].prompt
    assert "{topic}" not in " ".join(q.prompt + q.help for q in made)
    assert made[0].low_label.startswith("0") and made[0].high_label.startswith("10")
    assert "10" in made[2].prompt and "stap" in made[3].prompt
    assert made[3].carry == ("samen-nu", "samen-wat-hielp", "samen-tien")
    assert "oplossingsgericht" in load_scale_sequence().source


def test_the_scale_sequence_needs_a_topic() -> None:
    with pytest.raises(ValueError, match="onderwerp"):
        scale_sequence_questions("samen", "  ")


# -- Vakmanschap -------------------------------------------------------------------------
def test_vakmanschap_has_the_four_development_tasks_of_the_seed() -> None:
    spec = load_vakmanschap()
    assert [t.name for t in spec.tasks] == SEED_TASKS
    assert "Zorg voor de Jeugd" in spec.source
    assert all(t.description and t.prompts for t in spec.tasks)


def test_vakmanschap_questions_scale_reflect_and_choose_a_focus() -> None:
    spec = load_vakmanschap()
    made = vakmanschap_questions("vak")
    by_id = {q.id: q for q in made}
    for task in spec.tasks:
        scale = by_id[f"vak-{task.id}"]
        assert scale.kind == QuestionKind.SCALE_0_10
        assert scale.prompt.startswith(task.name)
        for prompt in task.prompts:
            assert by_id[f"vak-{task.id}-{prompt.id}"].kind == QuestionKind.OPEN
    focus = by_id["vak-focus"]
    assert focus.options == tuple(SEED_TASKS)
    assert by_id["vak-stap"].carry == ("vak-focus",)
    assert [q.id for q in made][-2:] == ["vak-focus", "vak-stap"]


# -- intervisie --------------------------------------------------------------------------
def test_the_incidentmethode_has_timed_rounds() -> None:
    fmt = load_intervisie()
    assert fmt.id == "incidentmethode"
    assert "Pigors" in fmt.source and "Hendriksen" in fmt.source
    assert [r.id for r in fmt.rounds][:2] == ["keuze", "schets"]
    assert fmt.rounds[-1].id == "evaluatie"
    assert all(1 <= r.minutes <= 30 and r.instructions for r in fmt.rounds)
    assert fmt.total_minutes == sum(r.minutes for r in fmt.rounds)
    assert 45 <= fmt.total_minutes <= 120  # fits a meeting, with time to arrive and close
    # The inbrenger's own choice is told only after everyone has taken a position.
    ids = [r.id for r in fmt.rounds]
    assert ids.index("standpunten") < ids.index("reactie")
    assert list(load_intervisie_formats()) == ["incidentmethode"]


def test_an_unknown_intervisie_format_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match="incidentmethode"):
        load_intervisie(format_id="balintgroep")


# -- wie weet wat ------------------------------------------------------------------------
def test_wie_weet_wat_offers_every_theme_of_the_catalog(catalog) -> None:
    made = wie_weet_wat_questions("wie")
    assert [q.id for q in made] == [
        "wie-weet",
        "wie-zoekt",
        "wie-toelichting",
        "wie-zichtbaar",
        "wie-contact",
    ]
    themes = {t.name for n in catalog.networks for t in n.themes}
    assert set(made[0].options) == themes == set(made[1].options)
    assert made[3].options == (
        "Ja, met mijn naam en contactgegevens hieronder",  # stored answers keep their text
        "Ja, zonder naam: alleen mijn rol, wat ik weet en hoe je me bereikt",
        "Nee",
    )
    assert made[4].max_length == 200


# -- the catalog holds the dialogues and the platform -----------------------------------
def test_the_dialogues_have_the_preparation_and_five_deepening_themes(catalog) -> None:
    samenwerken = catalog.network("samenwerken")
    assert samenwerken.meeting_minutes == 120  # "Iedere dialoog duurde ongeveer twee uur."
    assert [t.id for t in samenwerken.themes] == [
        "waarom-doe-ik-wat-ik-doe",
        "voorbereiding-plaatsing",
        "aanvullende-rollen",
        "maatwerk",
        "contact-met-ouders",
        "gesprek-met-kinderen",
    ]
    assert catalog.network("vakmanschap").order == 6


# -- broken files name file, line and field ---------------------------------------------
@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_bad_step_id_names_file_line_and_field(data_copy: Path) -> None:
    path = data_copy / "tools" / "cycles.yaml"
    path.write_text(path.read_text().replace("id: bewustwording", "id: Bewust Worden"))
    with pytest.raises(ContentError) as exc:
        load_cycles(data_copy)
    err = exc.value
    assert err.file == "data/tools/cycles.yaml"
    assert err.line == _line_of(path, "Bewust Worden")
    assert err.field == "cycles[0].steps[2].id"


def test_a_misspelt_key_is_refused(data_copy: Path) -> None:
    path = data_copy / "tools" / "vakmanschap.yaml"
    path.write_text(path.read_text().replace("scale_prompt: Hoe goed", "scale_promt: Hoe goed"))
    with pytest.raises(ContentError) as exc:
        load_vakmanschap(data_copy)
    assert exc.value.file == "data/tools/vakmanschap.yaml"
    assert "onbekend veld" in str(exc.value) or "ontbreekt" in str(exc.value)
    assert exc.value.field.startswith("tasks[0].")


def test_round_minutes_must_be_positive(data_copy: Path) -> None:
    path = data_copy / "tools" / "intervisie.yaml"
    text = path.read_text()
    path.write_text(text.replace("minutes: 15", "minutes: 0", 1))
    with pytest.raises(ContentError) as exc:
        load_intervisie(data_copy)
    assert exc.value.line == _line_of(path, "minutes: 0")
    assert exc.value.field == "formats[0].rounds[3].minutes"


def test_a_yaml_syntax_error_names_the_line(data_copy: Path) -> None:
    path = data_copy / "tools" / "scale_sequence.yaml"
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("- id: tien"))
    lines[index] = "  - id: [tien"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as exc:
        load_scale_sequence(data_copy)
    assert exc.value.file == "data/tools/scale_sequence.yaml"
    assert exc.value.line >= index + 1
    assert "YAML" in str(exc.value)


def test_a_step_kind_other_than_scale_or_open_is_refused(data_copy: Path) -> None:
    path = data_copy / "tools" / "scale_sequence.yaml"
    path.write_text(path.read_text().replace("kind: scale", "kind: slider"))
    with pytest.raises(ContentError, match="slider") as exc:
        load_scale_sequence(data_copy)
    assert exc.value.field == "steps[0].kind"


# -- the worksheets read without running ------------------------------------------------
MY_WORKSHEETS = {
    "reflecteren-op-een-situatie": ("reflectie-handelen", "les"),
    "terugblikken-op-een-werksituatie": ("terugblik-beschrijving", "bespreken"),
    "een-stap-verder-samen-opvoeden": ("samen-nu", "leernetwerk"),
    "mijn-vakmanschap": ("vak-regie", "andere-regio"),
    "waarom-doe-ik-wat-ik-doe": ("taken", "vraag-dialoog"),
    "voorbereiden-op-een-plaatsing": ("tijd", "zelf-doen"),
    "de-gemeente-en-de-gedragswetenschapper": ("gemeente-contact", "duidelijk"),
    "buiten-de-kaders": ("situatie", "grens"),
    "opgroeien-in-twee-families": ("contact-vorm", "zelf-doen"),
    "in-gesprek-met-pleegkind-en-eigen-kind": ("wie-praat", "afspraak"),
}


@pytest.mark.parametrize("stem", sorted(MY_WORKSHEETS))
def test_the_worksheet_declares_its_questions_in_its_text(stem: str, catalog) -> None:
    root = config.workbooks_dir()
    info = find_worksheet(root, catalog, stem)
    assert info is not None
    ids = [q.id for q in load_worksheet(info, root).questions]
    first, last = MY_WORKSHEETS[stem]
    assert ids[0] == first and ids[-1] == last
    assert len(ids) == len(set(ids)) >= 6


TOOL_BLOCKS = {
    "reflecteren-op-een-situatie": lambda: reflection_cycle_questions("reflectie", "alact"),
    "terugblikken-op-een-werksituatie": lambda: reflection_cycle_questions("terugblik", "gibbs"),
    "een-stap-verder-samen-opvoeden": lambda: scale_sequence_questions("samen", "x"),
    "mijn-vakmanschap": lambda: vakmanschap_questions("vak"),
}


@pytest.mark.parametrize("stem", sorted(TOOL_BLOCKS))
def test_a_tool_call_in_a_notebook_reads_as_all_its_questions(stem: str, catalog) -> None:
    root = config.workbooks_dir()
    questions = load_worksheet(find_worksheet(root, catalog, stem), root).questions
    block = [q.id for q in TOOL_BLOCKS[stem]()]
    ids = [q.id for q in questions]
    start = ids.index(block[0])
    assert ids[start : start + len(block)] == block
    carried = {q.id: q.carry for q in questions}
    assert all(carried[q.id] == q.carry for q in TOOL_BLOCKS[stem]())


def test_the_dialogue_preparation_is_for_the_four_parties_and_shares_by_role(catalog) -> None:
    root = config.workbooks_dir()
    info = find_worksheet(root, catalog, "waarom-doe-ik-wat-ik-doe")
    assert set(info.audience) == {"pleegouder", "pleegzorgbegeleider", "jeugdbeschermer", "ouder"}
    shared = {q.id for q in load_worksheet(info, root).questions if q.shared}
    assert {"taken", "verantwoordelijkheden", "waarom"} <= shared
    assert {f"nodig-{p}" for p in ("pleegouders", "pleegzorgbegeleider", "ouders")} <= shared
