"""Worksheet questions made from the reflection tools in ``data/tools/``.

These factories are called twice for every worksheet: by the notebook when it runs, and by
:func:`~pleegzorg_lib.content.questions.questions_in_source` when a notebook is read without
running it. They therefore depend only on ``data/`` and their arguments.
"""

from __future__ import annotations

from .. import config
from ..i18n import t
from ..model import DEFAULT_MAX_LENGTH, Question, QuestionKind, is_valid_id
from .catalog import cached_catalog
from .tools import MAX_PART_ID, load_cycles, load_scale_sequence, load_vakmanschap

__all__ = [
    "reflection_cycle_questions",
    "scale_sequence_questions",
    "vakmanschap_questions",
    "wie_weet_wat_questions",
]


def _check_prefix(id: str) -> None:
    if not isinstance(id, str) or not is_valid_id(id) or len(id) > 63 - MAX_PART_ID - 1:
        raise ValueError(t("content.bad_id", value=id))


def reflection_cycle_questions(
    id: str, cycle: str = "alact", *, situation: str = ""
) -> list[Question]:
    """One open question per step of ``cycle``; each step carries all earlier answers.

    Question ids are ``f"{id}-{step id}"``. ``situation`` (e.g. "Kies een moment met je
    pleegkind dat je bijbleef.") opens the help text of the first step.
    """
    _check_prefix(id)
    cycles = load_cycles(config.data_dir())
    if cycle not in cycles:
        raise LookupError(t("reflection.unknown_cycle", value=cycle, known=", ".join(cycles)))
    made: list[Question] = []
    for index, step in enumerate(cycles[cycle].steps):
        help_text = step.help
        if index == 0 and situation.strip():
            help_text = " ".join(part for part in (situation.strip(), step.help) if part)
        made.append(
            Question(
                id=f"{id}-{step.id}",
                kind=QuestionKind.OPEN,
                prompt=f"{step.name}: {step.prompt}",
                help=help_text,
                carry=tuple(q.id for q in made),
            )
        )
    return made


def scale_sequence_questions(
    id: str, topic: str, *, distress_below: int | None = None
) -> list[Question]:
    """The schaalvraag sequence on ``topic``: the 0–10 question and its follow-ups.

    Question ids are ``f"{id}-{step id}"``; every follow-up shows the earlier answers.
    ``distress_below=3``: the hulpwijzer beside the 0–10 answers 0–2.
    """
    _check_prefix(id)
    if not isinstance(topic, str) or not topic.strip():
        raise ValueError(t("reflection.topic_empty"))
    if distress_below is not None and (
        isinstance(distress_below, bool)
        or not isinstance(distress_below, int)
        or not 1 <= distress_below <= 10
    ):
        raise ValueError(t("content.distress_below", id=id))
    topic = " ".join(topic.split())
    sequence = load_scale_sequence(config.data_dir())
    made: list[Question] = []
    for step in sequence.steps:
        made.append(
            Question(
                id=f"{id}-{step.id}",
                kind=QuestionKind.SCALE_0_10 if step.kind == "scale" else QuestionKind.OPEN,
                prompt=step.text(step.prompt, topic),
                help=step.text(step.help, topic),
                low_label=step.low,
                high_label=step.high,
                carry=tuple(q.id for q in made),
                distress=step.kind == "scale" and distress_below is not None,
                distress_below=distress_below if step.kind == "scale" else None,
            )
        )
    return made


def vakmanschap_questions(id: str) -> list[Question]:
    """Self-assessment on the Vakmanschap development tasks, with reflection.

    Per task a 0–10 question ``f"{id}-{task}"`` (read by the profile chart) and open
    questions ``f"{id}-{task}-{prompt}"``; then the task to work on (``f"{id}-focus"``) and
    a first step (``f"{id}-stap"``).
    """
    _check_prefix(id)
    spec = load_vakmanschap(config.data_dir())
    made: list[Question] = []
    for task in spec.tasks:
        scale_id = spec.scale_id(id, task)
        made.append(
            Question(
                id=scale_id,
                kind=QuestionKind.SCALE_0_10,
                prompt=f"{task.name}. {task.scale_prompt}",
                help=task.description,
                low_label=spec.low_label,
                high_label=spec.high_label,
            )
        )
        for prompt in task.prompts:
            made.append(
                Question(
                    id=f"{scale_id}-{prompt.id}",
                    kind=QuestionKind.OPEN,
                    prompt=prompt.prompt,
                    help=prompt.help,
                )
            )
    focus = Question(
        id=f"{id}-focus",
        kind=QuestionKind.SINGLE_CHOICE,
        prompt=spec.focus_prompt,
        options=tuple(task.name for task in spec.tasks),
        carry=tuple(spec.scale_id(id, task) for task in spec.tasks),
    )
    made.append(focus)
    made.append(
        Question(
            id=f"{id}-stap",
            kind=QuestionKind.OPEN,
            prompt=spec.next_step_prompt,
            help=spec.next_step_help,
            carry=(focus.id,),
        )
    )
    return made


def _theme_names() -> tuple[str, ...]:
    catalog = cached_catalog(str(config.data_dir()))
    names: dict[str, None] = {}
    for network in catalog.networks:
        for theme in network.themes:
            names.setdefault(theme.name, None)
    return tuple(names)


#: Wie weet wat: may others in the network see what I know? Stored as the Dutch text, like
#: every option (the prompts and help come from the catalog, ``i18n/tools.py``).
CONSENT_NAMED = "Ja, met mijn naam en contactgegevens hieronder"
CONSENT_PSEUDONYMOUS = "Ja, zonder naam: alleen mijn rol, wat ik weet en hoe je me bereikt"
CONSENT_NO = "Nee"


def wie_weet_wat_questions(id: str = "wie-weet-wat") -> list[Question]:
    """What I know, what I look for, and whether others in the network may approach me.

    Ids: ``-weet`` and ``-zoekt`` (themes of every network), ``-toelichting``,
    ``-zichtbaar`` (consent) and ``-contact``.
    """
    _check_prefix(id)
    themes = _theme_names()
    return [
        Question(
            id=f"{id}-weet",
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt=t("wieweetwat.q.knows"),
            options=themes,
            help=t("wieweetwat.q.knows_help"),
        ),
        Question(
            id=f"{id}-zoekt",
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt=t("wieweetwat.q.seeks"),
            options=themes,
        ),
        Question(
            id=f"{id}-toelichting",
            kind=QuestionKind.OPEN,
            prompt=t("wieweetwat.q.about"),
            help=t("wieweetwat.q.about_help"),
            max_length=DEFAULT_MAX_LENGTH,
        ),
        Question(
            id=f"{id}-zichtbaar",
            kind=QuestionKind.SINGLE_CHOICE,
            prompt=t("wieweetwat.q.visible"),
            options=(CONSENT_NAMED, CONSENT_PSEUDONYMOUS, CONSENT_NO),
            help=t("wieweetwat.q.visible_help"),
        ),
        Question(
            id=f"{id}-contact",
            kind=QuestionKind.OPEN,
            prompt=t("wieweetwat.q.contact"),
            help=t("wieweetwat.q.contact_help"),
            max_length=200,
        ),
    ]
