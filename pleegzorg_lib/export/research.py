"""The session's research data as Excel (.xlsx) and SPSS (.sav) files (issue 30), beside
the CSV (``report.answers_csv``), from the same rows (``report.research_rows``): no names,
no ids, personal and hidden open answers left out, small roles merged, nothing below k.

- **Excel**: a sheet named after the worksheet with the CSV's columns (deelnemer, rol,
  vraag, soort, antwoord), one row per answer, every answer a *text* cell (a cell that
  starts with ``=`` stays the text it is, never a formula), numbers as numbers; and a sheet
  ``Vragen`` with each question's id, kind, text and options.
- **SPSS**: one case per participant (``deelnemer`` P1 …, ``rol``), one variable per
  question (its id, with ``-`` as ``_``) labelled with the question's text. Likert and single
  choice answers are codes 1…n with the options as value labels; scales are numbers; open,
  multiple choice and ranking answers are text (lists as JSON).
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from typing import Any

from ..model import QuestionKind
from ..store.interfaces import SessionReadStore
from .report import CSV_COLUMNS, SessionData, research_rows, value_text

__all__ = ["answers_sav", "answers_xlsx", "spss_name"]

QUESTIONS_SHEET = "Vragen"
QUESTION_COLUMNS = ("vraag", "soort", "tekst", "opties")
#: kinds whose answers become labelled codes in SPSS
CODED = (QuestionKind.LIKERT, QuestionKind.SINGLE_CHOICE)
NUMERIC = (QuestionKind.SCALE_0_10,)


def _sheet_title(text: str) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31] or "Antwoorden"


def answers_xlsx(store: SessionReadStore, data: SessionData) -> bytes:
    """The research data as an .xlsx workbook (see the module docstring)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(data.worksheet.info.id)
    sheet.append(list(CSV_COLUMNS))
    for number, role, qid, kind, value in research_rows(store, data):
        sheet.append([number, role, qid, kind, None])
        cell = sheet.cell(row=sheet.max_row, column=len(CSV_COLUMNS))
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell.value = value
        else:
            cell.value = value_text(value)
            cell.data_type = "s"  # text, also when it starts with "=": never a formula
    questions = book.create_sheet(QUESTIONS_SHEET)
    questions.append(list(QUESTION_COLUMNS))
    for q in data.worksheet.questions:
        row = [q.id, q.kind.value, q.prompt, " | ".join(q.options)]
        questions.append(row)
        for column in range(1, len(row) + 1):
            questions.cell(row=questions.max_row, column=column).data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def spss_name(question_id: str) -> str:
    """A question id as an SPSS variable name: letters, digits and ``_``, starting with a
    letter, at most 64 characters."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", question_id)
    if not name or not name[0].isalpha():
        name = "v_" + name
    return name[:64]


def answers_sav(store: SessionReadStore, data: SessionData) -> bytes:
    """The research data as an SPSS .sav file (see the module docstring)."""
    import pandas as pd
    import pyreadstat

    questions = [q for q in data.worksheet.questions if q.kind != QuestionKind.OPEN or q.shared]
    names = {q.id: spss_name(q.id) for q in questions}
    by_id = {q.id: q for q in questions}
    cases: dict[str, dict[str, Any]] = {}
    for number, role, qid, _kind, value in research_rows(store, data):
        q = by_id.get(qid)
        if q is None:
            continue
        case = cases.setdefault(number, {"deelnemer": number, "rol": role})
        if q.kind in CODED:
            value = q.upgrade(value)  # an option stored in an earlier wording
            case[names[qid]] = q.options.index(value) + 1 if value in q.options else None
        elif q.kind in NUMERIC:
            case[names[qid]] = float(value) if isinstance(value, int | float) else None
        else:
            case[names[qid]] = value_text(value)
    columns = ["deelnemer", "rol", *names.values()]
    frame = pd.DataFrame(list(cases.values()), columns=columns)
    for q in questions:
        column = names[q.id]
        if q.kind in CODED or q.kind in NUMERIC:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
        else:
            frame[column] = [v if isinstance(v, str) else "" for v in frame[column]]
    labels = {"deelnemer": "Deelnemer (per export)", "rol": "Rol"}
    labels.update({names[q.id]: q.prompt[:256] for q in questions})
    value_labels = {
        names[q.id]: {float(i): option[:120] for i, option in enumerate(q.options, start=1)}
        for q in questions
        if q.kind in CODED
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "antwoorden.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            column_labels=[labels[c] for c in columns],
            variable_value_labels=value_labels,
        )
        return path.read_bytes()
