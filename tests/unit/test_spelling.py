"""Spelling: misspelled Dutch is reported with its place; ids, code and URLs are left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.authoring import spelling
from pleegzorg_lib.i18n import CATALOGS

# ``make test`` installs hunspell-nl (make system-deps): without it these tests fail with the
# install command rather than skip, so a misspelling can never pass unnoticed.
needs_hunspell = pytest.mark.usefixtures("_hunspell_present")


@pytest.fixture
def _hunspell_present() -> None:
    problem = spelling.hunspell_problem()
    if problem is not None:
        pytest.fail(problem)


@pytest.fixture(autouse=True)
def _few_suggestions(monkeypatch) -> None:
    """hunspell's suggestions cost ~0.3 s a word: one is enough to see they are there."""
    monkeypatch.setattr(spelling, "MAX_SUGGESTED", 1)


def _notebook(path: Path, cells: list[tuple[str, str]], title: str = "Steun") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for kind, source in cells
        ],
        "metadata": {"pleegzorg": {"title": title, "description": "Een zin."}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    books, data = tmp_path / "workbooks", tmp_path / "data"
    (data / "spelling").mkdir(parents=True)
    (data / "spelling" / "woordenlijst.txt").write_text(
        "# vakwoorden\npleegzorgbegeleider\nKorthagen  # een naam\n", encoding="utf-8"
    )
    return books, data


def _check(books: Path, data: Path) -> list[str]:
    return spelling.spelling_problems(books, data, include_catalog=False)


@needs_hunspell
def test_misspellings_in_markdown_and_prompts_are_reported_per_cell(tree) -> None:
    books, data = tree
    _notebook(
        books / "breakdown" / "puberteit.ipynb",
        [
            ("code", 'from pleegzorg_lib import worksheet\n\nws = worksheet("fietsvlagx")'),
            ("markdown", "## Inleiding\n\nWe pakken de fietz en gaan op weg."),
            (
                "code",
                'ws.open_question("vraagqz", "Wat helpt je als het thuis shcuurt?", '
                'help="Denk aan je pleegzorgbegeleider.")\n'
                'ws.single_choice("keuze", "Hoe vaak?", ["Nooit", "Soms", "Vaakk"])\n'
                'ws.scale_0_10("schaal", "Hoe gaat het?", low="0 = slegt", high="10 = goed")',
            ),
        ],
        title="Puberteit in het pleeggezzin",
    )
    where = "workbooks/breakdown/puberteit.ipynb"
    # ids (fietsvlagx, vraagqz) and words in the word list pass
    assert [p.split(" (spelling?")[0] for p in _check(books, data)] == [
        f"{where}:metadata title: onbekend woord 'pleeggezzin'",
        f"{where}:cel 2: onbekend woord 'fietz'",
        f"{where}:cel 3: onbekend woord 'shcuurt'",
        f"{where}:cel 3: onbekend woord 'Vaakk'",
        f"{where}:cel 3: onbekend woord 'slegt'",
    ]


@needs_hunspell
def test_misspelling_in_a_yaml_value_names_its_line(tree, monkeypatch) -> None:
    monkeypatch.setattr(spelling, "MAX_SUGGESTED", 2)
    books, data = tree
    (data / "networks").mkdir()
    (data / "networks" / "breakdown.yaml").write_text(
        "id: breakdownx-netwrk\n"
        "name: Leernetwerk breakdown\n"
        "url: https://www.example.org/pleegzorgg\n"
        "description: >-\n"
        "  Samen werken aan het voorkomen van\n"
        "  ongeplande overplaatsingen van pleegkinderrs.\n"
        "source: Korthagen, F. (2001). Linking practice and theory.\n"
        "themes:\n"
        "  - id: steunn\n"
        '    name: "Informele stuen"\n'
        "    description: Een thema (met gewone woorden).\n",
        encoding="utf-8",
    )
    problems = _check(books, data)
    assert [p.split(" (")[0] for p in problems] == [
        "data/networks/breakdown.yaml:regel 6: onbekend woord 'pleegkinderrs'",
        "data/networks/breakdown.yaml:regel 10: onbekend woord 'stuen'",
    ]
    assert problems[1].endswith("(spelling? suggestie: steun, sten, sturen)")


@needs_hunspell
def test_misspelling_in_the_catalog_names_module_and_key(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(CATALOGS["nl"], "kennisagenda.title", "Kennisagenda van het netwrek")
    monkeypatch.setitem(CATALOGS["nl"], "test.only", "Kies {value} of 'scalle', zie --helpp")
    word_list = config.data_dir() / spelling.WORD_LIST
    problems = spelling.spelling_problems(tmp_path / "geen", tmp_path / "leeg", word_list=word_list)
    assert [p.split(" (")[0] for p in problems] == [
        "pleegzorg_lib/i18n/tools.py: sleutel 'kennisagenda.title': onbekend woord 'netwrek'"
    ]


@needs_hunspell
def test_urls_code_and_abbreviations_are_not_checked(tree) -> None:
    books, data = tree
    _notebook(
        books / "samenwerken" / "code.ipynb",
        [
            (
                "markdown",
                "Zie https://www.pleegzorg.nl/xqzwv of mail naar xqzwv@nji.nl, bijv. via "
                "`pleegzorg chekc` of <span class='xqzwv'>hier</span>. De OTS en de AZWQ "
                "zijn afkortingen; foto's en app-groepen zijn goed, net als 2e en x.\n\n"
                "Bron: Gibbs, G. (1988). Learning by Doing: A guide to teaching.",
            ),
            ("code", 'ws.reflection_cycle("cyclusqz", "alactqz", situation="Een situatie.")'),
        ],
    )
    assert _check(books, data) == []


def test_a_missing_dictionary_is_one_clear_problem(monkeypatch, tree) -> None:
    monkeypatch.setattr(spelling, "dictionary", lambda: None)
    assert spelling.hunspell_problem() == spelling.missing_hunspell()
    assert "apt-get install hunspell hunspell-nl" in spelling.missing_hunspell()
    assert _check(*tree) == [
        "`hunspell` met het Nederlandse woordenboek ontbreekt: "
        "`apt-get install hunspell hunspell-nl`"
    ]


@needs_hunspell
def test_the_repository_is_spelled_right() -> None:
    assert spelling.spelling_problems(config.workbooks_dir(), config.data_dir()) == []
