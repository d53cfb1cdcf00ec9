"""A small field reader: typed fields, required or optional, unknown keys refused."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..i18n import CATALOGS, DEFAULT_LANGUAGE, t
from ..model import is_valid_id
from ._yaml import ContentError, LineDict, LineList

_TYPE_NAMES = {str: "str", int: "int", list: "list", dict: "dict", bool: "bool"}


def _type_label(value: Any) -> str:
    for py, name in _TYPE_NAMES.items():
        if isinstance(value, py) and not (py is int and isinstance(value, bool)):
            return t(f"content.type.{name}")
    return "leeg" if value is None else type(value).__name__


class FieldReader:
    """Reads the fields of one YAML block and reports problems with file, line and field."""

    def __init__(self, block: Any, file: str, where: str, line: int = 1) -> None:
        self.file = file
        self.where = where
        if not isinstance(block, dict):
            raise ContentError(
                file,
                getattr(block, "line", line),
                where or "-",
                t("content.wrong_type", expected=t("content.type.dict"), actual=_type_label(block)),
            )
        self.block = block
        self.line = getattr(block, "line", line)
        self.used: set[str] = set()

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def line_of(self, key: str) -> int:
        if isinstance(self.block, LineDict):
            return self.block.line_of(key)
        return self.line

    def error(self, key: str, problem: str) -> ContentError:
        return ContentError(self.file, self.line_of(key), self._name(key), problem)

    def get(self, key: str, kind: type, *, required: bool = True, default: Any = None) -> Any:
        self.used.add(key)
        if key not in self.block or self.block[key] is None:
            if required:
                return self._missing(key)
            return default
        value = self.block[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            raise self.error(
                key,
                t(
                    "content.wrong_type",
                    expected=t(f"content.type.{_TYPE_NAMES[kind]}"),
                    actual=_type_label(value),
                ),
            )
        if kind is str and required and not value.strip():
            raise self.error(key, t("content.empty"))
        return value

    def get_text(self, key: str, lang: str, *, required: bool = True, default: str = "") -> str:
        """A text an author may translate: ``key`` in Dutch, ``key_en`` (etc.) next to it.

        Returns the text in ``lang`` when the author gave one, else the Dutch text.
        """
        text = self.get(key, str, required=required, default=default)
        chosen = None
        for code in CATALOGS:
            if code == DEFAULT_LANGUAGE:
                continue
            translated = self.get(f"{key}_{code}", str, required=False)
            if code == lang and translated and translated.strip():
                chosen = translated
        return chosen or text

    def _missing(self, key: str) -> Any:
        raise ContentError(self.file, self.line, self._name(key), t("content.missing"))

    def get_id(self, key: str = "id") -> str:
        value = self.get(key, str)
        if not is_valid_id(value):
            raise self.error(key, t("content.bad_id", value=value))
        return value

    def finish(self) -> None:
        """Refuse keys nobody asked for: a typo must not be silently ignored."""
        for key in self.block:
            if key not in self.used:
                raise self.error(
                    str(key), t("content.unknown_key", allowed=", ".join(sorted(self.used)))
                )


def string_list(r: FieldReader, key: str) -> tuple[str, ...]:
    """An optional list of non-empty texts; an empty item names its own line."""
    raw = r.get(key, list, required=False, default=[])
    lines = raw.item_lines if isinstance(raw, LineList) else [r.line_of(key)] * len(raw)
    values: list[str] = []
    for index, value in enumerate(raw):
        if not isinstance(value, str) or not value.strip():
            raise ContentError(
                r.file, lines[index], f"{r.where}.{key}[{index}]", t("content.empty")
            )
        values.append(value.strip())
    return tuple(values)


def date_field(r: FieldReader, key: str, message: str) -> date:
    """A required date (``2026-12-07``, as YAML reads it or as text); ``message`` is the
    catalog key of the Dutch error, given ``value``."""
    r.used.add(key)
    value: Any = r.block.get(key)
    if value is None:
        r._missing(key)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise r.error(key, t(message, value=value)) from None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise r.error(key, t(message, value=str(value)))
    return value
