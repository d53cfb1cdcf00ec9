"""Help beside a question that touches distress (the hulpwijzer, ``model/signposting.py``)."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import ipywidgets as w

from ..model import Question
from ..model.signposting import Helper, Signposting


def _helper_html(helper: Helper) -> str:
    parts = [f'<strong class="pz-signpost-name">{html.escape(helper.name)}</strong>']
    parts.append(f'<span class="pz-signpost-text">{html.escape(helper.text)}</span>')
    if helper.contact:
        parts.append(f'<span class="pz-signpost-contact">{html.escape(helper.contact)}</span>')
    if helper.url:
        host = urlsplit(helper.url).netloc.removeprefix("www.")
        parts.append(
            f'<a class="pz-signpost-link" href="{html.escape(helper.url, quote=True)}" '
            f'target="_blank" rel="noopener noreferrer">{html.escape(host)}</a>'
        )
    return f"<li>{' '.join(parts)}</li>"


def signpost_html(rules: Signposting, role_id: str | None) -> str:
    """The help block for someone in ``role_id`` (all texts from data/, escaped)."""
    items = "".join(_helper_html(h) for h in rules.helpers_for(role_id))
    return (
        '<aside class="pz-signpost" role="note">'
        f'<p class="pz-signpost-title">{html.escape(rules.title)}</p>'
        f'<p class="pz-signpost-intro">{html.escape(rules.intro)}</p>'
        f"<ul>{items}</ul></aside>"
    )


class SignpostView:
    """The place beside one question where help appears when its answer calls for it."""

    def __init__(self, rules: Signposting, question: Question) -> None:
        self.rules = rules
        self.question = question
        self.widget = w.HTML("")
        self.widget.add_class("pz-signpost-slot")
        self.shown = False

    def update(self, value: Any, role_id: str | None) -> None:
        self.shown = self.rules.due(self.question, value)
        text = signpost_html(self.rules, role_id) if self.shown else ""
        if self.widget.value != text:
            self.widget.value = text
