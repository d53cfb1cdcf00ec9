"""Issue 17: worksheets that speak with young people and parents, not only about them."""

from __future__ import annotations

import nbformat

from pleegzorg_lib import config
from pleegzorg_lib.content import load_catalog, load_worksheet_index

YOUTH = {"pleegjongere", "eigen-kind"}


def index():
    catalog = load_catalog(config.data_dir())
    return catalog, load_worksheet_index(config.workbooks_dir(), catalog)


def source(info) -> str:
    nb = nbformat.read(config.workbooks_dir() / info.path, as_version=4)
    return "\n".join(cell.source for cell in nb.cells)


def test_at_least_three_worksheets_are_written_for_young_people_and_point_to_help() -> None:
    _catalog, sheets = index()
    youth = [s for s in sheets if s.audience and set(s.audience) <= YOUTH]
    assert len(youth) >= 3, [s.id for s in youth]
    for sheet in youth:
        text = source(sheet)
        assert "ws.hulpwijzer()" in text, sheet.id  # the Kindertelefoon on the page
        assert "geen namen" in text, sheet.id
        prose = [
            line for line in text.splitlines() if line and not line.startswith(("ws.", "from", "#"))
        ]
        words = [w for line in prose for sentence in line.split(". ") for w in [sentence.split()]]
        longest = max(len(w) for w in words)
        assert longest <= 25, (sheet.id, longest)  # short sentences (B1)


def test_at_least_two_worksheets_are_written_from_the_parents_side() -> None:
    _catalog, sheets = index()
    parents = [s for s in sheets if s.audience == ("ouder",)]
    assert len(parents) >= 2, [s.id for s in parents]


def test_the_new_role_child_of_foster_parents_is_in_the_catalog_and_in_an_audience() -> None:
    catalog, sheets = index()
    role = catalog.role("eigen-kind")
    assert role is not None and role.group == "youth"
    assert any("eigen-kind" in s.audience for s in sheets)


def test_the_safety_worksheet_points_to_veilig_thuis_and_the_meldcode() -> None:
    _catalog, sheets = index()
    safety = next(s for s in sheets if s.id == "veilig-in-de-familie")
    assert "ws.hulpwijzer()" in source(safety)  # Veilig Thuis for all, the meldcode for workers


def test_links_between_worksheets_lead_to_a_worksheet() -> None:
    """Prose may point to another sheet (``[Wonen bij familie](wonen-bij-familie.ipynb)``,
    relative to the page): every such link names a notebook that exists."""
    import re

    root = config.workbooks_dir()
    links = 0
    for path in sorted(root.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for target in re.findall(r"\]\(([^)\s]+\.ipynb)\)", cell.source):
                links += 1
                assert (path.parent / target).resolve().is_file(), (path.name, target)
    assert links >= 3


def test_themes_about_young_people_have_a_sheet_in_their_own_words() -> None:
    """Puberty and safety in the family: beside the adults' sheet, one the
    young people fill in themselves, and the adults' sheet points to it."""
    _catalog, sheets = index()
    by_id = {s.id: s for s in sheets}
    for adults, youth in (
        ("puberteit", "wie-is-er-voor-mij"),
        ("veilig-in-de-familie", "wonen-bij-familie"),
    ):
        assert set(by_id[youth].audience) <= YOUTH
        assert by_id[youth].theme_id == by_id[adults].theme_id
        assert f"]({youth}.ipynb)" in source(by_id[adults])
    ending = by_id["als-een-plaatsing-eindigt"]
    assert {"pleegjongere", "ouder"} <= set(ending.audience)


def test_every_worksheets_theme_has_its_sources_in_the_kennisdossier() -> None:
    """A worksheet's facts come from somewhere: its theme has at least one real source in
    ``data/kennisdossier.yaml`` (shown in the Kennisdossier under that theme)."""
    from pleegzorg_lib.content.dossier import load_dossier

    _catalog, sheets = index()
    covered = {theme for r in load_dossier(config.data_dir()).resources for theme in r.themes}
    missing = sorted({s.theme_id for s in sheets if s.theme_id} - covered)
    assert missing == []
