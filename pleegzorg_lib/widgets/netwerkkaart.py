"""The netwerkkaart view: a small form, the list of people, the drawing, metrics and prompts.

Everything the participant typed is escaped before it goes into an HTML widget (the drawing
is inline SVG in a ``w.HTML``: an alias like ``<img onerror=…>`` would otherwise run). Every
handler re-checks in the kernel, because a forged comm message can set any trait or click a
disabled button; the map itself is checked by :func:`validate_map` before it is kept.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import ipywidgets as w

from .. import config
from ..content.netwerkkaart import load_netwerkkaart_spec
from ..i18n import t
from ..model import AnswerError, Question
from ..model.netwerkkaart import (
    MAX_PEOPLE,
    MapMetrics,
    MapSpec,
    NetworkMap,
    Person,
    metrics,
    reflection_prompts,
    validate_map,
)
from ._sync import on_click_after_edits
from .questions import QuestionView

__all__ = ["NetworkMapView", "render_drawing", "render_metrics", "render_prompts"]

# -- drawing geometry (SVG user units; the picture scales to its box) -----------------------
SIZE = 400
CENTRE = SIZE / 2
R_CENTRE = 20
RINGS = (90, 136, 172)  # outer edge of the dichtbij, tussenin and verder-weg bands
R_RIM = 192  # the band between RINGS[-1] and R_RIM carries the sector names
LABEL_CHARS = 12
LABEL_ROOM = 46  # user units a label needs beside its neighbour
DASHES = {"solid": "", "dashed": "6 4", "dotted": "1.5 4"}


def _point(radius: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return CENTRE + radius * math.cos(a), CENTRE + radius * math.sin(a)


def _arc(radius: float, start: float, end: float, clockwise: bool) -> str:
    (x0, y0), (x1, y1) = _point(radius, start), _point(radius, end)
    large = 1 if abs(end - start) > 180 else 0
    return (
        f"M{x0:.1f},{y0:.1f} A{radius},{radius} 0 {large} {1 if clockwise else 0} {x1:.1f},{y1:.1f}"
    )


def _places(start: float, width: float, level: int, count: int) -> list[tuple[float, float]]:
    """Where the ``count`` people of one sector and closeness go: spread over the wedge, in
    one or two rows, so neighbours' labels overlap as little as the room allows."""
    inner = R_CENTRE if level == 1 else RINGS[level - 2]
    outer = RINGS[level - 1]
    pad = 4
    span = width - 2 * pad

    def room(radius: float) -> int:  # labels that fit side by side on this arc
        return max(1, int(radius * math.radians(span) / LABEL_ROOM))

    rows = [inner + (outer - inner) * 0.52]
    if count > room(rows[0]):
        rows = [inner + (outer - inner) * 0.3, inner + (outer - inner) * 0.76]
    sizes = [room(r) for r in rows]
    per_row = [0] * len(rows)
    for _ in range(count):  # fill the roomiest row first, then alternate by free room
        free = [sizes[i] - per_row[i] for i in range(len(rows))]
        per_row[max(range(len(rows)), key=lambda i: (free[i], i))] += 1
    places = []
    for row, n in zip(rows, per_row, strict=True):
        shift = 0.25 if len(rows) > 1 and row == rows[0] and n > 1 else 0.5  # stagger rows
        for j in range(n):
            angle = start + pad + (j + shift + (0.5 - shift) * (n == 1)) * span / n
            places.append(_point(row, angle))
    return places


def _label(x: float, y: float, text: str) -> tuple[float, float, str]:
    """Where a dot's label goes (x, y, text-anchor): away from the centre if it fits, else
    the other side, else beside the dot towards the centre; never onto the sector names."""
    half = len(text) * 3.2  # about half the width of the text at this size
    inward = "start" if x < CENTRE else "end"
    side_x = x + 11 if x < CENTRE else x - 11
    above, below = (x, y - 13, "middle"), (x, y + 20, "middle")
    options = [above, below] if y < CENTRE - 4 else [below, above]
    options.append((side_x, y + 4, inward))
    limit = RINGS[-1] - 1
    for lx, ly, anchor in options:
        left = lx - half if anchor == "middle" else lx if anchor == "start" else lx - 2 * half
        corners = [(cx, cy) for cx in (left, left + 2 * half) for cy in (ly - 10, ly + 2)]
        if all(math.hypot(cx - CENTRE, cy - CENTRE) < limit for cx, cy in corners):
            return lx, ly, anchor
    return options[-1]


def _short(alias: str) -> str:
    return alias if len(alias) <= LABEL_CHARS else alias[: LABEL_CHARS - 1].rstrip() + "…"


def _person_line(person: Person, spec: MapSpec) -> str:
    """``familie · praktisch, emotioneel · dichtbij · goed`` (plain text)."""
    sector = spec.sector(person.sector)
    kinds = [k.short for s in person.support if (k := spec.support_kind(s))]
    level = spec.closeness_level(person.closeness)
    quality = spec.quality_level(person.quality)
    return " · ".join(
        [
            sector.label if sector else person.sector,
            ", ".join(kinds) or t("nk.no_support"),
            level.label.lower() if level else str(person.closeness),
            quality.label.lower() if quality else person.quality,
        ]
    )


def render_drawing(people: list[Person], spec: MapSpec, key: str = "kaart") -> str:
    """The map as inline SVG plus a legend: rings by closeness, a wedge per sector."""
    count = len(spec.sectors)
    width = 360 / count
    parts = [
        f'<svg class="pz-nk-svg" viewBox="0 0 {SIZE} {SIZE}" width="100%" role="img" '
        f'style="max-width:440px;display:block;margin:0 auto" '
        f'aria-label="{escape(t("nk.drawing_label", count=len(people)))}">',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{R_RIM}" fill="#faf9f6" stroke="#cfc9bd"/>',
    ]
    start = {s.id: -90 + i * width for i, s in enumerate(spec.sectors)}
    for i, sector in enumerate(spec.sectors):
        a0 = start[sector.id]
        (x0, y0), (x1, y1) = _point(RINGS[-1], a0), _point(RINGS[-1], a0 + width)
        parts.append(
            f'<path d="M{CENTRE},{CENTRE} L{x0:.1f},{y0:.1f} A{RINGS[-1]},{RINGS[-1]} 0 0 1 '
            f'{x1:.1f},{y1:.1f} Z" fill="{escape(sector.colour)}" fill-opacity="0.11"/>'
        )
        mid = a0 + width / 2
        upper = math.sin(math.radians(mid)) < 0  # text reads left to right on both halves
        arc = (
            _arc(RINGS[-1] + 5, a0 + 2, a0 + width - 2, True)
            if upper
            else _arc(R_RIM - 5, a0 + width - 2, a0 + 2, False)
        )
        arc_id = f"pz-nk-{escape(key)}-rim-{i}"
        parts.append(
            f'<path id="{arc_id}" d="{arc}" fill="none"/>'
            f'<text class="pz-nk-rim" font-size="12" font-weight="600" '
            f'fill="{escape(sector.colour)}"><textPath href="#{arc_id}" startOffset="50%" '
            f'text-anchor="middle">{escape(sector.label)}</textPath></text>'
        )
    for radius in RINGS:
        parts.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius}" fill="none" stroke="#bdb6a9"/>'
        )
    for a0 in start.values():
        (x0, y0), (x1, y1) = _point(R_CENTRE, a0), _point(R_RIM, a0)
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#fff" '
            'stroke-width="2"/>'
        )
    groups: dict[tuple[str, int], list[Person]] = {}
    for person in people:
        groups.setdefault((person.sector, person.closeness), []).append(person)
    lines, dots = [], []
    for (sector_id, level), members in groups.items():
        sector = spec.sector(sector_id)
        places = _places(start[sector_id], width, level, len(members))
        for person, (x, y) in zip(members, places, strict=True):
            quality = spec.quality_level(person.quality)
            dash = DASHES.get(quality.line if quality else "solid", "")
            lines.append(
                f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" '
                f'stroke="{escape(quality.colour if quality else "#3d4d59")}" '
                f'stroke-width="{1 + 0.8 * len(person.support):.1f}" stroke-linecap="round"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
            colour = escape(sector.colour if sector else "#666666")
            short = _short(person.alias)
            lx, ly, anchor = _label(x, y, short)
            dots.append(
                f'<g class="pz-nk-dot"><title>{escape(person.alias)}: '
                f"{escape(_person_line(person, spec))}</title>"
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colour}" stroke="#fff" '
                'stroke-width="2"/>'
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11.5" text-anchor="{anchor}" '
                'fill="#1d2b36" stroke="#fff" stroke-width="3" paint-order="stroke" '
                f'stroke-linejoin="round">{escape(short)}</text></g>'
            )
    parts += lines
    parts.append(
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{R_CENTRE}" fill="#1f6f8b"/>'
        f'<text x="{CENTRE}" y="{CENTRE + 5}" font-size="14" font-weight="700" fill="#fff" '
        f'text-anchor="middle">{escape(t("nk.centre"))}</text>'
    )
    parts += dots
    parts.append("</svg>")
    return "".join(parts) + _legend(spec)


def _legend(spec: MapSpec) -> str:
    sectors = "".join(
        f'<li><span class="pz-nk-swatch" style="background:{escape(s.colour)}"></span>'
        f"{escape(s.label)}</li>"
        for s in spec.sectors
    )
    levels = ", ".join(c.label.lower() for c in spec.closeness)
    samples = " ".join(
        f'<span class="pz-nk-line-sample"><svg width="28" height="8" aria-hidden="true">'
        f'<line x1="1" y1="4" x2="27" y2="4" stroke="{escape(q.colour)}" stroke-width="2.5" '
        f'stroke-linecap="round" stroke-dasharray="{DASHES.get(q.line, "")}"/></svg> '
        f"{escape(q.label)}</span>"
        for q in spec.quality
    )
    source = "".join(f"<li>{escape(s)}</li>" for s in spec.source)
    return (
        f'<div class="pz-nk-legend"><ul class="pz-nk-legend-sectors">{sectors}</ul>'
        f"<p>{escape(t('nk.legend_rings', levels=levels))}</p>"
        f"<p>{escape(t('nk.legend_lines'))} {samples}. {escape(t('nk.legend_thickness'))}</p>"
        f'<details class="pz-nk-source"><summary>{escape(t("nk.source_title"))}</summary>'
        f"<ul>{source}</ul></details></div>"
    )


def render_metrics(m: MapMetrics, spec: MapSpec) -> str:
    """The metrics panel: size, per sector, support and by whom, shares, dependencies."""
    size = t("nk.size_one") if m.size == 1 else t("nk.size", count=m.size)
    sectors = "".join(
        f'<tr class="{"pz-nk-zero" if n == 0 else ""}"><td><span class="pz-nk-swatch" '
        f'style="background:{escape(s.colour)}"></span>{escape(s.label)}</td><td>{n}</td></tr>'
        for s in spec.sectors
        for n in [m.count(s.id)]
    )
    support = []
    for kind in spec.support_kinds:
        who = m.who_gives(kind.id)
        names = escape(", ".join(who)) if who else f"<em>{escape(t('nk.nobody'))}</em>"
        css = "" if who else ' class="pz-nk-missing"'
        support.append(f"<li{css}><strong>{escape(kind.label)}</strong>: {names}</li>")
    if m.support_ties:
        informal = round(100 * (m.informal_share or 0))
        share = (
            f"<p>{escape(t('nk.share', informal=informal, professional=100 - informal))}</p>"
            f'<div class="pz-nk-share-bar" aria-hidden="true"><span style="width:{informal}%">'
            "</span></div>"
        )
    else:
        share = f"<p>{escape(t('nk.share_none'))}</p>"
    deps = []
    for kind_id, alias in m.single_providers:
        kind = spec.support_kind(kind_id)
        deps.append(t("nk.dep_single", kind=kind.label if kind else kind_id, alias=alias))
    for sector_id, alias in m.sole_links:
        sector = spec.sector(sector_id)
        deps.append(t("nk.dep_sole", sector=sector.label if sector else sector_id, alias=alias))
    for alias, ties in m.heavy_carriers:
        deps.append(t("nk.dep_heavy", alias=alias, ties=ties, total=m.support_ties))
    dep_html = (
        "<ul>" + "".join(f"<li>{escape(d)}</li>" for d in deps) + "</ul>"
        if deps
        else f"<p>{escape(t('nk.dep_none'))}</p>"
    )
    return (
        f'<div class="pz-nk-panel"><h3>{escape(t("nk.metrics_title"))}</h3>'
        f'<p class="pz-nk-size">{escape(size)}</p>'
        f'<h4>{escape(t("nk.per_sector"))}</h4><table class="pz-nk-sectors">{sectors}</table>'
        f'<h4>{escape(t("nk.support_title"))}</h4><ul class="pz-nk-support">{"".join(support)}</ul>'
        f"<h4>{escape(t('nk.share_title'))}</h4>{share}"
        f'<h4>{escape(t("nk.dependencies"))}</h4><div class="pz-nk-deps">{dep_html}</div></div>'
    )


def render_prompts(m: MapMetrics, spec: MapSpec) -> str:
    """The reflection prompts for the gaps found (aliases inside them escaped)."""
    items = "".join(
        f'<li class="pz-nk-gap-{escape(r.gap)}">{escape(r.text)}</li>'
        for r in reflection_prompts(m, spec)
    )
    return (
        f'<div class="pz-nk-panel"><h3>{escape(t("nk.prompts_title"))}</h3><ul>{items}</ul></div>'
    )


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
        self.alias = w.Text(placeholder=t("nk.alias_placeholder"), layout=w.Layout(width="100%"))
        self.sector = w.Dropdown(
            options=[(t("nk.sector_placeholder"), "")] + [(s.label, s.id) for s in spec.sectors],
            value="",
            layout=w.Layout(width="100%"),
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
            layout=w.Layout(width="100%"),
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
            f'<span class="pz-nk-meta">{escape(_person_line(person, self.spec))}</span>'
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
