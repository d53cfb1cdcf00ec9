"""Session-aware warm-up: which worksheets keep how many kernels ready, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pleegzorg_lib.server.warmup import MAX_POOL, desired_pool_sizes

PATH = "breakdown/puberteit.ipynb"


def test_a_session_expecting_people_warms_its_worksheet(store) -> None:
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="a", expected=12)
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="b", expected=30)
    store.create_session(network_id="breakdown", worksheet_id="informele-steun", title="c")
    assert desired_pool_sizes(store) == {PATH: 30}


def test_warm_up_ends_after_the_session(store) -> None:
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="a", expected=8)
    later = datetime.now(UTC) + timedelta(hours=7)
    assert desired_pool_sizes(store, now=later) == {}


def test_dated_sessions_warm_on_their_day_only(store) -> None:
    tomorrow = date.today() + timedelta(days=1)
    store.create_session(
        network_id="breakdown",
        worksheet_id="puberteit",
        title="morgen",
        date=tomorrow.isoformat(),
        expected=20,
    )
    assert desired_pool_sizes(store) == {}
    on_the_day = datetime.combine(tomorrow, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    assert desired_pool_sizes(store, now=on_the_day) == {PATH: 20}


def test_pools_are_capped(store) -> None:
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="x", expected=150
    )
    assert desired_pool_sizes(store) == {PATH: MAX_POOL}
    store.set_expected(session.code, 0)
    assert desired_pool_sizes(store) == {}
