"""YAML loading that remembers line numbers, so every error can name file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..i18n import t


class ContentError(ValueError):
    """One clear problem in a content file: file, line, field and what is wrong."""

    def __init__(self, file: str | Path, line: int, field: str, problem: str) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.problem = problem
        super().__init__(
            t("content.error", file=self.file, line=line, field=field, problem=problem)
        )


class LineDict(dict[str, Any]):
    """A mapping that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


def _loader_for(path: str) -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:  # "[a]: b" or "? - a": a list or block as a key
                raise ContentError(path, line, "-", t("content.bad_key")) from None
            if key in result:
                raise ContentError(path, line, str(key), t("content.duplicate_key"))
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = line
        return result

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def load_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse ``path``; a syntax error becomes a :class:`ContentError` with its line."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(name, 1, "-", t("content.no_file")) from exc
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ContentError(name, line, "-", t("content.not_utf8")) from exc
    try:
        return yaml.load(text, Loader=_loader_for(name))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = exc.problem or str(exc)
        raise ContentError(name, line, "-", t("content.yaml_syntax", detail=detail)) from exc
    except yaml.YAMLError as exc:
        raise ContentError(name, 1, "-", t("content.yaml_syntax", detail=str(exc))) from exc
