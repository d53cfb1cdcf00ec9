"""Errors of the model that more than one model module raises."""

from __future__ import annotations

from typing import Any


class AnswerError(ValueError):
    """An answer that cannot be stored. ``key`` and ``params`` select a catalog message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params
