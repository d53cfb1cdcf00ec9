"""``pleegzorg new``: a new worksheet notebook to start from.

The notebook has its ``pleegzorg`` metadata, a short introduction and one example of each
question kind, every placeholder saying that it is to be replaced. It passes
``pleegzorg check`` as it is, so an author starts from something that works.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import config
from ..content import load_catalog, notebook_paths
from ..i18n import t
from ..model import is_valid_id

if TYPE_CHECKING:  # nbformat pulls in traitlets: the command line loads it only when used
    import nbformat

__all__ = ["ScaffoldError", "scaffold_worksheet", "slugify"]

#: Version of the worksheet's metadata layout, written into every new notebook.
METADATA_VERSION = 1
MAX_MINUTES = 240
_MAX_ID = 63
_LIGATURES = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"})


class ScaffoldError(ValueError):
    """The worksheet cannot be created: the message says why, in the user's language."""


def slugify(title: str) -> str:
    """``title`` as an id: lowercase, accents stripped, words joined by dashes.

    >>> slugify("Één stap verder: samen opvoeden!")
    'een-stap-verder-samen-opvoeden'
    """
    text = unicodedata.normalize("NFKD", title.lower().translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > _MAX_ID:  # cut at a word boundary, never in the middle of a word
        cut = slug[: _MAX_ID + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:_MAX_ID]
    return slug


def _literal(value: Any) -> str:
    # JSON strings and lists of strings are valid Python literals, in the double quotes the
    # workbooks use, and keep accents readable.
    return json.dumps(value, ensure_ascii=False)


def _options(key: str) -> list[str]:
    return t(key).split("|")


def _question_lines(worksheet_id: str) -> list[str]:
    q = _literal
    return [
        t("authoring.template.comment"),
        f"ws.open_question({q('vraag-open')}, {q(t('authoring.template.open'))}, "
        f"help={q(t('authoring.template.open_help'))})",
        f"ws.likert({q('vraag-stelling')}, {q(t('authoring.template.likert'))})",
        f"ws.single_choice({q('vraag-keuze')}, {q(t('authoring.template.single'))}, "
        f"{q(_options('authoring.template.single_options'))})",
        f"ws.multiple_choice({q('vraag-meerkeuze')}, {q(t('authoring.template.multiple'))}, "
        f"{q(_options('authoring.template.multiple_options'))})",
        f"ws.scale_0_10({q('vraag-cijfer')}, {q(t('authoring.template.scale'))}, "
        f"low={q(t('authoring.template.scale_low'))}, "
        f"high={q(t('authoring.template.scale_high'))})",
        f"ws.ranking({q('vraag-volgorde')}, {q(t('authoring.template.ranking'))}, "
        f"{q(_options('authoring.template.ranking_items'))})",
        "ws.finish()",
    ]


def new_notebook(
    worksheet_id: str, *, network_id: str, theme_id: str, title: str, minutes: int
) -> nbformat.NotebookNode:
    """The notebook of a new worksheet: metadata, introduction, six example questions."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "pleegzorg": {
                "network_id": network_id,
                "theme_id": theme_id,
                "title": title,
                "description": t("authoring.template.description"),
                "duration_minutes": minutes,
                "audience": [],
                "version": METADATA_VERSION,
            },
        }
    )
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from pleegzorg_lib import worksheet\n\nws = worksheet({_literal(worksheet_id)})"
        ),
        nbformat.v4.new_markdown_cell(t("authoring.template.intro")),
        nbformat.v4.new_markdown_cell(t("authoring.template.heading")),
        nbformat.v4.new_code_cell("\n".join(_question_lines(worksheet_id))),
    ]
    return nb


def scaffold_worksheet(
    network_id: str,
    title: str,
    *,
    theme_id: str | None = None,
    worksheet_id: str | None = None,
    minutes: int = 20,
    root: Path | None = None,
    data_dir: Path | None = None,
) -> Path:
    """Create ``<root>/<network_id>/<worksheet_id>.ipynb`` and return its path.

    Parameters
    ----------
    network_id, title
        The learning network (an id from ``data/networks``) and the worksheet's title.
    theme_id
        A theme of that network; default its first theme.
    worksheet_id
        The worksheet's id; default a slug of ``title`` (lowercase, no accents, dashes).
    minutes
        How long filling it in takes (1 to 240).
    root, data_dir
        The workbooks folder and the catalog; default :mod:`pleegzorg_lib.config`.

    Raises
    ------
    ScaffoldError
        Unknown network or theme, an invalid or taken id, an existing file, no title.
    """
    root = root or config.workbooks_dir()
    catalog = load_catalog(data_dir or config.data_dir())
    network = catalog.network(network_id)
    if network is None:
        known = ", ".join(n.id for n in catalog.networks)
        raise ScaffoldError(t("authoring.new.unknown_network", id=network_id, known=known))
    if theme_id is None:
        theme_id = network.themes[0].id
    elif network.theme(theme_id) is None:
        known = ", ".join(th.id for th in network.themes)
        raise ScaffoldError(
            t("authoring.new.unknown_theme", id=theme_id, network=network_id, known=known)
        )
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(t("authoring.new.no_title"))
    if worksheet_id is None:
        worksheet_id = slugify(title)
        if not is_valid_id(worksheet_id):
            raise ScaffoldError(t("authoring.new.no_slug", title=title))
    elif not is_valid_id(worksheet_id):
        raise ScaffoldError(t("authoring.new.bad_id", id=worksheet_id))
    if isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise ScaffoldError(t("authoring.new.minutes", value=minutes))
    target = root / network_id / f"{worksheet_id}.ipynb"
    if target.exists():
        raise ScaffoldError(t("authoring.new.exists", path=str(target)))
    if root.is_dir():
        for other in notebook_paths(root):
            if other.stem == worksheet_id:
                raise ScaffoldError(t("authoring.new.id_taken", id=worksheet_id, path=str(other)))
    nb = new_notebook(
        worksheet_id, network_id=network_id, theme_id=theme_id, title=title, minutes=minutes
    )
    import nbformat

    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        nbformat.write(nb, handle)
    return target
