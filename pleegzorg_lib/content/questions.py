"""Question factories shared by notebooks (at run time) and the static reader (no kernel).

A worksheet notebook calls ``ws.likert("id", "prompt")``; the same call, read from the
notebook's source with :mod:`ast`, gives the facilitator view and the report the questions
without executing the notebook. Arguments must therefore be literal text.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..i18n import DEFAULT_LANGUAGE, t
from ..model import DEFAULT_MAX_LENGTH, Question, QuestionKind, Worksheet, WorksheetInfo
from ._yaml import ContentError


def _distress(
    id: str, distress: bool | Sequence[str], options: Sequence[str], *, likert: bool = False
) -> tuple[bool, tuple[str, ...]]:
    """``distress=True`` or the list of answers that signal distress, checked: every named
    answer is an option; a Likert must name them (a statement can be worded either way)."""
    if isinstance(distress, bool):
        if distress and likert:
            raise ValueError(t("content.distress_likert", id=id, options=", ".join(options)))
        return distress, ()
    if isinstance(distress, str) or not isinstance(distress, Sequence):
        raise ValueError(t("content.distress_kind", id=id))
    named = tuple(distress)
    unknown = [a for a in named if a not in options]
    if unknown or not named:
        raise ValueError(
            t(
                "content.distress_unknown",
                id=id,
                unknown=", ".join(unknown) or "-",
                options=", ".join(options),
            )
        )
    return True, named


def open_question(
    id: str,
    prompt: str,
    *,
    help: str = "",
    shared: bool = False,
    max_length: int | None = None,
    distress: bool = False,
) -> Question:
    """An open question answered in a text field. ``distress=True``: it touches distress,
    so where to find help is shown beside it (``data/hulpwijzer.yaml``)."""
    return Question(
        id=id,
        kind=QuestionKind.OPEN,
        prompt=prompt,
        help=help,
        shared=shared,
        max_length=max_length or DEFAULT_MAX_LENGTH,
        distress=distress,
    )


def likert(
    id: str,
    prompt: str,
    *,
    labels: Sequence[str] | None = None,
    help: str = "",
    shared: bool = False,
    distress: bool | Sequence[str] = False,
) -> Question:
    """A statement rated on five points ("helemaal mee oneens" … "helemaal mee eens").
    ``distress=["Helemaal mee eens", "Mee eens"]``: help is shown beside these answers —
    name them, because a statement can be worded either way ("Ik zit klem", "Ik word
    gehoord"); ``distress=True`` alone is refused."""
    # The default labels are stored in Dutch whatever the page's language (answers compare
    # across languages); the page shows them translated (``i18n.display_option``).
    default = tuple(t(f"likert.{i}", DEFAULT_LANGUAGE) for i in range(1, 6))
    options = tuple(labels) if labels else default
    marked, answers = _distress(id, distress, options, likert=True)
    return Question(
        id=id,
        kind=QuestionKind.LIKERT,
        prompt=prompt,
        options=options,
        help=help,
        shared=shared,
        distress=marked,
        distress_answers=answers,
    )


def single_choice(
    id: str,
    prompt: str,
    options: Sequence[str],
    *,
    help: str = "",
    shared: bool = False,
    distress: bool | Sequence[str] = False,
    renamed: Mapping[str, str] | None = None,
) -> Question:
    """One answer out of several. Help is shown when an option like "stoppen" or "niemand"
    is chosen (the triggers in ``data/hulpwijzer.yaml``), beside the answers named in
    ``distress=["Niemand", …]``, or always with ``distress=True``."""
    marked, answers = _distress(id, distress, tuple(options))
    return Question(
        id=id,
        kind=QuestionKind.SINGLE_CHOICE,
        prompt=prompt,
        options=tuple(options),
        help=help,
        shared=shared,
        distress=marked,
        distress_answers=answers,
        renamed=tuple((renamed or {}).items()),
    )


def multiple_choice(
    id: str,
    prompt: str,
    options: Sequence[str],
    *,
    help: str = "",
    shared: bool = False,
    distress: bool | Sequence[str] = False,
    renamed: Mapping[str, str] | None = None,
) -> Question:
    """Any number of answers out of several (help as for ``single_choice``).

    ``renamed={"old wording": "new wording"}`` keeps the answers stored under an
    option's earlier wording (``pleegzorg check`` asks for it when one is reworded)."""
    marked, answers = _distress(id, distress, tuple(options))
    return Question(
        id=id,
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt=prompt,
        options=tuple(options),
        help=help,
        shared=shared,
        distress=marked,
        distress_answers=answers,
        renamed=tuple((renamed or {}).items()),
    )


def scale_0_10(
    id: str,
    prompt: str,
    *,
    low: str = "",
    high: str = "",
    help: str = "",
    shared: bool = False,
    distress: bool = False,
    distress_below: int | None = None,
) -> Question:
    """A schaalvraag: a number from 0 to 10, with optional words for both ends.
    ``distress=True``: help is shown when the answer falls at the lower end (0–2, the
    hulpwijzer's ``scale_low_max``); ``distress_below=4``: for the answers 0–3."""
    if distress_below is not None and (
        isinstance(distress_below, bool)
        or not isinstance(distress_below, int)
        or not 1 <= distress_below <= 10
    ):
        raise ValueError(t("content.distress_below", id=id))
    return Question(
        id=id,
        kind=QuestionKind.SCALE_0_10,
        prompt=prompt,
        low_label=low,
        high_label=high,
        help=help,
        shared=shared,
        distress=distress or distress_below is not None,
        distress_below=distress_below,
    )


def ranking(
    id: str,
    prompt: str,
    items: Sequence[str],
    *,
    help: str = "",
    shared: bool = False,
    renamed: Mapping[str, str] | None = None,
) -> Question:
    """Put a list in order of importance."""
    return Question(
        id=id,
        kind=QuestionKind.RANKING,
        prompt=prompt,
        options=tuple(items),
        help=help,
        shared=shared,
        renamed=tuple((renamed or {}).items()),
    )


def netwerkkaart(id: str, prompt: str, *, help: str = "") -> Question:
    """A netwerkkaart: the participant places the people around them, with metrics."""
    return Question(id=id, kind=QuestionKind.NETWORK_MAP, prompt=prompt, help=help)


def reflection_cycle(id: str, cycle: str = "alact", *, situation: str = "") -> list[Question]:
    """A reflection cycle (``alact``, ``gibbs``, ``starr``), step by step."""
    from .tool_questions import reflection_cycle_questions

    return reflection_cycle_questions(id, cycle, situation=situation)


def scale_sequence(id: str, topic: str, *, distress_below: int | None = None) -> list[Question]:
    """The schaalvraag sequence on ``topic``: now, what helped, a 10, one step up.
    ``distress_below=3``: the hulpwijzer beside the answers 0–2 of its 0–10 question."""
    from .tool_questions import scale_sequence_questions

    return scale_sequence_questions(id, topic, distress_below=distress_below)


def vakmanschap(id: str) -> list[Question]:
    """Self-assessment on the four Vakmanschap development tasks, with reflection."""
    from .tool_questions import vakmanschap_questions

    return vakmanschap_questions(id)


def wie_weet_wat(id: str = "wie-weet-wat") -> list[Question]:
    """What I know, what I am looking for, and whether others may find me."""
    from .tool_questions import wie_weet_wat_questions

    return wie_weet_wat_questions(id)


FACTORIES: dict[str, Callable[..., Question | list[Question]]] = {
    "open_question": open_question,
    "likert": likert,
    "single_choice": single_choice,
    "multiple_choice": multiple_choice,
    "scale_0_10": scale_0_10,
    "ranking": ranking,
    "netwerkkaart": netwerkkaart,
    "reflection_cycle": reflection_cycle,
    "scale_sequence": scale_sequence,
    "vakmanschap": vakmanschap,
    "wie_weet_wat": wie_weet_wat,
}


def questions_in_source(source: str, file: str, first_line: int = 1) -> list[Question]:
    """The questions declared by ``ws.<kind>(...)`` calls in one code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ContentError(file, first_line + (exc.lineno or 1) - 1, "-", str(exc.msg)) from exc
    found: list[tuple[int, int, Question]] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in FACTORIES
        ):
            continue
        line = first_line + node.lineno - 1
        try:
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        except ValueError as exc:
            raise ContentError(file, line, node.func.attr, t("content.literal_args")) from exc
        try:
            made = FACTORIES[node.func.attr](*args, **kwargs)
        except ContentError:
            raise
        except (TypeError, ValueError, LookupError) as exc:
            raise ContentError(file, line, node.func.attr, str(exc)) from exc
        for question in made if isinstance(made, list) else [made]:
            found.append((node.lineno, node.col_offset, question))
    return [q for _, _, q in sorted(found, key=lambda item: item[:2])]


def load_worksheet(info: WorksheetInfo, root: Path) -> Worksheet:
    """A worksheet with its questions, read from the notebook without running it."""
    path = root / info.path
    nb = json.loads(path.read_text(encoding="utf-8"))
    questions: list[Question] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        questions.extend(questions_in_source(source, f"workbooks/{info.path}"))
    return Worksheet(info=info, questions=tuple(questions))
