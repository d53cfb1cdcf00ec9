"""``pleegzorg check`` without running kernels: one line per problem, ``file:cel N: …`` in
Dutch; renamed or removed questions that have stored answers; the progress bar."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from pleegzorg_lib import config
from pleegzorg_lib.authoring.check import ProgressBar, check
from pleegzorg_lib.cli import main
from pleegzorg_lib.store import open_store

SHEET = "puberteit"
SOURCE = config.workbooks_dir() / "breakdown" / f"{SHEET}.ipynb"
LINE = re.compile(r"^workbooks/breakdown/puberteit\.ipynb:cel (\d+): (.+)$")


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a real worksheet in its own workbooks folder (which the kernel uses too)."""
    books = tmp_path / "workbooks"
    (books / "breakdown").mkdir(parents=True)
    path = books / "breakdown" / f"{SHEET}.ipynb"
    shutil.copy(SOURCE, path)
    monkeypatch.setenv("PLEEGZORG_WORKBOOKS", str(books))
    return path


def _edit(path: Path, change) -> None:
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def _cell_of(path: Path, needle: str) -> int:
    nb = nbformat.read(path, as_version=4)
    return next(i for i, c in enumerate(nb.cells, start=1) if needle in c.source)


def _problems(path: Path, **kw) -> list[str]:
    return check(path.parent.parent, execute=False, spelling=False, **kw).problems


def test_the_real_worksheet_is_clean(sheet: Path) -> None:
    assert _problems(sheet) == []


def test_a_question_id_used_twice_names_both_cells(sheet: Path) -> None:
    first = _cell_of(sheet, '"verandering"')
    last = len(nbformat.read(sheet, as_version=4).cells)

    def twice(nb):
        nb.cells.insert(-1, nbformat.v4.new_code_cell('ws.open_question("verandering", "Nog?")'))

    _edit(sheet, twice)
    (problem,) = _problems(sheet)
    cell, message = LINE.match(problem).groups()
    assert int(cell) == last  # the inserted cell, just before ws.finish()
    assert (
        message
        == f"vraag-id 'verandering' is al gebruikt (cel {first}); geef elke vraag een eigen id"
    )


def test_saved_output_non_literal_arguments_and_logic_each_name_their_cell(sheet: Path) -> None:
    cell = _cell_of(sheet, '"verandering"')

    def spoil(nb):
        nb.cells[cell - 1].execution_count = 3
        nb.cells[cell - 1].outputs = [nbformat.v4.new_output("stream", text="hallo")]
        nb.cells.insert(-1, nbformat.v4.new_code_cell('ws.open_question("x", "Hoi " + naam)'))
        nb.cells.insert(-1, nbformat.v4.new_code_cell("def hulp():\n    return 1"))

    _edit(sheet, spoil)
    problems = _problems(sheet)
    found = {LINE.match(p).groups() for p in problems}
    n = len(nbformat.read(sheet, as_version=4).cells)
    assert (
        str(cell),
        "heeft opgeslagen uitvoer; wis alle uitvoer en sla het notebook leeg op",
    ) in found
    assert any(c == str(n - 2) and "regel 1" in m and "letterlijk" in m for c, m in found)
    assert any(c == str(n - 1) and "definieert een functie" in m for c, m in found)
    assert len(problems) == 3


def _answers(db: Path, per_question: dict[str, int]) -> str:
    url = f"sqlite:///{db}"
    store = open_store(url)
    for qid, people in per_question.items():
        for _ in range(people):
            participant, _code = store.create_participant()
            store.save_answer(participant.id, SHEET, qid, "Een antwoord")
    store.close()
    return url


def test_renaming_a_question_with_stored_answers_is_reported_as_a_rename(
    sheet: Path, tmp_path: Path
) -> None:
    url = _answers(tmp_path / "answers.db", {"verandering": 3, "loyaliteit": 1})
    assert _problems(sheet, database_url=url) == []
    cell = _cell_of(sheet, '"verandering"')
    _edit(
        sheet,
        lambda nb: setattr(
            nb.cells[cell - 1],
            "source",
            nb.cells[cell - 1].source.replace('"verandering"', '"veranderingen"'),
        ),
    )
    (problem,) = _problems(sheet, database_url=url)
    assert LINE.match(problem).group(1) == str(cell)
    assert "'verandering' is verdwenen en 'veranderingen' is nieuw: hernoemd?" in problem
    assert "antwoorden van 3 deelnemer(s)" in problem
    assert "retired_questions" in problem

    # The author drops the question on purpose: say so in the metadata, and check is content.
    def retire(nb):
        nb.metadata["pleegzorg"]["retired_questions"] = ["verandering"]

    _edit(sheet, retire)
    assert _problems(sheet, database_url=url) == []


def test_removing_questions_with_answers_is_reported_and_no_store_means_no_check(
    sheet: Path, tmp_path: Path
) -> None:
    url = _answers(tmp_path / "answers.db", {"verandering": 2, "loyaliteit": 6})
    cell = _cell_of(sheet, '"loyaliteit"')

    def drop(nb):
        lines = nb.cells[cell - 1].source.splitlines()
        nb.cells[cell - 1].source = "\n".join(ln for ln in lines if '"loyaliteit"' not in ln)
        first = _cell_of(SOURCE, '"verandering"') - 1
        nb.cells[first].source = "\n".join(
            ln for ln in nb.cells[first].source.splitlines() if '"verandering"' not in ln
        )

    _edit(sheet, drop)
    problems = _problems(sheet, database_url=url)
    assert problems == [
        "workbooks/breakdown/puberteit.ipynb: vraag-id 'loyaliteit' staat niet meer in het "
        "werkblad, maar er zijn antwoorden van 6 deelnemer(s) op bewaard. Zet de vraag terug, "
        "of zet 'loyaliteit' bij `retired_questions` in de metadata als de vraag bewust vervalt.",
        "workbooks/breakdown/puberteit.ipynb: vraag-id 'verandering' staat niet meer in het "
        "werkblad, maar er zijn antwoorden van 2 deelnemer(s) op bewaard. Zet de vraag terug, "
        "of zet 'verandering' bij `retired_questions` in de metadata als de vraag bewust vervalt.",
    ]
    # A machine without a store yet (a fresh clone): nothing to lose, nothing created.
    missing = tmp_path / "nog-niet.db"
    assert _problems(sheet, database_url=f"sqlite:///{missing}") == []
    assert not missing.exists()


def test_a_relative_path_as_an_author_types_it(sheet: Path, monkeypatch) -> None:
    monkeypatch.chdir(sheet.parent.parent.parent)
    assert check(Path("workbooks/breakdown/puberteit.ipynb"), execute=False).problems == []


def test_cli_prints_one_line_per_problem_and_exits_1(sheet: Path, capsys) -> None:
    _edit(sheet, lambda nb: nb.cells.insert(-1, nbformat.v4.new_code_cell("class X:\n    pass")))
    assert main(["check", "--no-execute", "--no-spelling", str(sheet)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert LINE.match(err[0]) and "definieert een functie of klasse" in err[0]
    assert err[-1] == "1 probleem gevonden."
    _edit(sheet, lambda nb: nb.cells.pop(-2))
    assert main(["check", "--no-execute", "--no-spelling", str(sheet)]) == 0
    assert capsys.readouterr().out.strip() == "In orde: 1 werkblad gecontroleerd."


def test_progress_bar_redraws_one_line_and_stays_quiet_in_logs() -> None:
    tty = io.StringIO()
    bar = ProgressBar(tty, force=True)
    for done in range(1, 5):
        bar(done, 4, f"blad-{done}")
    frames = tty.getvalue().split("\r")
    assert "[######··················] 1/4  bezig: blad-1" in frames
    assert any(f.startswith("[" + "#" * 24 + "] 4/4") for f in frames)
    assert tty.getvalue().endswith("\r") and frames[-2].strip() == ""  # the line is cleared
    log = io.StringIO()  # not a terminal: CI logs keep one line per problem
    ProgressBar(log)(1, 4, "blad-1")
    assert log.getvalue() == ""


def test_broken_json_missing_metadata_unknown_theme_and_duplicate_sheet_ids(
    sheet: Path,
) -> None:
    books = sheet.parent.parent
    (books / "breakdown" / "kapot.ipynb").write_text('{"cells": [', encoding="utf-8")
    bare = nbformat.v4.new_notebook()
    nbformat.write(bare, books / "breakdown" / "zonder-metadata.ipynb")
    other = nbformat.read(sheet, as_version=4)
    other.metadata["pleegzorg"]["theme_id"] = "bestaat-niet"
    nbformat.write(other, books / "breakdown" / "verkeerd-thema.ipynb")
    (books / "netwerkpleegzorg").mkdir()
    shutil.copy(sheet, books / "netwerkpleegzorg" / f"{SHEET}.ipynb")
    problems = "\n".join(check(books, execute=False, spelling=False).problems)
    lines = problems.splitlines()
    assert "workbooks/breakdown/kapot.ipynb:regel 1: het notebook is geen geldige JSON" in problems
    assert any(ln.startswith("workbooks/breakdown/zonder-metadata.ipynb:regel 1: ") for ln in lines)
    assert re.search(
        r"^workbooks/breakdown/verkeerd-thema\.ipynb:regel \d+: metadata\.pleegzorg\.theme_id: "
        r"'bestaat-niet' bestaat niet; bekend zijn: ",
        problems,
        re.M,
    )
    assert f"id '{SHEET}' komt ook voor in workbooks/" in problems


# -- privacy in the wording (issue 17) --------------------------------------------------------
def test_open_questions_without_a_no_names_line_are_reported(sheet: Path) -> None:
    def drop_line(nb):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = re.sub(r"Schrijf geen namen[^.]*\.", "", cell.source)

    _edit(sheet, drop_line)
    problems = _problems(sheet)
    assert problems == [
        "workbooks/breakdown/puberteit.ipynb: heeft open of gedeelde vragen, maar nergens een "
        "regel als 'Schrijf geen namen of andere gegevens op waaraan een kind of gezin te "
        "herkennen is.' (zie docs/privacy.md)"
    ]


def test_a_sheet_that_promises_only_you_while_the_group_sees_shared_answers_fails(
    sheet: Path,
) -> None:
    """Issue 29: young people read "Alleen jij ziet je antwoorden" while some answers are
    shown to the group. The promise must say what the group sees, or the check fails."""

    def promise(text: str):
        def edit(nb):
            nb.cells.insert(1, nbformat.v4.new_markdown_cell(text))
            nb.cells.insert(
                -1,
                nbformat.v4.new_code_cell(
                    'ws.open_question("samen", "Wat neem je mee?", shared=True)'
                ),
            )

        return edit

    _edit(sheet, promise("Alleen jij ziet je antwoorden, met je hervatcode."))
    problems = _problems(sheet)
    assert len(problems) == 1 and "belooft 'alleen jij'" in problems[0], problems
    assert problems[0].startswith("workbooks/breakdown/puberteit.ipynb:cel 2: ")


def test_an_honest_promise_passes(sheet: Path) -> None:
    honest = (
        "Je antwoorden zie jij terug met je hervatcode. Bij een vraag met **Dit ziet de groep** "
        "kan de gespreksbegeleider je antwoord zonder je naam aan de groep laten zien."
    )

    def edit(nb):
        nb.cells.insert(1, nbformat.v4.new_markdown_cell(honest + " Alleen jij ziet de rest."))

    _edit(sheet, edit)
    assert _problems(sheet) == []


def test_a_prompt_asking_for_names_or_contact_details_is_reported_with_its_cell(
    sheet: Path,
) -> None:
    call = (
        'ws.open_question("wie", "Wat is de voornaam van je pleegkind?", '
        'help="Zet er ook je e-mailadres bij.")'
    )
    _edit(sheet, lambda nb: nb.cells.insert(-1, nbformat.v4.new_code_cell(call)))
    cell = _cell_of(sheet, '"wie"')
    found = [LINE.match(p) for p in _problems(sheet)]
    assert [(int(m.group(1)), m.group(2)[:60]) for m in found if m] == [
        (cell, "vraagt om namen of contactgegevens: “Wat is de voornaam van "),
        (cell, "vraagt om namen of contactgegevens: “Zet er ook je e-mailadr"),
    ]


def test_saying_not_to_write_names_is_not_asking_for_them() -> None:
    from pleegzorg_lib.authoring.check import asks_identity

    assert asks_identity("Schrijf geen namen of andere gegevens op. Noem niemand bij naam.") == []
    assert asks_identity("Zet kinderen erop met hun rol, nooit met hun voornaam.") == []
    assert asks_identity("Wat gebeurde er, en wie waren erbij?") == [
        "Wat gebeurde er, en wie waren erbij?"
    ]
    assert asks_identity("Vul het telefoonnummer van de school in.") != []


def test_rewording_a_chosen_option_is_reported_until_the_old_wording_is_named(
    sheet: Path, tmp_path: Path
) -> None:
    """Answers store an option's text: rewording it must not silently drop what people chose."""
    url = f"sqlite:///{tmp_path / 'answers.db'}"
    store = open_store(url)
    for chosen in (["School en huiswerk", "Geld en zakgeld"], ["Geld en zakgeld"]):
        participant, _code = store.create_participant()
        store.save_answer(participant.id, SHEET, "spanning", chosen)
    store.close()
    assert _problems(sheet, database_url=url) == []
    cell = _cell_of(sheet, '"spanning"')

    def reword(old: str, new: str):
        def change(nb):
            nb.cells[cell - 1].source = nb.cells[cell - 1].source.replace(old, new)

        return change

    _edit(sheet, reword('"Geld en zakgeld"', '"Geld, zakgeld en kleding"'))
    _edit(sheet, reword('"School en huiswerk", ', ""))
    problems = _problems(sheet, database_url=url)
    assert len(problems) == 2
    reworded, removed = problems
    assert LINE.match(reworded).group(1) == str(cell)
    assert (
        "vraag 'spanning': de keuze 'Geld en zakgeld' is er niet meer, wel 'Geld, zakgeld en "
        "kleding': anders geformuleerd? 2 deelnemer(s) kozen 'Geld en zakgeld'" in reworded
    )
    assert "renamed={'Geld en zakgeld': 'Geld, zakgeld en kleding'}" in reworded
    assert "de keuze 'School en huiswerk' is er niet meer, maar 1 deelnemer(s) kozen haar" in (
        removed
    )

    # The author names the old wordings: the answers follow, check is content.
    _edit(
        sheet,
        reword(
            '"Geld, zakgeld en kleding"])',
            '"Geld, zakgeld en kleding"], renamed={"Geld en zakgeld": "Geld, zakgeld en kleding", '
            '"School en huiswerk": "Vriendschappen en verliefdheid"})',
        ),
    )
    assert _problems(sheet, database_url=url) == []
