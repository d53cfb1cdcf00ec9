"""The netwerkkaart view: a small form, the list of people, the drawing, metrics and prompts.

Everything the participant typed is escaped before it goes into an HTML widget (the drawing
is inline SVG in a ``w.HTML``: an alias like ``<img onerror=…>`` would otherwise run). Every
handler re-checks in the kernel, because a forged comm message can set any trait or click a
disabled button; the map itself is checked by :func:`validate_map` before it is kept.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from .. import config
from ..analysis.network_metrics import metrics
from ..content.netwerkkaart import load_netwerkkaart_spec
from ..i18n import t
from ..model import AnswerError, Question
from ..model.netwerkkaart import (
    MAX_PEOPLE,
    MapSpec,
    NetworkMap,
    Person,
    validate_map,
)
from ._lean import layout_of
from ._sync import on_click_after_edits
from ._view import QuestionView
from .netwerkkaart_render import person_line, render_drawing, render_metrics, render_prompts

__all__ = ["NetworkMapView", "render_drawing", "render_metrics", "render_prompts"]


def _field(label: str, control: w.Widget, css: str) -> w.VBox:
    box = w.VBox([w.HTML(f'<label class="pz-label">{escape(label)}</label>'), control])
    box.add_class("pz-field")
    box.add_class(css)
    return box


class NetworkMapView(QuestionView):
    """A netwerkkaart question. Its value is ``{"people": [...]}`` (see ``validate_map``)."""

    def __init__(self, question: Question, number: int, spec: MapSpec | None = None) -> None:
        self.spec = spec or load_netwerkkaart_spec(config.data_dir())
        self.people: list[Person] = []
        self.touched = False
        self.editing: str | None = None
        self._rows: dict[tuple[Person, bool], w.HBox] = {}  # reused while unchanged
        super().__init__(question, number)

    # -- building -------------------------------------------------------------------------
    def _build_input(self) -> w.Widget:
        spec = self.spec
        self.form_title = w.HTML("")
        self.alias = w.Text(placeholder=t("nk.alias_placeholder"), layout=layout_of(width="100%"))
        self.sector = w.Dropdown(
            options=[(t("nk.sector_placeholder"), "")] + [(s.label, s.id) for s in spec.sectors],
            value="",
            layout=layout_of(width="100%"),
        )
        self.support = {
            k.id: w.Checkbox(value=False, description=k.label, indent=False, tooltip=k.description)
            for k in spec.support_kinds
        }
        self.closeness = w.ToggleButtons(
            options=[(c.label, c.level) for c in spec.closeness],
            tooltips=[c.description for c in spec.closeness],
            index=None,
        )
        self.quality = w.Dropdown(
            options=[(q.label, q.id) for q in spec.quality],
            value=spec.quality[0].id,
            layout=layout_of(width="100%"),
        )
        self.add_button = w.Button(description=t("nk.add"), icon="plus")
        self.add_button.add_class("pz-nk-add")
        on_click_after_edits(
            self.add_button,
            [self.alias, self.sector, self.closeness, self.quality, *self.support.values()],
            self.submit,
        )
        self.cancel_button = w.Button(description=t("nk.cancel"))
        self.cancel_button.add_class("pz-nk-cancel")
        self.cancel_button.on_click(lambda _b: self.cancel_edit())
        self.message = w.HTML("")
        self.message.add_class("pz-nk-message")
        support_box = w.Box(list(self.support.values()))
        support_box.add_class("pz-nk-support-choice")
        pair = w.Box(
            [
                _field(t("nk.sector"), self.sector, "pz-nk-sector"),
                _field(t("nk.quality"), self.quality, "pz-nk-quality"),
            ]
        )
        pair.add_class("pz-nk-pair")
        self.buttons = w.Box([self.add_button])
        self.buttons.add_class("pz-nk-buttons")
        form = w.VBox(
            [
                self.form_title,
                _field(t("nk.alias"), self.alias, "pz-nk-alias"),
                pair,
                _field(t("nk.support"), support_box, "pz-nk-support-field"),
                _field(t("nk.closeness"), self.closeness, "pz-nk-closeness"),
                self.buttons,
                self.message,
            ]
        )
        form.add_class("pz-nk-form")
        self.list_title = w.HTML("")
        self.list_box = w.VBox([])
        self.list_box.add_class("pz-nk-list")
        self.drawing = w.HTML("")
        self.drawing.add_class("pz-nk-drawing")
        self.metrics_html = w.HTML("")
        self.metrics_html.add_class("pz-nk-metrics")
        self.prompts_html = w.HTML("")
        self.prompts_html.add_class("pz-nk-prompts")
        self._render()
        box = w.VBox(
            [
                form,
                self.list_title,
                self.list_box,
                self.drawing,
                self.metrics_html,
                self.prompts_html,
            ]
        )
        box.add_class("pz-netwerkkaart")
        return box

    # -- the value ------------------------------------------------------------------------
    def get_value(self) -> Any:
        if not self.touched and not self.people:
            return None
        return {"people": [p.to_json() for p in self.people]}

    def _apply(self, value: Any) -> None:
        try:
            stored = validate_map(value) if value is not None else {"people": []}
        except AnswerError:  # an old or broken value: show an empty map, never crash
            stored = {"people": []}
        self.people = [Person.from_json(p) for p in stored["people"]]
        self.touched = value is not None
        self._reset_form()
        self.message.value = ""
        self._render()

    # -- participant actions (each re-checked here: the page can send anything) -----------
    def submit(self) -> bool:
        """Add the person in the form, or save the one being edited. True when kept."""
        sector = self.sector.value
        if sector not in {s.id for s in self.spec.sectors}:
            return self._refuse("nk.error.no_sector")
        if self.closeness.value is None:
            return self._refuse("nk.error.no_closeness")
        candidate = {
            "alias": self.alias.value,
            "sector": sector,
            "support": [kind for kind, box in self.support.items() if box.value is True],
            "closeness": self.closeness.value,
            "quality": self.quality.value,
        }
        current = [p.to_json() for p in self.people]
        editing = self.editing
        index = next((i for i, p in enumerate(current) if p["alias"] == editing), None)
        if index is None:
            current.append(candidate)
        else:
            current[index] = candidate
        try:
            kept = validate_map({"people": current})["people"]
        except AnswerError as exc:
            return self._refuse(exc.key, **exc.params)
        self.people = [Person.from_json(p) for p in kept]
        self.touched = True
        alias = kept[index if index is not None else -1]["alias"]
        self._reset_form()
        self._render()
        self._say(t("nk.updated" if index is not None else "nk.added", alias=alias), "pz-nk-ok")
        self._changed()
        return True

    def remove(self, alias: str) -> bool:
        """Take ``alias`` off the map (an unknown alias is ignored)."""
        if not any(p.alias == alias for p in self.people):
            return False
        self.people = [p for p in self.people if p.alias != alias]
        self.touched = True
        if self.editing == alias:
            self._reset_form()
        self._render()
        self._say(t("nk.removed", alias=alias), "pz-nk-ok")
        self._changed()
        return True

    def edit(self, alias: str) -> bool:
        """Put ``alias`` in the form to change; the add button becomes "Bewaar wijziging"."""
        person = next((p for p in self.people if p.alias == alias), None)
        if person is None:
            return False
        self.editing = alias
        self.alias.value = person.alias
        self.sector.value = person.sector
        for kind, box in self.support.items():
            box.value = kind in person.support
        self.closeness.value = person.closeness
        self.quality.value = person.quality
        self.message.value = ""
        self._render()
        return True

    def cancel_edit(self) -> None:
        self._reset_form()
        self.message.value = ""
        self._render()

    # -- helpers --------------------------------------------------------------------------
    def _refuse(self, key: str, **params: Any) -> bool:
        self._say(t("nk.form_error", reason=t(key, **params)), "pz-nk-error")
        return False

    def _say(self, text: str, css: str) -> None:
        self.message.value = f'<div class="{css}" role="status">{escape(text)}</div>'

    def _reset_form(self) -> None:
        self.editing = None
        self.alias.value = ""
        self.sector.value = ""
        for box in self.support.values():
            box.value = False
        self.closeness.index = None
        self.quality.value = self.spec.quality[0].id

    def _row(self, person: Person) -> w.HBox:
        colour = self.spec.sector(person.sector)
        label = w.HTML(
            f'<span class="pz-nk-swatch" style="background:'
            f'{escape(colour.colour if colour else "#666666")}"></span>'
            f'<span class="pz-nk-alias-text">{escape(person.alias)}</span> '
            f'<span class="pz-nk-meta">{escape(person_line(person, self.spec))}</span>'
        )
        edit = w.Button(description=t("nk.edit"), tooltip=t("nk.edit_tooltip", alias=person.alias))
        edit.add_class("pz-nk-edit")
        edit.on_click(lambda _b, a=person.alias: self.edit(a))
        remove = w.Button(
            description=t("nk.remove"), tooltip=t("nk.remove_tooltip", alias=person.alias)
        )
        remove.add_class("pz-nk-remove")
        remove.on_click(lambda _b, a=person.alias: self.remove(a))
        row = w.HBox([label, edit, remove])
        row.add_class("pz-nk-person")
        if person.alias == self.editing:
            row.add_class("pz-nk-editing")
        return row

    def _render(self) -> None:
        """Redraw list, drawing, metrics and prompts from ``self.people``."""
        editing = self.editing
        self.form_title.value = (
            f'<div class="pz-nk-form-title">'
            f"{escape(t('nk.form_title_edit', alias=editing) if editing else t('nk.form_title'))}"
            "</div>"
        )
        self.add_button.description = t("nk.save_edit") if editing else t("nk.add")
        self.add_button.icon = "check" if editing else "plus"
        full = len(self.people) >= MAX_PEOPLE and not editing
        self.add_button.disabled = full
        if full:
            self._say(t("nk.full", limit=MAX_PEOPLE), "pz-nk-info")
        self.buttons.children = (
            (self.add_button, self.cancel_button) if editing else (self.add_button,)
        )
        rows = {}
        for person in self.people:
            key = (person, person.alias == editing)
            rows[key] = self._rows.pop(key, None) or self._row(person)
        for row in self._rows.values():  # people removed or changed: free their widgets
            for child in row.children:
                child.close()
            row.close()
        self._rows = rows
        self.list_box.children = tuple(rows.values())
        self.list_title.value = (
            f'<div class="pz-nk-list-title">'
            f"{escape(t('nk.list_title', count=len(self.people)))}</div>"
            if self.people
            else f'<div class="pz-nk-list-title pz-help">{escape(t("nk.list_empty"))}</div>'
        )
        found = metrics(NetworkMap(people=tuple(self.people)), self.spec)
        self.drawing.value = render_drawing(self.people, self.spec, self.question.id)
        self.metrics_html.value = render_metrics(found, self.spec)
        self.prompts_html.value = render_prompts(found, self.spec)
