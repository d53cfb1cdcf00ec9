"""Every workbook runs, builds the questions it declares, and stays thin.

nbval proves a notebook runs but skips widget outputs, so each worksheet is also executed
headless and the library reports which questions it built.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from pleegzorg_lib import config
from pleegzorg_lib.authoring.check import check, hygiene_problems
from pleegzorg_lib.content import notebook_paths

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]

CALL = re.compile(
    r"ws\.(?:open_question|likert|single_choice|multiple_choice|scale_0_10|ranking|netwerkkaart)"
    r"\(\s*\"([^\"]+)\""
)
#: Calls that add several questions (a reflection cycle, …): their ids come from the factory.
COMPOSITE = re.compile(r"ws\.(reflection_cycle|scale_sequence|vakmanschap|wie_weet_wat)\(")
#: Tool panels that are the heart of a page; such a page may ask only a few questions.
PANEL = re.compile(r"ws\.(kennisagenda|jaarplan|kennisdossier|wie_weet_wat)\(")
NOTEBOOKS = notebook_paths(config.workbooks_dir())


def _source(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def declared_ids(path: Path) -> list[str]:
    """Ids of the one-question calls, read with a regex (independent of the library)."""
    return CALL.findall(_source(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_workbook_is_thin_and_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert hygiene_problems(path, nb) == []
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source.strip().endswith(f'worksheet("{path.stem}")')
    assert code[-1].source.strip().endswith("ws.finish()")


def test_every_worksheet_builds_the_questions_it_declares() -> None:
    result = check()
    assert result.problems == []
    assert set(result.questions) == {p.stem for p in NOTEBOOKS}
    for path in NOTEBOOKS:
        built = result.questions[path.stem]
        source = _source(path)
        if COMPOSITE.search(source):
            # the simple calls' ids appear in the page in their order, among the others
            simple = declared_ids(path)
            assert [q for q in built if q in simple] == simple, path
        else:
            assert built == declared_ids(path), path
        minimum = 1 if PANEL.search(source) else 6
        assert len(built) == len(set(built)) >= minimum, path


def test_nbval_runs_every_workbook(tmp_path: Path) -> None:
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=f"sqlite:///{tmp_path / 'nbval.db'}")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
            "-n",
            str(min(4, os.cpu_count() or 1)),  # notebooks side by side (pytest-xdist) …
            "--dist",
            "loadfile",  # … each notebook's cells in order, in one kernel
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-o",
            "testpaths=",
            str(config.workbooks_dir()),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


def test_check_command_reports_a_broken_worksheet(tmp_path: Path) -> None:
    folder = tmp_path / "wb" / "breakdown"
    folder.mkdir(parents=True)
    src = config.workbooks_dir() / "breakdown" / "informele-steun.ipynb"
    nb = nbformat.read(src, as_version=4)
    nb.cells[-1].source = nb.cells[-1].source.replace("ws.finish()", "")
    nb.cells.append(nbformat.v4.new_code_cell("def hulp():\n    pass"))
    nbformat.write(nb, folder / "informele-steun.ipynb")
    heard: list[tuple[int, int, str]] = []
    result = check(tmp_path / "wb", progress=lambda *a: heard.append(a))
    joined = "\n".join(result.problems)
    assert "workbooks/breakdown/informele-steun.ipynb:cel " in joined
    assert "definieert een functie" in joined
    assert "ws.finish()" in joined
    assert heard == [(1, 1, "informele-steun")]  # the progress bar hears of every notebook
