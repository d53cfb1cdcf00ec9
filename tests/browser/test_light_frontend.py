"""The participant's page on our own front end: few, small, compressed requests; the prose
before the widgets; and what a participant sees when the connection goes."""

from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS
from .pages import PAGE_TIMEOUT_MS, open_worksheet, question, resume_code, type_open, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET = "voila/render/breakdown/puberteit.ipynb"


def test_a_worksheet_page_is_one_document_one_script_one_stylesheet(server, chromium) -> None:
    context = chromium.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_worksheet(page, server.url + WORKSHEET)
    page.wait_for_timeout(500)

    elsewhere = [u for u in urls.values() if not u.startswith((server.url, "data:"))]
    assert not elsewhere, f"requests that left the server: {elsewhere}"
    assert len(urls) <= 10, sorted(urls.values())
    scripts = [r for r in responses if r.request.resource_type == "script"]
    styles = [r for r in responses if r.request.resource_type == "stylesheet"]
    assert len(scripts) == 1 and len(styles) == 1, [r.url for r in responses]
    for asset in scripts + styles:
        headers = asset.all_headers()
        assert headers["content-encoding"] in ("br", "gzip")
        assert "immutable" in headers["cache-control"]
        assert "max-age=31536000" in headers["cache-control"]
        assert re.search(r"/page\.[A-Z0-9]{8}\.(js|css)$", asset.url)
    document = next(r for r in responses if r.request.resource_type == "document")
    assert document.all_headers().get("content-encoding") == "gzip"
    assert sum(sizes.values()) <= 400 * 1024, f"{sum(sizes.values()) / 1024:.0f} KiB on the wire"
    context.close()


def test_the_prose_and_title_are_on_the_page_before_any_script_runs(server, chromium) -> None:
    """A phone still downloading the script already shows what the worksheet is about."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + WORKSHEET, timeout=PAGE_TIMEOUT_MS)
    expect(page.locator("h1.pz-title")).to_have_text("Puberteit in het pleeggezin")
    expect(page.locator(".jp-RenderedMarkdown h2").first).to_be_visible()
    assert page.locator(".pz-widget[data-model-id]").count() >= 10  # a place per widget
    context.close()
    # Once the widgets are drawn, the kernel's header replaces the server's: one title.
    context = chromium.new_context()
    page = context.new_page()
    open_worksheet(page, server.url + WORKSHEET)
    expect(page.locator("h1.pz-title")).to_have_count(1)
    context.close()


def test_connection_lost_says_so_keeps_typed_text_and_reload_brings_it_back(
    server, chromium
) -> None:
    context = chromium.new_context()
    page = context.new_page()
    open_worksheet(page, server.url + WORKSHEET)
    type_open(page, "verandering", "Meer ruzie over schermtijd.")
    wait_saved(page, "verandering")
    code = resume_code(page)
    expect(page.locator(".pz-offline")).to_have_count(0)

    server.stop()  # the server goes (wifi gone, a restart): the page's kernel with it
    banner = page.locator(".pz-offline")
    expect(banner).to_be_visible(timeout=30_000)
    expect(banner).to_contain_text("Verbinding weg — je antwoorden tot nu toe zijn bewaard")
    expect(banner).to_have_attribute("role", "alert")
    # Typed while offline: stays in the field, not saved yet.
    field = question(page, "eerste-stap").locator("textarea")
    field.click()
    field.fill("Vaker samen eten, zonder telefoon.")
    expect(field).to_have_value("Vaker samen eten, zonder telefoon.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "connection-lost.png"))

    server.start()  # same port, same database
    page.get_by_role("button", name="Pagina opnieuw laden").click()
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
    assert "code=" not in page.url  # the resume code came back from its cookie
    assert resume_code(page) == code
    expect(question(page, "verandering").locator("textarea")).to_have_value(
        "Meer ruzie over schermtijd."
    )
    expect(question(page, "eerste-stap").locator("textarea")).to_have_value(
        "Vaker samen eten, zonder telefoon."
    )
    wait_saved(page, "eerste-stap")
    expect(page.locator(".pz-drafts-restored")).to_be_visible()
    context.close()

    with sqlite3.connect(server.db_path) as db:
        stored = db.execute(
            "SELECT value_json FROM pz_answers WHERE question_id = 'eerste-stap'"
        ).fetchall()
    assert stored and "Vaker samen eten, zonder telefoon." in stored[0][0]


def test_bundle_is_refused_under_any_other_name(server) -> None:
    for name in ("page.js", "../../conf.json", "frontend.json"):
        url = server.url + "voila/templates/pleegzorg/static/page/" + name
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=10)
        assert caught.value.code in (403, 404)
