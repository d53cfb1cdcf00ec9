"""Load the hulpwijzer (``data/hulpwijzer.yaml``): who helps with what, for which role, and
the rules for when a worksheet shows it (``model/signposting.py``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..i18n import current_language, t
from ..model import Catalog
from ..model.signposting import Helper, Signposting
from ._fields import FieldReader, date_field, string_list
from ._yaml import LineList, load_yaml
from .catalog import load_catalog
from .dossier import check_url

SIGNPOSTING_FILE = "hulpwijzer.yaml"


def load_signposting(
    data_dir: Path | str, catalog: Catalog | None = None, lang: str | None = None
) -> Signposting:
    """Read ``hulpwijzer.yaml`` from ``data_dir`` in ``lang`` (texts may have ``_en``).

    Raises
    ------
    ContentError
        The first problem, naming file, line and field: an unknown role, a trigger that is
        not lower case, a missing text, a link that is not http(s), a duplicate id.
    """
    root = Path(data_dir)
    lang = lang or current_language()
    catalog = catalog or load_catalog(root, lang)
    roles = {role.id for role in catalog.roles}
    name = f"{root.name}/{SIGNPOSTING_FILE}"
    doc = FieldReader(load_yaml(root / SIGNPOSTING_FILE, name), name, "")
    title = doc.get_text("title", lang).strip()
    intro = " ".join(doc.get_text("intro", lang).split())
    scale_low_max = doc.get("scale_low_max", int)
    if not 0 <= scale_low_max <= 5:
        raise doc.error("scale_low_max", t("signpost.error.low_max", value=str(scale_low_max)))
    if "likert_low_count" in doc.block:  # retired: a Likert names its distress answers
        raise doc.error("likert_low_count", t("signpost.error.likert_low_retired"))
    triggers = string_list(doc, "triggers")
    for trigger in triggers:
        if trigger != trigger.lower():
            raise doc.error("triggers", t("signpost.error.trigger_case", value=trigger))
    raw = doc.get("helpers", list)
    doc.finish()
    lines = raw.item_lines if isinstance(raw, LineList) else [doc.line_of("helpers")] * len(raw)
    helpers: list[Helper] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        r = FieldReader(item, name, f"helpers[{index}]", lines[index])
        helper_id = r.get_id()
        if helper_id in seen:
            raise r.error("id", t("content.duplicate_id", id=helper_id, other=name))
        seen.add(helper_id)
        for_roles = string_list(r, "roles")
        for role in for_roles:
            if role not in roles:
                known = ", ".join(sorted(roles))
                raise r.error("roles", t("content.unknown_ref", value=role, known=known))
        contact = r.get_text("contact", lang, required=False, default="").strip()
        hours = " ".join(r.get_text("hours", lang, required=False, default="").split())
        if contact and not hours:  # a line to call: when it answers is part of the help
            raise r.error("hours", t("signpost.error.hours"))
        helpers.append(
            Helper(
                id=helper_id,
                name=r.get_text("name", lang).strip(),
                text=" ".join(r.get_text("text", lang).split()),
                contact=contact,
                url=check_url(r, "url", r.get("url", str, required=False)),
                roles=for_roles,
                default=bool(r.get("default", bool, required=False, default=False)),
                hours=hours,
                checked=date_field(r, "checked", "signpost.error.checked"),
            )
        )
        r.finish()
    if not helpers:
        raise doc.error("helpers", t("content.empty"))
    return Signposting(
        title=title,
        intro=intro,
        helpers=tuple(helpers),
        scale_low_max=scale_low_max,
        triggers=triggers,
    )


def cached_signposting(data_dir: str, lang: str | None = None) -> Signposting:
    """The hulpwijzer of ``data_dir``, read once per process and language."""
    return _cached(data_dir, lang or current_language())


@lru_cache(maxsize=8)
def _cached(data_dir: str, lang: str) -> Signposting:
    return load_signposting(data_dir, lang=lang)
