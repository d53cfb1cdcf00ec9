"""Load the catalog in ``data/`` (networks with themes, roles) into the model."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import config
from ..i18n import current_language, t
from ..model import Catalog, LearningNetwork, Role, Theme
from ._fields import FieldReader
from ._yaml import ContentError, LineList, load_yaml


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _items(value: object, file: str, field: str, line: int) -> LineList:
    if not isinstance(value, list):
        raise ContentError(
            file,
            line,
            field,
            t("content.wrong_type", expected=t("content.type.list"), actual=type(value).__name__),
        )
    if isinstance(value, LineList):
        return value
    items = LineList(value)
    items.line, items.item_lines = line, [line] * len(value)
    return items


def _load_roles(path: Path, name: str, lang: str) -> tuple[Role, ...]:
    doc = FieldReader(load_yaml(path, name), name, "")
    raw = doc.get("roles", list)
    doc.finish()
    items = _items(raw, name, "roles", doc.line_of("roles"))
    roles: list[Role] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        r = FieldReader(item, name, f"roles[{index}]", items.item_lines[index])
        role = Role(
            id=r.get_id(),
            name=r.get_text("name", lang),
            group=r.get("group", str),
            description=r.get_text("description", lang, required=False),
        )
        r.finish()
        if role.id in seen:
            raise r.error("id", t("content.duplicate_id", id=role.id, other=seen[role.id]))
        seen[role.id] = name
        roles.append(role)
    return tuple(roles)


def _load_network(path: Path, name: str, lang: str) -> LearningNetwork:
    r = FieldReader(load_yaml(path, name), name, "")
    network_id = r.get_id()
    title = r.get_text("name", lang)
    description = r.get_text("description", lang)
    per_year = r.get("meetings_per_year", int, required=False, default=6)
    minutes = r.get("meeting_minutes", int, required=False, default=90)
    order = r.get("order", int, required=False, default=100)
    raw_themes = _items(r.get("themes", list), name, "themes", r.line_of("themes"))
    r.finish()
    themes: list[Theme] = []
    seen: set[str] = set()
    for index, item in enumerate(raw_themes):
        tr = FieldReader(item, name, f"themes[{index}]", raw_themes.item_lines[index])
        theme = Theme(
            id=tr.get_id(),
            name=tr.get_text("name", lang),
            description=tr.get_text("description", lang),
        )
        tr.finish()
        if theme.id in seen:
            raise tr.error("id", t("content.duplicate_id", id=theme.id, other=name))
        seen.add(theme.id)
        themes.append(theme)
    return LearningNetwork(
        id=network_id,
        name=title,
        description=description,
        themes=tuple(themes),
        meetings_per_year=per_year,
        meeting_minutes=minutes,
        order=order,
    )


def load_catalog(data_dir: Path | str | None = None, lang: str | None = None) -> Catalog:
    """Read ``roles.yaml`` and ``networks/*.yaml`` from ``data_dir``, with names and
    descriptions in ``lang`` where ``data/`` has a translation (default: the current language).

    Raises
    ------
    ContentError
        The first problem found, naming file, line and field.
    """
    root = Path(data_dir) if data_dir is not None else config.data_dir()
    lang = lang or current_language()
    roles_path = root / "roles.yaml"
    roles = _load_roles(roles_path, _display(roles_path, root), lang)
    networks: list[LearningNetwork] = []
    seen: dict[str, str] = {}
    for path in sorted((root / "networks").glob("*.yaml")):
        name = _display(path, root)
        network = _load_network(path, name, lang)
        if network.id in seen:
            raise ContentError(
                name, 1, "id", t("content.duplicate_id", id=network.id, other=seen[network.id])
            )
        seen[network.id] = name
        networks.append(network)
    networks.sort(key=lambda n: (n.order, n.id))
    return Catalog(networks=tuple(networks), roles=roles)


def cached_catalog(data_dir: str, lang: str | None = None) -> Catalog:
    """The catalog of ``data_dir`` in ``lang`` (default: the current language), read once per
    process (kernels ask for it often)."""
    return _cached_catalog(data_dir, lang or current_language())


@lru_cache(maxsize=8)
def _cached_catalog(data_dir: str, lang: str) -> Catalog:
    return load_catalog(data_dir, lang)
