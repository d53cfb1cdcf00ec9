"""One view per question kind: stock ipywidgets inside a box with the page's CSS classes.

A view knows how to read and set its value; saving is the runner's job. Every box carries
``pz-question`` and ``pz-q-<id>`` (the page contract); the runner adds ``pz-saved`` once an
answer is committed.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..i18n import display_option, t
from ..model import Question, QuestionKind
from ._lean import layout_of
from ._view import QuestionView, text_html


class OpenView(QuestionView):
    def _build_input(self) -> w.Widget:
        self.text = w.Textarea(
            placeholder=t("open.placeholder"),
            continuous_update=True,
            rows=4,
            layout=layout_of(width="100%"),
        )
        self.text.observe(lambda _c: self._changed(debounce=True), "value")
        return self.text

    def get_value(self) -> Any:
        return self.text.value

    def _apply(self, value: Any) -> None:
        self.text.value = value or ""


class ChoiceView(QuestionView):
    """Likert and single choice: radio buttons, nothing selected until the participant picks."""

    def _build_input(self) -> w.Widget:
        self.radio = w.RadioButtons(
            options=[display_option(o) for o in self.question.options],
            index=None,
            layout=layout_of(width="100%"),
        )
        self.radio.observe(lambda _c: self._changed(), "index")
        return self.radio

    def get_value(self) -> Any:
        index = self.radio.index
        return None if index is None else self.question.options[index]

    def _apply(self, value: Any) -> None:
        options = self.question.options
        self.radio.index = options.index(value) if value in options else None


class MultipleView(QuestionView):
    def _build_input(self) -> w.Widget:
        self.boxes = [
            w.Checkbox(
                value=False, description=option, indent=False, layout=layout_of(width="100%")
            )
            for option in self.question.options
        ]
        for box in self.boxes:
            box.observe(lambda _c: self._changed(), "value")
        hint = text_html(t("multiple.hint"), "pz-help")
        return w.VBox([hint, *self.boxes], layout=layout_of(width="100%"))

    def get_value(self) -> Any:
        return [b.description for b in self.boxes if b.value]

    def _apply(self, value: Any) -> None:
        chosen = set(value or [])
        for box in self.boxes:
            box.value = box.description in chosen


class ScaleView(QuestionView):
    """Schaalvraag 0–10: eleven buttons that wrap on a phone, none chosen at first."""

    def _build_input(self) -> w.Widget:
        self.buttons = w.ToggleButtons(
            options=[str(i) for i in range(11)], index=None, style={"button_width": "2.6em"}
        )
        self.buttons.add_class("pz-scale")
        self.buttons.observe(lambda _c: self._changed(), "index")
        low = self.question.low_label or t("scale.low")
        high = self.question.high_label or t("scale.high")
        ends = w.HTML(
            f'<div class="pz-scale-ends"><span>{html.escape(low)}</span>'
            f"<span>{html.escape(high)}</span></div>"
        )
        return w.VBox([self.buttons, ends])

    def get_value(self) -> Any:
        return self.buttons.index

    def _apply(self, value: Any) -> None:
        self.buttons.index = value if isinstance(value, int) and 0 <= value <= 10 else None


class RankingView(QuestionView):
    """Order a list with up/down buttons: works with a thumb, a mouse and a keyboard."""

    def _build_input(self) -> w.Widget:
        self.order: list[str] = list(self.question.options)
        self.touched = False
        self.rows: list[tuple[w.HTML, w.Button, w.Button]] = []
        row_boxes = []
        for index in range(len(self.order)):
            label = w.HTML()
            up = w.Button(description="↑", tooltip=t("ranking.up"), layout=layout_of(width="2.8em"))
            down = w.Button(
                description="↓", tooltip=t("ranking.down"), layout=layout_of(width="2.8em")
            )
            up.on_click(lambda _b, i=index: self.move(i, -1))
            down.on_click(lambda _b, i=index: self.move(i, +1))
            self.rows.append((label, up, down))
            row = w.HBox([label, up, down])
            row.add_class("pz-rank-row")
            row_boxes.append(row)
        self.confirm = w.Button(description=t("ranking.confirm"))
        self.confirm.add_class("pz-rank-confirm")
        self.confirm.on_click(lambda _b: self._confirm())
        self._render()
        hint = text_html(t("ranking.hint"), "pz-help")
        return w.VBox([hint, *row_boxes, self.confirm])

    def _render(self) -> None:
        last = len(self.order) - 1
        for index, (label, up, down) in enumerate(self.rows):
            label.value = (
                f'<span class="pz-rank-pos">{index + 1}</span> '
                f'<span class="pz-rank-item">{html.escape(self.order[index])}</span>'
            )
            up.disabled = index == 0
            down.disabled = index == last

    def move(self, index: int, step: int) -> None:
        """Move item at ``index`` one place up (-1) or down (+1); out-of-range is ignored.

        The range is checked here because a forged message can click a disabled button.
        """
        target = index + step
        if not (0 <= index < len(self.order) and 0 <= target < len(self.order)):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        self.touched = True
        self._render()
        self._changed()

    def _confirm(self) -> None:
        self.touched = True
        self._changed()

    def get_value(self) -> Any:
        return list(self.order) if self.touched else None

    def _apply(self, value: Any) -> None:
        if isinstance(value, list) and sorted(value) == sorted(self.question.options):
            self.order = list(value)
            self.touched = True
        else:
            self.order = list(self.question.options)
            self.touched = False
        self._render()


_VIEWS: dict[QuestionKind, type[QuestionView]] = {
    QuestionKind.OPEN: OpenView,
    QuestionKind.LIKERT: ChoiceView,
    QuestionKind.SINGLE_CHOICE: ChoiceView,
    QuestionKind.MULTIPLE_CHOICE: MultipleView,
    QuestionKind.SCALE_0_10: ScaleView,
    QuestionKind.RANKING: RankingView,
}


def build_question(question: Question, number: int) -> QuestionView:
    """Build the view for ``question``, shown as question ``number`` on the page."""
    if question.kind == QuestionKind.NETWORK_MAP:  # imported only by worksheets that use it
        from .netwerkkaart import NetworkMapView

        return NetworkMapView(question, number)
    return _VIEWS[question.kind](question, number)
