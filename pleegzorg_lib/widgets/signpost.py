"""Help beside a question that touches distress (the hulpwijzer, ``model/signposting.py``)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import ipywidgets as w

from ..model import Catalog, Question
from ..model.signposting import Helper, Signposting

if TYPE_CHECKING:
    from ._view import QuestionView


def _helper_html(helper: Helper) -> str:
    parts = [f'<strong class="pz-signpost-name">{html.escape(helper.name)}</strong>']
    parts.append(f'<span class="pz-signpost-text">{html.escape(helper.text)}</span>')
    if helper.contact:
        parts.append(f'<span class="pz-signpost-contact">{html.escape(helper.contact)}</span>')
    if helper.hours:
        parts.append(f'<span class="pz-signpost-hours">{html.escape(helper.hours)}</span>')
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


class PageHelp:
    """The hulpwijzer on one page: a place beside each question that may call for help, and
    blocks that always show it. Without rules (``None``) it does nothing."""

    def __init__(
        self,
        rules: Signposting | None,
        catalog: Catalog,
        audience: tuple[str, ...],
        chosen_role: Callable[[], str | None],
    ) -> None:
        self.rules = rules
        self.catalog = catalog
        self.audience = audience
        self.chosen_role = chosen_role
        self.views: dict[str, SignpostView] = {}
        self.panels: list[w.HTML] = []

    def role(self) -> str | None:
        """The role whose helpers to show: the chosen one, or on a worksheet written for
        young people (every audience role in the youth group) its first audience role, so a
        young person sees the Kindertelefoon before choosing a role."""
        chosen = self.chosen_role()
        if chosen is not None:
            return str(chosen)
        roles = [self.catalog.role(r) for r in self.audience]
        if roles and all(r is not None and r.group == "youth" for r in roles):
            return self.audience[0]
        return None

    def watch(self, view: QuestionView) -> None:
        """Give ``view`` a place for help below its input, if its answers can call for it."""
        if self.rules is None or not self.rules.watches(view.question):
            return
        signpost = SignpostView(self.rules, view.question)
        children = list(view.box.children)
        children.insert(children.index(view.input) + 1, signpost.widget)
        view.box.children = tuple(children)
        self.views[view.question.id] = signpost
        signpost.update(None, self.role())

    def panel(self) -> w.HTML:
        """The hulpwijzer as a block of its own (always shown), fitting the role."""
        if self.rules is None:
            raise ValueError("this page has no hulpwijzer (signposting=None)")
        panel = w.HTML(signpost_html(self.rules, self.role()))
        panel.add_class("pz-help-panel")
        self.panels.append(panel)
        return panel

    def update(self, view: QuestionView) -> None:
        """Show or hide the help beside ``view`` for its current answer."""
        signpost = self.views.get(view.question.id)
        if signpost is None:
            return
        try:
            value = view.get_value()
        except (TypeError, ValueError):  # a value the page could not have sent
            value = None
        signpost.update(value, self.role())

    def refresh_panels(self) -> None:
        if self.rules is None:
            return
        text = signpost_html(self.rules, self.role())
        for panel in self.panels:
            if panel.value != text:
                panel.value = text

    def role_changed(self, views: Iterable[QuestionView]) -> None:
        """Help fitting the new role, in the panels and beside the questions."""
        self.refresh_panels()
        for view in views:
            self.update(view)
