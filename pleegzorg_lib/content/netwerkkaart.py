"""Load ``data/tools/netwerkkaart.yaml`` (sectors, support kinds, levels, prompts) into a MapSpec.

The ids in the file must be exactly the model's (they are what the store holds); everything
else is free to edit. Every problem names file, line and field in Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..i18n import t
from ..model.netwerkkaart import (
    CLOSENESS_LEVELS,
    GAP_PLACEHOLDERS,
    QUALITY_IDS,
    SECTOR_IDS,
    SUPPORT_IDS,
    ClosenessLevel,
    GapPrompt,
    MapSpec,
    QualityLevel,
    Sector,
    SupportKind,
    placeholders,
)
from ._fields import FieldReader
from ._yaml import ContentError, LineList, load_yaml

__all__ = ["SPEC_FILE", "load_netwerkkaart_spec", "read_netwerkkaart_spec"]

SPEC_FILE = Path("tools") / "netwerkkaart.yaml"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LINES = ("solid", "dashed", "dotted")

T = TypeVar("T")


def _list(doc: FieldReader, key: str) -> LineList:
    raw = doc.get(key, list)
    if isinstance(raw, LineList):
        return raw
    items = LineList(raw)
    items.line, items.item_lines = doc.line_of(key), [doc.line_of(key)] * len(raw)
    return items


def _colour(r: FieldReader, key: str = "colour") -> str:
    value = r.get(key, str)
    if not COLOUR.match(value):
        raise r.error(key, t("content.nk_colour", value=value))
    return value


def _items(
    doc: FieldReader,
    key: str,
    read: Callable[[FieldReader], T],
    ident: Callable[[T], Any],
    expected: tuple[Any, ...],
    id_field: str,
) -> tuple[T, ...]:
    """Read list ``key`` with ``read``; its ids must be ``expected`` (any order, no repeats)."""
    items = _list(doc, key)
    result: list[T] = []
    seen: set[Any] = set()
    for index, block in enumerate(items):
        r = FieldReader(block, doc.file, f"{key}[{index}]", items.item_lines[index])
        item = read(r)
        r.finish()
        value = ident(item)
        if value not in expected:
            known = ", ".join(map(str, expected))
            raise r.error(id_field, t("content.unknown_ref", value=value, known=known))
        if value in seen:
            raise r.error(id_field, t("content.duplicate_id", id=value, other=doc.file))
        seen.add(value)
        result.append(item)
    missing = [str(v) for v in expected if v not in seen]
    if missing:
        raise ContentError(
            doc.file, items.line, key, t("content.nk_missing_ids", ids=", ".join(missing))
        )
    return tuple(result)


def _sector(r: FieldReader) -> Sector:
    return Sector(
        id=r.get_id(),
        label=r.get("label", str),
        short=r.get("short", str),
        informal=r.get("informal", bool),
        colour=_colour(r),
        description=r.get("description", str, required=False, default=""),
    )


def _support(r: FieldReader) -> SupportKind:
    return SupportKind(
        id=r.get_id(),
        label=r.get("label", str),
        short=r.get("short", str),
        description=r.get("description", str, required=False, default=""),
    )


def _closeness(r: FieldReader) -> ClosenessLevel:
    return ClosenessLevel(
        level=r.get("level", int),
        label=r.get("label", str),
        description=r.get("description", str, required=False, default=""),
    )


def _quality(r: FieldReader) -> QualityLevel:
    quality_id = r.get_id()
    line = r.get("line", str)
    if line not in LINES:
        raise r.error("line", t("content.unknown_ref", value=line, known=", ".join(LINES)))
    return QualityLevel(
        id=quality_id,
        label=r.get("label", str),
        line=line,
        colour=_colour(r),
        description=r.get("description", str, required=False, default=""),
    )


def _prompt(r: FieldReader) -> GapPrompt:
    gap = r.get("gap", str)
    text = r.get("text", str)
    allowed = GAP_PLACEHOLDERS.get(gap)
    if allowed is not None:  # an unknown gap is reported by _items with the known ones
        try:
            used = placeholders(text)
        except ValueError as exc:
            raise r.error("text", t("content.nk_placeholder", name=str(exc), allowed="-")) from exc
        for name in sorted(used - allowed):
            shown = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "-"
            raise r.error("text", t("content.nk_placeholder", name=name, allowed=shown))
    return GapPrompt(gap=gap, text=text.strip())


def read_netwerkkaart_spec(data_dir: Path | str) -> MapSpec:
    """Read ``tools/netwerkkaart.yaml`` from ``data_dir`` (every time; see the cached one).

    Raises
    ------
    ContentError
        The first problem found, naming file, line and field.
    """
    root = Path(data_dir)
    path = root / SPEC_FILE
    name = str(Path(root.name) / SPEC_FILE)
    doc = FieldReader(load_yaml(path, name), name, "")
    source = _list(doc, "source")
    for index, item in enumerate(source):
        if not isinstance(item, str) or not item.strip():
            raise ContentError(
                name, source.item_lines[index], f"source[{index}]", t("content.empty")
            )
    sectors = _items(doc, "sectors", _sector, lambda s: s.id, SECTOR_IDS, "id")
    support = _items(doc, "support_kinds", _support, lambda k: k.id, SUPPORT_IDS, "id")
    closeness = _items(doc, "closeness", _closeness, lambda c: c.level, CLOSENESS_LEVELS, "level")
    quality = _items(doc, "quality", _quality, lambda q: q.id, QUALITY_IDS, "id")
    prompts = _items(doc, "prompts", _prompt, lambda p: p.gap, tuple(GAP_PLACEHOLDERS), "gap")
    doc.finish()
    return MapSpec(
        sectors=sectors,
        support_kinds=support,
        closeness=tuple(sorted(closeness, key=lambda c: c.level)),  # drawn from the centre out
        quality=quality,
        prompts=prompts,
        source=tuple(" ".join(s.split()) for s in source),
    )


@lru_cache(maxsize=4)
def _cached(data_dir: str) -> MapSpec:
    return read_netwerkkaart_spec(data_dir)


def load_netwerkkaart_spec(data_dir: Path | str) -> MapSpec:
    """The netwerkkaart spec of ``data_dir``, read once per process (kernels ask often).

    Raises
    ------
    ContentError
        The first problem found, naming file, line and field (not cached: fix and retry).
    """
    return _cached(str(Path(data_dir).resolve()))
