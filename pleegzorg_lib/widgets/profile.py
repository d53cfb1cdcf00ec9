"""The Vakmanschap profile: one bar per development task, 0–10, from the participant's answers.

The chart is an inline SVG in a stock ``w.HTML``; it is redrawn from the saved answers each
time the runner loads or saves (``WorksheetRunner.on_answers``). All text is escaped: task
names come from ``data/``, but nothing reaches the page as markup unescaped.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..i18n import t
from ..model.tools import VakmanschapSpec
from ._lean import layout_of

__all__ = ["ProfileChart", "profile_svg"]

WIDTH = 380
LEFT = 12  # room for the "0" under the first bar
BAR_WIDTH = 310  # 31 units per point on the 0–10 scale
ROW = 58
TOP = 6
AXIS = 26
ACCENT = "#1f6f8b"
TRACK = "#e3f0f4"
LINE = "#dcd8cf"
INK = "#1d2b36"
MUTED = "#5b6b77"


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _score(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= 10 else None


def profile_svg(rows: list[tuple[str, int | None]], title: str) -> str:
    """An SVG bar chart: one row per (label, score 0–10 or ``None`` when not answered)."""
    height = TOP + ROW * len(rows) + AXIS
    summary = "; ".join(
        t("profile.summary", task=label, value=t("profile.empty") if v is None else v)
        for label, v in rows
    )
    parts = [
        f'<svg class="pz-profile-svg" role="img" aria-label="{_esc(title + ": " + summary)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH + 100}px;'
        f'display:block" xmlns="http://www.w3.org/2000/svg" '
        'font-family="Source Sans 3, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif">',
        f"<title>{_esc(title)}</title>",
    ]
    grid_bottom = TOP + ROW * len(rows)
    for point in range(11):
        parts.append(
            f'<text x="{LEFT + point * BAR_WIDTH // 10}" y="{grid_bottom + 18}" font-size="13" '
            f'fill="{MUTED}" text-anchor="middle">{point}</text>'
        )
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW
        parts.append(
            f'<g class="pz-profile-row" data-value="{"" if value is None else value}">'
            f'<text x="{LEFT}" y="{y + 17}" font-size="14" font-weight="600" fill="{INK}">'
            f"{_esc(label)}</text>"
            f'<rect x="{LEFT}" y="{y + 25}" width="{BAR_WIDTH}" height="20" rx="4" '
            f'fill="{TRACK}"/>'
        )
        if value:
            parts.append(
                f'<rect class="pz-profile-bar" x="{LEFT}" y="{y + 25}" '
                f'width="{value * BAR_WIDTH // 10}" height="20" rx="4" fill="{ACCENT}"/>'
            )
        # one segment per point, so a score can be read off without the axis
        for point in range(1, 10):
            x = LEFT + point * BAR_WIDTH // 10
            parts.append(
                f'<line x1="{x}" y1="{y + 25}" x2="{x}" y2="{y + 45}" stroke="#fff" '
                f'stroke-width="{2 if point == 5 else 1}"/>'
            )
        if value is None:
            parts.append(
                f'<text x="{LEFT + 8}" y="{y + 40}" font-size="13" font-style="italic" '
                f'fill="{MUTED}">{_esc(t("profile.empty"))}</text>'
            )
        else:
            parts.append(
                f'<text class="pz-profile-value" x="{LEFT + BAR_WIDTH + 12}" y="{y + 41}" '
                f'font-size="17" font-weight="700" fill="{INK}">{value}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


class ProfileChart:
    """A participant's own profile on the development tasks of ``spec``.

    ``id`` is the prefix given to ``ws.vakmanschap``: the score of a task is the answer to
    the question ``f"{id}-{task.id}"``.
    """

    def __init__(self, id: str, spec: VakmanschapSpec) -> None:
        self.id = id
        self.spec = spec
        self.values: dict[str, int | None] = {task.id: None for task in spec.tasks}
        self.chart = w.HTML("")
        self.box = w.VBox([self.chart], layout=layout_of(width="100%"))
        self.box.add_class("pz-profile")
        self._render()

    def update(self, saved: dict[str, Any]) -> None:
        """Redraw from the saved answers ``{question id: value}``."""
        self.values = {
            task.id: _score(saved.get(self.spec.scale_id(self.id, task)))
            for task in self.spec.tasks
        }
        self._render()

    def _render(self) -> None:
        spec = self.spec
        rows = [(task.label, self.values.get(task.id)) for task in spec.tasks]
        title = t("profile.title")
        note = ""
        if all(v is None for _, v in rows):
            note = f'<p class="pz-help" style="margin:0.25rem 0">{_esc(t("profile.none"))}</p>'
        self.chart.value = (
            '<div class="pz-profile-card" style="background:#fff;border:1px solid '
            f"{LINE};border-radius:10px;padding:1rem 1.25rem;margin:0.75rem 0;"
            'box-sizing:border-box">'
            f'<h3 style="margin:0 0 0.25rem;font-size:1.15rem;color:#155468">{_esc(title)}</h3>'
            f'<p class="pz-help" style="margin:0 0 0.5rem;color:{MUTED}">'
            f"{_esc(t('profile.caption'))} {_esc(spec.low_label)}; {_esc(spec.high_label)}.</p>"
            f"{note}{profile_svg(rows, title)}</div>"
        )
