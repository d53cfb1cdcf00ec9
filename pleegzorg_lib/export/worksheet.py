"""A worksheet as a blank paper form, for sessions without screens: one source, three outputs
(the page, the printed form, the report).

The form is built from the notebook's text without running it: its metadata, its Markdown
prose and, per code statement, the questions the static reader finds there (the same reader
as :func:`~pleegzorg_lib.content.load_worksheet`, so composite tools such as
``ws.reflection_cycle(...)`` expand to the same questions). Tool panels that only work on
screen get a one-line note. Every text is escaped; raw HTML in prose is shown as text.
"""

from __future__ import annotations

import ast
import json
import math
from html import escape
from pathlib import Path

from ..content import ContentError, load_catalog
from ..content.questions import questions_in_source
from ..i18n import current_language, t
from ..model import Catalog, Question, QuestionKind, WorksheetInfo

__all__ = ["worksheet_print_html"]

#: ``ws.<name>()`` panels that need a screen: a note on paper instead of a question.
TOOL_PANELS = ("kennisagenda", "jaarplan", "kennisdossier")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot close the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _prose_html(source: str) -> str:
    import mistune  # nbconvert's Markdown renderer; escape=True keeps raw HTML inert

    return str(mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])(source))


def _lines(question: Question) -> int:
    """Ruled lines for an open question: a short answer gets two, a long one six."""
    if question.max_length <= 300:
        return 2
    return 4 if question.max_length <= 2000 else 6


def _choices(question: Question, shape: str) -> str:
    wide = " pz-choices-columns" if len(question.options) > 6 else ""
    items = "".join(
        f'<li><span class="pz-mark pz-mark-{shape}"></span>{_e(option)}</li>'
        for option in question.options
    )
    return f'<ul class="pz-choices{wide}">{items}</ul>'


def _likert(question: Question) -> str:
    cells = "".join(
        f'<li><span class="pz-mark pz-mark-circle"></span><span>{_e(label)}</span></li>'
        for label in question.options
    )
    return f'<ul class="pz-likert">{cells}</ul>'


def _scale(question: Question) -> str:
    boxes = "".join(
        f'<li><span class="pz-scale-n">{n}</span><span class="pz-scale-box"></span></li>'
        for n in range(11)
    )
    ends = ""
    if question.low_label or question.high_label:
        ends = (
            f'<div class="pz-scale-ends"><span>{_e(question.low_label)}</span>'
            f"<span>{_e(question.high_label)}</span></div>"
        )
    return f'<ul class="pz-scale">{boxes}</ul>{ends}'


def _ranking(question: Question) -> str:
    letters = _LETTERS if len(question.options) <= len(_LETTERS) else None
    items = "".join(
        f'<li><span class="pz-letter">{letters[i] if letters else i + 1}</span>{_e(item)}</li>'
        for i, item in enumerate(question.options)
    )
    blanks = "".join(
        f'<li><span class="pz-rank-n">{n}</span><span class="pz-rank-blank"></span></li>'
        for n in range(1, len(question.options) + 1)
    )
    return f'<ul class="pz-rank-items">{items}</ul><ol class="pz-rank">{blanks}</ol>'


def _network_map(labels: tuple[str, ...], rings: tuple[str, ...]) -> str:
    """Empty concentric circles with the participant in the middle, split into sectors."""
    cx, cy, radii, me = 380, 290, (100, 175, 250), 30
    parts = ['<svg class="pz-map" viewBox="0 0 760 580" aria-hidden="true">']
    for r in reversed(radii):
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" class="pz-ring"/>')
    n = len(labels)
    for i in range(n):
        angle = math.radians(-90 + 360 / n * (i + 0.5))
        x1, y1 = cx + me * math.cos(angle), cy + me * math.sin(angle)
        x2, y2 = cx + radii[-1] * math.cos(angle), cy + radii[-1] * math.sin(angle)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="pz-spoke"/>'
        )
    for i, label in enumerate(labels):
        angle = math.radians(-90 + 360 / n * i)
        x, y = cx + (radii[-1] + 14) * math.cos(angle), cy + (radii[-1] + 14) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        dy = 14 if math.sin(angle) > 0.5 else (-2 if math.sin(angle) < -0.5 else 5)
        parts.append(
            f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" class="pz-sector">'
            f"{_e(label)}</text>"
        )
    inner = (me, *radii[:-1])
    for label, r_in, r_out in zip(rings, inner, radii, strict=False):
        y = cy - (r_in + r_out) / 2 + 5  # in the ring's band, straight above the centre
        parts.append(
            f'<text x="{cx}" y="{y:.1f}" text-anchor="middle" class="pz-ring-label">'
            f"{_e(label)}</text>"
        )
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="{me}" class="pz-me"/>')
    parts.append(
        f'<text x="{cx}" y="{cy + 6}" text-anchor="middle" class="pz-me-label">'
        f"{_e(t('authoring.print.map_me'))}</text></svg>"
    )
    return "".join(parts)


def _map_parts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from .. import config
    from ..content.netwerkkaart import load_netwerkkaart_spec

    try:
        spec = load_netwerkkaart_spec(config.data_dir())
    except (ContentError, OSError):
        return (), ()
    return tuple(s.label for s in spec.sectors), tuple(c.label for c in spec.closeness)


def _question_html(question: Question, number: int) -> str:
    kind = question.kind
    hint = ""
    if kind == QuestionKind.OPEN:
        body = '<div class="pz-lines">' + '<div class="pz-line"></div>' * _lines(question)
        body += "</div>"
    elif kind == QuestionKind.LIKERT:
        body = _likert(question)
    elif kind == QuestionKind.SINGLE_CHOICE:
        hint, body = t("authoring.print.single_hint"), _choices(question, "circle")
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        hint, body = t("authoring.print.multiple_hint"), _choices(question, "square")
    elif kind == QuestionKind.SCALE_0_10:
        hint, body = t("authoring.print.scale_hint"), _scale(question)
    elif kind == QuestionKind.RANKING:
        hint, body = t("authoring.print.ranking_hint"), _ranking(question)
    else:  # the netwerkkaart
        hint, body = t("authoring.print.map_hint"), _network_map(*_map_parts())
    shared = f' <span class="pz-shared">{_e(t("shared.notice"))}</span>' if question.shared else ""
    help_text = f'<p class="pz-help">{_e(question.help)}</p>' if question.help else ""
    hint_html = f'<p class="pz-hint">{_e(hint)}</p>' if hint else ""
    return (
        f'<section class="pz-q pz-q-{kind.value}" data-question="{_e(question.id)}">'
        f'<h3 class="pz-prompt"><span class="pz-num">{number}</span>'
        f"<span>{_e(question.prompt)}{shared}</span></h3>"
        f"{help_text}{hint_html}{body}</section>"
    )


def _statements(source: str) -> list[tuple[str, int]]:
    """Top-level statements of a code cell with their first line, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [(source, 1)]  # the reader below reports the error with its line
    return [(ast.get_source_segment(source, node) or "", node.lineno) for node in tree.body]


def _tool_calls(statement: str) -> list[str]:
    try:
        tree = ast.parse(statement)
    except SyntaxError:
        return []
    return [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in TOOL_PANELS
    ]


def _body(info: WorksheetInfo, root: Path) -> list[str]:
    nb = json.loads((root / info.path).read_text(encoding="utf-8"))
    name = f"workbooks/{info.path}"
    parts: list[str] = []
    number = 0
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown" and source.strip():
            parts.append(f'<div class="pz-prose">{_prose_html(source)}</div>')
        if cell.get("cell_type") != "code":
            continue
        for statement, line in _statements(source):
            for tool in _tool_calls(statement):
                note = t("authoring.print.tool_note", tool=t(f"authoring.print.tool.{tool}"))
                parts.append(f'<p class="pz-tool-note">{_e(note)}</p>')
            for question in questions_in_source(statement, name, first_line=line):
                number += 1
                parts.append(_question_html(question, number))
    return parts


def _who(info: WorksheetInfo, catalog: Catalog) -> str:
    roles = [catalog.role(r) for r in info.audience if r != "anders"]
    marks = "".join(
        f'<span class="pz-role"><span class="pz-mark pz-mark-circle"></span>{_e(r.name)}</span>'
        for r in roles
        if r is not None
    )
    other = (
        f'<span class="pz-role"><span class="pz-mark pz-mark-circle"></span>'
        f'{_e(t("authoring.print.role_other"))} <span class="pz-blank pz-blank-short"></span>'
        "</span>"
        if marks
        else '<span class="pz-blank"></span>'
    )
    return (
        '<div class="pz-who">'
        f'<div class="pz-who-row"><span class="pz-field">{_e(t("authoring.print.role"))}</span>'
        f'<span class="pz-roles">{marks}{other}</span></div>'
        f'<div class="pz-who-row"><span class="pz-field">{_e(t("authoring.print.name"))}</span>'
        '<span class="pz-blank"></span>'
        f'<span class="pz-field">{_e(t("authoring.print.date"))}</span>'
        '<span class="pz-blank pz-blank-short"></span></div></div>'
    )


def worksheet_print_html(info: WorksheetInfo, root: Path, *, catalog: Catalog | None = None) -> str:
    """The worksheet ``info`` below ``root`` as a printable blank form (HTML, A4 print CSS).

    Parameters
    ----------
    info
        The worksheet's metadata, e.g. from :func:`~pleegzorg_lib.content.find_worksheet`.
    root
        The workbooks folder ``info.path`` is relative to.
    catalog
        Networks, themes and roles; default the catalog in ``config.data_dir()``.
    """
    from .. import config

    catalog = catalog or load_catalog(config.data_dir())
    network = catalog.network(info.network_id)
    theme = network.theme(info.theme_id) if network else None
    kicker = " · ".join(
        _e(x) for x in (network.name if network else "", theme.name if theme else "") if x
    )
    footer = t("authoring.print.footer", id=info.id)
    css = _CSS.replace("__FOOTER__", _css_string(f"{info.title} · {footer}"))
    return (
        f'<!DOCTYPE html><html lang="{current_language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(info.title)}</title><style>{css}</style></head>"
        '<body><main class="pz-sheet">'
        f'<header class="pz-head"><div class="pz-kicker">{kicker}</div>'
        f"<h1>{_e(info.title)}</h1>"
        f'<p class="pz-lead">{_e(info.description)}</p>'
        f'<p class="pz-duration">{_e(t("authoring.print.minutes", minutes=info.duration_minutes))}'
        f"</p>{_who(info, catalog)}</header>"
        + "".join(_body(info, root))
        + f'<footer class="pz-end"><p>{_e(t("authoring.print.end"))}</p>'
        f'<p class="pz-id">{_e(footer)}</p></footer></main></body></html>'
    )


_CSS = """
@page { size: A4; margin: 16mm 17mm 18mm;
  @bottom-left { content: __FOOTER__; font: 8pt Arial, sans-serif; color: #777; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt Arial, sans-serif;
    color: #777; } }
* { box-sizing: border-box; }
html { background: #e9e7e2; }
body { margin: 0; color: #1d2b36; font: 10.5pt/1.45 "Source Sans 3", "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; }
.pz-sheet { background: #fff; width: 210mm; margin: 8mm auto; padding: 16mm 17mm 18mm;
  box-shadow: 0 1px 6px rgba(0, 0, 0, .18); }
@media print { html { background: none; }
  .pz-sheet { width: auto; margin: 0; padding: 0; box-shadow: none; } }
.pz-head { border-bottom: 1.2pt solid #1d2b36; padding-bottom: 4mm; margin-bottom: 5mm; }
.pz-kicker { font-size: 8.5pt; letter-spacing: .06em; text-transform: uppercase; color: #5b6b77; }
h1 { font-size: 20pt; line-height: 1.2; margin: 1.5mm 0 2mm; }
.pz-lead { margin: 0 0 1mm; font-size: 11pt; }
.pz-duration { margin: 0 0 4mm; color: #5b6b77; font-size: 9.5pt; }
.pz-who { border: .8pt solid #8a969e; border-radius: 2mm; padding: 2.5mm 4mm; }
.pz-who-row { display: flex; align-items: flex-end; gap: 3mm; min-height: 8mm; }
.pz-who-row:first-child { align-items: baseline; padding-top: 1mm; }
.pz-field { font-weight: 600; white-space: nowrap; }
.pz-roles { display: flex; flex-wrap: wrap; gap: 1.5mm 5mm; flex: 1; }
.pz-role { display: inline-flex; align-items: center; white-space: nowrap; }
.pz-blank { flex: 1; border-bottom: .6pt solid #6f7b84; height: 6mm; min-width: 30mm; }
.pz-blank-short { flex: 0 0 35mm; display: inline-block; margin-left: 1.5mm; }
.pz-prose { margin: 4mm 0 2mm; }
.pz-prose p { margin: 0 0 2mm; }
.pz-prose h1, .pz-prose h2, .pz-prose h3 { font-size: 13pt; margin: 6mm 0 1mm;
  padding-bottom: 1mm; border-bottom: .6pt solid #c9c4b8; break-after: avoid; }
.pz-prose ul, .pz-prose ol { margin: 0 0 2mm; padding-left: 6mm; }
.pz-q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; padding-top: 1mm; }
.pz-prompt { display: flex; gap: 2.5mm; font-size: 11pt; font-weight: 600; margin: 0 0 1mm; }
.pz-num { flex: 0 0 6mm; height: 6mm; border-radius: 50%; background: #1d2b36; color: #fff;
  font-size: 8.5pt; text-align: center; line-height: 6mm; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
.pz-shared { font-weight: 400; font-size: 8.5pt; color: #5b6b77; border: .6pt solid #8a969e;
  border-radius: 1mm; padding: 0 1.2mm; white-space: nowrap; }
.pz-help, .pz-hint { margin: 0 0 1.5mm 8.5mm; font-size: 9.5pt; color: #5b6b77; }
.pz-help { font-style: italic; }
.pz-lines, .pz-choices, .pz-likert, .pz-scale, .pz-scale-ends, .pz-rank-items, .pz-rank,
.pz-map { margin-left: 8.5mm; }
.pz-line { height: 8.5mm; border-bottom: .6pt solid #9aa4ab; }
.pz-q ul, .pz-q ol { list-style: none; padding: 0; }
.pz-choices { margin-top: 1.5mm; margin-bottom: 0; }
.pz-choices li { display: flex; align-items: center; margin: 0 0 1.6mm; }
.pz-choices-columns { columns: 2; column-gap: 8mm; }
.pz-mark { flex: 0 0 auto; display: inline-block; width: 4.2mm; height: 4.2mm;
  border: .9pt solid #1d2b36; margin-right: 2.5mm; background: #fff; }
.pz-mark-circle { border-radius: 50%; }
.pz-mark-square { border-radius: .6mm; }
.pz-likert { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm;
  margin-top: 2mm; text-align: center; font-size: 9pt; }
.pz-likert li { display: flex; flex-direction: column; align-items: center; gap: 1.2mm; }
.pz-likert .pz-mark { margin: 0; width: 5mm; height: 5mm; }
.pz-scale { display: grid; grid-template-columns: repeat(11, 1fr); gap: 1.5mm;
  margin-top: 2mm; margin-bottom: 1mm; text-align: center; }
.pz-scale li { display: flex; flex-direction: column; align-items: center; gap: .8mm; }
.pz-scale-n { font-size: 9pt; font-weight: 600; }
.pz-scale-box { display: block; width: 100%; height: 8mm; border: .9pt solid #1d2b36;
  border-radius: .8mm; }
.pz-scale-ends { display: flex; justify-content: space-between; font-size: 9pt; color: #5b6b77; }
.pz-rank-items li { margin: 0 0 1.2mm; display: flex; align-items: center; }
.pz-letter { flex: 0 0 5.5mm; height: 5.5mm; border: .8pt solid #1d2b36; border-radius: 50%;
  font-size: 8.5pt; font-weight: 600; text-align: center; line-height: 5.2mm; margin-right: 2.5mm; }
.pz-rank { display: flex; flex-wrap: wrap; gap: 2mm 6mm; margin-top: 2.5mm; }
.pz-rank li { display: flex; align-items: flex-end; gap: 1.5mm; }
.pz-rank-n { font-weight: 600; }
.pz-rank-blank { display: inline-block; width: 12mm; height: 7mm; border: .9pt solid #1d2b36;
  border-radius: .8mm; }
.pz-map { display: block; width: calc(100% - 8.5mm); height: auto; margin-top: 2mm; }
.pz-ring { fill: none; stroke: #1d2b36; stroke-width: 1.4; }
.pz-spoke { stroke: #9aa4ab; stroke-width: 1; stroke-dasharray: 5 5; }
.pz-sector { font-size: 15px; fill: #1d2b36; }
.pz-ring-label { font-size: 12px; fill: #7b878f; }
.pz-me { fill: #fff; stroke: #1d2b36; stroke-width: 1.4; }
.pz-me-label { font-size: 16px; font-weight: 600; fill: #1d2b36; }
.pz-tool-note { margin: 2mm 0 5mm; padding: 2mm 3mm; border-left: 1.5pt solid #9aa4ab;
  font-size: 9.5pt; color: #5b6b77; }
.pz-end { margin-top: 8mm; border-top: .6pt solid #c9c4b8; padding-top: 2mm; font-size: 9.5pt; }
.pz-end p { margin: 0; }
.pz-id { color: #8a969e; font-size: 8pt; }
"""
