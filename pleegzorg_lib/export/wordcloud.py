"""The word cloud of a shared open question, as inline SVG made on the server (issue 30).

The words come from :func:`..analysis.words_of_the_group` (only words at least k = 5 people
wrote, counted per person); here they are only drawn. Layout: the most written word in the
middle of the first lines, the others alternating left and right of it, wrapped into
centred lines; the font size grows with the number of people (16–52 px in a 720-wide
``viewBox`` that the page scales). Every word is escaped; the SVG has ``role="img"`` and a
label that reads the words and counts aloud, so a screen reader gets what the eye gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["word_cloud_svg"]

WIDTH = 720
MIN_SIZE, MAX_SIZE = 16, 52
GAP = 14
LINE = 1.25  # line height as a multiple of the line's largest font size
#: rough width of one character as a share of the font size (Helvetica/Arial-like sans)
CHAR_WIDTH = 0.58
COLOURS = ("#155e75", "#1f6f8b", "#7a5500", "#3f5f3a")


def _size(count: int, low: int, high: int) -> float:
    if high == low:
        return (MIN_SIZE + MAX_SIZE) / 2
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (count - low) / (high - low)


def _centre_out(words: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Most written first in the middle: ..., 4th, 2nd, 1st, 3rd, 5th, ..."""
    left: list[tuple[str, int]] = []
    right: list[tuple[str, int]] = []
    for i, item in enumerate(words):
        (right if i % 2 == 0 else left).append(item)
    return [*reversed(left), *right]


def word_cloud_svg(words: Sequence[tuple[str, int]], *, label: str) -> str:
    """``words`` (word, people) as an SVG word cloud; ``""`` when there are none."""
    if not words:
        return ""
    counts = [n for _, n in words]
    low, high = min(counts), max(counts)
    sized = [(w, n, _size(n, low, high)) for w, n in _centre_out(words)]
    lines: list[list[tuple[str, int, float, float]]] = [[]]
    used = 0.0
    for word, n, size in sized:
        width = len(word) * size * CHAR_WIDTH
        if lines[-1] and used + GAP + width > WIDTH:
            lines.append([])
            used = 0.0
        used += (GAP if lines[-1] else 0) + width
        lines[-1].append((word, n, size, width))
    parts = []
    y = 0.0
    for row, line in enumerate(lines):
        tallest = max(size for _, _, size, _ in line)
        y += tallest * LINE
        total = sum(width for *_, width in line) + GAP * (len(line) - 1)
        x = max(0.0, (WIDTH - total) / 2)
        for i, (word, n, size, width) in enumerate(line):
            colour = COLOURS[(row + i) % len(COLOURS)]
            weight = 700 if n == high else 600
            parts.append(
                f'<text x="{x:.0f}" y="{y - tallest * 0.25:.0f}" font-size="{size:.0f}" '
                f'font-weight="{weight}" fill="{colour}">{escape(word)}</text>'
            )
            x += width + GAP
    height = y + 8
    spoken = ", ".join(f"{word} ({n})" for word, n in words)
    return (
        f'<svg class="pz-cloud" role="img" aria-label="{escape(label)}: {escape(spoken)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        'font-family="Helvetica Neue, Helvetica, Arial, sans-serif">'
        f"{''.join(parts)}</svg>"
    )
