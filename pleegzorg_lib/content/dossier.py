"""Load the Kennisdossier (``data/kennisdossier.yaml``) and check it against the catalog."""

from __future__ import annotations

from pathlib import Path

from ..i18n import t
from ..model import Catalog
from ..model.dossier import RESOURCE_KINDS, Dossier, Resource
from ._fields import FieldReader, string_list
from ._yaml import ContentError, LineList, load_yaml
from .catalog import load_catalog

DOSSIER_FILE = "kennisdossier.yaml"
_URL_SCHEMES = ("http://", "https://")


def check_url(r: FieldReader, key: str, value: str | None) -> str | None:
    """A link is shown to participants: only plain http(s) addresses, no spaces."""
    if value is None:
        return None
    text = value.strip()
    if not text.lower().startswith(_URL_SCHEMES) or any(c.isspace() for c in text):
        raise r.error(key, t("dossier.error.url", value=value))
    if len(text) <= len("https://") or text.split("://", 1)[1].startswith("/"):
        raise r.error(key, t("dossier.error.url", value=value))
    return text


def _resource(item: object, name: str, index: int, line: int, themes: set[str]) -> Resource:
    r = FieldReader(item, name, f"resources[{index}]", line)
    resource_id = r.get_id()
    kind = r.get("kind", str)
    if kind not in RESOURCE_KINDS:
        raise r.error("kind", t("content.unknown_ref", value=kind, known=", ".join(RESOURCE_KINDS)))
    theme_ids = string_list(r, "themes")
    if not theme_ids:
        raise r.error("themes", t("content.empty"))
    for theme in theme_ids:
        if theme not in themes:
            known = ", ".join(sorted(themes))
            raise r.error("themes", t("content.unknown_ref", value=theme, known=known))
    year = r.get("year", int, required=False)
    if year is not None and not 1900 <= year <= 2100:
        raise r.error("year", t("dossier.error.year", value=str(year)))
    resource = Resource(
        id=resource_id,
        title=r.get("title", str).strip(),
        kind=kind,
        themes=theme_ids,
        keywords=string_list(r, "keywords"),
        summary=" ".join(r.get("summary", str).split()),
        publisher=r.get("publisher", str).strip(),
        year=year,
        url=check_url(r, "url", r.get("url", str, required=False)),
    )
    r.finish()
    return resource


def load_dossier(data_dir: Path | str, catalog: Catalog | None = None) -> Dossier:
    """Read ``kennisdossier.yaml`` from ``data_dir``.

    Parameters
    ----------
    data_dir
        The catalog folder (``data/``).
    catalog
        The catalog whose theme ids the resources may use; read from ``data_dir`` if omitted.

    Raises
    ------
    ContentError
        The first problem found, naming file, line and field: an unknown theme or kind, a
        link that is not http(s), a duplicate id, a missing field.
    """
    root = Path(data_dir)
    catalog = catalog or load_catalog(root)
    themes = {theme.id for network in catalog.networks for theme in network.themes}
    path = root / DOSSIER_FILE
    name = f"{root.name}/{DOSSIER_FILE}"
    doc = FieldReader(load_yaml(path, name), name, "")
    raw = doc.get("resources", list)
    doc.finish()
    lines = raw.item_lines if isinstance(raw, LineList) else [doc.line_of("resources")] * len(raw)
    resources: list[Resource] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        resource = _resource(item, name, index, lines[index], themes)
        if resource.id in seen:
            raise ContentError(
                name,
                getattr(item, "line", lines[index]),
                f"resources[{index}].id",
                t("content.duplicate_id", id=resource.id, other=name),
            )
        seen.add(resource.id)
        resources.append(resource)
    return Dossier(resources=tuple(resources))
