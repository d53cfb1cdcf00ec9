"""Load the reflection tools in ``data/tools/`` and turn them into worksheet questions.

The question factories here are called twice for every worksheet: by the notebook when it
runs, and by :func:`~pleegzorg_lib.content.questions.questions_in_source` when a notebook is
read without running it. They therefore depend only on ``data/`` and their arguments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import config
from ..i18n import t
from ..model import DEFAULT_MAX_LENGTH, Question, QuestionKind, is_valid_id
from ..model.tools import (
    CycleStep,
    DevelopmentTask,
    IntervisieFormat,
    IntervisieRound,
    ReflectionCycle,
    ScaleSequence,
    ScaleStep,
    TaskPrompt,
    VakmanschapSpec,
)
from ._fields import FieldReader
from ._yaml import LineList, load_yaml
from .catalog import cached_catalog

__all__ = [
    "load_cycles",
    "load_intervisie",
    "load_intervisie_formats",
    "load_scale_sequence",
    "load_vakmanschap",
    "reflection_cycle_questions",
    "scale_sequence_questions",
    "vakmanschap_questions",
    "wie_weet_wat_questions",
]

TOOLS_DIR = "tools"
#: Leaves room for "<prefix>-" in front of a step id within the 63 characters of an id.
MAX_PART_ID = 30
MAX_ROUND_MINUTES = 120


# -- reading ----------------------------------------------------------------------------
def _root(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else config.data_dir()


def _open(root: Path, filename: str) -> tuple[object, str]:
    path = root / TOOLS_DIR / filename
    name = f"{root.name}/{TOOLS_DIR}/{filename}"
    return load_yaml(path, name), name


def _list(r: FieldReader, key: str) -> LineList:
    value = r.get(key, list)
    if not value:
        raise r.error(key, t("reflection.no_items"))
    if isinstance(value, LineList):
        return value
    items = LineList(value)  # pragma: no cover - the YAML loader always gives a LineList
    items.line, items.item_lines = r.line_of(key), [r.line_of(key)] * len(value)
    return items


def _part_id(r: FieldReader, seen: set[str], where: str) -> str:
    """A step, task or round id: valid, short enough to prefix, unique in its list."""
    value = r.get_id()
    if len(value) > MAX_PART_ID:
        raise r.error("id", t("reflection.long_id", value=value))
    if value in seen:
        raise r.error("id", t("content.duplicate_id", id=value, other=where))
    seen.add(value)
    return value


def _blocks(r: FieldReader, key: str, file: str) -> list[FieldReader]:
    items = _list(r, key)
    prefix = f"{r.where}.{key}" if r.where else key
    return [
        FieldReader(item, file, f"{prefix}[{index}]", items.item_lines[index])
        for index, item in enumerate(items)
    ]


def _text(r: FieldReader, key: str) -> str:
    return " ".join(r.get(key, str).split())


def _optional_text(r: FieldReader, key: str) -> str:
    return " ".join(r.get(key, str, required=False, default="").split())


# -- reflection cycles ------------------------------------------------------------------
@lru_cache(maxsize=4)
def _cycles(root: str) -> dict[str, ReflectionCycle]:
    doc, name = _open(Path(root), "cycles.yaml")
    r = FieldReader(doc, name, "")
    blocks = _blocks(r, "cycles", name)
    r.finish()
    cycles: dict[str, ReflectionCycle] = {}
    seen: set[str] = set()
    for cr in blocks:
        cycle_id = _part_id(cr, seen, name)
        cycle_name = _text(cr, "name")
        source = _text(cr, "source")
        description = _optional_text(cr, "description")
        steps: list[CycleStep] = []
        step_ids: set[str] = set()
        for sr in _blocks(cr, "steps", name):
            steps.append(
                CycleStep(
                    id=_part_id(sr, step_ids, f"{name}, {cycle_id}"),
                    name=_text(sr, "name"),
                    prompt=_text(sr, "prompt"),
                    help=_optional_text(sr, "help"),
                )
            )
            sr.finish()
        cr.finish()
        cycles[cycle_id] = ReflectionCycle(
            id=cycle_id,
            name=cycle_name,
            source=source,
            steps=tuple(steps),
            description=description,
        )
    return cycles


def load_cycles(data_dir: Path | str | None = None) -> dict[str, ReflectionCycle]:
    """The reflection cycles of ``data/tools/cycles.yaml`` by id, in file order.

    Raises
    ------
    ContentError
        A problem in the file, naming file, line and field.
    """
    return dict(_cycles(str(_root(data_dir))))


# -- schaalvragen -----------------------------------------------------------------------
@lru_cache(maxsize=4)
def _scale_sequence(root: str) -> ScaleSequence:
    doc, name = _open(Path(root), "scale_sequence.yaml")
    r = FieldReader(doc, name, "")
    title = _text(r, "name")
    source = _text(r, "source")
    blocks = _blocks(r, "steps", name)
    r.finish()
    steps: list[ScaleStep] = []
    seen: set[str] = set()
    for sr in blocks:
        step_id = _part_id(sr, seen, name)
        kind = sr.get("kind", str)
        if kind not in ("scale", "open"):
            raise sr.error("kind", t("reflection.step_kind", value=kind))
        steps.append(
            ScaleStep(
                id=step_id,
                kind=kind,
                prompt=_text(sr, "prompt"),
                help=_optional_text(sr, "help"),
                low=_optional_text(sr, "low"),
                high=_optional_text(sr, "high"),
            )
        )
        sr.finish()
    return ScaleSequence(name=title, source=source, steps=tuple(steps))


def load_scale_sequence(data_dir: Path | str | None = None) -> ScaleSequence:
    """The schaalvraag sequence of ``data/tools/scale_sequence.yaml``."""
    return _scale_sequence(str(_root(data_dir)))


# -- Vakmanschap ------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _vakmanschap(root: str) -> VakmanschapSpec:
    doc, name = _open(Path(root), "vakmanschap.yaml")
    r = FieldReader(doc, name, "")
    spec_name = _text(r, "name")
    source = _text(r, "source")
    low, high = _text(r, "low_label"), _text(r, "high_label")
    focus, next_step = _text(r, "focus_prompt"), _text(r, "next_step_prompt")
    next_help = _optional_text(r, "next_step_help")
    blocks = _blocks(r, "tasks", name)
    r.finish()
    tasks: list[DevelopmentTask] = []
    seen: set[str] = set()
    for tr in blocks:
        task_id = _part_id(tr, seen, name)
        task_name = _text(tr, "name")
        description = _text(tr, "description")
        scale_prompt = _text(tr, "scale_prompt")
        short_name = _optional_text(tr, "short_name")
        prompts: list[TaskPrompt] = []
        prompt_ids: set[str] = set()
        for pr in _blocks(tr, "prompts", name):
            prompts.append(
                TaskPrompt(
                    id=_part_id(pr, prompt_ids, f"{name}, {task_id}"),
                    prompt=_text(pr, "prompt"),
                    help=_optional_text(pr, "help"),
                )
            )
            pr.finish()
        tr.finish()
        tasks.append(
            DevelopmentTask(
                id=task_id,
                name=task_name,
                description=description,
                scale_prompt=scale_prompt,
                prompts=tuple(prompts),
                short_name=short_name,
            )
        )
    return VakmanschapSpec(
        name=spec_name,
        source=source,
        tasks=tuple(tasks),
        low_label=low,
        high_label=high,
        focus_prompt=focus,
        next_step_prompt=next_step,
        next_step_help=next_help,
    )


def load_vakmanschap(data_dir: Path | str | None = None) -> VakmanschapSpec:
    """The Vakmanschap self-assessment of ``data/tools/vakmanschap.yaml``."""
    return _vakmanschap(str(_root(data_dir)))


# -- intervisie -------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _intervisie(root: str) -> dict[str, IntervisieFormat]:
    doc, name = _open(Path(root), "intervisie.yaml")
    r = FieldReader(doc, name, "")
    blocks = _blocks(r, "formats", name)
    r.finish()
    formats: dict[str, IntervisieFormat] = {}
    seen: set[str] = set()
    for fr in blocks:
        format_id = _part_id(fr, seen, name)
        format_name = _text(fr, "name")
        source = _text(fr, "source")
        description = _optional_text(fr, "description")
        rounds: list[IntervisieRound] = []
        round_ids: set[str] = set()
        for rr in _blocks(fr, "rounds", name):
            round_id = _part_id(rr, round_ids, f"{name}, {format_id}")
            round_name = _text(rr, "name")
            minutes = rr.get("minutes", int)
            if not 1 <= minutes <= MAX_ROUND_MINUTES:
                raise rr.error("minutes", t("reflection.minutes", value=minutes))
            rounds.append(
                IntervisieRound(
                    id=round_id,
                    name=round_name,
                    minutes=minutes,
                    instructions=_text(rr, "instructions"),
                )
            )
            rr.finish()
        fr.finish()
        formats[format_id] = IntervisieFormat(
            id=format_id,
            name=format_name,
            source=source,
            rounds=tuple(rounds),
            description=description,
        )
    return formats


def load_intervisie_formats(data_dir: Path | str | None = None) -> dict[str, IntervisieFormat]:
    """All intervisie formats of ``data/tools/intervisie.yaml`` by id, in file order."""
    return dict(_intervisie(str(_root(data_dir))))


def load_intervisie(
    data_dir: Path | str | None = None, format_id: str = "incidentmethode"
) -> IntervisieFormat:
    """One intervisie format (default: the incidentmethode) with its timed rounds.

    Raises
    ------
    LookupError
        ``format_id`` is not in the file.
    """
    formats = _intervisie(str(_root(data_dir)))
    if format_id not in formats:
        raise LookupError(t("reflection.unknown_format", value=format_id, known=", ".join(formats)))
    return formats[format_id]


# -- question factories -----------------------------------------------------------------
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
    cycles = _cycles(str(config.data_dir()))
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


def scale_sequence_questions(id: str, topic: str) -> list[Question]:
    """The schaalvraag sequence on ``topic``: the 0–10 question and its follow-ups.

    Question ids are ``f"{id}-{step id}"``; every follow-up shows the earlier answers.
    """
    _check_prefix(id)
    if not isinstance(topic, str) or not topic.strip():
        raise ValueError(t("reflection.topic_empty"))
    topic = " ".join(topic.split())
    sequence = _scale_sequence(str(config.data_dir()))
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
    spec = _vakmanschap(str(config.data_dir()))
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
            prompt="Waar weet ik veel van?",
            options=themes,
            help="Kies de thema's waarover je kennis of ervaring hebt die je wilt delen.",
        ),
        Question(
            id=f"{id}-zoekt",
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt="Wat wil ik weten, of waar zoek ik iemand voor?",
            options=themes,
        ),
        Question(
            id=f"{id}-toelichting",
            kind=QuestionKind.OPEN,
            prompt="Wat weet ik, of wat heb ik meegemaakt, waar anderen iets aan hebben?",
            help="Een paar zinnen zijn genoeg, bijvoorbeeld een aanpak of een ervaring.",
            max_length=DEFAULT_MAX_LENGTH,
        ),
        Question(
            id=f"{id}-zichtbaar",
            kind=QuestionKind.SINGLE_CHOICE,
            prompt=(
                "Mogen andere deelnemers van dit netwerk zien wat je weet, zodat ze jou "
                "kunnen benaderen?"
            ),
            options=("Ja, met mijn naam en contactgegevens hieronder", "Nee"),
        ),
        Question(
            id=f"{id}-contact",
            kind=QuestionKind.OPEN,
            prompt="Hoe kunnen anderen je bereiken?",
            help="Bijvoorbeeld je e-mailadres op het werk. Alleen nodig als je 'Ja' kiest.",
            max_length=200,
        ),
    ]
