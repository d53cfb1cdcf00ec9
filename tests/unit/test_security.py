"""The server's protections on a real tornado application (no Voilà): headers on every
response, secrets from the address into cookies and back for the kernel, the device endpoint
behind its _xsrf token, who counts as this machine, and a public server without an organiser
code refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from http.cookies import SimpleCookie

import pytest
import tornado.web
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.testing import AsyncHTTPTestCase

from pleegzorg_lib.server import security
from pleegzorg_lib.server.app import serve
from pleegzorg_lib.server.security import (
    CODE_COOKIE,
    CspReportHandler,
    DeviceHandler,
    install_security,
    is_local,
    is_loopback_address,
    may_organize,
    secrets_from_address,
    take_secrets,
)

CODE = "ABCD-EFGH-JKMN"


class KernelQuery(tornado.web.RequestHandler):
    """Stands in for Voilà's page handler: shows the query the kernel would get."""

    def prepare(self) -> None:
        take_secrets(self)

    def get(self, _path: str) -> None:
        self.finish({"query": self.request.query, "uri": self.request.uri})


def cookies_of(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name (the whole header value)."""
    found = {}
    for header in response.headers.get_list("Set-Cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name in jar:
            found[name] = header
    return found


class SecurityTest(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        app = tornado.web.Application(
            [
                (r"/voila/render/(.*)", KernelQuery),
                (r"/voila/pleegzorg/device", DeviceHandler),
                (r"/voila/pleegzorg/csp-report", CspReportHandler),
            ],
            # as Voilà makes it: without xsrf_cookies; install_security must switch it on
            base_url="/",
        )
        install_security(app, "/")
        return app

    def kernel_query(self, path: str, cookie: str = "") -> tuple[dict, object]:
        headers = {"Cookie": cookie} if cookie else {}
        response = self.fetch(path, headers=headers)
        assert response.code == 200
        return json.loads(response.body), response

    def test_every_response_has_the_security_headers_even_a_404(self) -> None:
        for path in ("/voila/render/x.ipynb", "/nergens"):
            response = self.fetch(path)
            assert response.headers["Referrer-Policy"] == "no-referrer"
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'self'" in policy
            assert (
                "script-src 'self'" in policy
                and "'unsafe-inline'" not in policy.split("style-src-attr")[0]
            )
            assert "frame-ancestors 'self'" in policy
            assert response.headers["X-Content-Type-Options"] == "nosniff"

    def test_a_code_in_the_address_is_offered_to_the_kernel_not_remembered(self) -> None:
        """Issue 27: a code from a link is no longer kept in the cookie (someone else's code
        planted by a link); the kernel hears of it as ``linkcode`` and asks the person."""
        body, response = self.kernel_query("/voila/render/a.ipynb?code=abcd+efgh+jkmn&taal=en")
        assert "linkcode=abcd+efgh+jkmn" in body["query"]  # the kernel normalises it itself
        assert "&code=" not in body["query"] and not body["query"].startswith("code=")
        assert "taal=en" in body["query"]
        assert CODE_COOKIE not in cookies_of(response)

    def test_without_a_code_in_the_address_the_cookie_gives_it_to_the_kernel(self) -> None:
        body, response = self.kernel_query("/voila/render/a.ipynb?sessie=ABC123", f"pz_code={CODE}")
        assert body["query"] == f"sessie=ABC123&code={CODE}"
        assert body["uri"] == "/voila/render/a.ipynb?sessie=ABC123"  # logs see no code
        assert CODE_COOKIE not in cookies_of(response)

    def test_the_cookie_stays_and_a_code_in_the_address_is_only_offered(self) -> None:
        other = "WXYZ-WXYZ-WXYZ"
        body, response = self.kernel_query(f"/voila/render/a.ipynb?code={other}", f"pz_code={CODE}")
        assert body["query"] == f"code={CODE}&linkcode={other}"
        assert CODE_COOKIE not in cookies_of(response)

    def test_a_malformed_code_is_not_kept(self) -> None:
        _body, response = self.kernel_query("/voila/render/a.ipynb?code=<script>")
        assert CODE_COOKIE not in cookies_of(response)

    def test_the_facilitator_key_is_kept_per_session_for_twelve_hours(self) -> None:
        _body, response = self.kernel_query("/voila/render/live.ipynb?sessie=abc123&sleutel=k-3_y")
        cookie = cookies_of(response)["pz_key_ABC123"]
        assert "pz_key_ABC123=k-3_y" in cookie and "Max-Age=43200" in cookie
        assert "HttpOnly" in cookie
        body, _ = self.kernel_query("/voila/render/live.ipynb?sessie=ABC123", "pz_key_ABC123=k-3_y")
        assert body["query"] == "sessie=ABC123&sleutel=k-3_y"
        # Another session's page does not get this key.
        body, _ = self.kernel_query("/voila/render/live.ipynb?sessie=XYZ999", "pz_key_ABC123=k-3_y")
        assert body["query"] == "sessie=XYZ999"
        # A key with characters no key has is not kept.
        _b, response = self.kernel_query('/voila/render/live.ipynb?sessie=ABC123&sleutel=a"b')
        assert "pz_key_ABC123" not in cookies_of(response)

    def test_behind_https_cookies_are_secure(self) -> None:
        response = self.fetch(
            "/voila/render/live.ipynb?sessie=abc123&sleutel=k-3_y",
            headers={"X-Forwarded-Proto": "https"},
        )
        assert "Secure" in cookies_of(response)["pz_key_ABC123"]

    def xsrf(self) -> tuple[str, str]:
        """A token in tornado's format, as the page's cookie and its header both carry it."""
        token = "2|00000000|" + "ab" * 16 + "|1700000000"
        return token, f"_xsrf={token}"

    def post_device(self, body: object, *, xsrf: bool = True, cookie: str = "") -> object:
        token, xsrf_cookie = self.xsrf()
        headers = {"Content-Type": "application/json"}
        if xsrf:
            headers["X-XSRFToken"] = token
            headers["Cookie"] = "; ".join(c for c in (xsrf_cookie, cookie) if c)
        elif cookie:
            headers["Cookie"] = cookie
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.fetch("/voila/pleegzorg/device", method="POST", body=raw, headers=headers)

    def test_the_page_asks_to_remember_its_code_only_with_its_xsrf_token(self) -> None:
        refused = self.post_device({"remember": CODE}, xsrf=False)
        assert refused.code == 403
        assert CODE_COOKIE not in cookies_of(refused)
        kept = self.post_device({"remember": CODE.lower()})
        assert kept.code == 200
        assert f"{CODE_COOKIE}={CODE}" in cookies_of(kept)[CODE_COOKIE]
        assert self.post_device({"remember": "geen code"}).code == 400
        assert self.post_device(b"{niet json").code == 400
        assert self.post_device({"remember": "x" * 5000}).code == 413

    def test_forget_this_device_expires_the_code_and_every_key(self) -> None:
        response = self.post_device(
            {"forget": True}, cookie=f"pz_code={CODE}; pz_key_ABC123=k; ander=blijft"
        )
        assert response.code == 200
        assert json.loads(response.body) == {"forgotten": 2}
        cookies = cookies_of(response)
        from email.utils import parsedate_to_datetime

        for name in (CODE_COOKIE, "pz_key_ABC123"):
            attributes = dict(
                part.strip().split("=", 1) for part in cookies[name].split(";") if "=" in part
            )
            # expired (a date in the past), on the path and with the flags it was set with
            expires = parsedate_to_datetime(attributes["expires"])
            assert expires < datetime.now(UTC) and attributes["Path"] == "/voila/"
            assert "HttpOnly" in cookies[name] and attributes["SameSite"] == "Lax"
            assert attributes[name] in ('""', "")
        assert "ander" not in cookies

    def test_csp_reports_are_logged_without_the_query(self) -> None:
        report = {
            "csp-report": {
                "document-uri": f"http://x/voila/render/a.ipynb?code={CODE}",
                "blocked-uri": "inline",
                "violated-directive": "script-src-elem",
            }
        }
        with self.assertLogs("pleegzorg_lib.server.security", level="WARNING") as logs:
            response = self.fetch(
                "/voila/pleegzorg/csp-report", method="POST", body=json.dumps(report)
            )
        assert response.code == 204
        assert "script-src-elem" in logs.output[0] and CODE not in logs.output[0]


def request_from(ip: str, host: str = "127.0.0.1:8866", **headers: str) -> HTTPServerRequest:
    request = HTTPServerRequest(
        method="GET",
        uri="/",
        headers=HTTPHeaders({"Host": host, **headers}),
        start_line=RequestStartLine("GET", "/", "HTTP/1.1"),
    )
    request.remote_ip = ip
    return request


def test_this_machine_is_loopback_without_a_proxy_in_between() -> None:
    assert is_local(request_from("127.0.0.1"))
    assert is_local(request_from("::1"))
    assert not is_local(request_from("192.168.1.20"))
    assert not is_local(request_from("127.0.0.1", **{"X-Forwarded-For": "203.0.113.7"}))
    assert not is_local(request_from("127.0.0.1", **{"X-Real-Ip": "203.0.113.7"}))
    assert not is_local(request_from("127.0.0.1", Forwarded="for=203.0.113.7"))
    assert is_local(request_from("127.0.0.1", host="localhost:8866"))
    assert is_local(request_from("::1", host="[::1]:8866"))
    # A proxy on this machine that passes the public Host on, but no forwarding header.
    assert not is_local(request_from("127.0.0.1", host="werkboeken.example.nl"))


def test_with_an_organiser_code_anyone_may_open_the_session_page(monkeypatch) -> None:
    outside = request_from("127.0.0.1", **{"X-Forwarded-For": "203.0.113.7"})
    monkeypatch.delenv("PLEEGZORG_ORGANIZER_CODE", raising=False)
    assert not may_organize(outside)
    monkeypatch.setenv("PLEEGZORG_ORGANIZER_CODE", "lang-en-geheim")
    assert may_organize(outside)  # the page asks for the code


def test_loopback_addresses() -> None:
    assert is_loopback_address("127.0.0.1") and is_loopback_address("localhost")
    assert is_loopback_address("::1")
    for public in ("0.0.0.0", "", "10.0.0.11", "::", "example.org"):
        assert not is_loopback_address(public), public


@pytest.mark.parametrize(
    ("ip", "extra"), [("0.0.0.0", []), ("10.0.0.11", []), ("127.0.0.1", ["--Voila.ip=0.0.0.0"])]
)
def test_a_public_server_without_an_organiser_code_refuses_to_start(monkeypatch, ip, extra) -> None:
    monkeypatch.delenv("PLEEGZORG_ORGANIZER_CODE", raising=False)
    with pytest.raises(RuntimeError) as refused:
        serve(ip=ip, port=1, extra_args=extra)
    assert "PLEEGZORG_ORGANIZER_CODE" in str(refused.value)
    assert "niet ingesteld" in str(refused.value)


def test_secrets_are_split_from_the_rest_of_the_address() -> None:
    kept, found = secrets_from_address("sessie=ABC&code=X&taal=en&sleutel=K&code=Y")
    assert kept == [("sessie", "ABC"), ("taal", "en")]
    assert found == {"code": "X", "sleutel": "K"}  # the first of each


def test_remember_days_sets_the_cookie_lifetime(monkeypatch) -> None:
    monkeypatch.setenv("PLEEGZORG_REMEMBER_DAYS", "0")
    assert security.code_max_age() is None  # until the browser closes
    monkeypatch.setenv("PLEEGZORG_REMEMBER_DAYS", "30")
    assert security.code_max_age() == 30 * 24 * 3600


def test_the_pdf_pool_takes_one_pdf_per_participant_and_a_bounded_queue() -> None:
    """server/own_export.py: one PDF in the making per participant (a loop on download.pdf
    cannot keep everyone else waiting) and at most workers × (1 + 12) admitted at once."""
    from pleegzorg_lib.server.own_export import WAITING_PER_WORKER, PdfPool

    pool = PdfPool(1)
    assert pool.try_admit("p1") is True
    assert pool.try_admit("p1") is False  # already one in the making
    admitted = 1 + sum(pool.try_admit(f"p{n}") for n in range(2, 40))
    assert admitted == 1 + WAITING_PER_WORKER
    assert pool.try_admit("") is False  # full: the next one hears it is busy


def test_hub_moderators_can_be_limited_per_network(monkeypatch) -> None:
    """Under JupyterHub every user with access moderates every network, unless
    PLEEGZORG_HUB_MODERATORS says who moderates which (found in review)."""
    from pleegzorg_lib.server.moderation_page import hub_may_moderate

    monkeypatch.delenv("PLEEGZORG_HUB_MODERATORS", raising=False)
    assert hub_may_moderate("iedereen", "breakdown")
    monkeypatch.setenv("PLEEGZORG_HUB_MODERATORS", "anna, ben@breakdown ,cor@vakmanschap")
    assert hub_may_moderate("anna", "breakdown") and hub_may_moderate("anna", "vakmanschap")
    assert hub_may_moderate("ben", "breakdown") and not hub_may_moderate("ben", "vakmanschap")
    assert not hub_may_moderate("dirk", "breakdown")
