"""What a worksheet page asks its kernel for when it opens: every widget state in one message.

`benchmarks/arrivals.py` plays participants with exactly these messages (kernel info, then
ipywidgets 8's control comm); if the page ever fell back to asking widget by widget (one
request per model, ~146 on this worksheet), a room would cost the server thirty times more
and the benchmark would no longer measure what the page does.
"""

from __future__ import annotations

import pytest

from .pages import open_worksheet

pytestmark = [pytest.mark.browser]


def _text(payload: str | bytes) -> str:
    return payload if isinstance(payload, str) else payload.decode("utf-8", "replace")


def test_the_page_loads_every_widget_state_in_one_request(server, chromium) -> None:
    context = chromium.new_context()
    page = context.new_page()
    sent: list[str] = []
    received: list[str] = []

    def watch(ws) -> None:
        if "/channels" in ws.url:
            ws.on("framesent", lambda payload: sent.append(_text(payload)))
            ws.on("framereceived", lambda payload: received.append(_text(payload)))

    page.on("websocket", watch)
    open_worksheet(page, server.url + "voila/render/breakdown/informele-steun.ipynb")
    page.wait_for_timeout(1000)
    assert page.locator(".pz-question").count() == 11
    assert sum("request_states" in frame for frame in sent) == 1
    assert not any('"request_state"' in frame for frame in sent)
    assert any("jupyter.widget.control" in frame for frame in sent)
    assert len(sent) <= 6, len(sent)  # kernel info, control comm open/request/close
    assert sum("update_states" in frame for frame in received) == 1
    context.close()
