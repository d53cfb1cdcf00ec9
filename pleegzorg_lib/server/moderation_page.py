"""``voila/netwerk/<network>/moderatie``: the moderators' page of a network's home.

A key from the link goes into an HttpOnly cookie (12 hours) and the address is cleaned; under
JupyterHub the hub login takes the key's place. Every action is checked again and logged. The
rules (what an action does, that it is logged) are in ``services/exchange.py``.
"""

from __future__ import annotations

from typing import Any

import tornado.web

from .. import config
from ..services import exchange
from ..store.network_admin import Moderator
from .hub import hub_mode, hub_user, redirect_to_login
from .network_home import ExchangeHandler, shared_store
from .security import KEY_COOKIE_PREFIX, set_secret_cookie

#: How long the moderator's key stays in this browser.
MODERATOR_KEY_HOURS = 12


def hub_may_moderate(user: str, network_id: str) -> bool:
    """Under JupyterHub: ``PLEEGZORG_HUB_MODERATORS`` names who moderates which network;
    without it every hub user with access to the service moderates every network."""
    allowed = config.hub_moderators()
    if allowed is None:
        return True
    networks = allowed.get(user, set())
    return "*" in networks or network_id in networks


def moderator_cookie(network_id: str) -> str:
    # the prefix of facilitator keys: "Dit apparaat vergeten" removes it as well
    return f"{KEY_COOKIE_PREFIX}mod-{network_id}"


class ModerationHandler(ExchangeHandler):
    """The moderators' page: a key from the link goes into a cookie, then the address is
    cleaned; every action is checked against the key again and logged. Under JupyterHub the
    hub login takes the key's place, as on the facilitator pages: no login, to the hub's
    login page; a hub user without access to this service, 403; the log names the user."""

    hub_name: str | None = None

    async def prepare(self) -> None:  # type: ignore[override]
        super().prepare()
        if self._finished or not hub_mode():
            return
        user = await hub_user(self)
        if user is None:
            if self.request.method in ("GET", "HEAD"):
                redirect_to_login(self)
                return
            raise tornado.web.HTTPError(403)
        if not user["allowed"]:
            raise tornado.web.HTTPError(403)
        self.hub_name = str(user["name"])

    def moderator(self, store: Any, network_id: str) -> Any:
        if hub_mode():  # only the hub login counts there (checked in prepare)
            if self.hub_name is None or not hub_may_moderate(self.hub_name, network_id):
                return None
            return Moderator(id=0, network_id=network_id, label=f"{self.hub_name} (hub)")
        cookie = self.request.cookies.get(moderator_cookie(network_id))
        key = cookie.value if cookie is not None else ""
        return store.moderator_for_key(network_id, key) if key else None

    @staticmethod
    def signature(mod: Any) -> str:
        """How the log names a moderator: the key's label and number, or the hub user."""
        return mod.label if mod.id == 0 else f"{mod.label} (sleutel {mod.id})"

    async def get(self, network_id: str) -> None:
        network = self.network_or_404(network_id)
        key = self.get_query_argument("sleutel", "")
        if key and not hub_mode():
            set_secret_cookie(
                self, moderator_cookie(network.id), key[:100], max_age=MODERATOR_KEY_HOURS * 3600
            )
            self.redirect(self.home_url(network.id, "moderatie"))
            return

        def gather() -> dict[str, Any] | None:
            store = shared_store()
            mod = self.moderator(store, network.id)
            if mod is None:
                return None
            top, _ = store.list_posts(network.id, "question", order="votes", limit=5)
            return {
                "mod": mod,
                "queue": store.moderation_queue(network.id),
                "hidden": store.hidden_posts(network.id),
                "premoderated": store.premoderated(network.id),
                "activity": exchange.theme_activity(store, network),
                "proposals": store.theme_proposals(network.id),
                "top": top,
                "records": store.moderation_records(network.id),
                "polls": [
                    exchange.view_poll(p, moderator=True)
                    for p in store.network_polls(network.id, limit=20)
                ],
                "poll_days": 7,
            }

        data = await self.in_thread(gather)
        if data is None:
            self.set_status(403)
            self.render_page(
                "notice.html",
                title=self.tr("exchange.mod.denied_title"),
                text=self.tr("exchange.mod.denied"),
                back=self.home_url(network.id),
            )
            return
        done = self.get_query_argument("gedaan", "")
        known = (
            *exchange.ACTIONS,
            "premoderation_on",
            "premoderation_off",
            "poll",
            "poll_close",
            "propose_jaarplan",
            "propose_kennisagenda",
            "proposal_done",
        )
        notice = (
            self.tr("exchange.mod.done", action=self.tr(f"exchange.mod.action.{done}"))
            if (done in known)
            else ""
        )
        self.render_page(
            "moderation.html",
            network=network,
            notice=notice,
            error=self.get_query_argument("fout", "")[:300],
            **data,
        )

    async def post(self, network_id: str) -> None:
        network = self.network_or_404(network_id)
        action = self.get_body_argument("actie", "")

        def act() -> str:
            store = shared_store()
            mod = self.moderator(store, network.id)
            if mod is None:
                raise tornado.web.HTTPError(403)
            who = self.signature(mod)
            if action == "poll":
                exchange.create_poll(
                    store,
                    self.catalog,
                    network_id=network.id,
                    prompt=self.get_body_argument("vraag", ""),
                    options=self.get_body_argument("opties", ""),
                    days=self.get_body_argument("dagen", "7"),
                    created_by=who,
                )
                store.log_moderation(network.id, who, "poll", "")
                return action
            if action == "poll_close":
                try:
                    poll_id = int(self.get_body_argument("peiling", "0"))
                except ValueError:
                    raise tornado.web.HTTPError(400) from None
                if not any(p.id == poll_id for p in store.network_polls(network.id, limit=200)):
                    raise exchange.ExchangeError("exchange.error.gone")
                store.close_network_poll(poll_id)
                store.log_moderation(network.id, who, "poll_close", "")
                return action
            if action in ("propose_jaarplan", "propose_kennisagenda"):
                exchange.propose_theme(
                    store,
                    network,
                    moderator=who,
                    theme_id=self.get_body_argument("thema", ""),
                    target=action.removeprefix("propose_"),
                    note=self.get_body_argument("toelichting", ""),
                )
                return action
            if action == "proposal_done":
                exchange.resolve_proposal(
                    store,
                    network,
                    moderator=who,
                    proposal_id=self.get_body_argument("voorstel", ""),
                )
                return action
            if action in ("premoderation_on", "premoderation_off"):
                exchange.set_premoderation(
                    store, moderator=who, network_id=network.id, value=action == "premoderation_on"
                )
                return action
            try:
                post_id = int(self.get_body_argument("item", "0"))
            except ValueError:
                raise tornado.web.HTTPError(400) from None
            exchange.moderate(
                store,
                moderator=who,
                network_id=network.id,
                post_id=post_id,
                action=action,
                reason=self.get_body_argument("reden", ""),
            )
            return action

        try:
            done = await self.in_thread(act)
        except exchange.ExchangeError as error:
            self.redirect(self.home_url(network.id, "moderatie", fout=self.error_text(error)))
            return
        self.redirect(self.home_url(network.id, "moderatie", gedaan=done))
