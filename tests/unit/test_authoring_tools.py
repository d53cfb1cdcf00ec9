"""An author starts a worksheet with ``pleegzorg new`` and prints it with
``pleegzorg export worksheet`` for a session on paper."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.authoring.check import check
from pleegzorg_lib.authoring.scaffold import ScaffoldError, scaffold_worksheet, slugify
from pleegzorg_lib.cli import main
from pleegzorg_lib.content import (
    find_worksheet,
    load_catalog,
    load_worksheet,
    load_worksheet_index,
)
from pleegzorg_lib.export.worksheet import worksheet_print_html
from pleegzorg_lib.model import QuestionKind
from pleegzorg_lib.server import render_landing

SIX_KINDS = {
    QuestionKind.OPEN,
    QuestionKind.LIKERT,
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.SCALE_0_10,
    QuestionKind.RANKING,
}


@pytest.fixture
def workbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workbooks folder the library (and a kernel started by ``check``) uses."""
    root = tmp_path / "workbooks"
    root.mkdir()
    monkeypatch.setenv("PLEEGZORG_WORKBOOKS", str(root))
    return root


@pytest.fixture
def workbooks_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real workbooks folder, to add worksheets next to the existing ones."""
    root = tmp_path / "workbooks"
    shutil.copytree(config.workbooks_dir(), root)
    monkeypatch.setenv("PLEEGZORG_WORKBOOKS", str(root))
    return root


def _sections(html: str) -> dict[str, str]:
    """Each printed question's HTML by question id."""
    found = re.findall(r'<section class="pz-q [^"]*" data-question="([^"]+)">(.*?)</section>', html)
    return dict(found)


# -- pleegzorg new ------------------------------------------------------------------------
def test_slug_of_a_title_is_lowercase_without_accents() -> None:
    assert slugify("Één stap verder: samen opvoeden!") == "een-stap-verder-samen-opvoeden"
    assert slugify("  Ruzie?  Praat   erover  ") == "ruzie-praat-erover"
    long = slugify("woord " * 30)
    assert len(long) <= 63 and not long.endswith("-") and long.endswith("woord")


@pytest.mark.slow
def test_a_new_worksheet_passes_check_and_shows_on_the_landing_page(workbooks: Path) -> None:
    assert main(["new", "--network", "breakdown", "--title", "Één stap verder"]) == 0
    path = workbooks / "breakdown" / "een-stap-verder.ipynb"
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["pleegzorg"]
    assert meta == {
        "network_id": "breakdown",
        "theme_id": "informele-steun",  # the network's first theme
        "title": "Één stap verder",
        "description": meta["description"],
        "duration_minutes": 20,
        "audience": [],
        "version": 1,
    }
    assert "vervang" in meta["description"]

    catalog = load_catalog(config.data_dir())
    (info,) = load_worksheet_index(workbooks, catalog)
    assert info.id == "een-stap-verder"
    assert "Één stap verder" in render_landing(catalog, [info])

    questions = load_worksheet(info, workbooks).questions
    assert {q.kind for q in questions} == SIX_KINDS
    assert len({q.id for q in questions}) == len(questions) == 6
    assert all("vervang deze vraag" in q.prompt for q in questions)

    result = check(workbooks)
    assert result.ok, result.problems
    assert result.questions == {"een-stap-verder": [q.id for q in questions]}


def test_new_takes_theme_id_and_minutes(workbooks: Path) -> None:
    path = scaffold_worksheet(
        "breakdown", "Puberteit thuis", theme_id="puberteit", worksheet_id="pub-1", minutes=35
    )
    assert path == workbooks / "breakdown" / "pub-1.ipynb"
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["pleegzorg"]
    assert (meta["theme_id"], meta["duration_minutes"]) == ("puberteit", 35)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--network", "onbekend", "--title", "X"], "Leernetwerk 'onbekend' bestaat niet"),
        (
            ["--network", "breakdown", "--theme", "veiligheid", "--title", "X"],
            "Thema 'veiligheid' hoort niet bij leernetwerk 'breakdown'",
        ),
        (["--network", "breakdown", "--title", "X", "--id", "Mijn_Blad"], "kan geen id"),
        (["--network", "breakdown", "--title", "X", "--id", "../weg"], "kan geen id"),
        (["--network", "breakdown", "--title", "?!"], "geen id te maken"),
        (["--network", "breakdown", "--title", "  "], "Geef een titel"),
        (["--network", "breakdown", "--title", "X", "--minutes", "0"], "--minutes"),
        (["--network", "breakdown", "--title", "Informele steun"], "bestaat al"),
        (
            ["--network", "samenwerken", "--title", "X", "--id", "informele-steun"],
            "Er is al een werkblad met id 'informele-steun'",
        ),
    ],
)
def test_new_refuses_in_one_dutch_line(
    workbooks_copy: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sorted(p.relative_to(workbooks_copy) for p in workbooks_copy.rglob("*.ipynb"))
    original = (workbooks_copy / "breakdown" / "informele-steun.ipynb").read_bytes()
    assert main(["new", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert sorted(p.relative_to(workbooks_copy) for p in workbooks_copy.rglob("*.ipynb")) == before
    assert (workbooks_copy / "breakdown" / "informele-steun.ipynb").read_bytes() == original


def test_new_never_overwrites(workbooks: Path) -> None:
    path = scaffold_worksheet("breakdown", "Eerste versie")
    path.write_text(path.read_text(encoding="utf-8").replace("Eerste", "Mijn"), encoding="utf-8")
    with pytest.raises(ScaffoldError, match="bestaat al"):
        scaffold_worksheet("breakdown", "Eerste versie")
    assert "Mijn versie" in path.read_text(encoding="utf-8")


# -- the printed worksheet ------------------------------------------------------------------
def test_printed_worksheet_has_every_question_with_boxes_to_fill_in() -> None:
    root = config.workbooks_dir()
    catalog = load_catalog(config.data_dir())
    info = find_worksheet(root, catalog, "informele-steun")
    assert info is not None
    questions = load_worksheet(info, root).questions
    html = worksheet_print_html(info, root)

    assert "<title>Steun van andere pleegouders</title>" in html
    assert "Leernetwerk breakdown · Informele steun tussen pleegouders" in html
    assert "ongeveer 20 minuten" in html
    assert "Ik ben" in html and "Naam (mag je leeg laten)" in html
    assert "<h2>Jouw steun nu</h2>" in html
    assert "<strong>ongeplande overplaatsingen voorkomen</strong>" in html
    assert "size: A4" in html and "break-inside: avoid" in html

    sections = _sections(html)
    assert list(sections) == [q.id for q in questions]  # every question, in order
    for q in questions:
        body = sections[q.id]
        assert escape(q.prompt) in body
        circles, squares = body.count("pz-mark-circle"), body.count("pz-mark-square")
        if q.kind in (QuestionKind.LIKERT, QuestionKind.SINGLE_CHOICE):
            assert (circles, squares) == (len(q.options), 0), q.id
        elif q.kind == QuestionKind.MULTIPLE_CHOICE:
            assert (circles, squares) == (0, len(q.options)), q.id
        elif q.kind == QuestionKind.SCALE_0_10:
            assert body.count('class="pz-scale-box"') == 11
        elif q.kind == QuestionKind.RANKING:
            assert body.count('class="pz-rank-blank"') == len(q.options)
            assert all(escape(item) in body for item in q.options)
        else:
            assert body.count('class="pz-line"') >= 2
    scale = sections["steun-cijfer"]
    assert "0 = helemaal niet tevreden" in scale and "10 = heel tevreden" in scale
    assert "Dit ziet de groep (zonder je naam)" in sections["ontmoeting-goed"]


def test_printed_worksheet_escapes_text_and_expands_tools(workbooks: Path) -> None:
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": "Lees <script>alert(1)</script> en [dit](javascript:alert(2)).",
            },
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
                "source": "from pleegzorg_lib import worksheet\n"
                'ws = worksheet("gevaar")\n'
                "ws.kennisagenda()\n"
                'ws.open_question("a", "Wat doe je met <img src=x onerror=alert(3)>?")\n'
                'ws.reflection_cycle("refl", "alact")\n'
                'ws.netwerkkaart("kaart", "Wie staan om je heen?")\n'
                "ws.finish()",
            },
        ],
        "metadata": {
            "pleegzorg": {
                "network_id": "breakdown",
                "theme_id": "puberteit",
                "title": "<b>Titel</b> & zo",
                "description": "Een zin.",
                "duration_minutes": 5,
            }
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (workbooks / "breakdown").mkdir()
    (workbooks / "breakdown" / "gevaar.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    info = find_worksheet(workbooks, load_catalog(config.data_dir()), "gevaar")
    assert info is not None
    html = worksheet_print_html(info, workbooks)

    for raw in ("<script", "<img", "<b>", "javascript:"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Titel&lt;/b&gt; &amp; zo" in html
    assert "Kennisagenda: dit onderdeel staat alleen in de online versie" in html
    assert list(_sections(html)) == [q.id for q in load_worksheet(info, workbooks).questions]
    kaart = _sections(html)["kaart"]
    assert kaart.count('class="pz-ring"') == 3 and "Huishouden" in kaart
    assert html.index("Kennisagenda:") < html.index('data-question="a"')


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="PDF needs Debian's chromium")
def test_export_worksheet_writes_html_and_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "werkblad.html"
    assert main(["export", "worksheet", "informele-steun", "-o", str(page)]) == 0
    assert "Bij wie kun jij terecht als het thuis schuurt?" in page.read_text(encoding="utf-8")
    pdf = tmp_path / "werkblad.pdf"
    assert main(["export", "worksheet", "informele-steun", "--format", "pdf", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["export", "worksheet", "bestaat-niet", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Werkblad 'bestaat-niet' bestaat niet" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_check_accepts_a_single_notebook(tmp_path) -> None:
    from pleegzorg_lib import config
    from pleegzorg_lib.authoring.check import check

    one = config.workbooks_dir() / "breakdown" / "puberteit.ipynb"
    assert check(one, execute=False).problems == []
    broken = tmp_path / "breakdown" / "kapot.ipynb"
    broken.parent.mkdir()
    broken.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    problems = check(broken, execute=False).problems
    assert len(problems) == 1 and "kapot.ipynb" in problems[0]
