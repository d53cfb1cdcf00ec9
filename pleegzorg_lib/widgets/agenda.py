"""The Kennisagenda: participants submit research questions and vote on each other's.

One vote per participant per question is enforced by the store (primary key); the panel
re-checks the bound participant and the item on every click, because a forged message can
click any button. The facilitator's :class:`AgendaAdmin` ranks, groups, hides and exports.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..i18n import t
from ..model import AnswerError, Catalog
from ..store import Participant
from ..store.interfaces import AgendaStore
from ._lean import layout_of
from ._sync import on_click_after_edits

log = logging.getLogger(__name__)

TEXT_LIMIT = 1000


def _html(value: str = "", css: str = "") -> w.HTML:
    widget = w.HTML(value)
    if css:
        widget.add_class(css)
    return widget


def _theme_options(catalog: Catalog, network_id: str) -> list[tuple[str, str]]:
    # "" (not None) for "no theme": a Dropdown shows an empty box for the value None.
    network = catalog.network(network_id)
    themes = [(theme.name, theme.id) for theme in (network.themes if network else ())]
    return [(t("kennisagenda.no_theme"), ""), *themes]


def votes_text(n: int) -> str:
    return t("kennisagenda.votes_one" if n == 1 else "kennisagenda.votes", n=n)


class AgendaPanel:
    """The participant's side: a form to submit a question and the list to vote on."""

    def __init__(
        self,
        store: AgendaStore,
        network_id: str,
        catalog: Catalog,
        may_vote: Callable[[], bool] | None = None,
    ) -> None:
        """``may_vote``: whether the page's participant took part (answered a question on the
        page); by default anyone bound to the page may vote."""
        self.store = store
        self.network_id = network_id
        self.catalog = catalog
        self.may_vote = may_vote or (lambda: True)
        self.participant: Participant | None = None
        self.theme = w.Dropdown(
            options=_theme_options(catalog, network_id),
            value="",
            description=t("kennisagenda.theme"),
            style={"description_width": "initial"},
            layout=layout_of(width="100%"),
        )
        self.text = w.Textarea(
            placeholder=t("kennisagenda.placeholder"),
            description=t("kennisagenda.your_question"),
            style={"description_width": "initial"},
            rows=3,
            layout=layout_of(width="100%"),
        )
        self.submit = w.Button(description=t("kennisagenda.submit"), button_style="primary")
        self.submit.add_class("pz-agenda-submit")
        on_click_after_edits(
            self.submit,
            [self.text, self.theme],
            lambda: self.add(self.text.value, self.theme.value),
        )
        self.status = _html(css="pz-status")
        self.list = w.VBox([])
        self.list.add_class("pz-agenda-items")
        intro = _html(
            f"<h2>{html.escape(t('kennisagenda.title'))}</h2>"
            f'<p class="pz-help">{html.escape(t("kennisagenda.intro"))}</p>'
        )
        self.box = w.VBox([intro, self.theme, self.text, self.submit, self.status, self.list])
        self.box.add_class("pz-agenda")
        self.box.add_class("pz-question")  # styled as a card like the questions
        self.refresh()

    # -- binding ---------------------------------------------------------------------------
    def bind(self, participant: Participant | None, session_code: str = "") -> None:
        self.participant = participant
        self.refresh()

    # -- actions (each re-checks in the kernel) -------------------------------------------
    def add(self, text: str, theme_id: str | None) -> bool:
        """Submit a research question; ``False`` with a Dutch message when refused."""
        if self.participant is None:
            self._say(t("panel.needs_participant"), "pz-status-error")
            return False
        valid_themes = {tid for _n, tid in _theme_options(self.catalog, self.network_id)}
        if theme_id not in valid_themes or not theme_id:  # none chosen, or a forged value
            theme_id = None
        try:
            self.store.add_agenda_item(
                self.participant.id, self.network_id, text or "", theme_id=theme_id
            )
        except AnswerError as exc:
            reason = t(exc.key, **exc.params)
            self._say(reason, "pz-status-error")
            return False
        except Exception:
            log.exception("adding an agenda item failed")
            self._say(t("status.store_down"), "pz-status-error")
            return False
        self.text.value = ""
        self._say("✓ " + t("kennisagenda.added"), "pz-status-saved")
        self.refresh()
        return True

    def toggle_vote(self, item_id: int) -> bool:
        """Vote for an item, or take the vote back; own and hidden items cannot be voted on."""
        if self.participant is None:
            return False
        items = {i.id: i for i in self.store.agenda_items(self.network_id, self.participant.id)}
        item = items.get(item_id)
        if item is None or item.mine or item.hidden:
            return False
        if not item.voted and not (self.may_vote() or any(i.mine for i in items.values())):
            # a vote from someone who took part: a reload without the cookie is a new
            # participant, and would otherwise vote again (issue 27)
            self._say(t("kennisagenda.answer_first"), "pz-status-error")
            return False
        if item.voted:
            done = self.store.unvote(item_id, self.participant.id)
        else:
            done = self.store.vote(item_id, self.participant.id)
        self.refresh()
        return done

    # -- showing ---------------------------------------------------------------------------
    def _say(self, text: str, css: str) -> None:
        self.status.value = f'<span class="{css}">{html.escape(text)}</span>'

    def refresh(self) -> None:
        pid = self.participant.id if self.participant else None
        try:
            items = self.store.agenda_items(self.network_id, pid)
        except Exception:
            log.exception("reading the agenda failed")
            return
        rows: list[w.Widget] = []
        if not items:
            rows.append(_html(f'<p class="pz-help">{html.escape(t("kennisagenda.empty"))}</p>'))
        themes = {tid: name for name, tid in _theme_options(self.catalog, self.network_id)}
        for item in items:
            theme = themes.get(item.theme_id or "", themes[""])
            badge = (
                f' <span class="pz-agenda-mine">{html.escape(t("kennisagenda.mine"))}</span>'
                if item.mine
                else ""
            )
            label = _html(
                f'<div class="pz-agenda-text">{html.escape(item.text)}</div>'
                f'<div class="pz-help">{html.escape(theme)} · '
                f"{html.escape(votes_text(item.votes))}{badge}</div>"
            )
            label.layout = layout_of(flex="1 1 auto")
            button = w.Button(
                description=t("kennisagenda.unvote" if item.voted else "kennisagenda.vote"),
                disabled=self.participant is None or item.mine,
                button_style="success" if item.voted else "",
                tooltip=t("kennisagenda.vote_hint"),
                layout=layout_of(width="auto", min_width="7em"),
            )
            button.add_class("pz-agenda-vote")
            button.on_click(lambda _b, i=item.id: self.toggle_vote(i))
            row = w.HBox([label, button], layout=layout_of(width="100%"))
            row.add_class("pz-agenda-row")
            rows.append(row)
        self.list.children = rows


class AgendaAdmin:
    """The facilitator's side (a tab of the live view): ranked per theme, hide, CSV."""

    def __init__(
        self, store: AgendaStore, network_id: str, catalog: Catalog, may: Callable[[], bool]
    ) -> None:
        self.store = store
        self.network_id = network_id
        self.catalog = catalog
        self.may = may
        self.overview = _html(css="pz-agenda-overview")
        self.download = _html()
        self.moderation = w.VBox([])
        self.box = w.VBox([self.download, self.overview, self.moderation])
        self.box.add_class("pz-agenda-admin")
        self._state: Any = None

    def refresh(self) -> None:
        if not self.may():
            return
        from ..export.agenda import agenda_csv, agenda_html

        items = self.store.agenda_items(self.network_id, include_hidden=True)
        state = [(i.id, i.votes, i.hidden) for i in items]
        if state == self._state:
            return
        self._state = state
        visible = [i for i in items if not i.hidden]
        self.overview.value = agenda_html(visible, self.catalog)
        import base64

        data = base64.b64encode(agenda_csv(items, self.catalog).encode("utf-8")).decode("ascii")
        self.download.value = (
            f'<a class="pz-download" download="kennisagenda-{html.escape(self.network_id)}.csv" '
            f'href="data:text/csv;charset=utf-8;base64,{data}">'
            f"{html.escape(t('kennisagenda.download'))}</a>"
        )
        rows: list[w.Widget] = [
            _html(f'<div class="pz-help">{html.escape(t("kennisagenda.moderate"))}</div>')
        ]
        for item in items:
            label = _html(
                f'<span class="pz-mod-text{" pz-mod-hidden" if item.hidden else ""}">'
                f"{html.escape(item.text)}</span>"
            )
            button = w.Button(description=t("live.show") if item.hidden else t("live.hide"))
            button.add_class("pz-mod-button")
            button.on_click(lambda _b, i=item.id, h=not item.hidden: self.set_hidden(i, h))
            row = w.HBox([label, button])
            row.add_class("pz-mod-row")
            rows.append(row)
        self.moderation.children = rows

    def set_hidden(self, item_id: int, hidden: bool) -> bool:
        if not self.may():
            return False
        ids = {i.id for i in self.store.agenda_items(self.network_id, include_hidden=True)}
        if item_id not in ids:
            return False
        self.store.set_agenda_hidden(item_id, hidden)
        self._state = None
        self.refresh()
        return True
