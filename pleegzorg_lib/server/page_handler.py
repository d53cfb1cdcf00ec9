"""The worksheet page's handler: Voilà's page handler with what our pages need around it
(secrets, admission, limits per address, the page token, the deadline from the request)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlencode, urlsplit

import tornado.ioloop
import tornado.web
from voila.tornado.handler import TornadoVoilaHandler

from ..i18n import language_from_query, t
from ..model.identity import normalize_session_code
from .admission import (
    RETRY_AFTER,
    KernelLimitReached,
    gate_of,
)
from .hub import (
    hub_mode,
    hub_user,
    is_facilitator_page,
    redirect_to_login,
)
from .landing import render_notice, too_slow_block
from .limits import AddressLimits, client_address
from .ownership import add_token
from .security import (
    is_local,
    may_organize,
    organizer_page,
    secrets_from_address,
    secure_xsrf_cookie,
    take_secrets,
)
from .timeouts import kernel_id_in, page_deadline

log = logging.getLogger(__name__)


#: The facilitator's live view: a kernel only with a valid key.
LIVE_PAGE = "facilitator/live.ipynb"


def address_limits(settings: dict[str, Any]) -> AddressLimits:
    """The server's limits per client address (made on first use)."""
    limits = settings.get("pz_limits")
    if limits is None:
        limits = settings["pz_limits"] = AddressLimits()
    return limits


def server_store(settings: dict[str, Any]) -> Any:
    """The server process's own connection to the store (opened on first use)."""
    store = settings.get("pz_store")
    if store is None:
        from ..store import open_store

        store = settings["pz_store"] = open_store()
    return store


#: What Voilà streams to keep a slow page's connection open: an inline script, which our
#: Content-Security-Policy blocks (and reports). A comment keeps the connection open as well.
VOILA_HEARTBEAT = "<script>window.voila_heartbeat()</script>\n"
HEARTBEAT = "<!-- pz: still working -->\n"


class WorksheetPageHandler(TornadoVoilaHandler):
    """Voilà's page handler, with what our pages need around it.

    - It sets the ``_xsrf`` cookie: when a page closes, its script asks the server to shut
      its kernel down and sends that cookie along; stock Voilà never sets it, so the request
      fails with 403 and every closed page leaves its kernel running (voila#1458).
    - Secrets in the address (resume code, facilitator key) go into cookies, and come back
      from them for the kernel when the address no longer carries them (``security.py``).
    - The page that creates sessions answers only from this machine unless an organiser
      code is set.
    """

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        await super().prepare(*args, **kwargs)
        if self._finished:
            return
        _ = self.xsrf_token  # reading the token sets the cookie
        secure_xsrf_cookie(self)
        path = self.path_args[0] if self.path_args else ""
        hub_login = False
        if hub_mode() and is_facilitator_page(path or ""):
            user = await hub_user(self)
            if user is None:
                redirect_to_login(self)
                return
            if not user["allowed"]:
                self._refuse("hub.not_allowed_title", "hub.not_allowed", name=user["name"])
                return
            hub_login = True
        if organizer_page(path or "") and not (hub_login or may_organize(self.request)):
            self._refuse("organizer.local_only_title", "organizer.local_only")
            return
        take_secrets(self)
        # this machine itself (the operator, a health check, the tests) is not limited;
        # visitors through our proxy are, each by their own address
        limits = (
            address_limits(self.settings) if not is_local(self.request) else AddressLimits.off()
        )
        address = client_address(self.request)
        self._pz_address = address
        if path == LIVE_PAGE and not hub_login:
            wait = limits.wait_for(address)
            if wait > 0:
                self._slow_down(wait)
                return
            if not self._live_key_fits():
                # a kernel only for someone who holds the session's key (issue 27): anyone
                # could otherwise start kernels here with a loop of requests
                limits.failed(address, "facilitator keys")
                self._refuse("live.denied_title", "live.denied")
                return
            limits.succeeded(address)
        self._pz_reservation = None
        gate = gate_of(self.kernel_manager)
        if path.endswith(".ipynb"):
            self._pz_counted = limits.may_open_page(
                address,
                set(self.kernel_manager.list_kernel_ids()),
                gate.limit if gate is not None else 64,
            )
            if not self._pz_counted:
                self._slow_down(60, busy=True)
                return
        if gate is not None and path.endswith(".ipynb"):
            if not await gate.admit(path, priority=is_facilitator_page(path)):
                self._busy()
                return
            self._pz_reservation = gate.current()

    def _live_key_fits(self) -> bool:
        """The live view's ``sessie`` and ``sleutel`` (from the address or their cookie) name a
        session and its facilitator key, checked against the store like the kernel does."""
        args = self.request.query_arguments
        code = normalize_session_code((args.get("sessie") or [b""])[0].decode(errors="replace"))
        key = (args.get("sleutel") or [b""])[0].decode(errors="replace")
        if not code or not key:
            return False
        try:
            return bool(server_store(self.settings).facilitator_may(code, key))
        except Exception:  # the store is away: the kernel could not show the view either
            log.exception("checking a live view's key failed")
            return False

    def _refuse(self, title_key: str, text_key: str, **params: Any) -> None:
        """A Dutch (or English) 403 page of our own: the title and text from the catalog."""
        lang = language_from_query(self.request.query)
        back = (self.settings.get("base_url", "/"), t("organizer.back", lang))
        self._notice(403, t(title_key, lang), t(text_key, lang, **params), back=back, lang=lang)

    def _slow_down(self, seconds: float, busy: bool = False) -> None:
        """429 with ``Retry-After``: too many pages or wrong keys from this address."""
        lang = language_from_query(self.request.query)
        wait = max(1, int(seconds + 0.999))
        self.clear()
        self.set_header("Retry-After", str(wait))
        key = "limits.pages" if busy else "limits.codes"
        self._notice(
            429,
            t("limits.title", lang),
            t(key, lang, seconds=wait),
            back=(self._retry_url(), t("busy.retry", lang)),
            lang=lang,
            base_url=self.settings.get("base_url", "/"),
        )

    def _busy(self) -> None:
        """The server runs as many kernels as it may: say so, and try again by itself."""
        lang = language_from_query(self.request.query)
        self.clear()
        self.set_header("Retry-After", str(RETRY_AFTER))
        self._notice(
            503,
            t("busy.title", lang),
            t("busy.text", lang, seconds=RETRY_AFTER),
            back=(self._retry_url(), t("busy.retry", lang)),
            lang=lang,
            refresh=RETRY_AFTER,
            base_url=self.settings.get("base_url", "/"),
        )

    def _notice(self, status: int, title: str, text: str, **page: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(render_notice(title, text, **page))

    def _retry_url(self) -> str:
        """This page's address without the secrets (they are in cookies by now)."""
        kept, _secrets = secrets_from_address(urlsplit(self.request.uri or "").query)
        return self.request.path + (f"?{urlencode(kept)}" if kept else "")

    def on_finish(self) -> None:
        limits = getattr(self, "_pz_limits", None)
        counted = getattr(self, "_pz_counted", False)
        if limits is not None and counted and not getattr(self, "_pz_kernel_named", False):
            limits.page_ended(self._pz_address)  # let in, but no kernel came of it
        reservation = getattr(self, "_pz_reservation", None)
        if reservation is not None:  # room held for a kernel that was never started
            reservation.consume()
        super().on_finish()

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + page_deadline(self.traitlet_config.get("VoilaExecutor", {}))
        pieces = self.get_generator(path=path).__aiter__()
        head = ""  # the page's start, until it names its kernel
        written = False
        try:
            while True:
                remaining = deadline - loop.time()
                try:
                    html = await asyncio.wait_for(pieces.__anext__(), max(remaining, 0.01))
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    await self._too_slow(path or "", head, written)
                    if kernel_id_in(head) is None:
                        # the deadline came before the kernel was even named (a busy
                        # machine): follow the page until it names it, then stop it, or
                        # the kernel would run on until culled
                        asyncio.ensure_future(self._reap_late_kernel(pieces, head))
                    return
                if len(head) < 65536 and kernel_id_in(head) is None:
                    head += html
                    kernel_id = kernel_id_in(head)
                    if kernel_id is not None:  # the page's data: its kernel's token with it
                        html = add_token(html, kernel_id, self.settings)
                        limits = getattr(self, "_pz_limits", None)
                        if limits is not None:
                            limits.page_kernel(self._pz_address, kernel_id)
                            self._pz_kernel_named = True
                self.write(HEARTBEAT if html == VOILA_HEARTBEAT else html)
                self.flush()
                written = True
        except KernelLimitReached:
            # the warm kernel this page counted on could not start after all
            if written:
                raise
            self._busy()

    async def _reap_late_kernel(self, pieces: Any, head: str, limit: float = 300) -> None:
        """Read the rest of a page that was given up on until its kernel id shows, then
        stop that kernel (at most ``limit`` seconds)."""
        loop = asyncio.get_running_loop()
        until = loop.time() + limit
        try:
            while loop.time() < until and len(head) < 262144:
                html = await asyncio.wait_for(pieces.__anext__(), until - loop.time())
                head += html
                kernel_id = kernel_id_in(head)
                if kernel_id is not None:
                    if kernel_id in self.kernel_manager:
                        await self.kernel_manager.shutdown_kernel(kernel_id, now=True)
                    return
        except (StopAsyncIteration, TimeoutError):
            return
        except Exception:  # the page's generator failed on its own: nothing to stop
            log.debug("following a slow page to its kernel failed", exc_info=True)
        finally:
            try:
                await pieces.aclose()
            except Exception:
                log.debug("closing a slow page's generator failed", exc_info=True)

    async def _too_slow(self, path: str, head: str, written: bool) -> None:
        """The page was not complete within its deadline: say so in the page's language with
        a reload link, log it (no kernel id, no query) and stop the page's kernel."""
        lang = language_from_query(self.request.query)
        seconds = int(page_deadline(self.traitlet_config.get("VoilaExecutor", {})))
        log.error("page %s not complete %d s after its request: stopped", path, seconds)
        title, text = t("page.too_slow_title", lang), t("page.too_slow", lang)
        if written:
            self.write(too_slow_block(title, text, t("page.reload", lang), self._retry_url()))
            self.finish()
        else:
            self._notice(
                504,
                title,
                text,
                back=(self._retry_url(), t("page.reload", lang)),
                lang=lang,
                base_url=self.settings.get("base_url", "/"),
            )
        kernel_id = kernel_id_in(head)
        if kernel_id and kernel_id in self.kernel_manager:
            try:
                await self.kernel_manager.shutdown_kernel(kernel_id, now=True)
            except Exception:  # already gone: nothing left to stop
                log.debug("stopping a slow page's kernel failed", exc_info=True)
