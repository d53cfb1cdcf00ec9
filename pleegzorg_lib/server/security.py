"""What keeps secrets secret on the server: response headers, cookie attributes, the resume
code and the facilitator key out of the address, and who may create sessions.

Secrets in the address (``?code=`` a participant's resume code, ``?sleutel=`` a facilitator's
key) are taken from the link once: the page handler keeps them in an ``HttpOnly`` cookie and
the page replaces its address with one without them (frontend: ``pleegzorg.js``). A later
request for a page without them (a reload, another tab, back from another page) gets them
back from the cookie, so the kernel sees the same query string as before.

Cookies are ``SameSite=Lax``, not ``Strict``: measured in Chromium, a ``Strict`` cookie is not
sent when a page that was opened from a link on another site (mail, WhatsApp, the learning
platform: how most participants arrive) is reloaded, and the participant would get a new code
and an empty worksheet. ``Lax`` is sent only with top-level GET navigations; the pages cannot
be framed (``frame-ancestors``), so another site that opens one cannot read it.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode

import tornado.web
from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.web import OutputTransform

from .. import config
from ..model.identity import normalize_code, normalize_session_code

log = logging.getLogger(__name__)

#: The cookie that carries a participant's resume code, and the prefix of a facilitator's key
#: cookie (one per session: ``pz_key_<JOIN CODE>``).
CODE_COOKIE = "pz_code"
KEY_COOKIE_PREFIX = "pz_key_"
#: Query parameters that are secrets and leave the address after the first load.
SECRET_PARAMS = ("code", "sleutel")
#: How the kernel hears of a resume code that came from a link (it offers it, never binds it).
LINK_CODE = "linkcode"
#: Pages that create sessions: with no organiser code set, only from the server's own machine.
ORGANIZER_PAGES = ("facilitator/nieuwe-bijeenkomst.ipynb",)
#: Longest key we keep in a cookie (keys are ``secrets.token_urlsafe``, 43 characters).
MAX_KEY_LENGTH = 128
#: Headers a reverse proxy adds: a request that carries one did not come from this machine.
FORWARDING_HEADERS = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")


def content_security_policy(base_url: str) -> str:
    """What the pages may load: only this server. Style attributes stay allowed (widgets set
    widths and colours through them); ``<style>`` elements and inline scripts do not."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'",
            f"report-uri {base_url}voila/pleegzorg/csp-report",
        ]
    )


def security_headers(base_url: str) -> dict[str, str]:
    """The headers every response carries."""
    return {
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": content_security_policy(base_url),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        # Which server of a cluster answered (``pleegzorg cluster`` names them); none alone.
        **({"X-Served-By": config.server_name()} if config.server_name() else {}),
    }


def is_https(request: HTTPServerRequest) -> bool:
    """Whether the browser talks HTTPS to us: directly, or to a proxy that says so with
    ``X-Forwarded-Proto`` (trusting that header is safe here: it only adds ``Secure`` to the
    cookies of whoever sends it)."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.protocol == "https" or forwarded == "https"


def make_security_transform(base_url: str) -> type[OutputTransform]:
    """A tornado transform that puts :func:`security_headers` on every response (Voilà's,
    Jupyter's, static files, errors, ours)."""
    headers_for_all = security_headers(base_url)

    class SecurityHeaders(OutputTransform):
        def transform_first_chunk(
            self, status_code: int, headers: HTTPHeaders, chunk: bytes, finishing: bool
        ) -> tuple[int, HTTPHeaders, bytes]:
            for name, value in headers_for_all.items():
                headers[name] = value
            return status_code, headers, chunk

    return SecurityHeaders


def install_security(app: tornado.web.Application, base_url: str) -> None:
    """Put the security transform first, so it runs before compression on every response;
    cookies tornado and Jupyter set live for this browser session only, ``SameSite``."""
    if not any(getattr(t, "__name__", "") == "SecurityHeaders" for t in app.transforms):
        app.transforms.insert(0, make_security_transform(base_url))
    # Voilà's application does not switch tornado's XSRF check on: Jupyter's handlers check
    # the token in their own prepare(), but our plain tornado handlers (the device endpoint,
    # the networks' homes) were not checked at all — a form on another site could post to
    # them. Now tornado checks every non-GET request (Jupyter's handlers defer to their own
    # check, which runs as before; the CSP report endpoint opts out).
    app.settings["xsrf_cookies"] = True
    # The _xsrf token: Strict (a missing one is simply issued anew), for this session.
    app.settings["xsrf_cookie_kwargs"] = {
        **app.settings.get("xsrf_cookie_kwargs", {}),
        "expires_days": None,
        "samesite": "Strict",
    }
    # The facilitator key is scrubbed from request logs like the resume code ("code").
    keys = list(app.settings.get("extra_log_scrub_param_keys", []))
    app.settings["extra_log_scrub_param_keys"] = [*keys, "sleutel", "pz_page", LINK_CODE]


def secure_xsrf_cookie(handler: tornado.web.RequestHandler) -> None:
    """``Secure`` on the ``_xsrf`` cookie this response sets, when served over HTTPS (tornado
    takes the cookie's attributes from app-wide settings, which cannot know the request)."""
    cookies = getattr(handler, "_new_cookie", None)
    name = handler.settings.get("xsrf_cookie_name", "_xsrf")
    if cookies is not None and name in cookies and is_https(handler.request):
        cookies[name]["secure"] = True


# -- the resume code and the facilitator key ----------------------------------------------


def key_cookie_name(session_code: str) -> str:
    return KEY_COOKIE_PREFIX + session_code


def secrets_from_address(query: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The query split into what stays in the address and the secrets in it."""
    kept: list[tuple[str, str]] = []
    found: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name in SECRET_PARAMS:
            found.setdefault(name, value)
        else:
            kept.append((name, value))
    return kept, found


def session_param(pairs: list[tuple[str, str]]) -> str | None:
    raw = next((value for name, value in pairs if name == "sessie"), "")
    return normalize_session_code(raw) if raw else None


def valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(c.isalnum() or c in "-_" for c in key)


def cookie_path(base_url: str) -> str:
    """Our cookies go with the pages (``voila/…``), not with the landing page."""
    return f"{base_url}voila/"


def set_secret_cookie(
    handler: tornado.web.RequestHandler, name: str, value: str, *, max_age: int | None
) -> None:
    handler.set_cookie(
        name,
        value,
        path=cookie_path(handler.settings.get("base_url", "/")),
        httponly=True,
        samesite="Lax",
        secure=is_https(handler.request),
        max_age=max_age,
    )


def code_max_age() -> int | None:
    days = config.remember_days()
    return days * 24 * 3600 if days > 0 else None


def remember_code(
    handler: tornado.web.RequestHandler, code: str, *, browser_session: bool = False
) -> bool:
    """Keep ``code`` in this browser: for the configured days, or (a young person's sheet
    without "onthoud mij") only until the browser closes."""
    normalized = normalize_code(code)
    if normalized is None:
        return False
    max_age = None if browser_session else code_max_age()
    set_secret_cookie(handler, CODE_COOKIE, normalized, max_age=max_age)
    return True


def remember_key(handler: tornado.web.RequestHandler, session_code: str, key: str) -> bool:
    if not valid_key(key):
        return False
    set_secret_cookie(
        handler,
        key_cookie_name(session_code),
        key,
        max_age=config.FACILITATOR_KEY_HOURS * 3600,
    )
    return True


def forget_device(handler: tornado.web.RequestHandler) -> list[str]:
    """Expire every cookie of ours the browser sent (the resume code, facilitator keys)."""
    path = cookie_path(handler.settings.get("base_url", "/"))
    names = [
        name
        for name in handler.request.cookies
        if name == CODE_COOKIE or name.startswith(KEY_COOKIE_PREFIX)
    ]
    for name in names:  # the attributes they were set with, so the browser matches them
        handler.clear_cookie(
            name, path=path, httponly=True, samesite="Lax", secure=is_https(handler.request)
        )
    return names


def take_secrets(handler: tornado.web.RequestHandler) -> None:
    """On a page request: keep secrets from the address in cookies, and give the kernel the
    secrets the cookies hold when the address has none (the query Voilà hands the kernel)."""
    request = handler.request
    kept, found = secrets_from_address(request.query)
    kept = [(name, value) for name, value in kept if name != LINK_CODE]
    session = session_param(kept)
    if "code" in found:
        # A code from a link is never remembered, nor bound to, on its own: the page offers
        # it and the person confirms (issue 27: a link planted someone else's identity).
        found[LINK_CODE] = found.pop("code")
    if CODE_COOKIE in request.cookies:
        found["code"] = request.cookies[CODE_COOKIE].value
    if session:
        cookie = key_cookie_name(session)
        if "sleutel" in found:
            remember_key(handler, session, found["sleutel"])
        elif cookie in request.cookies:
            found["sleutel"] = request.cookies[cookie].value
    pairs = kept + [(name, found[name]) for name in (*SECRET_PARAMS, LINK_CODE) if name in found]
    # Only what Voilà passes to the kernel changes; request.uri (and so the log) does not.
    request.query = urlencode(pairs)
    request.query_arguments = {}
    for name, value in pairs:
        request.query_arguments.setdefault(name, []).append(value.encode("utf-8"))
    request.arguments = {**request.query_arguments, **request.body_arguments}


# -- organisers ---------------------------------------------------------------------------


def is_local(request: HTTPServerRequest) -> bool:
    """A request from this machine, not passed on by a proxy: from a loopback address, to a
    loopback host name (a proxy passes the public ``Host`` on), with no forwarding header."""
    if any(name in request.headers for name in FORWARDING_HEADERS):
        return False
    host = request.host_name.strip("[]").lower()
    try:
        from_loopback = ipaddress.ip_address(request.remote_ip or "").is_loopback
    except ValueError:
        return False
    return from_loopback and is_loopback_address(host)


def organizer_page(path: str) -> bool:
    return path.lstrip("/") in ORGANIZER_PAGES


def may_organize(request: HTTPServerRequest) -> bool:
    """Creating sessions: with an organiser code anyone who knows it (the page asks for it),
    without one only from this machine."""
    return bool(config.organizer_code()) or is_local(request)


def is_loopback_address(ip: str) -> bool:
    """``localhost`` or a loopback IP address (what ``--ip`` listens on, or a ``Host``)."""
    if ip in ("localhost", ""):
        return ip == "localhost"
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


# -- handlers -----------------------------------------------------------------------------


class DeviceHandler(tornado.web.RequestHandler):
    """``POST voila/pleegzorg/device``: the page asks to remember the resume code it shows
    (``{"remember": CODE}``; with ``"session": true`` until the browser closes, as a young
    person's sheet does unless they ticked "onthoud mij") or to forget this device
    (``{"forget": true}``).

    tornado checks the ``_xsrf`` token (header ``X-XSRFToken``) before ``post`` runs."""

    def post(self) -> None:
        self.set_header("Cache-Control", "no-store")
        if len(self.request.body) > 1024:
            raise tornado.web.HTTPError(413)
        try:
            body: Any = json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400) from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(400)
        if body.get("forget") is True:
            forgotten = forget_device(self)
            self.finish({"forgotten": len(forgotten)})
            return
        code = body.get("remember")
        browser_session = body.get("session") is True
        if isinstance(code, str) and remember_code(self, code, browser_session=browser_session):
            self.finish({"remembered": True})
            return
        raise tornado.web.HTTPError(400)


class CspReportHandler(tornado.web.RequestHandler):
    """Where browsers report what the Content-Security-Policy blocked: logged (without the
    page's query string), so an operator sees an attack or a page that needs more."""

    def check_xsrf_cookie(self) -> None:  # browsers send reports without a token
        return

    def post(self) -> None:
        if len(self.request.body) <= 8192:
            try:
                report = json.loads(self.request.body or b"{}").get("csp-report", {})
            except (ValueError, AttributeError):
                report = {}
            if isinstance(report, dict):
                page = str(report.get("document-uri", "")).split("?", 1)[0]
                log.warning(
                    "CSP blocked %s (%s) on %s",
                    str(report.get("blocked-uri", ""))[:200],
                    str(report.get("violated-directive", ""))[:100],
                    page[:200],
                )
        self.set_status(204)
        self.finish()
