"""Closed pages give their kernel back (stock Voilà leaks every one: voila#1458)."""

from __future__ import annotations

import time

import pytest

from .conftest import PREHEAT_LIMIT
from .pages import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEETS = PREHEAT_LIMIT  # one preheated kernel waits for each of the first worksheets


def wait_for_kernels(server, expected: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    count = server.kernel_count()
    while count != expected and time.monotonic() < deadline:
        time.sleep(0.5)
        count = server.kernel_count()
    return count


def test_closed_pages_leave_no_kernels_running(server, chromium) -> None:
    assert wait_for_kernels(server, WORKSHEETS, 90) == WORKSHEETS
    for _ in range(3):
        context = chromium.new_context()
        page = context.new_page()
        open_worksheet(page, server.url + "voila/render/breakdown/puberteit.ipynb")
        page.close(run_before_unload=True)
        context.close()
    # The pool refills after each visit; the visitors' own kernels must be gone.
    assert wait_for_kernels(server, WORKSHEETS, 30) == WORKSHEETS
