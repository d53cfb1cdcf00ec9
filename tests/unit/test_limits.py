"""Limits per client address (issue 27, hole 6), without a server."""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest

from pleegzorg_lib.server import limits as module
from pleegzorg_lib.server.limits import AddressLimits, client_address


def request(remote: str, forwarded: str | None = None) -> HTTPServerRequest:
    headers = HTTPHeaders({"X-Forwarded-For": forwarded} if forwarded else {})
    made = HTTPServerRequest(method="GET", uri="/", headers=headers)
    made.remote_ip = remote
    return made


def test_the_proxy_is_believed_only_when_it_is_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLEEGZORG_TRUSTED_PROXIES", raising=False)
    assert client_address(request("127.0.0.1", "10.0.0.1, 203.0.113.7")) == "203.0.113.7"
    assert client_address(request("198.51.100.9", "203.0.113.7")) == "198.51.100.9"  # a lie
    assert client_address(request("127.0.0.1", "geen-adres")) == "127.0.0.1"
    monkeypatch.setenv("PLEEGZORG_TRUSTED_PROXIES", "10.1.1.1")
    assert client_address(request("10.1.1.1", "203.0.113.7")) == "203.0.113.7"


def test_pages_per_minute_and_a_share_of_the_kernels() -> None:
    limits = AddressLimits(pages_per_minute=3)
    assert all(limits.may_open_page("a", set(), 100) for _ in range(3))
    assert not limits.may_open_page("a", set(), 100)  # a fourth this minute
    assert limits.may_open_page("b", set(), 100)  # another address is not affected
    held = AddressLimits(pages_per_minute=100)
    for i in range(3):
        assert held.may_open_page("a", {"k0", "k1", "k2"}, 6)
        held.page_kernel("a", f"k{i}")
    assert not held.may_open_page("a", {"k0", "k1", "k2"}, 6)  # half of a limit of 6
    assert held.may_open_page("a", {"k0"}, 6)  # two pages closed: room again
    assert AddressLimits.off().may_open_page("a", set(), 1)


def test_wrong_codes_wait_longer_and_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    limits = AddressLimits()
    for _ in range(module.FREE_FAILURES - 1):
        limits.failed("a", "keys")
    assert limits.wait_for("a") == 0
    limits.failed("a", "keys")
    assert limits.wait_for("a") == 2.0
    limits.failed("a", "keys")
    assert limits.wait_for("a") == 4.0
    assert limits.wait_for("b") == 0
    now[0] += 5
    limits.succeeded("a")
    assert limits.wait_for("a") == 0
