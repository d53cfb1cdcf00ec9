"""The kernel sockets' writes to a page that closed: retrieved, not logged as tracebacks."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest
import tornado.iostream
import tornado.websocket

from pleegzorg_lib.server.ownership import _quiet_when_closed


async def _failing(error: BaseException) -> None:
    raise error


def _run_and_collect(error: BaseException, caplog: pytest.LogCaptureFixture, quiet: bool) -> str:
    async def main() -> None:
        future = asyncio.ensure_future(_failing(error))
        if quiet:
            _quiet_when_closed(future)
        await asyncio.sleep(0.01)
        del future

    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        asyncio.run(main())
        gc.collect()
    return caplog.text


@pytest.mark.parametrize(
    "error",
    [tornado.websocket.WebSocketClosedError(), tornado.iostream.StreamClosedError()],
    ids=["websocket-closed", "stream-closed"],
)
def test_a_write_to_a_closed_page_leaves_no_traceback(error, caplog) -> None:
    # Without the wrapper asyncio reports the unretrieved exception (the CI log's traceback).
    assert "Task exception was never retrieved" in _run_and_collect(error, caplog, quiet=False)
    assert "Task exception was never retrieved" not in _run_and_collect(error, caplog, quiet=True)


def test_any_other_failed_write_is_still_reported(caplog) -> None:
    text = _run_and_collect(ValueError("kapot"), caplog, quiet=True)
    assert "could not be sent to its page" in text
    assert "kapot" in text


def test_a_closing_query_socket_removes_only_itself() -> None:
    """Voilà's own on_close deleted the last kernel id it looked at when the closing socket
    was no longer registered (its kernel had connected again): another page's waiter."""
    from voila.request_info_handler import RequestInfoSocketHandler

    from pleegzorg_lib.server.ownership import LocalRequestInfoSocketHandler

    old, new, other = (object.__new__(LocalRequestInfoSocketHandler) for _ in range(3))
    waiters = RequestInfoSocketHandler._waiters
    saved = dict(waiters)
    try:
        waiters.clear()
        waiters.update({"kernel-a": new, "kernel-b": other})  # kernel-a reconnected as `new`
        old.on_close()
        assert waiters == {"kernel-a": new, "kernel-b": other}
        new.on_close()
        assert waiters == {"kernel-b": other}
    finally:
        waiters.clear()
        waiters.update(saved)


def test_a_failed_cell_is_reported_in_the_log(caplog) -> None:
    from pleegzorg_lib.server.timeouts import log_cell_error

    with caplog.at_level(logging.ERROR):
        log_cell_error(
            cell={"source": "ws.finish()\n"},
            cell_index=7,
            execute_reply={
                "content": {
                    "ename": "ConnectionClosedError",
                    "evalue": "no close frame",
                    "traceback": ["\x1b[0;31mTraceback\x1b[0m", "  File x, line 1"],
                }
            },
        )
    assert "cell 7, ws.finish()" in caplog.text
    assert "ConnectionClosedError: no close frame" in caplog.text
    assert "\x1b" not in caplog.text
