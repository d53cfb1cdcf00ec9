"""Limits per client address (issue 27, hole 6): no one address takes the server's kernels or
tries codes without end.

- **Pages**: an address opens at most ``PLEEGZORG_PAGES_PER_MINUTE`` pages a minute (default
  120: a meeting room behind one address arrives well within it) and holds at most
  ``ADDRESS_SHARE`` of the kernel limit at once (half, at least 2): 50 parallel requests from
  one client no longer fill the server, and someone from another address still gets in.
- **Codes typed on the server side** (the facilitator key of the live view): after
  ``FREE_FAILURES`` wrong keys within ``FAILURE_WINDOW`` an address waits, doubling from 2 s
  up to 5 minutes, with a clear Dutch page (429, ``Retry-After``). Each burst of failures is
  logged once, without the codes. (Resume and organiser codes are typed on the page; the
  kernel slows those down itself, see ``widgets/_attempts.py``.)

The client address is the connection's, or — when the connection comes from this machine or
from ``PLEEGZORG_TRUSTED_PROXIES`` — the last address in ``X-Forwarded-For`` (the one our own
proxy added; ``share/nginx/proxy.conf``).
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections import deque
from dataclasses import dataclass, field

from tornado.httputil import HTTPServerRequest

from .. import config

log = logging.getLogger(__name__)

DEFAULT_PAGES_PER_MINUTE = 120
ADDRESS_SHARE = 0.5
FREE_FAILURES = 5
FAILURE_WINDOW = 600.0
MAX_WAIT = 300.0


def client_address(request: HTTPServerRequest) -> str:
    """Who asked: the connection's address, or the proxy's word for it when we trust it."""
    remote = request.remote_ip or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and _trusted(remote):
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return remote
    return remote


def _trusted(remote: str) -> bool:
    try:
        if ipaddress.ip_address(remote).is_loopback:
            return True
    except ValueError:
        return False
    return remote in config.trusted_proxies()


@dataclass
class _Address:
    pages: deque[float] = field(default_factory=deque)
    failures: deque[float] = field(default_factory=deque)
    blocked_until: float = 0.0
    logged_burst: bool = False
    kernels: set[str] = field(default_factory=set)
    pending: int = 0  # pages let in whose kernel is not known yet


class AddressLimits:
    """The page and failure counts of every client address this server saw lately."""

    @classmethod
    def off(cls) -> AddressLimits:
        """Limits that never refuse (for requests from this machine itself)."""
        return cls(enabled=False)

    def __init__(self, pages_per_minute: int | None = None, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.pages_per_minute = (
            pages_per_minute or config.pages_per_minute() or (DEFAULT_PAGES_PER_MINUTE)
        )
        self._by_address: dict[str, _Address] = {}

    def _get(self, address: str) -> _Address:
        if len(self._by_address) > 10_000:  # forget addresses that did nothing lately
            now = time.monotonic()
            for key, entry in list(self._by_address.items()):
                if not entry.kernels and entry.blocked_until < now and not entry.pages:
                    del self._by_address[key]
        return self._by_address.setdefault(address, _Address())

    # -- pages ------------------------------------------------------------------------
    def may_open_page(self, address: str, running: set[str], kernel_limit: int) -> bool:
        """Whether ``address`` may open one more page now (counted when it may)."""
        if not self.enabled:
            return True
        entry = self._get(address)
        now = time.monotonic()
        while entry.pages and now - entry.pages[0] > 60:
            entry.pages.popleft()
        entry.kernels &= running  # kernels that ended no longer count
        share = max(2, int(kernel_limit * ADDRESS_SHARE))
        held = len(entry.kernels) + entry.pending
        if len(entry.pages) >= self.pages_per_minute or held >= share:
            if not entry.logged_burst:
                log.warning(
                    "one address opened %d pages this minute and holds %d kernels: "
                    "further pages refused for a while",
                    len(entry.pages),
                    len(entry.kernels),
                )
                entry.logged_burst = True
            return False
        entry.logged_burst = False
        entry.pages.append(now)
        entry.pending += 1
        return True

    def page_ended(self, address: str) -> None:
        """A page that was let in ended without naming its kernel (refused, failed)."""
        entry = self._by_address.get(address)
        if self.enabled and entry is not None and entry.pending > 0:
            entry.pending -= 1

    def page_kernel(self, address: str, kernel_id: str) -> None:
        """The kernel a page of ``address`` got (it counts against the address's share)."""
        if self.enabled:
            entry = self._get(address)
            entry.pending = max(0, entry.pending - 1)
            entry.kernels.add(kernel_id)

    # -- codes ------------------------------------------------------------------------
    def wait_for(self, address: str) -> float:
        """Seconds ``address`` must wait before it may try a code again (0: it may)."""
        if not self.enabled:
            return 0.0
        entry = self._by_address.get(address)
        if entry is None:
            return 0.0
        return max(0.0, entry.blocked_until - time.monotonic())

    def failed(self, address: str, what: str) -> None:
        """A wrong code from ``address``: beyond ``FREE_FAILURES`` it waits, doubling."""
        if not self.enabled:
            return
        entry = self._get(address)
        now = time.monotonic()
        while entry.failures and now - entry.failures[0] > FAILURE_WINDOW:
            entry.failures.popleft()
        entry.failures.append(now)
        beyond = len(entry.failures) - FREE_FAILURES
        if beyond >= 0:
            entry.blocked_until = now + min(MAX_WAIT, 2.0 * 2**beyond)
            if beyond == 0:
                log.warning(
                    "%d wrong %s from one address: it waits before it may try again",
                    len(entry.failures),
                    what,
                )

    def succeeded(self, address: str) -> None:
        entry = self._by_address.get(address)
        if entry is not None:
            entry.failures.clear()
            entry.blocked_until = 0.0
