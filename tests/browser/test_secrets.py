"""Secrets stay secret (issue 20): the resume code and the facilitator key leave the address
after the first load and live in HttpOnly cookies; no page tells another site where it was;
the Content-Security-Policy stops injected scripts; only this machine creates sessions when
no organiser code is set. In Chromium against a real ``pleegzorg serve``."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS, free_port
from .pages import (
    PAGE_TIMEOUT_MS,
    accept_link_code,
    open_worksheet,
    resume_code,
    type_open,
    wait_saved,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"  # preheated in test servers
OTHER_WORKSHEET = "voila/render/breakdown/puberteit.ipynb"  # started on request
LIVE = "voila/render/facilitator/live.ipynb"
NEW_SESSION = "voila/render/facilitator/nieuwe-bijeenkomst.ipynb"

#: Collects what the page's Content-Security-Policy blocks, from the first script on.
RECORD_VIOLATIONS = """
window.__pzViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__pzViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


class OutsideSite:
    """Another site (another origin) that records the Referer of every request it gets."""

    def __init__(self) -> None:
        self.referers: list[str | None] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if not self.path.startswith("/favicon"):  # the browser's own request
                    site.referers.append(self.headers.get("Referer"))
                body = b"<!DOCTYPE html><title>buiten</title><p id=out>elders</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://localhost:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


def make_participant(server, text: str) -> str:
    store = open_store(f"sqlite:///{server.db_path}")
    person, code = store.create_participant()
    store.enrol(person.id, "informele-steun", "")
    store.save_answer(person.id, "informele-steun", "ontmoeting-goed", text)
    store.close()
    return code


def history_urls(page) -> list[str]:
    """Every entry of the tab's history, walking back from the current one."""
    seen = [page.url]
    for _ in range(10):
        page.go_back(timeout=PAGE_TIMEOUT_MS)
        if page.url == seen[-1]:  # nothing further back
            break
        seen.append(page.url)
    return seen


def pz_cookies(context) -> dict[str, dict]:
    return {c["name"]: c for c in context.cookies() if c["name"].startswith("pz_")}


def test_the_resume_code_leaves_the_address_and_a_reload_and_another_tab_still_find_it(
    server, chromium
) -> None:
    code = make_participant(server, "Koffie met de buren")
    context = chromium.new_context()
    page = context.new_page()
    open_worksheet(page, server.url + WORKSHEET + f"?code={code}")
    accept_link_code(page, code)
    assert resume_code(page) == code  # still shown, to copy
    expect(page.locator(".pz-q-ontmoeting-goed textarea")).to_have_value("Koffie met de buren")
    page.wait_for_function("() => !location.search.includes('code=')", timeout=10_000)
    assert "code=" not in page.url

    # the page tells the server the code it now shows, which keeps it in a cookie
    deadline = time.monotonic() + 10
    while pz_cookies(context).get("pz_code", {}).get("value") != code:
        assert time.monotonic() < deadline, pz_cookies(context)
        time.sleep(0.2)
    cookie = pz_cookies(context)["pz_code"]
    assert cookie["value"] == code
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/voila/"
    days = (cookie["expires"] - time.time()) / 86400
    assert 6.9 < days <= 7.0, days
    assert page.evaluate("document.cookie").find(code) == -1  # scripts cannot read it

    page.reload()  # the address has no code: the cookie brings the answers back
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
    assert resume_code(page) == code
    expect(page.locator(".pz-q-ontmoeting-goed textarea")).to_have_value("Koffie met de buren")

    tab = context.new_page()  # another tab, the address as anyone would type it
    open_worksheet(tab, server.url + WORKSHEET)
    assert resume_code(tab) == code
    tab.close()

    # To the landing page and back: no history entry ever held the code.
    page.locator(".pz-topbar > a").first.click()
    page.wait_for_selector(".pz-landing-main", timeout=PAGE_TIMEOUT_MS)
    urls = history_urls(page)
    assert urls and not [u for u in urls if "code=" in u], urls
    context.close()


def test_a_new_participant_is_remembered_and_forget_this_device_forgets(server, chromium) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_worksheet(page, server.url + OTHER_WORKSHEET)
    code = resume_code(page)
    type_open(page, "verandering", "Meer ruzie over schermtijd.")
    wait_saved(page, "verandering")
    expect(page.locator(".pz-device")).to_contain_text("Op een gedeeld apparaat?")
    expect(page.locator(".pz-device")).to_contain_text("7 dagen")
    page.wait_for_function("() => document.body.classList.contains('pz-ready')")
    for _ in range(50):  # the page hands its new code to the server
        if pz_cookies(context).get("pz_code", {}).get("value") == code:
            break
        page.wait_for_timeout(100)
    assert pz_cookies(context)["pz_code"]["value"] == code

    page.reload()
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
    assert resume_code(page) == code
    expect(page.locator(".pz-q-verandering textarea")).to_have_value("Meer ruzie over schermtijd.")
    page.locator(".pz-device").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "forget-device-phone.png"))

    page.get_by_role("button", name="Dit apparaat vergeten").click()
    page.wait_for_selector(".pz-landing-main", timeout=PAGE_TIMEOUT_MS)
    expect(page.locator(".pz-alert-success")).to_contain_text("Dit apparaat is vergeten")
    assert "pz_code" not in pz_cookies(context)

    open_worksheet(page, server.url + OTHER_WORKSHEET)  # a stranger on the same device
    assert resume_code(page) != code
    expect(page.locator(".pz-q-verandering textarea")).to_have_value("")
    context.close()


def test_the_facilitator_key_leaves_the_address_and_reload_keeps_the_live_view(
    server, chromium
) -> None:
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store, network_id="breakdown", worksheet_id="informele-steun", base=server.url
    )
    store.close()
    join = links.session.code
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(links.facilitator_url, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator(".pz-join-code")).to_have_text(join, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function("() => !location.search.includes('sleutel=')", timeout=10_000)
    assert f"sessie={join}" in page.url and "sleutel" not in page.url
    key_cookie = pz_cookies(context)[f"pz_key_{join}"]
    assert key_cookie["httpOnly"] is True and key_cookie["sameSite"] == "Lax"
    assert (key_cookie["expires"] - time.time()) / 3600 <= 12

    page.reload()
    expect(page.locator(".pz-join-code")).to_have_text(join, timeout=PAGE_TIMEOUT_MS)
    assert page.locator(".pz-denied").count() == 0

    # Someone else with the address as it now stands (no key, no cookie) sees nothing.
    other = chromium.new_page()
    response = other.goto(page.url, timeout=PAGE_TIMEOUT_MS)
    assert response is not None and response.status == 403  # refused before any kernel
    expect(other.locator("body")).to_contain_text("alleen voor de gespreksbegeleider")
    assert other.locator(".pz-join-code").count() == 0
    other.close()
    context.close()

    log = server.log_path.read_text(errors="replace")
    assert links.key not in log


def test_no_secret_reaches_another_site_and_the_policy_stops_injected_scripts(
    server, chromium
) -> None:
    outside = OutsideSite()
    code = make_participant(server, "Samen wandelen")
    context = chromium.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    try:
        response = page.goto(server.url + WORKSHEET + f"?code={code}", timeout=PAGE_TIMEOUT_MS)
        headers = response.all_headers()
        assert headers["referrer-policy"] == "no-referrer"
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
        type_open(page, "ontmoeting-goed", "Samen wandelen en koken")
        wait_saved(page, "ontmoeting-goed")
        # The page itself needs nothing the policy forbids.
        assert page.evaluate("window.__pzViolations") == []

        # An injected inline script and an inline event handler do not run; both are seen.
        page.evaluate(
            """() => {
              const s = document.createElement("script");
              s.textContent = "window.__pzInjected = 1";
              document.body.appendChild(s);
              const d = document.createElement("div");
              d.innerHTML = '<img src="data:," onerror="window.__pzInjected = 2">';
              document.body.appendChild(d);
            }"""
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pzInjected") is None
        violations = page.evaluate("window.__pzViolations")
        assert any(v.startswith("script-src") for v in violations), violations
        # A script cannot send the page's data to another site either.
        sent = page.evaluate(
            """async (url) => {
              try { await fetch(url); return "sent"; } catch (e) { return "blocked"; }
            }""",
            outside.url + "steel",
        )
        assert sent == "blocked"
        assert outside.referers == []

        # A link to another site: it learns nothing about where the visitor came from.
        page.evaluate(
            """(url) => {
              const a = document.createElement("a");
              a.href = url; a.id = "pz-outside"; a.textContent = "elders";
              document.body.prepend(a);
            }""",
            outside.url + "pagina",
        )
        page.locator("#pz-outside").click()
        page.wait_for_selector("#out", timeout=10_000)
        assert outside.referers == [None]
        assert page.evaluate("document.referrer") == ""
    finally:
        context.close()
        outside.close()

    # The browser reported the blocked script to the server, which logged it without the query.
    deadline = time.monotonic() + 10
    log = ""
    while time.monotonic() < deadline:
        log = server.log_path.read_text(errors="replace")
        if "CSP blocked" in log:
            break
        time.sleep(0.3)
    assert "CSP blocked" in log
    assert code not in log


def test_every_response_carries_the_headers(server) -> None:
    paths = ["", WORKSHEET, "voila/templates/pleegzorg/static/pleegzorg.css", "bestaat-niet"]
    for path in paths:
        try:
            with urllib.request.urlopen(server.url + path, timeout=60) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path


def test_sessions_are_created_only_from_this_machine_without_an_organiser_code(
    server, chromium
) -> None:
    proxied = urllib.request.Request(
        server.url + NEW_SESSION, headers={"X-Forwarded-For": "203.0.113.7"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(proxied, timeout=60)
    assert refused.value.code == 403
    body = refused.value.read().decode()
    assert "alleen op de computer waarop hij draait" in body
    assert "PLEEGZORG_ORGANIZER_CODE" in body

    page = chromium.new_page()  # on this machine it works
    page.goto(server.url + NEW_SESSION, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator(".pz-create-session")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    page.close()
