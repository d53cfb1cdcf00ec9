"""The network's open polls at the foot of every worksheet of that network (issue #28, part 4).

The same polls and rules as on the network's home (``services/exchange.py``, imported on
first use so a worksheet without polls stays lean): one vote per
participant, only while the poll runs; the result only after voting and from 5 voters,
summarised over the first ``published(n)`` votes. A vote needs the page's participant, who
exists once they answered a question here or came back with their resume code: reloading
the page without its cookie does not make a fresh voter (the Kennisagenda's rule). Every
click is checked again in the kernel: a forged message can click any button.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..i18n import t
from ..store import Participant
from ..store.interfaces import NetworkPollStore

if TYPE_CHECKING:
    from ..analysis._polls import PollView

log = logging.getLogger(__name__)

#: At most this many open polls at the foot of a worksheet (the home shows all).
SHOWN = 2


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d-%m-%Y")


def result_html(view: PollView) -> str:
    """The result as bars, or why it is not shown; every text escaped."""
    if view.result is None:
        if view.too_few:
            return f'<p class="pz-npoll-too-few">{html.escape(t("exchange.poll.too_few"))}</p>'
        return ""
    rows = []
    for index, (label, _count, pct) in enumerate(view.result):
        mine = (
            f' <span class="pz-mine">{html.escape(t("exchange.item.yours"))}</span>'
            if view.poll.mine == index
            else ""
        )
        rows.append(
            f'<li><span class="pz-npoll-label">{html.escape(label)}{mine}</span>'
            f'<span class="pz-npoll-bar" aria-hidden="true"><span style="width: {int(pct)}%">'
            f'</span></span><span class="pz-npoll-pct">{int(pct)}%</span></li>'
        )
    return f'<ul class="pz-npoll-result">{"".join(rows)}</ul>'


class _OnePoll:
    """One open poll: the question, its options and "Stem", or the result after voting."""

    def __init__(self, panel: NetworkPollPanel, poll: Any) -> None:
        self.panel, self.poll_id = panel, poll.id
        self.prompt = w.HTML()
        self.choice = w.RadioButtons(options=[], value=None, layout=w.Layout(width="100%"))
        self.choice.add_class("pz-npoll-choice")
        self.vote = w.Button(description=t("exchange.poll.vote"), layout=w.Layout())
        self.vote.add_class("pz-npoll-vote")
        self.vote.on_click(lambda _b: self.panel.cast(self.poll_id, self.choice.index))
        self.result = w.HTML()
        self.box = w.VBox([self.prompt, self.choice, self.vote, self.result])
        self.box.add_class("pz-npoll")
        self.show(poll)

    def say(self, message: str) -> None:
        """A message under the poll (why a vote was not counted), read out as an alert."""
        self.result.value = f'<p class="pz-help" role="alert">{html.escape(message)}</p>'

    def show(self, poll: Any) -> None:
        # imported when a poll is shown: a worksheet without polls loads no analysis at all
        from ..analysis._polls import view_poll

        view = view_poll(poll)
        self.prompt.value = (
            f'<p class="pz-npoll-prompt">{html.escape(poll.prompt)}</p>'
            f'<p class="pz-card-meta">'
            f"{html.escape(t('exchange.poll.closes', date=_when(poll.closes_at)))}</p>"
        )
        if view.answered:
            self.choice.layout.display = "none"
            self.vote.layout.display = "none"
            self.result.value = (
                f'<p class="pz-npoll-voted" role="status">'
                f"{html.escape(t('exchange.poll.voted'))}</p>" + result_html(view)
            )
            return
        labels = list(poll.options)
        if list(self.choice.options) != labels:
            self.choice.options = labels
            self.choice.value = None
        self.choice.layout.display = None
        self.vote.layout.display = None
        self.result.value = f'<p class="pz-help">{html.escape(t("exchange.poll.after_vote"))}</p>'


class NetworkPollPanel:
    """The open polls of the worksheet's network, for the page's participant."""

    def __init__(
        self,
        store: NetworkPollStore,
        network_id: str,
        home_url: str,
        may_vote: Callable[[], bool] | None = None,
    ) -> None:
        """``home_url``: the network's home, relative to the page; ``may_vote``: whether the
        page's participant took part (answered here or resumed); by default anyone bound."""
        self.store = store
        self.network_id = network_id
        self.may_vote = may_vote or (lambda: True)
        self.participant: Participant | None = None
        self.title = w.HTML(
            f'<h2 class="pz-npoll-title">{html.escape(t("network_poll.title"))}</h2>'
            f'<p class="pz-help">{html.escape(t("network_poll.intro"))} '
            f'<a href="{html.escape(home_url)}">{html.escape(t("network_poll.home"))}</a></p>'
        )
        self.list = w.VBox([])
        self.box = w.VBox([self.title, self.list], layout=w.Layout(display="none"))
        self.box.add_class("pz-network-polls")
        self.shown: dict[int, _OnePoll] = {}

    def bind(self, participant: Participant | None, session_code: str) -> None:
        self.participant = participant
        self.refresh()

    def _open_polls(self) -> list[Any]:
        now = datetime.now(UTC)
        viewer = self.participant.id if self.participant is not None else None
        polls = self.store.network_polls(self.network_id, viewer, limit=20)
        return [p for p in polls if p.closes_at > now][:SHOWN]

    def refresh(self) -> None:
        """Show the network's open polls (none: the panel stays out of sight)."""
        try:
            polls = self._open_polls()
        except Exception:  # a store hiccup must not break the worksheet
            log.exception("network polls of %s could not be read", self.network_id)
            return
        kept: dict[int, _OnePoll] = {}
        for poll in polls:
            one = self.shown.get(poll.id)
            if one is None:
                one = _OnePoll(self, poll)
            else:
                one.show(poll)
            kept[poll.id] = one
        self.shown = kept
        self.list.children = tuple(one.box for one in kept.values())
        self.box.layout.display = None if kept else "none"

    def cast(self, poll_id: int, index: int | None) -> bool:
        """A click on "Stem": every value checked here, whatever the page sent."""
        one = self.shown.get(poll_id)
        if one is None:
            return False
        if self.participant is None or not self.may_vote():
            one.say(t("network_poll.answer_first"))
            return False
        if index is None:
            one.say(t("network_poll.pick_one"))
            return False
        from ..services import exchange

        try:
            counted = exchange.vote_poll(
                self.store, self.participant.id, self.network_id, poll_id, index
            )
        except exchange.ExchangeError as error:  # the poll stays, with why (closed meanwhile)
            params = dict(error.params)
            if "field" in params:
                params["field"] = t(f"exchange.field.{params['field']}")
            one.say(t(error.key, **params))
            return False
        poll = self._poll(poll_id)
        if poll is not None:
            one.show(poll)
        return counted

    def _poll(self, poll_id: int) -> Any:
        viewer = self.participant.id if self.participant is not None else None
        return next(
            (p for p in self.store.network_polls(self.network_id, viewer) if p.id == poll_id),
            None,
        )
