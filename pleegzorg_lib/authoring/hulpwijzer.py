"""The hulpwijzer seen from the author's side: where every worksheet shows help, for which
answers (``pleegzorg check --hulpwijzer``), and which entries nobody checked for a year (a
warning of ``pleegzorg check``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import nbformat

from .. import config
from ..content import ContentError, load_catalog, notebook_paths, read_worksheet_info
from ..i18n import t
from .check import _label, question_problems


@dataclass(frozen=True)
class DistressRule:
    """Where a worksheet shows the hulpwijzer beside a question, and for which answers."""

    worksheet: str
    audience: tuple[str, ...]
    question_id: str
    prompt: str
    #: the answers that show the help; ``None``: every answer (a marked open question)
    answers: tuple[Any, ...] | None
    shared: bool


def distress_rules(root: Path | None = None) -> list[DistressRule]:
    """Every question on every worksheet below ``root`` that can show the hulpwijzer, with
    the answers that do (``pleegzorg check --hulpwijzer`` prints them; a test walks them)."""
    from ..content.signposting import load_signposting

    root = (root or config.workbooks_dir()).resolve()
    catalog = load_catalog(config.data_dir())
    rules = load_signposting(config.data_dir())
    found: list[DistressRule] = []
    for path in notebook_paths(root):
        info = read_worksheet_info(path, root, catalog)
        _problems, declared = question_problems(_label(path, root), nbformat.read(path, 4))
        for _cell, question in declared:
            if not rules.watches(question):
                continue
            answers = rules.distress_answers(question)  # triggers ("stoppen") included
            if answers == ():
                continue
            found.append(
                DistressRule(
                    worksheet=info.path,
                    audience=info.audience,
                    question_id=question.id,
                    prompt=question.prompt,
                    answers=answers,
                    shared=question.shared,
                )
            )
    return found


def hulpwijzer_warnings(today: date | None = None) -> list[str]:
    """A line per hulpwijzer entry whose number, hours and text nobody checked for a year."""
    from ..content.signposting import SIGNPOSTING_FILE, load_signposting
    from ..model.signposting import stale_helpers

    try:
        rules = load_signposting(config.data_dir())
    except ContentError:
        return []  # the problem itself is reported where the hulpwijzer is loaded
    file = f"{config.data_dir().name}/{SIGNPOSTING_FILE}"
    return [
        t("signpost.stale", file=file, id=h.id, checked=str(h.checked))
        for h in stale_helpers(rules, today or date.today())
    ]
