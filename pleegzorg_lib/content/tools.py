"""Load the reflection tools in ``data/tools/``: cycles, schaalvraag sequence, Vakmanschap,
intervisie formats. The questions made from them are in :mod:`.tool_questions`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import config
from ..i18n import t
from ..model.tools import (
    STORY_PARTS,
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

__all__ = [
    "load_cycles",
    "load_intervisie",
    "load_intervisie_formats",
    "load_scale_sequence",
    "load_vakmanschap",
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
            step_id = _part_id(sr, step_ids, f"{name}, {cycle_id}")
            story = _optional_text(sr, "story")
            if story and story not in STORY_PARTS:
                raise sr.error(
                    "story", t("reflection.story_part", value=story, known=", ".join(STORY_PARTS))
                )
            steps.append(
                CycleStep(
                    id=step_id,
                    name=_text(sr, "name"),
                    prompt=_text(sr, "prompt"),
                    help=_optional_text(sr, "help"),
                    story=story,
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
