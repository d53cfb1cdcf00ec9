"""The Wie weet wat panel: suggestions of whom to approach, below the participant's answers.

Suggestions come from other participants of the same worksheet (the same network) who said
yes to being found; everything they typed is escaped before it is shown.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import ipywidgets as w

from ..content.tool_questions import CONSENT_NAMED, CONSENT_PSEUDONYMOUS
from ..i18n import t
from ..model.wieweetwat import suggest
from ..store import Participant

log = logging.getLogger(__name__)


class WieWeetWatPanel:
    """Bound by the runner like any panel; ``update`` is called after every save."""

    def __init__(self, runner: Any, prefix: str) -> None:
        self.runner = runner
        self.prefix = prefix
        self.participant: Participant | None = None
        self._saved: dict[str, Any] = {}
        roles = [(t("wieweetwat.any_role"), "")] + [(r.name, r.id) for r in runner.catalog.roles]
        self.role = w.Dropdown(
            options=roles,
            value="",
            description=t("wieweetwat.role"),
            style={"description_width": "initial"},
        )
        self.role.observe(lambda _c: self.render(), "value")
        self.refresh_button = w.Button(description=t("wieweetwat.refresh"))
        self.refresh_button.on_click(lambda _b: self.render())
        self.results = w.HTML("")
        self.results.add_class("pz-wieweetwat-results")
        intro = w.HTML(
            f"<h2>{html.escape(t('wieweetwat.title'))}</h2>"
            f'<p class="pz-help">{html.escape(t("wieweetwat.intro"))}</p>'
        )
        self.box = w.VBox([intro, w.HBox([self.role, self.refresh_button]), self.results])
        self.box.add_class("pz-wieweetwat")
        self.box.add_class("pz-question")

    def bind(self, participant: Participant | None, session_code: str = "") -> None:
        self.participant = participant
        self.render()

    def update(self, saved: dict[str, Any]) -> None:
        self._saved = dict(saved)
        self.render()

    def _consent_values(self) -> tuple[str | None, str | None]:
        """The answers that mean "yes, with my name" and "yes, without my name"."""
        view = self.runner.views.get(f"{self.prefix}-zichtbaar")
        options = view.question.options if view is not None else ()
        named = CONSENT_NAMED if CONSENT_NAMED in options else None
        pseudonymous = CONSENT_PSEUDONYMOUS if CONSENT_PSEUDONYMOUS in options else None
        return named, pseudonymous

    def render(self) -> None:
        if self.participant is None:
            self.results.value = ""
            return
        role = self.role.value or None
        if role is not None and self.runner.catalog.role(role) is None:  # forged value
            role = None
        named, pseudonymous = self._consent_values()
        ids = [f"{self.prefix}-{s}" for s in ("weet", "toelichting", "zichtbaar", "contact")]
        try:
            others = self.runner.store.worksheet_answers(self.runner.info.id, ids)
        except Exception:
            log.exception("reading Wie weet wat failed")
            return
        groups = suggest(
            self.prefix,
            self._saved,
            others,
            me=self.participant.id,
            consent_value=named or "",
            pseudonymous_value=pseudonymous,
            role_id=role,
        )
        self.results.value = self._html(groups)

    def _html(self, groups: list) -> str:
        if not groups:
            return f'<p class="pz-help">{html.escape(t("wieweetwat.pick_first"))}</p>'
        parts = []
        for theme, people in groups:
            if people:
                items = "".join(self._person(s) for s in people)
                body = f'<ul class="pz-wieweetwat-people">{items}</ul>'
            else:
                body = f'<p class="pz-help">{html.escape(t("wieweetwat.nobody"))}</p>'
            heading = f"<h3>{html.escape(theme)}</h3>"
            parts.append(f'<section class="pz-wieweetwat-theme">{heading}{body}</section>')
        return "".join(parts)

    def _person(self, s: Any) -> str:
        role = self.runner.catalog.role(s.role_id) if s.role_id else None
        name = s.display_name or t("wieweetwat.pseudonym", tag=s.pseudonym)
        bits = [f'<strong class="pz-wieweetwat-name">{html.escape(name)}</strong>']
        if role is not None:
            bits.append(f' <span class="pz-help">({html.escape(role.name)})</span>')
        if s.about:
            bits.append(f'<div class="pz-wieweetwat-about">{html.escape(s.about)}</div>')
        if s.contact:
            bits.append(
                f'<div class="pz-wieweetwat-contact">{html.escape(t("wieweetwat.contact"))}: '
                f"{html.escape(s.contact)}</div>"
            )
        return f'<li class="pz-wieweetwat-person">{"".join(bits)}</li>'
