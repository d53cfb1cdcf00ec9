"""A kernel belongs to the page it was started for (issue 27, hole 3).

Whoever knew a kernel id could attach to that kernel over the WebSocket (and read that
participant's resume code) or shut it down. Now every page gets a *page token* with its kernel:
an HMAC of the kernel id under the server's cookie secret, written into the page's data next to
the kernel id (``#pz-page``). The kernel's WebSocket, its REST endpoint and Voilà's shutdown
endpoint refuse (403) any request that does not carry it (``pz_page`` in the query or the form).
Nothing is kept per kernel on the server, and a kernel id alone — from a log, a shoulder, a
screenshot — opens nothing. Kernel ids are masked in the server log (:class:`MaskKernelIds`).

The Voilà query socket (``voila/query/<kernel id>``), where a preheated kernel waits for its
request, answers only the kernel itself: a connection from this machine with no proxy header.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from typing import Any

import tornado.iostream
import tornado.web
import tornado.websocket
from jupyter_server.services.kernels.handlers import KernelHandler
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

log = logging.getLogger(__name__)

#: The request argument that carries the page token.
TOKEN_PARAM = "pz_page"
_UUID = re.compile(r"\b([0-9a-f]{4})[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def _secret(settings: dict[str, Any]) -> bytes:
    secret = settings.get("cookie_secret") or b""
    if isinstance(secret, str):
        secret = secret.encode()
    if not secret:
        raise RuntimeError("the server has no cookie secret to sign page tokens with")
    return bytes(secret)


def page_token(settings: dict[str, Any], kernel_id: str) -> str:
    """The token a page holds for its kernel: an HMAC of the kernel id (hex, 256 bits)."""
    return hmac.new(_secret(settings), f"pz-page:{kernel_id}".encode(), hashlib.sha256).hexdigest()


def holds_token(handler: tornado.web.RequestHandler, kernel_id: str) -> bool:
    given = handler.get_argument(TOKEN_PARAM, "") or ""
    return bool(kernel_id) and hmac.compare_digest(given, page_token(handler.settings, kernel_id))


def add_token(html: str, kernel_id: str, settings: dict[str, Any]) -> str:
    """Put the page token into the page's data, next to its kernel id."""
    quoted = f'"kernelId": "{kernel_id}"'
    return html.replace(quoted, f'{quoted}, "pageToken": "{page_token(settings, kernel_id)}"', 1)


def _plain_error(handler: tornado.web.RequestHandler, status_code: int) -> None:
    """A short plain answer for an error: Jupyter's write_error renders "<code>.html", a
    template Voilà does not have, and logged a traceback for every late request to a kernel
    that was already stopped (a page's socket after its deadline)."""
    handler.set_header("Content-Type", "text/plain; charset=utf-8")
    handler.finish(f"{status_code}\n")


def _refuse(handler: tornado.web.RequestHandler) -> None:
    log.warning("a request for a kernel without its page's token was refused")
    raise tornado.web.HTTPError(403)


def _quiet_when_closed(future: Any) -> Any:
    """A write to a page that closed meanwhile: nothing to report.

    jupyter_server sends kernel messages without awaiting the write; when the visitor
    closes the tab while the kernel still talks, the unawaited write fails and asyncio logs
    "Task exception was never retrieved" with two tracebacks. Retrieve that exception here
    (the page is gone; there is no one to send to) and leave every other one to be seen.
    """

    def retrieve(done: Any) -> None:
        if done.cancelled():
            return
        error = done.exception()
        if error is not None and not isinstance(
            error, (tornado.websocket.WebSocketClosedError, tornado.iostream.StreamClosedError)
        ):
            log.error("a kernel message could not be sent to its page", exc_info=error)

    if future is not None and hasattr(future, "add_done_callback"):
        future.add_done_callback(retrieve)
    return future


class OwnedKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """The kernel's channels, only with the page token."""

    async def pre_get(self) -> None:
        if not holds_token(self, self.kernel_id):
            _refuse(self)
        await super().pre_get()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        _plain_error(self, status_code)

    def write_message(self, message: Any, binary: bool = False) -> Any:
        return _quiet_when_closed(super().write_message(message, binary=binary))


class OwnedKernelHandler(KernelHandler):
    """``api/kernels/<id>`` (model, delete, interrupt, restart), only with the page token."""

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if not holds_token(self, self.path_kwargs.get("kernel_id", "")):
            _refuse(self)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        _plain_error(self, status_code)


class OwnedShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's shutdown on page close (``voila/api/shutdown/<id>``), only with the token."""

    async def prepare(self) -> None:
        await super().prepare()
        kernel_id = self.path_args[0] if self.path_args else ""
        if not holds_token(self, kernel_id):
            _refuse(self)


class LocalRequestInfoSocketHandler(RequestInfoSocketHandler):
    """Where a preheated kernel learns its request: the kernel itself, on this machine."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        from .security import is_local

        if not is_local(self.request):
            self.close(code=1008)
            return None
        result = super().open(*args, **kwargs)
        # Voilà keeps a request it could not hand over yet in a class-wide cache and never
        # removes it: one entry (with the visitor's cookies) per such kernel for the life of
        # the server. Once the kernel has it, it is no longer needed.
        kernel_id = args[0] if args else kwargs.get("kernel_id")
        RequestInfoSocketHandler._cache.pop(kernel_id, None)
        return result

    def write_message(self, message: Any, binary: bool = False) -> Any:
        return _quiet_when_closed(super().write_message(message, binary=binary))

    def on_close(self) -> None:
        # Voilà's on_close deletes the last kernel id it looked at when this socket is no
        # longer the registered one (a kernel that reconnected): another page's waiter.
        for kernel_id, waiter in list(RequestInfoSocketHandler._waiters.items()):
            if waiter is self:
                del RequestInfoSocketHandler._waiters[kernel_id]


#: Voilà's handler classes and ours in their place.
REPLACEMENTS: dict[type, type] = {
    VoilaKernelWebsocketHandler: OwnedKernelWebsocketHandler,
    KernelHandler: OwnedKernelHandler,
    VoilaShutdownKernelHandler: OwnedShutdownHandler,
    RequestInfoSocketHandler: LocalRequestInfoSocketHandler,
}


def owned_handlers(handlers: list[Any]) -> list[Any]:
    """Voilà's handler list with the kernel's endpoints replaced by the checking ones."""
    return [
        (h[0], REPLACEMENTS[h[1]], *h[2:]) if len(h) > 1 and h[1] in REPLACEMENTS else h
        for h in handlers
    ]


#: Control characters (a newline in a value forges a log line), except the tab.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode()


class MaskKernelIds(logging.Filter):
    """What reaches the log: kernel ids never whole (``Kernel started: 9d9f…``), and no
    control characters from what a visitor sent (``\n`` written as ``\\n``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        masked = _CONTROL.sub(_escape, _UUID.sub(r"\1…", message))
        if masked != message:
            record.msg, record.args = masked, None
        return True


def mask_kernel_ids_in_logs() -> None:
    """Every log record this process makes goes through :class:`MaskKernelIds` as it is made
    (a record factory, so handlers added later — and logging's last-resort handler — are
    covered too)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "pz_masked", False):
        return
    mask = MaskKernelIds()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = current(*args, **kwargs)
        mask.filter(record)
        return record

    factory.pz_masked = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
