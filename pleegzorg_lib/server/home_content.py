"""What a network's home shows besides the exchange itself — the worksheets, the next
meetings, the newest Kennisdossier sources — read from ``workbooks/`` and ``data/`` and kept
until one of their files changes (an author's edit shows on the next view)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from .. import config
from ..model import Catalog

_cache: dict[tuple[Any, ...], Any] = {}
_cache_lock = threading.Lock()


def fresh(key: str, files: list[Path], load: Any) -> Any:
    """``load()``, again only when one of ``files`` changed (its modification time): an
    author's edit of data/ or a notebook shows on the next view, without reading the YAML
    and the notebooks on every view (about 30 ms of a home view did that)."""
    stamp = tuple((str(f), f.stat().st_mtime_ns if f.exists() else 0) for f in files)
    with _cache_lock:
        hit = _cache.get((key, stamp))
    if hit is not None:
        return hit
    value = load()
    with _cache_lock:
        for old in [k for k in _cache if k[0] == key]:
            del _cache[old]
        _cache[(key, stamp)] = value
    return value


def worksheets(catalog: Catalog) -> list[Any]:
    from ..content.workbooks import load_worksheet_index

    root = config.workbooks_dir()
    notebooks = sorted(root.rglob("*.ipynb"))
    return fresh(
        f"index:{root}:{id(catalog)}",
        [root, *notebooks],
        lambda: load_worksheet_index(root, catalog),
    )


def next_meetings(network_id: str, catalog: Any, today: date | None = None) -> list[Any]:
    from ..content.yearplan import load_plan, when_text, where_text

    path = config.data_dir() / "plans" / f"{network_id}.yaml"
    if not path.exists():
        return []
    plan = fresh(
        f"plan:{path}:{id(catalog)}",
        [path, *(config.data_dir() / "networks").glob("*.yaml")],
        lambda: load_plan(config.data_dir(), network_id, catalog=catalog),
    )
    today = today or date.today()
    return [
        {"title": m.title, "when": when_text(m), "where": where_text(m)}
        for m in plan.meetings
        if m.date >= today
    ][:3]


def newest_sources(network: Any, catalog: Any) -> list[Any]:
    from ..content.dossier import load_dossier

    source = config.data_dir() / "kennisdossier.yaml"
    dossier = fresh(
        f"dossier:{source}:{id(catalog)}",
        [source],
        lambda: load_dossier(config.data_dir(), catalog),
    )
    themes = {theme.id for theme in network.themes}
    mine = [r for r in dossier.resources if themes & set(r.themes)] or list(dossier.resources)
    return sorted(mine, key=lambda r: -(r.year or 0))[:5]


def cycles_of(info: Any) -> list[Any]:
    """The reflection cycles a worksheet asks (``services.story_draft.CycleOnPage``), read
    from its notebook without running it, again only when the notebook or cycles.yaml
    changed. A notebook that does not read cleanly asks none (``pleegzorg check`` says why)."""
    from ..content import ContentError
    from ..content.questions import questions_in_source
    from ..content.tools import load_cycles
    from ..services.story_draft import cycles_in

    path = config.workbooks_dir() / info.path
    cycles_file = config.data_dir() / "tools" / "cycles.yaml"

    def load() -> list[Any]:
        import nbformat

        try:
            nb = nbformat.read(path, as_version=4)
            questions = [
                q
                for cell in nb.cells
                if cell.cell_type == "code"
                for q in questions_in_source(cell.source, info.path)
            ]
        except (OSError, ValueError, ContentError):
            return []
        return cycles_in(questions, load_cycles(config.data_dir()))

    return fresh(f"cycles:{path}", [path, cycles_file], load)
