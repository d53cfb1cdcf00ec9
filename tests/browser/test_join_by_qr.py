"""Joining by scanning (issue 30): the QR code on the shared screen and on the page that
creates a session leads a phone to the session's worksheet. Decoded from screenshots with a
real QR decoder (zxing-cpp), as a phone camera would read them."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.store import open_store

from .conftest import ARTIFACTS
from .pages import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def decode_qr(png: bytes) -> list[str]:
    """Every QR code zxing-cpp reads in a screenshot."""
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    found = zxingcpp.read_barcodes(image)
    return [r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_participant_joins_by_the_qr_code_on_the_presenter_view(server, chromium, size) -> None:
    store = open_store(f"sqlite:///{server.db_path}")
    links = create_session(
        store,
        network_id="breakdown",
        worksheet_id="informele-steun",
        title="Regio West, in de zaal",
        base=server.url,
    )
    store.close()
    width, height = size
    screen = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    screen.goto(links.facilitator_url, timeout=90_000)
    expect(screen.locator(".pz-join-code")).to_have_text(links.session.code, timeout=90_000)
    screen.get_by_role("tab", name="Presentatie").click()
    corner = screen.locator(".pz-present-join")
    expect(corner).to_be_visible(timeout=15_000)
    expect(corner.locator(".pz-present-code")).to_have_text(links.session.code)
    box = corner.locator("svg").bounding_box()
    assert box is not None and box["width"] >= 200  # large enough for the back of a room
    shot = screen.screenshot()  # what the room sees first: the header's code
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"presenter-qr-{width}x{height}.png").write_bytes(shot)
    assert set(decode_qr(shot)) == {links.participant_url}
    # the presenter's corner on its own (scrolled into view, as the presenter shows it)
    read = decode_qr(corner.locator(".pz-qr").screenshot())
    assert read == [links.participant_url]  # the join link, never the facilitator key
    assert "sleutel" not in read[0]

    phone = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    open_worksheet(phone, read[0])
    expect(phone.locator(".pz-message")).to_contain_text("Regio West, in de zaal")
    phone.context.close()
    screen.context.close()


def test_the_page_that_creates_a_session_shows_its_qr_code(server, chromium) -> None:
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(server.url + "voila/render/facilitator/nieuwe-bijeenkomst.ipynb", timeout=90_000)
    page.wait_for_selector(".pz-create-session", timeout=90_000)
    page.locator(".pz-new-session input[type=text]").fill("Avond over puberteit")
    page.locator(".pz-create-session").click()
    code = page.locator(".pz-new-session-result .pz-join-code")
    expect(code).to_be_visible(timeout=30_000)
    qr = page.locator(".pz-new-session-result .pz-qr svg")
    expect(qr).to_be_visible()
    read = decode_qr(qr.screenshot())
    assert len(read) == 1 and read[0].startswith(server.url) and "sleutel" not in read[0]
    assert read[0].endswith(f"?sessie={code.inner_text().strip()}")
