"""`session create --expect N` makes the running server warm N kernels, and let go after."""

from __future__ import annotations

import pytest

from pleegzorg_lib.store import open_store

from .test_kernels import WORKSHEETS, wait_for_kernels

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_expected_participants_get_warm_kernels(server) -> None:
    assert wait_for_kernels(server, WORKSHEETS, 90) == WORKSHEETS
    store = open_store(f"sqlite:///{server.db_path}")
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="Grote groep", expected=4
    )
    # one kernel per worksheet, of which puberteit now keeps four
    assert wait_for_kernels(server, WORKSHEETS - 1 + 4, 90) == WORKSHEETS + 3
    store.set_expected(session.code, 0)
    assert wait_for_kernels(server, WORKSHEETS, 60) == WORKSHEETS
    store.close()
