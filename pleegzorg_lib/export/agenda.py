"""The Kennisagenda of a network: research questions ranked by votes, grouped by theme.

The submitters are never named: a facilitator sees questions and vote counts only. Every
question text is participant text and is escaped (HTML) or neutralised (CSV formulas).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from html import escape
from typing import Any

from ..i18n import t
from ..model import Catalog


def _theme_name(catalog: Catalog, network_id: str, theme_id: str | None) -> str:
    network = catalog.network(network_id)
    for theme in network.themes if network else ():
        if theme.id == theme_id:
            return theme.name
    return t("kennisagenda.no_theme")


def grouped(items: Sequence[Any], catalog: Catalog) -> list[tuple[str, list[Any]]]:
    """(theme name, items best first) per theme, themes in the network's order."""
    if not items:
        return []
    network_id = items[0].network_id
    network = catalog.network(network_id)
    order = {theme.id: i for i, theme in enumerate(network.themes if network else ())}
    by_theme: dict[str | None, list[Any]] = {}
    for item in items:
        key = item.theme_id if item.theme_id in order else None
        by_theme.setdefault(key, []).append(item)
    keys = sorted(by_theme, key=lambda k: order.get(k, len(order)) if k is not None else 10**6)
    return [
        (
            _theme_name(catalog, network_id, key),
            sorted(by_theme[key], key=lambda i: (-i.votes, i.created_at, i.id)),
        )
        for key in keys
    ]


def _votes(n: int) -> str:
    return t("kennisagenda.votes_one" if n == 1 else "kennisagenda.votes", n=n)


def agenda_html(items: Sequence[Any], catalog: Catalog) -> str:
    """The agenda for the facilitator: per theme, questions with their votes, best first."""
    if not items:
        return f'<p class="pz-help">{escape(t("kennisagenda.empty"))}</p>'
    parts = []
    for theme, theme_items in grouped(items, catalog):
        rows = "".join(
            f'<li class="pz-agenda-item{" pz-agenda-hidden" if item.hidden else ""}">'
            f'<span class="pz-agenda-votes">{escape(_votes(item.votes))}</span> '
            f'<span class="pz-agenda-question">{escape(item.text)}</span></li>'
            for item in theme_items
        )
        parts.append(
            f'<section class="pz-agenda-theme"><h3>{escape(theme)}</h3>'
            f'<ol class="pz-agenda-list">{rows}</ol></section>'
        )
    return "".join(parts)


#: The Kennisagenda CSV's columns: a data format, the same in every page language.
AGENDA_CSV_COLUMNS = ("rang", "thema", "vraag", "stemmen", "ingediend")


def agenda_csv(items: Sequence[Any], catalog: Catalog) -> str:
    """Rank, theme, question and votes: one row per visible question, best first overall."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AGENDA_CSV_COLUMNS)
    visible = [i for i in items if not i.hidden]
    ranked = sorted(visible, key=lambda i: (-i.votes, i.created_at, i.id))
    for rank, item in enumerate(ranked, start=1):
        text = item.text
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):  # a formula to a spreadsheet
            text = "'" + text
        writer.writerow(
            [
                rank,
                _theme_name(catalog, item.network_id, item.theme_id),
                text,
                item.votes,
                item.created_at.strftime("%Y-%m-%d") if item.created_at else "",
            ]
        )
    return out.getvalue()
