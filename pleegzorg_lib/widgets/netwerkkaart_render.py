"""How a netwerkkaart is shown: the SVG drawing, the metrics panel and the prompts (HTML).

Pure functions from people and metrics to markup; every alias is escaped here (the drawing is
inline SVG in an HTML widget). The view in :mod:`.netwerkkaart` puts them on the page.
"""

from __future__ import annotations

import math
from html import escape

from ..analysis.network_metrics import MapMetrics, reflection_prompts
from ..i18n import t
from ..model.netwerkkaart import MapSpec, Person

__all__ = ["person_line", "render_drawing", "render_metrics", "render_prompts"]

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


def person_line(person: Person, spec: MapSpec) -> str:
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
        placed = spec.sector(sector_id)
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
            colour = escape(placed.colour if placed else "#666666")
            short = _short(person.alias)
            lx, ly, anchor = _label(x, y, short)
            dots.append(
                f'<g class="pz-nk-dot"><title>{escape(person.alias)}: '
                f"{escape(person_line(person, spec))}</title>"
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
        provided = spec.support_kind(kind_id)
        label = provided.label if provided else kind_id
        deps.append(t("nk.dep_single", kind=label, alias=alias))
    for sector_id, alias in m.sole_links:
        found = spec.sector(sector_id)
        deps.append(t("nk.dep_sole", sector=found.label if found else sector_id, alias=alias))
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
