"""Twenty participants open a worksheet at the same moment: slower, but nothing missing.

Off-the-shelf Voilà drops widget outputs under CPU load (nbclient's 4 s iopub_timeout);
workbooks/voila.json raises it, and this test finds every question on every page.
"""

from __future__ import annotations

import time

import pytest

# serial: it measures time or fills the machine on purpose; make test runs it alone
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]

VISITORS = 20
WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"
QUESTIONS = 11


def test_twenty_at_once_get_every_question(server, chromium) -> None:
    contexts = [chromium.new_context() for _ in range(VISITORS)]
    pages = [context.new_page() for context in contexts]
    started = time.monotonic()
    for page in pages:
        page.goto(server.url + WORKSHEET, wait_until="commit", timeout=120_000)
    ready = []
    for page in pages:
        page.wait_for_function(
            f"() => document.querySelectorAll('.pz-question').length === {QUESTIONS} && "
            "document.querySelector('.pz-resume-code .pz-code-value') !== null",
            timeout=180_000,
        )
        ready.append(time.monotonic() - started)
    codes = {page.locator(".pz-code-value").inner_text() for page in pages}
    print(f"{VISITORS} pages complete; slowest after {max(ready):.1f} s")
    assert len(codes) == VISITORS  # every visitor got their own participant
    for page in pages:
        assert page.locator(".pz-question textarea").count() == 4
    for context in contexts:
        context.close()
