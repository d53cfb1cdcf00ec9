"""The base of every question's view (``QuestionView``), apart from the kinds so that a kind
in its own module (the netwerkkaart) and the kinds in ``questions.py`` both build on it
without importing each other."""

from __future__ import annotations

import html
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..i18n import CONTENT_LANGUAGE, t
from ..model import Question, QuestionKind
from ._lean import layout_of

OnChange = Callable[["QuestionView", bool], None]


def text_html(text: str, css: str) -> w.HTML:
    # Author text is escaped too: prose goes in Markdown cells, a prompt is plain text.
    return w.HTML(f'<div class="{css}">{html.escape(text)}</div>')


class QuestionView(ABC):
    """The widgets of one question; ``on_change(view, debounce)`` is called on user edits."""

    def __init__(self, question: Question, number: int) -> None:
        self.question = question
        self.on_change: OnChange | None = None
        self._loading = False
        self.status = w.HTML("", layout=layout_of(min_height="1.4em"))
        self.status.add_class("pz-status")
        header = [
            w.HTML(
                f'<div class="pz-prompt" lang="{CONTENT_LANGUAGE}">'
                f'<span class="pz-number">{number}.</span> {html.escape(question.prompt)}</div>'
            )
        ]
        if question.help:
            header.append(text_html(question.help, "pz-help"))
        if question.shared:
            header.append(text_html(t("shared.notice"), "pz-shared"))
            if question.kind == QuestionKind.OPEN:  # what is typed may be read out to the group
                header.append(text_html(t("shared.change_details"), "pz-shared-tip"))
        self.carry: w.HTML | None = None
        if question.carry:  # earlier answers of a reflection cycle, carried forward
            self.carry = w.HTML("")
            self.carry.add_class("pz-carry")
            header.append(self.carry)
        self.input = self._build_input()
        self.box = w.VBox([*header, self.input, self.status])
        for css in ("pz-question", f"pz-q-{question.id}", f"pz-kind-{question.kind.value}"):
            self.box.add_class(css)

    # -- to be filled in by subclasses --------------------------------------------------
    @abstractmethod
    def _build_input(self) -> w.Widget: ...

    @abstractmethod
    def get_value(self) -> Any:
        """The value the participant gave, in stored form (``None`` when unanswered)."""
        ...

    @abstractmethod
    def _apply(self, value: Any) -> None: ...

    # -- shared behaviour ---------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        """Show a stored value without treating it as a new edit."""
        self._loading = True
        try:
            self._apply(value)
        finally:
            self._loading = False

    def _changed(self, debounce: bool = False) -> None:
        if not self._loading and self.on_change is not None:
            self.on_change(self, debounce)

    def show_carry(self, earlier: list[tuple[str, Any]]) -> None:
        """Show the participant's earlier answers (prompt, value) above this question.

        Participant text is escaped: this HTML widget would otherwise run what they typed.
        """
        if self.carry is None:
            return
        parts = []
        for prompt, value in earlier:
            text = "; ".join(map(str, value)) if isinstance(value, list) else value
            if text is None or (isinstance(text, str) and not text.strip()):
                continue
            parts.append(
                f'<div class="pz-carry-item"><div class="pz-carry-prompt">{html.escape(prompt)}'
                f'</div><div class="pz-carry-answer">{html.escape(str(text))}</div></div>'
            )
        self.carry.value = (
            f"<details open><summary>{html.escape(t('carry.title'))}</summary>{''.join(parts)}"
            "</details>"
            if parts
            else ""
        )

    def set_status(self, text: str, css: str) -> None:
        self.status.value = f'<span class="{css}">{html.escape(text)}</span>'
