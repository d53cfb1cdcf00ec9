"""The worked example of docs/authoring.md, step by step, with the real ``pleegzorg`` command.

An author scaffolds "Samen op vakantie" with ``pleegzorg new``, edits it, runs ``pleegzorg
check`` (which passes, then catches a notebook saved with outputs), serves it, answers a
question in Chromium and prints the blank worksheet with ``pleegzorg export worksheet``.
Everything happens in a temporary copy of ``workbooks/`` (``PLEEGZORG_WORKBOOKS``); the
repository is never touched. The screenshots go to ``test-artifacts/authoring/``; with
``PLEEGZORG_UPDATE_DOCS=1`` they are also copied to ``docs/img/authoring/`` for the doc.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from pleegzorg_lib.i18n import t

from .conftest import ARTIFACTS, VoilaServer
from .pages import PAGE_TIMEOUT_MS, full_screenshot, open_worksheet, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SHOTS = ARTIFACTS / "authoring"
DOC_SHOTS = REPO / "docs" / "img" / "authoring"

# The example of docs/authoring.md: keep the two in step.
NETWORK = "netwerkpleegzorg"
TITLE = "Samen op vakantie"
WORKSHEET_ID = "samen-op-vakantie"
NOTEBOOK = f"workbooks/{NETWORK}/{WORKSHEET_ID}.ipynb"
DESCRIPTION = "Wat spreek je af met de ouders als je pleegkind met jullie op vakantie gaat?"
INTRO = (
    "In de vakantie is alles anders: een andere plek, een ander ritme en vaak minder contact "
    "met de ouders. Met dit werkblad denk je vooraf na over wat je met hen afspreekt.\n\n"
    "Er zijn geen goede of foute antwoorden. Wat je invult wordt meteen bewaard; alleen jij "
    "ziet je antwoorden terug, met je hervatcode. Schrijf geen namen of andere gegevens op "
    "waaraan een kind of gezin te herkennen is."
)
AUDIENCE = ["pleegouder", "ouder", "pleegzorgbegeleider"]
HEADING = "## Afspraken met de ouders"
QUESTION_ID = "afspraken"
PROMPT = "Welke afspraken maak je met de ouders over de vakantie?"
HELP = "Denk aan bellen of videobellen, foto's sturen en wie wat betaalt."
QUESTIONS = f"""\
ws.open_question("{QUESTION_ID}", "{PROMPT}",
                 help="{HELP}")
ws.likert("ouders-op-de-hoogte", "De ouders weten waar hun kind op vakantie is en hoe het gaat.")
ws.scale_0_10("zin-in-vakantie", "Hoeveel zin heeft je pleegkind in de vakantie?",
              low="0 = helemaal geen zin", high="10 = heel veel zin")
ws.finish()"""
ANSWER = "We bellen om de dag met mama en sturen elke avond een foto."

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pleegzorg(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pleegzorg <args>`` as the author runs it, from the root of the (copied) clone."""
    env = dict(
        os.environ,
        PLEEGZORG_WORKBOOKS=str(clone / "workbooks"),
        PLEEGZORG_DATABASE_URL=f"sqlite:///{clone / 'pleegzorg.db'}",
        PLEEGZORG_LANG="nl",
    )
    return subprocess.run(
        [sys.executable, "-m", "pleegzorg_lib", *args],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def save(shooter, name: str, **options) -> None:
    """A PNG of a page or element in test-artifacts/authoring/ (and in docs/img/authoring/
    when updating the docs)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / name
    target.write_bytes(shooter.screenshot(type="png", **options))
    if os.environ.get("PLEEGZORG_UPDATE_DOCS") == "1":
        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, DOC_SHOTS / name)


def save_top(page, name: str, down_to) -> None:
    """The page from its top down to the bottom of ``down_to`` (the page scrolls inside
    ``#rendered_cells``, so the viewport grows for the shot, as in ``full_screenshot``)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2400})
    page.wait_for_timeout(300)
    box = down_to.bounding_box()
    assert box is not None
    clip = {"x": 0, "y": 0, "width": size["width"], "height": box["y"] + box["height"] + 16}
    save(page, name, clip=clip)
    page.set_viewport_size(size)


def test_from_pleegzorg_new_to_a_printed_worksheet(tmp_path: Path, chromium) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copytree(REPO / "workbooks", clone / "workbooks")
    notebook = clone / NOTEBOOK
    server = VoilaServer(
        tmp_path / "pleegzorg.db",
        tmp_path / "voila.log",
        env={
            "PLEEGZORG_WORKBOOKS": str(clone / "workbooks"),
            "PLEEGZORG_LANG": "nl",
            "PLEEGZORG_PREHEAT_LIMIT": "0",  # the cores go to the author's commands
        },
    )
    # The server comes up while the author works on the command line (it reads the
    # workbooks folder on every request, so the new worksheet is listed all the same).
    server.launch()
    try:
        # Step 2: pleegzorg new
        made = pleegzorg(clone, "new", "--network", NETWORK, "--title", TITLE)
        assert made.returncode == 0, made.stderr
        typed = notebook.relative_to(clone)  # printed as the author types it, from the clone
        assert t("authoring.new.written", "nl", path=str(typed)) in made.stdout
        assert f".venv/bin/pleegzorg check {typed}" in made.stdout
        assert notebook.is_file()
        assert nbformat.read(notebook, as_version=4).metadata["pleegzorg"]["title"] == TITLE

        # Step 3: the author's edit: description, introduction, heading and questions
        nb = nbformat.read(notebook, as_version=4)
        assert [c.cell_type for c in nb.cells] == ["code", "markdown", "markdown", "code"]
        nb.metadata["pleegzorg"]["description"] = DESCRIPTION
        nb.metadata["pleegzorg"]["audience"] = AUDIENCE
        nb.cells[1].source = INTRO
        nb.cells[2].source = HEADING
        nb.cells[3].source = QUESTIONS
        nbformat.write(nb, notebook)
        edited = notebook.read_bytes()

        # Step 4: pleegzorg check passes ...
        checked = pleegzorg(clone, "check", str(notebook))
        assert checked.returncode == 0, checked.stderr
        assert t("cli.check.ok_one", "nl") in checked.stdout

        # ... and catches the notebook saved with outputs after running a cell in JupyterLab
        nb = nbformat.read(notebook, as_version=4)
        nb.cells[3].execution_count = 1
        # ... and a question line copied without giving the copy its own id
        first = nb.cells[3].source.index("ws.")
        copied = f'ws.open_question("{QUESTION_ID}", "Wat spreek je af over de reis?")\n'
        nb.cells[3].source = nb.cells[3].source[:first] + copied + nb.cells[3].source[first:]
        nb.cells[3].outputs = [
            nbformat.v4.new_output("display_data", data={"text/plain": "VBox(children=(…))"})
        ]
        nbformat.write(nb, notebook)
        failed = pleegzorg(clone, "check", str(notebook))
        assert failed.returncode == 1, failed.stdout + failed.stderr
        said = failed.stdout + failed.stderr
        assert any(  # names the file and the cell, in Dutch
            notebook.name in line and re.search(r"\bcel 4\b", line) and "uitvoer" in line
            for line in said.splitlines()
        ), said
        assert "leeg op" in said  # and says what to do about it
        assert f"{typed}:cel 4: vraag-id '{QUESTION_ID}' is al gebruikt (cel 4)" in said, said
        notebook.write_bytes(edited)  # Edit → Clear Outputs of All Cells, save

        # Step 5: serve; the landing page lists the worksheet
        server.wait_ready()
        page = chromium.new_page(viewport=DESKTOP)
        page.goto(server.url)
        card = page.locator(f'.pz-card[data-worksheet="{WORKSHEET_ID}"]')
        expect(card.locator("a.pz-card-link")).to_have_text(TITLE)
        expect(card).to_contain_text(DESCRIPTION)
        expect(card).to_contain_text("20 minuten")
        card.scroll_into_view_if_needed()
        save(page.locator("section.pz-network-block", has=card), "1-landing-card.png")

        # open it, choose a role, answer the edited question: saved
        href = card.locator("a.pz-card-link").get_attribute("href")
        assert href == f"/voila/render/{NETWORK}/{WORKSHEET_ID}.ipynb"
        open_worksheet(page, server.url + href.lstrip("/"))
        question = page.locator(f".pz-question.pz-q-{QUESTION_ID}")
        expect(question).to_contain_text(PROMPT)
        expect(question).to_contain_text(HELP)
        page.locator(".pz-role select").select_option(label="Pleegouder")
        type_open(page, QUESTION_ID, ANSWER)
        wait_saved(page, QUESTION_ID)
        full_screenshot(page, str(SHOTS / "worksheet-full.png"))
        save_top(page, "2-worksheet-desktop.png", question)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(300)
        page.evaluate(
            "() => document.querySelector('.pz-q-" + QUESTION_ID + "')"
            ".scrollIntoView({block: 'center'})"
        )
        save(page, "3-worksheet-phone.png")
        page.close()

        # Step 6: print it, as HTML (opened in Chromium) and as PDF
        html = clone / "blanco.html"
        printed = pleegzorg(
            clone, "export", "worksheet", WORKSHEET_ID, "--format", "html", "-o", str(html)
        )
        assert printed.returncode == 0, printed.stderr
        assert t("authoring.print.written", "nl", path=str(html)) in printed.stdout
        page = chromium.new_page(viewport=DESKTOP)
        page.goto(html.as_uri(), timeout=PAGE_TIMEOUT_MS)
        expect(page.locator("body")).to_contain_text(TITLE)
        expect(page.locator("body")).to_contain_text(PROMPT)
        expect(page.locator("body")).to_contain_text("Afspraken met de ouders")
        save(page, "4-printed.png")
        page.close()
        pdf = clone / "blanco.pdf"
        printed = pleegzorg(
            clone, "export", "worksheet", WORKSHEET_ID, "--format", "pdf", "-o", str(pdf)
        )
        assert printed.returncode == 0, printed.stderr
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 1000
    finally:
        server.stop()
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log_path, SHOTS / "voila.log")


def test_check_takes_a_path_relative_to_the_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "workbooks", clone / "workbooks")
    checked = pleegzorg(
        clone, "check", "--no-execute", f"workbooks/{NETWORK}/veilig-in-de-familie.ipynb"
    )
    assert checked.returncode == 0, checked.stderr
    assert "Traceback" not in checked.stderr
