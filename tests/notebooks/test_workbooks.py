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
from pleegzorg_lib.checking import check, hygiene_problems
from pleegzorg_lib.content import notebook_paths

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]

CALL = re.compile(
    r"ws\.(?:open_question|likert|single_choice|multiple_choice|scale_0_10|ranking)\(\s*\"([^\"]+)\""
)
NOTEBOOKS = notebook_paths(config.workbooks_dir())


def declared_ids(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return CALL.findall(source)


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
        assert built == declared_ids(path), path
        assert len(built) == len(set(built)) >= 6


def test_nbval_runs_every_workbook(tmp_path: Path) -> None:
    env = dict(os.environ, PLEEGZORG_DATABASE_URL=f"sqlite:///{tmp_path / 'nbval.db'}")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
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
    result = check(tmp_path / "wb")
    joined = "\n".join(result.problems)
    assert "definieert een functie" in joined
    assert "ws.finish()" in joined
