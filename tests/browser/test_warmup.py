"""`session create --expect N` makes the running server warm N kernels, lets go of them as the
room comes in (keeping a spare), and of the rest after the session."""

from __future__ import annotations

import pytest

from pleegzorg_lib.server.warmup import baseline_paths
from pleegzorg_lib.store import open_store

from .test_kernels import WORKSHEETS, wait_for_kernels

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_expected_participants_get_warm_kernels(server) -> None:
    assert wait_for_kernels(server, WORKSHEETS, 90) == WORKSHEETS
    store = open_store(f"sqlite:///{server.db_path}")
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="Grote groep", expected=4
    )
    # puberteit now keeps four (one of them its baseline kernel, if it has one)
    warm_already = "breakdown/puberteit.ipynb" in baseline_paths(WORKSHEETS)
    expected = WORKSHEETS + 4 - (1 if warm_already else 0)
    assert wait_for_kernels(server, expected, 90) == expected
    # The room comes in: once all four have joined, one spare stays warm, not four more.
    for _ in range(4):
        participant, _code = store.create_participant(role_id="pleegouder")
        store.enrol(participant.id, "puberteit", session.code)
    spare = WORKSHEETS + (0 if warm_already else 1)
    assert wait_for_kernels(server, spare, 60) == spare
    store.set_expected(session.code, 0)
    assert wait_for_kernels(server, WORKSHEETS, 60) == WORKSHEETS
    store.close()
