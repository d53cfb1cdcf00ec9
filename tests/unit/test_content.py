"""The catalog loads from data/; every malformed file names file, line and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import (
    ContentError,
    load_catalog,
    load_worksheet_index,
)

from ..conftest import REPO


def test_the_leernetwerken_and_programmes_from_the_seeds_are_in_the_catalog(catalog) -> None:
    ids = [n.id for n in catalog.networks]
    assert ids == [
        "breakdown",
        "netwerkpleegzorg",
        "gedeeld-opvoederschap",
        "kennis-en-ontwikkeling",
        "samenwerken",  # the dialogues "Samenwerken binnen pleegzorg"
        "vakmanschap",  # Platform Vakmanschap jeugdprofessionals
    ]
    breakdown = catalog.network("breakdown")
    assert {t.id for t in breakdown.themes} >= {"informele-steun", "puberteit"}
    assert breakdown.meeting_minutes == 90


def test_roles_include_the_whole_chain(catalog) -> None:
    role_ids = {r.id for r in catalog.roles}
    assert {
        "pleegouder",
        "ouder",
        "pleegjongere",
        "pleegzorgbegeleider",
        "jeugdbeschermer",
        "gedragswetenschapper",
    } <= role_ids
    assert catalog.role("pleegouder").name == "Pleegouder"


def test_every_network_has_a_worksheet_in_its_own_folder(catalog) -> None:
    index = load_worksheet_index(config.workbooks_dir(), catalog)
    by_network = {w.network_id for w in index}
    assert by_network == {n.id for n in catalog.networks}
    for info in index:
        assert info.path.startswith(info.network_id + "/")
        assert info.title and info.description and info.duration_minutes > 0


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _error(data: Path) -> ContentError:
    with pytest.raises(ContentError) as exc:
        load_catalog(data)
    return exc.value


def test_yaml_syntax_error_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "networks" / "breakdown.yaml"
    lines = path.read_text().splitlines()
    lines[3] = "description: [niet gesloten"
    path.write_text("\n".join(lines) + "\n")
    err = _error(data_copy)
    assert err.file.endswith("networks/breakdown.yaml")
    assert err.line >= 4
    assert "geen geldige YAML" in str(err)
    assert "regel" in str(err)


def test_unknown_key_is_refused_with_its_line(data_copy: Path) -> None:
    path = data_copy / "networks" / "netwerkpleegzorg.yaml"
    text = path.read_text().replace(
        "meeting_minutes: 90", "meeting_minutes: 90\nmeeting_minuten: 90"
    )
    path.write_text(text)
    err = _error(data_copy)
    line = text.splitlines().index("meeting_minuten: 90") + 1
    assert (err.field, err.line) == ("meeting_minuten", line)
    assert "onbekend veld" in str(err)


def test_wrong_type_is_named(data_copy: Path) -> None:
    path = data_copy / "networks" / "breakdown.yaml"
    path.write_text(path.read_text().replace("meetings_per_year: 7", "meetings_per_year: zeven"))
    err = _error(data_copy)
    assert err.field == "meetings_per_year"
    assert "geheel getal" in str(err)


def test_missing_field_in_a_theme_names_the_theme(data_copy: Path) -> None:
    path = data_copy / "networks" / "breakdown.yaml"
    text = path.read_text().replace("    name: Puberteit en breakdown\n", "")
    path.write_text(text)
    err = _error(data_copy)
    assert err.field == "themes[1].name"
    assert "ontbreekt" in str(err)


def test_duplicate_role_id_is_refused(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("id: anders", "id: ouder"))
    err = _error(data_copy)
    roles = [line for line in path.read_text().splitlines() if line.startswith("  - id: ")]
    assert err.field == f"roles[{len(roles) - 1}].id"  # "anders" is the last role
    assert "komt al voor" in str(err)


def test_duplicate_key_in_a_block_is_refused(data_copy: Path) -> None:
    path = data_copy / "networks" / "breakdown.yaml"
    path.write_text(path.read_text() + "name: Nog een naam\n")
    err = _error(data_copy)
    assert err.field == "name"
    assert "twee keer" in str(err)


def test_worksheet_with_unknown_theme_is_refused(catalog, tmp_path: Path) -> None:
    src = REPO / "workbooks" / "breakdown" / "informele-steun.ipynb"
    folder = tmp_path / "wb" / "breakdown"
    folder.mkdir(parents=True)
    nb = json.loads(src.read_text())
    nb["metadata"]["pleegzorg"]["theme_id"] = "bestaat-niet"
    (folder / "informele-steun.ipynb").write_text(json.dumps(nb, indent=1))
    with pytest.raises(ContentError) as exc:
        load_worksheet_index(tmp_path / "wb", catalog)
    assert exc.value.field == "metadata.pleegzorg.theme_id"
    assert "bestaat-niet" in str(exc.value)


def test_worksheet_without_metadata_is_refused(catalog, tmp_path: Path) -> None:
    folder = tmp_path / "wb" / "breakdown"
    folder.mkdir(parents=True)
    (folder / "leeg.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    with pytest.raises(ContentError) as exc:
        load_worksheet_index(tmp_path / "wb", catalog)
    assert "metadata" in str(exc.value)


def test_worksheet_ids_are_unique_across_the_tree(catalog, tmp_path: Path) -> None:
    src = REPO / "workbooks" / "breakdown" / "informele-steun.ipynb"
    for folder in ("breakdown", "netwerkpleegzorg"):
        (tmp_path / "wb" / folder).mkdir(parents=True)
        shutil.copy(src, tmp_path / "wb" / folder / "informele-steun.ipynb")
    with pytest.raises(ContentError) as exc:
        load_worksheet_index(tmp_path / "wb", catalog)
    assert "komt al voor" in str(exc.value)


def test_a_list_as_a_key_names_the_file_and_line(tmp_path) -> None:
    """Found by the fuzz test: ``[a]: b`` raised a TypeError instead of our message."""
    from pleegzorg_lib.content import ContentError
    from pleegzorg_lib.content._yaml import load_yaml

    broken = tmp_path / "netwerk.yaml"
    broken.write_text("id: x\n[a, b]: c\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_yaml(broken, "networks/netwerk.yaml")
    assert "networks/netwerk.yaml, regel 2" in str(error.value)
