"""Find the worksheets in the workbooks folder and read their ``pleegzorg`` metadata.

A worksheet's id is its notebook's file stem, unique across the tree. Its metadata holds
what the landing page shows without running it: network, theme, title, description,
duration.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..i18n import t
from ..model import Catalog, WorksheetInfo, is_valid_id
from ._fields import FieldReader
from ._yaml import ContentError, LineDict

METADATA_KEY = "pleegzorg"
SKIP_DIRS = {".ipynb_checkpoints", "facilitator"}


def notebook_paths(root: Path) -> list[Path]:
    """Worksheet notebooks below ``root`` (facilitator notebooks and checkpoints excluded)."""
    return sorted(
        p
        for p in root.rglob("*.ipynb")
        if not SKIP_DIRS.intersection(p.relative_to(root).parts[:-1])
    )


def _metadata_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{METADATA_KEY}"' in line:
            return number
    return 1


def read_worksheet_info(path: Path, root: Path, catalog: Catalog) -> WorksheetInfo:
    """Read one notebook's metadata and check it against the catalog."""
    rel = path.relative_to(root).as_posix()
    name = f"workbooks/{rel}"
    text = path.read_text(encoding="utf-8")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(name, exc.lineno, "-", t("content.not_json", detail=exc.msg)) from exc
    meta = nb.get("metadata", {}).get(METADATA_KEY)
    line = _metadata_line(text)
    if not isinstance(meta, dict):
        raise ContentError(name, line, f"metadata.{METADATA_KEY}", t("content.no_metadata"))
    block = LineDict(meta)
    block.line, block.key_lines = line, {}
    r = FieldReader(block, name, f"metadata.{METADATA_KEY}", line)
    if not is_valid_id(path.stem):
        raise ContentError(name, 1, "bestandsnaam", t("content.bad_id", value=path.stem))
    network_id = r.get("network_id", str)
    theme_id = r.get("theme_id", str)
    info = WorksheetInfo(
        id=path.stem,
        network_id=network_id,
        theme_id=theme_id,
        title=r.get("title", str),
        description=r.get("description", str),
        duration_minutes=r.get("duration_minutes", int),
        audience=tuple(r.get("audience", list, required=False, default=[])),
        path=rel,
    )
    r.get("version", int, required=False)  # layout version written by `pleegzorg new`
    retired = r.get("retired_questions", list, required=False, default=[])
    r.finish()
    if not all(isinstance(x, str) for x in retired):
        raise r.error(
            "retired_questions",
            t("content.wrong_type", expected=t("content.type.list"), actual="?"),
        )
    info = replace(info, retired_questions=tuple(retired))
    network = catalog.network(network_id)
    if network is None:
        known = ", ".join(n.id for n in catalog.networks)
        raise r.error("network_id", t("content.unknown_ref", value=network_id, known=known))
    if network.theme(theme_id) is None:
        known = ", ".join(th.id for th in network.themes)
        raise r.error("theme_id", t("content.unknown_ref", value=theme_id, known=known))
    for role_id in info.audience:
        if catalog.role(role_id) is None:
            known = ", ".join(ro.id for ro in catalog.roles)
            raise r.error("audience", t("content.unknown_ref", value=role_id, known=known))
    return info


def load_worksheet_index(root: Path, catalog: Catalog) -> tuple[WorksheetInfo, ...]:
    """All worksheets below ``root``, checked: metadata valid, ids unique across the tree."""
    infos: list[WorksheetInfo] = []
    seen: dict[str, str] = {}
    for path in notebook_paths(root):
        info = read_worksheet_info(path, root, catalog)
        if info.id in seen:
            raise ContentError(
                f"workbooks/{info.path}",
                1,
                "id",
                t("content.duplicate_id", id=info.id, other=f"workbooks/{seen[info.id]}"),
            )
        seen[info.id] = info.path
        infos.append(info)
    return tuple(infos)


def find_worksheet(root: Path, catalog: Catalog, worksheet_id: str) -> WorksheetInfo | None:
    """The worksheet with ``worksheet_id``, reading only the notebooks named like it."""
    for path in notebook_paths(root):
        if path.stem == worksheet_id:
            return read_worksheet_info(path, root, catalog)
    return None
